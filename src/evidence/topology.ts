// The chain as a picture, computed once for both renderers (Mermaid in report.md, SVG in report.html):
// caches → endpoints → zones → VNets, in four columns. A broken link is an edge with a reason, drawn dashed and
// red; a missing piece (no zone group, a zone outside the scope, a VNet that should be linked) is a ghost node.
// Derived from the evidence model, so it shows exactly what the bundle states (masked ids included).

import { privateDnsZoneFor } from '../catalog/lookup';
import type { ProductFamily } from '../catalog/services';
import type { CloudName } from '../graph/types';
import { compareStrings } from './canonical';
import type { EvidenceCache, EvidenceEndpoint, EvidenceModel, EvidenceValue, EvidenceZone, EvidenceZoneGroup } from './model';

export type TopologyColumn = 'cache' | 'endpoint' | 'zone' | 'vnet';
export const TOPOLOGY_COLUMNS: readonly TopologyColumn[] = ['cache', 'endpoint', 'zone', 'vnet'];

export interface TopologyNode {
  readonly key: string;
  readonly column: TopologyColumn;
  readonly label: string;
  readonly detail: string;
  /** A piece the chain needs but the scope does not have. */
  readonly ghost: boolean;
}

export interface TopologyEdge {
  readonly from: string;
  readonly to: string;
  /** Set when this link of the chain is broken: the reason, shown on the edge. */
  readonly broken?: string;
  /** A note on a working link (e.g. `auto-registration`). */
  readonly note?: string;
}

export interface Topology {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
  /** Caches left out to keep the picture readable (the tables and JSON still list them). */
  readonly omittedCaches: number;
}

/** Past this many caches the picture shows the broken chains first, then the rest in id order, up to the limit. */
export const DEFAULT_TOPOLOGY_LIMIT = 40;

export function buildTopology(model: EvidenceModel, limit = DEFAULT_TOPOLOGY_LIMIT): Topology {
  const endpointsById = new Map(model.endpoints.map((e) => [e.id.toLowerCase(), e]));
  const zonesById = new Map(model.zones.map((z) => [z.id.toLowerCase(), z]));
  const nodes = new Map<string, TopologyNode>();
  const edges: TopologyEdge[] = [];
  const edgeKeys = new Set<string>();

  const addNode = (node: TopologyNode) => {
    if (!nodes.has(node.key)) nodes.set(node.key, node);
    return node.key;
  };
  const addEdge = (edge: TopologyEdge) => {
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.broken ?? ''}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push(edge);
  };

  const chains = model.caches.map((cache) => ({ cache, broken: chainIsBroken(cache, endpointsById, zonesById, model.cloud) }));
  const shown = [...chains.filter((c) => c.broken), ...chains.filter((c) => !c.broken)].slice(0, limit);
  shown.sort((a, b) => compareStrings(a.cache.id.toLowerCase(), b.cache.id.toLowerCase()));

  for (const { cache } of shown) {
    const cacheKey = addNode({
      key: `cache:${cache.id.toLowerCase()}`,
      column: 'cache',
      label: text(cache.name) ?? lastSegment(cache.id),
      detail: [text(cache.sku), `public: ${text(cache.publicNetworkAccess) ?? 'default'}`].filter(Boolean).join(' · '),
      ghost: false,
    });
    if (cache.endpointIds.length === 0 && text(cache.vnetInjection.subnetId) === undefined) {
      addEdge({ from: cacheKey, to: addNode(ghost('endpoint', 'no private endpoint')), broken: 'no private endpoint' });
    }
    for (const endpointId of cache.endpointIds) {
      const endpoint = endpointsById.get(endpointId.toLowerCase());
      if (!endpoint) continue;
      const endpointKey = addNode({
        key: `endpoint:${endpoint.id.toLowerCase()}`,
        column: 'endpoint',
        label: text(endpoint.name) ?? lastSegment(endpoint.id),
        detail: [endpoint.privateIps.join(', '), endpoint.vnetId ? `vnet ${lastSegment(endpoint.vnetId)}` : ''].filter(Boolean).join(' · '),
        ghost: false,
      });
      addEdge({ from: cacheKey, to: endpointKey, broken: connectionProblem(cache, endpoint) });
      addZoneEdges(cache, endpoint, endpointKey);
    }
  }

  return { nodes: orderNodes([...nodes.values()], edges), edges, omittedCaches: model.caches.length - shown.length };

  function addZoneEdges(cache: EvidenceCache, endpoint: EvidenceEndpoint, endpointKey: string): void {
    const groups = endpoint.zoneGroups;
    if (!Array.isArray(groups)) {
      const reason = groups === null ? 'no DNS zone group' : 'zone group unknown';
      addEdge({ from: endpointKey, to: addNode(ghost('zone', reason)), broken: reason });
      return;
    }
    if ((groups as readonly EvidenceZoneGroup[]).length === 0) {
      addEdge({ from: endpointKey, to: addNode(ghost('zone', 'no DNS zone group')), broken: 'no DNS zone group' });
      return;
    }
    const expected = expectedZone(cache, model.cloud);
    for (const group of groups as readonly EvidenceZoneGroup[]) {
      for (const ref of group.zones) {
        const zoneId = text(ref.zoneId);
        const zoneName = text(ref.zoneName) ?? 'unknown zone';
        const zone = zoneId ? zonesById.get(zoneId.toLowerCase()) : undefined;
        const zoneKey = addNode({
          key: `zone:${(zoneId ?? zoneName).toLowerCase()}`,
          column: 'zone',
          label: zoneName,
          detail: zone ? [where(zone.id), `links ${zone.links.length}`, `A records ${zone.aRecords.length}`].filter(Boolean).join(' · ') : 'not in scope',
          ghost: !zone,
        });
        const wrong = expected && zoneName.toLowerCase() !== expected.toLowerCase() ? `wrong zone (expected ${expected})` : undefined;
        addEdge({ from: endpointKey, to: zoneKey, broken: wrong ?? (zone ? undefined : 'zone not in scope') });
        if (zone) addLinkEdges(zone, zoneKey, endpoint);
      }
    }
  }

  function addLinkEdges(zone: EvidenceZone, zoneKey: string, endpoint: EvidenceEndpoint): void {
    for (const link of zone.links) {
      const vnetId = text(link.vnetId);
      if (!vnetId) continue;
      addEdge({
        from: zoneKey,
        to: addNode(vnetNode(vnetId)),
        note: link.registrationEnabled === true ? 'auto-registration' : undefined,
      });
    }
    const ownVnet = endpoint.vnetId;
    if (ownVnet && !zone.links.some((l) => text(l.vnetId)?.toLowerCase() === ownVnet.toLowerCase())) {
      addEdge({ from: zoneKey, to: addNode(vnetNode(ownVnet)), broken: 'not linked' });
    }
  }
}

