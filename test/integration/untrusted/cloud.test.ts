// Issue 12: in an untrusted workspace the restricted settings (package.json restrictedConfigurations) come from
// the user only. The folder's .vscode/settings.json names AzureUSGovernment (test/integration/run.mjs writes
// it); its cache.bicep uses the commercial zone privatelink.redis.cache.windows.net, which is wrong in that
// cloud (dns-zone-mismatch). So the language server's diagnostics show which cloud reached it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnosticOf, ourDiagnostics, ruleOf, testApi, waitFor } from '../helpers';

describe('an untrusted workspace', () => {
  const folder = () => vscode.workspace.workspaceFolders![0];
  const bicep = () => vscode.Uri.joinPath(folder().uri, 'cache.bicep');
  const settings = () => vscode.workspace.getConfiguration('privateLinkReview');

  before(async () => {
    await testApi();
    await vscode.window.showTextDocument(bicep());
  });

  after(async () => {
    await settings().update('cloud', undefined, vscode.ConfigurationTarget.Global);
  });

  it('is opened in restricted mode, with a workspace setting naming another cloud', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'run.mjs must open this folder untrusted');
    const onDisk = JSON.parse(readFileSync(join(folder().uri.fsPath, '.vscode', 'settings.json'), 'utf8'));
    assert.equal(onDisk['privateLinkReview.cloud'], 'AzureUSGovernment');
    // What VS Code itself hands an extension here, recorded for the report (run.mjs prints it).
    const facts = process.env.PLREVIEW_ITEST_RESULTS?.replace(/\.json$/, '.facts.json');
    if (facts) writeFileSync(facts, JSON.stringify({ isTrusted: vscode.workspace.isTrusted, get: settings().get('cloud'), inspect: settings().inspect('cloud') }));
  });

  it("the language server does not judge designs in the workspace's cloud", async () => {
    // group-id-mismatch shows the file was analysed; in AzureUSGovernment the same run would add dns-zone-mismatch.
    await diagnosticOf(bicep(), 'group-id-mismatch', 30_000);
    const rules = ourDiagnostics(bicep()).map(ruleOf);
    assert.ok(!rules.includes('dns-zone-mismatch'), `the workspace's cloud reached the language server: ${rules.join(', ')}`);
  });

  it("the user's own cloud setting still applies (the server is told and asks again)", async () => {
    await settings().update('cloud', 'AzureUSGovernment', vscode.ConfigurationTarget.Global);
    await diagnosticOf(bicep(), 'dns-zone-mismatch', 30_000);
    await settings().update('cloud', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('dns-zone-mismatch to go once the user setting is removed', () => !ourDiagnostics(bicep()).some((d) => ruleOf(d) === 'dns-zone-mismatch') || undefined, 30_000);
  });
});
