import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { memoryIo } from '../../support/cli';
import { repoRoot } from '../../support/paths';

// The bundled example the README demo lints: each deliberate mistake is found once, nothing else is.
test('examples/design: the demo workspace reports exactly its deliberate mistakes', async () => {
  const io = memoryIo(join(repoRoot(), 'examples', 'design'));
  assert.equal(await main(['lint', '--format', 'json'], io), 1);
  const findings = (JSON.parse(io.stdout()) as { findings: { ruleId: string; file: string; severity: string }[] }).findings;
  assert.deepEqual(
    findings.map((f) => `${f.file} ${f.severity} ${f.ruleId}`),
    [
      'arm/sessions.json warning required-tags-missing',
      'arm/sessions.json error dns-zone-mismatch',
      'infra/cache.bicep warning public-network-access-enabled',
      'infra/data.bicep error dns-zone-mismatch',
      'infra/dns.bicep error dns-zone-link-missing',
      'review/risk.plink.yaml error group-id-mismatch',
    ],
  );
  assert.equal(io.stderr(), '', 'the example configuration is valid and every file is analysed');
});

test('examples/design linted from the repository root uses the folder configuration', async () => {
  const io = memoryIo(repoRoot());
  assert.equal(await main(['lint', join('examples', 'design'), '--format', 'json'], io), 1);
  const findings = (JSON.parse(io.stdout()) as { findings: { ruleId: string; file: string }[] }).findings;
  assert.ok(findings.some((f) => f.ruleId === 'required-tags-missing'), 'requiredTags from examples/design/.plreview.yaml apply');
  assert.ok(findings.every((f) => f.file.startsWith(join('examples', 'design'))));
});
