import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recogniseHostname, resolveTarget } from '../../../src/probe/target';
import { dnsServerProblem } from '../../../src/probe/dns-chain';

function info(result: ReturnType<typeof resolveTarget>) {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.info;
}

test('public and privatelink hostnames of every family are recognised, privatelink first', () => {
  assert.deepEqual(recogniseHostname('Cache1.Redis.Cache.Windows.Net.'), {
    family: 'AzureCacheForRedis', cloud: 'AzureCloud', kind: 'public-name', publicHost: 'cache1.redis.cache.windows.net',
  });
  assert.deepEqual(recogniseHostname('cache1.privatelink.redis.cache.windows.net'), {
    family: 'AzureCacheForRedis', cloud: 'AzureCloud', kind: 'privatelink-name', publicHost: 'cache1.redis.cache.windows.net',
  });
  assert.equal(recogniseHostname('amr1.westeurope.redis.azure.net')?.family, 'ManagedRedis');
  assert.equal(recogniseHostname('re1.westeurope.redisenterprise.cache.azure.net')?.family, 'RedisEnterprise');
  assert.equal(recogniseHostname('amr1.westeurope.privatelink.redis.azure.net')?.publicHost, 'amr1.westeurope.redis.azure.net');
  assert.equal(recogniseHostname('gov1.redis.cache.usgovcloudapi.net')?.cloud, 'AzureUSGovernment');
  assert.equal(recogniseHostname('cn1.privatelink.redis.cache.chinacloudapi.cn')?.cloud, 'AzureChinaCloud');
  assert.equal(recogniseHostname('redis.contoso.example'), undefined);
});

test('ports come from the catalog: 6380 for Azure Cache for Redis, 10000 for Enterprise and Managed Redis', () => {
  assert.deepEqual(info(resolveTarget('cache1.redis.cache.windows.net')).ports, [6380]);
  assert.deepEqual(info(resolveTarget('amr1.westeurope.redis.azure.net')).ports, [10000]);
  assert.deepEqual(info(resolveTarget({ name: 'c', type: 'Microsoft.Cache/redis', enableNonSslPort: true })).ports, [6380, 6379]);
  assert.deepEqual(info(resolveTarget({ name: 'c', type: 'Microsoft.Cache/redis', enableNonSslPort: true }, { port: 7000 })).ports, [7000, 6379]);
  assert.deepEqual(info(resolveTarget({ name: 'c', type: 'Microsoft.Cache/redis', enableNonSslPort: true }, { nonTlsPort: 7001 })).ports, [6380, 7001]);
  assert.deepEqual(info(resolveTarget({ name: 'c', type: 'Microsoft.Cache/redis', enableNonSslPort: false }, { nonTlsPort: 7001 })).ports, [6380]);
  assert.deepEqual(info(resolveTarget({ name: 'a', type: 'Microsoft.Cache/redisEnterprise', sku: 'Balanced_B1', region: 'westeurope', databasePorts: [10001] })).ports, [10001]);
});

test('cache facts give the hostname per family, region and cloud, and collect the expected IPs', () => {
  const managed = info(resolveTarget({ name: 'amr1', type: 'Microsoft.Cache/redisEnterprise', sku: 'Balanced_B5', region: 'West Europe', endpointIps: ['10.2.0.5'] }, { expectedIps: ['10.2.0.6', '10.2.0.5'] }));
  assert.equal(managed.host, 'amr1.westeurope.redis.azure.net');
  assert.deepEqual(managed.expectedIps, ['10.2.0.5', '10.2.0.6']);
  const odd = info(resolveTarget({ name: 'c', type: 'Microsoft.Cache/redis', endpointIps: ['10.1.2.4', 'pending', ''] }));
  assert.deepEqual(odd.expectedIps, ['10.1.2.4']);
  const enterprise = info(resolveTarget({ name: 're1', type: 'Microsoft.Cache/redisEnterprise', sku: 'Enterprise_E10', region: 'eastus' }));
  assert.equal(enterprise.host, 're1.eastus.redisenterprise.cache.azure.net');
  const gov = info(resolveTarget({ name: 'g1', type: 'Microsoft.Cache/redis', cloud: 'AzureUSGovernment' }));
  assert.equal(gov.host, 'g1.redis.cache.usgovcloudapi.net');
});

test('a Microsoft.Cache/redis resource id is enough; redisEnterprise needs SKU and region', () => {
  const id = '/subscriptions/s/resourceGroups/g/providers/Microsoft.Cache/Redis/cache1';
  const redis = info(resolveTarget(id));
  assert.equal(redis.host, 'cache1.redis.cache.windows.net');
  assert.equal(redis.resourceId, id);
  assert.equal(info(resolveTarget(id, { cloud: 'AzureChinaCloud' })).host, 'cache1.redis.cache.chinacloudapi.cn');
  const enterprise = resolveTarget('/subscriptions/s/resourceGroups/g/providers/Microsoft.Cache/redisEnterprise/amr1');
  assert.equal(enterprise.ok, false);
});

test('what cannot be probed says why', () => {
  const message = (result: ReturnType<typeof resolveTarget>) => (result.ok ? '' : result.message);
  assert.match(message(resolveTarget({ name: 'x', type: 'Microsoft.Cache/redisEnterprise' })), /SKU/);
  assert.match(message(resolveTarget({ name: 'x', type: 'Microsoft.Cache/redisEnterprise', sku: 'Balanced_B5' })), /region/);
  assert.match(message(resolveTarget({ name: 'x', type: 'Microsoft.Cache/redisEnterprise', sku: 'Balanced_B5', region: 'usgovvirginia', cloud: 'AzureUSGovernment' })), /documents no hostname/);
  assert.match(message(resolveTarget('10.1.2.4')), /pass the port/);
  assert.match(message(resolveTarget('not a host')), /not a hostname/);
  assert.match(message(resolveTarget('/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/privateEndpoints/pe')), /not the resource id of a Redis cache or of a catalogued Private Link service/);
  assert.match(message(resolveTarget('cache1.redis.cache.windows.net', { port: 0 })), /not a TCP port/);
  assert.equal(info(resolveTarget('10.1.2.4', { port: 6380 })).hostKind, 'ip-address');
  assert.match(message(resolveTarget('cache1.redis.cache.windows.net', { connectAddress: 'proxy.example' })), /not an IP address/);
  assert.match(message(resolveTarget('cache1.redis.cache.windows.net', { expectedIps: ['10.1.2'] })), /not an IP address/);
});

test('DNS server specs are checked before the resolver sees them', () => {
  assert.equal(dnsServerProblem('127.0.0.1:5353'), undefined);
  assert.equal(dnsServerProblem('168.63.129.16'), undefined);
  assert.equal(dnsServerProblem('[::1]:5353'), undefined);
  assert.match(dnsServerProblem('dns.example') ?? '', /not an IP address/);
  assert.match(dnsServerProblem('127.0.0.1:99999') ?? '', /no valid port/);
});
