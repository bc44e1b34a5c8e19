import { parseResourceId } from '../graph/resource-id';
import { isKnown, type CloudName } from '../graph/types';
import { PRIVATE_LINK_SERVICES } from '../catalog/private-link-services';
import { zoneMatches, zonesIn } from '../catalog/targets';
import { declaredZone, expectedZone, expectedZonesText, groupIdOf, isDeadEndpoint, isRedisTarget, nounOf, suggestedZone, targetedConnections, zoneConfigs, zoneFits, zoneNameOf } from './chain';
import type { LinkTarget, ZoneConfigRef } from './chain';
import { cloudOf, isExisting, isLiteralAt, relatedTo } from './support';
import type { FixIntent, RelatedLocation, Rule, RuleFinding, RuleSettings } from './types';
import type { PrivateLinkGraph } from '../graph/graph';
import type { DnsZoneNode, PrivateEndpointNode } from '../graph/types';

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
    const findings: RuleFinding[] = [];
    for (const endpoint of graph.endpoints) {
      const cloud = cloudOf(graph, settings, endpoint);
      const configs = zoneConfigs(graph, endpoint);
      if (!configs) continue;
      if (isDeadEndpoint(graph, endpoint)) continue;
      for (const { connection, target } of targetedConnections(graph, endpoint)) {
        const groupId = groupIdOf(connection);
        const expectation = expectedZone(target, cloud, groupId);
        // A zone group may name up to five zones: one that holds the right zone resolves the target privately, so
        // an extra zone in it is not the error "wrong zone" (issue 13); it is said as info.
        const groupsWithRightZone = new Set(
          configs.filter((r) => isKnown(r.config.zoneId) && zoneFits(expectation, zoneNameOf(graph, r.config.zoneId) ?? '') === true).map((r) => r.group),
        );
        for (const ref of configs) {
          if (!isKnown(ref.config.zoneId)) continue;
          const zoneName = zoneNameOf(graph, ref.config.zoneId);
          if (!zoneName || zoneFits(expectation, zoneName) !== false) continue;
          const targetName = graph.displayName(target.id);
          if (groupsWithRightZone.has(ref.group)) {
            const other = serviceOfZone(zoneName, cloud);
            findings.push({
              message:
                `Private endpoint ${graph.displayName(endpoint.id)}'s zone group also names ${zoneName}` +
                `${other ? `, a zone of ${other}` : ''}, beside the zone ${targetName} needs: ${targetName} resolves privately, ` +
                `the extra zone gets no record of it${other ? '' : ' (not a zone of this target)'}.`,
              node: endpoint,
              severity: 'info',
              span: ref.span,
              related: [],
              facts: { zoneName, extraZone: true, otherService: other ?? null, targetId: target.id, cloud },
            });
            continue;
          }
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
            fixes: suggestedZone(expectation) ? zoneFix(graph, settings, endpoint, ref, zoneName, suggestedZone(expectation)!) : [],
          });
        }
      }
    }
    return findings;
  },
};

/** The catalog service a zone name belongs to in a cloud (its display name), if any. */
function serviceOfZone(zoneName: string, cloud: CloudName): string | undefined {
  for (const service of PRIVATE_LINK_SERVICES) {
    for (const subresource of service.subresources) {
      if ((zonesIn(subresource.zones, cloud) ?? []).some((zone) => zoneMatches(zone, zoneName))) return service.displayName;
    }
  }
  return undefined;
}

/** ` Premium` (a Redis SKU) or ` blob` (another service's group id), for the message's parenthesis. */
function describeTarget(target: LinkTarget, groupId: string | undefined): string {
  if (isRedisTarget(target)) return target.cache && isKnown(target.cache.sku) ? ` ${target.cache.sku}` : '';
  return groupId ? ` ${groupId}` : '';
}

/**
 * Replaces the zone where it is written as a literal: a full id keeps its scope and gets the new name at its end;
 * a bare name (YAML designs resolve names to ids) becomes the new name. A reference to a zone the design declares
 * (`[azurerm_private_dns_zone.x.id]`, `zone.id`) is fixed where the zone is: the reference is pointed at a declared
 * zone of the right name if there is one; else the zone is renamed, unless other endpoints use it correctly (then
 * a zone of the right name is declared beside it and the reference pointed at that one).
 */
function zoneFix(graph: PrivateLinkGraph, settings: RuleSettings, endpoint: PrivateEndpointNode, ref: ZoneConfigRef, zoneName: string, zone: string): FixIntent[] {
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
  if (value) return [{ kind: 'setProperty', title: `Use zone ${zone}`, nodeId: ref.fixNodeId, path: ref.config.path, value }];
  const declared = declaredZone(graph, written);
  if (!declared || declared.origin.kind !== 'file') return [];
  const right = graph.zonesNamed(zone).find((z) => z.origin.kind === 'file' && !isExisting(z));
  if (right) return [{ kind: 'useZone', title: `Use zone ${zone} (${graph.displayName(right.id)})`, nodeId: ref.fixNodeId, path: ref.config.path, zoneName: zone, zoneId: right.id, besideZoneId: declared.id }];
  if (isExisting(declared)) return [];
  if (!servesOthers(graph, settings, declared, endpoint, zoneName)) {
    return [{ kind: 'setProperty', title: `Rename zone ${zoneName} to ${zone}`, nodeId: declared.id, path: 'name', value: zone }];
  }
  return [{ kind: 'useZone', title: `Declare zone ${zone} and use it (${zoneName} stays for the endpoints it fits)`, nodeId: ref.fixNodeId, path: ref.config.path, zoneName: zone, besideZoneId: declared.id }];
}

/** Whether another endpoint's zone group names `zone` and it is the right zone for that endpoint's target. */
function servesOthers(graph: PrivateLinkGraph, settings: RuleSettings, zone: DnsZoneNode, endpoint: PrivateEndpointNode, zoneName: string): boolean {
  for (const other of graph.endpoints) {
    if (other === endpoint) continue;
    const refs = zoneConfigs(graph, other) ?? [];
    if (!refs.some((r) => isKnown(r.config.zoneId) && declaredZone(graph, r.config.zoneId) === zone)) continue;
    const cloud = cloudOf(graph, settings, other);
    for (const { connection, target } of targetedConnections(graph, other)) {
      if (zoneFits(expectedZone(target, cloud, groupIdOf(connection)), zoneName) === true) return true;
    }
  }
  return false;
}
