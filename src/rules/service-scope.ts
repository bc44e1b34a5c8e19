// Which catalogued services a finding is about, so a review can be limited to some of them: the tree's
// `privateLinkReview.services` setting and `plreview audit --service`. A finding belongs to the services of its
// node: a cache or target by its type, an endpoint by the types its connections name, a zone (or one of its links
// and records) by the services whose zones its name matches; `dns-zone-link-missing` also by the targets it names.
// A finding that cannot be attributed (coverage, a VNet, a zone of no known service) is always kept: limiting the
// view must never hide what could not be judged.

import type { PrivateLinkGraph } from '../graph/graph';
import type { CloudName, GraphNode } from '../graph/types';
import { isKnown } from '../graph/types';
import { parseResourceId } from '../graph/resource-id';
import { PRIVATE_LINK_SERVICES } from '../catalog/private-link-services';
import { allZonesIn, serviceOfType, zoneMatches } from '../catalog/targets';
import { PRODUCTS, type ProductFamily } from '../catalog/services';
import type { Finding } from './types';

/** Redis services' zones come from the product catalog: the families each resource type can be. */
const REDIS_FAMILIES: Readonly<Record<string, readonly ProductFamily[]>> = {
  redis: ['AzureCacheForRedis'],
  redisEnterprise: ['RedisEnterprise', 'ManagedRedis'],
};

/** Every catalog service key. */
export const SERVICE_KEYS: readonly string[] = PRIVATE_LINK_SERVICES.map((s) => s.id);

/** Keys that are not catalog service keys (for a usage error that names them). */
export function unknownServiceKeys(keys: readonly string[]): string[] {
  return keys.filter((k) => !SERVICE_KEYS.includes(k));
}

/** The services whose zones (in the cloud) a zone name is one of. */
export function servicesOfZone(name: string, cloud: CloudName): string[] {
  const keys: string[] = [];
  for (const service of PRIVATE_LINK_SERVICES) {
    if (service.zonesBySku) {
      const families = REDIS_FAMILIES[service.id] ?? [];
      const zones = PRODUCTS.filter((p) => families.includes(p.family)).map((p) => p.privateDnsZone[cloud]);
      if (zones.some((z) => z !== undefined && z.toLowerCase() === name.toLowerCase())) keys.push(service.id);
    } else if (allZonesIn(service, cloud).some((z) => zoneMatches(z, name))) keys.push(service.id);
  }
  return keys;
}

/**
 * A predicate keeping the findings about the given services (all findings when `keys` is empty), and those that
 * cannot be attributed to any service.
 */
export function findingsOfServices(graph: PrivateLinkGraph, keys: readonly string[], cloud: CloudName): (finding: Finding) => boolean {
  if (keys.length === 0) return () => true;
  const wanted = new Set(keys);
  const memo = new Map<string, readonly string[] | undefined>();
  const servicesOf = (nodeId: string): readonly string[] | undefined => {
    const key = nodeId.toLowerCase();
    if (!memo.has(key)) memo.set(key, attribute(graph, graph.resolve(nodeId), cloud));
    return memo.get(key);
  };
  return (finding) => {
    const services = servicesOf(finding.nodeId);
    if (services === undefined || services.length === 0) return true;
    if (services.some((s) => wanted.has(s))) return true;
    const named = finding.facts.cacheIds;
    return Array.isArray(named) && named.some((id) => (servicesOf(String(id)) ?? []).some((s) => wanted.has(s)));
  };
}

/** The services a node belongs to; undefined when it belongs to none we can tell. */
function attribute(graph: PrivateLinkGraph, node: GraphNode | undefined, cloud: CloudName): readonly string[] | undefined {
  if (!node) return undefined;
  switch (node.kind) {
    case 'cache':
    case 'target': {
      const service = serviceOfType(node.type);
      return service ? [service.id] : undefined;
    }
    case 'privateEndpoint': {
      const keys = new Set<string>();
      for (const c of node.connections) {
        if (!isKnown(c.targetId)) continue;
        const target = graph.resolve(c.targetId);
        const type = target && (target.kind === 'cache' || target.kind === 'target') ? target.type : parseResourceId(c.targetId)?.type;
        const service = type ? serviceOfType(type) : undefined;
        if (service) keys.add(service.id);
      }
      return [...keys];
    }
    case 'dnsZone':
      return isKnown(node.name) ? servicesOfZone(node.name, cloud) : undefined;
    case 'vnetLink':
    case 'aRecord':
      return isKnown(node.zoneId) ? attribute(graph, graph.resolve(node.zoneId), cloud) : undefined;
    default:
      return undefined;
  }
}
