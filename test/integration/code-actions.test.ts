import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticOf, fileIn, ourDiagnostics, ruleOf, testApi, waitFor } from './helpers';

async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}

describe('quick fixes', () => {
  before(async () => {
    await testApi();
  });

  afterEach(async () => {
    // Leave the fixture as it was for the next test.
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.isDirty) {
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    }
  });

  it('replaces a wrong group id with redisCache, and the finding disappears', async () => {
    const uri = fileIn('bicep', 'cache.bicep');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostic = await diagnosticOf(uri, 'group-id-mismatch');
    const actions = await codeActions(uri, diagnostic.range);
    const fix = actions.find((a) => /redisCache/.test(a.title) && a.edit);
    assert.ok(fix, `expected a quick fix naming redisCache; got: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(document.getText(diagnostic.range.with({ end: diagnostic.range.start.translate(0, "'redisCache'".length) })), "'redisCache'");
    const deadline = Date.now() + 10_000;
    while (ourDiagnostics(uri).some((d) => ruleOf(d) === 'group-id-mismatch')) {
      assert.ok(Date.now() < deadline, 'group-id-mismatch is still reported after the fix');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('offers "Disable <rule> for this line", which writes the suppression comment', async () => {
    const uri = fileIn('yaml', 'pricing.plink.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostic = await diagnosticOf(uri, 'dns-zone-link-missing');
    const actions = await codeActions(uri, diagnostic.range);
    const disable = actions.find((a) => a.title === 'Disable dns-zone-link-missing for this line');
    assert.ok(disable?.edit, `expected the suppression action; got: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    const line = diagnostic.range.start.line;
    assert.match(document.lineAt(line).text, /^\s*# plreview-disable-next-line dns-zone-link-missing$/);
    const deadline = Date.now() + 10_000;
    while (ourDiagnostics(uri).some((d) => ruleOf(d) === 'dns-zone-link-missing' && d.range.start.line === line + 1)) {
      assert.ok(Date.now() < deadline, 'the suppressed finding is still reported');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});

describe('typing keeps squiggles and fixes in place (incremental analysis)', () => {
  afterEach(async () => {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.isDirty) {
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    }
  });

  it('after keystrokes above, below and inside other declarations, the finding moves with its text and its fix still lands', async () => {
    await testApi();
    const uri = fileIn('bicep', 'cache.bicep');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const before = await diagnosticOf(uri, 'group-id-mismatch');
    // One keystroke at a time, each given time to be linted, so every analysis builds on the previous one.
    const type = async (position: vscode.Position, text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, position, text);
      assert.ok(await vscode.workspace.applyEdit(edit));
      await new Promise((resolve) => setTimeout(resolve, 450));
    };
    const lineOne = document.offsetAt(new vscode.Position(1, 0));
    const note = '// a note\n';
    for (let i = 0; i < note.length; i++) await type(document.positionAt(lineOne + i), note[i]);
    await type(new vscode.Position(document.lineCount - 1, 0), 'var unused = 1\n');
    await type(document.positionAt(document.getText().indexOf("'10.0.1.0/24'") + 1), '1');
    const moved = await waitFor('the group-id-mismatch diagnostic one line lower', () =>
      ourDiagnostics(uri).find((d) => ruleOf(d) === 'group-id-mismatch' && d.range.start.line === before.range.start.line + 1),
    );
    assert.equal(document.getText(moved.range), "'redisEnterprise'");
    assert.equal(moved.range.start.character, before.range.start.character);

    const actions = await codeActions(uri, moved.range);
    const fix = actions.find((a) => /redisCache/.test(a.title) && a.edit);
    assert.ok(fix?.edit, `expected the group id fix after typing; got: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(moved.range.with({ end: moved.range.start.translate(0, "'redisCache'".length) })), "'redisCache'");
    assert.match(document.getText(), /^\/\/ a note$/m);
    const deadline = Date.now() + 10_000;
    while (ourDiagnostics(uri).some((d) => ruleOf(d) === 'group-id-mismatch')) {
      assert.ok(Date.now() < deadline, 'group-id-mismatch is still reported after the fix');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
