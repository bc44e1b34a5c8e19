import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PrivateLinkGraph } from '../../../src/graph/graph';
import { runRules } from '../../../src/rules/engine';
import { estateToGraph, parseEstate } from '../../../src/sources/snapshot/estate';
import { armToGraph } from '../../../src/sources/arm/to-graph';

// Estates and ARM templates go through the same ARM-shape mapping as Bicep (src/sources/arm-shape): a non-Redis
// target becomes a target node whatever the source, and the generic rules judge it.

const SUB = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers';
const vault = `${SUB}/Microsoft.KeyVault/vaults/kv-orders`;
const endpoint = `${SUB}/Microsoft.Network/privateEndpoints/pe-kv-orders`;
const wrongZone = `${SUB}/Microsoft.Network/privateDnsZones/privatelink.vault.azure.net`;

const estate = [
  {
    id: vault,
    type: 'Microsoft.KeyVault/vaults',
    name: 'kv-orders',
    location: 'westeurope',
    properties: {
      publicNetworkAccess: 'Enabled',
      privateEndpointConnections: [{ properties: { privateEndpoint: { id: endpoint }, privateLinkServiceConnectionState: { status: 'Approved' } } }],
    },
  },
  {
    id: endpoint,
    type: 'Microsoft.Network/privateEndpoints',
    name: 'pe-kv-orders',
    properties: {
      subnet: { id: `${SUB}/Microsoft.Network/virtualNetworks/vnet/subnets/pe` },
      privateLinkServiceConnections: [
        { name: 'c', properties: { privateLinkServiceId: vault, groupIds: ['vault'], privateLinkServiceConnectionState: { status: 'Approved' } } },
      ],
    },
  },
  {
    id: `${endpoint}/privateDnsZoneGroups/default`,
    type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
    name: 'default',
    properties: { privateDnsZoneConfigs: [{ name: 'z', properties: { privateDnsZoneId: wrongZone } }] },
  },
];

test('estate: a key vault is a target node, left open and registered in the forwarder zone', () => {
  const parsed = parseEstate(JSON.stringify(estate), 'estate.json');
  const graph = PrivateLinkGraph.from(estateToGraph(parsed.resources));
  const [target] = graph.serviceTargets;
  assert.equal(target.type, 'Microsoft.KeyVault/vaults');
  assert.equal(target.publicAccess, 'Enabled');
  assert.deepEqual(target.origin, { kind: 'live', resourceId: vault });
  const findings = runRules(graph, { settings: { cloud: 'AzureCloud', requiredTags: [], mode: 'live' } });
  const byRule = new Map(findings.map((f) => [f.ruleId, f.message]));
  assert.equal(
    byRule.get('dns-zone-mismatch'),
    'Private endpoint pe-kv-orders registers kv-orders in zone privatelink.vault.azure.net, but kv-orders (Microsoft.KeyVault/vaults vault, AzureCloud) needs privatelink.vaultcore.azure.net: clients will not resolve its private address.',
  );
  assert.match(byRule.get('public-network-access-enabled') ?? '', /^kv-orders has private endpoint pe-kv-orders but publicNetworkAccess is 'Enabled'/);
});

test('ARM template: a storage account and its endpoint map to the same nodes', () => {
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    resources: [
      { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stdata', location: 'westeurope', properties: { networkAcls: { defaultAction: 'Deny' } } },
      {
        type: 'Microsoft.Network/privateEndpoints',
        apiVersion: '2024-01-01',
        name: 'pe-stdata',
        properties: {
          privateLinkServiceConnections: [
            { name: 'c', properties: { privateLinkServiceId: "[resourceId('Microsoft.Storage/storageAccounts', 'stdata')]", groupIds: ['blob'] } },
          ],
        },
      },
    ],
  };
  const graph = PrivateLinkGraph.from(armToGraph({ path: '/w/storage.json', text: JSON.stringify(template, null, 2) }));
  const [target] = graph.serviceTargets;
  assert.equal(target.name, 'stdata');
  assert.equal(target.publicAccess, undefined);
  assert.equal(target.publicAccessRestriction, 'Deny');
  assert.equal(graph.endpointsOf(target).length, 1);
  const findings = runRules(graph, { settings: { cloud: 'AzureCloud', requiredTags: [], mode: 'design' } });
  // Restricted by its ACL: not open. No zone group: found, with the blob zone.
  assert.deepEqual(findings.map((f) => f.ruleId), ['dns-zone-group-missing']);
  assert.match(findings[0].message, /privatelink\.blob\.core\.windows\.net/);
});

test('estate: a storage blob A record that points at another address is found; the right one is silent', () => {
  const account = `${SUB}/Microsoft.Storage/storageAccounts/stlogs`;
  const pe = `${SUB}/Microsoft.Network/privateEndpoints/pe-stlogs-blob`;
  const zone = `${SUB}/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net`;
  const resources = (recordIp: string) => [
    { id: account, type: 'Microsoft.Storage/storageAccounts', name: 'stlogs', location: 'westeurope', properties: { publicNetworkAccess: 'Disabled' } },
    {
      id: pe,
      type: 'Microsoft.Network/privateEndpoints',
      name: 'pe-stlogs-blob',
      properties: {
        privateLinkServiceConnections: [{ name: 'c', properties: { privateLinkServiceId: account, groupIds: ['blob'], privateLinkServiceConnectionState: { status: 'Approved' } } }],
        customDnsConfigs: [{ fqdn: 'stlogs.blob.core.windows.net', ipAddresses: ['10.0.1.4'] }],
        networkInterfaces: [],
        ipConfigurations: [],
      },
    },
    { id: `${pe}/privateDnsZoneGroups/default`, type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups', name: 'default', properties: { privateDnsZoneConfigs: [{ name: 'z', properties: { privateDnsZoneId: zone } }] } },
    { id: zone, type: 'Microsoft.Network/privateDnsZones', name: 'privatelink.blob.core.windows.net', properties: {} },
    { id: `${zone}/A/stlogs`, type: 'Microsoft.Network/privateDnsZones/A', name: 'stlogs', properties: { aRecords: [{ ipv4Address: recordIp }] } },
  ];
  const findingsFor = (recordIp: string) => {
    const graph = PrivateLinkGraph.from(estateToGraph(parseEstate(JSON.stringify(resources(recordIp)), 'e.json').resources));
    assert.deepEqual(graph.endpoints[0].privateIps, ['10.0.1.4']);
    return runRules(graph, { settings: { cloud: 'AzureCloud', requiredTags: [], mode: 'live' } }).filter((f) => f.ruleId === 'dns-record-mismatch');
  };
  assert.deepEqual(findingsFor('10.0.1.4'), []);
  const [wrong] = findingsFor('10.0.9.9');
  assert.equal(
    wrong.message,
    'A record stlogs in privatelink.blob.core.windows.net points to 10.0.9.9, but private endpoint pe-stlogs-blob of stlogs has 10.0.1.4: clients connect to the wrong address.',
  );
});
