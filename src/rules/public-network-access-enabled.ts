import { productFamily } from '../catalog/lookup';
import type { PublicAccess } from '../catalog/private-link-services';
import { serviceOfType } from '../catalog/targets';
import type { PrivateLinkGraph } from '../graph/graph';
import type { CacheNode, ServiceTargetNode } from '../graph/types';
import { isKnown, isUnknown } from '../graph/types';
import { equalsIgnoreCase, headlineSpan, isExisting, listOf, propertyPath, propertySpan, relatedTo } from './support';
import type { Rule, RuleFinding } from './types';

/** The first Microsoft.Cache/redisEnterprise api-version with `publicNetworkAccess` (required on create). */
export const REDIS_ENTERPRISE_PNA_API = '2025-07-01';

// Sources: Azure Cache for Redis ARM spec / .NET reference: "Default value is 'Enabled'" (facts §6.1; Learn pages
// that say "Disabled by default" are wrong, see docs/rules). Managed Redis: `publicNetworkAccess` exists from
// api-version 2025-07-01 and is required on create; `null` marks clusters from older api versions, which stay
// private while they have endpoints (facts C7). Redis Enterprise (Enterprise_/EnterpriseFlash_) caches with private
// link are not reachable publicly (facts C8), so only an explicit `Enabled` is reported for them.
// Other services: the catalog says which property is the switch, its default when absent, and which ACL setting
// (`networkAcls.defaultAction: 'Deny'` and its equivalents) makes the endpoint restricted rather than open; a
// default the catalog is unsure of ('unknown') is never reported.
export const publicNetworkAccessEnabled: Rule = {
  id: 'public-network-access-enabled',
  defaultSeverity: 'warning',
  title: 'A Private Link target with private endpoints still allows public network access',
  description:
    'Private endpoints add a private path; they do not close the public one. A storage account, key vault, SQL ' +
    'server, Cosmos DB account… stays reachable from the internet unless its public access is disabled (or its ' +
    'network ACL denies by default). Azure Cache for Redis keeps its public ' +
    "endpoint open unless `publicNetworkAccess` is `Disabled`, and the property's default is `Enabled`. Azure " +
    'Managed Redis takes the property from api-version 2025-07-01 and requires it there. Set it to `Disabled` once ' +
    'clients use the private endpoint.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-private-link',
  modes: ['design', 'live'],
  check(graph, settings) {
    const findings: RuleFinding[] = [];
    for (const cache of graph.caches) {
      if (isExisting(cache)) continue;
      // Cheap tests first: the endpoint names are only needed for a finding.
      if (graph.endpointsOf(cache).length === 0 && !cache.privateEndpointConnections?.length) continue;
      const reason = publicReason(cache, settings.mode);
      if (!reason) continue;
      const endpoints = endpointNames(graph, cache);
      const name = graph.displayName(cache.id);
      const path = propertyPath(cache, 'properties.publicNetworkAccess');
      const firstEndpoint = graph.endpointsOf(cache)[0];
      findings.push({
        message: `${name} has private endpoint${endpoints.length > 1 ? 's' : ''} ${listOf(endpoints)} but ${reason}: set publicNetworkAccess to 'Disabled' so traffic can only use the private path.`,
        node: cache,
        span: propertySpan(cache, path) ?? headlineSpan(cache),
        related: firstEndpoint ? [relatedTo(`private endpoint ${graph.displayName(firstEndpoint.id)}`, firstEndpoint)] : [],
        facts: {
          publicNetworkAccess: isKnown(cache.publicNetworkAccess) ? cache.publicNetworkAccess : 'absent',
          cacheType: cache.type,
          sku: isKnown(cache.sku) ? cache.sku : null,
          apiVersion: cache.apiVersion ?? null,
          endpoints,
        },
        fixes:
          cache.origin.kind === 'file'
            ? [{ kind: 'setProperty', title: "Set publicNetworkAccess to 'Disabled'", nodeId: cache.id, path, value: 'Disabled' }]
            : [],
      });
    }
    for (const target of graph.serviceTargets) findings.push(...serviceFinding(graph, target));
    return findings;
  },
};

