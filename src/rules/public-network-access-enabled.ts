import { productFamily } from '../catalog/lookup';
import type { PrivateLinkGraph } from '../graph/graph';
import type { CacheNode } from '../graph/types';
import { isKnown, isUnknown } from '../graph/types';
import { equalsIgnoreCase, headlineSpan, isExisting, listOf, propertyPath, propertySpan, relatedTo } from './support';
import type { Rule, RuleFinding } from './types';

/** The first Microsoft.Cache/redisEnterprise api-version with `publicNetworkAccess` (required on create). */
export const REDIS_ENTERPRISE_PNA_API = '2025-07-01';

// Sources: Azure Cache for Redis ARM spec / .NET reference: "Default value is 'Enabled'" (facts §6.1; Learn pages
// that say "Disabled by default" are wrong, see docs/rules). Managed Redis: `publicNetworkAccess` exists from
// api-version 2025-07-01 and is required on create; `null` marks clusters from older api versions, which stay
// private while they have endpoints (facts C7). Redis Enterprise (Enterprise_/EnterpriseFlash_) caches with private
// link are not reachable publicly (facts C8), so only an explicit `Enabled` is reported for them.
export const publicNetworkAccessEnabled: Rule = {
  id: 'public-network-access-enabled',
  defaultSeverity: 'warning',
  title: 'A cache with private endpoints still allows public network access',
  description:
    'Private endpoints add a private path; they do not close the public one. Azure Cache for Redis keeps its public ' +
    "endpoint open unless `publicNetworkAccess` is `Disabled`, and the property's default is `Enabled`. Azure " +
    'Managed Redis takes the property from api-version 2025-07-01 and requires it there. Set it to `Disabled` once ' +
    'clients use the private endpoint.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-private-link',
  modes: ['design', 'live'],
  check(graph, settings) {
    const findings: RuleFinding[] = [];
    for (const cache of graph.caches) {
      if (isExisting(cache)) continue;
      // Cheap tests first: the endpoint names are only needed for a finding.
      if (graph.endpointsOf(cache).length === 0 && !cache.privateEndpointConnections?.length) continue;
      const reason = publicReason(cache, settings.mode);
      if (!reason) continue;
      const endpoints = endpointNames(graph, cache);
      const name = graph.displayName(cache.id);
      const path = propertyPath(cache, 'properties.publicNetworkAccess');
      const firstEndpoint = graph.endpointsOf(cache)[0];
      findings.push({
        message: `${name} has private endpoint${endpoints.length > 1 ? 's' : ''} ${listOf(endpoints)} but ${reason}: set publicNetworkAccess to 'Disabled' so traffic can only use the private path.`,
        node: cache,
        span: propertySpan(cache, path) ?? headlineSpan(cache),
        related: firstEndpoint ? [relatedTo(`private endpoint ${graph.displayName(firstEndpoint.id)}`, firstEndpoint)] : [],
        facts: {
          publicNetworkAccess: isKnown(cache.publicNetworkAccess) ? cache.publicNetworkAccess : 'absent',
          cacheType: cache.type,
          sku: isKnown(cache.sku) ? cache.sku : null,
          apiVersion: cache.apiVersion ?? null,
          endpoints,
        },
        fixes:
          cache.origin.kind === 'file'
            ? [{ kind: 'setProperty', title: "Set publicNetworkAccess to 'Disabled'", nodeId: cache.id, path, value: 'Disabled' }]
            : [],
      });
    }
    return findings;
  },
};

function endpointNames(graph: PrivateLinkGraph, cache: CacheNode): string[] {
  const names = graph.endpointsOf(cache).map((e) => graph.displayName(e.id));
  for (const c of cache.privateEndpointConnections ?? []) {
    const name = graph.displayName(c.endpointId);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Why the cache is publicly reachable, or undefined when it is not (or we cannot tell). */
function publicReason(cache: CacheNode, mode: 'design' | 'live'): string | undefined {
  const value = cache.publicNetworkAccess;
  if (isUnknown(value)) return undefined;
  if (typeof value === 'string') return equalsIgnoreCase(value, 'Enabled') ? "publicNetworkAccess is 'Enabled'" : undefined;
  if (cache.type === 'Microsoft.Cache/redis') {
    return 'publicNetworkAccess is not set, and its default is Enabled';
  }
  // Microsoft.Cache/redisEnterprise: null = legacy cluster, private while it has endpoints. Absent: only a design
  // on api-version 2025-07-01 or later for Managed Redis is known to need it.
  if (value === null || mode !== 'design' || !cache.apiVersion || cache.apiVersion.slice(0, 10) < REDIS_ENTERPRISE_PNA_API) return undefined;
  const family = productFamily(cache.type, cache.sku);
  if (family !== 'ManagedRedis') return undefined;
  return `publicNetworkAccess is not set (api-version ${cache.apiVersion} requires it for Azure Managed Redis)`;
}
