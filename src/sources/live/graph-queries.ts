// The Resource Graph queries of the inventory. Types verified against Microsoft Learn "Azure Resource Graph table
// and resource type reference" (supported-tables-resources.md): the `resources` table indexes
// microsoft.cache/redis, microsoft.cache/redisenterprise, microsoft.network/privateendpoints,
// microsoft.network/privatednszones, microsoft.network/privatednszones/virtualnetworklinks,
// microsoft.network/virtualnetworks and the catalogued Private Link services' types; private DNS A record sets are
// in the `dnsresources` table (microsoft.network/privatednszones/a). Private endpoint DNS zone groups
// (microsoft.network/privateendpoints/privatednszonegroups) are in no table: they are read over ARM.
//
// Two reads, each with one query shape for every service (never one query per service):
// - the first level (the tree's subscriptions and groups, within the budget of bench/live.mjs): caches, the
//   endpoints, zones and links of Redis, VNets, and every catalogued target that reports private endpoint
//   connections (which is what the tree groups by service);
// - the details (read in the background right after, and by the full audit): the endpoints, zones and links of
//   every other service, and A records of every Private Link zone.
// Resource Graph pages hold at most 1,000 rows, so 10,000 endpoints alone cost 10 requests: reading every one at
// the first level would not fit 20 requests (bench/live.mjs prints the split).

import { PRIVATE_LINK_SERVICES } from '../../catalog/private-link-services';

const REDIS_ZONE = "name startswith 'privatelink.' and name contains 'redis'";
const REDIS_ZONE_CHILD = "id contains '/privateDnsZones/privatelink.' and id contains 'redis'";
// `privatelink.` and `privatelink-global.` (Virtual Desktop) zones.
const OTHER_ZONE = "name startswith 'privatelink' and not(name contains 'redis')";
const OTHER_ZONE_CHILD = "id contains '/privateDnsZones/privatelink' and not(id contains 'redis')";
const ANY_ZONE_CHILD = "id contains '/privateDnsZones/privatelink'";
const TO_REDIS =
  "(tostring(properties.privateLinkServiceConnections) contains 'Microsoft.Cache/' " +
  "or tostring(properties.manualPrivateLinkServiceConnections) contains 'Microsoft.Cache/')";
const ORDER = '| order by id asc';

/** The catalogued non-Redis types, as Resource Graph writes them (lowercase). */
const TARGET_TYPES = PRIVATE_LINK_SERVICES.filter((s) => !s.zonesBySku).map((s) => `'${s.resourceType.toLowerCase()}'`);

export const GRAPH_QUERIES = {
  caches: `resources | where type in~ ('microsoft.cache/redis', 'microsoft.cache/redisenterprise') ${ORDER}`,
  endpoints: `resources | where type =~ 'microsoft.network/privateendpoints' | where ${TO_REDIS} ${ORDER}`,
  zones: `resources | where type =~ 'microsoft.network/privatednszones' | where ${REDIS_ZONE} ${ORDER}`,
  links: `resources | where type =~ 'microsoft.network/privatednszones/virtualnetworklinks' | where ${REDIS_ZONE_CHILD} ${ORDER}`,
  // Subnets only as id and name: a VNet's full subnet list carries every NIC's ip configuration.
  vnets:
    "resources | where type =~ 'microsoft.network/virtualnetworks' " +
    '| project id, name, type, location, subscriptionId, subnets = properties.subnets, dnsServers = properties.dhcpOptions.dnsServers ' +
    ORDER,
  subscriptions: "resourcecontainers | where type =~ 'microsoft.resources/subscriptions' | project id, name, subscriptionId, tenantId",
  /** Every catalogued target with at least one private endpoint connection (its own list, embedded in its GET). */
  targets: `resources | where type in~ (${TARGET_TYPES.join(', ')}) | where array_length(properties.privateEndpointConnections) > 0 ${ORDER}`,
  /** Details: the endpoints to every other service, their zones and links (the complement of the Redis queries). */
  otherEndpoints: `resources | where type =~ 'microsoft.network/privateendpoints' | where not${TO_REDIS} ${ORDER}`,
  otherZones: `resources | where type =~ 'microsoft.network/privatednszones' | where ${OTHER_ZONE} ${ORDER}`,
  otherLinks: `resources | where type =~ 'microsoft.network/privatednszones/virtualnetworklinks' | where ${OTHER_ZONE_CHILD} ${ORDER}`,
  aRecords: `dnsresources | where type =~ 'microsoft.network/privatednszones/a' | where ${ANY_ZONE_CHILD} ${ORDER}`,
} as const;

/** Targets by id, for the few an endpoint names that the first level did not hold (services whose GET has no connection list). */
export function targetsById(ids: readonly string[]): string {
  const list = ids.map((id) => `'${id.toLowerCase().replace(/'/g, '')}'`).join(', ');
  return `resources | where type in~ (${TARGET_TYPES.join(', ')}) | where id in~ (${list}) ${ORDER}`;
}

/** The same narrowing as the Redis endpoint query, for the ARM fallback and the details. */
export function targetsRedis(resource: { properties?: Readonly<Record<string, unknown>> }): boolean {
  const text = JSON.stringify([resource.properties?.privateLinkServiceConnections ?? [], resource.properties?.manualPrivateLinkServiceConnections ?? []]);
  return text.toLowerCase().includes('microsoft.cache/');
}

export function isRedisZoneName(name: string | undefined): boolean {
  const lower = (name ?? '').toLowerCase();
  return lower.startsWith('privatelink.') && lower.includes('redis');
}

/** Any Private Link zone (`privatelink.…`, `privatelink-global.…`): the zones the inventory reads. */
export function isPrivateLinkZoneName(name: string | undefined): boolean {
  return (name ?? '').toLowerCase().startsWith('privatelink');
}
