// AzureInventory: the InventoryPort over the real @azure/arm-* clients.
//   Resource Graph first: one set of paged KQL queries across all selected subscriptions (graph-queries.ts).
//   ARM per subscription as fallback, when Resource Graph refuses or is unavailable, and for any selected
//   subscription Resource Graph did not answer for (Resource Graph silently skips subscriptions the caller may
//   not read; the ARM call then says why, with a request id, for the coverage).
//   The first level holds Redis's chain and every catalogued target with endpoint connections; the details add
//   the other services' endpoints, zones and links (Resource Graph), then zone groups of every endpoint, A records
//   of every Private Link zone and Redis firewall rules, lazily or with bounded concurrency for a full audit.

import type { ArmResource } from '../snapshot/arm-resource';
import type { CoverageEntry, CoverageGap } from '../../graph/types';
import { withGaps } from '../../graph/coverage';
import { parseResourceId, subscriptionOf } from '../../graph/resource-id';
import { AzureClients, type AzureConnection } from './clients';
import { newCallContext, runInContext, type CallContext } from './call-context';
import { mapSettled } from './concurrency';
import { describeError, malformedError } from './errors';
import { isArmObject } from './call-context';
import { GRAPH_QUERIES, isPrivateLinkZoneName, targetsById } from './graph-queries';
import { isServiceTargetType } from '../arm-shape/target-node';
import { serviceOfType } from '../../catalog/targets';
import { LiveError, type EstateLoad, type InventoryPort, type LoadOptions, type SubscriptionInfo } from './port';

export type { InventoryPort, EstateLoad, SubscriptionInfo, LoadOptions, LoadProgress } from './port';
export { LiveError } from './port';

const GRAPH_SUBSCRIPTION_BATCH = 1000; // Resource Graph's limit of subscriptions per request
const GRAPH_PAGE = 1000; // Resource Graph's largest page
const DEFAULT_TIMEOUT_MS = 30_000;

export class AzureInventory implements InventoryPort {
  private readonly clients: AzureClients;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly useResourceGraph: boolean;

  constructor(connection: AzureConnection) {
    this.clients = new AzureClients(connection);
    this.timeoutMs = connection.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.concurrency = connection.concurrency ?? 8;
    this.useResourceGraph = connection.useResourceGraph ?? true;
  }

  /** Runs one SDK call with the call context; failures become LiveErrors naming `what`. */
  private async call<T>(what: string, options: LoadOptions | undefined, work: (context: CallContext) => Promise<T>, capture = false): Promise<T> {
    if (options?.signal?.aborted) throw new LiveError(`${what}: cancelled`, 'cancelled');
    const context = newCallContext(options?.signal, this.timeoutMs, capture);
    try {
      return await runInContext(context, () => work(context));
    } catch (error) {
      throw describeError(error, context, what, this.timeoutMs);
    }
  }

  /** Drains an SDK pager and returns the raw ARM objects of every page. */
  private list(what: string, options: LoadOptions | undefined, pager: () => AsyncIterable<unknown>): Promise<ArmResource[]> {
    return this.call(what, options, async (context) => {
      for await (const _ of pager()) {
        // the call-context policy keeps the raw items; the SDK's flattened models are not used
      }
      // A page of the wrong shape is a failed read, never an empty list (call-context.ts checks each page).
      if (context.malformed) throw malformedError(what, context.malformed);
      return context.items;
    }, true);
  }

