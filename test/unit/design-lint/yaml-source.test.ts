import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { PrivateLinkGraph } from '../../../src/graph/graph';
import { isUnknown } from '../../../src/graph/types';
import { loadDesignSchema } from '../../../src/sources/yaml/design-schema';
import { yamlToGraph } from '../../../src/sources/yaml/to-graph';
import { designFixture, only, spanText, Workspace } from './support';

test('YAML: caches, networks, endpoints, zones, links and clients become nodes that reference each other', () => {
  const file = designFixture('yaml', 'trading.plink.yaml');
  const data = yamlToGraph(file);
  assert.deepEqual(data.problems, []);
  assert.equal(data.cloud, 'AzureCloud');
  const graph = PrivateLinkGraph.from(data);
  const cache = only(graph.caches, 'cache');
  assert.equal(cache.id, '/providers/Microsoft.Cache/redis/trading-prices-weu');
  assert.equal(cache.publicNetworkAccess, 'Enabled');
  assert.deepEqual(cache.tags, { owner: 'trading-platform' });
  const endpoint = only(graph.endpoints, 'endpoint');
  assert.equal(graph.targetOf(endpoint.connections[0].targetId as string), cache);
  assert.deepEqual(endpoint.connections[0].groupIds, ['redisEnterprise']);
  assert.equal(graph.vnetIdOfSubnet(endpoint.subnetId as string), '/providers/Microsoft.Network/virtualNetworks/vnet-hub-weu');
  const groups = endpoint.zoneGroups;
  assert.ok(Array.isArray(groups));
  assert.equal(groups[0].configs[0].zoneId, 'privatelink.redis.cache.windows.net', 'zone references stay as written');
  assert.deepEqual(graph.zonesNamed(groups[0].configs[0].zoneId as string), [graph.zones[0]]);
  const link = only(graph.linksOf(graph.zones[0]), 'link');
  assert.equal(link.registrationEnabled, true);
  assert.equal(link.name, 'link-vnet-hub-weu');
  const client = only(graph.clients, 'client');
  assert.deepEqual(client.uses, [cache.id]);
  assert.equal(graph.resolveKind(client.vnetId as string, 'vnet')?.name, 'vnet-api-weu');
});

test('YAML: property spans use the graph paths and point at the YAML values', () => {
  const file = designFixture('yaml', 'trading.plink.yaml');
  const graph = PrivateLinkGraph.from(yamlToGraph(file));
  const at = (node: (typeof graph.nodes)[number], path: string) => {
    const span = node.origin.kind === 'file' ? node.origin.properties[path] : undefined;
    assert.ok(span, `no span for ${path}`);
    return file.text.slice(span.range.start.offset, span.range.end.offset);
  };
  assert.equal(at(graph.caches[0], 'properties.publicNetworkAccess'), 'Enabled');
  assert.equal(at(graph.caches[0], 'location'), 'westeurope');
  assert.equal(at(graph.endpoints[0], 'properties.privateLinkServiceConnections[0].properties.groupIds[0]'), 'redisEnterprise');
  assert.equal(at(graph.endpoints[0], 'properties.privateDnsZoneConfigs[0].properties.privateDnsZoneId'), 'privatelink.redis.cache.windows.net');
  assert.equal(at(graph.links[0], 'properties.registrationEnabled'), 'true');
});

test('YAML: the design rules run on it (group id, public access, link for clients, autoregistration)', () => {
  const file = designFixture('yaml', 'trading.plink.yaml');
  const findings = new Workspace([file]).analyse().findings;
  const ids = findings.map((f) => f.ruleId).sort();
  assert.deepEqual(ids, ['dns-zone-link-autoregistration', 'dns-zone-link-missing', 'group-id-mismatch', 'public-network-access-enabled']);
  const groupId = findings.find((f) => f.ruleId === 'group-id-mismatch')!;
  assert.equal(spanText(file.text, groupId), 'redisEnterprise');
  const link = findings.find((f) => f.ruleId === 'dns-zone-link-missing')!;
  assert.match(link.message, /vnet-api-weu/);
});

