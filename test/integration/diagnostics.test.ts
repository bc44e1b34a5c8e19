import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticOf, fileIn, ourDiagnostics, ruleOf, testApi, waitFor } from './helpers';

describe('design diagnostics', () => {
  before(async () => {
    await testApi();
  });

  it('Bicep: a wrong group id is an error on the group id, linked to its rule page', async () => {
    const uri = fileIn('bicep', 'cache.bicep');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostic = await diagnosticOf(uri, 'group-id-mismatch');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(diagnostic.range), "'redisEnterprise'");
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.match(code.target.path, /\/docs\/rules\/group-id-mismatch\.md$/);
    assert.match(diagnostic.message, /redisCache/);
  });

  it('ARM JSON: public network access left enabled next to a private endpoint is a warning', async () => {
    const uri = fileIn('arm', 'template.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostic = await diagnosticOf(uri, 'public-network-access-enabled');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.getText(diagnostic.range), '"Enabled"');
  });

  it('YAML design: a client network not linked to the zone is an error with related information', async () => {
    const uri = fileIn('yaml', 'pricing.plink.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostic = await diagnosticOf(uri, 'dns-zone-link-missing');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /vnet-api-weu/);
  });

  it('editing the file re-lints it: fixing the group id by hand clears the diagnostic', async () => {
    const uri = fileIn('bicep', 'cache.bicep');
    const document = await vscode.workspace.openTextDocument(uri);
    const diagnostic = await diagnosticOf(uri, 'group-id-mismatch');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, diagnostic.range, "'redisCache'");
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      await waitUntilGone(uri, 'group-id-mismatch');
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await diagnosticOf(uri, 'group-id-mismatch');
  });
});

describe('.plreview.yaml', () => {
  it('turning a rule off in the folder\'s .plreview.yaml clears its diagnostics; removing the file brings them back', async () => {
    await testApi();
    const uri = fileIn('yaml', 'pricing.plink.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticOf(uri, 'dns-zone-link-missing');
    const config = fileIn('yaml', '.plreview.yaml');
    await vscode.workspace.fs.writeFile(config, Buffer.from('rules:\n  dns-zone-link-missing: off\n'));
    try {
      await waitUntilGone(uri, 'dns-zone-link-missing');
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await diagnosticOf(uri, 'dns-zone-link-missing');
  });

  it('a malformed .plreview.yaml is reported on the file itself', async () => {
    const config = fileIn('yaml', '.plreview.yaml');
    await vscode.workspace.fs.writeFile(config, Buffer.from('rules:\n  no-such-rule: error\n'));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(config));
      const diagnostic = await waitForDiagnostic(config, (d) => /no-such-rule/.test(d.message));
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(config);
    }
  });
});

function waitForDiagnostic(uri: vscode.Uri, predicate: (d: vscode.Diagnostic) => boolean): Promise<vscode.Diagnostic> {
  return waitFor(`a diagnostic on ${uri.fsPath}`, () => ourDiagnostics(uri).find(predicate));
}

async function waitUntilGone(uri: vscode.Uri, ruleId: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (ourDiagnostics(uri).some((d) => ruleOf(d) === ruleId)) {
    if (Date.now() > deadline) throw new Error(`${ruleId} still reported on ${uri.fsPath}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('latency (reported, with a generous bound)', () => {
  it('a keystroke that introduces or removes a finding reaches the Problems collection within 5 s (debounce included)', async function () {
    await testApi();
    const uri = fileIn('bicep', 'cache.bicep');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const wrong = await diagnosticOf(uri, 'group-id-mismatch');
    const timings: number[] = [];
    try {
      for (let round = 0; round < 3; round++) {
        let started = Date.now();
        const fix = new vscode.WorkspaceEdit();
        fix.replace(uri, wrong.range, "'redisCache'");
        assert.ok(await vscode.workspace.applyEdit(fix));
        await waitUntilGone(uri, 'group-id-mismatch');
        timings.push(Date.now() - started);
        started = Date.now();
        const range = new vscode.Range(wrong.range.start, wrong.range.start.translate(0, "'redisCache'".length));
        const breakIt = new vscode.WorkspaceEdit();
        breakIt.replace(uri, range, "'redisEnterprise'");
        assert.ok(await vscode.workspace.applyEdit(breakIt));
        await diagnosticOf(uri, 'group-id-mismatch');
        timings.push(Date.now() - started);
      }
    } finally {
      if (document.isDirty) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    }
    const sorted = [...timings].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    // The number the closing note and README quote: edit → diagnostic in VS Code, through the language server.
    // The spec reporter prints the title when the test ends, so the figure lands in the suite's output.
    if (this.test) this.test.title += `: median ${median} ms over ${timings.length} edits (${timings.join(', ')} ms)`;
    assert.ok(median < 5_000, `median ${median} ms`);
  });
});
