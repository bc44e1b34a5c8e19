import { groupIdFor } from '../catalog/lookup';
import { REDIS_GROUP_IDS } from '../catalog/services';
import { groupIdsOf, subresourceOf } from '../catalog/targets';
import type { PrivateLinkGraph } from '../graph/graph';
import type { PrivateEndpointNode } from '../graph/types';
import { isKnown } from '../graph/types';
import { connectionPropertyPath, isRedisTarget, nounOf, targetedConnections, type TargetedConnection } from './chain';
import { propertySpan, relatedTo } from './support';
import type { Rule, RuleFinding } from './types';

// Source: Microsoft Learn "Azure Private Endpoint private DNS zone values" (src/catalog/private-link-services.ts):
// each resource type takes the group ids (subresources) the page lists. Redis: Microsoft.Cache/redis takes
// `redisCache`, Microsoft.Cache/redisEnterprise takes `redisEnterprise`, exact casing (facts §1.1); other services'
// casing is not judged (the page's own casing differs from the APIs' in places). Types whose group ids the page
// does not give (HDInsight, Digital Twins) are not judged. A target outside the graph (another subscription,
// another design) is still judged by the type in its id.
export const groupIdMismatch: Rule = {
  id: 'group-id-mismatch',
  defaultSeverity: 'error',
  title: "Private endpoint group id does not match its target's type",
  description:
    "A private endpoint's group id (sub-resource) must be one its target's resource type exposes: `redisCache` for " +
    'Azure Cache for Redis, `redisEnterprise` for Redis Enterprise and Azure Managed Redis, `blob`/`file`/`queue`/' +
    '`table`/`web`/`dfs` for a storage account, `vault` for Key Vault, `sqlServer` for Azure SQL, `Sql`/`MongoDB`/' +
    '`Cassandra`/`Gremlin`/`Table` for Cosmos DB, and so on for every service in the catalog. Any other value, or an ' +
    'invented id such as `redisEnterpriseCache`, makes the deployment fail or the connection never come up.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns',
  modes: ['design', 'live'],
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const endpoint of graph.endpoints) {
      for (const targeted of targetedConnections(graph, endpoint)) {
        const { connection, target } = targeted;
        if (!isKnown(connection.groupIds)) continue;
        if (!isRedisTarget(target)) {
          findings.push(...serviceMismatches(graph, endpoint, targeted));
          continue;
        }
        const expected = groupIdFor(target.type);
        const targetName = graph.displayName(target.id);
        connection.groupIds.forEach((groupId, index) => {
          if (!isKnown(groupId) || groupId === expected) return;
          const path = connectionPropertyPath(endpoint, connection, `groupIds[${index}]`);
          const span = propertySpan(endpoint, path);
          const why = REDIS_GROUP_IDS.some((g) => g.toLowerCase() === groupId.toLowerCase() && g !== groupId)
            ? 'group ids are case-sensitive'
            : `${target.type} exposes only '${expected}'`;
          findings.push({
            message: `Group id '${groupId}' does not match ${targetName} (${target.type}): use '${expected}' (${why}).`,
            node: endpoint,
            span,
            related: target.cache ? [relatedTo(`the target cache ${targetName}`, target.cache)] : [],
            facts: { groupId, expectedGroupId: expected, targetType: target.type, targetId: target.id },
            fixes: span
              ? [{ kind: 'setProperty', title: `Use group id '${expected}'`, nodeId: endpoint.id, path, value: expected }]
              : [],
          });
        });
      }
    }
    return findings;
  },
};

function serviceMismatches(graph: PrivateLinkGraph, endpoint: PrivateEndpointNode, { connection, target }: TargetedConnection): RuleFinding[] {
  const service = target.service;
  if (service.groupIdsKnown === false || !isKnown(connection.groupIds)) return [];
  const accepted = groupIdsOf(service);
  const targetName = graph.displayName(target.id);
  const findings: RuleFinding[] = [];
  connection.groupIds.forEach((groupId, index) => {
    if (!isKnown(groupId) || subresourceOf(service, groupId)) return;
    const path = connectionPropertyPath(endpoint, connection, `groupIds[${index}]`);
    const span = propertySpan(endpoint, path);
    const single = accepted.length === 1 ? accepted[0] : undefined;
    const takes = single ? `use '${single}'` : `${service.resourceType} takes ${accepted.map((g) => `'${g}'`).join(', ')}`;
    findings.push({
      message: `Group id '${groupId}' does not match ${targetName} (${service.resourceType}): ${takes}.`,
      node: endpoint,
      span,
      related: target.node ? [relatedTo(`the target ${nounOf(target)} ${targetName}`, target.node)] : [],
      facts: { groupId, expectedGroupIds: accepted, targetType: service.resourceType, targetId: target.id, service: service.id },
      fixes: span && single ? [{ kind: 'setProperty', title: `Use group id '${single}'`, nodeId: endpoint.id, path, value: single }] : [],
    });
  });
  return findings;
}
