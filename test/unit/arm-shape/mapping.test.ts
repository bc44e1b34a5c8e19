import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resourceKeyOfId } from '../../../src/graph/resource-id';
import type { GraphNode } from '../../../src/graph/types';
import { isUnknown } from '../../../src/graph/types';
import { armToGraph } from '../../../src/sources/arm/to-graph';
import { jsonReader } from '../../../src/sources/arm-shape/json-reader';
import { armResourcesToNodes } from '../../../src/sources/arm-shape/to-nodes';
import type { ArmResourceView, ValueReader } from '../../../src/sources/arm-shape/view';
import { bicepToGraph } from '../../../src/sources/bicep/to-graph';
import { estateToGraph } from '../../../src/sources/snapshot/estate';

// One mapping from ARM-shaped resources to graph nodes (src/sources/arm-shape): the same design written in Bicep,
// as an ARM template and as an estate export becomes the same nodes; only origins (spans or live ids), api
// versions and what Azure alone reports (connections on the target, whether records were read) differ.

const BICEP = `
resource cache 'Microsoft.Cache/redis@2024-03-01' = {
  name: 'orders'
  location: 'westeurope'
  tags: { owner: 'team' }
  properties: {
    sku: { name: 'Premium', family: 'P', capacity: 1 }
    publicNetworkAccess: 'Disabled'
    minimumTlsVersion: '1.2'
    enableNonSslPort: false
    shardCount: 2
  }
}
resource rule 'Microsoft.Cache/redis/firewallRules@2024-03-01' = {
  parent: cache
  name: 'office'
  properties: { startIP: '10.0.0.1', endIP: '10.0.0.9' }
}
resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet'
  location: 'westeurope'
  tags: {}
  properties: {
    subnets: [ { name: 'pe' } ]
    dhcpOptions: { dnsServers: [ '10.1.0.4' ] }
  }
}
resource pe 'Microsoft.Network/privateEndpoints@2023-09-01' = {
  name: 'pe-orders'
  location: 'westeurope'
  tags: { owner: 'team' }
  properties: {
    subnet: { id: '\${vnet.id}/subnets/pe' }
    privateLinkServiceConnections: [ { name: 'c', properties: { privateLinkServiceId: cache.id, groupIds: [ 'redisCache' ] } } ]
    ipConfigurations: [ { name: 'ip', properties: { privateIPAddress: '10.0.0.5' } } ]
  }
}
resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.redis.cache.windows.net'
  location: 'global'
  tags: { owner: 'team' }
}
resource group 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-09-01' = {
  parent: pe
  name: 'default'
  properties: { privateDnsZoneConfigs: [ { name: 'redis', properties: { privateDnsZoneId: zone.id } } ] }
}
resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: zone
  name: 'vnet-link'
  location: 'global'
  properties: { virtualNetwork: { id: vnet.id }, registrationEnabled: false }
}
resource record 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {
  parent: zone
  name: 'orders'
  properties: { ttl: 10, aRecords: [ { ipv4Address: '10.0.0.5' } ] }
}
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-orders'
  location: 'westeurope'
  tags: {}
  properties: { publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Deny' } }
}
`;