  async listSubscriptions(options?: LoadOptions): Promise<SubscriptionInfo[]> {
    const raw = await this.list('listing subscriptions', options, () => this.clients.subscriptions().subscriptions.list());
    return raw
      .map((s) => {
        const r = s as unknown as { subscriptionId?: string; displayName?: string; tenantId?: string };
        return { id: r.subscriptionId ?? '', displayName: r.displayName ?? r.subscriptionId ?? '', tenantId: r.tenantId };
      })
      .filter((s) => s.id !== '')
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  async loadEstate(subscriptionIds: readonly string[], options?: LoadOptions): Promise<EstateLoad> {
    const ids = [...new Set(subscriptionIds.map((s) => s.toLowerCase()))];
    let viaGraph: { resources: ArmResource[]; answered: Set<string> } | undefined;
    let fallbackReason: string | undefined;
    try {
      if (this.useResourceGraph) viaGraph = await this.loadViaGraph(ids, options);
      else fallbackReason = 'Resource Graph is turned off';
    } catch (error) {
      const live = error instanceof LiveError ? error : describeError(error, undefined, 'Resource Graph');
      if (live.kind === 'cancelled' || live.kind === 'auth') throw live;
      fallbackReason = live.message;
    }
    const coverage: CoverageEntry[] = [];
    const resources: ArmResource[] = viaGraph ? [...viaGraph.resources] : [];
    const viaArm = ids.filter((id) => !viaGraph?.answered.has(id));
    for (const id of ids) if (viaGraph?.answered.has(id)) coverage.push({ scope: id, kind: 'subscription', status: 'read' });

    let done = 0;
    const settled = await mapSettled(viaArm, this.concurrency, async (subscriptionId) => {
      try {
        return await this.loadSubscriptionViaArm(subscriptionId, options);
      } finally {
        options?.onProgress?.({ message: `ARM: subscription ${subscriptionId}`, done: ++done, total: viaArm.length });
      }
    });
    settled.forEach((result, index) => {
      const scope = viaArm[index];
      if (result.status === 'fulfilled') {
        resources.push(...result.value);
        coverage.push({ scope, kind: 'subscription', status: 'read' });
      } else {
        const reason = result.reason instanceof LiveError ? result.reason : describeError(result.reason, undefined, `subscription ${scope}`);
        if (reason.kind === 'cancelled') throw reason;
        // The coverage entry names the subscription already: keep the reason only.
        const prefix = `subscription ${scope}: `;
        const text = reason.message.startsWith(prefix) ? reason.message.slice(prefix.length) : reason.message;
        coverage.push({ scope, kind: 'subscription', status: 'failed', reason: text });
      }
    });
    const order = new Map(ids.map((id, i) => [id, i]));
    coverage.sort((a, b) => (order.get(a.scope) ?? 0) - (order.get(b.scope) ?? 0));
    return {
      resources,
      coverage: restoreCase(coverage, subscriptionIds),
      source: viaGraph ? 'resource-graph' : 'arm',
      zoneGroupsFetched: new Set(),
      ...(fallbackReason ? { fallbackReason } : {}),
    };
  }

  /** All queries in parallel, each paged with skipToken; subscriptions in batches of 1,000. */
  private async loadViaGraph(ids: readonly string[], options?: LoadOptions): Promise<{ resources: ArmResource[]; answered: Set<string> }> {
    if (ids.length === 0) return { resources: [], answered: new Set() };
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += GRAPH_SUBSCRIPTION_BATCH) batches.push(ids.slice(i, i + GRAPH_SUBSCRIPTION_BATCH));
    const resources: ArmResource[] = [];
    const answered = new Set<string>();
    let pages = 0;
    const progress = () => options?.onProgress?.({ message: `Resource Graph: ${pages} page(s)`, done: pages });
    for (const batch of batches) {
      const [caches, endpoints, zones, links, vnets, containers, targets] = await Promise.all(
        (['caches', 'endpoints', 'zones', 'links', 'vnets', 'subscriptions', 'targets'] as const).map((name) =>
          this.queryGraph(GRAPH_QUERIES[name], batch, options, () => {
            pages++;
            progress();
          }),
        ),
      );
      resources.push(...caches, ...endpoints, ...zones, ...links, ...vnets.map(vnetFromRow), ...targets);
      for (const row of containers) {
        const id = String((row as { subscriptionId?: unknown }).subscriptionId ?? subscriptionOf(row.id) ?? '').toLowerCase();
        if (id) answered.add(id);
      }
    }
    return { resources, answered };
  }

