// Runs the rule set on a graph: severity from settings, suppression comments, one finding per loop body.

import type { PrivateLinkGraph } from '../graph/graph';
import type { FileSpan, GraphNode } from '../graph/types';
import { subscriptionOf } from '../graph/resource-id';
import { RULES } from './registry';
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
  const push = (finding: Finding) => {
    if (isSuppressed(graph, finding)) return;
    const key = `${finding.ruleId}|${locationKey(finding.location)}|${finding.message}`;
    if (seen.has(key)) return; // a loop body yields one finding, not one per iteration
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

  for (const rule of options.rules ?? RULES) {
    if (!rule.modes.includes(settings.mode)) continue;
    const configured = severityOf(rule.id, rule.defaultSeverity);
    if (configured === 'off') continue;
    for (const result of rule.check(graph, settings)) {
      push(toFinding(rule, result, configured, settings.mode));
    }
  }
  return findings.sort(compareFindings);
}

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

function isSuppressed(graph: PrivateLinkGraph, finding: Finding): boolean {
  if (finding.location.kind !== 'file') return false;
  const { file, range } = finding.location.span;
  return graph.suppressions.some(
    (s) => s.file === file && s.line === range.start.line && (s.ruleIds.length === 0 || s.ruleIds.includes(finding.ruleId)),
  );
}

function compareFindings(a: Finding, b: Finding): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function sortKey(f: Finding): string {
  const where =
    f.location.kind === 'file'
      ? `${f.location.span.file}\u0000${String(f.location.span.range.start.offset).padStart(10, '0')}`
      : f.location.resourceId.toLowerCase();
  return `${where}\u0000${f.ruleId}\u0000${f.message}`;
}
