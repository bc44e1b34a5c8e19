import { isExisting, propertyPath, propertySpan } from './support';
import type { Rule, RuleFinding } from './types';

// Sources: Redis ARM spec (`enableNonSslPort`, default false, port 6379); Azure Policy 22bee202 "Only secure
// connections to your Azure Cache for Redis should be enabled"; facts §2.1 and §4.
export const nonTlsPortEnabled: Rule = {
  id: 'non-tls-port-enabled',
  defaultSeverity: 'warning',
  title: 'The non-TLS port (6379) is enabled',
  description:
    '`enableNonSslPort: true` opens port 6379 without TLS: access keys and data cross the network in clear text, ' +
    'private endpoint or not. Keep it `false` (the default) and connect on 6380 with TLS.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-configure#access-ports',
  modes: ['design', 'live'],
  appliesTo: 'redis',
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const cache of graph.caches) {
      if (cache.enableNonSslPort !== true || isExisting(cache)) continue;
      const path = propertyPath(cache, 'properties.enableNonSslPort');
      findings.push({
        message: `${graph.displayName(cache.id)} enables the non-TLS port 6379: keys and data travel unencrypted. Set enableNonSslPort to false and use port 6380.`,
        node: cache,
        span: propertySpan(cache, path),
        facts: { enableNonSslPort: true, cacheType: cache.type },
        fixes:
          cache.origin.kind === 'file'
            ? [{ kind: 'setProperty', title: 'Set enableNonSslPort to false', nodeId: cache.id, path, value: false }]
            : [],
      });
    }
    return findings;
  },
};
