import { isKnown } from '../graph/types';
import { isExisting, propertyPath, propertySpan } from './support';
import type { Rule, RuleFinding } from './types';

// Sources: Redis and redisEnterprise ARM specs (`minimumTlsVersion` 1.0 | 1.1 | 1.2; 1.0 and 1.1 deprecated, "completely
// obsolete" for redisEnterprise); Microsoft Learn "What are the configuration settings for TLS?" (TLS 1.0/1.1 unsupported from 2024-11-01).
// Absent means the service default (1.2 on current caches): not reported.
export const minimumTlsVersion: Rule = {
  id: 'minimum-tls-version',
  defaultSeverity: 'warning',
  title: 'minimumTlsVersion is below 1.2',
  description:
    'TLS 1.0 and 1.1 are retired for Azure Cache for Redis and obsolete for Redis Enterprise and Managed Redis. A ' +
    "`minimumTlsVersion` below `1.2` lets clients negotiate them. Set `'1.2'` or leave the property out.",
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-tls-configuration',
  modes: ['design', 'live'],
  appliesTo: 'redis',
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const cache of graph.caches) {
      if (!isKnown(cache.minimumTlsVersion) || isExisting(cache)) continue;
      const version = Number.parseFloat(cache.minimumTlsVersion);
      if (!(version < 1.2)) continue;
      const path = propertyPath(cache, 'properties.minimumTlsVersion');
      findings.push({
        message: `${graph.displayName(cache.id)} accepts TLS ${cache.minimumTlsVersion}: TLS 1.0 and 1.1 are retired. Set minimumTlsVersion to '1.2'.`,
        node: cache,
        span: propertySpan(cache, path),
        facts: { minimumTlsVersion: cache.minimumTlsVersion, cacheType: cache.type },
        fixes:
          cache.origin.kind === 'file'
            ? [{ kind: 'setProperty', title: "Set minimumTlsVersion to '1.2'", nodeId: cache.id, path, value: '1.2' }]
            : [],
      });
    }
    return findings;
  },
};
