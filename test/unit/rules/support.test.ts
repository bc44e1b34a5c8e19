import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PrivateLinkGraph } from '../../../src/graph/graph';
import { endpointVnetId, isLiteralAt, listOf, propertyPath } from '../../../src/rules/support';
import { cache, endpoint, graphOf, run, spanOf, subnetId, vnet, vnetId } from './builders';
import { single } from './assertions';

test('support: isLiteralAt accepts bare and quoted literals only', () => {
  const span = (length: number) => ({ file: 'f', range: { start: { line: 0, character: 0, offset: 10 }, end: { line: 0, character: length, offset: 10 + length } } });
  assert.equal(isLiteralAt(span(7), 'Enabled'), true);
  assert.equal(isLiteralAt(span(9), 'Enabled'), true);
  assert.equal(isLiteralAt(span(7), 'Disabled'), false);
  assert.equal(isLiteralAt(undefined, 'x'), false);
});

test("support: propertyPath finds a source's own key by its last segment", () => {
  const c = cache({ publicNetworkAccess: 'Enabled' });
  assert.equal(propertyPath(c, 'properties.publicNetworkAccess'), 'properties.publicNetworkAccess');
  const yamlLike = { ...c, origin: { ...c.origin, properties: { publicNetworkAccess: spanOf(c, 'properties.publicNetworkAccess') } } } as typeof c;
  assert.equal(propertyPath(yamlLike, 'properties.publicNetworkAccess'), 'publicNetworkAccess');
  assert.equal(propertyPath(c, 'properties.subnetId'), 'properties.subnetId', 'absent: the canonical path, for insertion');
});

test('support: endpointVnetId uses the declared VNet, else the id derived from the subnet', () => {
  const declared = vnet('vnet-hub-weu');
  const graph = graphOf([declared]);
  assert.equal(endpointVnetId(graph, subnetId('vnet-hub-weu')), declared.id);
  assert.equal(endpointVnetId(graph, subnetId('vnet-elsewhere').toUpperCase()), vnetId('vnet-elsewhere').toUpperCase());
  assert.equal(endpointVnetId(graph, undefined), undefined);
});

test('support: listOf reads like a sentence', () => {
  assert.equal(listOf(['a']), 'a');
  assert.equal(listOf(['a', 'b']), 'a and b');
  assert.equal(listOf(['a', 'b', 'c']), 'a, b and c');
});

test('engine + rules: a plreview-disable-next-line comment on the line above the underlined value drops the finding', () => {
  const pe = endpoint({ groupId: 'redisEnterpriseCache' });
  const line = spanOf(pe, 'properties.privateLinkServiceConnections[0].properties.groupIds[0]').range.start.line;
  const nodes = [cache(), pe];
  single(run('group-id-mismatch', graphOf(nodes)));
  const suppressed = PrivateLinkGraph.from({ nodes, problems: [], coverage: [], suppressions: [{ file: 'infra/main.bicep', line, ruleIds: ['group-id-mismatch'] }] });
  assert.deepEqual(run('group-id-mismatch', suppressed), []);
  const other = PrivateLinkGraph.from({ nodes, problems: [], coverage: [], suppressions: [{ file: 'infra/main.bicep', line, ruleIds: ['dns-zone-mismatch'] }] });
  single(run('group-id-mismatch', other));
});
