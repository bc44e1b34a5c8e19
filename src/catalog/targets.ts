// Questions rules, sources and the probe ask of the Private Link service catalog (private-link-services.ts):
// which service a resource type is, which group ids it takes, which zones a subresource registers in a cloud,
// and whether a zone name fits one of those (placeholders included).

import type { CloudName } from '../graph/types';
import { PRIVATE_LINK_SERVICES, type PrivateLinkService, type Subresource, type ZonesByCloud } from './private-link-services';

const byType = new Map<string, PrivateLinkService>(PRIVATE_LINK_SERVICES.map((s) => [s.resourceType.toLowerCase(), s]));
const byId = new Map<string, PrivateLinkService>(PRIVATE_LINK_SERVICES.map((s) => [s.id, s]));

/** The catalog entry of an ARM resource type (case-insensitive), if it is a Private Link service we know. */
export function serviceOfType(type: string): PrivateLinkService | undefined {
  return byType.get(type.toLowerCase());
}

export function serviceById(id: string): PrivateLinkService | undefined {
  return byId.get(id);
}

/** Every group id the type takes, as Microsoft writes them. */
export function groupIdsOf(service: PrivateLinkService): string[] {
  return service.subresources.flatMap((s) => s.groupIds);
}

/** App Service deployment slots take `sites-<slot>`. */
const SLOT_GROUP_ID = /^sites-[A-Za-z0-9-]+$/;

/**
 * The subresource a group id names, or undefined when the type does not take it. Redis keeps its exact-casing
 * rule (rules/group-id-mismatch.ts); for the other services case is not judged (the page itself writes `signalR`
 * where the API answers `signalr`).
 */
export function subresourceOf(service: PrivateLinkService, groupId: string): Subresource | undefined {
  const lower = groupId.toLowerCase();
  const found = service.subresources.find((s) => s.groupIds.some((g) => g.toLowerCase() === lower));
  if (found) return found;
  if (service.id === 'appService' && SLOT_GROUP_ID.test(groupId)) return service.subresources[0];
  return undefined;
}

/** The zones (templates included) a subresource registers in a cloud; undefined when the page has no row. */
export function zonesIn(zones: ZonesByCloud | undefined, cloud: CloudName): readonly string[] | undefined {
  const list = zones?.[cloud];
  return list && list.length > 0 ? list : undefined;
}

/** Every zone of the service in a cloud (for an endpoint whose group id is unknown or wrong). */
export function allZonesIn(service: PrivateLinkService, cloud: CloudName): string[] {
  return [...new Set(service.subresources.flatMap((s) => [...(zonesIn(s.zones, cloud) ?? []), ...(zonesIn(s.tolerated, cloud) ?? [])]))];
}

const PLACEHOLDER = /\{(\w+)\}/g;

export function isTemplate(zone: string): boolean {
  return zone.includes('{');
}

/** A region as zone names write it: `West Europe` → `westeurope`. */
export function regionLabel(location: string): string {
  return location.toLowerCase().replace(/\s+/g, '');
}

/**
 * The zone with what is known filled in: `{regionName}` from the target's region when known. Other placeholders
 * stay (they are assigned by Azure, or are codes a design does not state).
 */
export function fillZone(zone: string, region: string | undefined): string {
  return region ? zone.replace(/\{regionName\}/g, regionLabel(region)) : zone;
}

const templateCache = new Map<string, RegExp>();

/** True when the zone name fits the (possibly templated) zone; a placeholder matches one DNS label. */
export function zoneMatches(template: string, zoneName: string): boolean {
  if (!isTemplate(template)) return template.toLowerCase() === zoneName.toLowerCase();
  let pattern = templateCache.get(template);
  if (!pattern) {
    const source = template
      .split(PLACEHOLDER)
      .map((part, index) => (index % 2 === 1 ? '[a-z0-9-]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('');
    pattern = new RegExp(`^${source}$`, 'i');
    templateCache.set(template, pattern);
  }
  return pattern.test(zoneName);
}

/**
 * The public hostname of a resource for the probe, when the catalog knows its pattern in that cloud and every
 * placeholder is known: `{name}`, and `{regionName}` from the resource's location (Data Factory, Batch).
 */
export function hostOf(subresource: Subresource, cloud: CloudName, name: string, region?: string): string | undefined {
  const pattern = zonesIn(subresource.host, cloud)?.[0];
  if (!pattern) return undefined;
  const host = fillZone(pattern, region).replace('{name}', name);
  return isTemplate(host) ? undefined : host;
}

/** True when the subresource's host pattern in the cloud needs the resource's region. */
export function hostNeedsRegion(subresource: Subresource, cloud: CloudName): boolean {
  return zonesIn(subresource.host, cloud)?.[0]?.includes('{regionName}') ?? false;
}

/**
 * The A record names (templates, `{name}` filled in) one endpoint of the group id writes in its zone: the
 * resource's own first, then its extra records (catalog `records`). `{name}` alone when the catalog says nothing.
 */
export function recordNamesOf(subresource: Subresource, groupId: string, name: string): string[] {
  const lower = groupId.toLowerCase();
  const found = Object.entries(subresource.records ?? {}).find(([id]) => id.toLowerCase() === lower)?.[1];
  return (found ?? ['{name}']).map((template) => template.replace(/\{name\}/g, name));
}

/**
 * The record templates a subresource whose records are not named after the resource (catalog `zoneRecords`)
 * writes in one zone; undefined when the catalog names none for that zone.
 */
export function zoneRecordsOf(subresource: Subresource, zoneName: string): readonly string[] | undefined {
  const lower = zoneName.toLowerCase();
  return Object.entries(subresource.zoneRecords ?? {}).find(([zone]) => zone.toLowerCase() === lower)?.[1];
}
