// The links of the Private Link chain as rules walk them: endpoint → target (any catalogued service) → zone
// group → zone, and the zone each target needs. Shared by the DNS rules so they agree on what "the right zone" is.

import { normaliseCacheType, privateDnsZoneFor, productFamily } from '../catalog/lookup';
import { PRODUCTS, type ProductFamily } from '../catalog/services';
import type { PrivateLinkGraph } from '../graph/graph';
import { parseResourceId } from '../graph/resource-id';
import type { PrivateLinkService } from '../catalog/private-link-services';
import { allZonesIn, fillZone, isTemplate, serviceOfType, subresourceOf, zoneMatches, zonesIn } from '../catalog/targets';
import type {
  CacheNode,
  CacheType,
  CloudName,
  DnsZoneNode,
  FileSpan,
  Maybe,
  Origin,
  PrivateEndpointNode,
  PrivateLinkConnection,
  ServiceTargetNode,
  ZoneConfig,
  ZoneGroup,
} from '../graph/types';
import { isKnown, isUnknown } from '../graph/types';
import { equalsIgnoreCase } from './support';

/**
 * A Private Link target an endpoint connects to: its catalog service, the node when it is in the graph, else
 * what its id tells. A Redis cache is one kind (`cache` holds its node, whose SKU decides its zone).
 */
export interface LinkTarget {
  readonly id: string;
  /** The ARM type, as the catalog writes it. */
  readonly type: string;
  readonly service: PrivateLinkService;
  readonly cache?: CacheNode;
  /** The target's node when it is a non-Redis resource in the graph. */
  readonly node?: ServiceTargetNode;
}

/** A Redis target: its type is a cache type. */
export interface RedisTarget extends LinkTarget {
  readonly type: CacheType;
}

export interface TargetedConnection {
  readonly connection: PrivateLinkConnection;
  readonly target: LinkTarget;
}

/**
 * Several rules walk the same links of every endpoint (connections → targets, zone groups → zone configs):
 * each is worked out once per graph and endpoint, not once per rule. Graphs and nodes are immutable, and callers
 * only read the lists.
 */
const connectionsMemo = new WeakMap<PrivateLinkGraph, WeakMap<PrivateEndpointNode, TargetedConnection[]>>();
/**
 * Per graph too, though a zone config ref depends on its endpoint alone: the refs hold plain spans, and an
 * endpoint node may be kept from one keystroke's graph to the next while its text moved (Terraform in the editor:
 * src/sources/terraform/node-reuse.ts; its origin reads spans when asked).
 */
const zoneConfigsMemo = new WeakMap<PrivateLinkGraph, WeakMap<PrivateEndpointNode, ZoneConfigRef[] | undefined>>();

/** The endpoint's connections whose target is a catalogued Private Link service (in the graph, or by the type in its id). */
export function targetedConnections(graph: PrivateLinkGraph, endpoint: PrivateEndpointNode): TargetedConnection[] {
  let byEndpoint = connectionsMemo.get(graph);
  if (!byEndpoint) connectionsMemo.set(graph, (byEndpoint = new WeakMap()));
  let result = byEndpoint.get(endpoint);
  if (!result) byEndpoint.set(endpoint, (result = findConnections(graph, endpoint)));
  return result;
}

/** The endpoint's connections whose target is a Redis resource (the Redis-only rules). */
export function redisConnections(graph: PrivateLinkGraph, endpoint: PrivateEndpointNode): { connection: PrivateLinkConnection; target: RedisTarget }[] {
  return targetedConnections(graph, endpoint).filter((c): c is { connection: PrivateLinkConnection; target: RedisTarget } => isRedisTarget(c.target));
}

export function isRedisTarget(target: LinkTarget): target is RedisTarget {
  return target.service.zonesBySku === true;
}

