// Private DNS zones and their children → DnsZoneNode, VnetLinkNode, ARecordNode. Links and records name their
// zone by their parent id.

import type { ARecordNode, DnsZoneNode, VnetLinkNode } from '../../graph/types';
import { unknown } from '../../graph/types';
import { at, booleanOf, itemsOf, knownTexts, tagsOf, textOf } from './read-values';
import type { ArmResourceView } from './view';

export function zoneNode<V>(resource: ArmResourceView<V>): DnsZoneNode {
  const r = resource.reader;
  return {
    kind: 'dnsZone',
    id: resource.id,
    name: resource.name,
    origin: resource.origin,
    tags: tagsOf(r, at(r, resource.body, 'tags'), resource.reported),
    ...(resource.recordsRead !== undefined ? { recordsRead: resource.recordsRead } : {}),
  };
}

export function vnetLinkNode<V>(resource: ArmResourceView<V>): VnetLinkNode {
  const r = resource.reader;
  const props = at(r, resource.body, 'properties');
  return {
    kind: 'vnetLink',
    id: resource.id,
    name: resource.name,
    origin: resource.origin,
    zoneId: resource.parentId ?? unknown('the zone of this link is not known'),
    vnetId: textOf(r, at(r, props, 'virtualNetwork', 'id')),
    registrationEnabled: booleanOf(r, at(r, props, 'registrationEnabled')),
  };
}

export function aRecordNode<V>(resource: ArmResourceView<V>): ARecordNode {
  const r = resource.reader;
  // `aRecords`, matched case-insensitively: Azure's record set API writes `ARecords`.
  const records = itemsOf(r, at(r, resource.body, 'properties', 'aRecords'));
  return {
    kind: 'aRecord',
    id: resource.id,
    name: resource.name,
    origin: resource.origin,
    zoneId: resource.parentId ?? unknown('the zone of this record is not known'),
    recordName: resource.name,
    ipv4Addresses: knownTexts(r, records.map((record) => at(r, record, 'ipv4Address'))),
  };
}
