// Facts for the probe from a graph (an estate, the live tree): a cache's type, SKU, region, cloud and the private
// IPs of its endpoints, or another service's type, name, group id, region and the hostnames it states (the catalog
// then gives host and port).
// Given an endpoint, the facts are those of the target it connects to, and the expected IPs are that endpoint's
// own. Given a hostname, the cache whose public hostname it is.

import { productFamily, publicHostname } from '../catalog/lookup';
import type { PrivateLinkGraph } from '../graph/graph';
import type { CacheNode, PrivateEndpointNode, ServiceTargetNode } from '../graph/types';
import { isKnown } from '../graph/types';
import { normaliseHost, recogniseHostname } from './target';
import type { CacheFacts, ServiceFacts } from './types';

export type FactsResult = { readonly ok: true; readonly facts: CacheFacts | ServiceFacts } | { readonly ok: false; readonly message: string };

export function cacheFactsFromGraph(graph: PrivateLinkGraph, ref: string): FactsResult {
  const node = ref.startsWith('/') ? graph.resolve(ref) : cacheByHostname(graph, ref);
  if (!node) return { ok: false, message: `${ref} is not a cache or private endpoint in the estate` };
  if (node.kind === 'cache') return factsOf(graph, node, graph.endpointsOf(node));
  if (node.kind === 'target') return serviceFactsOf(graph, node, graph.endpointsOf(node));
  if (node.kind === 'privateEndpoint') {
    for (const connection of node.connections) {
      const target = isKnown(connection.targetId) ? graph.resolve(connection.targetId) : undefined;
      if (target?.kind === 'cache') return factsOf(graph, target, [node]);
      if (target?.kind === 'target') {
        const groupId = isKnown(connection.groupIds) ? connection.groupIds.find(isKnown) : undefined;
        return serviceFactsOf(graph, target, [node], groupId);
      }
    }
    return { ok: false, message: `private endpoint ${ref} connects to no Private Link target in the estate` };
  }
  return { ok: false, message: `${ref} is a ${node.kind}, not a Private Link target or private endpoint` };
}

/** Facts of one cache node; `endpoints` give the expected IPs. */
export function factsOf(
  graph: PrivateLinkGraph,
  cache: CacheNode,
  endpoints: readonly PrivateEndpointNode[],
): { readonly ok: true; readonly facts: CacheFacts } | { readonly ok: false; readonly message: string } {
  if (!isKnown(cache.name)) return { ok: false, message: `the name of ${cache.id} is not known` };
  const sku = isKnown(cache.sku) ? cache.sku : undefined;
  const region = isKnown(cache.location) ? cache.location : undefined;
  const enableNonSslPort = isKnown(cache.enableNonSslPort) ? cache.enableNonSslPort : undefined;
  return {
    ok: true,
    facts: {
      name: cache.name,
      type: cache.type,
      ...(sku !== undefined ? { sku } : {}),
      ...(region !== undefined ? { region } : {}),
      ...(graph.cloud ? { cloud: graph.cloud } : {}),
      ...(enableNonSslPort !== undefined ? { enableNonSslPort } : {}),
      endpointIps: [...new Set(endpoints.flatMap((e) => e.privateIps))],
      resourceId: cache.id,
      ...(cache.databasePorts && cache.databasePorts.length > 0 ? { databasePorts: cache.databasePorts } : {}),
    },
  };
}

/** Facts of another service's target; `groupId` (an endpoint's) picks the subresource, else the first with a host. */
export function serviceFactsOf(graph: PrivateLinkGraph, target: ServiceTargetNode, endpoints: readonly PrivateEndpointNode[], groupId?: string): FactsResult {
  if (!isKnown(target.name)) return { ok: false, message: `the name of ${target.id} is not known` };
  return {
    ok: true,
    facts: {
      kind: 'service',
      name: target.name,
      type: target.type,
      ...(groupId ? { groupId } : {}),
      ...(graph.cloud ? { cloud: graph.cloud } : {}),
      ...(isKnown(target.location) ? { region: target.location } : {}),
      ...(target.statedHosts ? { statedHosts: target.statedHosts } : {}),
      endpointIps: [...new Set(endpoints.flatMap((e) => e.privateIps))],
      resourceId: target.id,
    },
  };
}

function cacheByHostname(graph: PrivateLinkGraph, host: string): CacheNode | undefined {
  const wanted = recogniseHostname(host)?.publicHost ?? normaliseHost(host);
  return graph.caches.find((cache) => {
    if (!isKnown(cache.name)) return false;
    const family = productFamily(cache.type, cache.sku);
    if (!isKnown(family)) return false;
    const region = isKnown(cache.location) ? cache.location : undefined;
    return publicHostname(family, graph.cloud ?? 'AzureCloud', cache.name, region)?.toLowerCase() === wanted;
  });
}
