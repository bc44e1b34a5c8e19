// Activation: cheap by design. Nothing here loads the Azure SDK (it loads on the first live call, see
// src/sources/live/sdk-loader.ts); the estate loads when the Private Link view first asks for its children.
import * as vscode from 'vscode';
import { azureSdkLoaded, createLog, noteAzureSdk } from './log';
import { DesignWorkspace } from './design-workspace';
import { DesignDiagnostics } from './diagnostics';
import { DesignCodeActions } from './code-actions';
import { EstateController } from './estate';
import { EstateTree } from './tree';
import { registerCommands, type Ctx } from './commands';
import { affects } from './config';
import { disposeProbeOutput } from './probe-command';

/** Documents the linter looks at; the Bicep extension's own language ids are the same. */
export const DESIGN_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'bicep' },
  { scheme: 'file', language: 'bicep-params' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'terraform' },
  { scheme: 'file', language: 'terraform-vars' },
];

/** Returned from activate only under test (extension tests, or PLREVIEW_TEST_API=1): internals to assert on. */
export interface TestApi {
  readonly ctx: Ctx;
  azureSdkLoaded(): boolean;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const started = Date.now();
  const log = createLog();
  const workspace = new DesignWorkspace(log);
  const design = new DesignDiagnostics(workspace, log, context.extensionUri);
  const estate = new EstateController(log);
  const tree = new EstateTree(estate, log);
  const ctx: Ctx = { log, estate, design, tree };
  context.subscriptions.push(
    log,
    workspace,
    design,
    estate,
    tree,
    { dispose: disposeProbeOutput },
    vscode.languages.registerCodeActionsProvider(DESIGN_SELECTOR, new DesignCodeActions(design), {
      providedCodeActionKinds: DesignCodeActions.kinds,
    }),
    ...registerCommands(ctx),
    vscode.workspace.onDidChangeConfiguration((e) => {
      const estateSettings = ['estateFile', 'subscriptions', 'armEndpoint', 'armCaFile', 'cloud', 'tenant', 'test.fakeCredential'];
      if (estateSettings.some((key) => affects(e, key)) && tree.hasBeenShown) void estate.refresh();
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
