// The inventory port: everything the tree, `plreview audit` and `plreview snapshot` need from Azure, behind one
// small interface (DESIGN.md). The real implementation is AzureInventory (inventory.ts, the @azure/arm-* clients);
// EstateInventory serves an estate snapshot file through the same port, with no sign-in.

import type { ArmResource } from '../snapshot/arm-resource';
import type { CoverageEntry } from '../../graph/types';

export interface SubscriptionInfo {
  readonly id: string;
  readonly displayName: string;
  readonly tenantId?: string;
}

export interface LoadProgress {
  readonly message: string;
  /** Work items done and known so far (pages, subscriptions or detail calls), for a progress bar. */
  readonly done: number;
  readonly total?: number;
}

export interface LoadOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: LoadProgress) => void;
}

export interface EstateLoad {
  /** ARM resource objects exactly as ARM (or Resource Graph) returned them. */
  readonly resources: readonly ArmResource[];
  /**
   * One entry per requested subscription: read; partial, with the detail reads that failed (`gaps`: the zone
   * groups of one endpoint, the records of one zone); or failed, with the reason (and request id).
   */
  readonly coverage: readonly CoverageEntry[];
  /** How the estate was read. */
  readonly source: 'resource-graph' | 'arm' | 'snapshot';
  /** Endpoints (lowercased ids) whose DNS zone groups were read; the others' zone groups are Unknown. */
  readonly zoneGroupsFetched: ReadonlySet<string>;
  /** Why Resource Graph was not used, when the inventory fell back to ARM. */
  readonly fallbackReason?: string;
}

export interface InventoryPort {
  listSubscriptions(options?: LoadOptions): Promise<SubscriptionInfo[]>;
  /** The tree's first level and the graph-level findings: caches, endpoints, zones, links, VNets. */
  loadEstate(subscriptionIds: readonly string[], options?: LoadOptions): Promise<EstateLoad>;
  /** The full audit: adds zone groups of every Redis endpoint, A records and firewall rules (bounded concurrency). */
  loadDetails(estate: EstateLoad, options?: LoadOptions): Promise<EstateLoad>;
  /** Lazily, when an endpoint node is expanded. */
  zoneGroupsOf(endpointId: string, options?: LoadOptions): Promise<ArmResource[]>;
  /** Lazily, when a zone node is expanded: its A record sets. */
  recordSetsOf(zoneId: string, options?: LoadOptions): Promise<ArmResource[]>;
  /** Lazily, when a cache node (Microsoft.Cache/redis) is expanded: its firewall rules. */
  firewallRulesOf(cacheId: string, options?: LoadOptions): Promise<ArmResource[]>;
}

/** A failure talking to Azure, already phrased for people (status, ARM code, message, request id). */
export class LiveError extends Error {
  constructor(
    message: string,
    readonly kind: 'auth' | 'forbidden' | 'throttled' | 'timeout' | 'unavailable' | 'malformed' | 'cancelled' | 'other',
    readonly statusCode?: number,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'LiveError';
  }
}
