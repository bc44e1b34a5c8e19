// Activation: cheap by design. Nothing here loads the Azure SDK (it loads on the first live call, see
// src/sources/live/sdk-loader.ts); the estate loads when the Private Link view first asks for its children.
import * as vscode from 'vscode';
import { azureSdkLoaded, createLog, noteAzureSdk } from './log';
import { DesignLanguageClient } from './language-client';
import { EstateController } from './estate';
import { EstateTree } from './tree';
import { registerCommands, type Ctx } from './commands';
import { affects } from './config';
import { disposeProbeOutput } from './probe-command';

/** Returned from activate only under test (extension tests, or PLREVIEW_TEST_API=1): internals to assert on. */
export interface TestApi {
  readonly ctx: Ctx;
  azureSdkLoaded(): boolean;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const started = Date.now();
  const log = createLog();
  // Design files are analysed by the language server, in its own process (language-client.ts).
  const design = new DesignLanguageClient(context, log);
  const estate = new EstateController(log);
  const tree = new EstateTree(estate, log);
  const ctx: Ctx = { log, estate, design, tree };
  context.subscriptions.push(
    log,
    design,
    estate,
    tree,
    { dispose: disposeProbeOutput },
    ...registerCommands(ctx),
    vscode.workspace.onDidChangeConfiguration((e) => {
      const estateSettings = ['estateFile', 'subscriptions', 'services', 'armEndpoint', 'armCaFile', 'cloud', 'tenant', 'test.fakeCredential'];
      if (estateSettings.some((key) => affects(e, key)) && tree.hasBeenShown) void estate.refresh();
    }),
    // Trust lets the workspace's restricted settings apply; .plreview.yaml sets the estate rules' configuration.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (tree.hasBeenShown) void estate.refresh();
    }),
    ...projectConfigWatchers(() => {
      if (tree.hasBeenShown) void estate.refresh();
    }),
    vscode.authentication.onDidChangeSessions((e) => {
      if ((e.provider.id === 'microsoft' || e.provider.id === 'microsoft-sovereign-cloud') && tree.hasBeenShown) void estate.refresh();
    }),
  );
  log.info(`activated in ${Date.now() - started} ms; Azure SDK ${azureSdkLoaded() ? 'already loaded' : 'not loaded'}`);
  noteAzureSdk(log, 'at activation');
  const testMode = context.extensionMode === vscode.ExtensionMode.Test || process.env.PLREVIEW_TEST_API === '1';
  return testMode ? { ctx, azureSdkLoaded } : undefined;
}

export function deactivate(): void {}

/** `.plreview.yaml` of the first workspace folder (the one the estate rules read) created, changed or deleted. */
function projectConfigWatchers(changed: () => void): vscode.Disposable[] {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return [];
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.plreview.yaml'));
  return [watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed)];
}
