// Findings and text edits in the Language Server Protocol's terms. Our ranges are already LSP ranges (0-based
// lines, UTF-16 characters), so the conversion is about severities, rule links and URIs.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range as LspRange, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { FileSpan, Range } from '../graph/types';
import type { Finding, Severity } from '../rules/types';
import type { TextEdit } from '../sources/text-edit';

/** The `source` of every diagnostic, as in the extension and SARIF. */
export const DIAGNOSTIC_SOURCE = 'private-link-review';

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  return severity === 'error' ? DiagnosticSeverity.Error : severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

export function toDiagnostic(finding: Finding, span: FileSpan): Diagnostic {
  const related: DiagnosticRelatedInformation[] = finding.related.flatMap((r) => {
    const relatedSpan = r.span ?? (r.origin.kind === 'file' ? r.origin.span : undefined);
    return relatedSpan ? [{ location: { uri: uriOf(relatedSpan.file), range: lspRange(relatedSpan.range) }, message: r.message }] : [];
  });
  const href = ruleDocHref(finding.ruleId);
  return {
    range: lspRange(span.range),
    severity: toLspSeverity(finding.severity),
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    message: finding.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
  };
}

/** One workspace edit from edits that may span files (a fix in cache.bicep may write into dns.bicep). */
export function toWorkspaceEdit(edits: readonly TextEdit[]): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const edit of edits) (changes[uriOf(edit.file)] ??= []).push({ range: lspRange(edit.range), newText: edit.newText });
  return { changes };
}

/** Our positions also carry offsets; the protocol's have line and character only. */
export function lspRange(range: Range): LspRange {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

let docsFolder: string | null | undefined;

/**
 * The rule's page as a file URL in this installation (`docs/rules/<id>.md` ships beside the code in the
 * repository, the test build and the .vsix), so every editor can open it offline.
 */
export function ruleDocHref(ruleId: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  docsFolder ??= findDocsFolder();
  if (!docsFolder) return undefined;
  const page = join(docsFolder, `${ruleId}.md`);
  return existsSync(page) ? uriOf(page) : undefined;
}

function findDocsFolder(): string | null {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'docs', 'rules'))) return join(dir, 'docs', 'rules');
    if (dirname(dir) === dir) return null;
  }
}
