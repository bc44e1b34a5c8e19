// resources.csv: one row per cache → endpoint → zone → VNet link path, for spreadsheets. A cache with no
// endpoint, an endpoint with no zone, a zone with no link still get their row (with the rest empty): a gap is
// exactly what a reviewer filters for. Targets of the other services follow the caches, in the same columns
// (`cache_kind` names their service, `public_network_access` their switch as read, `private_only` stays empty:
// the clean-chain proof is Redis's); endpoints whose target is not in scope come last.
// RFC 4180: CRLF line ends, fields with comma, quote or line break quoted, quotes doubled.
// Each level's columns are escaped once and reused by every row below it (24,000 rows on a 2,000-cache estate).

import type { EvidenceCache, EvidenceEndpoint, EvidenceModel, EvidenceTarget, EvidenceValue, EvidenceVnetLink, EvidenceZone, EvidenceZoneRef } from './model';
import { familyName, show, targetAccess } from './present';
import { text } from './topology';

const CACHE_COLUMNS = [
  'subscription_id',
  'resource_group',
  'cache_name',
  'cache_id',
  'cache_kind',
  'sku',
  'region',
  'public_network_access',
  'private_only',
  'cache_findings',
] as const;
const ENDPOINT_COLUMNS = ['endpoint_name', 'endpoint_id', 'endpoint_vnet_id', 'private_ips', 'group_ids', 'connection_type', 'connection_state'] as const;
const ZONE_COLUMNS = ['zone_name', 'zone_id', 'zone_in_scope', 'cache_a_record_ips'] as const;
const LINK_COLUMNS = ['link_name', 'link_vnet_id', 'registration_enabled'] as const;

export const CSV_COLUMNS = [...CACHE_COLUMNS, ...ENDPOINT_COLUMNS, ...ZONE_COLUMNS, ...LINK_COLUMNS] as const;

const NO_ZONE = fields(ZONE_COLUMNS.map(() => ''));
const NO_LINK = fields(LINK_COLUMNS.map(() => ''));

export function renderCsv(model: EvidenceModel): string {
  const endpoints = new Map(model.endpoints.map((e) => [e.id.toLowerCase(), e]));
  const zones = new Map(model.zones.map((z) => [z.id.toLowerCase(), z]));
  const lines: string[] = [CSV_COLUMNS.join(',')];
  const attached = new Set<string>();

  const rows: [string, { id: string; name: EvidenceValue<string>; endpointIds: readonly string[] }][] = [
    ...model.caches.map((c): [string, EvidenceCache] => [fields(cacheColumns(c)), c]),
    ...model.targets.map((t): [string, EvidenceTarget] => [fields(targetColumns(t)), t]),
  ];
  for (const [cacheFields, cache] of rows) {
    if (cache.endpointIds.length === 0) lines.push(`${cacheFields},${fields(ENDPOINT_COLUMNS.map(() => ''))},${NO_ZONE},${NO_LINK}`);
    for (const id of cache.endpointIds) {
      const endpoint = endpoints.get(id.toLowerCase());
      if (!endpoint) continue;
      attached.add(endpoint.id.toLowerCase());
      endpointRows(lines, `${cacheFields},${fields(endpointColumns(endpoint, cache))}`, endpoint, zones, cache);
    }
  }
  for (const endpoint of model.endpoints) {
    if (attached.has(endpoint.id.toLowerCase())) continue;
    const orphan = CACHE_COLUMNS.map((c) => (c === 'subscription_id' ? (endpoint.subscriptionId ?? '') : c === 'resource_group' ? (endpoint.resourceGroup ?? '') : ''));
    endpointRows(lines, `${fields(orphan)},${fields(endpointColumns(endpoint))}`, endpoint, zones);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The cache or other target a row is about: its id and name are what the endpoint and record columns need. */
type RowTarget = { readonly id: string; readonly name: EvidenceValue<string> };

function endpointRows(lines: string[], prefix: string, endpoint: EvidenceEndpoint, zones: Map<string, EvidenceZone>, cache?: RowTarget): void {
  const refs: EvidenceZoneRef[] = Array.isArray(endpoint.zoneGroups) ? endpoint.zoneGroups.flatMap((g) => g.zones) : [];
  if (refs.length === 0) {
    // Unknown zone groups say so in the zone name column; known-none leave it empty.
    const zoneName = Array.isArray(endpoint.zoneGroups) ? '' : show(endpoint.zoneGroups as never);
    lines.push(`${prefix},${fields([zoneName, '', '', ''])},${NO_LINK}`);
    return;
  }
  for (const ref of refs) {
    const zoneId = text(ref.zoneId);
    const zone = zoneId ? zones.get(zoneId.toLowerCase()) : undefined;
    const zoneFields = fields([show(ref.zoneName), show(ref.zoneId), ref.inScope ? 'yes' : 'no', zone && cache ? recordIps(zone, cache) : '']);
    if (!zone || zone.links.length === 0) lines.push(`${prefix},${zoneFields},${NO_LINK}`);
    else for (const link of zone.links) lines.push(`${prefix},${zoneFields},${fields(linkColumns(link))}`);
  }
}

function cacheColumns(cache: EvidenceCache): string[] {
  return [
    cache.subscriptionId ?? '',
    cache.resourceGroup ?? '',
    show(cache.name),
    cache.id,
    familyName(cache),
    show(cache.sku),
    show(cache.location),
    show(cache.publicNetworkAccess),
    cache.privateOnly ? 'yes' : 'no',
    String(cache.findingCount),
  ];
}

function targetColumns(target: EvidenceTarget): string[] {
  return [
    target.subscriptionId ?? '',
    target.resourceGroup ?? '',
    show(target.name),
    target.id,
    target.serviceName,
    show(target.sku),
    show(target.location),
    targetAccess(target),
    '',
    String(target.findingCount),
  ];
}

function endpointColumns(endpoint: EvidenceEndpoint, cache?: RowTarget): string[] {
  const connections = endpoint.connections.filter((c) => !cache || text(c.targetId)?.toLowerCase() === cache.id.toLowerCase());
  return [
    show(endpoint.name),
    endpoint.id,
    endpoint.vnetId ?? '',
    endpoint.privateIps.join(' '),
    connections.map((c) => (Array.isArray(c.groupIds) ? c.groupIds.map(show).join(' ') : show(c.groupIds as never))).join(' '),
    connections.map((c) => c.type).join(' '),
    connections.map((c) => show(c.state)).join(' '),
  ];
}

function linkColumns(link: EvidenceVnetLink): string[] {
  return [show(link.name), show(link.vnetId), show(link.registrationEnabled)];
}

const recordsByLabel = new WeakMap<EvidenceZone, Map<string, string[]>>();

/**
 * The IPs of the zone's A records that name this cache (`name`, or `name.region` for Enterprise and Managed
 * Redis). Indexed by first label once per zone: a hub zone may hold thousands of records.
 */
function recordIps(zone: EvidenceZone, cache: RowTarget): string {
  const name = text(cache.name)?.toLowerCase();
  if (!name) return '';
  let index = recordsByLabel.get(zone);
  if (!index) {
    index = new Map();
    for (const record of zone.aRecords) {
      const label = text(record.name)?.toLowerCase().split('.')[0];
      if (label !== undefined) index.set(label, [...(index.get(label) ?? []), ...record.ipv4Addresses]);
    }
    recordsByLabel.set(zone, index);
  }
  return (index.get(name) ?? []).join(' ');
}

function fields(values: readonly string[]): string {
  return values.map(csvField).join(',');
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