const ARM = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  resources: [
    {
      type: 'Microsoft.Cache/redis',
      apiVersion: '2024-03-01',
      name: 'orders',
      location: 'westeurope',
      tags: { owner: 'team' },
      properties: { sku: { name: 'Premium', family: 'P', capacity: 1 }, publicNetworkAccess: 'Disabled', minimumTlsVersion: '1.2', enableNonSslPort: false, shardCount: 2 },
      resources: [{ type: 'firewallRules', apiVersion: '2024-03-01', name: 'office', properties: { startIP: '10.0.0.1', endIP: '10.0.0.9' } }],
    },
    {
      type: 'Microsoft.Network/virtualNetworks',
      apiVersion: '2023-09-01',
      name: 'vnet',
      location: 'westeurope',
      tags: {},
      properties: { subnets: [{ name: 'pe' }], dhcpOptions: { dnsServers: ['10.1.0.4'] } },
    },
    {
      type: 'Microsoft.Network/privateEndpoints',
      apiVersion: '2023-09-01',
      name: 'pe-orders',
      location: 'westeurope',
      tags: { owner: 'team' },
      properties: {
        subnet: { id: "[concat(resourceId('Microsoft.Network/virtualNetworks', 'vnet'), '/subnets/pe')]" },
        privateLinkServiceConnections: [{ name: 'c', properties: { privateLinkServiceId: "[resourceId('Microsoft.Cache/redis', 'orders')]", groupIds: ['redisCache'] } }],
        ipConfigurations: [{ name: 'ip', properties: { privateIPAddress: '10.0.0.5' } }],
      },
    },
    { type: 'Microsoft.Network/privateDnsZones', apiVersion: '2020-06-01', name: 'privatelink.redis.cache.windows.net', location: 'global', tags: { owner: 'team' } },
    {
      type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
      apiVersion: '2023-09-01',
      name: 'pe-orders/default',
      properties: { privateDnsZoneConfigs: [{ name: 'redis', properties: { privateDnsZoneId: "[resourceId('Microsoft.Network/privateDnsZones', 'privatelink.redis.cache.windows.net')]" } }] },
    },
    {
      type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
      apiVersion: '2020-06-01',
      name: 'privatelink.redis.cache.windows.net/vnet-link',
      location: 'global',
      properties: { virtualNetwork: { id: "[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]" }, registrationEnabled: false },
    },
    {
      type: 'Microsoft.Network/privateDnsZones/A',
      apiVersion: '2020-06-01',
      name: 'privatelink.redis.cache.windows.net/orders',
      properties: { ttl: 10, aRecords: [{ ipv4Address: '10.0.0.5' }] },
    },
    {
      type: 'Microsoft.KeyVault/vaults',
      apiVersion: '2023-07-01',
      name: 'kv-orders',
      location: 'westeurope',
      tags: {},
      properties: { publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Deny' } },
    },
  ],
};

const RG = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers';
const ids = {
  cache: `${RG}/Microsoft.Cache/redis/orders`,
  vnet: `${RG}/Microsoft.Network/virtualNetworks/vnet`,
  pe: `${RG}/Microsoft.Network/privateEndpoints/pe-orders`,
  zone: `${RG}/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net`,
};

/** As Azure returns it: SKU, connections state, record sets with `ARecords`, subnets with ids, no empty tags. */
const ESTATE = [
  {
    id: ids.cache,
    type: 'Microsoft.Cache/Redis',
    name: 'orders',
    location: 'westeurope',
    tags: { owner: 'team' },
    properties: { sku: { name: 'Premium', family: 'P', capacity: 1 }, publicNetworkAccess: 'Disabled', minimumTlsVersion: '1.2', enableNonSslPort: false, shardCount: 2 },
  },
  { id: `${ids.cache}/firewallRules/office`, type: 'Microsoft.Cache/Redis/firewallRules', name: 'office', properties: { startIP: '10.0.0.1', endIP: '10.0.0.9' } },
  {
    id: ids.vnet,
    type: 'Microsoft.Network/virtualNetworks',
    name: 'vnet',
    location: 'westeurope',
    properties: { subnets: [{ id: `${ids.vnet}/subnets/pe`, name: 'pe' }], dhcpOptions: { dnsServers: ['10.1.0.4'] } },
  },
  {
    id: ids.pe,
    type: 'Microsoft.Network/privateEndpoints',
    name: 'pe-orders',
    location: 'westeurope',
    tags: { owner: 'team' },
    properties: {
      subnet: { id: `${ids.vnet}/subnets/pe` },
      privateLinkServiceConnections: [{ name: 'c', properties: { privateLinkServiceId: ids.cache, groupIds: ['redisCache'] } }],
      ipConfigurations: [{ name: 'ip', properties: { privateIPAddress: '10.0.0.5' } }],
    },
  },
  { id: ids.zone, type: 'Microsoft.Network/privateDnsZones', name: 'privatelink.redis.cache.windows.net', location: 'global', tags: { owner: 'team' } },
  {
    id: `${ids.pe}/privateDnsZoneGroups/default`,
    type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
    name: 'default',
    properties: { privateDnsZoneConfigs: [{ name: 'redis', properties: { privateDnsZoneId: ids.zone } }] },
  },
  {
    id: `${ids.zone}/virtualNetworkLinks/vnet-link`,
    type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
    name: 'vnet-link',
    properties: { virtualNetwork: { id: ids.vnet }, registrationEnabled: false },
  },
  { id: `${ids.zone}/A/orders`, type: 'Microsoft.Network/privateDnsZones/A', name: 'orders', properties: { ttl: 10, ARecords: [{ ipv4Address: '10.0.0.5' }] } },
  {
    id: `${RG}/Microsoft.KeyVault/vaults/kv-orders`,
    type: 'Microsoft.KeyVault/vaults',
    name: 'kv-orders',
    location: 'westeurope',
    properties: { publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Deny' } },
  },
];

/** A node without what differs by source on purpose; ids become resource keys (designs leave out the scope). */
function comparable(node: GraphNode): unknown {
  const key = (id: unknown) => (typeof id === 'string' ? (resourceKeyOfId(id) ?? id) : id);
  const strip = (value: unknown, name?: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => strip(item));
    if (value === null || typeof value !== 'object') return name && /(^id|Id)$/.test(name) ? key(value) : value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (['origin', 'apiVersion', 'privateEndpointConnections', 'recordsRead'].includes(k)) continue;
      out[k] = strip(v, k);
    }
    return out;
  };
  return strip(node);
}

