import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { estateToGraph, parseEstate } from '../../../src/sources/snapshot/estate';
import { readEstatePath } from '../../../src/sources/snapshot/read';
import { PrivateLinkGraph } from '../../../src/graph/graph';
import { isUnknown } from '../../../src/graph/types';
import { fixture } from '../../support/paths';

const SUB1 = '/subscriptions/11111111-1111-1111-1111-111111111111';

function smallGraph() {
  const parsed = parseEstate(readFileSync(fixture('snapshot', 'small-estate.json'), 'utf8'), 'small-estate.json');
  assert.deepEqual(parsed.errors, []);
  return PrivateLinkGraph.from(estateToGraph(parsed.resources));
}

test('estate: caches, endpoint, zone group, zone, link, record, vnet become nodes with live origins', () => {
  const graph = smallGraph();
  assert.equal(graph.caches.length, 2);
  const redis = graph.caches.find((c) => c.name === 'trading-prices-weu')!;
  assert.equal(redis.type, 'Microsoft.Cache/redis');
  assert.equal(redis.sku, 'Premium');
  assert.equal(redis.publicNetworkAccess, 'Disabled');
  assert.deepEqual(redis.firewallRules.map((r) => [r.startIP, r.endIP]), [['203.0.113.10', '203.0.113.20']]);
  assert.deepEqual(redis.origin, { kind: 'live', resourceId: redis.id });
  assert.deepEqual(redis.privateEndpointConnections?.map((c) => c.status), ['Approved']);

  const [endpoint] = graph.endpoints;
  assert.equal(graph.endpointsOf(redis)[0], endpoint);
  assert.deepEqual(endpoint.connections[0].groupIds, ['redisCache']);
  assert.equal(endpoint.connections[0].manual, false);
  assert.deepEqual(endpoint.privateIps, ['10.10.1.4']);
  assert.ok(!isUnknown(endpoint.zoneGroups));
  const zoneId = endpoint.zoneGroups[0].configs[0].zoneId as string;
  const zone = graph.resolveKind(zoneId, 'dnsZone')!;
  assert.equal(zone.name, 'privatelink.redis.cache.windows.net');
  assert.deepEqual(graph.linksOf(zone).map((l) => l.registrationEnabled), [false]);
  assert.deepEqual(graph.recordsOf(zone).map((r) => r.ipv4Addresses), [['10.10.1.4']]);
  assert.equal(graph.vnetIdOfSubnet(endpoint.subnetId as string), `${SUB1}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub-weu`);
});

test('estate: redisEnterprise keeps null publicNetworkAccess and database ports', () => {
  const amr = smallGraph().caches.find((c) => c.name === 'amr-sessions')!;
  assert.equal(amr.type, 'Microsoft.Cache/redisEnterprise');
  assert.equal(amr.publicNetworkAccess, null);
  assert.equal(amr.sku, 'Balanced_B5');
  assert.deepEqual(amr.databasePorts, [10000]);
});

test('estate: secrets in the export never enter the graph', () => {
  const text = JSON.stringify(smallGraph().nodes);
  assert.doesNotMatch(text, /SECRET-should-never-travel/);
  assert.doesNotMatch(text, /accessKeys/);
});

test('estate: zone groups never fetched are Unknown, not absent', () => {
  const parsed = parseEstate(readFileSync(fixture('snapshot', 'small-estate.json'), 'utf8'), 'x.json');
  const withoutGroups = parsed.resources.filter((r) => !/privateDnsZoneGroups/i.test(r.type));
  const graph = PrivateLinkGraph.from(estateToGraph(withoutGroups));
  assert.ok(isUnknown(graph.endpoints[0].zoneGroups));
  const told = PrivateLinkGraph.from(estateToGraph(withoutGroups, { zoneGroupsFetched: () => true }));
  assert.deepEqual(told.endpoints[0].zoneGroups, []);
});

test('estate: the three accepted shapes, and clear errors for the rest', () => {
  const item = { id: `${SUB1}/resourceGroups/g/providers/Microsoft.Network/privateDnsZones/z`, type: 'Microsoft.Network/privateDnsZones' };
  for (const text of [JSON.stringify([item]), JSON.stringify({ data: [item] }), JSON.stringify({ value: [item] })]) {
    assert.equal(parseEstate(text, 'e.json').resources.length, 1);
  }
  assert.match(parseEstate('{ nope', 'bad.json').errors[0], /^bad\.json: not valid JSON/);
  assert.match(parseEstate('{"x": 1}', 'odd.json').errors[0], /^odd\.json: expected an array/);
  const partial = parseEstate(JSON.stringify([item, { name: 'no id' }]), 'p.json');
  assert.equal(partial.resources.length, 1);
  assert.deepEqual(partial.errors, ['p.json: item 2 has no string \'id\' and \'type\'; skipped']);
});

test('estate: a child resource without type (ARM zone groups) takes its type from its id', () => {
  const group = { id: `${SUB1}/resourceGroups/g/providers/Microsoft.Network/privateEndpoints/pe/privateDnsZoneGroups/default`, name: 'default', properties: {} };
  const parsed = parseEstate(JSON.stringify([group]), 'g.json');
  assert.deepEqual(parsed.errors, []);
  assert.equal(parsed.resources[0].type, 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups');
});

test('estate: snapshot coverage is read back', () => {
  const text = JSON.stringify({ value: [], coverage: [{ scope: 'sub-x', kind: 'subscription', status: 'failed', reason: '403 AuthorizationFailed' }] });
  assert.deepEqual(parseEstate(text, 's.json').coverage, [{ scope: 'sub-x', kind: 'subscription', status: 'failed', reason: '403 AuthorizationFailed' }]);
});

test('estate: a folder is read file by file; a missing path says so', () => {
  assert.equal(readEstatePath(fixture('snapshot')).resources.length, 10);
  assert.match(readEstatePath(fixture('snapshot', 'nope.json')).errors[0], /no such file or folder/);
});
