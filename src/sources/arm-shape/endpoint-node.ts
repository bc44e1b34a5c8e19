// A private endpoint → PrivateEndpointNode: its connections (automatic and manual), its DNS zone groups (child
// resources), its private IPs and custom DNS configs.

import type { PrivateEndpointNode, PrivateLinkConnection, ZoneConfig, ZoneGroup } from '../../graph/types';
import { unknown } from '../../graph/types';
import { ARM_TYPES } from './arm-types';
import type { ChildIndex } from './children';
import { at, isUnknownValue, itemsOf, knownTexts, tagsOf, textListOf, textOf } from './read-values';
import type { ArmResourceView } from './view';

const CONNECTION_LISTS = [
  ['privateLinkServiceConnections', false],
  ['manualPrivateLinkServiceConnections', true],
] as const;

export function endpointNode<V>(resource: ArmResourceView<V>, children: ChildIndex<V>): PrivateEndpointNode {
  const r = resource.reader;
  const props = at(r, resource.body, 'properties');
  const connections: PrivateLinkConnection[] = [];
  for (const [key, manual] of CONNECTION_LISTS) {
    const list = at(r, props, key);
    if (isUnknownValue(r, list)) {
      // Connections we cannot list are still connections: one placeholder keeps rules from concluding "none".
      const why = unknown(`${key}: ${r.why(list)}`);
      connections.push({ name: why, manual, targetId: why, groupIds: why, status: undefined, path: `properties.${key}` });
      continue;
    }
    itemsOf(r, list).forEach((connection, index) => {
      const settings = at(r, connection, 'properties');
      connections.push({
        name: textOf(r, at(r, connection, 'name')),
        manual,
        targetId: textOf(r, at(r, settings, 'privateLinkServiceId')),
        groupIds: textListOf(r, at(r, settings, 'groupIds')),
        status: textOf(r, at(r, settings, 'privateLinkServiceConnectionState', 'status')),
        path: `properties.${key}[${index}].properties`,
      });
    });
  }
  const customDnsConfigs = itemsOf(r, at(r, props, 'customDnsConfigs')).flatMap((config) => {
    const fqdn = at(r, config, 'fqdn');
    return fqdn !== undefined && r.kind(fqdn) === 'string' ? [{ fqdn: r.scalar(fqdn) as string, ipAddresses: knownTexts(r, itemsOf(r, at(r, config, 'ipAddresses'))) }] : [];
  });
  return {
    kind: 'privateEndpoint',
    id: resource.id,
    name: resource.name,
    origin: resource.origin,
    location: textOf(r, at(r, resource.body, 'location')),
    tags: tagsOf(r, at(r, resource.body, 'tags'), resource.reported),
    subnetId: textOf(r, at(r, props, 'subnet', 'id')),
    connections,
    zoneGroups: zoneGroupsOf(resource, children),
    privateIps: privateIpsOf(resource, props, customDnsConfigs),
    customDnsConfigs,
  };
}

function zoneGroupsOf<V>(endpoint: ArmResourceView<V>, children: ChildIndex<V>): ZoneGroup[] | ReturnType<typeof unknown> {
  if (endpoint.zoneGroupsUnknown !== undefined) return unknown(endpoint.zoneGroupsUnknown);
  const declarations = children.of(endpoint, ARM_TYPES.zoneGroup);
  for (const group of declarations) {
    const configs = at(group.reader, group.body, 'properties', 'privateDnsZoneConfigs');
    if (isUnknownValue(group.reader, configs)) return unknown(`the zones of a DNS zone group are not known: ${group.reader.why(configs)}`);
  }
  return declarations.map(zoneGroupOf);
}

export function zoneGroupOf<V>(group: ArmResourceView<V>): ZoneGroup {
  const r = group.reader;
  const configs: ZoneConfig[] = itemsOf(r, at(r, group.body, 'properties', 'privateDnsZoneConfigs')).map((config, index) => ({
    name: textOf(r, at(r, config, 'name')),
    zoneId: textOf(r, at(r, config, 'properties', 'privateDnsZoneId')),
    path: `properties.privateDnsZoneConfigs[${index}].properties.privateDnsZoneId`,
  }));
  return { id: group.id, name: group.name, configs, origin: group.origin };
}

/**
 * The endpoint's addresses: its NIC's (`ipConfigurations`, as designs pin them) and those Azure reports in
 * `customDnsConfigs`; each once, sorted, so every source lists them alike.
 */
function privateIpsOf<V>(resource: ArmResourceView<V>, props: V | undefined, customDnsConfigs: readonly { readonly ipAddresses: readonly string[] }[]): string[] {
  const r = resource.reader;
  const ips = new Set(knownTexts(r, itemsOf(r, at(r, props, 'ipConfigurations')).map((c) => at(r, c, 'properties', 'privateIPAddress'))));
  for (const config of customDnsConfigs) for (const ip of config.ipAddresses) ips.add(ip);
  return [...ips].sort();
}
