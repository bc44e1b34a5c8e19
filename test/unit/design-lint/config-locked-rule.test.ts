// Issue 12: a .plreview.yaml that tries to switch off or re-level analysis-incomplete or coverage-incomplete was
// silently ignored, so the user believed a setting that never applied. Now each such entry is a warning
// (config-locked-rule) at its line of .plreview.yaml, in lint and audit (text, JSON, SARIF) and in the language
// server's diagnostics; the fail-closed rules keep their severity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { parseConfig } from '../../../src/config/config';
import { allRuleIds } from '../../../src/rules/registry';
import { memoryIo } from '../../support/cli';
import { LspTestClient } from '../../support/lsp-client';

let scratch = '';
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'plr-locked-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

async function run(cwd: string, ...args: string[]) {
  const io = memoryIo(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

// Line 4 switches analysis-incomplete off, line 5 re-levels coverage-incomplete; line 3 is an ordinary setting.
const CONFIG = ['# team settings', 'rules:', '  required-tags-missing: warning', '  analysis-incomplete: off', '  coverage-incomplete: warning', ''].join('\n');
// A module the design names but that does not exist: analysis-incomplete must stay an error.
const DESIGN = "module net './network.bicep' = { name: 'net' }\n";
// A snapshot that recorded its only subscription as not read: coverage-incomplete must stay an error.
const SNAPSHOT = JSON.stringify({ value: [], coverage: [{ scope: '00000000-0000-0000-0000-0000000000aa', kind: 'subscription', status: 'failed', reason: '403 AuthorizationFailed' }] });

test('parseConfig ignores the entries and says where they are written', () => {
  const parsed = parseConfig(CONFIG, allRuleIds());
  assert.deepEqual(parsed.config.severities, { 'required-tags-missing': 'warning' });
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(
    parsed.lockedRules.map((l) => [l.ruleId, l.value, l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character]),
    [
      ['analysis-incomplete', 'off', 3, 2, 3, 26],
      ['coverage-incomplete', 'warning', 4, 2, 4, 30],
    ],
  );
  // Saying what the rule is anyway changes nothing and is not reported.
  assert.deepEqual(parseConfig('rules:\n  coverage-incomplete: error\n', allRuleIds()).lockedRules, []);
});

test('lint: a warning at the line of .plreview.yaml in text, JSON and SARIF; analysis-incomplete stays an error', async () => {
  const dir = folder('lint', { '.plreview.yaml': CONFIG, 'main.bicep': DESIGN });
  const json = await run(dir, 'lint', '--format', 'json');
  assert.equal(json.code, 1, 'analysis-incomplete still fails the run');
  const findings = (JSON.parse(json.out) as { findings: { ruleId: string; severity: string; file: string; line: number; message: string }[] }).findings;
  assert.deepEqual(
    findings.map((f) => `${f.ruleId}:${f.severity}:${f.file}:${f.line}`).sort(),
    ['analysis-incomplete:error:main.bicep:1', 'config-locked-rule:warning:.plreview.yaml:4', 'config-locked-rule:warning:.plreview.yaml:5'],
  );
  const locked = findings.find((f) => f.line === 4 && f.ruleId === 'config-locked-rule')!;
  assert.match(locked.message, /'analysis-incomplete: off' is ignored: analysis-incomplete cannot be switched off or re-levelled/);
  assert.match(locked.message, /fail closed/);

  const text = await run(dir, 'lint');
  assert.match(text.out, /\.plreview\.yaml:4:3.*config-locked-rule/);

  const sarif = JSON.parse((await run(dir, 'lint', '--format', 'sarif')).out);
  const results = sarif.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
  const where = results.filter((r) => r.ruleId === 'config-locked-rule').map((r) => `${r.level}:${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`);
  assert.deepEqual(where.sort(), ['warning:.plreview.yaml:4', 'warning:.plreview.yaml:5']);
  assert.ok((sarif.runs[0].tool.driver.rules as { id: string }[]).some((r) => r.id === 'config-locked-rule'), 'the rule is described');
  assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false, 'still incomplete');
});

test('audit: coverage-incomplete stays an error and the ignored entry is reported in text, JSON and SARIF', async () => {
  const dir = folder('audit', { '.plreview.yaml': CONFIG, 'estate.json': SNAPSHOT });
  const json = await run(dir, 'audit', '--estate', 'estate.json', '--format', 'json');
  assert.equal(json.code, 1, 'the subscription not read still fails the audit');
  const findings = (JSON.parse(json.out) as { findings: { ruleId: string; severity: string; resourceId: string; message: string }[] }).findings;
  assert.ok(findings.some((f) => f.ruleId === 'coverage-incomplete' && f.severity === 'error'), JSON.stringify(findings));
  const locked = findings.filter((f) => f.ruleId === 'config-locked-rule');
  assert.deepEqual(locked.map((f) => `${f.severity}:${f.resourceId.endsWith('.plreview.yaml:5') || f.resourceId.endsWith('.plreview.yaml:4')}`), ['warning:true', 'warning:true']);
  assert.match(locked.find((f) => f.message.includes("'coverage-incomplete: warning'"))!.message, /--allow-partial/);

  const text = await run(dir, 'audit', '--estate', 'estate.json');
  assert.match(text.out, /^\.plreview\.yaml:5:3: warning config-locked-rule: 'coverage-incomplete: warning' is ignored/m);

  const sarif = JSON.parse((await run(dir, 'audit', '--estate', 'estate.json', '--format', 'sarif')).out);
  assert.ok((sarif.runs[0].results as { ruleId: string; level: string }[]).some((r) => r.ruleId === 'config-locked-rule' && r.level === 'warning'));
  assert.ok((sarif.runs[0].results as { ruleId: string; level: string }[]).some((r) => r.ruleId === 'coverage-incomplete' && r.level === 'error'));
});

test('evidence: the ignored entry is said on stderr, and the bundle still fails closed', async () => {
  const dir = folder('evidence', { '.plreview.yaml': CONFIG, 'estate.json': SNAPSHOT });
  const result = await run(dir, 'evidence', '--estate', 'estate.json', '--out', join(dir, 'bundle'));
  assert.equal(result.code, 1);
  assert.match(result.err, /\.plreview\.yaml:5:3: warning config-locked-rule: 'coverage-incomplete: warning' is ignored/);
});

test('language server: a warning diagnostic on the entry in .plreview.yaml', async () => {
  const dir = folder('lsp', { '.plreview.yaml': CONFIG, 'main.bicep': DESIGN });
  const client = await LspTestClient.start(dir);
  try {
    await client.open(join(dir, 'main.bicep'), DESIGN);
    const diagnostics = await client.diagnostics(join(dir, '.plreview.yaml'), (d) => d.filter((x) => x.code === 'config-locked-rule').length === 2);
    const locked = diagnostics.filter((d) => d.code === 'config-locked-rule');
    assert.deepEqual(locked.map((d) => [d.severity, d.range.start.line]).sort(), [[2, 3], [2, 4]]);
    assert.ok(locked.every((d) => d.source === 'private-link-review'));
    assert.match(locked[0].codeDescription?.href ?? '', /docs\/rules\/config-locked-rule\.md$/);
    // The design file still gets its analysis-incomplete error.
    await client.diagnostics(join(dir, 'main.bicep'), (d) => d.some((x) => x.code === 'analysis-incomplete' && x.severity === 1));
  } finally {
    await client.stop();
  }
});
