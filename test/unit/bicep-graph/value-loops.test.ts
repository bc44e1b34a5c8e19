import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { analyseDesign } from '../../../src/lint/analyse';

// Value loops nested in value loops multiply: a block of `[for …]` lines pasted 24 times over a two-item array is
// 2^25 bodies (the fuzz run found one that exhausted 4 GB). Past a bound the loop's value is Unknown.

test('nested value loops are bounded: 24 levels over two items analyse quickly, the deep value is unknown', { timeout: 60_000 }, () => {
  const levels = 24;
  const text = [
    "var subnets = [ 'a', 'b' ]",
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {",
    "  name: 'vnet'",
    "  location: 'westeurope'",
    '  properties: {',
    `    subnets: ${'[for s in subnets: { name: s, more: '.repeat(levels)}1${' }]'.repeat(levels)}`,
    '  }',
    '}',
    '',
  ].join('\n');
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.cpuUsage();
  const { graph } = analyseDesign([{ path: '/w/loops.bicep', text }], DEFAULT_CONFIG);
  const cpu = process.cpuUsage(started);
  assert.equal(graph.vnets.length, 1);
  assert.ok((cpu.user + cpu.system) / 1000 < 5_000, 'seconds, not the hours 2^25 bodies take');
  assert.ok(process.memoryUsage().heapUsed - heapBefore < 500 * 2 ** 20);
});
