// Runs the rule set on a graph: severity from settings, suppression comments, one finding per loop body.

import type { PrivateLinkGraph } from '../graph/graph';
import type { CoverageEntry, FileSpan, GraphNode, Suppression } from '../graph/types';
import { subscriptionOf } from '../graph/resource-id';
import { ANALYSIS_INCOMPLETE, RULES } from './registry';
import type { AnalysisMode, Finding, FindingLocation, Rule, RuleFinding, RuleSettings, SeveritySetting } from './types';

export interface EngineOptions {
  readonly settings: RuleSettings;
  /** Severity per rule id from configuration; absent ids keep the rule's default. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** Restrict to these rules (tests). */
  readonly rules?: readonly Rule[];
}

export function runRules(graph: PrivateLinkGraph, options: EngineOptions): Finding[] {
  const { settings } = options;
  const severityOf = (id: string, fallback: SeveritySetting): SeveritySetting => options.severities?.[id] ?? fallback;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const suppressions = suppressionIndex(graph);
  const push = (finding: Finding, inLoop = false) => {
    if (isSuppressed(suppressions, finding)) return;
    // A loop body yields one finding, not one per iteration: iterations of a loop over a known collection are
    // nodes of their own (with their own names in the message), but the text to change is the same.
    const key = `${finding.ruleId}|${locationKey(finding.location)}|${inLoop && finding.location.kind === 'file' ? 'loop' : finding.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(finding);
  };

  for (const problem of graph.problems) {
    const severity = severityOf(problem.ruleId, 'error');
    if (severity === 'off') continue;
    push({
      ruleId: problem.ruleId,
      severity,
      message: problem.message,
      location: { kind: 'file', span: problem.span },
      related: [],
      facts: {},
      fixes: [],
      source: 'design',
      nodeId: `file:${problem.span.file}`,
    });
  }

  // Fail closed: what a source could not (fully) analyse is an error that neither configuration nor a suppression
  // comment turns off, or a careless (or hostile) repository could make a review pass on what it never read.
  for (const finding of analysisIncompleteFindings(graph.coverage)) {
    const key = `${finding.ruleId}|${locationKey(finding.location)}|${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }

  for (const rule of options.rules ?? RULES) {
    if (!rule.modes.includes(settings.mode)) continue;
    const configured = severityOf(rule.id, rule.defaultSeverity);
    if (configured === 'off') continue;
    for (const result of rule.check(graph, settings)) {
      const origin = result.node.origin;
      push(toFinding(rule, result, configured, settings.mode), origin.kind === 'file' && origin.inLoop === true);
    }
  }
  // Sort keys are built once per finding, not once per comparison.
  const keyed = findings.map((finding) => ({ finding, key: sortKey(finding) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.finding);
}

/** One `analysis-incomplete` finding per file coverage entry that is not `read` (the contract is on CoverageEntry). */
export function analysisIncompleteFindings(coverage: readonly CoverageEntry[]): Finding[] {
  return coverage
    .filter((entry) => entry.kind === 'file' && entry.status !== 'read')
    .map((entry) => {
      const span: FileSpan = entry.at ?? { file: entry.scope, range: { start: FILE_START, end: FILE_START } };
      const what = entry.status === 'partial' ? 'Analysed only in part' : 'Not analysed';
      const consequence = entry.at
        ? 'What that file declares is not checked, so this review is incomplete.'
        : 'Findings for this file may be missing, so this review is incomplete.';
      return {
        ruleId: ANALYSIS_INCOMPLETE,
        severity: 'error' as const,
        message: `${what}: ${entry.reason ?? 'the file could not be read'}. ${consequence}`,
        location: { kind: 'file' as const, span },
        related: [],
        facts: {},
        fixes: [],
        source: 'design' as const,
        nodeId: `file:${span.file}`,
      };
    });
}

const FILE_START = { line: 0, character: 0, offset: 0 };

function toFinding(rule: Rule, result: RuleFinding, configured: Exclude<SeveritySetting, 'off'>, mode: AnalysisMode): Finding {
  // A per-finding severity (e.g. Rejected vs Pending) applies unless the user configured the rule explicitly
  // lower; the rule's configured severity is the ceiling the user chose.
  const severity = result.severity && rank(result.severity) <= rank(configured) ? result.severity : configured;
  return {
    ruleId: rule.id,
    severity,
    message: result.message,
    location: locate(result.node, result.span),
    related: result.related ?? [],
    facts: result.facts,
    fixes: result.fixes ?? [],
    source: mode,
    nodeId: result.node.id,
  };
}

function rank(s: Exclude<SeveritySetting, 'off'>): number {
  return s === 'error' ? 2 : s === 'warning' ? 1 : 0;
}

export function locate(node: GraphNode, span?: FileSpan): FindingLocation {
  if (node.origin.kind === 'file') return { kind: 'file', span: span ?? node.origin.span };
  return { kind: 'resource', resourceId: node.origin.resourceId, subscriptionId: subscriptionOf(node.origin.resourceId) };
}

function locationKey(location: FindingLocation): string {
  if (location.kind === 'resource') return location.resourceId.toLowerCase();
  const { file, range } = location.span;
  return `${file}:${range.start.offset}-${range.end.offset}`;
}

/** Suppression comments by file and line: a workspace may hold thousands, and every finding asks. */
function suppressionIndex(graph: PrivateLinkGraph): Map<string, Suppression[]> {
  const index = new Map<string, Suppression[]>();
  for (const s of graph.suppressions) {
    const key = `${s.line}\u0000${s.file}`;
    const list = index.get(key);
    if (list) list.push(s);
    else index.set(key, [s]);
  }
  return index;
}

function isSuppressed(index: ReadonlyMap<string, readonly Suppression[]>, finding: Finding): boolean {
  if (finding.location.kind !== 'file' || index.size === 0) return false;
  const { file, range } = finding.location.span;
  const here = index.get(`${range.start.line}\u0000${file}`);
  return here !== undefined && here.some((s) => s.ruleIds.length === 0 || s.ruleIds.includes(finding.ruleId));
}

function sortKey(f: Finding): string {
  const where =
    f.location.kind === 'file'
      ? `${f.location.span.file}\u0000${String(f.location.span.range.start.offset).padStart(10, '0')}`
      : f.location.resourceId.toLowerCase();
  return `${where}\u0000${f.ruleId}\u0000${f.message}`;
}
