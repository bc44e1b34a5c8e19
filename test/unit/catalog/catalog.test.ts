import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRODUCTS } from '../../../src/catalog/services';
import { allRedisZones, groupIdFor, portsFor, privateDnsZoneFor, productFamily, publicHostname, zoneOwner } from '../../../src/catalog/lookup';
import { isUnknown } from '../../../src/graph/types';

// Every row pinned against shared/reference/redis-private-link-facts.md §1.1 and §1.2.
const TABLE = [
  ['AzureCacheForRedis', 'Microsoft.Cache/redis', 'redisCache', 'AzureCloud', 'privatelink.redis.cache.windows.net'],
  ['AzureCacheForRedis', 'Microsoft.Cache/redis', 'redisCache', 'AzureUSGovernment', 'privatelink.redis.cache.usgovcloudapi.net'],
  ['AzureCacheForRedis', 'Microsoft.Cache/redis', 'redisCache', 'AzureChinaCloud', 'privatelink.redis.cache.chinacloudapi.cn'],
  ['RedisEnterprise', 'Microsoft.Cache/redisEnterprise', 'redisEnterprise', 'AzureCloud', 'privatelink.redisenterprise.cache.azure.net'],
  ['RedisEnterprise', 'Microsoft.Cache/redisEnterprise', 'redisEnterprise', 'AzureUSGovernment', undefined],
  ['RedisEnterprise', 'Microsoft.Cache/redisEnterprise', 'redisEnterprise', 'AzureChinaCloud', undefined],
  ['ManagedRedis', 'Microsoft.Cache/redisEnterprise', 'redisEnterprise', 'AzureCloud', 'privatelink.redis.azure.net'],
  ['ManagedRedis', 'Microsoft.Cache/redisEnterprise', 'redisEnterprise', 'AzureUSGovernment', undefined],
  ['ManagedRedis', 'Microsoft.Cache/redisEnterprise', 'redisEnterprise', 'AzureChinaCloud', undefined],
] as const;

test('catalog: every product × cloud row matches the facts table', () => {
  for (const [family, type, groupId, cloud, zone] of TABLE) {
    const entry = PRODUCTS.find((p) => p.family === family)!;
    assert.equal(entry.resourceType, type, family);
    assert.equal(entry.groupId, groupId, family);
    assert.equal(privateDnsZoneFor(family, cloud), zone, `${family} in ${cloud}`);
  }
  assert.equal(PRODUCTS.length, 3);
});

test('catalog: group id per resource type', () => {
  assert.equal(groupIdFor('Microsoft.Cache/redis'), 'redisCache');
  assert.equal(groupIdFor('Microsoft.Cache/redisEnterprise'), 'redisEnterprise');
});

test('catalog: the SKU decides Enterprise vs Managed Redis', () => {
  assert.equal(productFamily('Microsoft.Cache/redis', 'Premium'), 'AzureCacheForRedis');
  for (const sku of ['Enterprise_E10', 'EnterpriseFlash_F300']) assert.equal(productFamily('Microsoft.Cache/redisEnterprise', sku), 'RedisEnterprise');
  for (const sku of ['Balanced_B5', 'MemoryOptimized_M10', 'ComputeOptimized_X3', 'FlashOptimized_A250']) {
    assert.equal(productFamily('Microsoft.Cache/redisEnterprise', sku), 'ManagedRedis');
  }
  assert.ok(isUnknown(productFamily('Microsoft.Cache/redisEnterprise', undefined)));
  assert.ok(isUnknown(productFamily('Microsoft.Cache/redisEnterprise', 'Gigantic_Z9')));
});

test('catalog: hostnames and ports (facts §1.2)', () => {
  assert.equal(publicHostname('AzureCacheForRedis', 'AzureCloud', 'c1'), 'c1.redis.cache.windows.net');
  assert.equal(publicHostname('AzureCacheForRedis', 'AzureUSGovernment', 'c1'), 'c1.redis.cache.usgovcloudapi.net');
  assert.equal(publicHostname('AzureCacheForRedis', 'AzureChinaCloud', 'c1'), 'c1.redis.cache.chinacloudapi.cn');
  assert.equal(publicHostname('RedisEnterprise', 'AzureCloud', 'e1', 'westeurope'), 'e1.westeurope.redisenterprise.cache.azure.net');
  assert.equal(publicHostname('ManagedRedis', 'AzureCloud', 'm1', 'West Europe'), 'm1.westeurope.redis.azure.net');
  assert.equal(publicHostname('ManagedRedis', 'AzureChinaCloud', 'm1', 'chinanorth3'), undefined);
  assert.deepEqual(portsFor('AzureCacheForRedis', false), [6380]);
  assert.deepEqual(portsFor('AzureCacheForRedis', true), [6380, 6379]);
  assert.deepEqual(portsFor('RedisEnterprise', true), [10000]);
  assert.deepEqual(portsFor('ManagedRedis', false), [10000]);
});

test('catalog: zone owners and the full zone list', () => {
  assert.deepEqual(zoneOwner('PrivateLink.Redis.Azure.Net'), { family: 'ManagedRedis', cloud: 'AzureCloud' });
  assert.equal(zoneOwner('privatelink.redisenterprise.cache.windows.net'), undefined); // the spec examples' invented zone
  assert.equal(allRedisZones().length, 5);
});
