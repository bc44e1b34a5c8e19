import { groupIdFor } from '../catalog/lookup';
import { REDIS_GROUP_IDS } from '../catalog/services';
import { isKnown } from '../graph/types';
import { propertySpan } from './support';
import type { Rule, RuleFinding } from './types';

// Source: Microsoft Learn "Azure Private Endpoint private DNS zone values" (facts §1.1): Microsoft.Cache/redis
// takes the sub-resource `redisCache`, Microsoft.Cache/redisEnterprise takes `redisEnterprise`, exact casing.
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
      for (const connection of endpoint.connections) {
        const target = isKnown(connection.targetId) ? graph.targetOf(connection.targetId) : undefined;
        if (!target || !isKnown(connection.groupIds)) continue;
        const expected = groupIdFor(target.type);
        connection.groupIds.forEach((groupId, index) => {
          if (!isKnown(groupId) || groupId === expected) return;
          const path = `${connection.path}.groupIds[${index}]`;
          const why = REDIS_GROUP_IDS.some((g) => g.toLowerCase() === groupId.toLowerCase() && g !== groupId)
            ? 'group ids are case-sensitive'
            : `${target.type} exposes only '${expected}'`;
          findings.push({
            message: `Group id '${groupId}' does not match ${graph.displayName(target.id)} (${target.type}): use '${expected}' (${why}).`,
            node: endpoint,
            span: propertySpan(endpoint, path),
            related: [{ message: `the target cache ${graph.displayName(target.id)}`, origin: target.origin }],
            facts: { groupId, expectedGroupId: expected, targetType: target.type, targetId: target.id },
            fixes: [{ kind: 'setProperty', title: `Use group id '${expected}'`, nodeId: endpoint.id, path, value: expected }],
          });
        });
      }
    }
    return findings;
  },
};
