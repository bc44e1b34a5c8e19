// `plreview lsp --stdio`: the Private Link rules as a Language Server Protocol server, for VS Code (through
// vscode-languageclient) and every LSP editor. Each design document is analysed with the other design files of
// its workspace folder, on open and on edit (debounced); diagnostics are pushed (publishDiagnostics), or pulled
// where the client asks for pull diagnostics; code actions are the quick fixes and the disable comments;
// hovers explain the finding under the cursor. It never touches Azure. The analysis runs in a worker thread
// (analysis-host.ts) so a runaway analysis can be stopped while the server keeps answering.

import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CLOUDS } from '../catalog/services';
import type { CloudName } from '../graph/types';
import type { DesignFile } from '../lint/design-file';
import { classifyDesignFile, designFileGlob } from '../sources/formats';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import { AnalysisHost, AnalysisStopped } from './analysis-host';
import { DesignFolders } from './design-folders';
import { DIAGNOSTIC_SOURCE, toDiagnostic, uriOf } from './to-protocol';
import { lockedRuleFindings } from '../config/config-findings';

/** Options a client may pass in `initializationOptions` (all optional). */
export interface ServerOptions {
  /** `push` (publishDiagnostics), `pull` (textDocument/diagnostic), or `auto`: pull when the client supports it. */
  readonly diagnostics?: 'push' | 'pull' | 'auto';
  /** Milliseconds after the last edit before analysing (default 300, as the extension's setting). */
  readonly debounceMs?: number;
  /** An analysis running longer than this is stopped (default 10,000). */
  readonly timeoutMs?: number;
  /** The cloud whose zones designs are judged against when no `.plreview.yaml` names one. */
  readonly cloud?: CloudName;
}

/** Settings read from `workspace/configuration` (section `privateLinkReview`), when the client has them. */
interface ClientSettings {
  readonly cloud?: CloudName;
  readonly lintEnabled: boolean;
  readonly debounceMs?: number;
}

const CONFIG_FILE = /(^|[\\/])\.plreview\.ya?ml$/i;

/** Tells the client (and its user) that an analysis was stopped; the extension shows it as a warning. */
export const ANALYSIS_STOPPED_NOTIFICATION = 'privateLinkReview/analysisStopped';

