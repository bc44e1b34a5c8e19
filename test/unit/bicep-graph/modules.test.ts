import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnknown } from '../../../src/graph/types';
import type { CacheNode, PrivateEndpointNode } from '../../../src/graph/types';
import { avmModuleOf } from '../../../src/sources/bicep/avm';
import { bicepToGraph } from '../../../src/sources/bicep/to-graph';
import { bySymbol, graph, graphOf, origin, readFixture, readFromDisk, textAt } from './support';

test('local modules: resources join the graph with the call arguments substituted', () => {
  const data = graphOf('modules/main.bicep');
  const cache = bySymbol(data, 'cache', 'cache');
  assert.equal(cache.name, 'redis-prod', "the argument 'redis-${env}' with env's default");
  assert.equal(cache.publicNetworkAccess, 'Enabled', 'the argument overrides the module default');
  const pna = origin(cache).properties['properties.publicNetworkAccess'];
  assert.ok(pna.file.endsWith('main.bicep'), 'a value passed by the caller is located in the caller');
  assert.equal(textAt(pna), "'Enabled'");
  assert.ok(origin(cache).span.file.endsWith('cache.bicep'), "the declaration's origin is in the module file");

  const endpoint = bySymbol(data, 'endpoint', 'privateEndpoint');
  assert.equal(endpoint.subnetId, '/providers/Microsoft.Network/virtualNetworks/vnet-prod/subnets/snet-pe', 'a module output read by another module call');
  const vnet = bySymbol(data, 'vnet', 'vnet');
  assert.equal(graph(data).vnetIdOfSubnet(endpoint.subnetId as string), vnet.id);
});

test('local modules: a file called as a module is not analysed a second time on its own; cycles and missing files are reported', () => {
  const files = ['main.bicep', 'network.bicep', 'cache.bicep', 'cycle-a.bicep', 'cycle-b.bicep'].map((f) => readFixture('modules', f));
  const data = bicepToGraph(files, { readFile: readFromDisk });
  assert.equal(data.nodes.filter((n) => n.kind === 'cache').length, 1);
  assert.equal(data.nodes.filter((n) => n.kind === 'vnet').length, 1);
  assert.equal(data.nodes.filter((n) => n.kind === 'dnsZone').length, 1, 'the zone of cycle-a.bicep, once');
  const cycle = data.problems.find((p) => /cycle/.test(p.message));
  assert.ok(cycle, 'the module cycle is a problem');
  assert.ok(cycle.span.file.endsWith('cycle-b.bicep'));
  const missing = data.coverage.find((c) => c.status === 'failed');
  assert.ok(missing && missing.scope.endsWith('does-not-exist.bicep'), 'an unreadable module is a coverage gap');
});

test('a module file alone keeps parameters without default unknown', () => {
  const data = bicepToGraph([readFixture('modules', 'cache.bicep')]);
  const cache = bySymbol(data, 'cache', 'cache');
  assert.ok(isUnknown(cache.name));
  assert.equal(cache.publicNetworkAccess, 'Disabled', 'the default applies when nobody passes a value');
});

test('a .bicepparam file supplies values to its using target; syntax errors in it are problems', () => {
  const data = graphOf('params/main.bicep', 'params/main.bicepparam');
  const caches = data.nodes.filter((n): n is CacheNode => n.kind === 'cache');
  assert.equal(caches.length, 1, 'main.bicep is analysed through its parameter file only');
  assert.equal(caches[0].name, 'redis-from-params');
  assert.equal(caches[0].publicNetworkAccess, 'Disabled');
  const span = origin(caches[0]).properties['properties.publicNetworkAccess'];
  assert.ok(span.file.endsWith('main.bicepparam'));
  assert.equal(textAt(span), "'Disabled'");
  assert.equal(caches[0].enableNonSslPort, false, 'a parameter the file does not set keeps its default');

  const broken = graphOf('params/broken.bicepparam');
  assert.ok(broken.problems.length >= 1);
  assert.ok(broken.problems.every((p) => p.ruleId === 'syntax-error' && p.span.file.endsWith('broken.bicepparam')));
});

