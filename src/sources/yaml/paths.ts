// The YAML design format names things its own way (`region`, `groupId`, `subnet`); the graph's origins and
// fixes speak ARM property paths (`location`, `properties.privateLinkServiceConnections[0].properties.groupIds[0]`).
// This table is the one translation between the two, used when spans are recorded and when fixes are written.

import type { NodeKind } from '../../graph/types';

type KeyTable = Readonly<Record<string, string>>;

const CACHE: KeyTable = {
  name: 'name',
  type: 'type',
  location: 'region',
  tags: 'tags',
  'sku.name': 'sku',
  'properties.sku.name': 'sku',
  'sku.capacity': 'capacity',
  'properties.sku.capacity': 'capacity',
  'properties.publicNetworkAccess': 'publicNetworkAccess',
  'properties.subnetId': 'subnet',
  'properties.shardCount': 'shardCount',
  'properties.enableNonSslPort': 'enableNonSslPort',
  'properties.minimumTlsVersion': 'minimumTlsVersion',
};

const ENDPOINT: KeyTable = {
  name: 'name',
  location: 'region',
  tags: 'tags',
  'properties.subnet.id': 'subnet',
};

const LINK: KeyTable = {
  name: 'name',
  'properties.registrationEnabled': 'registrationEnabled',
  'properties.virtualNetwork.id': 'network',
};

const SIMPLE: KeyTable = { name: 'name', location: 'region', tags: 'tags' };

/** Non-Redis targets: one `publicNetworkAccess` key stands for whichever property the catalog reads. */
const TARGET: KeyTable = {
  name: 'name',
  type: 'type',
  location: 'region',
  tags: 'tags',
  'sku.name': 'sku',
  'properties.publicNetworkAccess': 'publicNetworkAccess',
  'properties.network.publicNetworkAccess': 'publicNetworkAccess',
  'properties.publicDataEndpointEnabled': 'publicNetworkAccess',
  'properties.accessModeSettings.ingestionAccessMode': 'publicNetworkAccess',
  'properties.networkAcls.defaultAction': 'networkDefaultAction',
  'properties.networkRuleSet.defaultAction': 'networkDefaultAction',
};

const TABLES: Partial<Record<NodeKind, KeyTable>> = {
  cache: CACHE,
  target: TARGET,
  privateEndpoint: ENDPOINT,
  vnetLink: LINK,
  dnsZone: SIMPLE,
  vnet: SIMPLE,
  client: { name: 'name', 'properties.virtualNetwork.id': 'network' },
};

/** The connection of a YAML endpoint (one per endpoint; `manualApproval` picks the manual list). */
export function connectionPath(manual: boolean): string {
  return `properties.${manual ? 'manualPrivateLinkServiceConnections' : 'privateLinkServiceConnections'}[0].properties`;
}

const CONNECTION = /^properties\.(?:manualP|p)rivateLinkServiceConnections\[0\]\.properties\.(groupIds\[0\]|groupIds|privateLinkServiceId)$/;

/**
 * The YAML key path (relative to the node's mapping) for a graph property path, or undefined when the design
 * format has no such setting. Tags map to `tags.<name>`.
 */
export function yamlKeyFor(kind: NodeKind, path: string): readonly string[] | undefined {
  const direct = TABLES[kind]?.[path];
  if (direct) return [direct];
  if (kind === 'privateEndpoint') {
    const match = CONNECTION.exec(path);
    if (match) return [match[1] === 'privateLinkServiceId' ? 'target' : 'groupId'];
  }
  const tag = /^tags\.(.+)$/.exec(path);
  if (tag && TABLES[kind]?.tags) return ['tags', tag[1]];
  return undefined;
}

/** Every graph path that a YAML key of this kind answers (reverse of yamlKeyFor, for recording spans). */
export function graphPathsFor(kind: NodeKind, key: string): readonly string[] {
  return REVERSE.get(kind)?.get(key) ?? NONE;
}

const NONE: readonly string[] = [];

/** Built once: recording spans asks this for every key of every YAML mapping. */
const REVERSE = new Map<NodeKind, Map<string, string[]>>(
  Object.entries(TABLES).map(([kind, table]) => {
    const byKey = new Map<string, string[]>();
    for (const [path, yamlKey] of Object.entries(table ?? {})) byKey.set(yamlKey, [...(byKey.get(yamlKey) ?? []), path]);
    return [kind as NodeKind, byKey];
  }),
);