const sorted = (nodes: readonly GraphNode[]) => nodes.map(comparable).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

test('one mapping: the same resources in Bicep, an ARM template and an estate export become the same nodes', () => {
  const bicep = bicepToGraph([{ path: '/w/main.bicep', text: BICEP }]).nodes;
  const arm = armToGraph({ path: '/w/main.json', text: JSON.stringify(ARM, null, 2) }).nodes;
  const estate = estateToGraph(ESTATE).nodes;
  assert.deepEqual(
    bicep.map((n) => n.kind).sort(),
    ['aRecord', 'cache', 'dnsZone', 'privateEndpoint', 'target', 'vnet', 'vnetLink'],
  );
  assert.deepEqual(sorted(arm), sorted(bicep));
  assert.deepEqual(sorted(estate), sorted(bicep));
  const cache = bicep.find((n) => n.kind === 'cache');
  assert.equal(cache?.kind === 'cache' && cache.firewallRules[0].startIP, '10.0.0.1');
  const endpoint = estate.find((n) => n.kind === 'privateEndpoint');
  assert.deepEqual(endpoint?.kind === 'privateEndpoint' && endpoint.zoneGroups, [
    { id: `${ids.pe}/privateDnsZoneGroups/default`, name: 'default', origin: { kind: 'live', resourceId: `${ids.pe}/privateDnsZoneGroups/default` }, configs: [{ name: 'redis', zoneId: ids.zone, path: 'properties.privateDnsZoneConfigs[0].properties.privateDnsZoneId' }] },
  ]);
});

const view = (resource: { id: string; type: string; name?: string; parentId?: string; [k: string]: unknown }): ArmResourceView<unknown> => ({
  id: resource.id,
  type: resource.type,
  name: resource.name ?? resource.id.split('/').pop(),
  parentId: resource.parentId,
  origin: { kind: 'live', resourceId: resource.id },
  body: resource,
  reader: jsonReader,
});

