import { parseResourceId } from '../graph/resource-id';
import { isKnown } from '../graph/types';
import { declaredZone, expectedZone, isDeadEndpoint, redisConnections, zoneConfigs, zoneFits, zoneNameOf } from './chain';
import type { ZoneConfigRef } from './chain';
import { cloudOf, isLiteralAt, relatedTo } from './support';
import type { FixIntent, RelatedLocation, Rule, RuleFinding } from './types';

// Source: Microsoft Learn "Azure Private Endpoint private DNS zone values" (facts §1.1). One group id
// (`redisEnterprise`) serves two zones, so the SKU decides between Redis Enterprise and Managed Redis; when the
// SKU is unknown only a zone that is neither of the two is known to be wrong. Clouds without a documented zone
// are not judged.
export const dnsZoneMismatch: Rule = {
  id: 'dns-zone-mismatch',
  defaultSeverity: 'error',
  title: "The endpoint's DNS zone group names the wrong private DNS zone for its Redis target",
  description:
    'The zone group of a private endpoint must name the private DNS zone Microsoft documents for the target: ' +
    '`privatelink.redis.cache.windows.net` for Azure Cache for Redis, `privatelink.redisenterprise.cache.azure.net` ' +
    'for Redis Enterprise and Enterprise Flash, `privatelink.redis.azure.net` for Azure Managed Redis (and the ' +
    'US Government and China zones for Azure Cache for Redis there). Records land in the wrong zone otherwise, and ' +
    "clients keep resolving the cache's public address.",
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns',
  modes: ['design', 'live'],
  check(graph, settings) {
    const findings: RuleFinding[] = [];
    for (const endpoint of graph.endpoints) {
      const cloud = cloudOf(graph, settings, endpoint);
      const configs = zoneConfigs(endpoint);
      if (!configs) continue;
      if (isDeadEndpoint(graph, endpoint)) continue;
      for (const { target } of redisConnections(graph, endpoint)) {
        const expectation = expectedZone(target, cloud);
        for (const ref of configs) {
          if (!isKnown(ref.config.zoneId)) continue;
          const zoneName = zoneNameOf(graph, ref.config.zoneId);
          if (!zoneName || zoneFits(expectation, zoneName) !== false) continue;
          const targetName = graph.displayName(target.id);
          const needs = expectation.kind === 'exact' ? expectation.zone : expectation.kind === 'oneOf' ? expectation.zones.join(' or ') : '';
          const related: RelatedLocation[] = [];
          if (target.cache) related.push(relatedTo(`the target cache ${targetName}`, target.cache));
          const zone = declaredZone(graph, ref.config.zoneId);
          if (zone) related.push(relatedTo(`the zone ${zoneName}`, zone));
          findings.push({
            message:
              `Private endpoint ${graph.displayName(endpoint.id)} registers ${targetName} in zone ${zoneName}, but ${targetName} ` +
              `(${target.type}${target.cache && isKnown(target.cache.sku) ? ` ${target.cache.sku}` : ''}, ${cloud}) needs ${needs}: ` +
              'clients will not resolve its private address.',
            node: endpoint,
            span: ref.span,
            related,
            facts: {
              zoneName,
              expectedZones: expectation.kind === 'exact' ? [expectation.zone] : expectation.kind === 'oneOf' ? [...expectation.zones] : [],
              targetId: target.id,
              targetType: target.type,
              cloud,
            },
            fixes: expectation.kind === 'exact' ? zoneFix(ref, zoneName, expectation.zone) : [],
          });
        }
      }
    }
    return findings;
  },
};

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