function serviceFinding(graph: PrivateLinkGraph, target: ServiceTargetNode): RuleFinding[] {
  const spec = serviceOfType(target.type)?.publicAccess;
  if (!spec || isExisting(target)) return [];
  if (graph.endpointsOf(target).length === 0 && !target.privateEndpointConnections?.length) return [];
  const reason = openReason(target, spec);
  if (!reason) return [];
  const endpoints = endpointNames(graph, target);
  const name = graph.displayName(target.id);
  const leaf = spec.property.replace(/^properties\./, '');
  const path = propertyPath(target, spec.property);
  const closed = spec.closed[0];
  const value = closed === 'false' ? false : closed;
  const alternative = spec.restrictedWhen ? ` (or ${spec.restrictedWhen.property.replace(/^properties\./, '')} to '${spec.restrictedWhen.equals}')` : '';
  const firstEndpoint = graph.endpointsOf(target)[0];
  return [
    {
      message: `${name} has private endpoint${endpoints.length > 1 ? 's' : ''} ${listOf(endpoints)} but ${reason}: set ${leaf} to '${closed}'${alternative} so traffic can only use the private path.`,
      node: target,
      span: propertySpan(target, path) ?? headlineSpan(target),
      related: firstEndpoint ? [relatedTo(`private endpoint ${graph.displayName(firstEndpoint.id)}`, firstEndpoint)] : [],
      facts: {
        publicAccess: isKnown(target.publicAccess) && target.publicAccess !== null ? String(target.publicAccess) : 'absent',
        property: spec.property,
        targetType: target.type,
        service: serviceOfType(target.type)!.id,
        endpoints,
      },
      fixes: target.origin.kind === 'file' ? [{ kind: 'setProperty', title: `Set ${leaf} to '${closed}'`, nodeId: target.id, path, value }] : [],
    },
  ];
}

/** Why the target's public endpoint is open, or undefined when it is closed, restricted, or we cannot tell. */
function openReason(target: ServiceTargetNode, spec: PublicAccess): string | undefined {
  const leaf = spec.property.replace(/^properties\./, '');
  if (spec.restrictedWhen) {
    const restriction = target.publicAccessRestriction;
    if (isUnknown(restriction)) return undefined;
    if (restriction !== undefined && restriction !== null && equalsIgnoreCase(String(restriction), spec.restrictedWhen.equals)) return undefined;
  }
  const value = target.publicAccess;
  if (isUnknown(value)) return undefined;
  if (value === undefined || value === null) {
    if (spec.whenAbsent !== 'open') return undefined;
    const acl = spec.restrictedWhen ? ` and ${spec.restrictedWhen.property.replace(/^properties\./, '')} is not '${spec.restrictedWhen.equals}'` : '';
    return `${leaf} is not set (its default is Enabled)${acl}`;
  }
  if (spec.closed.some((closed) => equalsIgnoreCase(closed, String(value)))) return undefined;
  // Other values (`SecuredByPerimeter`: a network security perimeter decides) are not read as open.
  if (!/^(enabled|true|open)$/i.test(String(value))) return undefined;
  return `${leaf} is '${String(value)}'`;
}

function endpointNames(graph: PrivateLinkGraph, cache: CacheNode | ServiceTargetNode): string[] {
  const names = graph.endpointsOf(cache).map((e) => graph.displayName(e.id));
  for (const c of cache.privateEndpointConnections ?? []) {
    const name = graph.displayName(c.endpointId);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Why the cache is publicly reachable, or undefined when it is not (or we cannot tell). */
function publicReason(cache: CacheNode, mode: 'design' | 'live'): string | undefined {
  const value = cache.publicNetworkAccess;
  if (isUnknown(value)) return undefined;
  if (typeof value === 'string') return equalsIgnoreCase(value, 'Enabled') ? "publicNetworkAccess is 'Enabled'" : undefined;
  if (cache.type === 'Microsoft.Cache/redis') {
    return 'publicNetworkAccess is not set, and its default is Enabled';
  }
  // Microsoft.Cache/redisEnterprise: null = legacy cluster, private while it has endpoints. Absent: only a design
  // on api-version 2025-07-01 or later for Managed Redis is known to need it.
  if (value === null || mode !== 'design' || !cache.apiVersion || cache.apiVersion.slice(0, 10) < REDIS_ENTERPRISE_PNA_API) return undefined;
  const family = productFamily(cache.type, cache.sku);
  if (family !== 'ManagedRedis') return undefined;
  return `publicNetworkAccess is not set (api-version ${cache.apiVersion} requires it for Azure Managed Redis)`;
}
