// A one-shot analysis evaluates a pruned tree (evaluation-tree.ts): what evaluation never reads is dropped right
// after the file is checked, so it dies young. The analysis must not change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep } from '../../../src/sources/bicep/parser';
import { treeForEvaluation } from '../../../src/sources/bicep/evaluation-tree';
import { bicepToGraph } from '../../../src/sources/bicep/to-graph';

const MODULE = `metadata name = 'cache module'
@export()
type zoneConfig = {
  @description('The zone')
  name: string
}
func zoneOf(suffix string) string => 'privatelink.\${suffix}'
@description('The cache name')
@minLength(3)
param cacheName string
@allowed(['Enabled', 'Disabled'])
param access string = 'Disabled'
@description('Zone')
var zone = 'privatelink.redis.cache.windows.net'
resource cache 'Microsoft.Cache/redis@2024-11-01' = {
  name: cacheName
  location: 'westeurope'
  properties: { sku: { name: 'Premium', family: 'P', capacity: 1 }, publicNetworkAccess: access }
}
@batchSize(1)
resource dns 'Microsoft.Network/privateDnsZones@2020-06-01' = [for i in range(0, 2): {
  name: '\${zone}\${i}'
  location: 'global'
}]
output cacheId string = cache.id
`;

test('the evaluation tree keeps every statement evaluation reads, without decorators', () => {
  const { syntax, diagnostics } = parseBicep(MODULE, { fileName: 'm.bicep' });
  assert.deepEqual(diagnostics, []);
  const pruned = treeForEvaluation(syntax);
  assert.deepEqual(pruned.statements.map((s) => s.kind), ['param', 'param', 'var', 'resource', 'resource', 'output']);
  assert.ok(pruned.statements.every((s) => s.decorators.length === 0));
  assert.equal(pruned.text, MODULE);
  assert.equal(pruned.fileName, 'm.bicep');
});

test('one-shot and editor analyses of a decorated, typed module give the same graph', () => {
  const texts = new Map([
    ['/d/main.bicep', "module c 'm.bicep' = {\n  name: 'c'\n  params: {\n    cacheName: 'redis-a'\n  }\n}\n"],
    ['/d/m.bicep', MODULE],
  ]);
  const graphOf = (oneShot: boolean) =>
    JSON.stringify(bicepToGraph([{ path: '/d/main.bicep', text: texts.get('/d/main.bicep')! }], { readFile: (p) => texts.get(p), oneShot }).nodes);
  const once = graphOf(true);
  assert.equal(once, graphOf(false));
  assert.match(once, /redis-a/);
  assert.match(once, /privatelink\.redis\.cache\.windows\.net1/);
});
