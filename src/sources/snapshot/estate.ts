// Estate snapshots: ARM resource objects → the graph. The live inventory returns the same objects, so the live
// tree, `plreview audit --estate` and the evidence bundle all read Azure through this one converter.
//
// Accepted files (issue 5): an array of ARM objects; `az graph query` output (`{ "data": [...] }`); an ARM list
// (`{ "value": [...] }`). `plreview snapshot` adds `"coverage": [...]` next to `value`, so a snapshot remembers the
// subscriptions it could not read.

import { parentId } from './ids';
import { asArray, asString, dig, type ArmResource } from './arm-resource';
import { normaliseCacheType } from '../../catalog/lookup';
import { isServiceTargetType, jsonResourceView, serviceTargetNode } from '../arm-shape/target-node';
import { parseResourceId } from '../../graph/resource-id';
import {
  unknown,
  type ARecordNode,
  type CacheNode,
  type CloudName,
  type CoverageEntry,
  type DnsZoneNode,
  type FirewallRule,
  type GraphData,
  type GraphNode,
  type Maybe,
  type PrivateEndpointNode,
  type PrivateLinkConnection,
  type SubnetInfo,
  type VnetLinkNode,
  type VnetNode,
  type ZoneGroup,
} from '../../graph/types';

export interface ParsedEstate {
  readonly resources: ArmResource[];
  /** Coverage recorded by `plreview snapshot`, when the file has it. */
  readonly coverage: CoverageEntry[];
  /** Problems with the file, each a sentence naming the file; the readable resources are still returned. */
  readonly errors: string[];
}

export function parseEstate(text: string, fileName: string): ParsedEstate {
  if (text.trim() === '') return { resources: [], coverage: [], errors: [`${fileName}: the file is empty`] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    // The engine's message quotes the text around the error: never echo a file that may hold a token.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    return { resources: [], coverage: [], errors: [`${fileName}: not valid JSON${position ? ` (at character ${position})` : ''}`] };
  }
  let items: readonly unknown[];
  let coverage: CoverageEntry[] = [];
  if (Array.isArray(raw)) items = raw;
  else if (raw && typeof raw === 'object' && Array.isArray((raw as { data?: unknown }).data)) items = (raw as { data: unknown[] }).data;
  else if (raw && typeof raw === 'object' && Array.isArray((raw as { value?: unknown }).value)) {
    items = (raw as { value: unknown[] }).value;
    coverage = readCoverage((raw as { coverage?: unknown }).coverage);
  } else {
    return {
      resources: [],
      coverage: [],
      errors: [`${fileName}: expected an array of ARM resources, az graph query output ({"data": [...]}) or an ARM list ({"value": [...]})`],
    };
  }
  const resources: ArmResource[] = [];
  const errors: string[] = [];
  items.forEach((item, index) => {
    const id = asString(dig(item, 'id'));
    // ARM returns some child resources (privateDnsZoneGroups) without `type`: the id says it.
    const type = asString(dig(item, 'type')) ?? (id ? parseResourceId(id)?.type : undefined);
    if (!id || !type) errors.push(`${fileName}: item ${index + 1} has no string 'id' and 'type'; skipped`);
    else resources.push({ ...(item as ArmResource), type });
  });
  return { resources, coverage, errors };
}

function readCoverage(value: unknown): CoverageEntry[] {
  return asArray(value).flatMap((entry) => {
    const scope = asString(dig(entry, 'scope'));
    const status = asString(dig(entry, 'status'));
    if (!scope || (status !== 'read' && status !== 'partial' && status !== 'failed')) return [];
    const kind = asString(dig(entry, 'kind')) === 'file' ? 'file' : 'subscription';
    const reason = asString(dig(entry, 'reason'));
    const displayName = asString(dig(entry, 'displayName'));
    const gaps = asArray(dig(entry, 'gaps')).flatMap((gap) => {
      const resourceId = asString(dig(gap, 'resourceId'));
      const what = asString(dig(gap, 'what'));
      const why = asString(dig(gap, 'reason'));
      return resourceId && what && why ? [{ resourceId, what, reason: why }] : [];
    });
    // A partial entry whose gaps did not survive is still partial: the snapshot said something was not read.
    return [{ scope, kind, status, ...(reason ? { reason } : {}), ...(displayName ? { displayName } : {}), ...(gaps.length ? { gaps } : {}) } as CoverageEntry];
  });
}