test('YAML: full resource ids work wherever names do', () => {
  const graph = PrivateLinkGraph.from(yamlToGraph(designFixture('yaml', 'ids.plink.yaml')));
  const endpoint = only(graph.endpoints, 'endpoint');
  assert.equal(endpoint.connections[0].targetId, '/subscriptions/1111/resourceGroups/cache-rg/providers/Microsoft.Cache/redis/billing');
  assert.equal(endpoint.connections[0].manual, true);
  assert.equal(endpoint.subnetId, '/subscriptions/1111/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/vnet-gov/subnets/snet-pe');
  const groups = endpoint.zoneGroups;
  assert.ok(Array.isArray(groups));
  assert.equal(groups[0].configs[0].name, 'privatelink-redis-cache-usgovcloudapi-net');
  assert.equal(graph.cloud, 'AzureUSGovernment');
  assert.equal(graph.clients[0].uses[0], endpoint.connections[0].targetId);
});

test('YAML: schema errors are design-schema findings on the offending node, with readable messages', () => {
  const file = designFixture('yaml', 'schema-errors.plink.yaml');
  const problems = yamlToGraph(file).problems;
  const at = (pattern: RegExp) => {
    const problem = problems.find((p) => pattern.test(p.message));
    assert.ok(problem, `no problem matching ${pattern}: ${problems.map((p) => p.message).join(' | ')}`);
    assert.equal(problem.ruleId, 'design-schema');
    return file.text.slice(problem.span.range.start.offset, problem.span.range.end.offset);
  };
  assert.equal(at(/unknown property 'publicNetworkAcess' \(did you mean 'publicNetworkAccess'\?\)/), 'publicNetworkAcess');
  assert.equal(at(/^cloud must be one of AzureCloud, AzureUSGovernment, AzureChinaCloud \(found 'AzurePublic'\)/), 'AzurePublic');
  assert.equal(at(/caches\[1\]\.capacity must be an integer \(found 'two'\)/), 'two');
  assert.equal(at(/privateEndpoints\[0\]: 'groupId' is required/), 'name: pe-orders');
  assert.equal(problems.some((p) => /minimumTlsVersion/.test(p.message)), false, 'an unquoted 1.2 is a valid TLS version');
});

test('YAML: a syntax error is reported where it is and the file yields no schema noise', () => {
  const file = designFixture('yaml', 'broken.plink.yaml');
  const problems = yamlToGraph(file).problems;
  assert.ok(problems.length >= 1);
  assert.ok(problems.every((p) => p.ruleId === 'syntax-error'));
  // yaml reports the compact mapping whose value runs into the mis-indented line.
  assert.equal(problems[0].span.range.start.line, 3);
  assert.match(problems[0].message, /^YAML syntax error: Nested mappings are not allowed in compact mappings\.$/);
});

test('YAML: # plreview-disable-next-line suppresses one rule on the next line', () => {
  const file = designFixture('yaml', 'suppressed.plink.yaml');
  const ws = new Workspace([file]);
  assert.equal(ws.findings('non-tls-port-enabled').length, 0);
  assert.equal(ws.findings('minimum-tls-version').length, 1);
  const bare = { path: file.path, text: file.text.replace(/^.*plreview-disable-next-line.*\n/m, '') };
  assert.equal(new Workspace([bare]).findings('non-tls-port-enabled').length, 1);
});

test('YAML: an unknown value stays unknown (subnet without its network when ambiguous)', () => {
  const text = [
    'privateLinkDesign: v1',
    'networks:',
    '  - { name: a, subnets: [pe] }',
    '  - { name: b, subnets: [pe] }',
    'privateEndpoints:',
    '  - { name: pe1, target: c, groupId: redisCache, subnet: pe }',
  ].join('\n');
  const graph = PrivateLinkGraph.from(yamlToGraph({ path: '/w/x.plink.yaml', text }));
  assert.ok(isUnknown(graph.endpoints[0].subnetId));
});

test('the design schema itself is valid draft-07 and accepts the issue sketch', () => {
  const ajv = new Ajv({ strict: true, strictTypes: false, allowUnionTypes: true });
  const validate = ajv.compile(loadDesignSchema());
  assert.equal(validate({ privateLinkDesign: 'v1', caches: [{ name: 'x', type: 'Microsoft.Cache/redis' }] }), true, JSON.stringify(validate.errors));
  assert.equal(validate({ privateLinkDesign: 'v2' }), false);
});
