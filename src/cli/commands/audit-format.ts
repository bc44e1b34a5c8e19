// What `plreview audit` prints: text for people, the documented JSON for pipelines, SARIF for code scanning.

import { gapText } from '../../graph/coverage';
import { subscriptionOf } from '../../graph/resource-id';
import type { CoverageEntry, CoverageGap } from '../../graph/types';
import type { AuditRun } from '../../sources/live/audit';
import type { Finding } from '../../rules/types';
import { COVERAGE_INCOMPLETE } from '../../rules/coverage-incomplete';
import { configFindingText } from '../../config/config-findings';

export interface AuditJson {
  readonly findings: { ruleId: string; severity: string; message: string; resourceId: string; subscriptionId: string | null }[];
  readonly coverage: { readonly subscriptions: { id: string; status: CoverageEntry['status']; reason: string | null; gaps: CoverageGap[] }[] };
}

export function auditJson(run: AuditRun): AuditJson {
  return {
    findings: run.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      resourceId: resourceIdOf(f),
      subscriptionId: subscriptionIdOf(f) ?? null,
    })),
    coverage: {
      subscriptions: run.estate.coverage
        .filter((c) => c.kind === 'subscription')
        .map((c) => ({
          id: c.scope,
          status: c.status,
          reason: c.status === 'failed' ? (c.reason ?? 'could not be read') : null,
          gaps: (c.gaps ?? []).map((g) => ({ resourceId: g.resourceId, what: g.what, reason: g.reason })),
        })),
    },
  };
}

export function auditText(run: AuditRun, cwd?: string): string {
  const lines: string[] = [];
  // Findings about the configuration file (config-locked-rule) belong to no subscription: they come first.
  for (const finding of run.findings.filter((f) => f.location.kind === 'file')) lines.push(configFindingText(finding, cwd), '');
  const bySubscription = new Map<string, Finding[]>();
  for (const finding of run.findings) {
    const key = (subscriptionIdOf(finding) ?? '').toLowerCase();
    bySubscription.set(key, [...(bySubscription.get(key) ?? []), finding]);
  }
  for (const entry of run.estate.coverage.filter((c) => c.kind === 'subscription')) {
    const title = entry.displayName && entry.displayName !== entry.scope ? `${entry.displayName} (${entry.scope})` : entry.scope;
    if (entry.status === 'failed') {
      lines.push(`${title}: NOT READ: ${entry.reason ?? 'could not be read'}`, '');
      continue;
    }
    // The coverage finding restates the gaps listed just below: the rows say it once, the summary counts it.
    const findings = (bySubscription.get(entry.scope.toLowerCase()) ?? []).filter((f) => f.ruleId !== COVERAGE_INCOMPLETE.id);
    const caches = run.graph.caches.filter((c) => subscriptionOf(c.id)?.toLowerCase() === entry.scope.toLowerCase()).length;
    const gaps = entry.gaps ?? [];
    const partial = entry.status === 'partial' ? `; READ IN PART: ${plural(gaps.length, 'read')} failed` : '';
    const targets = run.graph.serviceTargets.filter((t) => subscriptionOf(t.id)?.toLowerCase() === entry.scope.toLowerCase()).length;
    const others = targets > 0 ? `, ${plural(targets, 'other Private Link target')}` : '';
    lines.push(`${title}: ${plural(caches, 'cache')}${others}, ${plural(findings.length, 'finding')}${partial}`);
    for (const f of findings) {
      lines.push(`  ${f.severity.padEnd(7)} ${f.ruleId}: ${f.message}`, `          ${resourceIdOf(f)}`);
    }
    for (const gap of gaps) lines.push(`  NOT READ ${gapText(gap)}`, `          ${gap.resourceId}`);
    lines.push('');
  }
  const errors = run.findings.filter((f) => f.severity === 'error').length;
  const warnings = run.findings.filter((f) => f.severity === 'warning').length;
  const failed = run.estate.coverage.filter((c) => c.kind === 'subscription' && c.status === 'failed').length;
  const partial = run.estate.coverage.filter((c) => c.kind === 'subscription' && c.status === 'partial').length;
  const read = run.estate.coverage.filter((c) => c.kind === 'subscription' && c.status !== 'failed').length;
  const via = run.estate.source === 'resource-graph' ? 'Resource Graph' : run.estate.source === 'arm' ? 'ARM' : 'a snapshot';
  lines.push(
    `${plural(run.findings.length, 'finding')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(read, 'subscription')} read via ${via}` +
      (partial > 0 ? `; ${plural(partial, 'subscription')} READ IN PART` : '') +
      (failed > 0 ? `; ${plural(failed, 'subscription')} NOT READ` : '') +
      '.',
  );
  if (run.estate.fallbackReason) lines.push(`Resource Graph was not used: ${run.estate.fallbackReason}`);
  return `${lines.join('\n')}\n`;
}

function resourceIdOf(finding: Finding): string {
  if (finding.location.kind === 'resource') return finding.location.resourceId;
  // A finding in a file (the configuration's own): where it is written, as `<file>:<line>`.
  return `${finding.location.span.file}:${finding.location.span.range.start.line + 1}`;
}

function subscriptionIdOf(finding: Finding): string | undefined {
  return finding.location.kind === 'resource' ? (finding.location.subscriptionId ?? subscriptionOf(finding.location.resourceId)) : undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
