// Builds graphs for rule tests directly, without any parser: nodes with sensible defaults and file origins whose
// property spans are distinct and predictable, so tests can assert exactly what a finding underlines.

import { PrivateLinkGraph } from '../../../src/graph/graph';
import type {
  ARecordNode,
  CacheNode,
  CacheType,
  ClientNode,
  CloudName,
  CoverageEntry,
  DnsZoneNode,
  FileSpan,
  FirewallRule,
  GraphNode,
  Maybe,
  Origin,
  PrivateEndpointNode,
  PrivateLinkConnection,
  Unknown,
  VnetLinkNode,
  VnetNode,
  ZoneGroup,
} from '../../../src/graph/types';
import { unknown } from '../../../src/graph/types';
import { runRules } from '../../../src/rules/engine';
import { ruleById } from '../../../src/rules/registry';
import type { AnalysisMode, Finding, SeveritySetting } from '../../../src/rules/types';

export const SUB = '00000000-0000-0000-0000-000000000001';
export const RG = 'rg-app';
const FILE = 'infra/main.bicep';

/** Where nodes come from: a design file (default) or a live resource. */
export interface Place {
  readonly live?: boolean;
  readonly file?: string;
  readonly existing?: boolean;
}

let nextLine = 0;

/** A span on a fresh line of `file`, as long as the literal text written there. */
function spanOn(file: string, text: string): FileSpan {
  const line = nextLine++;
  const offset = line * 1000 + 4;
  return {
    file,
    range: { start: { line, character: 4, offset }, end: { line, character: 4 + text.length, offset: offset + text.length } },
  };
}

/**
 * A file origin. `props` maps property paths to the literal text written there (its length becomes the span's);
 * `undefined` text means "present but not a literal" (an expression such as `zone.id`).
 */
export function origin(place: Place, id: string, props: Record<string, string | undefined> = {}): Origin {
  if (place.live) return { kind: 'live', resourceId: id };
  const file = place.file ?? FILE;
  const properties: Record<string, FileSpan> = {};
  const declaration = spanOn(file, `resource ${id}`);
  for (const [path, text] of Object.entries(props)) properties[path] = spanOn(file, text ?? '<expression>.id');
  return { kind: 'file', format: 'bicep', span: declaration, properties, ...(place.existing ? { existing: true } : {}) };
}

export function cacheId(name: string, type: CacheType = 'Microsoft.Cache/redis', sub = SUB): string {
  return `/subscriptions/${sub}/resourceGroups/${RG}/providers/${type}/${name}`;
}
export function vnetId(name: string): string {
  return `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/${name}`;
}
export function subnetId(vnet: string, subnet = 'snet-pe'): string {
  return `${vnetId(vnet)}/subnets/${subnet}`;
}
export function zoneId(name: string, rg = 'rg-dns'): string {
  return `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Network/privateDnsZones/${name}`;
}
export function endpointId(name: string): string {
  return `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/privateEndpoints/${name}`;
}

const quote = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : String(v));

export interface CacheSpec extends Place {
  name?: string;
  type?: CacheType;
  sku?: Maybe<string>;
  location?: Maybe<string>;
  publicNetworkAccess?: Maybe<string | null>;
  subnetId?: Maybe<string>;
  shardCount?: Maybe<number>;
  enableNonSslPort?: Maybe<boolean>;
  minimumTlsVersion?: Maybe<string>;
  tags?: Maybe<Record<string, Maybe<string>>>;
  firewallRules?: { name: string; startIP: string; endIP: string }[];
  apiVersion?: string;
  privateEndpointConnections?: { endpointId: string; status: Maybe<string> }[];
}

