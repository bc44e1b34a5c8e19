// A virtual network → VnetNode: its subnets (inline or child resources, each once) and custom DNS servers.

import type { SubnetInfo, VnetNode } from '../../graph/types';
import { ARM_TYPES } from './arm-types';
import type { ChildIndex } from './children';
import { at, itemsOf, knownTexts, textOf } from './read-values';
import type { ArmResourceView } from './view';

export function vnetNode<V>(resource: ArmResourceView<V>, children: ChildIndex<V>): VnetNode {
  const r = resource.reader;
  const props = at(r, resource.body, 'properties');
  const subnets = new Map<string, SubnetInfo>();
  const add = (subnet: SubnetInfo) => {
    const key = subnet.id.toLowerCase();
    if (!subnets.has(key)) subnets.set(key, subnet);
  };
  for (const subnet of itemsOf(r, at(r, props, 'subnets'))) {
    // Azure reports each subnet's id; a design names it, and its id follows from the VNet's.
    const id = textOf(r, at(r, subnet, 'id'));
    const name = textOf(r, at(r, subnet, 'name'));
    if (typeof name === 'string') add({ id: typeof id === 'string' ? id : `${resource.id}/subnets/${name}`, name });
    else if (typeof id === 'string') add({ id, name: id.split('/').pop()! });
  }
  for (const child of children.of(resource, ARM_TYPES.subnet)) {
    if (typeof child.name === 'string') add({ id: child.id, name: child.name });
  }
  return {
    kind: 'vnet',
    id: resource.id,
    name: resource.name,
    origin: resource.origin,
    location: textOf(r, at(r, resource.body, 'location')),
    subnets: [...subnets.values()],
    dnsServers: knownTexts(r, itemsOf(r, at(r, props, 'dhcpOptions', 'dnsServers'))),
  };
}
