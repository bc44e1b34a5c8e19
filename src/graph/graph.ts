// The graph with its indexes: built once per analysis from the GraphData of one or more sources
// (a workspace's design files merge into one graph, so a link in dns.bicep satisfies an endpoint in cache.bicep).

import { parseResourceId, resourceKeyOfId, vnetIdOfSubnet, lastSegment } from './resource-id';
import { ownString } from './own-string';
import type {
  ARecordNode,
  CacheNode,
  ClientNode,
  CloudName,
  CoverageEntry,
  DnsZoneNode,
  GraphData,
  GraphNode,
  NodeKind,
  PrivateEndpointNode,
  ServiceTargetNode,
  SourceProblem,
  Suppression,
  VnetLinkNode,
  VnetNode,
} from './types';
import { isKnown } from './types';

type NodeOfKind<K extends NodeKind> = Extract<GraphNode, { kind: K }>;

export class PrivateLinkGraph {
  readonly nodes: readonly GraphNode[];
  readonly problems: readonly SourceProblem[];
  readonly coverage: readonly CoverageEntry[];
  readonly cloud: CloudName | undefined;
  readonly suppressions: readonly Suppression[];

  private readonly byId = new Map<string, GraphNode>();
  private readonly byKey = new Map<string, GraphNode[]>();
  private readonly byKind = new Map<NodeKind, GraphNode[]>();
  private endpointsByTarget: Map<string, PrivateEndpointNode[]> | undefined;
  private linksByZone: Map<string, VnetLinkNode[]> | undefined;
  private recordsByZone: Map<string, ARecordNode[]> | undefined;
  private vnetBySubnet: Map<string, VnetNode> | undefined;
  private clientsByCache: Map<string, ClientNode[]> | undefined;
  /** resolve() answers by reference text: rules ask for the same ids (a zone, a subnet, a cache) many times. */
  private readonly resolved = new Map<string, GraphNode | null>();

  private constructor(data: GraphData) {
    this.nodes = data.nodes;
    this.problems = data.problems;
    this.coverage = data.coverage;
    this.cloud = data.cloud;
    this.suppressions = data.suppressions ?? [];
    for (const node of data.nodes) {
      const idKey = node.id.toLowerCase();
      if (!this.byId.has(idKey)) this.byId.set(idKey, node);
      const key = keyOfId(node.id);
      if (key) appendTo(this.byKey, key, node);
      appendTo(this.byKind, node.kind, node);
    }
  }

  /** Merges the data of several sources into one graph. The first declared cloud wins. */
  static from(...parts: GraphData[]): PrivateLinkGraph {
    return new PrivateLinkGraph({
      nodes: parts.flatMap((p) => p.nodes),
      problems: parts.flatMap((p) => p.problems),
      coverage: parts.flatMap((p) => p.coverage),
      cloud: parts.find((p) => p.cloud)?.cloud,
      suppressions: parts.flatMap((p) => p.suppressions ?? []),
    });
  }

  ofKind<K extends NodeKind>(kind: K): readonly NodeOfKind<K>[] {
    return (this.byKind.get(kind) ?? []) as NodeOfKind<K>[];
  }

  get caches(): readonly CacheNode[] {
    return this.ofKind('cache');
  }
  /** Private Link targets other than Redis caches (storage accounts, key vaults, …). */
  get serviceTargets(): readonly ServiceTargetNode[] {
    return this.ofKind('target');
  }
  get endpoints(): readonly PrivateEndpointNode[] {
    return this.ofKind('privateEndpoint');
  }
  get zones(): readonly DnsZoneNode[] {
    return this.ofKind('dnsZone');
  }
  get links(): readonly VnetLinkNode[] {
    return this.ofKind('vnetLink');
  }
  get records(): readonly ARecordNode[] {
    return this.ofKind('aRecord');
  }
  get vnets(): readonly VnetNode[] {
    return this.ofKind('vnet');
  }
  get clients(): readonly ClientNode[] {
    return this.ofKind('client');
  }

  /**
   * Finds the node a reference points at: by exact id (case-insensitive), then by resource key (type and
   * names, ignoring subscription and group, for designs that leave those to deployment time). A key that
   * matches several nodes is ambiguous and resolves to none.
   */
  resolve(ref: string | undefined): GraphNode | undefined {
    if (!ref) return undefined;
    const known = this.resolved.get(ref);
    if (known !== undefined) return known ?? undefined;
    const exact = this.byId.get(ref.toLowerCase());
    let found: GraphNode | undefined = exact;
    if (!exact) {
      const key = keyOfId(ref);
      const candidates = key ? this.byKey.get(key) : undefined;
      found = candidates && candidates.length === 1 ? candidates[0] : undefined;
    }
    this.resolved.set(ref, found ?? null);
    return found;
  }

  resolveKind<K extends NodeKind>(ref: string | undefined, kind: K): NodeOfKind<K> | undefined {
    const node = this.resolve(ref);
    return node && node.kind === kind ? (node as NodeOfKind<K>) : undefined;
  }