/** A Premium Azure Cache for Redis in West Europe with public access disabled, unless told otherwise. */
export function cache(spec: CacheSpec = {}): CacheNode {
  const name = spec.name ?? 'trading-prices-weu';
  const type = spec.type ?? 'Microsoft.Cache/redis';
  const id = cacheId(name, type);
  const has = (k: keyof CacheSpec) => Object.prototype.hasOwnProperty.call(spec, k);
  const publicNetworkAccess = has('publicNetworkAccess') ? spec.publicNetworkAccess : 'Disabled';
  const props: Record<string, string | undefined> = { name: `'${name}'` };
  const literal = (path: string, value: unknown) => {
    if (value !== undefined && !(typeof value === 'object' && value !== null)) props[path] = quote(value);
    else if (value !== undefined && value !== null) props[path] = undefined; // Unknown: an expression
  };
  literal('properties.publicNetworkAccess', publicNetworkAccess);
  literal('properties.subnetId', spec.subnetId);
  literal('properties.shardCount', spec.shardCount);
  literal('properties.enableNonSslPort', spec.enableNonSslPort);
  literal('properties.minimumTlsVersion', spec.minimumTlsVersion);
  if (spec.tags !== undefined) props.tags = '{ … }';
  const firewallRules: FirewallRule[] = (spec.firewallRules ?? []).map((r) => ({
    name: r.name,
    startIP: r.startIP,
    endIP: r.endIP,
    origin: origin(spec, `${id}/firewallRules/${r.name}`),
  }));
  return {
    kind: 'cache',
    id,
    name,
    origin: origin(spec, id, props),
    type,
    sku: has('sku') ? spec.sku : type === 'Microsoft.Cache/redis' ? 'Premium' : 'Balanced_B5',
    location: has('location') ? spec.location : 'westeurope',
    tags: spec.tags,
    publicNetworkAccess,
    subnetId: spec.subnetId,
    shardCount: spec.shardCount,
    enableNonSslPort: spec.enableNonSslPort,
    minimumTlsVersion: spec.minimumTlsVersion,
    firewallRules,
    ...(spec.apiVersion ? { apiVersion: spec.apiVersion } : {}),
    ...(spec.privateEndpointConnections ? { privateEndpointConnections: spec.privateEndpointConnections } : {}),
  };
}

export interface EndpointSpec extends Place {
  name?: string;
  /** Target resource id (default: the default cache). */
  target?: Maybe<string>;
  groupId?: Maybe<string>;
  groupIds?: Maybe<Maybe<string>[]>;
  manual?: boolean;
  status?: Maybe<string>;
  subnet?: Maybe<string>;
  /** Zone references of the zone group; `[]` = no zone group; Unknown = cannot tell. Default: the Redis zone by id. */
  zones?: string[] | Unknown;
  /** How the zone references are written: literally (default), as an expression (`zone.id`), or as the bare zone name (YAML). */
  zonesWrittenAs?: 'literal' | 'expression' | 'name';
  /** Write the zone group inline in the endpoint (spans on the endpoint) instead of as its own declaration. */
  inlineZoneGroup?: boolean;
  privateIps?: string[];
  tags?: Maybe<Record<string, Maybe<string>>>;
}