function findConnections(graph: PrivateLinkGraph, endpoint: PrivateEndpointNode): TargetedConnection[] {
  const result: TargetedConnection[] = [];
  for (const connection of endpoint.connections) {
    if (!isKnown(connection.targetId)) continue;
    const target = linkTarget(graph, connection.targetId);
    if (target) result.push({ connection, target });
  }
  return result;
}

/**
 * An endpoint whose every connection is Disconnected or Rejected carries no traffic: its DNS is moot, and
 * `endpoint-disconnected` / `manual-connection-not-approved` already say what to do. DNS rules skip it.
 */
export function isDeadEndpoint(graph: PrivateLinkGraph, endpoint: PrivateEndpointNode): boolean {
  const connections = targetedConnections(graph, endpoint);
  return connections.length > 0 && connections.every(({ connection }) => isKnown(connection.status) && /^(disconnected|rejected)$/i.test(connection.status));
}

/** The target a connection names, when its type is a catalogued service. */
export function linkTarget(graph: PrivateLinkGraph, targetId: string): LinkTarget | undefined {
  const cache = graph.targetOf(targetId);
  if (cache) return { id: cache.id, type: cache.type, cache, service: serviceOfType(cache.type)! };
  const node = graph.resolveKind(targetId, 'target');
  if (node) {
    const service = serviceOfType(node.type);
    if (service) return { id: node.id, type: service.resourceType, node, service };
  }
  const parsed = parseResourceId(targetId);
  const service = parsed ? serviceOfType(parsed.type) : undefined;
  if (!service) return undefined;
  const type = service.zonesBySku ? normaliseCacheType(service.resourceType)! : service.resourceType;
  return { id: targetId, type, service };
}

/** A Redis target (the Redis-only rules). */
export function redisTarget(graph: PrivateLinkGraph, targetId: string): RedisTarget | undefined {
  const target = linkTarget(graph, targetId);
  return target && isRedisTarget(target) ? target : undefined;
}

/** The connection's group id when it names exactly one (several, or unknown ones, leave the subresource open). */
export function groupIdOf(connection: PrivateLinkConnection): string | undefined {
  if (!isKnown(connection.groupIds)) return undefined;
  const known = [...new Set(connection.groupIds.filter((g): g is string => isKnown(g)).map((g) => g))];
  return known.length === 1 && known.length === connection.groupIds.length ? known[0] : undefined;
}

/** What a target is called in messages: `cache` for Redis, else the catalog's noun ("storage account"). */
export function nounOf(target: LinkTarget): string {
  return target.service.noun;
}

/** What the zone for a target must be. */
export type ZoneExpectation =
  /** Exactly this zone. */
  | { readonly kind: 'exact'; readonly zone: string; readonly family?: ProductFamily; readonly tolerated?: readonly string[] }
  /** Any of these (a subresource served by several zones, or a zone template); `zone` when one is the one to suggest. */
  | { readonly kind: 'anyOf'; readonly zones: readonly string[]; readonly tolerated?: readonly string[] }
  /** One of these, but which one we cannot tell (a Redis SKU we cannot see; a group id the type does not take). */
  | { readonly kind: 'oneOf'; readonly zones: readonly string[]; readonly why: string }
  /** Microsoft documents no zone for this product in this cloud: nothing to compare against. */
  | { readonly kind: 'undocumented'; readonly why: string };

/**
 * The zone(s) a target needs in a cloud. `groupId` picks the subresource (Storage blob vs file, Cosmos DB Sql vs
 * MongoDB); without it, or with one the type does not take, only a zone that fits none of the type's is wrong.
 */