export interface EstateOptions {
  readonly coverage?: readonly CoverageEntry[];
  readonly cloud?: CloudName;
  /**
   * Whether an endpoint's DNS zone groups were fetched. Zone groups are child resources that Resource Graph may
   * not return; an endpoint whose groups were never fetched has Unknown zone groups, not none. By default they
   * count as fetched when the estate holds at least one zone group (an export that includes them at all).
   */
  readonly zoneGroupsFetched?: (endpointId: string) => boolean;
  /** Whether a zone's A record sets were listed; by default when the estate holds at least one A record set. */
  readonly recordsFetched?: (zoneId: string) => boolean;
}

const T = {
  redisFirewallRule: 'microsoft.cache/redis/firewallrules',
  enterpriseDatabase: 'microsoft.cache/redisenterprise/databases',
  endpoint: 'microsoft.network/privateendpoints',
  zoneGroup: 'microsoft.network/privateendpoints/privatednszonegroups',
  zone: 'microsoft.network/privatednszones',
  link: 'microsoft.network/privatednszones/virtualnetworklinks',
  aRecord: 'microsoft.network/privatednszones/a',
  vnet: 'microsoft.network/virtualnetworks',
  subnet: 'microsoft.network/virtualnetworks/subnets',
} as const;

export function estateToGraph(resources: readonly ArmResource[], options: EstateOptions = {}): GraphData {
  const byType = groupByType(resources);
  const childrenOf = (type: string) => {
    const map = new Map<string, ArmResource[]>();
    for (const child of byType.get(type) ?? []) {
      const parent = parentId(child.id).toLowerCase();
      const siblings = map.get(parent);
      if (siblings) siblings.push(child);
      else map.set(parent, [child]);
    }
    return map;
  };
  const firewallRules = childrenOf(T.redisFirewallRule);
  const databases = childrenOf(T.enterpriseDatabase);
  const zoneGroups = childrenOf(T.zoneGroup);
  const subnets = childrenOf(T.subnet);
  const anyZoneGroup = (byType.get(T.zoneGroup) ?? []).length > 0;
  const zoneGroupsFetched = options.zoneGroupsFetched ?? (() => anyZoneGroup);
  const anyRecord = (byType.get(T.aRecord) ?? []).length > 0;
  const recordsFetched = options.recordsFetched ?? (() => anyRecord);

  const nodes: GraphNode[] = [];
  const seen = new Set<string>();
  for (const resource of resources) {
    const key = resource.id.toLowerCase();
    if (seen.has(key)) continue; // the same resource from two files or pages
    seen.add(key);
    const node = toNode(resource);
    if (node) nodes.push(node);
  }
  return { nodes, problems: [], coverage: options.coverage ?? [], cloud: options.cloud };

  function toNode(resource: ArmResource): GraphNode | undefined {
    const type = resource.type.toLowerCase();
    const cacheType = normaliseCacheType(type);
    if (cacheType) return cacheNode(resource, cacheType, firewallRules.get(resource.id.toLowerCase()) ?? [], databases.get(resource.id.toLowerCase()) ?? []);
    switch (type) {
      case T.endpoint:
        return endpointNode(resource, zoneGroups.get(resource.id.toLowerCase()) ?? [], zoneGroupsFetched(resource.id));
      case T.zone:
        return zoneNode(resource, recordsFetched(resource.id));
      case T.link:
        return linkNode(resource);
      case T.aRecord:
        return aRecordNode(resource);
      case T.vnet:
        return vnetNode(resource, subnets.get(resource.id.toLowerCase()) ?? []);
      default:
        return isServiceTargetType(type) ? serviceTargetNode(jsonResourceView(resource, live(resource), { privateEndpointConnections: reportedConnections(resource) })) : undefined;
    }
  }
}

