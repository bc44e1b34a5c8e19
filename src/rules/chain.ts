// The links of the Private Link chain as rules walk them: endpoint → Redis target → zone group → zone, and the
// zone each target needs. Shared by the DNS rules so they agree on what "the right zone" is.

import { normaliseCacheType, privateDnsZoneFor, productFamily } from '../catalog/lookup';
import { PRODUCTS, type ProductFamily } from '../catalog/services';
import type { PrivateLinkGraph } from '../graph/graph';
import { parseResourceId } from '../graph/resource-id';
import type {
  CacheNode,
  CacheType,
  CloudName,
  DnsZoneNode,
  FileSpan,
  Origin,
  PrivateEndpointNode,
  PrivateLinkConnection,
  ZoneConfig,
  ZoneGroup,
} from '../graph/types';
import { isKnown, isUnknown } from '../graph/types';
import { equalsIgnoreCase } from './support';

/** A Redis resource an endpoint connects to: the cache node when it is in the graph, else what its id tells. */
export interface RedisTarget {
  readonly id: string;
  readonly type: CacheType;
  readonly cache?: CacheNode;
}

export interface TargetedConnection {
  readonly connection: PrivateLinkConnection;
  readonly target: RedisTarget;
}

/**
 * Several rules walk the same links of every endpoint (connections → targets, zone groups → zone configs):
 * each is worked out once per graph and endpoint, not once per rule. Graphs and nodes are immutable, and callers
 * only read the lists.
 */
const connectionsMemo = new WeakMap<PrivateLinkGraph, WeakMap<PrivateEndpointNode, TargetedConnection[]>>();
const zoneConfigsMemo = new WeakMap<PrivateEndpointNode, ZoneConfigRef[] | undefined>();

/** The endpoint's connections whose target is a Redis resource (in the graph, or by the type in its id). */
export function redisConnections(graph: PrivateLinkGraph, endpoint: PrivateEndpointNode): TargetedConnection[] {
  let byEndpoint = connectionsMemo.get(graph);
  if (!byEndpoint) connectionsMemo.set(graph, (byEndpoint = new WeakMap()));
  let result = byEndpoint.get(endpoint);
  if (!result) byEndpoint.set(endpoint, (result = findRedisConnections(graph, endpoint)));
  return result;
}

function findRedisConnections(graph: PrivateLinkGraph, endpoint: PrivateEndpointNode): TargetedConnection[] {
  const result: TargetedConnection[] = [];
  for (const connection of endpoint.connections) {
    if (!isKnown(connection.targetId)) continue;
    const target = redisTarget(graph, connection.targetId);
    if (target) result.push({ connection, target });
  }
  return result;
}

/**
 * An endpoint whose every Redis connection is Disconnected or Rejected carries no traffic: its DNS is moot, and
 * `endpoint-disconnected` / `manual-connection-not-approved` already say what to do. DNS rules skip it.
 */
export function isDeadEndpoint(graph: PrivateLinkGraph, endpoint: PrivateEndpointNode): boolean {
  const connections = redisConnections(graph, endpoint);
  return connections.length > 0 && connections.every(({ connection }) => isKnown(connection.status) && /^(disconnected|rejected)$/i.test(connection.status));
}

export function redisTarget(graph: PrivateLinkGraph, targetId: string): RedisTarget | undefined {
  const cache = graph.targetOf(targetId);
  if (cache) return { id: cache.id, type: cache.type, cache };
  const parsed = parseResourceId(targetId);
  const type = parsed ? normaliseCacheType(parsed.type) : undefined;
  return type ? { id: targetId, type } : undefined;
}

/** What the zone for a target must be. */
export type ZoneExpectation =
  /** Exactly this zone. */
  | { readonly kind: 'exact'; readonly zone: string; readonly family: ProductFamily }
  /** One of these (Microsoft.Cache/redisEnterprise whose SKU we cannot see: Enterprise or Managed Redis). */
  | { readonly kind: 'oneOf'; readonly zones: readonly string[]; readonly why: string }
  /** Microsoft documents no zone for this product in this cloud: nothing to compare against. */
  | { readonly kind: 'undocumented'; readonly why: string };

export function expectedZone(target: RedisTarget, cloud: CloudName): ZoneExpectation {
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

/** True/false when the zone name can be judged against the expectation; undefined when it cannot. */
export function zoneFits(expectation: ZoneExpectation, zoneName: string): boolean | undefined {
  switch (expectation.kind) {
    case 'exact':
      return equalsIgnoreCase(expectation.zone, zoneName);
    case 'oneOf':
      return expectation.zones.some((z) => equalsIgnoreCase(z, zoneName)) ? undefined : false;
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
export function zoneConfigs(endpoint: PrivateEndpointNode): ZoneConfigRef[] | undefined {
  if (zoneConfigsMemo.has(endpoint)) return zoneConfigsMemo.get(endpoint);
  const refs = findZoneConfigs(endpoint);
  zoneConfigsMemo.set(endpoint, refs);
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
