import type { PrivateLinkGraph } from '../graph/graph';
import type { ClientNode, DnsZoneNode, PrivateEndpointNode } from '../graph/types';
import { isSyntheticId, resourceKeyOfId } from '../graph/resource-id';
import { isKnown } from '../graph/types';
import { declaredZone, expectedZone, groupIdOf, isDeadEndpoint, nounOf, targetedConnections, type ZoneConfigRef, zoneConfigs, zoneFits, zoneNameOf } from './chain';
import { cloudOf, endpointVnetId, headlineSpan, isExisting, listOf, relatedTo } from './support';
import type { RelatedLocation, Rule, RuleFinding } from './types';

// Source: Microsoft Learn "Azure Private Endpoint DNS integration" (facts C9, C10): the private zone must be linked
// to every virtual network whose clients resolve the endpoint; an unlinked VNet resolves the public address.
// Judged only for zones declared in the graph: a zone that lives elsewhere may have links we cannot see.
export const dnsZoneLinkMissing: Rule = {
  id: 'dns-zone-link-missing',
  defaultSeverity: 'error',
  title: "The endpoint's private DNS zone is not linked to a VNet whose clients resolve its target",
  description:
    'A private DNS zone answers only inside the virtual networks linked to it. The zone an endpoint registers in ' +
    "must be linked to the endpoint's own VNet and to every VNet whose clients use the target (spokes in a " +
    'hub-and-spoke network); clients elsewhere resolve the public address and either leave the private path or fail ' +
    'when public access is disabled. VNets that use custom DNS servers resolve through their forwarder and are not judged.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns-integration',
  modes: ['design', 'live'],
  check(graph, settings) {
    const needs = new Map<string, Need>();
    for (const endpoint of graph.endpoints) {
      const cloud = cloudOf(graph, settings, endpoint);
      const configs = zoneConfigs(graph, endpoint);
      if (!configs) continue;
      if (isDeadEndpoint(graph, endpoint)) continue;
      const targets = targetedConnections(graph, endpoint);
      for (const ref of configs) {
        if (!isKnown(ref.config.zoneId)) continue;
        const zone = declaredZone(graph, ref.config.zoneId);
        if (!zone || isExisting(zone) || zone.linksRead === false || !isKnown(zone.name)) continue;
        const zoneName = zoneNameOf(graph, ref.config.zoneId) ?? zone.name;
        // A zone that is wrong for every target is dns-zone-mismatch's finding; linking it would not help.
        if (targets.length > 0 && targets.every(({ connection, target }) => zoneFits(expectedZone(target, cloud, groupIdOf(connection)), zoneName) === false)) continue;
        const endpointVnet = endpointVnetId(graph, endpoint.subnetId);
        if (endpointVnet) addNeed(graph, needs, zone, endpointVnet, { endpoint, ref });
        for (const { target } of targets) {
          const need = endpointVnet ? needs.get(needKey(graph, zone, endpointVnet)) : undefined;
          need?.nouns.add(nounOf(target));
          if (target.node) need?.otherTargets.add(target.node.id);
          if (!target.cache) continue;
          for (const client of graph.clientsOf(target.cache)) {
            if (isKnown(client.vnetId)) addNeed(graph, needs, zone, client.vnetId, { endpoint, ref, client, cacheId: target.cache.id });
          }
          if (endpointVnet) needs.get(needKey(graph, zone, endpointVnet))?.caches.add(target.cache.id);
        }
      }
    }
    const findings: RuleFinding[] = [];
    const linked = new LinkedVnets(graph);
    for (const need of needs.values()) {
      if (!missingLink(graph, need, linked)) continue;
      findings.push(toFinding(graph, need));
    }
    return findings;
  },
};

interface Reason {
  readonly endpoint: PrivateEndpointNode;
  readonly ref: ZoneConfigRef;
  readonly client?: ClientNode;
  readonly cacheId?: string;
}

interface Need {
  readonly zone: DnsZoneNode;
  readonly vnetId: string;
  readonly reasons: Reason[];
  readonly caches: Set<string>;
  /** What the targets are called ("cache", "storage account"), for a message that cannot name them. */
  readonly nouns: Set<string>;
  /** Non-Redis targets in the graph (named in the message; `caches` keeps the Redis ones for evidence). */
  readonly otherTargets: Set<string>;
}

function needKey(graph: PrivateLinkGraph, zone: DnsZoneNode, vnetId: string): string {
  return `${zone.id}|${canonicalVnet(graph, vnetId)}`;
}

function addNeed(graph: PrivateLinkGraph, needs: Map<string, Need>, zone: DnsZoneNode, vnetId: string, reason: Reason): void {
  const key = needKey(graph, zone, vnetId);
  const need = needs.get(key) ?? { zone, vnetId, reasons: [], caches: new Set<string>(), nouns: new Set<string>(), otherTargets: new Set<string>() };
  need.reasons.push(reason);
  if (reason.cacheId) need.caches.add(reason.cacheId);
  needs.set(key, need);
}

