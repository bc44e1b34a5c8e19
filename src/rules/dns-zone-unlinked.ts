import { isKnown } from '../graph/types';
import type { PrivateLinkGraph } from '../graph/graph';
import type { DnsZoneNode } from '../graph/types';
import { declaredZone, isDeadEndpoint, isPrivateLinkZone, zoneConfigs } from './chain';
import { endpointVnetId, isExisting } from './support';
import type { Rule, RuleFinding } from './types';

// Source: Microsoft Learn "What is an Azure Private DNS zone?" (a private zone answers only in linked virtual
// networks) and "Azure Private Endpoint DNS integration". A `privatelink.*` zone with no link serves nobody: usually
// left behind by a retired project, or a link that was never made.
export const dnsZoneUnlinked: Rule = {
  id: 'dns-zone-unlinked',
  defaultSeverity: 'warning',
  title: 'A privatelink zone has no VNet link',
  description:
    'A private DNS zone is queried only from the virtual networks linked to it. A `privatelink.*` zone without any ' +
    'link answers no client: either the link to the clients\' VNets is missing, or the zone is a leftover to delete.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/dns/private-dns-privatednszone',
  modes: ['live'],
  check(graph) {
    const findings: RuleFinding[] = [];
    const served = zonesServingLiveEndpoints(graph);
    for (const zone of graph.zones) {
      if (!isKnown(zone.name) || !isPrivateLinkZone(zone.name) || isExisting(zone) || zone.linksRead === false) continue;
      if (graph.linksOf(zone).length > 0 || served.has(zone)) continue;
      const registered = graph.recordsOf(zone).length;
      findings.push({
        message: `Zone ${zone.name} has no VNet link: no client resolves its ${registered > 0 ? `${registered} record${registered > 1 ? 's' : ''}` : 'records'}. Link it to the VNets that need it, or delete it.`,
        node: zone,
        facts: { zoneName: zone.name, links: 0, records: registered },
      });
    }
    return findings;
  },
};

/** Zones a working endpoint registers in: `dns-zone-link-missing` names the VNets they lack, more precisely. */
function zonesServingLiveEndpoints(graph: PrivateLinkGraph): Set<DnsZoneNode> {
  const zones = new Set<DnsZoneNode>();
  for (const endpoint of graph.endpoints) {
    if (endpointVnetId(graph, endpoint.subnetId) === undefined || isDeadEndpoint(graph, endpoint)) continue;
    for (const ref of zoneConfigs(graph, endpoint) ?? []) {
      const zone = isKnown(ref.config.zoneId) ? declaredZone(graph, ref.config.zoneId) : undefined;
      if (zone) zones.add(zone);
    }
  }
  return zones;
}