function groupByType(resources: readonly ArmResource[]): Map<string, ArmResource[]> {
  const map = new Map<string, ArmResource[]>();
  for (const r of resources) {
    const type = r.type.toLowerCase();
    const list = map.get(type);
    if (list) list.push(r);
    else map.set(type, [r]);
  }
  return map;
}

const live = (resource: ArmResource) => ({ kind: 'live', resourceId: resource.id }) as const;
const nameOf = (resource: ArmResource) => resource.name ?? resource.id.split('/').pop() ?? resource.id;

/** A property that ARM returned, or absent. `null` is kept: legacy redisEnterprise clusters report it. */
function prop<T>(resource: ArmResource, key: string, guard: (v: unknown) => v is T): Maybe<T> {
  const value = resource.properties?.[key];
  return guard(value) ? value : undefined;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

function tagsOf(resource: ArmResource): Readonly<Record<string, string>> | undefined {
  if (!resource.tags || typeof resource.tags !== 'object') return {};
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(resource.tags)) if (typeof v === 'string') tags[k] = v;
  return tags;
}

/** The private endpoint connections a target reports (embedded in its GET). */
function reportedConnections(resource: ArmResource): { endpointId: string; status: Maybe<string> }[] {
  return asArray(resource.properties?.privateEndpointConnections).flatMap((c) => {
    const endpointId = asString(dig(c, 'properties', 'privateEndpoint', 'id'));
    return endpointId ? [{ endpointId, status: asString(dig(c, 'properties', 'privateLinkServiceConnectionState', 'status')) }] : [];
  });
}

function cacheNode(resource: ArmResource, type: CacheNode['type'], rules: readonly ArmResource[], dbs: readonly ArmResource[]): CacheNode {
  const firewallRules: FirewallRule[] = rules.map((rule) => ({
    name: nameOf(rule),
    startIP: asString(dig(rule, 'properties', 'startIP')),
    endIP: asString(dig(rule, 'properties', 'endIP')),
    origin: live(rule),
  }));
  const connections = reportedConnections(resource);
  const ports = dbs.map((db) => dig(db, 'properties', 'port')).filter(isNumber);
  // Microsoft.Cache/redis reports its SKU under properties.sku; redisEnterprise at the top level.
  const sku = (resource.sku ?? (dig(resource, 'properties', 'sku') as ArmResource['sku'])) || undefined;
  return {
    kind: 'cache',
    id: resource.id,
    name: nameOf(resource),
    origin: live(resource),
    type,
    sku: sku?.name,
    skuFamily: sku?.family,
    capacity: sku?.capacity,
    location: resource.location,
    tags: tagsOf(resource),
    publicNetworkAccess: prop(resource, 'publicNetworkAccess', isStringOrNull),
    subnetId: prop(resource, 'subnetId', isString),
    shardCount: prop(resource, 'shardCount', isNumber),
    enableNonSslPort: prop(resource, 'enableNonSslPort', isBool),
    minimumTlsVersion: prop(resource, 'minimumTlsVersion', isString),
    firewallRules,
    privateEndpointConnections: connections,
    ...(ports.length > 0 ? { databasePorts: ports } : {}),
  };
}

function connectionsOf(resource: ArmResource): PrivateLinkConnection[] {
  const read = (key: string, manual: boolean) =>
    asArray(resource.properties?.[key]).map((c, index): PrivateLinkConnection => {
      const groupIds = dig(c, 'properties', 'groupIds');
      return {
        name: asString(dig(c, 'name')),
        manual,
        targetId: asString(dig(c, 'properties', 'privateLinkServiceId')),
        groupIds: Array.isArray(groupIds) ? groupIds.map((g) => (typeof g === 'string' ? g : undefined)) : undefined,
        status: asString(dig(c, 'properties', 'privateLinkServiceConnectionState', 'status')),
        path: `properties.${key}[${index}]`,
      };
    });
  return [...read('privateLinkServiceConnections', false), ...read('manualPrivateLinkServiceConnections', true)];
}

