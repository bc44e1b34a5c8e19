// The Resource Graph queries of the inventory. Types verified against Microsoft Learn "Azure Resource Graph table
// and resource type reference" (supported-tables-resources.md): the `resources` table indexes
// microsoft.cache/redis, microsoft.cache/redisenterprise, microsoft.network/privateendpoints,
// microsoft.network/privatednszones, microsoft.network/privatednszones/virtualnetworklinks and
// microsoft.network/virtualnetworks; private DNS A record sets are in the `dnsresources` table
// (microsoft.network/privatednszones/a). Private endpoint DNS zone groups
// (microsoft.network/privateendpoints/privatednszonegroups) are in no table: they are read over ARM.
//
// Endpoints, zones and links are narrowed to Redis in the query itself: an estate has many more private endpoints
// for storage, SQL and Key Vault than for Redis, and they would only cost pages.

const REDIS_ZONE = "name startswith 'privatelink.' and name contains 'redis'";
const REDIS_ZONE_CHILD = "id contains '/privateDnsZones/privatelink.' and id contains 'redis'";
const ORDER = '| order by id asc';

export const GRAPH_QUERIES = {
  caches: `resources | where type in~ ('microsoft.cache/redis', 'microsoft.cache/redisenterprise') ${ORDER}`,
  endpoints:
    "resources | where type =~ 'microsoft.network/privateendpoints' " +
    "| where tostring(properties.privateLinkServiceConnections) contains 'Microsoft.Cache/' " +
    "or tostring(properties.manualPrivateLinkServiceConnections) contains 'Microsoft.Cache/' " +
    ORDER,
  zones: `resources | where type =~ 'microsoft.network/privatednszones' | where ${REDIS_ZONE} ${ORDER}`,
  links: `resources | where type =~ 'microsoft.network/privatednszones/virtualnetworklinks' | where ${REDIS_ZONE_CHILD} ${ORDER}`,
  // Subnets only as id and name: a VNet's full subnet list carries every NIC's ip configuration.
  vnets:
    "resources | where type =~ 'microsoft.network/virtualnetworks' " +
    '| project id, name, type, location, subscriptionId, subnets = properties.subnets, dnsServers = properties.dhcpOptions.dnsServers ' +
    ORDER,
  subscriptions: "resourcecontainers | where type =~ 'microsoft.resources/subscriptions' | project id, name, subscriptionId, tenantId",
  aRecords: `dnsresources | where type =~ 'microsoft.network/privatednszones/a' | where ${REDIS_ZONE_CHILD} ${ORDER}`,
} as const;

/** The same narrowing as the endpoint query, for the ARM fallback. */
export function targetsRedis(resource: { properties?: Readonly<Record<string, unknown>> }): boolean {
  const text = JSON.stringify([resource.properties?.privateLinkServiceConnections ?? [], resource.properties?.manualPrivateLinkServiceConnections ?? []]);
  return text.toLowerCase().includes('microsoft.cache/');
}

export function isRedisZoneName(name: string | undefined): boolean {
  const lower = (name ?? '').toLowerCase();
  return lower.startsWith('privatelink.') && lower.includes('redis');
}
