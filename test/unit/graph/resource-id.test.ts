import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildResourceId, parseResourceId, resourceKeyOfId, vnetIdOfSubnet } from '../../../src/graph/resource-id';

test('parses a child resource id', () => {
  const id = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net/virtualNetworkLinks/hub';
  assert.deepEqual(parseResourceId(id), {
    subscriptionId: 's1',
    resourceGroup: 'rg',
    type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
    names: ['privatelink.redis.cache.windows.net', 'hub'],
  });
  assert.equal(resourceKeyOfId(id), 'microsoft.network/privatednszones/privatelink.redis.cache.windows.net/virtualnetworklinks/hub');
});

test('ids with and without scope share a key; junk is not an id', () => {
  const scoped = buildResourceId('Microsoft.Cache/redis', ['c1'], { subscriptionId: 's', resourceGroup: 'g' });
  assert.equal(scoped, '/subscriptions/s/resourceGroups/g/providers/Microsoft.Cache/redis/c1');
  assert.equal(resourceKeyOfId(scoped), resourceKeyOfId('/providers/microsoft.cache/Redis/C1'));
  assert.equal(parseResourceId('not an id'), undefined);
  assert.equal(parseResourceId('/subscriptions/s/providers/Microsoft.Cache/redis'), undefined);
});

test('vnet of a subnet', () => {
  assert.equal(vnetIdOfSubnet('/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/pe'), '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v');
  assert.equal(vnetIdOfSubnet('/x/y'), undefined);
});
