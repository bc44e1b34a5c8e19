import { isKnown } from '../graph/types';
import { isPrivateLinkZone, zoneNameOf } from './chain';
import { propertyPath, propertySpan, relatedTo } from './support';
import type { Rule, RuleFinding } from './types';

// Sources: Microsoft Learn "What is the autoregistration feature in Azure DNS private zones?" (autoregistration
// registers virtual machines only; a VNet can have autoregistration with only one private zone) and the private
// zone limits table (facts C13). On a `privatelink.*` zone it does nothing useful and takes the VNet's only slot.
export const dnsZoneLinkAutoregistration: Rule = {
  id: 'dns-zone-link-autoregistration',
  defaultSeverity: 'warning',
  title: 'Autoregistration is enabled on a VNet link of a privatelink zone',
  description:
    'Autoregistration writes records for the virtual machines of the linked VNet into the zone. A `privatelink.*` ' +
    'zone should hold only the records private endpoints register; VM names there can shadow endpoint records, ' +
    'and a VNet can autoregister into only one private zone, so the link also blocks the zone the VNet really needs. ' +
    'Set `registrationEnabled: false`.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/dns/private-dns-autoregistration',
  modes: ['design', 'live'],
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const link of graph.links) {
      if (link.registrationEnabled !== true || !isKnown(link.zoneId)) continue;
      const zoneName = zoneNameOf(graph, link.zoneId);
      if (!zoneName || !isPrivateLinkZone(zoneName)) continue;
      const path = propertyPath(link, 'properties.registrationEnabled');
      const vnetName = isKnown(link.vnetId) ? graph.displayName(link.vnetId) : 'its virtual network';
      const zone = graph.resolveKind(link.zoneId, 'dnsZone');
      findings.push({
        message: `VNet link ${graph.displayName(link.id)} of ${zoneName} has autoregistration enabled: virtual machines of ${vnetName} would write records into a private link zone, and the VNet can autoregister into no other zone.`,
        node: link,
        span: propertySpan(link, path),
        related: zone ? [relatedTo(`the zone ${zoneName}`, zone)] : [],
        facts: { zoneName, registrationEnabled: true, vnetId: isKnown(link.vnetId) ? link.vnetId : null },
        fixes:
          link.origin.kind === 'file'
            ? [{ kind: 'setProperty', title: 'Set registrationEnabled to false', nodeId: link.id, path, value: false }]
            : [],
      });
    }
    return findings;
  },
};
