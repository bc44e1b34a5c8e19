import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, testApi } from './helpers';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    menus: { commandPalette: { command: string; when: string }[] };
  };
}

describe('commands', () => {
  before(async () => {
    await testApi();
  });

  it('registers every command the manifest declares, and only those', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as Manifest;
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('privateLinkReview.') && !c.includes('.estate.')).sort();
    assert.deepEqual(registered, declared);
    assert.ok(declared.length >= 11, `expected the 11 commands of the manifest, got ${declared.length}`);
  });

  it('hides the tree-only commands from the command palette', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as Manifest;
    const hidden = manifest.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command).sort();
    assert.deepEqual(hidden, [
      'privateLinkReview.copyResourceId',
      'privateLinkReview.openInPortal',
      'privateLinkReview.retrySubscription',
      'privateLinkReview.showFindings',
    ]);
  });

  it('activation did not load the Azure SDK', async () => {
    const api = await testApi();
    // The view has not been opened in this window and no live command ran yet.
    assert.equal(api.ctx.tree.hasBeenShown, false);
    assert.equal(api.azureSdkLoaded(), false);
  });
});
