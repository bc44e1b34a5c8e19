import { test } from 'node:test';
import assert from 'node:assert/strict';
import { armToGraph } from '../../../src/sources/arm/to-graph';
import { PrivateLinkGraph } from '../../../src/graph/graph';
import { isUnknown, type CacheNode, type GraphNode, type PrivateEndpointNode } from '../../../src/graph/types';
import { designFixture, only, spanText, Workspace } from './support';

function textAt(file: { text: string }, node: GraphNode, path: string): string {
  assert.equal(node.origin.kind, 'file');
  const span = node.origin.kind === 'file' ? node.origin.properties[path] : undefined;
  assert.ok(span, `no span for ${path}`);
  return file.text.slice(span.range.start.offset, span.range.end.offset);
}

test('ARM: resources become nodes with exact property spans keyed by dotted paths', () => {
  const file = designFixture('arm', 'cache-endpoint.json');
  const graph = PrivateLinkGraph.from(armToGraph(file));
  const endpoint = only(graph.endpoints, 'endpoint');
  assert.equal(endpoint.id, '/providers/Microsoft.Network/privateEndpoints/pe-trading');
  assert.equal(textAt(file, endpoint, 'properties.privateLinkServiceConnections[0].properties.groupIds[0]'), '"redisEnterprise"');
  assert.equal(endpoint.connections[0].path, 'properties.privateLinkServiceConnections[0].properties');
  // The span's line/character agree with its offset (0-based).
  const span = endpoint.origin.kind === 'file' ? endpoint.origin.properties['properties.privateLinkServiceConnections[0].properties.groupIds[0]'] : undefined;
  const lines = file.text.split('\n');
  assert.equal(lines[span!.range.start.line].slice(span!.range.start.character, span!.range.end.character), '"redisEnterprise"');
  assert.equal(span!.file, file.path);
});

test('ARM: parameters with defaults, variables and resourceId() resolve; references link nodes', () => {
  const graph = PrivateLinkGraph.from(armToGraph(designFixture('arm', 'cache-endpoint.json')));
  const cache = only(graph.caches, 'cache');
  assert.equal(cache.name, 'trading-prices-weu');
  assert.equal(cache.sku, 'Premium');
  assert.equal(cache.skuFamily, 'P');
  assert.equal(cache.location, 'westeurope');
  assert.deepEqual(cache.tags, { owner: 'trading-platform' });
  const endpoint = graph.endpoints[0];
  assert.equal(graph.targetOf(endpoint.connections[0].targetId as string), cache);
  assert.equal(endpoint.subnetId, '/providers/Microsoft.Network/virtualNetworks/vnet-hub-weu/subnets/snet-pe');
  assert.equal(graph.vnetIdOfSubnet(endpoint.subnetId as string), graph.vnets[0].id);
});

test('ARM: a parameter without default is Unknown, never absent', () => {
  const graph = PrivateLinkGraph.from(armToGraph(designFixture('arm', 'cache-endpoint.json')));
  const pna = graph.caches[0].publicNetworkAccess;
  assert.ok(isUnknown(pna));
  assert.match(pna.why, /publicAccess.*no default/);
});

test('ARM: nested child resources (short types) and top-level children (name a/b) join their parents', () => {
  const graph = PrivateLinkGraph.from(armToGraph(designFixture('arm', 'cache-endpoint.json')));
  const cache = graph.caches[0];
  assert.equal(cache.firewallRules.length, 1);
  assert.equal(cache.firewallRules[0].startIP, '203.0.113.10');
  const groups = graph.endpoints[0].zoneGroups;
  assert.ok(Array.isArray(groups) && groups.length === 1);
  assert.equal(groups[0].configs[0].zoneId, '/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net');
  const zone = only(graph.zones, 'zone');
  const link = only(graph.linksOf(zone), 'link');
  assert.equal(link.name, 'link-hub');
  assert.equal(link.registrationEnabled, false);
  assert.ok(graph.sameVnet(link.vnetId as string, graph.vnets[0].id));
});