  /**
   * One query, all pages. The first page tells the total; the other pages are then asked for at once with `skip`
   * (the queries order by id, so pages are stable), which puts two round trips on the critical path instead of one
   * per page. Without a total, it follows `skipToken` page by page.
   */
  private async queryGraph(query: string, subscriptions: readonly string[], options: LoadOptions | undefined, onPage: () => void): Promise<ArmResource[]> {
    const page = (paging: { skip?: number; skipToken?: string }) =>
      this.call('Resource Graph', options, async (context) => {
        const response = await this.clients.graph().resources({
          query,
          subscriptions: [...subscriptions],
          options: { resultFormat: 'objectArray', top: GRAPH_PAGE, ...paging },
        });
        onPage();
        // The rows as sent (kept by the call-context policy), not `response.data`, which the SDK turns into an object.
        // Rows of the wrong shape are a failed query (the caller falls back to ARM), never an empty answer.
        if (context.malformed) throw malformedError('Resource Graph', context.malformed);
        return { rows: context.items, skipToken: response.skipToken ?? undefined, total: response.totalRecords };
      }, true);
    const first = await page({});
    const rows = [...first.rows];
    if (!first.skipToken) return rows;
    if (typeof first.total === 'number' && first.total > rows.length) {
      // Step by the page size the service actually used (it may cap `top` lower).
      const step = rows.length;
      const offsets: number[] = [];
      for (let skip = step; skip < first.total; skip += step) offsets.push(skip);
      const rest = (await Promise.all(offsets.map((skip) => page({ skip })))).flatMap((next) => next.rows);
      if (rows.length + rest.length === first.total) return [...rows, ...rest];
      // Pages of another size than the first: read in order with skipToken instead.
    }
    let skipToken: string | undefined = first.skipToken;
    while (skipToken) {
      const next = await page({ skipToken });
      rows.push(...next.rows);
      skipToken = next.skipToken;
    }
    return rows;
  }

  /**
   * The ARM fallback for one subscription: five lists, then the VNet links of each Private Link zone. Every
   * endpoint and zone is kept (the lists hold them anyway); targets other than Redis have no client here, so
   * loadDetails names them as not read.
   */
  private async loadSubscriptionViaArm(subscriptionId: string, options?: LoadOptions): Promise<ArmResource[]> {
    const what = `subscription ${subscriptionId}`;
    const [redis, enterprise, endpoints, zones, vnets] = await Promise.all([
      this.list(what, options, () => this.clients.redis(subscriptionId).redis.listBySubscription()),
      this.list(what, options, () => this.clients.redisEnterprise(subscriptionId).redisEnterprise.list()),
      this.list(what, options, () => this.clients.network(subscriptionId).privateEndpoints.listBySubscription()),
      this.list(what, options, () => this.clients.privateDns(subscriptionId).privateZones.list()),
      this.list(what, options, () => this.clients.network(subscriptionId).virtualNetworks.listAll()),
    ]);
    const privateLinkZones = zones.filter((z) => isPrivateLinkZoneName(z.name));
    const links = await mapSettled(privateLinkZones, this.concurrency, (zone) => {
      const parsed = parseResourceId(zone.id);
      return this.list(what, options, () =>
        this.clients.privateDns(subscriptionId).virtualNetworkLinks.list(parsed?.resourceGroup ?? '', zone.name ?? ''),
      );
    });
    const failed = links.find((l) => l.status === 'rejected') as PromiseRejectedResult | undefined;
    if (failed) throw failed.reason;
    return [
      ...redis,
      ...enterprise,
      ...endpoints,
      ...privateLinkZones,
      ...links.flatMap((l) => (l.status === 'fulfilled' ? l.value : [])),
      ...vnets.map(trimVnet),
    ];
  }

