// The language server's analysis worker: the design analysis (parse, evaluate, graph, rules) of a workspace
// folder, its quick fixes and hovers. It holds the files' texts and the last analysis of each folder, so a
// keystroke costs what it touched (the parser and evaluator memos live here too). Started by analysis-host.ts.

import { parentPort } from 'node:worker_threads';
import { CodeActionKind, MarkupKind, type CodeAction, type Diagnostic, type Hover, type Position, type Range } from 'vscode-languageserver';
import { analyseDesign } from '../lint/analyse';
import { cloudCascade } from '../config/cloud-cascade';
import { confinedReader } from '../lint/confined-read';
import { classifyDesignFile } from '../sources/formats';
import type { PrivateLinkGraph } from '../graph/graph';
import { RULES } from '../rules/registry';
import type { Finding } from '../rules/types';
import { editsForFix, suppressionEdit } from '../sources/fixes';
import { DIAGNOSTIC_SOURCE, ruleDocHref, toDiagnostic, toWorkspaceEdit } from './to-protocol';
import type { AnalysedScope, FileText, FolderAnalysis, WorkerEnvelope, WorkerReply, WorkerRequest } from './worker-protocol';

interface ScopeAnalysis {
  readonly graph: PrivateLinkGraph;
  readonly findings: readonly Finding[];
  readonly texts: ReadonlyMap<string, string>;
}

const texts = new Map<string, string>();
const analyses = new Map<string, ScopeAnalysis>();

function analyse(request: Extract<WorkerRequest, { kind: 'analyse' }>): AnalysedScope {
  const { scope, root, files, notRead, config } = request;
  const started = Date.now();
  for (const file of files) if (file.text !== undefined) texts.set(file.path, file.text);
  const designFiles = files.flatMap((f) => {
    const text = texts.get(f.path);
    return text === undefined ? [] : [{ path: f.path, text }];
  });
  // Files the designs name: only inside the folder, regular and bounded; the editor's unsaved text first.
  const readFile = confinedReader(root, { overlay: (path) => texts.get(path) });
  // Each file in its own cloud, as `plreview lint` judges it: the nearest .plreview.yaml above it that names one,
  // else the configuration's cloud (the editor setting when the user set it), else AzureCloud.
  const cloudOf = cloudCascade({ baseDir: root, fallback: config.cloud });
  const { graph, findings } = analyseDesign(designFiles, config, { readFile, notRead, cloudOf });
  const fileTexts = new Map(designFiles.map((f) => [f.path, f.text]));
  analyses.set(scope, { graph, findings, texts: fileTexts });
  const byFile = new Map<string, Diagnostic[]>([...fileTexts.keys(), ...notRead.map((f) => f.path)].map((path) => [path, []]));
  for (const finding of findings) {
    if (finding.location.kind !== 'file') continue;
    const span = finding.location.span;
    const list = byFile.get(span.file) ?? [];
    list.push(toDiagnostic(finding, span));
    byFile.set(span.file, list);
  }
  return { diagnostics: [...byFile], findingCount: findings.length, millis: Date.now() - started };
}

function codeActions(scope: string, path: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const analysis = analyses.get(scope);
  const text = analysis?.texts.get(path);
  if (!analysis || text === undefined) return [];
  const textOf = (file: string) => analysis.texts.get(file);
  const format = classifyDesignFile(path, text);
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const finding = findingOf(analysis, path, diagnostic);
    if (!finding) continue;
    finding.fixes.forEach((intent, index) => {
      const edits = editsForFix(intent, analysis.graph, textOf);
      if (edits.length === 0) return;
      actions.push({ title: intent.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: index === 0, edit: toWorkspaceEdit(edits) });
    });
    // Only where the file can hold the comment (not a plan's JSON): suppressionEdit says so.
    const edit = finding.ruleId !== 'syntax-error' && format ? suppressionEdit(path, diagnostic.range.start.line, finding.ruleId, format, text) : undefined;
    if (edit) {
      actions.push({ title: `Disable ${finding.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: toWorkspaceEdit([edit]) });
    }
  }
  return actions;
}

/** The findings under the cursor, each with its rule's title, explanation and page. */
function hover(scope: string, path: string, position: Position): Hover | null {
  const analysis = analyses.get(scope);
  if (!analysis) return null;
  const here = analysis.findings.filter((f) => f.location.kind === 'file' && f.location.span.file === path && contains(f.location.span.range, position));
  if (here.length === 0) return null;
  const sections = here.map((finding) => {
    const rule = RULES.find((r) => r.id === finding.ruleId);
    const href = ruleDocHref(finding.ruleId);
    const title = href ? `[${finding.ruleId}](${href})` : finding.ruleId;
    return [`**${title}** (${finding.severity}): ${finding.message}`, rule ? `\n${rule.title}. ${rule.description}` : ''].join('\n');
  });
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') } };
}

function folderAnalysis(scope: string): FolderAnalysis | null {
  const analysis = analyses.get(scope);
  if (!analysis) return null;
  const { nodes, problems, coverage, cloud, suppressions } = analysis.graph;
  return { files: [...analysis.texts.keys()], findings: analysis.findings, graph: { nodes, problems, coverage, cloud, suppressions } };
}

/** The finding a diagnostic was made from: same file, rule, range and message. */
function findingOf(analysis: ScopeAnalysis, path: string, diagnostic: Diagnostic): Finding | undefined {
  return analysis.findings.find(
    (f) =>
      f.location.kind === 'file' &&
      f.location.span.file === path &&
      f.ruleId === diagnostic.code &&
      f.message === diagnostic.message &&
      sameRange(f.location.span.range, diagnostic.range),
  );
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function contains(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

function handle(request: WorkerRequest): unknown {
  switch (request.kind) {
    case 'analyse':
      return analyse(request);
    case 'codeActions':
      return codeActions(request.scope, request.path, request.diagnostics);
    case 'hover':
      return hover(request.scope, request.path, request.position);
    case 'folderAnalysis':
      return folderAnalysis(request.scope);
  }
}

parentPort?.on('message', ({ id, request }: WorkerEnvelope) => {
  let reply: WorkerReply;
  try {
    reply = { id, ok: true, result: handle(request) };
  } catch (error) {
    reply = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