interface ScopeState {
  /** Diagnostics of the last analysis, per file. */
  readonly diagnostics: Map<string, Diagnostic[]>;
  /** Document versions the last analysis saw (a quick fix for another version would land in the wrong place). */
  readonly versions: Map<string, number>;
  /** Texts of the last analysis that finished: the files that changed since are the suspects of a runaway. */
  readonly lastGood: Map<string, string>;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const openText = (path: string) => documents.get(uriOf(path))?.getText();
  const folders = new DesignFolders(openText);
  const scopes = new Map<string, ScopeState>();
  /** Files left out after their analysis ran away, with the text that did it: they come back when they change. */
  const quarantined = new Map<string, string>();
  const timers = new Map<string, NodeJS.Timeout>();
  const generation = new Map<string, number>();
  const waiting = new Map<string, { promise: Promise<void>; resolve(): void }>();
  let options: ServerOptions = {};
  let settings: ClientSettings = { lintEnabled: true };
  let pull = false;
  let canRefresh = false;
  let canFetchConfiguration = false;
  let canFollowFolders = false;
  let canWatchFiles = false;
  let canRegisterConfiguration = false;
  let host: AnalysisHost;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    options = (params.initializationOptions ?? {}) as ServerOptions;
    host = new AnalysisHost(options.timeoutMs ?? 10_000);
    const roots = (params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri));
    if (roots.length === 0 && params.rootUri) roots.push(fileURLToPath(params.rootUri));
    folders.setRoots(roots);
    const supportsPull = params.capabilities.textDocument?.diagnostic !== undefined;
    pull = options.diagnostics === 'pull' || (options.diagnostics !== 'push' && supportsPull);
    canRefresh = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    canFetchConfiguration = params.capabilities.workspace?.configuration === true;
    canFollowFolders = params.capabilities.workspace?.workspaceFolders === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canRegisterConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    return {
      serverInfo: { name: TOOL_NAME, version: TOOL_VERSION },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        ...(pull ? { diagnosticProvider: { identifier: DIAGNOSTIC_SOURCE, interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  });

  connection.onInitialized(async () => {
    // Registered dynamically where the client can (VS Code, Neovim): files changed outside the editor.
    if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: designFileGlob() }, { globPattern: '**/.plreview.{yaml,yml}' }] }).catch(() => undefined);
    if (canFetchConfiguration && canRegisterConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'privateLinkReview' }).catch(() => undefined);
    }
    if (canFollowFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const current = (await connection.workspace.getWorkspaceFolders()) ?? [];
        folders.setRoots(current.map((f) => fileURLToPath(f.uri)));
        lintOpenDocuments();
      });
    }
    await refreshSettings();
    lintOpenDocuments();
  });

  async function refreshSettings(): Promise<void> {
    if (!canFetchConfiguration) return;
    const raw = (await connection.workspace.getConfiguration('privateLinkReview').catch(() => undefined)) as Record<string, unknown> | null | undefined;
    const lint = (raw?.lint ?? {}) as Record<string, unknown>;
    const cloud = CLOUDS.includes(raw?.cloud as CloudName) ? (raw?.cloud as CloudName) : undefined;
    settings = {
      cloud,
      lintEnabled: lint.enabled !== false,
      debounceMs: typeof lint.debounceMs === 'number' ? lint.debounceMs : undefined,
    };
  }

  const pathOf = (uri: string): string | undefined => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);
  const debounce = () => settings.debounceMs ?? options.debounceMs ?? 300;

  function isDesignOrConfig(document: TextDocument): boolean {
    const path = pathOf(document.uri);
    return path !== undefined && (CONFIG_FILE.test(path) || classifyDesignFile(path, document.getText()) !== undefined);
  }

  function lintOpenDocuments(): void {
    const roots = new Set<string>();
    for (const document of documents.all()) {
      const path = pathOf(document.uri);
      if (path && isDesignOrConfig(document)) roots.add(folders.scopeOf(path));
    }
    for (const root of roots) schedule(root, 0);
  }

  function documentChanged(document: TextDocument, delay: number): void {
    const path = pathOf(document.uri);
    if (!path || !isDesignOrConfig(document)) return;
    schedule(folders.scopeOf(path), delay);
  }

  documents.onDidOpen((e) => documentChanged(e.document, 0));
  documents.onDidChangeContent((e) => documentChanged(e.document, debounce()));
  documents.onDidSave((e) => documentChanged(e.document, 0));
  documents.onDidClose((e) => {
    const path = pathOf(e.document.uri);
    // A lone file (outside every folder) is no longer part of any design once closed: clear what it showed.
    if (path && !folders.isFolder(folders.scopeOf(path))) {
      scopes.delete(path);
      if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const touched = new Set<string>();
    for (const change of changes) {
      const path = pathOf(change.uri);
      if (!path) continue;
      folders.fileChanged(path, change.type !== FileChangeType.Changed);
      touched.add(folders.scopeOf(path));
    }
    // Only folders the user is looking at are analysed again when files change behind the editor.
    for (const scope of touched) if (scopes.has(scope)) schedule(scope, debounce());
  });

  connection.onDidChangeConfiguration(async () => {
    await refreshSettings();
    if (settings.lintEnabled) lintOpenDocuments();
    else clearAll();
  });

  /** Linting was turned off: nothing it said before stays on screen. */
  function clearAll(): void {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    for (const [scope, state] of scopes) {
      bump(scope);
      if (!pull) for (const path of state.diagnostics.keys()) void connection.sendDiagnostics({ uri: uriOf(path), diagnostics: [] });
    }
    scopes.clear();
    if (pull && canRefresh) void connection.languages.diagnostics.refresh();
  }

  function schedule(scope: string, delay: number): void {
    if (!settings.lintEnabled) return;
    clearTimeout(timers.get(scope));
    bump(scope); // a run still reading files is dropped
    if (!waiting.has(scope)) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      waiting.set(scope, { promise, resolve });
    }
    timers.set(
      scope,
      setTimeout(() => {
        timers.delete(scope);
        void run(scope).finally(() => {
          // Pull requests wait until no analysis of the folder is pending.
          if (timers.has(scope)) return;
          waiting.get(scope)?.resolve();
          waiting.delete(scope);
        });
      }, delay),
    );
  }

  function bump(scope: string): number {
    const next = (generation.get(scope) ?? 0) + 1;
    generation.set(scope, next);
    return next;
  }

  async function run(scope: string): Promise<void> {
    const mine = bump(scope);
    const stale = () => generation.get(scope) !== mine;
    const openPaths = documents.all().flatMap((d) => pathOf(d.uri) ?? []);
    const [{ files: allFiles, notRead }, loaded] = await Promise.all([folders.designFiles(scope, openPaths), folders.config(scope)]);
    if (stale()) return;
    for (const [path, text] of quarantined) if (allFiles.find((f) => f.path === path)?.text !== text) quarantined.delete(path);
    const files = allFiles.filter((f) => !quarantined.has(f.path));
    const versions = new Map<string, number>();
    for (const f of files) {
      const version = documents.get(uriOf(f.path))?.version;
      if (version !== undefined) versions.set(f.path, version);
    }
    const state = scopes.get(scope) ?? { diagnostics: new Map(), versions: new Map(), lastGood: new Map() };
    const config = { ...loaded.config, cloud: loaded.config.cloud ?? settings.cloud ?? options.cloud };
    let diagnostics: Map<string, Diagnostic[]> = new Map();
    if (files.length > 0 || notRead.length > 0) try {
      const result = await host.analyse(scope, folders.readRoot(scope), files, notRead, config);
      diagnostics = new Map(result.diagnostics);
      state.lastGood.clear();
      for (const f of files) state.lastGood.set(f.path, f.text);
      connection.console.log(`${scope}: ${files.length} design file(s), ${result.findingCount} finding(s) in ${result.millis} ms`);
    } catch (error) {
      if (!(error instanceof AnalysisStopped)) {
        connection.console.error(`analysing ${scope} failed: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      // Again, without the files that ran away (when there were any to leave out).
      if (stopped(scope, files, state, error) && !stale()) schedule(scope, 0);
      return;
    }
    if (stale()) return;
    for (const path of quarantined.keys()) if (folders.scopeOf(path) === scope) diagnostics.set(path, [quarantineDiagnostic()]);
    if (loaded.file) {
      // The file's problems, and each ignored attempt to switch off a fail-closed rule at its own line.
      const locked = lockedRuleFindings(loaded.file, loaded.lockedRules, 'design').flatMap((f) => (f.location.kind === 'file' ? [toDiagnostic(f, f.location.span)] : []));
      diagnostics.set(loaded.file, [...loaded.errors.map(configDiagnostic), ...locked]);
    }
    publish(scope, state, diagnostics);
    state.versions.clear();
    for (const [path, version] of versions) state.versions.set(path, version);
    scopes.set(scope, state);
  }

  /** A runaway analysis: the files that changed since the last one that finished are left out until they change. */
  function stopped(scope: string, files: readonly DesignFile[], state: ScopeState, error: Error): boolean {
    const suspects = files.filter((f) => state.lastGood.get(f.path) !== f.text);
    if (suspects.length === 0) {
      connection.console.error(`analysing ${scope} was stopped (${error.message}) though no file changed since it last finished`);
      return false;
    }
    for (const f of suspects) quarantined.set(f.path, f.text);
    const names = suspects.slice(0, 3).map((f) => f.path);
    const more = suspects.length > names.length ? ` and ${suspects.length - names.length} more` : '';
    const message = `Private Link Review stopped analysing ${names.join(', ')}${more}: the ${error.message}. The file is left out (marked analysis-incomplete) until it changes.`;
    connection.console.warn(message);
    void connection.sendNotification(ANALYSIS_STOPPED_NOTIFICATION, { files: suspects.map((f) => f.path), message });
    return true;
  }

  function publish(scope: string, state: ScopeState, diagnostics: Map<string, Diagnostic[]>): void {
    const previous = state.diagnostics;
    if (!pull) {
      for (const path of previous.keys()) if (!diagnostics.has(path)) void connection.sendDiagnostics({ uri: uriOf(path), diagnostics: [] });
      for (const [path, list] of diagnostics) void connection.sendDiagnostics({ uri: uriOf(path), diagnostics: list });
    }
    previous.clear();
    for (const [path, list] of diagnostics) previous.set(path, list);
    scopes.set(scope, state);
    if (pull && canRefresh) void connection.languages.diagnostics.refresh();
  }

  // Pull diagnostics: the answer waits for a pending analysis of the document's folder.
  connection.languages.diagnostics.on(async (params) => {
    const path = pathOf(params.textDocument.uri);
    if (!path) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const scope = folders.scopeOf(path);
    if (!scopes.has(scope) && !waiting.has(scope)) schedule(scope, 0);
    await waiting.get(scope)?.promise;
    return { kind: DocumentDiagnosticReportKind.Full, items: scopes.get(scope)?.diagnostics.get(path) ?? [] };
  });

  connection.onCodeAction(async (params) => {
    const path = pathOf(params.textDocument.uri);
    if (!path) return [];
    const scope = folders.scopeOf(path);
    const state = scopes.get(scope);
    const version = documents.get(params.textDocument.uri)?.version;
    // A fix computed against older text would land in the wrong place: wait for the next analysis.
    if (!state || (version !== undefined && state.versions.get(path) !== version)) return [];
    const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    return host.request({ kind: 'codeActions', scope, path, diagnostics: ours }).catch(() => []);
  });

  connection.onHover(async (params) => {
    const path = pathOf(params.textDocument.uri);
    if (!path || !scopes.has(folders.scopeOf(path))) return null;
    return host.request({ kind: 'hover', scope: folders.scopeOf(path), path, position: params.position }).catch(() => null);
  });

  // The editor's evidence export and "Lint Workspace": a folder's analysis now, as data.
  connection.onRequest('privateLinkReview/analyseFolder', async (params: { uri: string }) => {
    const scope = pathOf(params.uri);
    if (!scope) throw new Error(`not a file URI: ${params.uri}`);
    clearTimeout(timers.get(scope));
    timers.delete(scope);
    await run(scope);
    const analysis = scopes.has(scope) ? await host.request({ kind: 'folderAnalysis', scope }) : null;
    if (!analysis) throw new Error(`the design files of ${scope} could not be analysed (see the log)`);
    // Files left out after a runaway analysis are not covered: the evidence says so.
    const left = [...quarantined.keys()].filter((path) => folders.scopeOf(path) === scope);
    const notRead = left.map((path) => ({ scope: path, kind: 'file' as const, status: 'failed' as const, reason: 'its analysis ran past the time budget and was stopped' }));
    return { ...analysis, graph: { ...analysis.graph, coverage: [...analysis.graph.coverage, ...notRead] } };
  });

  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    host?.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

function quarantineDiagnostic(): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: 'analysis-incomplete',
    message: 'Not analysed: the analysis that included this file ran past its time budget and was stopped. Edit or save the file to try again.',
  };
}

function configDiagnostic(message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE, message };
}