  async zoneGroupsOf(endpointId: string, options?: LoadOptions): Promise<ArmResource[]> {
    const parsed = parseResourceId(endpointId);
    if (!parsed?.subscriptionId || !parsed.resourceGroup) throw new LiveError(`not a private endpoint id: ${endpointId}`, 'other');
    const { subscriptionId, resourceGroup, names } = parsed;
    // The autorest client takes the endpoint name first (the modular arm-network 37+ takes the group first).
    return this.list(`zone groups of ${names[0]}`, options, () =>
      this.clients.network(subscriptionId).privateDnsZoneGroups.list(names[0], resourceGroup),
    );
  }

  async recordSetsOf(zoneId: string, options?: LoadOptions): Promise<ArmResource[]> {
    const parsed = parseResourceId(zoneId);
    if (!parsed?.subscriptionId || !parsed.resourceGroup) throw new LiveError(`not a private DNS zone id: ${zoneId}`, 'other');
    const { subscriptionId, resourceGroup, names } = parsed;
    return this.list(`A records of ${names[0]}`, options, () =>
      this.clients.privateDns(subscriptionId).recordSets.listByType(resourceGroup, names[0], 'A'),
    );
  }

  firewallRulesOf(cacheId: string, options?: LoadOptions): Promise<ArmResource[]> {
    const parsed = parseResourceId(cacheId);
    const { subscriptionId = '', resourceGroup = '', names } = parsed ?? { names: [''] };
    return this.list(`firewall rules of ${names[0]}`, options, () =>
      this.clients.redis(subscriptionId).firewallRules.list(resourceGroup, names[0]),
    );
  }

  async loadDetails(estate: EstateLoad, options?: LoadOptions): Promise<EstateLoad> {
    const readSubscriptions = new Set(estate.coverage.filter((c) => c.status !== 'failed').map((c) => c.scope.toLowerCase()));
    // Every detail read that fails is a gap of its subscription (coverage `partial`), never a silent omission.
    const gaps: CoverageGap[] = [];
    const added: ArmResource[] = [];
    /** Reads one detail; a failure (other than cancellation) becomes a gap. */
    const detail = async (resourceId: string, what: string, read: () => Promise<ArmResource[]>): Promise<boolean> => {
      try {
        added.push(...(await read()));
        return true;
      } catch (error) {
        const live = error instanceof LiveError ? error : describeError(error, undefined, what);
        if (live.kind === 'cancelled') throw live;
        gaps.push({ resourceId, what, reason: withoutPrefix(live.message) });
        return false;
      }
    };

    // First what the first level left out for services other than Redis; the chains below then cover them too.
    if (estate.source === 'resource-graph' && readSubscriptions.size > 0) {
      added.push(...(await this.readOtherServices(estate, [...readSubscriptions], gaps, options)));
    }
    const all = uniqueResources([...estate.resources, ...added]);
    if (estate.source === 'arm') gaps.push(...unreadTargets(all, readSubscriptions));
    const endpoints = all.filter((r) => r.type.toLowerCase() === 'microsoft.network/privateendpoints');
    const zones = all.filter((r) => r.type.toLowerCase() === 'microsoft.network/privatednszones' && isPrivateLinkZoneName(r.name));
    const caches = all.filter((r) => r.type.toLowerCase() === 'microsoft.cache/redis');

    const fetched = new Set(estate.zoneGroupsFetched);
    let done = 0;
    const total = endpoints.length + caches.length + (estate.source === 'resource-graph' ? 1 : zones.length);
    const tick = (message: string) => options?.onProgress?.({ message, done: ++done, total });

    type Job = () => Promise<void>;
    const jobs: Job[] = [
      ...endpoints.map((endpoint): Job => async () => {
        if (await detail(endpoint.id, DETAIL.zoneGroups, () => this.zoneGroupsOf(endpoint.id, options))) fetched.add(endpoint.id.toLowerCase());
        tick('zone groups');
      }),
      ...caches.map((cache): Job => async () => {
        await detail(cache.id, DETAIL.firewallRules, () => this.firewallRulesOf(cache.id, options));
        tick('firewall rules');
      }),
    ];
    if (estate.source === 'resource-graph') {
      // A record sets are in Resource Graph's dnsresources table: one paged query instead of one call per zone.
      jobs.push(async () => {
        try {
          added.push(...(await this.queryGraph(GRAPH_QUERIES.aRecords, [...readSubscriptions], options, () => undefined)));
        } catch (error) {
          if (error instanceof LiveError && error.kind === 'cancelled') throw error;
          await mapSettled(zones, this.concurrency, (zone) => detail(zone.id, DETAIL.aRecords, () => this.recordSetsOf(zone.id, options)));
        }
        tick('A records');
      });
    } else {
      jobs.push(
        ...zones.map((zone): Job => async () => {
          await detail(zone.id, DETAIL.aRecords, () => this.recordSetsOf(zone.id, options));
          tick('A records');
        }),
      );
    }
    const settled = await mapSettled(jobs, this.concurrency, (job) => job());
    for (const result of settled) if (result.status === 'rejected') throw result.reason; // only cancellation gets here
    // This read supersedes earlier gaps (a retry that now succeeds clears them; one that fails again lists it again).
    const fresh = estate.coverage.map((c) => (c.status === 'partial' ? { ...c, status: 'read' as const, gaps: undefined } : c));
    const known = new Set(estate.resources.map((r) => r.id.toLowerCase()));
    const newResources = uniqueResources(added).filter((r) => !known.has(r.id.toLowerCase()));
    return { ...estate, resources: [...estate.resources, ...newResources], zoneGroupsFetched: fetched, coverage: withGaps(fresh, gaps) };
  }

