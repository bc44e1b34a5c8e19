// EstateTreeModel: the Private Link tree over an InventoryPort, as plain data (items.ts). The first level comes
// from one loadEstate (Resource Graph: a handful of pages); zone groups and A records are read lazily, through the
// port, when an endpoint or zone is expanded, and the rules run again with what was learnt.
//
//   subscription → cache → private endpoint → DNS zone group → zone → VNet links / A records
//                        → what is missing ("zone … not linked to vnet-batch"), findings
//                → service (catalog display name) → target → private endpoint → … (the same chain as a cache's)
//                → Orphaned endpoints, Unlinked zones
//   Caches come first, then the other services' targets grouped by service; `services` (the setting
//   privateLinkReview.services, catalog service keys) limits which services the view shows.
//   failed subscription (the reason; context value `retry`)
//
// After the first level, loadDetails reads every chain in the background (the extension does, right away), so the
// statuses are complete without expanding anything; lazy reads then find nothing left to read.

import type { ProjectConfig } from '../config/config';
import { PORTAL_URLS } from '../catalog/services';
import type { CacheNode, CoverageEntry, DnsZoneNode, PrivateEndpointNode, ServiceTargetNode, ZoneConfig, ZoneGroup } from '../graph/types';
import { serviceOfType } from '../catalog/targets';
import { findingsOfServices } from '../rules/service-scope';
import { isKnown, isUnknown } from '../graph/types';
import { parseResourceId, subscriptionOf } from '../graph/resource-id';
import { gapText } from '../graph/coverage';
import { COVERAGE_INCOMPLETE } from '../rules/coverage-incomplete';
import type { Finding } from '../rules/types';
import type { ArmResource } from '../sources/snapshot/arm-resource';
import { analyseEstate, type EstateAnalysis } from '../sources/live/analyse';
import { isPrivateLinkZoneName } from '../sources/live/graph-queries';
import type { EstateLoad, InventoryPort, LoadOptions, SubscriptionInfo } from '../sources/live/port';
import { mapSettled } from '../sources/live/concurrency';
import { cacheDescription, cacheFacts, countLabel, endpointDescription, endpointFacts, nameOfId, targetDescription, targetFacts, tooltip } from './describe';
import { contextValueOf, messageItem, worstStatus, type TreeItemData, type TreeNodeKind, type TreeStatus } from './items';

/** What an item stands for, kept by id so getChildren can expand it. */
interface NodeRef {
  readonly kind: TreeNodeKind;
  readonly subscriptionId?: string;
  readonly resourceId?: string;
  /** For endpoints under a cache or target: its id, to describe the right connection. */
  readonly cacheId?: string;
  /** For zone groups: the configs. */
  readonly configs?: readonly ZoneConfig[];
  readonly children?: readonly TreeItemData[];
}

interface State {
  readonly estate: EstateLoad;
  readonly analysis: EstateAnalysis;
  readonly findingsByNode: ReadonlyMap<string, readonly Finding[]>;
}

/** Rules whose findings say something is missing in the chain of a cache, and how to say it in a few words. */
const MISSING: Readonly<Record<string, (f: Finding) => string | undefined>> = {
  'dns-zone-link-missing': (f) => `zone ${String(f.facts.zoneName)} not linked to ${String(f.facts.vnetName)}`,
  'dns-zone-group-missing': (f) => `no DNS zone group on ${nameOfId(f.nodeId)}`,
  'cache-unreachable': () => 'no private endpoint (public access is disabled)',
  'dns-record-mismatch': (f) => (f.facts.recordFound === false ? `no A record ${String(f.facts.expectedRecord)} in ${String(f.facts.zoneName)}` : undefined),
};

export interface TreeOptions {
  /** Catalog service keys the view shows (`redis`, `storage`, `keyVault`…); empty or absent: every service. */
  readonly services?: readonly string[];
}

export class EstateTreeModel {
  private state: State | undefined;
  private subscriptions: SubscriptionInfo[] = [];
  private readonly refs = new Map<string, NodeRef>();
  private readonly parents = new Map<string, TreeItemData | undefined>();
  private readonly listeners = new Set<() => void>();
  /** Caches whose firewall rules were read (an empty list and "not read" look alike in the graph). */
  private readonly firewallRead = new Set<string>();
  /** Subscriptions (lowercased) whose details were all read without a failure since they were last loaded. */
  private readonly detailsReadFor = new Set<string>();
  /** Chain reads in flight, by cache id: the view asks again for the children of a node it is redrawing. */
  private readonly chainReads = new Map<string, Promise<string[]>>();

  constructor(
    private readonly port: InventoryPort,
    private readonly config: ProjectConfig,
    private readonly options: TreeOptions = {},
  ) {}

