import { parseResourceId } from '../graph/resource-id';
import type { DnsZoneNode } from '../graph/types';
import { isKnown } from '../graph/types';
import { isPrivateLinkZone } from './chain';
import { headlineSpan, isExisting, relatedTo } from './support';
import type { Rule, RuleFinding } from './types';

// Source: Microsoft Learn "Azure Private Endpoint DNS integration" (facts C10): use a single private DNS zone per
// name; several zones with the same name each hold part of the records and need manual merging.
export const duplicatePrivateDnsZone: Rule = {
  id: 'duplicate-private-dns-zone',
  defaultSeverity: 'warning',
  title: 'Two private DNS zones with the same privatelink name',
  description:
    'Each `privatelink.*` zone should exist once, linked to every VNet that needs it. Two zones with the same name ' +
    '(in different resource groups or subscriptions) split the records: each VNet sees only the endpoints ' +
    'registered in the zone it is linked to (split-brain DNS). Keep one zone and link it everywhere.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns-integration',
  modes: ['design', 'live'],
  check(graph) {
    const byName = new Map<string, DnsZoneNode[]>();
    for (const zone of graph.zones) {
      if (!isKnown(zone.name) || !isPrivateLinkZone(zone.name) || isExisting(zone)) continue;
      const key = zone.name.toLowerCase();
      const list = byName.get(key);
      if (list) list.push(zone);
      else byName.set(key, [zone]);
    }
    const findings: RuleFinding[] = [];
    for (const zones of byName.values()) {
      const distinct = distinctZones(zones);
      if (distinct.length < 2) continue;
      const [first, ...others] = distinct;
      for (const zone of others) {
        findings.push({
          message: `Zone ${zone.name as string} is declared again (${where(zone, first)}; also ${where(first, zone)}): clients see only the records of the copy their VNet is linked to.`,
          node: zone,
          span: headlineSpan(zone),
          related: [relatedTo(`the other ${zone.name as string}`, first)],
          // The pair this finding is about, and how many copies exist: listing every copy in every finding grows
          // as copies² (997 findings × 400 ids in a 200-subscription estate).
          facts: { zoneName: zone.name as string, zoneIds: [first.id, zone.id], copies: distinct.length },
        });
      }
    }
    return findings;
  },
};

/**
 * The zones that are certainly different resources. Two declarations may be one zone when they share an id, or
 * when the resource group (or, within one group, the subscription) is left to deployment time: deploying the
 * same zone from two files is not a duplicate. Ids that are not resource ids (YAML designs) are all distinct.
 */
function distinctZones(zones: readonly DnsZoneNode[]): DnsZoneNode[] {
  const scoped = new Map<string, DnsZoneNode>();
  const unscoped: DnsZoneNode[] = [];
  for (const zone of zones) {
    const parsed = parseResourceId(zone.id);
    if (!parsed) {
      if (!scoped.has(zone.id.toLowerCase())) scoped.set(zone.id.toLowerCase(), zone);
    } else if (!parsed.resourceGroup) unscoped.push(zone);
    else {
      const key = `${parsed.resourceGroup.toLowerCase()}|${parsed.subscriptionId?.toLowerCase() ?? '*'}`;
      if (!scoped.has(key)) scoped.set(key, zone);
    }
  }
  // A group without subscription may be the same as that group in any subscription.
  const groupsWithSubscription = new Set([...scoped.keys()].filter((k) => !k.endsWith('|*')).map((k) => k.split('|')[0]));
  for (const key of [...scoped.keys()]) {
    if (key.endsWith('|*') && groupsWithSubscription.has(key.split('|')[0])) scoped.delete(key);
  }
  const distinct = [...scoped.values()];
  // A zone without resource group may be any of the others; alone, it is one more zone only if nothing else is.
  return distinct.length === 0 && unscoped.length > 0 ? [unscoped[0]] : distinct;
}

/** Where a copy lives, naming the subscription when the other copy is in another one. */
function where(zone: DnsZoneNode, other: DnsZoneNode): string {
  const parsed = parseResourceId(zone.id);
  if (parsed?.resourceGroup) {
    const otherSubscription = parseResourceId(other.id)?.subscriptionId;
    const inOtherSubscription = parsed.subscriptionId && otherSubscription && parsed.subscriptionId.toLowerCase() !== otherSubscription.toLowerCase();
    return inOtherSubscription ? `resource group ${parsed.resourceGroup} in subscription ${parsed.subscriptionId}` : `resource group ${parsed.resourceGroup}`;
  }
  return zone.origin.kind === 'file' ? zone.origin.span.file : zone.id;
}
