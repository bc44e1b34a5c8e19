import { isKnown, isUnknown } from '../graph/types';
import { expectedZone, groupIdOf, isDeadEndpoint, nounOf, suggestedZone, targetedConnections } from './chain';
import { cloudOf, headlineSpan, isExisting, relatedTo } from './support';
import type { FixIntent, Rule, RuleFinding } from './types';

// Source: Microsoft Learn "Azure Private Endpoint DNS integration" / "private DNS zone values": a zone group makes
// Azure write and remove the endpoint's A record in the private zone; without one, someone must maintain the
// record by hand (or a DeployIfNotExists policy adds the group, hence a warning, not an error).
export const dnsZoneGroupMissing: Rule = {
  id: 'dns-zone-group-missing',
  defaultSeverity: 'warning',
  title: 'A private endpoint to a Private Link target has no DNS zone group',
  description:
    'Without a private DNS zone group nothing registers the endpoint\'s private IP in the `privatelink.*` zone, so ' +
    "clients resolve the target's public name to its public address (and fail when public access is disabled). " +
    'Add a zone group naming the zone for the target. If an Azure Policy (DeployIfNotExists) adds zone groups in your ' +
    'organisation, suppress the rule for the endpoint.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns',
  modes: ['design', 'live'],
  check(graph, settings) {
    const cloud = cloudOf(graph, settings);
    const findings: RuleFinding[] = [];
    for (const endpoint of graph.endpoints) {
      // Unknown groups (not fetched, module parameters) and referenced-only endpoints say nothing.
      if (isUnknown(endpoint.zoneGroups) || endpoint.zoneGroups.length > 0 || isExisting(endpoint)) continue;
      if (isDeadEndpoint(graph, endpoint)) continue;
      // An endpoint whose name is unknown cannot be matched by a zone group declared in another file.
      if (!isKnown(endpoint.name)) continue;
      const targets = targetedConnections(graph, endpoint);
      if (targets.length === 0) continue;
      const { connection, target } = targets[0];
      const expectation = expectedZone(target, cloud, groupIdOf(connection));
      const zone = suggestedZone(expectation);
      const targetName = graph.displayName(target.id);
      const fixes: FixIntent[] =
        zone && endpoint.origin.kind === 'file'
          ? [{ kind: 'insertZoneGroup', title: `Add a DNS zone group for ${zone}`, nodeId: endpoint.id, zoneName: zone }]
          : [];
      findings.push({
        message:
          `Private endpoint ${graph.displayName(endpoint.id)} to ${targetName} has no DNS zone group: nothing registers its ` +
          `private address${zone ? ` in ${zone}` : ''}, so clients resolve ${targetName} to its public address.`,
        node: endpoint,
        span: headlineSpan(endpoint),
        related: target.cache ?? target.node ? [relatedTo(`the target ${nounOf(target)} ${targetName}`, (target.cache ?? target.node)!)] : [],
        facts: { targetId: target.id, targetType: target.type, expectedZone: zone ?? null, cloud },
        fixes,
      });
    }
    return findings;
  },
};