export function expectedZone(target: LinkTarget, cloud: CloudName, groupId?: Maybe<string>): ZoneExpectation {
  if (isRedisTarget(target)) return expectedRedisZone(target, cloud);
  const service = target.service;
  const region = target.node && isKnown(target.node.location) ? target.node.location : undefined;
  const subresource = isKnown(groupId) ? subresourceOf(service, groupId) : undefined;
  if (!subresource) {
    const zones = allZonesIn(service, cloud).map((z) => fillZone(z, region));
    if (zones.length === 0) return { kind: 'undocumented', why: `Microsoft documents no private DNS zone for ${service.displayName} in ${cloud}` };
    return { kind: 'oneOf', zones, why: isKnown(groupId) ? `group id '${groupId}' is not one ${service.resourceType} takes` : 'the group id is not known' };
  }
  const zones = zonesIn(subresource.zones, cloud)?.map((z) => fillZone(z, region));
  if (!zones) return { kind: 'undocumented', why: `Microsoft documents no private DNS zone for ${service.displayName} (${groupId}) in ${cloud}` };
  const tolerated = zonesIn(subresource.tolerated, cloud)?.map((z) => fillZone(z, region));
  if (zones.length === 1 && !isTemplate(zones[0])) return { kind: 'exact', zone: zones[0], ...(tolerated ? { tolerated } : {}) };
  return { kind: 'anyOf', zones, ...(tolerated ? { tolerated } : {}) };
}

function expectedRedisZone(target: RedisTarget, cloud: CloudName): ZoneExpectation {
  const family = productFamily(target.type, target.cache ? target.cache.sku : undefined);
  if (isKnown(family)) {
    const zone = privateDnsZoneFor(family, cloud);
    return zone
      ? { kind: 'exact', zone, family }
      : { kind: 'undocumented', why: `Microsoft documents no private DNS zone for ${displayFamily(family)} in ${cloud}` };
  }
  const zones = PRODUCTS.filter((p) => p.resourceType === target.type)
    .map((p) => privateDnsZoneFor(p.family, cloud))
    .filter((z): z is string => z !== undefined);
  const why = isUnknown(family) ? family.why : 'the SKU is not set';
  if (zones.length === 0) return { kind: 'undocumented', why: `Microsoft documents no private DNS zone for ${target.type} in ${cloud}` };
  return { kind: 'oneOf', zones, why };
}

/** The zone to suggest in a fix or a message: only when exactly one concrete zone is right. */
export function suggestedZone(expectation: ZoneExpectation): string | undefined {
  return expectation.kind === 'exact' ? expectation.zone : undefined;
}

/** The expected zones as a phrase for messages: `a`, or `a or b`. */
export function expectedZonesText(expectation: ZoneExpectation): string {
  switch (expectation.kind) {
    case 'exact':
      return expectation.zone;
    case 'anyOf':
    case 'oneOf':
      return expectation.zones.join(' or ');
    case 'undocumented':
      return '';
  }
}

/** True/false when the zone name can be judged against the expectation; undefined when it cannot. */
export function zoneFits(expectation: ZoneExpectation, zoneName: string): boolean | undefined {
  switch (expectation.kind) {
    case 'exact':
      return equalsIgnoreCase(expectation.zone, zoneName) || (expectation.tolerated ?? []).some((z) => zoneMatches(z, zoneName));
    case 'anyOf':
      return [...expectation.zones, ...(expectation.tolerated ?? [])].some((z) => zoneMatches(z, zoneName));
    case 'oneOf':
      return expectation.zones.some((z) => zoneMatches(z, zoneName)) ? undefined : false;
    case 'undocumented':
      return undefined;
  }
}

export function displayFamily(family: ProductFamily): string {
  return PRODUCTS.find((p) => p.family === family)?.displayName ?? family;
}

/** A zone group's config together with the group and where its zone id is written. */
export interface ZoneConfigRef {
  readonly group: ZoneGroup;
  readonly config: ZoneConfig;
  /** The zone id value's span: in the zone group's own declaration, or inline in the endpoint's. */
  readonly span?: FileSpan;
  /**
   * The id a setProperty fix edits with `config.path`: the zone group's id when the span is in the group's
   * declaration (src/sources/fixes.ts edits it as such), the endpoint's when the group is written inline.
   */
  readonly fixNodeId?: string;
  /** The declaration that holds the zone id: the zone group's when it is its own declaration, else the endpoint's. */
  readonly origin: Origin;
}

