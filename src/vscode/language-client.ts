// Design diagnostics and quick fixes come from the language server (dist/lsp-server.js, src/lsp/server.ts) in a
// process of its own, through vscode-languageclient: a hostile or broken design file can then stall or crash
// only that process, never the extension host that every other extension shares. The client starts when a
// design file is open or the workspace holds one; the protocol library loads only then, not at activation.
import * as vscode from 'vscode';
import type { LanguageClient } from './languageclient';
import type { CloudName, GraphData } from '../graph/types';
import type { Finding } from '../rules/types';
import { designFileGlob, classifyDesignFile } from '../sources/formats';
import { readSettings, affects, explicitCloud } from './config';
import { errorMessage, type Log } from './log';

export const DIAGNOSTIC_SOURCE = 'private-link-review';

/** One workspace folder's design analysis, as the server computed it (for evidence and "Lint Workspace"). */
export interface FolderAnalysis {
  readonly files: readonly string[];
  readonly findings: readonly Finding[];
  readonly graph: GraphData;
}

export class DesignLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (isDesignDocument(document)) void this.start();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // The server reads the settings it needs through workspace/configuration when told they changed.
        if (affects(e, 'lint.enabled') && readSettings().lintEnabled) void this.start();
      }),
      // Granting trust lets the workspace's restricted settings (its cloud) apply: the server asks again.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.settingsChanged()),
    );
    if (vscode.workspace.textDocuments.some(isDesignDocument)) void this.start();
    else void this.startIfWorkspaceHasDesigns();
  }

  /** Starts the server (once); resolves when it is ready. */
  start(): Promise<LanguageClient> {
    this.starting ??= this.launch().catch((error: unknown) => {
      this.starting = undefined;
      this.log.error(`the language server did not start: ${errorMessage(error)}`);
      throw error;
    });
    return this.starting;
  }

  get running(): boolean {
    return this.client !== undefined;
  }

  /** A workspace folder's design analysis, fresh (evidence export, "Lint Workspace"). */
  async analyseFolder(folder: vscode.WorkspaceFolder): Promise<FolderAnalysis> {
    const client = await this.start();
    return client.sendRequest<FolderAnalysis>('privateLinkReview/analyseFolder', { uri: folder.uri.toString() });
  }

  /** Tells a running server to read its settings again (workspace/configuration). */
  private async settingsChanged(): Promise<void> {
    await this.client?.sendNotification('workspace/didChangeConfiguration', { settings: null }).catch((error: unknown) => {
      this.log.warn(`could not tell the language server that the settings changed: ${errorMessage(error)}`);
    });
  }

  async dispose(): Promise<void> {
    for (const d of this.disposables) d.dispose();
    await this.client?.stop().catch(() => undefined);
  }

  private async startIfWorkspaceHasDesigns(): Promise<void> {
    if ((vscode.workspace.workspaceFolders ?? []).length === 0) return;
    const found = await vscode.workspace.findFiles(designFileGlob(), '**/node_modules/**', 1);
    if (found.length > 0) void this.start();
  }

  private async launch(): Promise<LanguageClient> {
    const started = Date.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { LanguageClient: Client, TransportKind, RevealOutputChannelOn } = require('./languageclient') as typeof import('./languageclient');
    const module = this.context.asAbsolutePath('dist/lsp-server.js');
    const settings = readSettings();
    const client = new Client(
      'privateLinkReview',
      'Private Link Review (language server)',
      { run: { module, transport: TransportKind.ipc }, debug: { module, transport: TransportKind.ipc } },
      {
        // By file name, not language id: the files are ours whichever extension (Bicep, HashiCorp, YAML) owns them.
        documentSelector: [{ scheme: 'file', pattern: designFileGlob() }],
        diagnosticCollectionName: DIAGNOSTIC_SOURCE,
        outputChannel: this.log,
        revealOutputChannelOn: RevealOutputChannelOn.Never,
        // Push: the Problems panel shows every design file of the folder, open or not (cross-file findings).
        initializationOptions: { diagnostics: 'push', debounceMs: settings.debounceMs },
        middleware: {
          workspace: {
            // The cloud only when the user set it: otherwise the design's own `.plreview.yaml`/`cloud:` decides.
            configuration: (params) => params.items.map((item) => (item.section === 'privateLinkReview' ? serverSettings() : null)),
          },
        },
      },
    );
    client.onNotification('privateLinkReview/analysisStopped', (params: { message: string }) => {
      this.log.warn(params.message);
      void vscode.window.showWarningMessage(params.message);
    });
    await client.start();
    this.client = client;
    this.log.info(`language server started in ${Date.now() - started} ms`);
    return client;
  }
}

/** The settings the server asks for (workspace/configuration, section privateLinkReview). */
function serverSettings(): { cloud?: CloudName; lint: { enabled: boolean; debounceMs: number } } {
  const settings = readSettings();
  return { cloud: explicitCloud(), lint: { enabled: settings.lintEnabled, debounceMs: settings.debounceMs } };
}

function isDesignDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && classifyDesignFile(document.uri.fsPath, document.getText()) !== undefined;
}
