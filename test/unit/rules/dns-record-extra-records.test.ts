// dns-record-mismatch and the records a target has besides its name (issue 15): Cosmos DB writes `<account>` and
// `<account>-<region>` (one private IP each), ACR `<registry>` and `<registry>.<region>.data`, a storage
// `_secondary` endpoint `<account>-secondary`. Each is checked against the address the endpoint lists for that
// name; a record that only fits the pattern (another account's) is never judged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PrivateLinkGraph } from '../../../src/graph/graph';
import { runRules } from '../../../src/rules/engine';
import { estateToGraph, parseEstate } from '../../../src/sources/snapshot/estate';

const SUB = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers';

interface Endpoint {
  readonly name: string;
  readonly groupId: string;
  /** fqdn → address, as Azure lists them in the endpoint's customDnsConfigs. */
  readonly dns: Readonly<Record<string, string>>;
}

/** One target, its endpoints registered in `zone`, and the zone's A records (name → address). */
function estate(target: { type: string; name: string }, zone: string, endpoints: readonly Endpoint[], records: Readonly<Record<string, string>>): object[] {
  const targetId = `${SUB}/${target.type}/${target.name}`;
  const zoneId = `${SUB}/Microsoft.Network/privateDnsZones/${zone}`;
  return [
    { id: targetId, type: target.type, name: target.name, location: 'westeurope', properties: { publicNetworkAccess: 'Disabled' } },
    ...endpoints.flatMap((e) => {
      const id = `${SUB}/Microsoft.Network/privateEndpoints/${e.name}`;
      return [
        {
          id,
          type: 'Microsoft.Network/privateEndpoints',
          name: e.name,
          properties: {
            privateLinkServiceConnections: [{ name: 'c', properties: { privateLinkServiceId: targetId, groupIds: [e.groupId], privateLinkServiceConnectionState: { status: 'Approved' } } }],
            customDnsConfigs: Object.entries(e.dns).map(([fqdn, ip]) => ({ fqdn, ipAddresses: [ip] })),
          },
        },
        { id: `${id}/privateDnsZoneGroups/default`, type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups', name: 'default', properties: { privateDnsZoneConfigs: [{ name: 'z', properties: { privateDnsZoneId: zoneId } }] } },
      ];
    }),
    { id: zoneId, type: 'Microsoft.Network/privateDnsZones', name: zone, properties: {} },
    ...Object.entries(records).map(([name, ip]) => ({ id: `${zoneId}/A/${name}`, type: 'Microsoft.Network/privateDnsZones/A', name, properties: { aRecords: [{ ipv4Address: ip }] } })),
  ];
}

function recordFindings(resources: object[]): string[] {
  const graph = PrivateLinkGraph.from(estateToGraph(parseEstate(JSON.stringify(resources), 'estate.json').resources));
  return runRules(graph, { settings: { cloud: 'AzureCloud', requiredTags: [], mode: 'live' } })
    .filter((f) => f.ruleId === 'dns-record-mismatch')
    .map((f) => f.message);
}

const COSMOS = { type: 'Microsoft.DocumentDB/databaseAccounts', name: 'cosmos-orders' };
const COSMOS_ZONE = 'privatelink.documents.azure.com';
const cosmosEndpoint: Endpoint = {
  name: 'pe-cosmos',
  groupId: 'Sql',
  dns: { 'cosmos-orders.documents.azure.com': '10.0.2.4', 'cosmos-orders-westeurope.documents.azure.com': '10.0.2.5', 'cosmos-orders-northeurope.documents.azure.com': '10.0.2.6' },
};
const cosmosRecords = { 'cosmos-orders': '10.0.2.4', 'cosmos-orders-westeurope': '10.0.2.5', 'cosmos-orders-northeurope': '10.0.2.6' };

test('Cosmos DB: the account record and one record per region, each at its own address: silent, with another account beside them', () => {
  // `cosmos-orders-archive` is another account that fits the `<account>-<region>` pattern: not this endpoint's.
  assert.deepEqual(recordFindings(estate(COSMOS, COSMOS_ZONE, [cosmosEndpoint], { ...cosmosRecords, 'cosmos-orders-archive': '10.0.7.7' })), []);
});

test('Cosmos DB: a regional record that points at another address is found, named by its region', () => {
  const findings = recordFindings(estate(COSMOS, COSMOS_ZONE, [cosmosEndpoint], { ...cosmosRecords, 'cosmos-orders-northeurope': '10.0.9.9' }));
  assert.deepEqual(findings, [
    `A record cosmos-orders-northeurope in ${COSMOS_ZONE} points to 10.0.9.9, but private endpoint pe-cosmos of cosmos-orders has 10.0.2.6: clients connect to the wrong address.`,
  ]);
});

test('Cosmos DB: a missing regional record is found', () => {
  const { 'cosmos-orders-westeurope': _, ...withoutWest } = cosmosRecords;
  assert.deepEqual(recordFindings(estate(COSMOS, COSMOS_ZONE, [cosmosEndpoint], withoutWest)), [
    `Zone ${COSMOS_ZONE} has no A record for cosmos-orders (expected 'cosmos-orders-westeurope'): clients resolve its public address instead of private endpoint pe-cosmos.`,
  ]);
});

test("Cosmos DB: the account record at a regional address is found (it is the endpoint's, but not that name's)", () => {
  const findings = recordFindings(estate(COSMOS, COSMOS_ZONE, [cosmosEndpoint], { ...cosmosRecords, 'cosmos-orders': '10.0.2.5' }));
  assert.deepEqual(findings, [
    `A record cosmos-orders in ${COSMOS_ZONE} points to 10.0.2.5, but private endpoint pe-cosmos of cosmos-orders has 10.0.2.4: clients connect to the wrong address.`,
  ]);
});

test('Storage: a blob_secondary endpoint writes <account>-secondary; the primary record beside it is not its record', () => {
  const STORAGE = { type: 'Microsoft.Storage/storageAccounts', name: 'stlogs' };
  const primary: Endpoint = { name: 'pe-blob', groupId: 'blob', dns: { 'stlogs.blob.core.windows.net': '10.0.1.4' } };
  const secondary: Endpoint = { name: 'pe-blob-secondary', groupId: 'blob_secondary', dns: { 'stlogs-secondary.blob.core.windows.net': '10.0.1.5' } };
  const zone = 'privatelink.blob.core.windows.net';
  assert.deepEqual(recordFindings(estate(STORAGE, zone, [primary, secondary], { stlogs: '10.0.1.4', 'stlogs-secondary': '10.0.1.5' })), []);
  assert.deepEqual(recordFindings(estate(STORAGE, zone, [primary, secondary], { stlogs: '10.0.1.4', 'stlogs-secondary': '10.0.1.9' })), [
    `A record stlogs-secondary in ${zone} points to 10.0.1.9, but private endpoint pe-blob-secondary of stlogs has 10.0.1.5: clients connect to the wrong address.`,
  ]);
});

test('ACR: the data endpoint record of a replica region is checked against its own address', () => {
  const ACR = { type: 'Microsoft.ContainerRegistry/registries', name: 'crorders' };
  const zone = 'privatelink.azurecr.io';
  const endpoint: Endpoint = { name: 'pe-acr', groupId: 'registry', dns: { 'crorders.azurecr.io': '10.0.3.4', 'crorders.westeurope.data.azurecr.io': '10.0.3.5' } };
  assert.deepEqual(recordFindings(estate(ACR, zone, [endpoint], { crorders: '10.0.3.4', 'crorders.westeurope.data': '10.0.3.5' })), []);
  assert.deepEqual(recordFindings(estate(ACR, zone, [endpoint], { crorders: '10.0.3.4', 'crorders.westeurope.data': '10.0.3.4' })), [
    `A record crorders.westeurope.data in ${zone} points to 10.0.3.4, but private endpoint pe-acr of crorders has 10.0.3.5: clients connect to the wrong address.`,
  ]);
});
