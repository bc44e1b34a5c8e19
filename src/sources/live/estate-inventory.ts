// An estate snapshot behind the inventory port: the tree and the audit read a file exactly as they read Azure,
// for reviewers in locked-down environments ("Open estate snapshot…", `plreview audit --estate`).

import type { ArmResource } from '../snapshot/arm-resource';
import type { CoverageEntry } from '../../graph/types';
import { subscriptionOf } from '../../graph/resource-id';
import { parentId } from '../snapshot/ids';
import type { EstateLoad, InventoryPort, SubscriptionInfo } from './port';

const SUBSCRIPTION_TYPE = 'microsoft.resources/subscriptions';

export class EstateInventory implements InventoryPort {
  constructor(
    private readonly resources: readonly ArmResource[],
    private readonly coverage: readonly CoverageEntry[] = [],
  ) {}

  async listSubscriptions(): Promise<SubscriptionInfo[]> {
    const byId = new Map<string, SubscriptionInfo>();
    for (const r of this.resources) {
      if (r.type.toLowerCase() === SUBSCRIPTION_TYPE) {
        const id = subscriptionOf(r.id) ?? r.name ?? r.id;
        byId.set(id.toLowerCase(), { id, displayName: r.name ?? id, tenantId: (r as { tenantId?: string }).tenantId });
      }
    }
    for (const r of this.resources) {
      const id = subscriptionOf(r.id);
      if (id && !byId.has(id.toLowerCase())) byId.set(id.toLowerCase(), { id, displayName: id });
    }
    for (const c of this.coverage) {
      if (c.kind === 'subscription' && !byId.has(c.scope.toLowerCase())) byId.set(c.scope.toLowerCase(), { id: c.scope, displayName: c.displayName ?? c.scope });
    }
    return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  async loadEstate(subscriptionIds: readonly string[]): Promise<EstateLoad> {
    const wanted = new Set(subscriptionIds.map((s) => s.toLowerCase()));
    const resources = this.resources.filter((r) => wanted.has((subscriptionOf(r.id) ?? '').toLowerCase()));
    const recorded = new Map(this.coverage.map((c) => [c.scope.toLowerCase(), c]));
    const names = new Map((await this.listSubscriptions()).map((s) => [s.id.toLowerCase(), s.displayName]));
    const coverage: CoverageEntry[] = subscriptionIds.map((id) => {
      const entry: CoverageEntry = recorded.get(id.toLowerCase()) ?? { scope: id, kind: 'subscription', status: 'read' };
      const displayName = entry.displayName ?? names.get(id.toLowerCase());
      return displayName && displayName !== id ? { ...entry, displayName } : entry;
    });
    const groups = resources.filter((r) => r.type.toLowerCase() === 'microsoft.network/privateendpoints/privatednszonegroups');
    return {
      resources,
      coverage,
      source: 'snapshot',
      // A snapshot that holds zone groups at all was exported with them: the others have none.
      zoneGroupsFetched: groups.length > 0 ? new Set(resources.filter((r) => r.type.toLowerCase() === 'microsoft.network/privateendpoints').map((r) => r.id.toLowerCase())) : new Set(),
    };
  }

  async loadDetails(estate: EstateLoad): Promise<EstateLoad> {
    return estate; // a snapshot holds everything it will ever hold
  }

  async zoneGroupsOf(endpointId: string): Promise<ArmResource[]> {
    return this.childrenOf(endpointId, 'microsoft.network/privateendpoints/privatednszonegroups');
  }

  async recordSetsOf(zoneId: string): Promise<ArmResource[]> {
    return this.childrenOf(zoneId, 'microsoft.network/privatednszones/a');
  }

  async firewallRulesOf(cacheId: string): Promise<ArmResource[]> {
    return this.childrenOf(cacheId, 'microsoft.cache/redis/firewallrules');
  }

  private childrenOf(id: string, type: string): ArmResource[] {
    return this.resources.filter((r) => r.type.toLowerCase() === type && parentId(r.id).toLowerCase() === id.toLowerCase());
  }
}
