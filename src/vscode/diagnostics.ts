// Design diagnostics: every open Bicep, ARM JSON and YAML design document is linted with the other design files
// of its folder as one graph, on open and on edit (debounced), and the findings land in the Problems panel with
// the rule id linking to its page. A newer edit cancels a pending run; a run whose inputs changed while it read
// files is dropped instead of publishing stale results.
import * as vscode from 'vscode';
import { engine } from './engine-loader';
import type { PrivateLinkGraph } from '../graph/graph';
import type { CloudName, FileSpan, Range } from '../graph/types';
import type { Finding, Severity } from '../rules/types';
import { readSettings, affects } from './config';
import { DesignWorkspace, type DesignScope } from './design-workspace';
import { errorMessage, type Log } from './log';

export const DIAGNOSTIC_SOURCE = 'private-link-review';

/** The last analysis of a scope: what code actions need to turn a diagnostic back into its finding and fixes. */
export interface ScopeAnalysis {
  readonly scope: DesignScope;
  readonly graph: PrivateLinkGraph;
  readonly findings: readonly Finding[];
  /** The text each file had when analysed (fixes compute offsets against it). */
  readonly texts: ReadonlyMap<string, string>;
  /** Document versions analysed, for open documents: a fix on a newer version would be misplaced. */
  readonly versions: ReadonlyMap<string, number>;
}

