// The Private Link view and its Export Evidence honour the workspace's .plreview.yaml exactly as the CLI does
// (issue 13: on the sample estate the editor reported 12 findings and 18 checks where the CLI reported 15 and
// 19; issue 12: Export Evidence ignored `evidenceTags`). The CLI runs here, in the same folder, on the same
// estate and configuration, and its output is the expectation: no number is written into this test.
// Named to run after tree.with-emulator: switching the view back to the live estate at the end loads the Azure
// SDK, which the snapshot tree tests assert has not happened yet.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_ID, folder, testApi, waitFor } from './helpers';

interface Finding {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
}

interface Bundle {
  readonly findings: Finding[];
  readonly rulesChecked: string[];
  readonly caches: { id: string; tags: unknown }[];
}

const key = (f: Finding) => `${f.ruleId} [${f.severity}] ${f.message}`;

describe('the view and Export Evidence honour .plreview.yaml as the CLI does (sample estate)', () => {
  const settings = () => vscode.workspace.getConfiguration('privateLinkReview');
  const extensionPath = () => vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
  const estate = () => join(extensionPath(), 'examples', 'estate');
  // The estate rules read the first workspace folder's .plreview.yaml, as the CLI reads ./.plreview.yaml.
  const workspace = () => folder('bicep').uri.fsPath;
  const configFile = () => join(workspace(), '.plreview.yaml');
  let scratch: string;

  /** `plreview <args>` with the working folder of the workspace, as a CI job in that repository runs it. */
  function plreview(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, [join(extensionPath(), 'bin', 'plreview.js'), ...args], {
      cwd: workspace(),
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', PLREVIEW_NOW: '2026-01-01T00:00:00Z' },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'plr-parity-'));
    // The example workspace's settings (required owner tag as a warning, one rule off), plus a tag outside the
    // default evidence allow-list, so a bundle that ignores `evidenceTags` differs from the CLI's.
    const example = readFileSync(join(extensionPath(), 'examples', 'design', '.plreview.yaml'), 'utf8');
    writeFileSync(configFile(), `${example.trimEnd()}\nevidenceTags: [owner, env]\n`);
    const api = await testApi();
    await settings().update('estateFile', estate(), vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('privateLinkReview.estate.focus');
    await api.ctx.estate.refresh();
    await waitFor('the snapshot to load', () => (api.ctx.estate.state === 'ready' ? true : undefined), 20_000);
  });

  after(async () => {
    rmSync(configFile(), { force: true });
    rmSync(scratch, { recursive: true, force: true });
    await settings().update('estateFile', undefined, vscode.ConfigurationTarget.Global);
  });

  it('the view shows the findings `plreview audit --estate` reports in the same folder', async () => {
    const cli = plreview(['audit', '--estate', estate(), '--format', 'json']);
    assert.ok(cli.status === 0 || cli.status === 1, `plreview audit exited ${cli.status}: ${cli.stderr}`);
    const expected = (JSON.parse(cli.stdout) as { findings: Finding[] }).findings.map(key).sort();
    assert.ok(expected.some((f) => f.startsWith('required-tags-missing [warning]')), 'the configuration requires an owner tag: the CLI must report it');
    const shown = (await testApi()).ctx.estate.estate!.findings.map(key).sort();
    assert.deepEqual(shown, expected, `view ${shown.length} findings, CLI ${expected.length}`);
  });

  it('Export Evidence writes the findings, checks and tag values `plreview evidence --estate` writes', async () => {
    const cli = plreview(['evidence', '--estate', estate(), '--out', join(scratch, 'cli')]);
    assert.equal(cli.status, 0, `plreview evidence exited ${cli.status}: ${cli.stderr}`);
    const expected = JSON.parse(readFileSync(join(scratch, 'cli', 'evidence.json'), 'utf8')) as Bundle;
    const outDir = join(scratch, 'editor');
    const written = await vscode.commands.executeCommand<{ outDir: string } | undefined>('privateLinkReview.exportEvidence', { scope: 'estate', outDir });
    assert.ok(written && existsSync(join(outDir, 'evidence.json')), 'Export Evidence wrote no bundle');
    const exported = JSON.parse(readFileSync(join(outDir, 'evidence.json'), 'utf8')) as Bundle;
    assert.deepEqual(exported.findings.map(key).sort(), expected.findings.map(key).sort());
    assert.deepEqual([...exported.rulesChecked].sort(), [...expected.rulesChecked].sort());
    assert.ok(!expected.rulesChecked.includes('vnet-injection-prefer-private-link'), 'the configuration turns this rule off');
    // evidenceTags: the `env` tag, not on the default allow-list, is recorded because .plreview.yaml names it.
    const tags = (b: Bundle) => Object.fromEntries(b.caches.map((c) => [c.id, c.tags]));
    assert.deepEqual(tags(exported), tags(expected));
    assert.match(JSON.stringify(tags(expected)), /"env":"prod"/, 'the CLI records the env tag named in evidenceTags');
  });
});
