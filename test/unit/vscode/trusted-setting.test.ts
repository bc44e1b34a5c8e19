import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explicitSettingValue } from '../../../src/config/trusted-setting';
import { repoRoot } from '../../support/paths';

// Issue 12: in an untrusted workspace, a repository's .vscode/settings.json must not choose the cloud the
// language server judges designs in, nor the estate file. The real-VS-Code suite runs in a trusted window
// (code-server --disable-workspace-trust), so the choice is pinned here, on the function src/vscode/config.ts
// calls with `inspect()` and `vscode.workspace.isTrusted`.

const inspected = { globalValue: 'AzureCloud', workspaceValue: 'AzureUSGovernment', workspaceFolderValue: 'AzureChinaCloud' };

test('an untrusted workspace: only the user-level value applies, never the workspace or folder value', () => {
  assert.equal(explicitSettingValue(inspected, false), 'AzureCloud');
  assert.equal(explicitSettingValue({ workspaceValue: 'AzureUSGovernment' }, false), undefined, 'a workspace-only value is not explicit');
  assert.equal(explicitSettingValue({ workspaceFolderValue: 'AzureChinaCloud' }, false), undefined);
});

test('a trusted workspace: the innermost value the user set (folder, workspace, user)', () => {
  assert.equal(explicitSettingValue(inspected, true), 'AzureChinaCloud');
  assert.equal(explicitSettingValue({ globalValue: 'AzureCloud', workspaceValue: 'AzureUSGovernment' }, true), 'AzureUSGovernment');
  assert.equal(explicitSettingValue({ globalValue: 'AzureCloud' }, true), 'AzureCloud');
  assert.equal(explicitSettingValue({}, true), undefined, 'nothing set: the default and .plreview.yaml decide');
  assert.equal(explicitSettingValue(undefined, true), undefined);
});

test('the settings read through the trust check are the ones package.json restricts', () => {
  const root = repoRoot();
  const restricted: string[] = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).capabilities.untrustedWorkspaces.restrictedConfigurations;
  const config = readFileSync(join(root, 'src', 'vscode', 'config.ts'), 'utf8');
  const viaTrust = [...config.matchAll(/restricted<[^>]+>\('([\w.]+)'\)/g)].map((m) => `privateLinkReview.${m[1]}`);
  assert.deepEqual(viaTrust.sort(), ['privateLinkReview.cloud', 'privateLinkReview.estateFile']);
  for (const key of viaTrust) assert.ok(restricted.includes(key), `${key} is read through the trust check but not restricted in package.json`);
  // The language server's cloud comes from the same function, not from a raw inspect() of its own.
  const client = readFileSync(join(root, 'src', 'vscode', 'language-client.ts'), 'utf8');
  assert.match(client, /cloud: explicitCloud\(\)/);
  assert.doesNotMatch(client, /inspect</);
  assert.match(client, /onDidGrantWorkspaceTrust/);
});