/** The endpoint's zone configs, or undefined when its zone groups are unknown. */
export function zoneConfigs(graph: PrivateLinkGraph, endpoint: PrivateEndpointNode): ZoneConfigRef[] | undefined {
  let byEndpoint = zoneConfigsMemo.get(graph);
  if (!byEndpoint) zoneConfigsMemo.set(graph, (byEndpoint = new WeakMap()));
  if (byEndpoint.has(endpoint)) return byEndpoint.get(endpoint);
  const refs = findZoneConfigs(endpoint);
  byEndpoint.set(endpoint, refs);
  return refs;
}

function findZoneConfigs(endpoint: PrivateEndpointNode): ZoneConfigRef[] | undefined {
  if (isUnknown(endpoint.zoneGroups)) return undefined;
  const refs: ZoneConfigRef[] = [];
  for (const group of endpoint.zoneGroups) {
    for (const config of group.configs) {
      const onGroup = group.origin.kind === 'file' ? group.origin.properties[config.path] : undefined;
      const onEndpoint = endpoint.origin.kind === 'file' ? endpoint.origin.properties[config.path] : undefined;
      const fixNodeId = onGroup ? group.id : onEndpoint ? endpoint.id : undefined;
      const origin = onGroup || (!onEndpoint && group.origin.kind === 'file') ? group.origin : endpoint.origin;
      refs.push({ group, config, origin, span: onGroup ?? onEndpoint, ...(fixNodeId ? { fixNodeId } : {}) });
    }
  }
  return refs;
}

/**
 * The key of a connection property. Sources write connection paths up to the connection's `properties` object
 * (`properties.privateLinkServiceConnections[0].properties`); a path ending at the array item works too.
 */
export function connectionPropertyPath(endpoint: PrivateEndpointNode, connection: PrivateLinkConnection, leaf: string): string {
  const direct = `${connection.path}.${leaf}`;
  const nested = `${connection.path}.properties.${leaf}`;
  if (endpoint.origin.kind === 'file' && !(direct in endpoint.origin.properties) && nested in endpoint.origin.properties) return nested;
  return direct;
}

/**
 * The zone name a reference denotes: the declared zone's name, else the name in a privateDnsZones resource id,
 * else the reference itself when it is a bare DNS name (YAML designs name zones).
 */
export function zoneNameOf(graph: PrivateLinkGraph, zoneRef: string): string | undefined {
  // Asked per endpoint and config by several rules, mostly for the same few zones.
  let names = zoneNamesMemo.get(graph);
  if (!names) zoneNamesMemo.set(graph, (names = new Map()));
  if (names.has(zoneRef)) return names.get(zoneRef);
  const name = findZoneName(graph, zoneRef);
  names.set(zoneRef, name);
  return name;
}

const zoneNamesMemo = new WeakMap<PrivateLinkGraph, Map<string, string | undefined>>();

function findZoneName(graph: PrivateLinkGraph, zoneRef: string): string | undefined {
  const node = graph.resolveKind(zoneRef, 'dnsZone');
  if (node) return isKnown(node.name) ? node.name : undefined;
  const parsed = parseResourceId(zoneRef);
  if (parsed) return equalsIgnoreCase(parsed.type, 'Microsoft.Network/privateDnsZones') ? parsed.names[0] : undefined;
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(zoneRef) ? zoneRef : undefined;
}

/** The declared zone a reference resolves to, by id or (for bare names) by name when exactly one matches. */
export function declaredZone(graph: PrivateLinkGraph, zoneRef: string): DnsZoneNode | undefined {
  const node = graph.resolveKind(zoneRef, 'dnsZone');
  if (node) return node;
  if (zoneRef.includes('/')) return undefined;
  const named = graph.zonesNamed(zoneRef);
  return named.length === 1 ? named[0] : undefined;
}

export function isPrivateLinkZone(name: string): boolean {
  return /^privatelink\./i.test(name);
}
