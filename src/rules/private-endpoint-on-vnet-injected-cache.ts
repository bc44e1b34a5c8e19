import { isKnown } from '../graph/types';
import { connectionPropertyPath } from './chain';
import { propertyPath, propertySpan, relatedTo, headlineSpan } from './support';
import type { Rule, RuleFinding } from './types';

// Source: cache-private-link.md FAQ "Why can't I connect to a private endpoint?" (facts C1): private endpoints can't
// be used with a cache that is already injected into a virtual network.
export const privateEndpointOnVnetInjectedCache: Rule = {
  id: 'private-endpoint-on-vnet-injected-cache',
  defaultSeverity: 'error',
  title: 'A private endpoint targets a VNet-injected cache',
  description:
    'Azure Cache for Redis does not support private endpoints on a cache injected into a virtual network ' +
    '(`subnetId` set). The endpoint cannot work. Either keep VNet injection and drop the endpoint, or (recommended) ' +
    'create a new cache without `subnetId` and reach it through the private endpoint.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-private-link',
  modes: ['design', 'live'],
  appliesTo: 'redis',
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const cache of graph.caches) {
      if (!isKnown(cache.subnetId) || cache.subnetId.length === 0) continue;
      const cacheName = graph.displayName(cache.id);
      const subnetPath = propertyPath(cache, 'properties.subnetId');
      for (const endpoint of graph.endpointsOf(cache)) {
        const connection = endpoint.connections.find((c) => isKnown(c.targetId) && graph.resolve(c.targetId) === cache);
        findings.push({
          message: `Private endpoint ${graph.displayName(endpoint.id)} targets ${cacheName}, which is injected into subnet ${graph.displayName(cache.subnetId)}: private endpoints cannot be used on a VNet-injected cache.`,
          node: endpoint,
          span: (connection && propertySpan(endpoint, connectionPropertyPath(endpoint, connection, 'privateLinkServiceId'))) ?? headlineSpan(endpoint),
          related: [relatedTo(`${cacheName} is VNet-injected here`, cache, subnetPath)],
          facts: { cacheId: cache.id, subnetId: cache.subnetId },
        });
      }
    }
    return findings;
  },
};
