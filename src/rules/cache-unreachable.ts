import type { PrivateLinkGraph } from '../graph/graph';
import { parseResourceId } from '../graph/resource-id';
import { isKnown } from '../graph/types';
import { normaliseCacheType } from '../catalog/lookup';
import { equalsIgnoreCase, headlineSpan, isExisting, propertyPath, propertySpan } from './support';
import type { Rule, RuleFinding } from './types';

// Source: cache-private-link.md FAQ "What happens if I delete all the private endpoints?" (facts C6): with public
// access disabled and no private endpoint the cache is unreachable. Endpoints may live outside the analysed files
// (another repository, a DeployIfNotExists policy), so the rule fires only where the endpoints are knowable:
// live, from the cache's own connection list; in designs, when no endpoint in the graph has a target we cannot
// resolve (one of those could be this cache).
export const cacheUnreachable: Rule = {
  id: 'cache-unreachable',
  defaultSeverity: 'error',
  title: 'Public access disabled, no private endpoint, no VNet injection: nothing can reach the cache',
  description:
    "With `publicNetworkAccess: 'Disabled'` a cache accepts traffic only through private endpoints (or its own subnet " +
    'when VNet-injected). Without either, no client can connect. Add a private endpoint, or enable public access ' +
    'until one exists. If endpoints are created outside this design (for example by an Azure Policy), suppress the rule.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-private-link',
  modes: ['design', 'live'],
  appliesTo: 'redis',
  check(graph, settings) {
    const findings: RuleFinding[] = [];
    const unresolved = settings.mode === 'design' ? unresolvedTargetTypes(graph) : undefined;
    for (const cache of graph.caches) {
      if (isExisting(cache)) continue;
      if (!isKnown(cache.publicNetworkAccess) || !equalsIgnoreCase(String(cache.publicNetworkAccess), 'Disabled')) continue;
      if (cache.subnetId !== undefined) continue; // VNet-injected, or unknown whether it is
      if (graph.endpointsOf(cache).length > 0) continue;
      if (unresolved ? unresolved.has('any') || unresolved.has(cache.type) : cache.privateEndpointConnections === undefined) continue;
      if ((cache.privateEndpointConnections ?? []).length > 0) continue;
      const name = graph.displayName(cache.id);
      const path = propertyPath(cache, 'properties.publicNetworkAccess');
      findings.push({
        message: `${name} disables public network access but has no private endpoint and no VNet injection: no client can reach it.`,
        node: cache,
        span: propertySpan(cache, path) ?? headlineSpan(cache),
        facts: { publicNetworkAccess: 'Disabled', privateEndpoints: 0, vnetInjected: false, cacheType: cache.type },
      });
    }
    return findings;
  },
};

/**
 * The cache types an unresolved endpoint target might be (`any` when the target is unknown or not a resource id):
 * such an endpoint might be a cache's only way in. Computed once per run.
 */
function unresolvedTargetTypes(graph: PrivateLinkGraph): Set<string> {
  const types = new Set<string>();
  for (const endpoint of graph.endpoints) {
    for (const c of endpoint.connections) {
      if (!isKnown(c.targetId)) {
        types.add('any');
        continue;
      }
      if (graph.resolve(c.targetId)) continue;
      const parsed = parseResourceId(c.targetId);
      const type = parsed ? normaliseCacheType(parsed.type) : undefined;
      if (!parsed) types.add('any');
      else if (type) types.add(type);
    }
  }
  return types;
}
