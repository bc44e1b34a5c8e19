// ARM-shaped resources → graph nodes: the one mapping every source goes through (Bicep evaluation and AVM calls,
// ARM templates, Terraform's ARM-shaped output, estate snapshots, live Resource Graph and ARM rows). A source's
// part ends with its views (view.ts): values, origins, and what it could not read.

import type { GraphNode } from '../../graph/types';
import { ARM_TYPES } from './arm-types';
import { cacheNode } from './cache-node';
import { ChildIndex } from './children';
import { aRecordNode, vnetLinkNode, zoneNode } from './dns-nodes';
import { endpointNode } from './endpoint-node';
import { isServiceTargetType, targetNode } from './target-node';
import type { ArmResourceView } from './view';
import { vnetNode } from './vnet-node';

/**
 * One node per resource the graph knows, in the order given. Child resources (zone groups, firewall rules,
 * databases, subnets) are not nodes: they join their parent, wherever they were declared.
 */
export function armResourcesToNodes<V>(resources: readonly ArmResourceView<V>[]): GraphNode[] {
  const children = new ChildIndex(resources);
  const nodes: GraphNode[] = [];
  for (const resource of resources) {
    const node = nodeOf(resource, children);
    if (node) nodes.push(node);
  }
  return nodes;
}

/** One resource's node; it reads the resource's view and `children.of(resource, …)`, nothing else. */
export function nodeOf<V>(resource: ArmResourceView<V>, children: ChildIndex<V>): GraphNode | undefined {
  const type = resource.type.toLowerCase();
  switch (type) {
    case ARM_TYPES.redis:
    case ARM_TYPES.redisEnterprise:
      return cacheNode(resource, children);
    case ARM_TYPES.privateEndpoint:
      return endpointNode(resource, children);
    case ARM_TYPES.zone:
      return zoneNode(resource);
    case ARM_TYPES.vnetLink:
      return vnetLinkNode(resource);
    case ARM_TYPES.aRecord:
      return aRecordNode(resource);
    case ARM_TYPES.vnet:
      return vnetNode(resource, children);
    default:
      return isServiceTargetType(type) ? targetNode(resource) : undefined;
  }
}