export class DesignDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly analyses = new Map<string, ScopeAnalysis>();
  /** Files each scope published diagnostics for, so a file that became clean is cleared. */
  private readonly published = new Map<string, Set<string>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generation = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly analysed = new vscode.EventEmitter<ScopeAnalysis>();
  /** Fires after a scope's diagnostics were published (tests wait on it). */
  readonly onDidAnalyse = this.analysed.event;

  constructor(
    private readonly workspace: DesignWorkspace,
    private readonly log: Log,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(
      this.collection,
      this.analysed,
      vscode.workspace.onDidOpenTextDocument((d) => this.documentChanged(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.documentChanged(e.document, readSettings().debounceMs)),
      vscode.workspace.onDidSaveTextDocument((d) => this.documentChanged(d, 0)),
      this.workspace.onDidChangeOnDisk((uri) => this.diskChanged(uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'cloud') || affects(e, 'lint')) this.lintOpenDocuments();
      }),
    );
    this.lintOpenDocuments();
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  /** The latest analysis covering a file, if any. */
  analysisOf(uri: vscode.Uri): ScopeAnalysis | undefined {
    const scope = this.workspace.scopeOf(uri);
    const analysis = this.analyses.get(scope.root);
    return analysis?.texts.has(uri.fsPath) ? analysis : undefined;
  }

  lintOpenDocuments(): void {
    const roots = new Map<string, DesignScope>();
    for (const document of vscode.workspace.textDocuments) {
      if (!this.workspace.isDesignDocument(document)) continue;
      const scope = this.workspace.scopeOf(document.uri);
      roots.set(scope.root, scope);
    }
    for (const scope of roots.values()) this.schedule(scope, 0);
  }

  /** Lints every design file of every workspace folder now ("Lint Workspace"). */
  async lintWorkspace(token?: vscode.CancellationToken): Promise<Finding[]> {
    const findings: Finding[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (token?.isCancellationRequested) break;
      const analysis = await this.analyseFolder(folder);
      if (analysis) findings.push(...analysis.findings);
    }
    return findings;
  }

  /** Analyses one workspace folder now (evidence export, tests) and publishes its diagnostics. */
  analyseFolder(folder: vscode.WorkspaceFolder): Promise<ScopeAnalysis | undefined> {
    return this.run({ root: folder.uri.fsPath, folder });
  }

  private documentChanged(document: vscode.TextDocument, delay: number): void {
    if (!readSettings().lintEnabled) return;
    const isConfig = /(^|[\\/])\.plreview\.ya?ml$/i.test(document.uri.fsPath);
    if (!isConfig && !this.workspace.isDesignDocument(document)) return;
    this.schedule(this.workspace.scopeOf(document.uri), delay);
  }

  private diskChanged(uri: vscode.Uri): void {
    const scope = this.workspace.scopeOf(uri);
    // Only scopes the user is looking at are re-linted when files change behind the editor.
    if (this.analyses.has(scope.root)) this.schedule(scope, readSettings().debounceMs);
  }

  private schedule(scope: DesignScope, delay: number): void {
    if (!readSettings().lintEnabled) return;
    clearTimeout(this.timers.get(scope.root));
    this.bump(scope.root); // cancels a run still reading files
    this.timers.set(
      scope.root,
      setTimeout(() => {
        this.timers.delete(scope.root);
        void this.run(scope);
      }, delay),
    );
  }

  private bump(root: string): number {
    const next = (this.generation.get(root) ?? 0) + 1;
    this.generation.set(root, next);
    return next;
  }

  private async run(scope: DesignScope): Promise<ScopeAnalysis | undefined> {
    const generation = this.bump(scope.root);
    const stale = () => this.generation.get(scope.root) !== generation;
    try {
      const [{ files, notRead }, loaded] = await Promise.all([this.workspace.designFiles(scope), this.workspace.config(scope)]);
      if (stale()) return undefined;
      const versions = new Map<string, number>();
      for (const document of vscode.workspace.textDocuments) {
        if (document.uri.scheme === 'file') versions.set(document.uri.fsPath, document.version);
      }
      const started = Date.now();
      const config = { ...loaded.config, cloud: loaded.config.cloud ?? explicitCloud() };
      const readFile = this.workspace.referenceReader(scope);
      const { graph, findings } = engine().analyseDesign(files, config, { readFile, notRead });
      const analysis: ScopeAnalysis = {
        scope,
        graph,
        findings,
        texts: new Map(files.map((f) => [f.path, f.text])),
        versions: new Map(files.filter((f) => versions.has(f.path)).map((f) => [f.path, versions.get(f.path)!])),
      };
      this.analyses.set(scope.root, analysis);
      this.publish(scope, analysis, loaded.file, loaded.errors);
      this.log.debug(`linted ${files.length} design file(s) in ${scope.root}: ${findings.length} finding(s) in ${Date.now() - started} ms`);
      this.analysed.fire(analysis);
      return analysis;
    } catch (error) {
      // A bug in a source must not take the editor down: say so once in the log and keep the old diagnostics.
      this.log.error(`linting ${scope.root} failed: ${errorMessage(error)}`);
      return undefined;
    }
  }

  private publish(scope: DesignScope, analysis: ScopeAnalysis, configFile: string | undefined, configErrors: readonly string[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const file of analysis.texts.keys()) byFile.set(file, []);
    for (const finding of analysis.findings) {
      if (finding.location.kind !== 'file') continue;
      const file = finding.location.span.file;
      const list = byFile.get(file) ?? [];
      list.push(this.toDiagnostic(finding, finding.location.span));
      byFile.set(file, list);
    }
    if (configFile) {
      byFile.set(
        configFile,
        configErrors.map((message) => {
          const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), message, vscode.DiagnosticSeverity.Error);
          d.source = DIAGNOSTIC_SOURCE;
          return d;
        }),
      );
    }
    const previous = this.published.get(scope.root) ?? new Set<string>();
    for (const file of previous) if (!byFile.has(file)) this.collection.delete(vscode.Uri.file(file));
    for (const [file, diagnostics] of byFile) this.collection.set(vscode.Uri.file(file), diagnostics);
    this.published.set(scope.root, new Set(byFile.keys()));
  }

  toDiagnostic(finding: Finding, span: FileSpan): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(toRange(span.range), finding.message, toSeverity(finding.severity));
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = { value: finding.ruleId, target: ruleDocUri(this.extensionUri, finding.ruleId) };
    const related = finding.related.flatMap((r) => {
      const relatedSpan = r.span ?? (r.origin.kind === 'file' ? r.origin.span : undefined);
      return relatedSpan
        ? [new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(relatedSpan.file), toRange(relatedSpan.range)), r.message)]
        : [];
    });
    if (related.length > 0) diagnostic.relatedInformation = related;
    return diagnostic;
  }
}

export function ruleDocUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`);
}

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toSeverity(severity: Severity): vscode.DiagnosticSeverity {
  return severity === 'error'
    ? vscode.DiagnosticSeverity.Error
    : severity === 'warning'
      ? vscode.DiagnosticSeverity.Warning
      : vscode.DiagnosticSeverity.Information;
}

/** The cloud setting only when the user set it: otherwise a design's own `cloud:` decides. */
function explicitCloud(): CloudName | undefined {
  const inspected = vscode.workspace.getConfiguration('privateLinkReview').inspect<string>('cloud');
  const set = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
  return set === undefined ? undefined : readSettings().cloud;
}

