// Coverage: what a review read, read in part, or could not read. One place for the words and the arithmetic, so
// the audit text, JSON, SARIF, evidence and the tree say the same thing.

import { lastSegment, subscriptionOf } from './resource-id';
import type { CoverageEntry, CoverageGap } from './types';

/** A scope whose review may be missing findings: nothing read, or some reads inside it failed. */
export function isIncomplete(entry: CoverageEntry): boolean {
  return entry.status !== 'read';
}

/** `DNS zone groups of pe-a: Azure answered 500 InternalServerError after retries (request id …)` */
export function gapText(gap: CoverageGap): string {
  return `${gap.what} of ${lastSegment(gap.resourceId) || gap.resourceId}: ${gap.reason}`;
}

/**
 * Files each gap under the subscription of its resource: a subscription that was read becomes `partial`. A gap in
 * a subscription with no entry gets a `partial` entry of its own, so no gap is ever dropped.
 */
export function withGaps(coverage: readonly CoverageEntry[], gaps: readonly CoverageGap[]): CoverageEntry[] {
  if (gaps.length === 0) return [...coverage];
  const bySubscription = new Map<string, CoverageGap[]>();
  for (const gap of gaps) {
    const key = (subscriptionOf(gap.resourceId) ?? '').toLowerCase();
    bySubscription.set(key, [...(bySubscription.get(key) ?? []), gap]);
  }
  const result = coverage.map((entry) => {
    const mine = entry.kind === 'subscription' ? bySubscription.get(entry.scope.toLowerCase()) : undefined;
    if (!mine) return entry;
    bySubscription.delete(entry.scope.toLowerCase());
    const all = [...(entry.gaps ?? []), ...mine];
    return { ...entry, status: entry.status === 'failed' ? ('failed' as const) : ('partial' as const), gaps: all };
  });
  for (const [scope, mine] of bySubscription) {
    result.push({ scope: subscriptionOf(mine[0].resourceId) ?? scope, kind: 'subscription', status: 'partial', gaps: mine });
  }
  return result;
}