test('AVM module sources are recognised by path, any version, public registry alias or full address', () => {
  assert.equal(avmModuleOf('br/public:avm/res/cache/redis:0.16.0'), 'redis');
  assert.equal(avmModuleOf('br/public:avm/res/cache/redis-enterprise:0.4.0'), 'redis-enterprise');
  assert.equal(avmModuleOf('br:mcr.microsoft.com/bicep/avm/res/network/private-endpoint:0.12.0'), 'private-endpoint');
  assert.equal(avmModuleOf('br/public:avm/res/network/private-dns-zone:0.8.0'), 'private-dns-zone');
  assert.equal(avmModuleOf('br/public:avm/res/cache/redisx:1.0.0'), undefined);
  assert.equal(avmModuleOf('./redis.bicep'), undefined);
});

test('AVM redis: documented parameters and defaults, endpoints from privateEndpoints[], squiggles on the arguments', () => {
  const data = graphOf('avm/main.bicep');
  assert.deepEqual(data.problems, []);
  const cache = bySymbol(data, 'cache', 'cache');
  assert.equal(cache.id, '/providers/Microsoft.Cache/redis/redis-avm');
  assert.equal(cache.sku, 'Standard');
  assert.equal(cache.skuFamily, 'C');
  assert.equal(cache.enableNonSslPort, true);
  assert.equal(textAt(origin(cache).properties['properties.enableNonSslPort']), 'true');
  assert.equal(cache.minimumTlsVersion, '1.2', 'the module default');
  assert.equal(cache.publicNetworkAccess, 'Disabled', 'omitted with endpoints: the module disables public access');
  assert.match(textAt(origin(cache).propertiesObject), /^\{\s+name: 'redis-avm'/, 'inserted properties go into params');

  const endpoint = bySymbol(data, 'cache.privateEndpoints[0]', 'privateEndpoint');
  assert.equal(endpoint.connections[0].targetId, cache.id);
  assert.deepEqual(endpoint.connections[0].groupIds, ['redisEnterprise']);
  const groupSpan = origin(endpoint).properties['properties.privateLinkServiceConnections[0].properties.groupIds[0]'];
  assert.equal(textAt(groupSpan), "'redisEnterprise'", 'the group id squiggle lands on `service:`');
  assert.equal(endpoint.subnetId, '/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-pe');
  assert.ok(Array.isArray(endpoint.zoneGroups) && endpoint.zoneGroups.length === 1);
  assert.equal(endpoint.zoneGroups[0].configs[0].zoneId, '/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net', 'redisZone.outputs.resourceId');

  const open = bySymbol(data, 'openCache', 'cache');
  assert.equal(open.publicNetworkAccess, undefined, 'omitted without endpoints: null, the service default');
  assert.equal(open.minimumTlsVersion, '1.0');
  assert.equal(textAt(origin(open).properties['properties.minimumTlsVersion']), "'1.0'");
});

test('AVM redis-enterprise, private-endpoint and private-dns-zone', () => {
  const data = graphOf('avm/main.bicep');
  const amr = bySymbol(data, 'amr', 'cache');
  assert.equal(amr.type, 'Microsoft.Cache/redisEnterprise');
  assert.equal(amr.sku, 'Balanced_B1');
  assert.equal(amr.publicNetworkAccess, 'Enabled', 'omitted without endpoints: the module sets Enabled');
  assert.deepEqual(amr.databasePorts, [10000]);

  const pe = bySymbol(data, 'amrEndpoint', 'privateEndpoint');
  assert.equal(pe.id, '/providers/Microsoft.Network/privateEndpoints/pe-amr-avm');
  assert.equal(pe.connections[0].targetId, '/providers/Microsoft.Cache/redisEnterprise/amr-avm');
  assert.deepEqual(pe.zoneGroups, [], 'no privateDnsZoneGroup: known to have none');
  assert.equal(textAt(origin(pe).properties['properties.privateLinkServiceConnections[0].properties.groupIds[0]']), "'redisCache'");
  assert.equal(graph(data).targetOf(pe.connections[0].targetId as string), amr);

  const zone = bySymbol(data, 'redisZone', 'dnsZone');
  assert.equal(zone.name, 'privatelink.redis.cache.windows.net');
  const link = bySymbol(data, 'redisZone.virtualNetworkLinks[0]', 'vnetLink');
  assert.equal(link.zoneId, zone.id);
  assert.equal(link.vnetId, '/providers/Microsoft.Network/virtualNetworks/vnet-hub');
  assert.equal(link.registrationEnabled, true);
  assert.equal(textAt(origin(link).properties['properties.registrationEnabled']), 'true');
});

test('AVM calls with parameters that are not known stay unknown', () => {
  const data = bicepToGraph([
    {
      path: 'avm-unknown.bicep',
      text: [
        'param endpoints array',
        "module cache 'br/public:avm/res/cache/redis:0.16.0' = {",
        "  name: 'cache'",
        '  params: {',
        "    name: 'redis-x'",
        '    privateEndpoints: endpoints',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
  ]);
  const cache = bySymbol(data, 'cache', 'cache');
  assert.ok(isUnknown(cache.publicNetworkAccess), 'the default depends on privateEndpoints, which is unknown');
  assert.equal(data.nodes.filter((n): n is PrivateEndpointNode => n.kind === 'privateEndpoint').length, 0);
});

test('a module called in a loop over a known collection: one instance per item, resources inLoop; module outputs by index; suppressions inside modules read from disk', () => {
  const files = new Map<string, string>([
    [
      '/ws/main.bicep',
      [
        "param spokes array = [ 'a', 'b' ]",
        "module net './net.bicep' = [for spoke in spokes: {",
        "  name: 'net-${spoke}'",
        '  params: {',
        '    vnetName: spoke',
        '  }',
        '}]',
        "module zone './zone.bicep' = {",
        "  name: 'zone'",
        '}',
        "output zoneId string = zone.outputs['zoneId']",
        "resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {",
        "  name: 'privatelink.redis.cache.windows.net/hub'",
        '  properties: {',
        "    virtualNetwork: { id: zone.outputs['hubId'] }",
        '  }',
        '}',
        '',
      ].join('\n'),
    ],
    ['/ws/net.bicep', "param vnetName string\nresource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: vnetName\n}\n"],
    [
      '/ws/zone.bicep',
      [
        "output hubId string = resourceId('Microsoft.Network/virtualNetworks', 'vnet-hub')",
        "resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {",
        "  name: 'privatelink.redis.cache.windows.net'",
        '  properties: {',
        '    // plreview-disable-next-line duplicate-private-dns-zone',
        "    tag: 'x'",
        '  }',
        '}',
        '',
      ].join('\n'),
    ],
  ]);
  const data = bicepToGraph([{ path: '/ws/main.bicep', text: files.get('/ws/main.bicep') as string }], { readFile: (p) => files.get(p) });
  const vnets = data.nodes.filter((n) => n.kind === 'vnet');
  assert.deepEqual(vnets.map((v) => v.name), ['a', 'b'], 'one instance per item of the parameter default');
  assert.ok(vnets.every((v) => origin(v).inLoop === true));
  const link = bySymbol(data, 'link', 'vnetLink');
  assert.equal(link.vnetId, '/providers/Microsoft.Network/virtualNetworks/vnet-hub');
  assert.equal(link.zoneId, bySymbol(data, 'zone', 'dnsZone').id, "the parent from the 'zone/link' name");
  assert.deepEqual(data.suppressions, [{ file: '/ws/zone.bicep', line: 5, ruleIds: ['duplicate-private-dns-zone'] }]);
});

test('variables imported from another file (named and wildcard) are evaluated; registry imports stay unknown', () => {
  const files = new Map<string, string>([
    [
      '/ws/shared.bicep',
      "@export()\nvar redisZone = 'privatelink.redis.cache.windows.net'\n@export()\nvar hub = { name: 'vnet-hub' }\n",
    ],
    [
      '/ws/main.bicep',
      [
        "import { redisZone, hub as hubNet } from './shared.bicep'",
        "import * as shared from 'shared.bicep'",
        "import { lockType } from 'br/public:avm/utl/types/avm-common-types:0.6.1'",
        "resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {",
        '  name: redisZone',
        '}',
        "resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {",
        '  parent: zone',
        "  name: contains(shared.redisZone, 'redis') ? 'link-${hubNet.name}' : 'other'",
        '  properties: {',
        "    virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks', shared.hub.name) }",
        '    registrationEnabled: startsWith(redisZone, \'privatelink.\') && endsWith(substring(redisZone, 0, 17), \'.redis\')',
        '  }',
        '}',
        '',
      ].join('\n'),
    ],
  ]);
  const data = bicepToGraph([{ path: '/ws/main.bicep', text: files.get('/ws/main.bicep') as string }], { readFile: (p) => files.get(p) });
  assert.equal(bySymbol(data, 'zone', 'dnsZone').name, 'privatelink.redis.cache.windows.net');
  const link = bySymbol(data, 'link', 'vnetLink');
  assert.equal(link.name, 'link-vnet-hub');
  assert.equal(link.vnetId, '/providers/Microsoft.Network/virtualNetworks/vnet-hub');
  assert.equal(link.registrationEnabled, true);
});

test('cycles through differently spelled paths and self-imports terminate', () => {
  const files = new Map<string, string>([
    ['/ws/dir/a.bicep', "import { x } from './a.bicep'\nvar y = x\nmodule self '../dir/./a.bicep' = {\n  name: 'self'\n}\nresource z 'Microsoft.Network/privateDnsZones@2024-06-01' = {\n  name: '${y}'\n}\n"],
  ]);
  const data = bicepToGraph([{ path: '/ws/dir/a.bicep', text: files.get('/ws/dir/a.bicep') as string }], { readFile: (p) => files.get(p) });
  assert.equal(data.nodes.length, 1);
  assert.ok(isUnknown(data.nodes[0].name));
  assert.ok(data.problems.some((p) => /cycle/.test(p.message)));
});

test('two parameter files of one template: one node per distinct resource', () => {
  const data = graphOf('params/main.bicep', 'params/main.bicepparam', 'params/main.prod.bicepparam');
  const caches = data.nodes.filter((n): n is CacheNode => n.kind === 'cache');
  assert.equal(caches.length, 1, 'the same declaration with the same id is one resource');
  const other = bicepToGraph(
    [readFixture('params', 'main.bicep'), readFixture('params', 'main.bicepparam'), { path: fixtureParams('dev.bicepparam'), text: "using './main.bicep'\nparam cacheName = 'redis-dev'\n" }],
    { readFile: readFromDisk },
  );
  assert.deepEqual(other.nodes.map((n) => n.name).sort(), ['redis-dev', 'redis-from-params'], 'different names are different resources');
});

function fixtureParams(name: string): string {
  return readFixture('params', 'main.bicep').path.replace(/main\.bicep$/, name);
}

test('an AVM element whose name cannot be derived still gets an id (found by the property test)', () => {
  const text = readFixture('avm', 'main.bicep').text.replace("virtualNetworkLinks: [\n      {\n        name: 'link-hub'\n        virtualNetworkResourceId: resourceId('Microsoft.Network/virtualNetworks', 'vnet-hub')", "virtualNetworkLinks: [\n      {\n        virtualNetworkResourceId: vnetIdParam");
  const data = bicepToGraph([{ path: 'avm.bicep', text: `param vnetIdParam string\n${text}` }]);
  const link = bySymbol(data, 'redisZone.virtualNetworkLinks[0]', 'vnetLink');
  assert.equal(link.id, 'design:avm.bicep#redisZone.virtualNetworkLinks[0]');
  assert.ok(data.nodes.every((n) => typeof n.id === 'string' && n.id.length > 0));
});
