// "Export Evidence…": the user picks the scope (the estate in the view or one of its subscriptions, a snapshot
// file, or the workspace's design files) and a folder; the bundle is written with progress and cancellation
// (a cancelled export writes nothing: src/evidence/bundle.ts renames a finished folder into place), then the
// report can be opened. Same bundle as `plreview evidence`.
import * as vscode from 'vscode';
import { basename, join, relative } from 'node:path';
import { readFile } from 'node:fs/promises';
import { reportForWebview } from '../evidence/report-webview';
import type { WrittenBundle } from '../evidence/bundle';
import type { ScopePart } from '../evidence/scope';
import type { ProjectConfig } from '../config/config';
import { engine } from './engine-loader';
import { subscriptionOf } from '../graph/resource-id';
import { estateRulesConfig, type EstateController } from './estate';
import type { DesignLanguageClient } from './language-client';
import { readSettings } from './config';
import { errorMessage, noteAzureSdk, type Log } from './log';

export interface EvidenceRequest {
  /** From the tree's context menu: only this subscription of the loaded estate. */
  readonly subscriptionId?: string;
  /**
   * Without a dialog (automation, the integration tests): `estate` exports the estate in the view, `outDir` is
   * the bundle's folder.
   */
  readonly scope?: 'estate';
  readonly outDir?: string;
}

interface ScopeChoice extends vscode.QuickPickItem {
  readonly build: (signal: AbortSignal, report: (message: string) => void) => Promise<ScopePart[]>;
  readonly folderHint: string;
  /** The rules' configuration for this scope (estateRulesConfig: the workspace's .plreview.yaml, the cloud). */
  readonly config: () => ProjectConfig;
}

export async function exportEvidence(
  estate: EstateController,
  design: DesignLanguageClient,
  log: Log,
  request: EvidenceRequest = {},
): Promise<WrittenBundle | undefined> {
  const choice = request.subscriptionId
    ? subscriptionChoice(estate, request.subscriptionId)
    : request.scope === 'estate'
      ? viewChoice(estate)
      : await pickScope(estate, design);
  if (!choice) return undefined;
  const target = request.outDir
    ? vscode.Uri.file(request.outDir)
    : await vscode.window.showSaveDialog({
        title: 'Export Evidence: folder for the bundle',
        saveLabel: 'Export Evidence',
        defaultUri: vscode.Uri.file(join(defaultParent(), `${choice.folderHint}-evidence-${new Date().toISOString().slice(0, 10)}`)),
      });
  if (!target) return undefined;
  const abort = new AbortController();
  try {
    const written = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Exporting evidence', cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        const report = (message: string) => progress.report({ message });
        const parts = await choice.build(abort.signal, report);
        abort.signal.throwIfAborted();
        report('building the evidence model');
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
        const { buildEvidence, evidenceInputFromParts, writeBundle } = engine();
        // The workspace's .plreview.yaml applies (required tags, severities, evidence tags), as it does to
        // `plreview evidence` run in the folder.
        const model = buildEvidence(evidenceInputFromParts({ parts, config: choice.config(), relativeTo: folder, tenant: readSettings().tenant }));
        return writeBundle(model, target.fsPath, { signal: abort.signal, onProgress: (p) => report(p.message) });
      },
    );
    log.info(`evidence written to ${written.outDir}: ${written.files.join(', ')}`);
    void offerToOpen(written);
    return written;
  } catch (error) {
    if (abort.signal.aborted || error instanceof vscode.CancellationError) {
      log.info('evidence export cancelled; nothing was written');
      void vscode.window.showInformationMessage('Evidence export cancelled: nothing was written.');
      return undefined;
    }
    log.error(`evidence export failed: ${errorMessage(error)}`);
    void vscode.window.showErrorMessage(`Export Evidence failed: ${errorMessage(error)}`);
    return undefined;
  } finally {
    noteAzureSdk(log, 'evidence export read the live estate');
  }
}

async function offerToOpen(written: WrittenBundle): Promise<void> {
  const open = 'Open Report';
  const reveal = 'Reveal Folder';
  const answer = await vscode.window.showInformationMessage(`Evidence written to ${written.outDir}`, open, reveal);
  if (answer === open) {
    await showReport(written.outDir);
  } else if (answer === reveal) {
    await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(join(written.outDir, 'evidence.json')));
  }
}

/** The rendered report.html in a webview without scripts (report-webview.ts gives it a strict CSP). */
async function showReport(outDir: string): Promise<void> {
  const html = await readFile(join(outDir, 'report.html'), 'utf8');
  const panel = vscode.window.createWebviewPanel('privateLinkReview.evidenceReport', `Evidence report: ${basename(outDir)}`, vscode.ViewColumn.Active, {
    enableScripts: false,
    enableForms: false,
    localResourceRoots: [],
  });
  panel.webview.html = reportForWebview(html);
}

function defaultParent(): string {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.env.HOME ?? process.cwd();
}

