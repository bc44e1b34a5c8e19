// Cache facts for the probe from a graph (an estate, the live tree): the cache's type, SKU, region, cloud and
// the private IPs of its endpoints. Given an endpoint, the facts are those of the cache it connects to, and the
// expected IPs are that endpoint's own. Given a hostname, the cache whose public hostname it is.

import { productFamily, publicHostname } from '../catalog/lookup';
import type { PrivateLinkGraph } from '../graph/graph';
import type { CacheNode, PrivateEndpointNode } from '../graph/types';
import { isKnown } from '../graph/types';
import { normaliseHost, recogniseHostname } from './target';
import type { CacheFacts } from './types';

export type FactsResult = { readonly ok: true; readonly facts: CacheFacts } | { readonly ok: false; readonly message: string };

export function cacheFactsFromGraph(graph: PrivateLinkGraph, ref: string): FactsResult {
  const node = ref.startsWith('/') ? graph.resolve(ref) : cacheByHostname(graph, ref);
  if (!node) return { ok: false, message: `${ref} is not a cache or private endpoint in the estate` };
  if (node.kind === 'cache') return factsOf(graph, node, graph.endpointsOf(node));
  if (node.kind === 'privateEndpoint') {
    const caches = node.connections.map((c) => (isKnown(c.targetId) ? graph.targetOf(c.targetId) : undefined)).filter((c): c is CacheNode => !!c);
    if (caches.length === 0) return { ok: false, message: `private endpoint ${ref} connects to no cache in the estate` };
    return factsOf(graph, caches[0], [node]);
  }
  return { ok: false, message: `${ref} is a ${node.kind}, not a cache or private endpoint` };
}

/** Facts of one cache node; `endpoints` give the expected IPs. */
export function factsOf(graph: PrivateLinkGraph, cache: CacheNode, endpoints: readonly PrivateEndpointNode[]): FactsResult {
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