/** True only when the zone's links are all known and none reaches the VNet. */
function missingLink(graph: PrivateLinkGraph, need: Need, linked: LinkedVnets): boolean {
  const vnet = graph.resolveKind(need.vnetId, 'vnet');
  if (vnet?.dnsServers && vnet.dnsServers.length > 0) return false; // custom DNS: the forwarder decides
  const links = linked.of(need.zone);
  if (links === 'unknown') return false; // a link we cannot read might be the one
  return !links.has(canonicalVnet(graph, need.vnetId));
}

/** A VNet reference in one spelling: the node's id when the VNet is in the graph, else its type and name. */
function canonicalVnet(graph: PrivateLinkGraph, ref: string): string {
  let byRef = canonicalCache.get(graph);
  if (!byRef) canonicalCache.set(graph, (byRef = new Map()));
  let canonical = byRef.get(ref);
  // A VNet outside the graph is known by type and name only: designs often leave subscription and group out.
  if (canonical === undefined) byRef.set(ref, (canonical = (graph.resolve(ref)?.id ?? resourceKeyOfId(ref) ?? ref).toLowerCase()));
  return canonical;
}

// Thousands of endpoints name a few hundred VNets: resolve each spelling once per graph.
const canonicalCache = new WeakMap<PrivateLinkGraph, Map<string, string>>();

/** The VNets each zone is linked to, computed once per zone ('unknown' when a link's VNet is unknown). */
class LinkedVnets {
  private readonly cache = new Map<DnsZoneNode, Set<string> | 'unknown'>();
  constructor(private readonly graph: PrivateLinkGraph) {}

  of(zone: DnsZoneNode): Set<string> | 'unknown' {
    let result = this.cache.get(zone);
    if (!result) {
      const links = this.graph.linksOf(zone);
      // A link to a VNet whose name the design does not state (a synthetic id no VNet of the graph answers to)
      // might be the VNet in question: as unknown as an Unknown.
      const opaque = (vnetId: string) => isSyntheticId(vnetId) && !this.graph.resolve(vnetId);
      result = links.some((l) => !isKnown(l.vnetId) || opaque(l.vnetId))
        ? 'unknown'
        : new Set(links.flatMap((l) => (isKnown(l.vnetId) ? [canonicalVnet(this.graph, l.vnetId)] : [])));
      this.cache.set(zone, result);
    }
    return result;
  }
}

function toFinding(graph: PrivateLinkGraph, need: Need): RuleFinding {
  const zoneName = isKnown(need.zone.name) ? need.zone.name : graph.displayName(need.zone.id);
  const vnetName = graph.displayName(need.vnetId);
  const clients = unique(need.reasons.flatMap((r) => (r.client ? [r.client] : [])));
  const endpoints = unique(need.reasons.map((r) => r.endpoint));
  const cacheNames = [...need.caches, ...need.otherTargets].map((id) => graph.displayName(id));
  const resolved = cacheNames.length > 0 ? listOf(cacheNames) : need.nouns.size === 1 ? `the ${[...need.nouns][0]}` : need.nouns.size > 1 ? 'its targets' : 'the cache';
  const inEndpointVnet = need.reasons.some((r) => !r.client);
  const where =
    clients.length > 0
      ? `where ${listOf(clients.map((c) => graph.displayName(c.id)))} ${clients.length > 1 ? 'resolve' : 'resolves'} ${resolved}`
      : `the network of private endpoint ${listOf(endpoints.map((e) => graph.displayName(e.id)))}`;
  const consequence = clients.length > 0 ? 'clients there get the public address' : `clients there resolve ${resolved} to its public address`;
  const related: RelatedLocation[] = [
    ...need.reasons
      .filter((r, i, all) => all.findIndex((o) => o.endpoint === r.endpoint) === i)
      .map((r) => ({ message: `private endpoint ${graph.displayName(r.endpoint.id)} registers in ${zoneName}`, origin: r.ref.origin, ...(r.ref.span ? { span: r.ref.span } : {}) })),
    ...clients.map((c) => relatedTo(`client ${graph.displayName(c.id)} in ${vnetName}`, c)),
  ];
  const vnet = graph.resolveKind(need.vnetId, 'vnet');
  if (vnet) related.push(relatedTo(`the virtual network ${vnetName}`, vnet));
  return {
    message: `Zone ${zoneName} is not linked to ${vnetName}, ${where}: ${consequence}.`,
    node: need.zone,
    span: headlineSpan(need.zone),
    related,
    facts: {
      zoneName,
      zoneId: need.zone.id,
      vnetId: vnet?.id ?? need.vnetId,
      vnetName,
      endpointIds: endpoints.map((e) => e.id),
      cacheIds: [...need.caches],
      clients: clients.map((c) => graph.displayName(c.id)),
      endpointVnet: inEndpointVnet,
    },
    fixes:
      need.zone.origin.kind === 'file'
        ? [{ kind: 'insertVnetLink', title: `Link ${zoneName} to ${vnetName}`, nodeId: need.zone.id, vnetId: vnet?.id ?? need.vnetId, vnetName }]
        : [],
  };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