  /** Whether the view shows this catalog service (`privateLinkReview.services`). */
  private shows(serviceKey: string | undefined): boolean {
    const wanted = this.options.services;
    return !wanted || wanted.length === 0 || (serviceKey !== undefined && wanted.includes(serviceKey));
  }

  /** Whether a cache or target node is of a service the view shows. */
  private showsNode(node: { readonly type: string }): boolean {
    return this.shows(serviceOfType(node.type)?.id);
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The estate and its findings, for exports (evidence) and the Problems-like "show findings". */
  get current(): (EstateAnalysis & { estate: EstateLoad }) | undefined {
    return this.state ? { estate: this.state.estate, ...this.state.analysis } : undefined;
  }

  async load(subscriptions: readonly (SubscriptionInfo | string)[], options?: LoadOptions): Promise<void> {
    this.subscriptions = subscriptions.map((s) => (typeof s === 'string' ? { id: s, displayName: s } : s));
    this.detailsReadFor.clear();
    const estate = await this.port.loadEstate(this.subscriptions.map((s) => s.id), options);
    this.setEstate(estate);
  }

  /** Reads one subscription again (the `retry` action of a failed subscription node). */
  async retry(subscriptionId: string, options?: LoadOptions): Promise<void> {
    if (!this.state) return this.load([subscriptionId], options);
    this.detailsReadFor.delete(subscriptionId.toLowerCase());
    const again = await this.port.loadEstate([subscriptionId], options);
    const mine = (id: string) => subscriptionOf(id)?.toLowerCase() === subscriptionId.toLowerCase();
    const old = this.state.estate;
    this.setEstate({
      ...old,
      resources: [...old.resources.filter((r) => !mine(r.id)), ...again.resources],
      coverage: old.coverage.map((c) => (c.scope.toLowerCase() === subscriptionId.toLowerCase() ? (again.coverage[0] ?? c) : c)),
      zoneGroupsFetched: new Set([...old.zoneGroupsFetched].filter((id) => !mine(id))),
    });
  }

  /**
   * Reads what the first level leaves out (zone groups, A records, firewall rules) for every cache, or for one
   * subscription after a retry, and runs the rules again. Resources read lazily meanwhile are kept. Returns the
   * detail reads that failed (shown in the log; the rest of the estate is still complete).
   */
  async loadDetails(options?: LoadOptions & { subscriptionId?: string }): Promise<readonly string[]> {
    if (!this.state) return [];
    const scope = options?.subscriptionId?.toLowerCase();
    const inScope = (id: string) => !scope || subscriptionOf(id)?.toLowerCase() === scope;
    const base = this.state.estate;
    const scoped: EstateLoad = scope
      ? { ...base, resources: base.resources.filter((r) => inScope(r.id)), coverage: base.coverage.filter((c) => c.scope.toLowerCase() === scope) }
      : base;
    const detailed = await this.port.loadDetails(scoped, options);
    options?.signal?.throwIfAborted();
    if (detailed.source !== 'snapshot') {
      for (const r of scoped.resources) if (r.type.toLowerCase() === 'microsoft.cache/redis') this.firewallRead.add(r.id.toLowerCase());
    }
    this.addDetails(detailed.resources, [...detailed.zoneGroupsFetched]);
    // The detail reads' coverage (partial subscriptions and their gaps) replaces what the view showed for them.
    const updated = new Map(detailed.coverage.map((c) => [c.scope.toLowerCase(), c]));
    const current = this.state!.estate;
    if (detailed.coverage.some((c) => c !== current.coverage.find((o) => o.scope.toLowerCase() === c.scope.toLowerCase()))) {
      this.setEstate({ ...current, coverage: current.coverage.map((c) => updated.get(c.scope.toLowerCase()) ?? c) });
    }
    for (const c of detailed.coverage) if (c.kind === 'subscription' && c.status === 'read') this.detailsReadFor.add(c.scope.toLowerCase());
    return detailed.coverage.flatMap((c) => (c.gaps ?? []).map(gapText));
  }

  /**
   * Whether every detail of these subscriptions is already held (a background `loadDetails` finished without a
   * failed read), so an export can use the estate as it is instead of reading it all again.
   */
  hasAllDetails(subscriptionIds: readonly string[]): boolean {
    return subscriptionIds.every((id) => this.detailsReadFor.has(id.toLowerCase()));
  }

  private setEstate(estate: EstateLoad): void {
    const analysis = analyseEstate(estate, this.config);
    const findingsByNode = new Map<string, Finding[]>();
    for (const finding of analysis.findings) {
      const key = finding.nodeId.toLowerCase();
      findingsByNode.set(key, [...(findingsByNode.get(key) ?? []), finding]);
    }
    this.state = { estate, analysis, findingsByNode };
    for (const listener of this.listeners) listener();
  }

  /** Merges lazily read resources (zone groups, records) and runs the rules again. */
  private addDetails(resources: readonly ArmResource[], fetchedEndpoints: readonly string[] = []): void {
    if (!this.state) return;
    const known = new Set(this.state.estate.resources.map((r) => r.id.toLowerCase()));
    const fetched = new Set(this.state.estate.zoneGroupsFetched);
    const newResources = resources.filter((r) => !known.has(r.id.toLowerCase()) && known.add(r.id.toLowerCase()));
    const newFetched = fetchedEndpoints.map((id) => id.toLowerCase()).filter((id) => !fetched.has(id) && fetched.add(id));
    // Nothing learnt, nothing to redraw: a change event would only make the view ask for the same children again.
    if (newResources.length === 0 && newFetched.length === 0) return;
    this.setEstate({ ...this.state.estate, resources: [...this.state.estate.resources, ...newResources], zoneGroupsFetched: fetched });
  }

  /**
   * Expanding a cache reads what its chain needs and Resource Graph does not hold: the zone groups of its
   * endpoints, then the A records of the zones they name, a few calls at a time. The rules then see the whole
   * chain, so "what is missing" under the cache is complete.
   */
  private readChain(cache: CacheNode | ServiceTargetNode, options?: LoadOptions): Promise<string[]> {
    const key = cache.id.toLowerCase();
    const running = this.chainReads.get(key);
    if (running) return running;
    const read = this.readChainOnce(cache, options).finally(() => this.chainReads.delete(key));
    this.chainReads.set(key, read);
    return read;
  }

  private async readChainOnce(cache: CacheNode | ServiceTargetNode, options?: LoadOptions): Promise<string[]> {
    const graph = this.state!.analysis.graph;
    const unknownGroups = graph.endpointsOf(cache).filter((e) => isUnknown(e.zoneGroups));
    const errors: string[] = [];
    const groups = await mapSettled(unknownGroups, CHAIN_CONCURRENCY, (e) => this.port.zoneGroupsOf(e.id, options));
    const added: ArmResource[] = [];
    const fetched: string[] = [];
    groups.forEach((result, index) => {
      if (result.status === 'fulfilled') {
        added.push(...result.value);
        fetched.push(unknownGroups[index].id);
      } else errors.push(messageOf(result.reason));
    });
    if (added.length > 0 || fetched.length > 0) this.addDetails(added, fetched);
    if (cache.kind === 'cache' && cache.type === 'Microsoft.Cache/redis' && !this.firewallRead.has(cache.id.toLowerCase()) && this.state!.estate.source !== 'snapshot') {
      try {
        const rules = await this.port.firewallRulesOf(cache.id, options);
        this.firewallRead.add(cache.id.toLowerCase());
        if (rules.length > 0) this.addDetails(rules);
      } catch (error) {
        errors.push(messageOf(error));
      }
    }
    const after = this.state!.analysis.graph;
    const zoneIds = new Set<string>();
    for (const endpoint of after.endpointsOf(after.resolve(cache.id) ?? cache)) {
      if (isUnknown(endpoint.zoneGroups)) continue;
      for (const group of endpoint.zoneGroups) for (const c of group.configs) if (isKnown(c.zoneId)) zoneIds.add(c.zoneId);
    }
    const zones = [...zoneIds].map((id) => after.resolveKind(id, 'dnsZone')).filter((z): z is DnsZoneNode => !!z && after.recordsOf(z).length === 0);
    if (zones.length > 0 && this.state!.estate.source !== 'snapshot') {
      const records = await mapSettled(zones, CHAIN_CONCURRENCY, (z) => this.port.recordSetsOf(z.id, options));
      const found = records.flatMap((r) => (r.status === 'fulfilled' ? r.value : (errors.push(messageOf(r.reason)), [])));
      if (found.length > 0) this.addDetails(found);
    }
    return errors;
  }

  getParent(item: TreeItemData): TreeItemData | undefined {
    return this.parents.get(item.id);
  }

  async getChildren(item?: TreeItemData, options?: LoadOptions): Promise<TreeItemData[]> {
    if (!this.state) return [];
    const children = await this.childrenOf(item, options);
    for (const child of children) this.parents.set(child.id, item);
    return children;
  }

  private async childrenOf(item: TreeItemData | undefined, options?: LoadOptions): Promise<TreeItemData[]> {
    if (!item) return this.subscriptionItems();
    const ref = this.refs.get(item.id);
    if (!ref) return [];
    if (ref.children) return [...ref.children];
    switch (ref.kind) {
      case 'subscription':
        return this.subscriptionChildren(item.id, ref.subscriptionId!);
      case 'subscriptionFailed':
        return [
          this.message(item.id, 'reason', this.coverageOf(ref.subscriptionId!)?.reason ?? 'could not be read', 'error'),
          this.message(item.id, 'consequence', 'Its caches are missing from this view and from evidence until it is read.'),
        ];
      case 'cache':
        return this.cacheChildren(item.id, ref.resourceId!, options);
      case 'target':
        return this.targetChildren(item.id, ref.resourceId!, options);
      case 'privateEndpoint':
        return this.endpointChildren(item.id, ref.resourceId!, options);
      case 'zoneGroup':
        return this.zoneGroupChildren(item.id, ref.configs ?? []);
      case 'dnsZone':
        return this.zoneChildren(item.id, ref.resourceId!, options);
      default:
        return this.findingItems(item.id, this.findingsOf(ref.resourceId));
    }
  }

  // ------------------------------------------------------------------ levels

  private subscriptionItems(): TreeItemData[] {
    const { estate, analysis } = this.state!;
    const names = new Map(this.subscriptions.map((s) => [s.id.toLowerCase(), s.displayName]));
    return estate.coverage
      .filter((c) => c.kind === 'subscription')
      .map((c) => {
        const name = c.displayName ?? names.get(c.scope.toLowerCase()) ?? c.scope;
        const id = `subscription:${c.scope.toLowerCase()}`;
        if (c.status === 'failed') {
          return this.item(id, { kind: 'subscriptionFailed', subscriptionId: c.scope }, {
            label: `${name}: could not be read`,
            description: c.reason ?? 'not read',
            kind: 'subscriptionFailed',
            status: 'error',
            tooltip: tooltip(`${name}: could not be read`, `${c.reason ?? 'unknown reason'}. Its caches are missing from this view and from evidence until it is read.`, `/subscriptions/${c.scope}`, []),
            contextValue: contextValueOf('subscriptionFailed', { resource: true, retry: true }, 'error'),
            subscriptionId: c.scope,
            resourceId: `/subscriptions/${c.scope}`,
            findings: [],
            collapsible: true,
          });
        }
        const mine = (nodeId: string) => subscriptionOf(nodeId)?.toLowerCase() === c.scope.toLowerCase();
        const caches = analysis.graph.caches.filter((cache) => mine(cache.id) && this.showsNode(cache));
        const targets = analysis.graph.serviceTargets.filter((target) => mine(target.id) && this.showsNode(target));
        const shown = findingsOfServices(analysis.graph, this.options.services ?? [], this.config.cloud ?? 'AzureCloud');
        const findings = analysis.findings.filter((f) => mine(f.nodeId) && shown(f));
        const counts = [countLabel(caches.length, 'cache')];
        if (targets.length > 0) counts.push(countLabel(targets.length, 'other target'));
        const errors = findings.filter((f) => f.severity === 'error').length;
        const warnings = findings.filter((f) => f.severity === 'warning').length;
        if (errors) counts.push(countLabel(errors, 'error'));
        if (warnings) counts.push(countLabel(warnings, 'warning'));
        // A subscription read only in part says so on its node; its children list the reads that failed.
        if (c.status === 'partial') counts.push(`read in part: ${countLabel(c.gaps?.length ?? 0, 'read')} failed`);
        const status = worstStatus(findings);
        return this.item(id, { kind: 'subscription', subscriptionId: c.scope }, {
          label: name,
          description: counts.join(' · '),
          kind: 'subscription',
          status,
          tooltip: tooltip(name, `${counts.join(', ')}`, `/subscriptions/${c.scope}`, findings.filter((f) => f.ruleId === COVERAGE_INCOMPLETE.id)),
          contextValue: contextValueOf('subscription', { resource: true, portal: true, hasFindings: findings.length > 0, evidence: true }, status),
          resourceId: `/subscriptions/${c.scope}`,
          subscriptionId: c.scope,
          findings,
          collapsible: true,
          expanded: true,
        });
      });
  }

  private subscriptionChildren(parentId: string, subscriptionId: string): TreeItemData[] {
    const graph = this.state!.analysis.graph;
    const mine = (id: string) => subscriptionOf(id)?.toLowerCase() === subscriptionId.toLowerCase();
    const caches = graph.caches.filter((c) => mine(c.id) && this.showsNode(c)).sort(byName);
    const gaps = (this.coverageOf(subscriptionId)?.gaps ?? []).map((gap, i) => this.message(parentId, `gap-${i}`, `Not read: ${gapText(gap)}`, 'error'));
    // Caches first (as before other services were shown), then one group per other service.
    const items = [...gaps, ...caches.map((cache) => this.cacheItem(parentId, cache)), ...this.serviceGroups(parentId, mine)];
    const orphans = graph.endpoints
      .filter((e) => mine(e.id))
      .filter((e) => !e.connections.some((c) => isKnown(c.targetId) && isTargetNode(graph.resolve(c.targetId))))
      .filter((e) => e.connections.some((c) => !isKnown(c.targetId) || this.shows(serviceOfType(parseResourceId(c.targetId)?.type ?? '')?.id)))
      .sort(byName);
    if (orphans.length > 0) {
      const id = `${parentId}/orphaned-endpoints`;
      const children = orphans.map((e) => this.endpointItem(id, e, undefined));
      items.push(this.groupItem(id, 'orphanedEndpoints', 'Orphaned endpoints', children,
        'Private endpoints whose target (cache, storage account, vault…) is not in the loaded subscriptions: deleted, or in a subscription not selected.'));
    }
    const unlinked = graph.zones.filter((z) => mine(z.id) && isPrivateLinkZoneName(isKnown(z.name) ? z.name : undefined) && z.linksRead !== false && graph.linksOf(z).length === 0).sort(byName);
    if (unlinked.length > 0) {
      const id = `${parentId}/unlinked-zones`;
      const children = unlinked.map((z) => this.zoneItem(id, z));
      items.push(this.groupItem(id, 'unlinkedZones', 'Unlinked zones', children,
        'Private Link DNS zones linked to no virtual network: no client resolves their records.'));
    }
    return items;
  }

  /** A per-subscription group of leftovers (orphaned endpoints, unlinked zones), as bad as its worst child. */
  private groupItem(id: string, kind: 'orphanedEndpoints' | 'unlinkedZones', label: string, children: TreeItemData[], tooltip: string): TreeItemData {
    return this.item(id, { kind, children }, {
      label,
      description: String(children.length),
      kind,
      status: worstStatus(children.flatMap((c) => c.findings)),
      tooltip,
      contextValue: contextValueOf(kind, {}),
      findings: [],
      collapsible: true,
    });
  }

  /** One group per catalogued service other than Redis that has targets here, by display name; each lists its targets. */
  private serviceGroups(parentId: string, mine: (id: string) => boolean): TreeItemData[] {
    const byService = new Map<string, ServiceTargetNode[]>();
    for (const target of this.state!.analysis.graph.serviceTargets) {
      const service = serviceOfType(target.type);
      if (!service || !mine(target.id) || !this.shows(service.id)) continue;
      byService.set(service.id, [...(byService.get(service.id) ?? []), target]);
    }
    return [...byService.entries()]
      .map(([key, targets]) => ({ key, service: serviceOfType(targets[0].type)!, targets: [...targets].sort(byName) }))
      .sort((a, b) => a.service.displayName.localeCompare(b.service.displayName))
      .map(({ key, service, targets }) => {
        const id = `${parentId}/service:${key}`;
        const children = targets.map((target) => this.targetItem(id, target));
        const findings = children.flatMap((c) => c.findings);
        const status = worstStatus(findings);
        return this.item(id, { kind: 'serviceGroup', children }, {
          label: service.displayName,
          description: countLabel(targets.length, service.noun),
          kind: 'serviceGroup',
          status,
          tooltip: tooltip(service.displayName, `${countLabel(targets.length, service.noun)} with private endpoints (${service.resourceType})`, undefined, []),
          contextValue: contextValueOf('serviceGroup', { hasFindings: findings.length > 0 }, status),
          findings,
          collapsible: true,
        });
      });
  }

  private targetItem(parentId: string, target: ServiceTargetNode): TreeItemData {
    const id = `${parentId}/target:${target.id.toLowerCase()}`;
    const chain = this.chainFindings(target);
    const name = isKnown(target.name) ? target.name : nameOfId(target.id);
    const status = worstStatus(chain);
    return this.item(id, { kind: 'target', resourceId: target.id }, {
      label: name,
      description: targetDescription(target),
      kind: 'target',
      status,
      tooltip: tooltip(name, targetFacts(target), target.id, chain),
      contextValue: contextValueOf('target', { resource: true, portal: true, hasFindings: chain.length > 0, probe: true }, status),
      resourceId: target.id,
      findings: chain,
      collapsible: true,
      portalUrl: this.portal(target.id),
    });
  }

  /** A target's endpoints (zone groups and records read as for a cache), what is missing, and its own findings. */
  private async targetChildren(parentId: string, targetId: string, options?: LoadOptions): Promise<TreeItemData[]> {
    const first = this.state!.analysis.graph.resolveKind(targetId, 'target');
    if (!first) return [];
    const errors = (await this.readChain(first, options)).map((e, i) => this.message(parentId, `chain-error-${i}`, `Not read: ${e}`, 'error'));
    const graph = this.state!.analysis.graph;
    const target = graph.resolveKind(targetId, 'target')!;
    const endpoints = [...graph.endpointsOf(target)].sort(byName).map((e) => this.endpointItem(parentId, e, target.id));
    const missing = this.missingItems(parentId, this.chainFindings(target));
    // Resource Graph's first level holds the targets; their endpoints come with the details read right after.
    const subscription = subscriptionOf(target.id)?.toLowerCase() ?? '';
    const pending = endpoints.length === 0 && (target.privateEndpointConnections?.length ?? 0) > 0 && this.state!.estate.source === 'resource-graph' && !this.detailsReadFor.has(subscription);
    const none =
      endpoints.length > 0 ? []
      : pending ? [this.message(parentId, 'endpoints-pending', 'Private endpoints are being read')]
      : [this.message(parentId, 'no-endpoint', 'No private endpoint in the loaded subscriptions')];
    return [...endpoints, ...none, ...missing, ...errors, ...this.findingItems(parentId, this.findingsOf(target.id))];
  }

  /** "missing: …" leaves for the findings of a chain that say something is missing. */
  private missingItems(parentId: string, chain: readonly Finding[]): TreeItemData[] {
    return uniqueById(
      chain.flatMap((f) => {
        const label = MISSING[f.ruleId]?.(f);
        if (!label) return [];
        const id = `${parentId}/missing:${f.ruleId}:${label}`;
        const status = f.severity === 'error' ? 'error' : 'warning';
        return [
          this.item(id, { kind: 'missing', children: [] }, {
            label: `missing: ${label}`,
            kind: 'missing',
            status,
            tooltip: tooltip(`missing: ${label}`, undefined, undefined, [f]),
            contextValue: contextValueOf('missing', {}, status),
            findings: [f],
            collapsible: false,
          }),
        ];
      }),
    );
  }

  private cacheItem(parentId: string, cache: CacheNode): TreeItemData {
    const id = `${parentId}/cache:${cache.id.toLowerCase()}`;
    const chain = this.chainFindings(cache);
    const name = isKnown(cache.name) ? cache.name : nameOfId(cache.id);
    const status = worstStatus(chain);
    return this.item(id, { kind: 'cache', resourceId: cache.id }, {
      label: name,
      description: cacheDescription(cache),
      kind: 'cache',
      status,
      tooltip: tooltip(name, cacheFacts(cache), cache.id, chain),
      contextValue: contextValueOf('cache', { resource: true, portal: true, hasFindings: chain.length > 0, probe: true }, status),
      resourceId: cache.id,
      findings: chain,
      collapsible: true,
      portalUrl: this.portal(cache.id),
    });
  }

  private async cacheChildren(parentId: string, cacheId: string, options?: LoadOptions): Promise<TreeItemData[]> {
    const first = this.state!.analysis.graph.resolveKind(cacheId, 'cache');
    if (!first) return [];
    const errors = (await this.readChain(first, options)).map((e, i) => this.message(parentId, `chain-error-${i}`, `Not read: ${e}`, 'error'));
    const graph = this.state!.analysis.graph;
    const cache = graph.resolveKind(cacheId, 'cache')!;
    const endpoints = [...graph.endpointsOf(cache)].sort(byName).map((e) => this.endpointItem(parentId, e, cache.id));
    const chain = this.chainFindings(cache);
    const missing = this.missingItems(parentId, chain);
    // "missing: no private endpoint" already says it when public access is off; otherwise say it plainly.
    const saidMissing = chain.some((f) => f.ruleId === 'cache-unreachable');
    const none = endpoints.length === 0 && !saidMissing ? [this.message(parentId, 'no-endpoint', 'No private endpoint')] : [];
    return [...endpoints, ...none, ...missing, ...errors, ...this.findingItems(parentId, this.findingsOf(cache.id))];
  }

  private endpointItem(parentId: string, endpoint: PrivateEndpointNode, cacheId: string | undefined): TreeItemData {
    const id = `${parentId}/endpoint:${endpoint.id.toLowerCase()}`;
    const findings = this.findingsOf(endpoint.id);
    const name = isKnown(endpoint.name) ? endpoint.name : nameOfId(endpoint.id);
    const description = endpointDescription(endpoint, cacheId);
    const status = worstStatus(findings);
    return this.item(id, { kind: 'privateEndpoint', resourceId: endpoint.id, cacheId }, {
      label: name,
      description,
      kind: 'privateEndpoint',
      status,
      tooltip: tooltip(name, endpointFacts(endpoint, cacheId), endpoint.id, findings),
      contextValue: contextValueOf('privateEndpoint', { resource: true, portal: true, hasFindings: findings.length > 0, probe: true }, status),
      resourceId: endpoint.id,
      findings,
      collapsible: true,
      portalUrl: this.portal(endpoint.id),
    });
  }

  private async endpointChildren(parentId: string, endpointId: string, options?: LoadOptions): Promise<TreeItemData[]> {
    let endpoint = this.state!.analysis.graph.resolveKind(endpointId, 'privateEndpoint');
    if (!endpoint) return [];
    if (isUnknown(endpoint.zoneGroups)) {
      try {
        this.addDetails(await this.port.zoneGroupsOf(endpointId, options), [endpointId]);
      } catch (error) {
        return [this.message(parentId, 'zone-groups-error', `Zone groups not read: ${messageOf(error)}`, 'error'), ...this.findingItems(parentId, this.findingsOf(endpointId))];
      }
      endpoint = this.state!.analysis.graph.resolveKind(endpointId, 'privateEndpoint')!;
    }
    const groups: readonly ZoneGroup[] = isUnknown(endpoint.zoneGroups) ? [] : endpoint.zoneGroups;
    const ownFindings = this.findingsOf(endpointId);
    const none =
      isUnknown(endpoint.zoneGroups) ? [this.message(parentId, 'zone-groups-unknown', 'DNS zone groups not read')]
      : groups.length === 0 && !ownFindings.some((f) => f.ruleId === 'dns-zone-group-missing') ? [this.message(parentId, 'no-zone-group', 'No DNS zone group', 'warning')]
      : [];
    const items = groups.map((group) => {
      const id = `${parentId}/zone-group:${group.id.toLowerCase()}`;
      const name = isKnown(group.name) ? group.name : nameOfId(group.id);
      const zones = group.configs.map((c) => (isKnown(c.zoneId) ? nameOfId(c.zoneId) : '?')).join(', ');
      return this.item(id, { kind: 'zoneGroup', resourceId: group.id, configs: group.configs }, {
        label: name,
        description: zones,
        kind: 'zoneGroup',
        status: 'ok',
        tooltip: tooltip(`DNS zone group ${name}`, `Registers the endpoint's address in ${zones || 'no zone'}`, group.id, []),
        contextValue: contextValueOf('zoneGroup', { resource: true }),
        resourceId: group.id,
        findings: [],
        collapsible: group.configs.length > 0,
        expanded: true,
      });
    });
    return [...items, ...none, ...this.findingItems(parentId, ownFindings)];
  }

  private zoneGroupChildren(parentId: string, configs: readonly ZoneConfig[]): TreeItemData[] {
    const graph = this.state!.analysis.graph;
    return configs.flatMap((config) => {
      if (!isKnown(config.zoneId)) return [];
      const zone = graph.resolveKind(config.zoneId, 'dnsZone');
      if (zone) return [this.zoneItem(parentId, zone)];
      const id = `${parentId}/zone:${config.zoneId.toLowerCase()}`;
      return [
        this.item(id, { kind: 'dnsZone', resourceId: config.zoneId, children: [] }, {
          label: nameOfId(config.zoneId),
          description: 'not in the loaded subscriptions',
          kind: 'dnsZone',
          status: 'ok',
          tooltip: tooltip(nameOfId(config.zoneId), 'This zone is in a subscription that was not read.', config.zoneId, []),
          contextValue: contextValueOf('dnsZone', { resource: true }),
          resourceId: config.zoneId,
          findings: [],
          collapsible: false,
        }),
      ];
    });
  }

  private zoneItem(parentId: string, zone: DnsZoneNode): TreeItemData {
    const graph = this.state!.analysis.graph;
    const id = `${parentId}/zone:${zone.id.toLowerCase()}`;
    const findings = this.findingsOf(zone.id);
    const links = graph.linksOf(zone).length;
    const name = isKnown(zone.name) ? zone.name : nameOfId(zone.id);
    const description = `${zone.linksRead === false ? 'links not read' : countLabel(links, 'VNet link')} · ${zone.id.split('/')[4] ?? ''}`;
    const status = worstStatus(findings);
    return this.item(id, { kind: 'dnsZone', resourceId: zone.id }, {
      label: name,
      description,
      kind: 'dnsZone',
      status,
      tooltip: tooltip(name, description, zone.id, findings),
      contextValue: contextValueOf('dnsZone', { resource: true, portal: true, hasFindings: findings.length > 0 }, status),
      resourceId: zone.id,
      findings,
      collapsible: true,
      portalUrl: this.portal(zone.id),
    });
  }

  private async zoneChildren(parentId: string, zoneId: string, options?: LoadOptions): Promise<TreeItemData[]> {
    let graph = this.state!.analysis.graph;
    let zone = graph.resolveKind(zoneId, 'dnsZone');
    if (!zone) return [];
    const errors: TreeItemData[] = [];
    if (graph.recordsOf(zone).length === 0 && this.state!.estate.source !== 'snapshot') {
      try {
        this.addDetails(await this.port.recordSetsOf(zoneId, options));
      } catch (error) {
        errors.push(this.message(parentId, 'records-error', `A records not read: ${(error as Error).message}`, 'error'));
      }
      graph = this.state!.analysis.graph;
      zone = graph.resolveKind(zoneId, 'dnsZone')!;
    }
    const links = [...graph.linksOf(zone)].sort(byName).map((link) => {
      const id = `${parentId}/link:${link.id.toLowerCase()}`;
      const findings = this.findingsOf(link.id);
      const vnet = isKnown(link.vnetId) ? graph.displayName(link.vnetId) : '?';
      const description = `${vnet}${link.registrationEnabled === true ? ' · auto-registration on' : ''}`;
      const name = isKnown(link.name) ? link.name : nameOfId(link.id);
      const status = worstStatus(findings);
      return this.item(id, { kind: 'vnetLink', resourceId: link.id }, {
        label: name,
        description,
        kind: 'vnetLink',
        status,
        tooltip: tooltip(name, `Links the zone to ${vnet}`, link.id, findings),
        contextValue: contextValueOf('vnetLink', { resource: true, portal: true, hasFindings: findings.length > 0 }, status),
        resourceId: link.id,
        findings,
        collapsible: findings.length > 0,
      });
    });
    const records = [...graph.recordsOf(zone)].sort(byName).map((record) => {
      const id = `${parentId}/record:${record.id.toLowerCase()}`;
      const name = isKnown(record.recordName) ? record.recordName : nameOfId(record.id);
      return this.item(id, { kind: 'aRecord', resourceId: record.id, children: [] }, {
        label: name,
        description: `A ${record.ipv4Addresses.join(', ')}`,
        kind: 'aRecord',
        status: 'ok',
        tooltip: tooltip(name, `A ${record.ipv4Addresses.join(', ')}`, record.id, []),
        contextValue: contextValueOf('aRecord', { resource: true }),
        resourceId: record.id,
        findings: [],
        collapsible: false,
      });
    });
    return [...links, ...records, ...errors, ...this.findingItems(parentId, this.findingsOf(zoneId))];
  }

  // ------------------------------------------------------------------ helpers

  private findingItems(parentId: string, findings: readonly Finding[]): TreeItemData[] {
    return findings.map((f, index) => {
      const id = `${parentId}/finding:${f.ruleId}:${index}`;
      const status = f.severity === 'error' ? 'error' : 'warning';
      // The message reads as a sentence in the view; the rule id (what .plreview.yaml configures) follows it.
      return this.item(id, { kind: 'finding', children: [] }, {
        label: f.message,
        description: f.ruleId,
        kind: 'finding',
        status,
        tooltip: tooltip(f.ruleId, f.message, f.location.kind === 'resource' ? f.location.resourceId : undefined, []),
        contextValue: contextValueOf('finding', {}, status),
        findings: [f],
        collapsible: false,
      });
    });
  }

  private message(parentId: string, key: string, text: string, status: TreeStatus = 'ok'): TreeItemData {
    const { id, ...data } = messageItem(parentId, key, text, status);
    return this.item(id, { kind: 'message', children: [] }, data);
  }

  private findingsOf(nodeId: string | undefined): readonly Finding[] {
    return nodeId ? (this.state!.findingsByNode.get(nodeId.toLowerCase()) ?? []) : [];
  }

  /** A cache's own findings, its endpoints', and those about zones naming it (facts.cacheIds). */
  private chainFindings(cache: CacheNode | ServiceTargetNode): Finding[] {
    const graph = this.state!.analysis.graph;
    const endpointIds = graph.endpointsOf(cache).map((e) => e.id.toLowerCase());
    const own = [cache.id.toLowerCase(), ...endpointIds].flatMap((id) => this.state!.findingsByNode.get(id) ?? []);
    const aboutCache = this.state!.analysis.findings.filter((f) => {
      const ids = f.facts.cacheIds;
      return Array.isArray(ids) && ids.some((id) => id.toLowerCase() === cache.id.toLowerCase());
    });
    return [...new Set([...own, ...aboutCache])];
  }

  private coverageOf(subscriptionId: string): CoverageEntry | undefined {
    return this.state!.estate.coverage.find((c) => c.scope.toLowerCase() === subscriptionId.toLowerCase());
  }

  private portal(resourceId: string): string {
    return `${PORTAL_URLS[this.config.cloud ?? 'AzureCloud']}/#resource${resourceId}`;
  }

  private item(id: string, ref: Omit<NodeRef, 'kind'> & { kind: TreeNodeKind }, data: Omit<TreeItemData, 'id'>): TreeItemData {
    this.refs.set(id, ref);
    const subscriptionId = data.subscriptionId ?? (data.resourceId ? subscriptionOf(data.resourceId) : ref.subscriptionId);
    return subscriptionId ? { id, ...data, subscriptionId } : { id, ...data };
  }
}

const CHAIN_CONCURRENCY = 4;

/** A Private Link target in the graph: a cache or another catalogued service's resource. */
function isTargetNode(node: { readonly kind: string } | undefined): boolean {
  return node?.kind === 'cache' || node?.kind === 'target';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function byName<T extends { name: unknown; id: string }>(a: T, b: T): number {
  const na = typeof a.name === 'string' ? a.name : a.id;
  const nb = typeof b.name === 'string' ? b.name : b.id;
  return na.localeCompare(nb);
}

function uniqueById(items: TreeItemData[]): TreeItemData[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.id) && seen.add(i.id));
}

