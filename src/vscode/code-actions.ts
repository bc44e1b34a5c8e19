// Quick fixes for design diagnostics: each finding's fix intents rendered as text edits by the source that
// declared the node (src/sources/fixes.ts), and "Disable <rule> for this line".
import * as vscode from 'vscode';
import { engine } from './engine-loader';
import { classifyDesignFile } from '../sources/formats';
import type { TextEdit } from '../sources/text-edit';
import type { Finding } from '../rules/types';
import { DIAGNOSTIC_SOURCE, toRange, type DesignDiagnostics, type ScopeAnalysis } from './diagnostics';

export class DesignCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: DesignDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const analysis = this.diagnostics.analysisOf(document.uri);
    // A fix computed against older text would land in the wrong place: wait for the next lint.
    if (!analysis || analysis.versions.get(document.uri.fsPath) !== document.version) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const finding = findingOf(analysis, document.uri.fsPath, diagnostic);
      if (!finding) continue;
      const textOf = (file: string) => analysis.texts.get(file);
      finding.fixes.forEach((intent, index) => {
        const edits = engine().editsForFix(intent, analysis.graph, textOf);
        if (edits.length === 0) return;
        const action = new vscode.CodeAction(intent.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = index === 0;
        action.edit = toWorkspaceEdit(edits);
        actions.push(action);
      });
      const text = textOf(document.uri.fsPath);
      const format = text === undefined ? undefined : classifyDesignFile(document.uri.fsPath, text);
      if (finding.ruleId !== 'syntax-error' && text !== undefined && format) {
        const edit = engine().suppressionEdit(document.uri.fsPath, diagnostic.range.start.line, finding.ruleId, format, text);
        const action = new vscode.CodeAction(`Disable ${finding.ruleId} for this line`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.edit = toWorkspaceEdit([edit]);
        actions.push(action);
      }
    }
    return actions;
  }
}

/** The finding a diagnostic was made from: same file, rule, range and message. */
export function findingOf(analysis: ScopeAnalysis, file: string, diagnostic: vscode.Diagnostic): Finding | undefined {
  const ruleId = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return analysis.findings.find(
    (f) =>
      f.location.kind === 'file' &&
      f.location.span.file === file &&
      f.ruleId === ruleId &&
      f.message === diagnostic.message &&
      toRange(f.location.span.range).isEqual(diagnostic.range),
  );
}

export function toWorkspaceEdit(edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const edit of edits) workspaceEdit.replace(vscode.Uri.file(edit.file), toRange(edit.range), edit.newText);
  return workspaceEdit;
}
