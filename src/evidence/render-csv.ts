// resources.csv: one row per cache → endpoint → zone → VNet link path, for spreadsheets. A cache with no
// endpoint, an endpoint with no zone, a zone with no link still get their row (with the rest empty): a gap is
// exactly what a reviewer filters for. Endpoints whose target is not in scope follow the caches.
// RFC 4180: CRLF line ends, fields with comma, quote or line break quoted, quotes doubled.

import type { EvidenceCache, EvidenceEndpoint, EvidenceModel, EvidenceVnetLink, EvidenceZone, EvidenceZoneRef } from './model';
import { familyName, show } from './present';
import { text } from './topology';

export const CSV_COLUMNS = [
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
  'endpoint_name',
  'endpoint_id',
  'endpoint_vnet_id',
  'private_ips',
  'group_ids',
  'connection_type',
  'connection_state',
  'zone_name',
  'zone_id',
  'zone_in_scope',
  'cache_a_record_ips',
  'link_name',
  'link_vnet_id',
  'registration_enabled',
] as const;

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

export function renderCsv(model: EvidenceModel): string {
  const endpoints = new Map(model.endpoints.map((e) => [e.id.toLowerCase(), e]));
  const zones = new Map(model.zones.map((z) => [z.id.toLowerCase(), z]));
  const rows: Row[] = [];
  const attached = new Set<string>();

  for (const cache of model.caches) {
    const base = cacheColumns(cache);
    if (cache.endpointIds.length === 0) rows.push(base);
    for (const id of cache.endpointIds) {
      const endpoint = endpoints.get(id.toLowerCase());
      if (!endpoint) continue;
      attached.add(endpoint.id.toLowerCase());
      endpointRows(rows, { ...base, ...endpointColumns(endpoint, cache) }, endpoint, zones, cache);
    }
  }
  for (const endpoint of model.endpoints) {
    if (attached.has(endpoint.id.toLowerCase())) continue;
    endpointRows(rows, { subscription_id: endpoint.subscriptionId ?? '', resource_group: endpoint.resourceGroup ?? '', ...endpointColumns(endpoint) }, endpoint, zones);
  }
  return [CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((c) => csvField(row[c] ?? '')).join(','))].join('\r\n') + '\r\n';
}

function endpointRows(rows: Row[], base: Row, endpoint: EvidenceEndpoint, zones: Map<string, EvidenceZone>, cache?: EvidenceCache): void {
  const refs: EvidenceZoneRef[] = Array.isArray(endpoint.zoneGroups) ? endpoint.zoneGroups.flatMap((g) => g.zones) : [];
  if (refs.length === 0) {
    rows.push({ ...base, zone_name: Array.isArray(endpoint.zoneGroups) ? '' : show(endpoint.zoneGroups as never) });
    return;
  }
  for (const ref of refs) {
    const zoneId = text(ref.zoneId);
    const zone = zoneId ? zones.get(zoneId.toLowerCase()) : undefined;
    const zoneRow: Row = {
      ...base,
      zone_name: show(ref.zoneName),
      zone_id: show(ref.zoneId),
      zone_in_scope: ref.inScope ? 'yes' : 'no',
      cache_a_record_ips: zone && cache ? recordIps(zone, cache) : '',
    };
    if (!zone || zone.links.length === 0) rows.push(zoneRow);
    else for (const link of zone.links) rows.push({ ...zoneRow, ...linkColumns(link) });
  }
}

function cacheColumns(cache: EvidenceCache): Row {
  return {
    subscription_id: cache.subscriptionId ?? '',
    resource_group: cache.resourceGroup ?? '',
    cache_name: show(cache.name),
    cache_id: cache.id,
    cache_kind: familyName(cache),
    sku: show(cache.sku),
    region: show(cache.location),
    public_network_access: show(cache.publicNetworkAccess),
    private_only: cache.privateOnly ? 'yes' : 'no',
    cache_findings: String(cache.findingCount),
  };
}

function endpointColumns(endpoint: EvidenceEndpoint, cache?: EvidenceCache): Row {
  const connections = endpoint.connections.filter((c) => !cache || text(c.targetId)?.toLowerCase() === cache.id.toLowerCase());
  return {
    endpoint_name: show(endpoint.name),
    endpoint_id: endpoint.id,
    endpoint_vnet_id: endpoint.vnetId ?? '',
    private_ips: endpoint.privateIps.join(' '),
    group_ids: connections.map((c) => (Array.isArray(c.groupIds) ? c.groupIds.map(show).join(' ') : show(c.groupIds as never))).join(' '),
    connection_type: connections.map((c) => c.type).join(' '),
    connection_state: connections.map((c) => show(c.state)).join(' '),
  };
}

function linkColumns(link: EvidenceVnetLink): Row {
  return { link_name: show(link.name), link_vnet_id: show(link.vnetId), registration_enabled: show(link.registrationEnabled) };
}

/** The A records of the zone that name this cache (`name` or `name.region`). */
function recordIps(zone: EvidenceZone, cache: EvidenceCache): string {
  const name = text(cache.name)?.toLowerCase();
  if (!name) return '';
  return zone.aRecords
    .filter((r) => {
      const record = text(r.name)?.toLowerCase();
      return record === name || record?.startsWith(`${name}.`);
    })
    .flatMap((r) => r.ipv4Addresses)
    .join(' ');
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
