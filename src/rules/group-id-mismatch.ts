import { groupIdFor } from '../catalog/lookup';
import { REDIS_GROUP_IDS } from '../catalog/services';
import { isKnown } from '../graph/types';
import { connectionPropertyPath, redisConnections } from './chain';
import { propertySpan, relatedTo } from './support';
import type { Rule, RuleFinding } from './types';

// Source: Microsoft Learn "Azure Private Endpoint private DNS zone values" (facts §1.1): Microsoft.Cache/redis
// takes the sub-resource `redisCache`, Microsoft.Cache/redisEnterprise takes `redisEnterprise`, exact casing.
// A target outside the graph (another subscription, another design) is still judged by the type in its id.
export const groupIdMismatch: Rule = {
  id: 'group-id-mismatch',
  defaultSeverity: 'error',
  title: "Private endpoint group id does not match its Redis target's type",
  description:
    "A private endpoint's group id (sub-resource) must be the one its target's resource type exposes: `redisCache` for " +
    'Azure Cache for Redis (Microsoft.Cache/redis) and `redisEnterprise` for Redis Enterprise and Azure Managed Redis ' +
    '(Microsoft.Cache/redisEnterprise). Any other value, a wrong case, or an invented id such as `redisEnterpriseCache` ' +
    'makes the deployment fail or the connection never come up.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns',
  modes: ['design', 'live'],
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const endpoint of graph.endpoints) {
      for (const { connection, target } of redisConnections(graph, endpoint)) {
        if (!isKnown(connection.groupIds)) continue;
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