export function endpoint(spec: EndpointSpec = {}): PrivateEndpointNode {
  const name = spec.name ?? 'pe-trading';
  const id = endpointId(name);
  const has = (k: keyof EndpointSpec) => Object.prototype.hasOwnProperty.call(spec, k);
  // As the Bicep and ARM sources write it: up to the connection's own `properties` object.
  const connectionPath = `properties.${spec.manual ? 'manualPrivateLinkServiceConnections' : 'privateLinkServiceConnections'}[0].properties`;
  const target = has('target') ? spec.target : cacheId('trading-prices-weu');
  const groupIds = has('groupIds') ? spec.groupIds : [has('groupId') ? spec.groupId : 'redisCache'];
  const props: Record<string, string | undefined> = { name: `'${name}'` };
  props[`${connectionPath}.privateLinkServiceId`] = undefined; // `cache.id`
  if (Array.isArray(groupIds)) {
    groupIds.forEach((g, i) => (props[`${connectionPath}.groupIds[${i}]`] = typeof g === 'string' ? `'${g}'` : undefined));
  }
  if (typeof spec.status === 'string') props[`${connectionPath}.privateLinkServiceConnectionState.status`] = `'${spec.status}'`;
  if (spec.tags !== undefined) props.tags = '{ … }';
  const zones = has('zones') ? spec.zones! : [zoneId('privatelink.redis.cache.windows.net')];
  const configPath = (i: number) => `properties.privateDnsZoneConfigs[${i}].properties.privateDnsZoneId`;
  const groupProps: Record<string, string | undefined> = {};
  if (Array.isArray(zones)) {
    const written = (z: string) => (spec.zonesWrittenAs === 'expression' ? undefined : spec.zonesWrittenAs === 'name' ? z.split('/').pop() : `'${z}'`);
    zones.forEach((z, i) => ((spec.inlineZoneGroup ? props : groupProps)[configPath(i)] = written(z)));
  }
  const zoneGroups: ZoneGroup[] | Unknown = Array.isArray(zones)
    ? zones.length === 0
      ? []
      : [
          {
            id: `${id}/privateDnsZoneGroups/default`,
            name: 'default',
            origin: origin(spec, `${id}/privateDnsZoneGroups/default`, groupProps),
            configs: zones.map((z, i) => ({ name: `config${i}`, zoneId: z, path: configPath(i) })),
          },
        ]
    : zones;
  const connections: PrivateLinkConnection[] = [
    {
      name: `${name}-connection`,
      manual: spec.manual ?? false,
      targetId: target,
      groupIds,
      status: spec.status,
      path: connectionPath,
    },
  ];
  return {
    kind: 'privateEndpoint',
    id,
    name,
    origin: origin(spec, id, props),
    location: 'westeurope',
    tags: spec.tags,
    subnetId: has('subnet') ? spec.subnet : subnetId('vnet-hub-weu'),
    connections,
    zoneGroups,
    privateIps: spec.privateIps ?? ['10.1.0.4'],
  };
}

export interface ZoneSpec extends Place {
  rg?: string;
  linksRead?: boolean;
  recordsRead?: boolean;
  /** A synthetic design id instead of a resource id (YAML designs). */
  id?: string;
}

export function zone(name = 'privatelink.redis.cache.windows.net', spec: ZoneSpec = {}): DnsZoneNode {
  const id = spec.id ?? zoneId(name, spec.rg);
  return {
    kind: 'dnsZone',
    id,
    name,
    origin: origin(spec, id, { name: `'${name}'` }),
    ...(spec.linksRead !== undefined ? { linksRead: spec.linksRead } : {}),
    ...(spec.recordsRead !== undefined ? { recordsRead: spec.recordsRead } : {}),
  };
}

export interface LinkSpec extends Place {
  name?: string;
  registrationEnabled?: Maybe<boolean>;
}

export function link(zoneRef: string, vnet: Maybe<string>, spec: LinkSpec = {}): VnetLinkNode {
  const name = spec.name ?? `link-${typeof vnet === 'string' ? vnet.split('/').pop() : 'unknown'}`;
  const id = `${zoneRef}/virtualNetworkLinks/${name}`;
  const props: Record<string, string | undefined> = { name: `'${name}'` };
  if (typeof spec.registrationEnabled === 'boolean') props['properties.registrationEnabled'] = String(spec.registrationEnabled);
  return {
    kind: 'vnetLink',
    id,
    name,
    origin: origin(spec, id, props),
    zoneId: zoneRef,
    vnetId: vnet,
    registrationEnabled: spec.registrationEnabled ?? false,
  };
}

export function vnet(name: string, spec: Place & { dnsServers?: string[]; subnets?: string[] } = {}): VnetNode {
  const id = vnetId(name);
  return {
    kind: 'vnet',
    id,
    name,
    origin: origin(spec, id, { name: `'${name}'` }),
    location: 'westeurope',
    subnets: (spec.subnets ?? ['snet-pe']).map((s) => ({ id: `${id}/subnets/${s}`, name: s })),
    ...(spec.dnsServers ? { dnsServers: spec.dnsServers } : {}),
  };
}

