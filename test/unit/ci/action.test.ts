// The GitHub Action (action.yml) runs scripts/ci/action.sh: run here as GitHub would run it, with INPUT_*
// variables and a $GITHUB_OUTPUT file, against the compiled CLI. Exit codes must be the CLI's contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../support/paths';

const root = repoRoot();

function runAction(inputs: Record<string, string>, cwd: string): { status: number | null; output: string; stdout: string; stderr: string } {
  const cli = join(cwd, '.plreview-cli.js');
  writeFileSync(cli, `require(${JSON.stringify(join(root, 'out', 'src', 'cli', 'index.js'))}).run();\n`);
  const outputFile = join(cwd, '.github-output');
  writeFileSync(outputFile, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PLREVIEW_CLI: cli, GITHUB_OUTPUT: outputFile, GITHUB_ACTION_PATH: root };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] = value;
  const run = spawnSync('bash', [join(root, 'scripts', 'ci', 'action.sh')], { cwd, env, encoding: 'utf8' });
  return { status: run.status, output: readFileSync(outputFile, 'utf8'), stdout: run.stdout, stderr: run.stderr };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plr-action-'));
  // The example's Redis chain only (the other examples are broken on purpose).
  mkdirSync(join(dir, 'infra'));
  for (const file of ['cache.bicep', 'dns.bicep', 'network.bicep']) cpSync(join(root, 'examples', 'design', 'infra', file), join(dir, 'infra', file));
  return dir;
}

test('action.yml passes every input to the run step, which runs scripts/ci/action.sh', () => {
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>;
    runs: { using: string; steps: { id?: string; env?: Record<string, string>; run?: string }[] };
  };
  assert.equal(action.runs.using, 'composite');
  const step = action.runs.steps.find((s) => s.id === 'run')!;
  assert.match(step.run ?? '', /scripts\/ci\/action\.sh/);
  const script = readFileSync(join(root, 'scripts', 'ci', 'action.sh'), 'utf8');
  for (const input of Object.keys(action.inputs).filter((i) => i !== 'node-version')) {
    const variable = `INPUT_${input.toUpperCase().replace(/-/g, '_')}`;
    assert.equal(step.env?.[variable], `\${{ inputs.${input} }}`, `${input} reaches the step as ${variable}`);
    assert.ok(script.includes(variable), `action.sh reads ${variable}`);
  }
});

test('findings: exit 1, SARIF written with the finding, outputs set; fail-on-findings false keeps the step green', () => {
  const dir = workspace();
  try {
    const cache = join(dir, 'infra', 'cache.bicep');
    writeFileSync(cache, readFileSync(cache, 'utf8').replace("groupIds: ['redisCache']", "groupIds: ['redisEnterprise']"));
    const failing = runAction({ paths: 'infra', 'sarif-file': 'out.sarif' }, dir);
    assert.equal(failing.status, 1, failing.stderr);
    assert.match(failing.output, /^exit-code=1$/m);
    assert.match(failing.output, /^sarif-file=out\.sarif$/m);
    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    assert.ok(sarif.runs[0].results.some((r) => r.ruleId === 'group-id-mismatch'));
    assert.match(failing.stdout, /group-id-mismatch/, 'the findings are in the log as text too');

    const lenient = runAction({ paths: 'infra', 'sarif-file': 'out.sarif', 'fail-on-findings': 'false' }, dir);
    assert.equal(lenient.status, 0);
    assert.match(lenient.output, /^exit-code=1$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors fail even with fail-on-findings false (exit 2); a clean design passes (exit 0)', () => {
  const dir = workspace();
  try {
    const missing = runAction({ paths: 'no-such-folder', 'fail-on-findings': 'false' }, dir);
    assert.equal(missing.status, 2, missing.stderr);
    assert.match(missing.output, /^exit-code=2$/m);

    const cache = join(dir, 'infra', 'cache.bicep');
    writeFileSync(cache, readFileSync(cache, 'utf8').replace("publicNetworkAccess: 'Enabled'", "publicNetworkAccess: 'Disabled'"));
    const clean = runAction({ paths: 'infra' }, dir);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.output, /^exit-code=0$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the pre-commit hook runs plreview lint on the whole repository when a design file is staged', () => {
  const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string; pass_filenames: boolean }[];
  const hook = hooks.find((h) => h.id === 'plreview-lint')!;
  assert.equal(hook.entry, 'scripts/ci/pre-commit.sh lint');
  assert.equal(hook.pass_filenames, false);
  const files = new RegExp(hook.files);
  for (const name of ['infra/cache.bicep', 'main.bicepparam', 'azuredeploy.json', 'review.plink.yaml', 'main.tf', 'prod.tfvars']) assert.ok(files.test(name), name);
  assert.ok(!files.test('README.md'));
});
