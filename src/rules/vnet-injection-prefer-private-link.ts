import { isKnown } from '../graph/types';
import { isExisting, propertyPath, propertySpan } from './support';
import type { Rule, RuleFinding } from './types';

// Source: Microsoft Learn "Azure Cache for Redis network isolation options" (facts C2, C18): VNet injection is
// Premium-only, create-time only, needs a dedicated subnet and is error-prone; Microsoft recommends Private Link.
export const vnetInjectionPreferPrivateLink: Rule = {
  id: 'vnet-injection-prefer-private-link',
  defaultSeverity: 'info',
  title: 'The cache uses VNet injection; Microsoft recommends Private Link',
  description:
    'VNet injection (`subnetId`) is available only on Premium caches, only at creation, needs a dedicated subnet and ' +
    'complicates scaling, replication and monitoring. Microsoft recommends private endpoints instead, and Azure ' +
    'Managed Redis supports only them. Plan the move when the cache is next recreated.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-network-isolation',
  modes: ['design', 'live'],
  appliesTo: 'redis',
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const cache of graph.caches) {
      if (isExisting(cache) || !isKnown(cache.subnetId) || cache.subnetId.length === 0) continue;
      findings.push({
        message: `${graph.displayName(cache.id)} is injected into subnet ${graph.displayName(cache.subnetId)}: Microsoft recommends Private Link over VNet injection (Premium only, create-time only, dedicated subnet).`,
        node: cache,
        span: propertySpan(cache, propertyPath(cache, 'properties.subnetId')),
        facts: { subnetId: cache.subnetId, cacheType: cache.type },
      });
    }
    return findings;
  },
};
