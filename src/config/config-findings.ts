// `config-locked-rule`: a `.plreview.yaml` entry that tries to switch off or re-level a rule that keeps reviews
// fail closed (analysis-incomplete, coverage-incomplete: rules/registry.ts LOCKED_RULE_IDS). The entry is ignored;
// this warning, at the entry's line, tells the user so in every output (CLI text/JSON/SARIF, the editor's
// diagnostics), instead of letting them believe the setting took. A warning, not an error: nothing was weakened.

import { relative } from 'node:path';
import type { LockedRuleSetting } from './config';
import { CONFIG_FILE_NAME } from './config';
import type { AnalysisMode, Finding, Severity } from '../rules/types';

export const CONFIG_LOCKED_RULE = {
  id: 'config-locked-rule',
  defaultSeverity: 'warning' as Severity,
  title: 'A .plreview.yaml entry tries to switch off a fail-closed rule',
  description:
    `${CONFIG_FILE_NAME} sets analysis-incomplete or coverage-incomplete to off, info or warning. These rules are what ` +
    'make a clean result mean "everything was read and checked": they cannot be switched off or re-levelled by a ' +
    'repository, so the entry is ignored. (`--allow-partial` on the command line, the user\'s own choice, lowers ' +
    'coverage-incomplete to a warning.)',
} as const;

const WHY: Readonly<Record<string, string>> = {
  'analysis-incomplete': 'a design file that could not be fully analysed is always an error, so a clean lint means every file was read',
  'coverage-incomplete':
    'a subscription not read, or read only in part, is always an error, so a clean audit means the whole estate was read ' +
    '(to accept a partial audit, pass --allow-partial on the command line)',
};

/** One warning per ignored entry, located at the entry in `file` (the .plreview.yaml read). */
export function lockedRuleFindings(file: string, locked: readonly LockedRuleSetting[], source: AnalysisMode): Finding[] {
  return locked.map((entry) => ({
    ruleId: CONFIG_LOCKED_RULE.id,
    severity: CONFIG_LOCKED_RULE.defaultSeverity,
    message:
      `'${entry.ruleId}: ${entry.value}' is ignored: ${entry.ruleId} cannot be switched off or re-levelled in ${CONFIG_FILE_NAME}. ` +
      `It is what makes the review fail closed: ${WHY[entry.ruleId] ?? 'a review never passes what it did not see'}.`,
    location: { kind: 'file' as const, span: { file, range: entry.range } },
    related: [],
    facts: { rule: entry.ruleId, value: entry.value },
    fixes: [],
    source,
    nodeId: `${file}#${entry.ruleId}`,
  }));
}

/** `<file>:<line>:<column>: warning config-locked-rule: <message>`, for outputs that list findings per resource. */
export function configFindingText(finding: Finding, cwd?: string): string {
  if (finding.location.kind !== 'file') return `${finding.severity} ${finding.ruleId}: ${finding.message}`;
  const { file, range } = finding.location.span;
  const shown = cwd ? relative(cwd, file) || file : file;
  return `${shown}:${range.start.line + 1}:${range.start.character + 1}: ${finding.severity} ${finding.ruleId}: ${finding.message}`;
}
