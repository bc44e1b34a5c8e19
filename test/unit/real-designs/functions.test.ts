// The functions designs build names with are evaluated on known values (issue 13), in Bicep and in ARM
// expressions alike; environment() answers for the cloud the file is judged in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DnsZoneNode } from '../../../src/graph/types';
import { isUnknown } from '../../../src/graph/types';
import { armToGraph } from '../../../src/sources/arm/to-graph';
import { bicepToGraph } from '../../../src/sources/bicep/to-graph';

const bicepZone = (expr: string, cloud?: 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud') =>
  (bicepToGraph([{ path: 'z.bicep', text: `resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {\n  name: ${expr}\n}\n` }], { cloudOf: () => cloud }).nodes[0] as DnsZoneNode).name;

const armZone = (expr: string, cloud?: 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud') =>
  (armToGraph(
    { path: 'z.json', text: JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', resources: [{ type: 'Microsoft.Network/privateDnsZones', apiVersion: '2024-06-01', name: `[${expr}]` }] }) },
    { cloud },
  ).nodes[0] as DnsZoneNode).name;

test('Bicep: string and array functions on known values', () => {
  const cases: [string, string][] = [
    ["replace('privatelink.redis.cache.X', 'X', 'windows.net')", 'privatelink.redis.cache.windows.net'],
    ["format('privatelink.{0}.cache.{1}', 'redis', 'windows.net')", 'privatelink.redis.cache.windows.net'],
    ["toLower('PrivateLink.Redis.Cache.Windows.Net')", 'privatelink.redis.cache.windows.net'],
    ["join(take(split('privatelink.redis.cache.windows.net.extra', '.'), 5), '.')", 'privatelink.redis.cache.windows.net'],
    ["join(skip(split('x.privatelink.redis.cache.windows.net', '.'), 1), '.')", 'privatelink.redis.cache.windows.net'],
    ["substring('..privatelink.redis.cache.windows.net', indexOf('..privatelink.redis.cache.windows.net', 'p'))", 'privatelink.redis.cache.windows.net'],
    ["concat('privatelink.', first(['redis']), '.cache.', last(['x', 'windows.net']))", 'privatelink.redis.cache.windows.net'],
    ["empty('') ? 'privatelink.redis.cache.windows.net' : 'x'", 'privatelink.redis.cache.windows.net'],
    ["trim('  privatelink.redis.cache.windows.net ')", 'privatelink.redis.cache.windows.net'],
  ];
  for (const [expr, expected] of cases) assert.equal(bicepZone(expr), expected, expr);
});

test('ARM: the same functions in template expressions', () => {
  const cases: [string, string][] = [
    ["replace('privatelink.redis.cache.X', 'X', 'windows.net')", 'privatelink.redis.cache.windows.net'],
    ["join(take(split('privatelink.redis.cache.windows.net.extra', '.'), 5), '.')", 'privatelink.redis.cache.windows.net'],
    ["join(skip(split('x.privatelink.redis.cache.windows.net', '.'), 1), '.')", 'privatelink.redis.cache.windows.net'],
    ["substring('..privatelink.redis.cache.windows.net', indexOf('..privatelink.redis.cache.windows.net', 'p'))", 'privatelink.redis.cache.windows.net'],
    ["if(empty(''), 'privatelink.redis.cache.windows.net', 'x')", 'privatelink.redis.cache.windows.net'],
    ["coalesce(null(), 'privatelink.redis.cache.windows.net')", 'privatelink.redis.cache.windows.net'],
    ["trim('  privatelink.redis.cache.windows.net ')", 'privatelink.redis.cache.windows.net'],
    ["concat('privatelink.redis.cache.', last(createArray('x', 'windows.net')))", 'privatelink.redis.cache.windows.net'],
  ];
  for (const [expr, expected] of cases) assert.equal(armZone(expr), expected, expr);
});

test('environment() per cloud, in Bicep and ARM; without a cloud, and for undocumented members, it stays Unknown', () => {
  const expected = { AzureCloud: 'core.windows.net', AzureUSGovernment: 'core.usgovcloudapi.net', AzureChinaCloud: 'core.chinacloudapi.cn' } as const;
  for (const [cloud, suffix] of Object.entries(expected) as [keyof typeof expected, string][]) {
    assert.equal(bicepZone("'privatelink.redis.cache.${environment().suffixes.storage}'", cloud), `privatelink.redis.cache.${suffix}`);
    assert.equal(armZone("concat('privatelink.redis.cache.', environment().suffixes.storage)", cloud), `privatelink.redis.cache.${suffix}`);
    assert.equal(bicepZone('environment().name', cloud), cloud);
  }
  assert.equal(bicepZone("'x${environment().suffixes.acrLoginServer}'", 'AzureUSGovernment'), 'x.azurecr.us');
  assert.equal(armZone("concat('x', environment().suffixes.keyvaultDns)", 'AzureChinaCloud'), 'x.vault.azure.cn');
  assert.ok(isUnknown(bicepZone("'x${environment().suffixes.somethingElse}'", 'AzureCloud')));
  assert.ok(isUnknown(bicepZone("'x${environment().suffixes.storage}'")));
});