function chainIsBroken(
  cache: EvidenceCache,
  endpoints: Map<string, EvidenceEndpoint>,
  zones: Map<string, EvidenceZone>,
  cloud: CloudName,
): boolean {
  if (cache.findingCount > 0 || !cache.privateOnly) return true;
  const expected = expectedZone(cache, cloud);
  return cache.endpointIds.some((id) => {
    const endpoint = endpoints.get(id.toLowerCase());
    if (!endpoint) return false;
    if (connectionProblem(cache, endpoint)) return true;
    const groups = endpoint.zoneGroups;
    if (!Array.isArray(groups) || groups.length === 0) return true;
    return (groups as readonly EvidenceZoneGroup[]).some((g) =>
      g.zones.some((ref) => {
        const zone = text(ref.zoneId) ? zones.get(text(ref.zoneId)!.toLowerCase()) : undefined;
        if (!zone) return true;
        if (expected && text(ref.zoneName)?.toLowerCase() !== expected.toLowerCase()) return true;
        return endpoint.vnetId !== null && !zone.links.some((l) => text(l.vnetId)?.toLowerCase() === endpoint.vnetId!.toLowerCase());
      }),
    );
  });
}

/** Why the endpoint's connection to the cache does not carry traffic, or undefined when it does. */
function connectionProblem(cache: EvidenceCache, endpoint: EvidenceEndpoint): string | undefined {
  const expectedGroup = cache.type === 'Microsoft.Cache/redis' ? 'redisCache' : 'redisEnterprise';
  const problems: string[] = [];
  for (const connection of endpoint.connections) {
    const target = text(connection.targetId);
    if (!target || target.toLowerCase() !== cache.id.toLowerCase()) continue;
    const groupIds = connection.groupIds;
    if (Array.isArray(groupIds)) {
      const wrong = groupIds.map(text).find((g) => g !== undefined && g !== expectedGroup);
      if (wrong) problems.push(`group id ${wrong}`);
    }
    const state = text(connection.state);
    if (state && state !== 'Approved') problems.push(state.toLowerCase());
  }
  return problems.length > 0 ? problems.join(', ') : undefined;
}

function expectedZone(cache: EvidenceCache, cloud: CloudName): string | undefined {
  const family = text(cache.productFamily) as ProductFamily | undefined;
  return family ? privateDnsZoneFor(family, cloud) : undefined;
}

/**
 * Rows in each column follow the order they are first reached from the caches above them, which keeps edges
 * short and mostly uncrossed without a layout engine.
 */
function orderNodes(nodes: TopologyNode[], edges: readonly TopologyEdge[]): TopologyNode[] {
  const rank = new Map<string, number>();
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const outgoing = new Map<string, string[]>();
  for (const e of edges) outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e.to]);
  let next = 0;
  const visit = (key: string) => {
    if (rank.has(key)) return;
    rank.set(key, next++);
    for (const to of outgoing.get(key) ?? []) visit(to);
  };
  for (const n of nodes) if (n.column === 'cache') visit(n.key);
  for (const n of nodes) visit(n.key);
  return [...byKey.values()].sort((a, b) => rank.get(a.key)! - rank.get(b.key)!);
}

function ghost(column: TopologyColumn, label: string): TopologyNode {
  return { key: `${column}:ghost:${label}`, column, label, detail: '', ghost: true };
}

function vnetNode(vnetId: string): TopologyNode {
  return { key: `vnet:${vnetId.toLowerCase()}`, column: 'vnet', label: lastSegment(vnetId), detail: where(vnetId), ghost: false };
}

/**
 * Resource group and the start of the subscription id: tells apart the many `vnet-hub`s and
 * `privatelink.redis.cache.windows.net`s of a large estate.
 */
function where(id: string): string {
  const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\//i.exec(id);
  if (!match) return '';
  const sub = match[1].length > 8 ? `${match[1].slice(0, 8)}…` : match[1];
  return `${match[2]} · ${sub}`;
}

/** A known string value, else undefined (absent or unknown). */
export function text(value: EvidenceValue<string> | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function lastSegment(id: string): string {
  const parts = id.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? id;
}