  /**
   * The endpoints, zones and links of every service but Redis (one query shape each, all services at once), then
   * the few targets those endpoints name that the first level did not hold (a service whose GET lists no
   * connections). A failed query is a gap of each subscription it covered.
   */
  private async readOtherServices(
    estate: EstateLoad,
    subscriptions: readonly string[],
    gaps: CoverageGap[],
    options?: LoadOptions,
  ): Promise<ArmResource[]> {
    const read: ArmResource[] = [];
    const perSubscription = async (what: string, query: () => Promise<ArmResource[]>) => {
      try {
        read.push(...(await query()));
      } catch (error) {
        const live = error instanceof LiveError ? error : describeError(error, undefined, what);
        if (live.kind === 'cancelled') throw live;
        for (const s of subscriptions) gaps.push({ resourceId: `/subscriptions/${s}`, what, reason: withoutPrefix(live.message) });
      }
    };
    const graph = (query: string) => () => this.queryGraph(query, subscriptions, options, () => undefined);
    await Promise.all([
      perSubscription(DETAIL.otherEndpoints, graph(GRAPH_QUERIES.otherEndpoints)),
      perSubscription(DETAIL.otherZones, graph(GRAPH_QUERIES.otherZones)),
      perSubscription(DETAIL.otherZones, graph(GRAPH_QUERIES.otherLinks)),
    ]);
    const held = new Set([...estate.resources, ...read].map((r) => r.id.toLowerCase()));
    const wanted = new Set(subscriptions);
    const missing = [...new Set(read.flatMap(connectedTargetIds))].filter(
      (id) => !held.has(id) && isServiceTargetType(parseResourceId(id)?.type ?? '') && wanted.has(subscriptionOf(id)?.toLowerCase() ?? ''),
    );
    for (let i = 0; i < missing.length; i += TARGETS_BY_ID_BATCH) {
      const batch = missing.slice(i, i + TARGETS_BY_ID_BATCH);
      await perSubscription(DETAIL.targets, graph(targetsById(batch)));
    }
    return read;
  }
}

/** Ids of catalogued targets are this long at most; 100 of them keep a query well under Resource Graph's size limit. */
const TARGETS_BY_ID_BATCH = 100;