async function pickScope(estate: EstateController, design: DesignLanguageClient): Promise<ScopeChoice | undefined> {
  const choices: ScopeChoice[] = [];
  const inView = viewChoice(estate);
  if (inView) choices.push(inView);
  choices.push({
    label: '$(folder-opened) Estate snapshot file…',
    description: 'an az graph query export or plreview snapshot file',
    folderHint: 'snapshot',
    config: () => estateRulesConfig('snapshot'),
    build: async () => {
      const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Estate snapshot': ['json'] }, title: 'Estate snapshot' });
      if (!picked?.[0]) throw new vscode.CancellationError();
      const path = picked[0].fsPath;
      return [engine().estatePart(path, { cloud: estateRulesConfig('snapshot').cloud, displayPath: displayPath(path) })];
    },
  });
  if ((vscode.workspace.workspaceFolders ?? []).length > 0) {
    choices.push({
      label: '$(file-code) Design files of the workspace',
      description: 'Bicep, ARM JSON and YAML designs',
      folderHint: 'design',
      // The findings come from the language server, which reads each folder's .plreview.yaml itself; the first
      // folder's configuration chooses the evidence tags and the rules listed as checked, as for the estate.
      config: () => estateRulesConfig('snapshot'),
      build: async (signal, report) => {
        const parts: ScopePart[] = [];
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
          signal.throwIfAborted();
          report(`analysing ${folder.name}`);
          // The language server analyses it (a hostile file stalls that process, not the editor's).
          const analysis = await design.analyseFolder(folder);
          const notRead = analysis.graph.coverage.filter((c) => c.status !== 'read');
          const unread = new Set(notRead.map((c) => c.scope));
          parts.push({
            source: { kind: 'design', folder: folder.name },
            data: analysis.graph,
            findings: analysis.findings,
            mode: 'design',
            coverage: [
              ...analysis.files.filter((file) => !unread.has(file)).map((file) => ({ scope: displayPath(file), kind: 'file' as const, status: 'read' as const })),
              ...notRead.map((c) => ({ ...c, scope: displayPath(c.scope) })),
            ],
          });
        }
        return parts;
      },
    });
  }
  return vscode.window.showQuickPick(choices, { title: 'Export Evidence', placeHolder: 'What should the evidence cover?' });
}

/** The estate in the view (live or a snapshot), when one is loaded. */
function viewChoice(estate: EstateController): ScopeChoice | undefined {
  const loaded = estate.estate;
  if (!loaded) return undefined;
  const subs = loaded.load.coverage.filter((c) => c.kind === 'subscription').length;
  return {
    label: loaded.source.kind === 'live' ? '$(cloud) Live estate' : '$(file) Estate snapshot in the view',
    description: loaded.source.kind === 'live' ? `${subs} subscription(s), full audit` : loaded.source.path,
    folderHint: loaded.source.kind === 'live' ? 'estate' : basename(loaded.source.path).replace(/\.json$/i, ''),
    config: () => estateRulesConfig(loaded.source.kind),
    build: (signal, report) => estateParts(estate, undefined, signal, report),
  };
}

function subscriptionChoice(estate: EstateController, subscriptionId: string): ScopeChoice {
  return {
    label: subscriptionId,
    folderHint: `subscription-${subscriptionId.slice(0, 8)}`,
    config: () => estateRulesConfig(estate.estate?.source.kind ?? 'live'),
    build: (signal, report) => estateParts(estate, subscriptionId, signal, report),
  };
}

/** The loaded estate (optionally one subscription), with every detail read for a full audit when it is live. */
async function estateParts(
  estate: EstateController,
  subscriptionId: string | undefined,
  signal: AbortSignal,
  report: (message: string) => void,
): Promise<ScopePart[]> {
  const loaded = estate.estate;
  if (!loaded) throw new Error('No estate is loaded in the Private Link view.');
  let load = loaded.load;
  const readSubscriptions = load.coverage.filter((c) => c.kind === 'subscription' && c.status === 'read').map((c) => c.scope);
  // The view's background read usually holds every detail already; read again only what it does not.
  if (loaded.source.kind === 'live' && !estate.tree?.hasAllDetails(readSubscriptions)) {
    report('reading zone groups, records and firewall rules');
    const inventory = await estate.liveInventory();
    load = await inventory.loadDetails(load, { signal, onProgress: (p) => report(p.total ? `${p.message} (${p.done}/${p.total})` : p.message) });
  }
  const inScope = (id: string) => !subscriptionId || subscriptionOf(id)?.toLowerCase() === subscriptionId.toLowerCase();
  const coverage = load.coverage.filter((c) => c.kind !== 'subscription' || !subscriptionId || c.scope.toLowerCase() === subscriptionId.toLowerCase());
  const resources = load.resources.filter((r) => inScope(r.id));
  const source =
    loaded.source.kind === 'live'
      ? { kind: 'subscriptions' as const, ids: coverage.filter((c) => c.kind === 'subscription').map((c) => c.scope) }
      : { kind: 'estate' as const, file: displayPath(loaded.source.path) };
  // Subscription coverage goes into the graph, as `plreview evidence` puts it there: the rules read it (a target
  // missing from a subscription read in full is gone) and a subscription not read becomes coverage-incomplete.
  const data = engine().estateToGraph(resources, { cloud: estateRulesConfig(loaded.source.kind).cloud, coverage: coverage.filter((c) => c.kind === 'subscription') });
  return [{ source, data, mode: 'live', coverage: coverage.filter((c) => c.kind !== 'subscription') }];
}

/** Paths in the bundle are relative to the workspace when they are inside it, so bundles do not name machines. */
function displayPath(path: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (folder) {
    const rel = relative(folder, path);
    if (!rel.startsWith('..') && rel !== '') return rel.split('\\').join('/');
  }
  return path;
}
