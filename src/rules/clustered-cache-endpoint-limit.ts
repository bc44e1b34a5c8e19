import { isKnown } from '../graph/types';
import { headlineSpan, listOf, propertyPath, propertySpan, relatedTo } from './support';
import type { Rule, RuleFinding } from './types';

// Source: cache-private-link.md FAQ "limits" (facts C4): Premium clustered caches support only one private link.
export const clusteredCacheEndpointLimit: Rule = {
  id: 'clustered-cache-endpoint-limit',
  defaultSeverity: 'error',
  title: 'More than one private endpoint on a clustered Premium cache',
  description:
    'A clustered Premium Azure Cache for Redis (`shardCount` > 0) supports only one private endpoint; a second one ' +
    'fails to connect. Keep one endpoint and link its zone to every VNet that needs the cache (peer the networks).',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-private-link',
  modes: ['design', 'live'],
  appliesTo: 'redis',
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const cache of graph.caches) {
      if (cache.type !== 'Microsoft.Cache/redis' || !isKnown(cache.shardCount) || cache.shardCount <= 0) continue;
      if (isKnown(cache.sku) && cache.sku.toLowerCase() !== 'premium') continue; // only Premium clusters
      const endpoints = graph.endpointsOf(cache);
      const names = endpoints.map((e) => graph.displayName(e.id));
      for (const c of cache.privateEndpointConnections ?? []) {
        const name = graph.displayName(c.endpointId);
        if (!names.includes(name)) names.push(name);
      }
      if (names.length <= 1) continue;
      findings.push({
        message: `${graph.displayName(cache.id)} is a clustered Premium cache (shardCount ${cache.shardCount}) with ${names.length} private endpoints (${listOf(names)}): clustered caches support only one.`,
        node: cache,
        span: propertySpan(cache, propertyPath(cache, 'properties.shardCount')) ?? headlineSpan(cache),
        related: endpoints.map((e) => relatedTo(`private endpoint ${graph.displayName(e.id)}`, e)),
        facts: { shardCount: cache.shardCount, endpoints: names, limit: 1 },
      });
    }
    return findings;
  },
};