  /** The cache an endpoint connection targets, if it is in the graph. */
  targetOf(targetId: string | undefined): CacheNode | undefined {
    return this.resolveKind(targetId, 'cache');
  }

  /** Endpoints with at least one connection resolving to the target (a cache or any other service). */
  endpointsOf(cache: { readonly id: string }): readonly PrivateEndpointNode[] {
    if (!this.endpointsByTarget) {
      this.endpointsByTarget = new Map();
      for (const endpoint of this.endpoints) {
        const seen = new Set<string>();
        for (const connection of endpoint.connections) {
          if (!isKnown(connection.targetId)) continue;
          const target = this.resolve(connection.targetId);
          if (!target || seen.has(target.id)) continue;
          seen.add(target.id);
          const list = this.endpointsByTarget.get(target.id) ?? [];
          list.push(endpoint);
          this.endpointsByTarget.set(target.id, list);
        }
      }
    }
    return this.endpointsByTarget.get(cache.id) ?? [];
  }

  /** Declared clients that use the target (one pass over all clients, then a lookup per target). */
  clientsOf(cache: { readonly id: string }): readonly ClientNode[] {
    if (!this.clientsByCache) {
      this.clientsByCache = new Map();
      for (const client of this.clients) {
        const used = new Set(client.uses.map((ref) => this.resolve(ref)?.id).filter((id): id is string => id !== undefined));
        for (const id of used) appendTo(this.clientsByCache, id, client);
      }
    }
    return this.clientsByCache.get(cache.id) ?? [];
  }

  /** VNet links of a zone (links whose zone reference resolves to it). */
  linksOf(zone: DnsZoneNode): readonly VnetLinkNode[] {
    if (!this.linksByZone) this.linksByZone = this.groupByZone(this.links);
    return this.linksByZone.get(zone.id) ?? [];
  }

  recordsOf(zone: DnsZoneNode): readonly ARecordNode[] {
    if (!this.recordsByZone) this.recordsByZone = this.groupByZone(this.records);
    return this.recordsByZone.get(zone.id) ?? [];
  }

  /** Zones declared with this name (case-insensitive). */
  zonesNamed(name: string): readonly DnsZoneNode[] {
    const lower = name.toLowerCase();
    return this.zones.filter((z) => isKnown(z.name) && z.name.toLowerCase() === lower);
  }

  /** The VNet that holds a subnet id, when the VNet is in the graph; else its id derived from the subnet id. */
  vnetIdOfSubnet(subnetId: string): string | undefined {
    if (!this.vnetBySubnet) {
      this.vnetBySubnet = new Map();
      for (const vnet of this.vnets) for (const subnet of vnet.subnets) this.vnetBySubnet.set(subnet.id.toLowerCase(), vnet);
    }
    return this.vnetBySubnet.get(subnetId.toLowerCase())?.id ?? vnetIdOfSubnet(subnetId);
  }

  /** Two VNet references denote the same VNet (by id or key). */
  sameVnet(a: string, b: string): boolean {
    if (a.toLowerCase() === b.toLowerCase()) return true;
    const na = this.resolve(a);
    const nb = this.resolve(b);
    if (na && nb) return na === nb;
    const ka = keyOfId(a);
    return ka !== undefined && ka === keyOfId(b);
  }

  /** A readable name for any resource reference: the node's name, else the id's last segment. */
  displayName(ref: string): string {
    const node = this.resolve(ref);
    if (node && isKnown(node.name)) return node.name;
    const parsed = parseResourceId(ref);
    return parsed ? parsed.names[parsed.names.length - 1] : lastSegment(ref);
  }

  private groupByZone<T extends { zoneId: unknown }>(items: readonly T[]): Map<string, T[]> {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const zoneId = item.zoneId;
      if (typeof zoneId !== 'string') continue;
      const zone = this.resolve(zoneId);
      if (!zone) continue;
      appendTo(map, zone.id, item);
    }
    return map;
  }
}

/**
 * Resource keys of ids, remembered across graphs: the editor rebuilds the graph on every keystroke from mostly
 * the same ids, and parsing an id is most of what building the indexes costs. Bounded, so it cannot grow
 * without end in a long session.
 */
const KEY_CACHE_SIZE = 20_000;
/** Longer ids (a name pasted 500 KB long) are not remembered: 20,000 of them would hold gigabytes. */
const KEY_CACHE_MAX_ID = 1_000;
const keyCache = new Map<string, string | null>();

function keyOfId(id: string): string | undefined {
  let key = keyCache.get(id);
  if (key === undefined) {
    if (id.length > KEY_CACHE_MAX_ID) return resourceKeyOfId(id);
    // The cache outlives the text the id was cut from: it keeps copies (own-string.ts).
    const ownId = ownString(id);
    key = resourceKeyOfId(ownId) ?? null;
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
    keyCache.set(ownId, key);
  }
  return key ?? undefined;
}

/** Appends to a list in a map of lists (building indexes stays linear: no array copies per insert). */
function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