function zoneGroupOf(resource: ArmResource): ZoneGroup {
  return {
    id: resource.id,
    name: nameOf(resource),
    origin: live(resource),
    configs: asArray(resource.properties?.privateDnsZoneConfigs).map((config, index) => ({
      name: asString(dig(config, 'name')),
      zoneId: asString(dig(config, 'properties', 'privateDnsZoneId')),
      path: `properties.privateDnsZoneConfigs[${index}].properties.privateDnsZoneId`,
    })),
  };
}

function endpointNode(resource: ArmResource, groups: readonly ArmResource[], groupsFetched: boolean): PrivateEndpointNode {
  const ips = new Set<string>();
  for (const config of asArray(resource.properties?.customDnsConfigs)) {
    for (const ip of asArray(dig(config, 'ipAddresses'))) if (typeof ip === 'string') ips.add(ip);
  }
  for (const ipConfig of asArray(resource.properties?.ipConfigurations)) {
    const ip = asString(dig(ipConfig, 'properties', 'privateIPAddress'));
    if (ip) ips.add(ip);
  }
  const customDnsConfigs = asArray(resource.properties?.customDnsConfigs).flatMap((config) => {
    const fqdn = asString(dig(config, 'fqdn'));
    return fqdn ? [{ fqdn, ipAddresses: asArray(dig(config, 'ipAddresses')).filter(isString) }] : [];
  });
  return {
    kind: 'privateEndpoint',
    id: resource.id,
    name: nameOf(resource),
    origin: live(resource),
    location: resource.location,
    tags: tagsOf(resource),
    subnetId: asString(dig(resource, 'properties', 'subnet', 'id')),
    connections: connectionsOf(resource),
    zoneGroups: groups.length > 0 || groupsFetched ? groups.map(zoneGroupOf) : unknown('the endpoint\'s DNS zone groups were not read'),
    privateIps: [...ips].sort(),
    customDnsConfigs,
  };
}

function zoneNode(resource: ArmResource, recordsRead: boolean): DnsZoneNode {
  return { kind: 'dnsZone', id: resource.id, name: nameOf(resource), origin: live(resource), tags: tagsOf(resource), recordsRead };
}

function linkNode(resource: ArmResource): VnetLinkNode {
  return {
    kind: 'vnetLink',
    id: resource.id,
    name: nameOf(resource),
    origin: live(resource),
    zoneId: parentId(resource.id),
    vnetId: asString(dig(resource, 'properties', 'virtualNetwork', 'id')),
    registrationEnabled: prop(resource, 'registrationEnabled', isBool),
  };
}

function aRecordNode(resource: ArmResource): ARecordNode {
  const records = asArray(resource.properties?.aRecords ?? resource.properties?.ARecords);
  return {
    kind: 'aRecord',
    id: resource.id,
    name: nameOf(resource),
    origin: live(resource),
    zoneId: parentId(resource.id),
    recordName: nameOf(resource),
    ipv4Addresses: records.map((r) => asString(dig(r, 'ipv4Address'))).filter(isString),
  };
}

function vnetNode(resource: ArmResource, childSubnets: readonly ArmResource[]): VnetNode {
  const subnets = new Map<string, SubnetInfo>();
  for (const s of asArray(resource.properties?.subnets)) {
    const id = asString(dig(s, 'id'));
    if (id) subnets.set(id.toLowerCase(), { id, name: asString(dig(s, 'name')) ?? id.split('/').pop()! });
  }
  for (const s of childSubnets) subnets.set(s.id.toLowerCase(), { id: s.id, name: nameOf(s) });
  const dnsServers = asArray(dig(resource, 'properties', 'dhcpOptions', 'dnsServers')).filter(isString);
  return {
    kind: 'vnet',
    id: resource.id,
    name: nameOf(resource),
    origin: live(resource),
    location: resource.location,
    subnets: [...subnets.values()],
    ...(dnsServers.length > 0 ? { dnsServers } : {}),
  };
}