export function client(name: string, vnetRef: Maybe<string>, uses: string[], spec: Place = {}): ClientNode {
  const id = `design:infra/design.plink.yaml#clients/${name}`;
  return { kind: 'client', id, name, origin: origin(spec, id, { name }), vnetId: vnetRef, uses };
}

export function record(zoneRef: string, recordName: string, ips: string[], spec: Place = { live: true }): ARecordNode {
  const id = `${zoneRef}/A/${recordName}`;
  return { kind: 'aRecord', id, name: recordName, origin: origin(spec, id), zoneId: zoneRef, recordName, ipv4Addresses: ips };
}

/**
 * A graph of these nodes. `cloud` is the design's: file-backed nodes are stamped with it (sources record each
 * file's cloud on its nodes' origins), and it is the graph's cloud for live nodes.
 */
export function graphOf(nodes: GraphNode[], options: { cloud?: CloudName; coverage?: CoverageEntry[] } = {}): PrivateLinkGraph {
  const cloud = options.cloud;
  const stamped = cloud ? nodes.map((n) => (n.origin.kind === 'file' ? ({ ...n, origin: { ...n.origin, cloud } } as GraphNode) : n)) : nodes;
  return PrivateLinkGraph.from({ nodes: stamped, problems: [], coverage: options.coverage ?? [], ...(cloud ? { cloud } : {}) });
}

export interface RunOptions {
  mode?: AnalysisMode;
  cloud?: CloudName;
  requiredTags?: string[];
  severity?: SeveritySetting;
}

/** Runs one rule through the engine (so suppressions, severities and locations apply as in production). */
export function run(ruleId: string, graph: PrivateLinkGraph, options: RunOptions = {}): Finding[] {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return runRules(graph, {
    settings: { mode: options.mode ?? 'design', cloud: options.cloud ?? 'AzureCloud', requiredTags: options.requiredTags ?? [] },
    rules: [rule],
    ...(options.severity ? { severities: { [ruleId]: options.severity } } : {}),
  });
}

/** The span of a property of a file node or zone group (fails loudly when the builder did not make one). */
export function spanOf(node: { readonly id: string; readonly origin: Origin }, path: string): FileSpan {
  if (node.origin.kind !== 'file') throw new Error(`${node.id} is not a file node`);
  const span = node.origin.properties[path];
  if (!span) throw new Error(`${node.id} has no span for ${path}`);
  return span;
}

/** The endpoint's first zone group (fails loudly when it has none). */
export function zoneGroupOf(pe: PrivateEndpointNode): ZoneGroup {
  if (!Array.isArray(pe.zoneGroups) || pe.zoneGroups.length === 0) throw new Error(`${pe.id} has no zone group`);
  return pe.zoneGroups[0];
}

export { unknown };

/**
 * A correct design: a Premium cache with public access disabled, one endpoint in the hub with the right group id
 * and zone group, the zone linked to the hub and to the API spoke where a client uses the cache.
 */
export function healthyDesign(place: Place = {}): GraphNode[] {
  const z = zone(undefined, place);
  const e = endpoint({ ...place, status: place.live ? 'Approved' : undefined });
  return [
    cache({ ...place, ...(place.live ? { privateEndpointConnections: [{ endpointId: e.id, status: 'Approved' }] } : {}) }),
    e,
    z,
    vnet('vnet-hub-weu', place),
    vnet('vnet-api-weu', place),
    link(z.id, vnetId('vnet-hub-weu'), place),
    link(z.id, vnetId('vnet-api-weu'), place),
    client('pricing-api', vnetId('vnet-api-weu'), [cacheId('trading-prices-weu')]),
    ...(place.live ? [record(z.id, 'trading-prices-weu', ['10.1.0.4'])] : []),
  ];
}