test('children join the parent with their id: full ids in two resource groups stay apart, a partial id joins by name', () => {
  const pe = (rg: string) => `/subscriptions/s/resourceGroups/${rg}/providers/Microsoft.Network/privateEndpoints/pe`;
  const group = (parentId: string, zone: string) =>
    view({ id: `${parentId}/privateDnsZoneGroups/default`, type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups', parentId, properties: { privateDnsZoneConfigs: [{ properties: { privateDnsZoneId: zone } }] } });
  const nodes = armResourcesToNodes([
    view({ id: pe('rg-a'), type: 'Microsoft.Network/privateEndpoints' }),
    view({ id: pe('rg-b'), type: 'Microsoft.Network/privateEndpoints' }),
    group(pe('rg-a'), 'zone-a'),
    group(pe('rg-b'), 'zone-b'),
    // A design's child whose parent's scope was not known: it belongs to every `pe` (the design cannot tell which).
    group('/providers/Microsoft.Network/privateEndpoints/pe', 'zone-design'),
  ]);
  const zonesOf = (id: string) => {
    const node = nodes.find((n) => n.id === id);
    assert.ok(node?.kind === 'privateEndpoint' && !isUnknown(node.zoneGroups));
    return node.zoneGroups.flatMap((g) => g.configs.map((c) => c.zoneId));
  };
  assert.deepEqual(zonesOf(pe('rg-a')), ['zone-a', 'zone-design']);
  assert.deepEqual(zonesOf(pe('rg-b')), ['zone-b', 'zone-design']);
});

/** A reader over JSON where `{ "?": why }` is a value not known: any source with unknowns reads the same way. */
const withUnknowns: ValueReader<unknown> = {
  ...jsonReader,
  kind: (value) => (isMarked(value) ? 'unknown' : jsonReader.kind(value)),
  why: (value) => (isMarked(value) ? value['?'] : jsonReader.why(value)),
  prop: (value, key) => (isMarked(value) ? value : jsonReader.prop(value, key)),
};
const isMarked = (value: unknown): value is { '?': string } => value !== null && typeof value === 'object' && '?' in value;

test('unknown values stay unknown with their reason: connections, zone configs, tags, a SKU; known neighbours are kept', () => {
  const pe = '/providers/Microsoft.Network/privateEndpoints/pe';
  const nodes = armResourcesToNodes([
    {
      ...view({
        id: pe,
        type: 'Microsoft.Network/privateEndpoints',
        tags: { '?': 'parameter tags has no value' },
        properties: { manualPrivateLinkServiceConnections: { '?': 'parameter connections has no value' }, privateLinkServiceConnections: [] },
      }),
      reader: withUnknowns,
    },
    { ...view({ id: `${pe}/privateDnsZoneGroups/g`, type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups', parentId: pe, properties: { privateDnsZoneConfigs: { '?': 'zones come from a module' } } }), reader: withUnknowns },
    { ...view({ id: '/providers/Microsoft.Cache/redisEnterprise/amr', type: 'Microsoft.Cache/redisEnterprise', sku: { name: { '?': 'sku is a parameter' } }, location: 'westeurope' }), reader: withUnknowns },
  ]);
  const [endpoint, cache] = nodes;
  assert.ok(endpoint.kind === 'privateEndpoint' && cache.kind === 'cache');
  assert.deepEqual(endpoint.tags, { unknown: true, why: 'parameter tags has no value' });
  assert.equal(endpoint.connections.length, 1);
  assert.equal(endpoint.connections[0].manual, true);
  assert.deepEqual(endpoint.connections[0].targetId, { unknown: true, why: 'manualPrivateLinkServiceConnections: parameter connections has no value' });
  assert.deepEqual(endpoint.zoneGroups, { unknown: true, why: 'the zones of a DNS zone group are not known: zones come from a module' });
  assert.deepEqual(cache.sku, { unknown: true, why: 'sku is a parameter' });
  assert.equal(cache.location, 'westeurope');
});

test('what a source could not read: zone groups of an existing or unfetched endpoint are unknown, absent tags from Azure are none', () => {
  const [designed, reported] = armResourcesToNodes([
    { ...view({ id: '/providers/Microsoft.Network/privateEndpoints/a', type: 'Microsoft.Network/privateEndpoints' }), zoneGroupsUnknown: "'a' is an existing endpoint" },
    { ...view({ id: '/providers/Microsoft.Network/privateEndpoints/b', type: 'Microsoft.Network/privateEndpoints' }), reported: true },
  ]);
  assert.ok(designed.kind === 'privateEndpoint' && reported.kind === 'privateEndpoint');
  assert.deepEqual(designed.zoneGroups, { unknown: true, why: "'a' is an existing endpoint" });
  assert.equal(designed.tags, undefined);
  assert.deepEqual(reported.zoneGroups, []);
  assert.deepEqual(reported.tags, {});
});