test('ARM: copy loops with a known count are one node per iteration, marked inLoop; conditions mark nodes conditional; a loop finding is reported once', () => {
  const file = designFixture('arm', 'loops.json');
  const graph = PrivateLinkGraph.from(armToGraph(file));
  assert.deepEqual(graph.endpoints.map((e) => e.name), ['pe-spoke-a', 'pe-spoke-b'], 'copyIndex() is known in each iteration');
  assert.deepEqual(graph.endpoints.map((e) => e.subnetId), ['spoke-a', 'spoke-b'].map((v) => `/providers/Microsoft.Network/virtualNetworks/${v}/subnets/snet-pe`));
  const endpoint = graph.endpoints[0];
  assert.ok(graph.endpoints.every((e) => e.origin.kind === 'file' && e.origin.inLoop));
  const zone = only(graph.zones, 'zone');
  assert.equal(zone.origin.kind === 'file' && zone.origin.conditional, true);
  // The cache's name is an unknown parameter, yet resourceId() built from the same parameter finds it.
  const cache = only(graph.caches, 'cache');
  assert.ok(isUnknown(cache.name));
  assert.equal(graph.targetOf(endpoint.connections[0].targetId as string), cache);

  const findings = new Workspace([file]).findings('group-id-mismatch');
  const finding = only(findings, 'group-id-mismatch finding');
  assert.equal(spanText(file.text, finding), '"redisCache"');
});

test('ARM: languageVersion 2.0 symbolic resources; existing resources are unknown, manual connections kept', () => {
  const graph = PrivateLinkGraph.from(armToGraph(designFixture('arm', 'symbolic.json')));
  const cache = only(graph.caches, 'cache') as CacheNode;
  assert.equal(cache.origin.kind === 'file' && cache.origin.existing, true);
  assert.ok(isUnknown(cache.publicNetworkAccess), 'an existing cache has unknown public access');
  assert.ok(isUnknown(cache.sku));
  const endpoint = only(graph.endpoints, 'endpoint') as PrivateEndpointNode;
  assert.equal(endpoint.origin.kind === 'file' && endpoint.origin.symbol, 'pe');
  assert.equal(endpoint.connections[0].manual, true);
  assert.equal(endpoint.connections[0].path, 'properties.manualPrivateLinkServiceConnections[0].properties');
  assert.equal(graph.targetOf(endpoint.connections[0].targetId as string), cache);
});

test('ARM: malformed JSON is a syntax-error at the broken spot, and the rest is still read', () => {
  const file = designFixture('arm', 'broken.json');
  const data = armToGraph(file);
  const syntax = data.problems.filter((p) => p.ruleId === 'syntax-error');
  assert.ok(syntax.length >= 2, JSON.stringify(syntax));
  const comma = syntax.find((p) => /','/.test(p.message));
  assert.ok(comma, 'a missing comma is reported');
  assert.equal(comma.span.range.start.line, 8, 'at the line after the value missing its comma');
  const expression = syntax.find((p) => /expression/.test(p.message));
  assert.ok(expression, 'a broken template expression is reported');
  assert.equal(file.text.slice(expression.span.range.start.offset, expression.span.range.end.offset), `"[concat('6', ]"`);
  const cache = only(data.nodes, 'node');
  assert.equal(cache.kind, 'cache');
  assert.equal((cache as CacheNode).enableNonSslPort, true, 'properties after the error are still read');
  // Through the pipeline: syntax errors are error findings, other rules still run.
  const findings = new Workspace([file]).analyse().findings;
  assert.ok(findings.some((f) => f.ruleId === 'syntax-error' && f.severity === 'error'));
  assert.ok(findings.some((f) => f.ruleId === 'non-tls-port-enabled'));
});

test('ARM: // plreview-disable-next-line suppresses the named rule on the next line only', () => {
  const file = designFixture('arm', 'suppressed.jsonc');
  const findings = new Workspace([file]).analyse().findings;
  assert.equal(findings.filter((f) => f.ruleId === 'non-tls-port-enabled').length, 0);
  assert.equal(findings.filter((f) => f.ruleId === 'minimum-tls-version').length, 1, 'other rules still report');
  // Without the comment the rule reports.
  const bare = { path: file.path, text: file.text.replace(/^.*plreview-disable-next-line.*\n/m, '') };
  assert.equal(new Workspace([bare]).findings('non-tls-port-enabled').length, 1);
});

test('ARM: a JSON file without a deployment template $schema is not a design', () => {
  const data = new Workspace([{ path: '/x/params.json', text: '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#" }' }]).analyse();
  assert.equal(data.graph.nodes.length, 0);
  assert.equal(data.findings.length, 0);
});

