// The estate file `plreview snapshot` writes: an ARM list (`value`) with the coverage next to it, which
// parseEstate (snapshot/estate.ts) reads back. Subscriptions are kept as Resource Graph `resourcecontainers`
// rows, so their display names survive the round trip.

import type { ArmResource } from '../snapshot/arm-resource';
import type { CoverageEntry } from '../../graph/types';
import { withDerivedType } from './analyse';
import type { EstateLoad, SubscriptionInfo } from './port';

export interface SnapshotDocument {
  readonly value: readonly ArmResource[];
  readonly coverage: readonly CoverageEntry[];
}

export function snapshotDocument(subscriptions: readonly SubscriptionInfo[], estate: EstateLoad): SnapshotDocument {
  const containers: ArmResource[] = subscriptions.map((s) => ({
    id: `/subscriptions/${s.id}`,
    name: s.displayName,
    type: 'microsoft.resources/subscriptions',
    ...(s.tenantId ? { tenantId: s.tenantId } : {}),
  }));
  const seen = new Set<string>();
  const resources = estate.resources.filter((r) => !seen.has(r.id.toLowerCase()) && seen.add(r.id.toLowerCase())).map(withDerivedType);
  return { value: [...containers, ...resources], coverage: estate.coverage };
}
