import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { memoryIo } from '../../support/cli';
import { fixture } from '../../support/paths';

const cwd = fixture('design', 'cli');
let scratch = '';

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'plr-lint-cli-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

async function lint(args: string[], dir = cwd) {
  const io = memoryIo(dir);
  const code = await main(['lint', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

test('lint --format json prints exactly the documented shape, 1-based, files relative to the working directory', async () => {
  const { code, out } = await lint(['--format', 'json']);
  assert.equal(code, 1, 'an error-severity finding exits 1');
  const parsed = JSON.parse(out) as { findings: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(parsed), ['findings']);
  assert.equal(parsed.findings.length, 2);
  for (const f of parsed.findings) {
    assert.deepEqual(Object.keys(f), ['ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn']);
  }
  const groupId = parsed.findings.find((f) => f.ruleId === 'group-id-mismatch')!;
  assert.equal(groupId.severity, 'error');
  assert.equal(groupId.file, 'infra/cache.json');
  // Line 36, columns 17–34 hold "redisEnterprise" (quotes included) in the fixture.
  const lines = readFileSync(join(cwd, 'infra', 'cache.json'), 'utf8').split('\n');
  assert.equal(lines[(groupId.line as number) - 1].slice((groupId.column as number) - 1, (groupId.endColumn as number) - 1), '"redisEnterprise"');
  assert.equal(groupId.endLine, groupId.line);
});

test('lint text output is one compiler-style line per finding, then a summary', async () => {
  const { code, out } = await lint([]);
  assert.equal(code, 1);
  const lines = out.trimEnd().split('\n');
  assert.match(lines[0], /^infra\/cache\.json:18:32 warning public-network-access-enabled payments has private endpoint/);
  assert.match(lines[1], /^infra\/cache\.json:36:17 error group-id-mismatch Group id 'redisEnterprise' does not match payments/);
  assert.equal(lines[2], '');
  assert.equal(lines[3], '2 problems (1 error, 1 warning, 0 info) in 1 design file.');
});

test('lint names files as given on the command line', async () => {
  const { out } = await lint(['infra/cache.json', '--format', 'json']);
  assert.ok((JSON.parse(out) as { findings: { file: string }[] }).findings.every((f) => f.file === 'infra/cache.json'));
  const absolute = join(cwd, 'infra', 'cache.json');
  const { out: fromElsewhere } = await lint([absolute, '--format', 'json'], scratch);
  assert.ok((JSON.parse(fromElsewhere) as { findings: { file: string }[] }).findings.every((f) => f.file === absolute));
});

test('lint exits 0 when the configuration lowers every error (and prints config problems clearly)', async () => {
  const config = join(scratch, 'lenient.yaml');
  writeFileSync(config, 'rules:\n  group-id-mismatch: warning\n  public-network-access-enabled: off\n');
  const { code, out } = await lint(['--config', config, '--format', 'json']);
  assert.equal(code, 0);
  const findings = (JSON.parse(out) as { findings: { ruleId: string; severity: string }[] }).findings;
  assert.deepEqual(findings.map((f) => `${f.ruleId}:${f.severity}`), ['group-id-mismatch:warning']);

  const typo = join(scratch, 'typo.yaml');
  writeFileSync(typo, 'rules:\n  group-id-mismach: off\n');
  const { err } = await lint(['--config', typo]);
  assert.match(err, /unknown rule 'group-id-mismach'/);
});

test('lint with no findings exits 0 and says so', async () => {
  const { code, out } = await lint([fixture('design', 'cross', 'cache.json'), fixture('design', 'cross', 'dns.bicep')], scratch);
  assert.equal(code, 0);
  assert.equal(out, 'No problems in 2 design files.\n');
});

test('syntax errors are findings with rule id syntax-error (exit 1)', async () => {
  const { code, out } = await lint([fixture('design', 'arm', 'broken.json'), '--format', 'json'], scratch);
  assert.equal(code, 1);
  const findings = (JSON.parse(out) as { findings: { ruleId: string; line: number }[] }).findings;
  assert.ok(findings.some((f) => f.ruleId === 'syntax-error' && f.line === 9));
});

test('usage errors exit 2 with one line on stderr', async () => {
  for (const args of [['--format', 'xml'], ['no/such/folder'], ['--bogus'], [fixture('design', 'sarif-schema-2.1.0.json')], ['--config', join(scratch, 'missing.yaml')]]) {
    const { code, err, out } = await lint(args);
    assert.equal(code, 2, `${args.join(' ')} → ${err}`);
    assert.equal(err.trim().split('\n').length, 1, err);
    assert.match(err, /^plreview lint: /);
    assert.equal(out, '');
  }
});

test('lint --format sarif writes a SARIF log with the findings (validated against the schema in sarif.test)', async () => {
  const { code, out } = await lint(['--format', 'sarif']);
  assert.equal(code, 1);
  const log = JSON.parse(out) as { version: string; runs: { results: { ruleId: string }[] }[] };
  assert.equal(log.version, '2.1.0');
  assert.deepEqual(log.runs[0].results.map((r) => r.ruleId), ['public-network-access-enabled', 'group-id-mismatch']);
});

test('plreview --help lists lint; lint --help prints its usage', async () => {
  const io = memoryIo(cwd);
  assert.equal(await main(['--help'], io), 0);
  assert.match(io.stdout(), /lint\s+check Bicep, ARM JSON and YAML designs/);
  const help = memoryIo(cwd);
  assert.equal(await main(['lint', '--help'], help), 0);
  assert.match(help.stdout(), /--format, -f <text\|json\|sarif>/);
});