test('ARM: nested deployments with inline templates (bicep build output) join the design, inner scope honoured', () => {
  const file = designFixture('arm', 'nested-deployment.json');
  const graph = PrivateLinkGraph.from(armToGraph(file));
  const endpoint = only(graph.endpoints, 'endpoint');
  assert.equal(endpoint.name, 'pe-orders', 'a parameter passed by the deployment');
  assert.deepEqual(endpoint.connections[0].groupIds, ['redisEnterprise'], 'the passed value wins over the inner default');
  const outer = graph.caches.find((c) => c.name === 'orders-cache');
  assert.ok(outer);
  assert.equal(graph.targetOf(endpoint.connections[0].targetId as string), outer, 'a resource id computed in the outer scope');
  // The inner cache's name is an inner parameter nobody passes: unknown, and not confused with the outer one.
  const inner = graph.caches.find((c) => c !== outer);
  assert.ok(inner && isUnknown(inner.name));
  assert.notEqual(inner.id, outer.id);
  const finding = only(new Workspace([file]).findings('group-id-mismatch'), 'finding');
  assert.equal(spanText(file.text, finding), `"[parameters('groupId')]"`);
});

test('ARM: a nested template without inner scope evaluates in the outer template (ARM default)', () => {
  const file = designFixture('arm', 'nested-deployment.json');
  const outerScoped = { path: file.path, text: file.text.replace('"expressionEvaluationOptions": { "scope": "inner" },', '') };
  const graph = PrivateLinkGraph.from(armToGraph(outerScoped));
  const endpoint = only(graph.endpoints, 'endpoint');
  // `parameters('groupId')` now means the outer template's parameter, which does not exist: unknown, silent.
  const groupIds = endpoint.connections[0].groupIds;
  assert.ok(Array.isArray(groupIds) && isUnknown(groupIds[0]));
  // `parameters('cacheName')` is the outer parameter: the nested cache is the outer one, declared twice.
  assert.equal(graph.caches.filter((c) => c.name === 'orders-cache').length, 2);
  assert.equal(new Workspace([outerScoped]).findings('group-id-mismatch').length, 0);
});

test('ARM: properties given as an unknown object are unknown inside, never absent (no false alarm)', () => {
  const text = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    parameters: { props: { type: 'object' } },
    resources: [
      { type: 'Microsoft.Cache/redis', apiVersion: '2024-11-01', name: 'c1', properties: "[parameters('props')]" },
      {
        type: 'Microsoft.Network/privateEndpoints',
        apiVersion: '2024-05-01',
        name: 'pe1',
        properties: { privateLinkServiceConnections: [{ name: 'c', properties: { privateLinkServiceId: "[resourceId('Microsoft.Cache/redis', 'c1')]", groupIds: ['redisCache'] } }] },
      },
    ],
  });
  const file = { path: '/w/opaque.json', text };
  const cache = only(PrivateLinkGraph.from(armToGraph(file)).caches, 'cache');
  assert.ok(isUnknown(cache.publicNetworkAccess));
  assert.ok(isUnknown(cache.enableNonSslPort));
  assert.deepEqual(new Workspace([file]).findings('public-network-access-enabled'), []);
});

test('ARM: property loops (`copy` in properties, as bicep build writes them): the input stands for every item', () => {
  const file = designFixture('arm', 'property-loops.json');
  const graph = PrivateLinkGraph.from(armToGraph(file));
  const byName = (name: string) => graph.endpoints.find((e) => e.name === name) as PrivateEndpointNode;
  // One connection from a loop of one, with its group id and its span in the loop's input.
  const groups = byName('pe-loop-groups');
  assert.equal(groups.connections.length, 1);
  assert.deepEqual(groups.connections[0].groupIds, ['redisEnterprise']);
  assert.equal(textAt(file, groups, 'properties.privateLinkServiceConnections[0].properties.groupIds[0]'), '"redisEnterprise"');
  // A loop whose count is a parameter defaulting to 0 adds nothing.
  const zones = byName('pe-loop-zones');
  assert.equal(zones.connections.length, 1);
  assert.equal(zones.connections[0].manual, false);

  const workspace = new Workspace([file]);
  const mismatch = only(workspace.findings('group-id-mismatch'), 'group-id-mismatch finding');
  assert.equal(spanText(file.text, mismatch), '"redisEnterprise"');
  // A zone id taken from a parameter array by copyIndex() is unknown: no zone finding for pe-loop-groups; the
  // literal Managed Redis zone in pe-loop-zones' loop is the wrong one for Azure Cache for Redis.
  const zoneFindings = workspace.findings('dns-zone-mismatch');
  const zoneFinding = only(zoneFindings, 'dns-zone-mismatch finding');
  assert.match(spanText(file.text, zoneFinding), /privatelink\.redis\.azure\.net/);
  assert.deepEqual(workspace.findings('dns-zone-group-missing'), []);
  // The quick fix edits the loop's input, and the finding goes away.
  assert.ok(workspace.apply(mismatch.fixes[0]) > 0);
  assert.deepEqual(workspace.findings('group-id-mismatch'), []);
  assert.match(workspace.text(file.path), /"groupIds": \["redisCache"\]/);
});
