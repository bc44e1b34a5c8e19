// Whether a cache is private-only, for the evidence bundle: public network access is disabled AND at least one
// endpoint reaches it over a clean chain. "Reachable privately" alone counted a cache whose only endpoint had the
// wrong group id, or registered in the wrong zone, as private-only: a claim an auditor would take at its word.
// A clean chain is proven, never assumed: every link must be known and right.

import { groupIdFor } from '../catalog/lookup';
import type { PrivateLinkGraph } from '../graph/graph';
import type { CacheNode, CloudName, PrivateEndpointNode, PrivateLinkConnection } from '../graph/types';
import { isKnown } from '../graph/types';
import { declaredZone, expectedZone, redisTarget, zoneConfigs, zoneFits, zoneNameOf } from '../rules/chain';
import { endpointVnetId } from '../rules/support';

/** Public access disabled, and private access proven: VNet injection, or one endpoint with a clean chain. */
export function isPrivateOnly(graph: PrivateLinkGraph, cache: CacheNode, endpoints: readonly PrivateEndpointNode[], cloud: CloudName): boolean {
  if (cache.publicNetworkAccess !== 'Disabled') return false;
  // A VNet-injected cache (Premium) has no endpoint: its private address is in the subnet itself.
  if (isKnown(cache.subnetId)) return true;
  return endpoints.some((endpoint) => hasCleanChain(graph, cache, endpoint, endpoint.origin.kind === 'file' ? (endpoint.origin.cloud ?? cloud) : cloud));
}

/**
 * Approved connection to this cache with the right group id, a zone group naming the right zone, and that zone
 * linked to the endpoint's own VNet.
 */
export function hasCleanChain(graph: PrivateLinkGraph, cache: CacheNode, endpoint: PrivateEndpointNode, cloud: CloudName): boolean {
  const connected = endpoint.connections.some((c) => isKnown(c.targetId) && graph.targetOf(c.targetId) === cache && approved(c) && rightGroupId(c, cache));
  if (!connected) return false;
  const target = redisTarget(graph, cache.id);
  const configs = zoneConfigs(graph, endpoint);
  if (!target || !configs) return false;
  const vnet = endpointVnetId(graph, endpoint.subnetId);
  if (!vnet) return false;
  const expectation = expectedZone(target, cloud);
  return configs.some(({ config }) => {
    if (!isKnown(config.zoneId)) return false;
    const name = zoneNameOf(graph, config.zoneId);
    if (!name || zoneFits(expectation, name) !== true) return false;
    const zone = declaredZone(graph, config.zoneId);
    return zone !== undefined && graph.linksOf(zone).some((link) => isKnown(link.vnetId) && graph.sameVnet(link.vnetId, vnet));
  });
}

/** Approved live; in a design, an automatic connection (approved on creation), never a manual one. */
function approved(connection: PrivateLinkConnection): boolean {
  if (isKnown(connection.status)) return /^approved$/i.test(connection.status);
  return connection.status === undefined && !connection.manual;
}

function rightGroupId(connection: PrivateLinkConnection, cache: CacheNode): boolean {
  const expected = groupIdFor(cache.type);
  return isKnown(connection.groupIds) && connection.groupIds.some((g) => g === expected);
}