/** The target ids an endpoint's connections name (lowercased). */
function connectedTargetIds(endpoint: ArmResource): string[] {
  const ids: string[] = [];
  for (const key of ['privateLinkServiceConnections', 'manualPrivateLinkServiceConnections']) {
    const list = endpoint.properties?.[key];
    if (!Array.isArray(list)) continue;
    for (const c of list as { properties?: { privateLinkServiceId?: unknown } }[]) {
      const id = c?.properties?.privateLinkServiceId;
      if (typeof id === 'string') ids.push(id.toLowerCase());
    }
  }
  return ids;
}

/**
 * ARM fallback: the catalogued targets (other than Redis) that endpoints in read subscriptions name. The fallback
 * has a client for Redis only, so their public access was not read: one gap each, in the target's subscription.
 */
function unreadTargets(resources: readonly ArmResource[], readSubscriptions: ReadonlySet<string>): CoverageGap[] {
  const held = new Set(resources.map((r) => r.id.toLowerCase()));
  const ids = new Set(resources.filter((r) => r.type.toLowerCase() === 'microsoft.network/privateendpoints').flatMap(connectedTargetIds));
  return [...ids]
    .filter((id) => !held.has(id) && readSubscriptions.has(subscriptionOf(id)?.toLowerCase() ?? ''))
    .flatMap((id) => {
      const service = serviceOfType(parseResourceId(id)?.type ?? '');
      if (!service || service.zonesBySku) return [];
      return [{ resourceId: id, what: DETAIL.targetSettings, reason: `Resource Graph was not available, and the ARM fallback reads no ${service.displayName} resources` }];
    })
    .sort((a, b) => a.resourceId.localeCompare(b.resourceId));
}

function uniqueResources(resources: readonly ArmResource[]): ArmResource[] {
  const seen = new Set<string>();
  return resources.filter((r) => !seen.has(r.id.toLowerCase()) && seen.add(r.id.toLowerCase()));
}

/** What each detail read is called in coverage gaps. */
const DETAIL = {
  zoneGroups: 'DNS zone groups',
  firewallRules: 'firewall rules',
  aRecords: 'A records',
  otherEndpoints: 'private endpoints to services other than Redis',
  otherZones: 'Private Link DNS zones and VNet links of services other than Redis',
  targets: 'Private Link targets named by endpoints',
  targetSettings: 'public network access settings',
} as const;

/** `zone groups of pe-a: Azure answered 500 …` → `Azure answered 500 …`: the gap names the resource already. */
function withoutPrefix(message: string): string {
  const colon = message.indexOf(': ');
  return colon >= 0 ? message.slice(colon + 2) : message;
}

/** A Resource Graph VNet row (projected) back into the ARM shape the graph reads. */
function vnetFromRow(row: ArmResource): ArmResource {
  const r = row as ArmResource & { subnets?: unknown; dnsServers?: unknown };
  return trimVnet({
    id: r.id,
    name: r.name,
    type: r.type,
    location: r.location,
    properties: { subnets: Array.isArray(r.subnets) ? r.subnets : [], ...(Array.isArray(r.dnsServers) ? { dhcpOptions: { dnsServers: r.dnsServers } } : {}) },
  });
}

/** Keeps a VNet's subnets as id and name only (the full objects list every NIC). */
function trimVnet(vnet: ArmResource): ArmResource {
  const subnets = Array.isArray(vnet.properties?.subnets) ? (vnet.properties.subnets as { id?: string; name?: string }[]) : [];
  return {
    ...vnet,
    properties: { ...vnet.properties, subnets: subnets.map((s) => ({ id: s.id, name: s.name })) },
  };
}

/** Coverage scopes in the casing the caller used. */
function restoreCase(coverage: CoverageEntry[], requested: readonly string[]): CoverageEntry[] {
  const original = new Map(requested.map((id) => [id.toLowerCase(), id]));
  return coverage.map((c) => ({ ...c, scope: original.get(c.scope) ?? c.scope }));
}
