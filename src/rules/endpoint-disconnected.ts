import type { PrivateLinkGraph } from '../graph/graph';
import { subscriptionOf } from '../graph/resource-id';
import { isKnown } from '../graph/types';
import { isRedisTarget, linkTarget } from './chain';
import { equalsIgnoreCase } from './support';
import type { Rule, RuleFinding } from './types';

// Sources: Microsoft Learn "Manage Azure private endpoints" (connection states; an endpoint whose resource was deleted
// is left Disconnected) and cache-private-link.md. An endpoint counts as orphaned only when its target's subscription
// was read completely and the target is not in it: a subscription we could not read proves nothing.
export const endpointDisconnected: Rule = {
  id: 'endpoint-disconnected',
  defaultSeverity: 'warning',
  title: 'A private endpoint is disconnected from its target, or the target no longer exists',
  description:
    "A private endpoint whose connection is `Disconnected`, or whose target resource was deleted, carries no traffic but " +
    'still holds an IP address, a NIC and often DNS records that point clients at nothing. Delete the endpoint (and ' +
    'its records), or recreate the connection.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/private-link/manage-private-endpoint',
  modes: ['live'],
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const endpoint of graph.endpoints) {
      for (const connection of endpoint.connections) {
        if (!isKnown(connection.targetId)) continue;
        const target = linkTarget(graph, connection.targetId);
        if (!target) continue;
        const disconnected = isKnown(connection.status) && equalsIgnoreCase(connection.status, 'Disconnected');
        // Only Redis targets are inventoried completely per subscription: another service's absence proves nothing.
        const orphan = isRedisTarget(target) && !target.cache && targetSubscriptionRead(graph, connection.targetId);
        if (!disconnected && !orphan) continue;
        const endpointName = graph.displayName(endpoint.id);
        const targetName = graph.displayName(connection.targetId);
        const message = orphan
          ? `Private endpoint ${endpointName} is orphaned: its target ${targetName} no longer exists${disconnected ? ' and the connection is Disconnected' : ''}. Delete the endpoint and its DNS records.`
          : `Private endpoint ${endpointName} is disconnected from ${targetName}: it carries no traffic. Delete the endpoint and its DNS records, or reconnect it.`;
        findings.push({
          message,
          node: endpoint,
          facts: { status: isKnown(connection.status) ? connection.status : null, targetId: connection.targetId, targetExists: !orphan },
        });
      }
    }
    return findings;
  },
};

function targetSubscriptionRead(graph: PrivateLinkGraph, targetId: string): boolean {
  const subscription = subscriptionOf(targetId);
  if (!subscription) return false;
  return graph.coverage.some((c) => c.kind === 'subscription' && c.status === 'read' && equalsIgnoreCase(c.scope, subscription));
}
