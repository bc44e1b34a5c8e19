import { parseResourceId } from '../graph/resource-id';
import { isKnown } from '../graph/types';
import { declaredZone, expectedZone, expectedZonesText, groupIdOf, isDeadEndpoint, isRedisTarget, nounOf, suggestedZone, targetedConnections, zoneConfigs, zoneFits, zoneNameOf } from './chain';
import type { LinkTarget, ZoneConfigRef } from './chain';
import { cloudOf, isLiteralAt, relatedTo } from './support';
import type { FixIntent, RelatedLocation, Rule, RuleFinding } from './types';

// Source: Microsoft Learn "Azure Private Endpoint private DNS zone values" (src/catalog/private-link-services.ts;
// Redis: facts §1.1). The zone depends on the target's type and the endpoint's group id (a storage `blob` endpoint
// registers in the blob zone, not the file zone); some subresources use several zones (Azure Monitor, AI services)
// and any of them fits. Redis: one group id (`redisEnterprise`) serves two zones, so the SKU decides between Redis
// Enterprise and Managed Redis; when the SKU (or a group id) is unknown only a zone that fits none of the type's
// is known to be wrong. Clouds without a documented zone are not judged.
export const dnsZoneMismatch: Rule = {
  id: 'dns-zone-mismatch',
  defaultSeverity: 'error',
  title: "The endpoint's DNS zone group names the wrong private DNS zone for its target",
  description:
    'The zone group of a private endpoint must name the private DNS zone Microsoft documents for the target: ' +
    '`privatelink.redis.cache.windows.net` for Azure Cache for Redis, `privatelink.redisenterprise.cache.azure.net` ' +
    'for Redis Enterprise and Enterprise Flash, `privatelink.redis.azure.net` for Azure Managed Redis (and the ' +
    'US Government and China zones for Azure Cache for Redis there), and for every other service the zone of its ' +
    'subresource: `privatelink.blob.core.windows.net` for a storage blob endpoint, `privatelink.vaultcore.azure.net` ' +
    'for Key Vault, `privatelink.{region}.azmk8s.io` in the cluster\'s own region for AKS. Records land in the wrong ' +
    "zone otherwise, and clients keep resolving the target's public address.",
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns',
  modes: ['design', 'live'],
  check(graph, settings) {
    const cloud = cloudOf(graph, settings);
    const findings: RuleFinding[] = [];
    for (const endpoint of graph.endpoints) {
      const configs = zoneConfigs(endpoint);
      if (!configs) continue;
      if (isDeadEndpoint(graph, endpoint)) continue;
      for (const { connection, target } of targetedConnections(graph, endpoint)) {
        const groupId = groupIdOf(connection);
        const expectation = expectedZone(target, cloud, groupId);
        for (const ref of configs) {
          if (!isKnown(ref.config.zoneId)) continue;
          const zoneName = zoneNameOf(graph, ref.config.zoneId);
          if (!zoneName || zoneFits(expectation, zoneName) !== false) continue;
          const targetName = graph.displayName(target.id);
          const needs = expectedZonesText(expectation);
          const related: RelatedLocation[] = [];
          const targetNode = target.cache ?? target.node;
          if (targetNode) related.push(relatedTo(`the target ${nounOf(target)} ${targetName}`, targetNode));
          const zone = declaredZone(graph, ref.config.zoneId);
          if (zone) related.push(relatedTo(`the zone ${zoneName}`, zone));
          findings.push({
            message:
              `Private endpoint ${graph.displayName(endpoint.id)} registers ${targetName} in zone ${zoneName}, but ${targetName} ` +
              `(${target.type}${describeTarget(target, groupId)}, ${cloud}) needs ${needs}: ` +
              'clients will not resolve its private address.',
            node: endpoint,
            span: ref.span,
            related,
            facts: {
              zoneName,
              expectedZones: expectation.kind === 'exact' ? [expectation.zone] : expectation.kind === 'undocumented' ? [] : [...expectation.zones],
              targetId: target.id,
              targetType: target.type,
              cloud,
            },
            fixes: suggestedZone(expectation) ? zoneFix(ref, zoneName, suggestedZone(expectation)!) : [],
          });
        }
      }
    }
    return findings;
  },
};

/** ` Premium` (a Redis SKU) or ` blob` (another service's group id), for the message's parenthesis. */
function describeTarget(target: LinkTarget, groupId: string | undefined): string {
  if (isRedisTarget(target)) return target.cache && isKnown(target.cache.sku) ? ` ${target.cache.sku}` : '';
  return groupId ? ` ${groupId}` : '';
}

/**
 * Replaces the zone only where it is written as a literal: a full id keeps its scope and gets the new name at its
 * end; a bare name (YAML designs resolve names to ids) becomes the new name. A reference stays untouched.
 */
function zoneFix(ref: ZoneConfigRef, zoneName: string, zone: string): FixIntent[] {
  const written = ref.config.zoneId;
  if (!isKnown(written) || !ref.fixNodeId) return [];
  const parsed = parseResourceId(written);
  let value: string | undefined;
  if (isLiteralAt(ref.span, written)) {
    if (parsed && parsed.names.length !== 1) return [];
    value = parsed ? written.slice(0, written.length - parsed.names[0].length) + zone : zone;
  } else if (isLiteralAt(ref.span, zoneName)) {
    value = zone;
  }
  return value ? [{ kind: 'setProperty', title: `Use zone ${zone}`, nodeId: ref.fixNodeId, path: ref.config.path, value }] : [];
}
