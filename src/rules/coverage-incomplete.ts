// `coverage-incomplete`: a subscription that could not be read, or was read only in part, is itself an error
// finding, so a review that did not see everything never passes (exit 1) and JSON, SARIF and evidence consumers
// see it as a result. It is not a graph rule: it is about what the review could read, not about a resource, so
// it is made from the coverage, next to the rules' findings (sources/live/analyse.ts, evidence/scope.ts).
// `--allow-partial` lowers it to a warning: the gap is still reported, the run no longer fails for it. The
// project configuration cannot turn it off: a repository must not be able to make a review fail open.

import { gapText } from '../graph/coverage';
import type { CoverageEntry } from '../graph/types';
import type { AnalysisMode, Finding, Severity } from './types';

export const COVERAGE_INCOMPLETE = {
  id: 'coverage-incomplete',
  defaultSeverity: 'error' as Severity,
  title: 'A subscription could not be read, or was read only in part',
  description:
    'Azure refused, throttled, timed out or answered with a malformed response for a subscription or for reads inside ' +
    'it (DNS zone groups, firewall rules, A records). Findings there may be missing, so the review fails unless ' +
    '--allow-partial is given.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/request-limits-and-throttling',
} as const;

/** Gaps a finding message lists before it says "and N more"; the facts list them all (evidence bounds lists). */
const LISTED_GAPS = 5;

export function coverageFindings(coverage: readonly CoverageEntry[], options: { allowPartial?: boolean; source?: AnalysisMode } = {}): Finding[] {
  const severity: Severity = options.allowPartial ? 'warning' : 'error';
  return coverage
    .filter((c) => c.kind === 'subscription' && c.status !== 'read')
    .map((c) => {
      const id = `/subscriptions/${c.scope}`;
      const name = c.displayName && c.displayName !== c.scope ? `${c.displayName} (${c.scope})` : c.scope;
      const gaps = (c.gaps ?? []).map(gapText);
      const message =
        c.status === 'failed'
          ? `Subscription ${name} could not be read: ${c.reason ?? 'no reason given'}. Its caches are missing from this review.`
          : `Subscription ${name} was read only in part: ${gaps.length} ${gaps.length === 1 ? 'read' : 'reads'} failed (` +
            `${gaps.slice(0, LISTED_GAPS).join('; ')}${gaps.length > LISTED_GAPS ? `; and ${gaps.length - LISTED_GAPS} more` : ''}). Findings that depend on them may be missing.`;
      return {
        ruleId: COVERAGE_INCOMPLETE.id,
        severity,
        message,
        location: { kind: 'resource' as const, resourceId: id, subscriptionId: c.scope },
        related: [],
        facts: { status: c.status, reason: c.reason ?? null, gaps },
        fixes: [],
        source: options.source ?? 'live',
        nodeId: id,
      };
    });
}
