import { isKnown } from '../graph/types';
import { headlineSpan } from './support';
import type { Rule, RuleFinding } from './types';

// Source: Microsoft Learn "Azure Cache for Redis network isolation options" (facts C3): firewall rules can be used
// with VNet-injected caches but not with private endpoints; adding an endpoint moves traffic to it, so "ensure
// previous firewall rules are adjusted".
export const firewallRulesWithPrivateEndpoint: Rule = {
  id: 'firewall-rules-with-private-endpoint',
  defaultSeverity: 'warning',
  title: 'Firewall rules on a cache with private endpoints',
  description:
    'Redis firewall rules filter public traffic only; they do not apply to traffic through private endpoints. On a ' +
    'cache with private endpoints they usually mean the public endpoint is still in use, or are leftovers that give ' +
    'a false sense of control. Remove them once clients use the private endpoint, and disable public access.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-network-isolation',
  modes: ['design', 'live'],
  appliesTo: 'redis',
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const cache of graph.caches) {
      if (cache.firewallRules.length === 0) continue;
      const endpoints = graph.endpointsOf(cache).length + (cache.privateEndpointConnections?.length ?? 0);
      if (endpoints === 0) continue;
      const cacheName = graph.displayName(cache.id);
      const publicAccessDisabled = isKnown(cache.publicNetworkAccess) && /^disabled$/i.test(String(cache.publicNetworkAccess));
      for (const rule of cache.firewallRules) {
        // Live names are `cache/rule` (a child resource's name); the rule's own name is the last part.
        const ruleName = isKnown(rule.name) ? rule.name.slice(rule.name.lastIndexOf('/') + 1) : 'a firewall rule';
        const range = isKnown(rule.startIP) && isKnown(rule.endIP) ? ` (${rule.startIP}–${rule.endIP})` : '';
        const why = publicAccessDisabled
          ? 'public access is disabled, so the rule is a leftover: delete it'
          : 'it only admits public traffic, so public access is probably still in use';
        findings.push({
          message: `Firewall rule ${ruleName}${range} on ${cacheName} does not apply to its private endpoints: ${why}.`,
          node: cache,
          // With public access disabled the rule admits nothing: a leftover to tidy, not a risk.
          ...(publicAccessDisabled ? { severity: 'info' as const } : {}),
          span: rule.origin.kind === 'file' ? rule.origin.span : headlineSpan(cache),
          facts: {
            firewallRule: isKnown(rule.name) ? ruleName : null,
            startIP: isKnown(rule.startIP) ? rule.startIP : null,
            endIP: isKnown(rule.endIP) ? rule.endIP : null,
            cacheId: cache.id,
          },
        });
      }
    }
    return findings;
  },
};
