import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isKnown, isUnknown } from '../../../src/graph/types';
import type { CacheNode, PrivateEndpointNode, VnetLinkNode, ZoneGroup } from '../../../src/graph/types';
import { bicepToGraph } from '../../../src/sources/bicep/to-graph';
import { bySymbol, graph, graphOf, graphOfText, origin, textAt } from './support';

const REDIS_ZONE_ID = '/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net';

test('a basic design: every resource of interest becomes a node with a resource id', () => {
  const data = graphOf('basic.bicep');
  assert.deepEqual(data.problems, []);
  const cache = bySymbol(data, 'cache', 'cache');
  assert.equal(cache.id, '/providers/Microsoft.Cache/redis/redis-prices-weu');
  assert.equal(cache.sku, 'Premium');
  assert.equal(cache.skuFamily, 'P');
  assert.equal(cache.publicNetworkAccess, 'Disabled');
  assert.equal(cache.enableNonSslPort, false);
  assert.equal(cache.minimumTlsVersion, '1.2');
  assert.equal(cache.apiVersion, '2024-11-01');
  assert.equal(cache.firewallRules.length, 1, 'the nested firewallRules child joins the cache');
  assert.equal(cache.firewallRules[0].startIP, '203.0.113.10');

  const endpoint = bySymbol(data, 'endpoint', 'privateEndpoint');
  assert.equal(endpoint.name, 'pe-redis-prices-weu', 'interpolation of a parameter default');
  assert.equal(endpoint.subnetId, '/providers/Microsoft.Network/virtualNetworks/vnet-hub-weu/subnets/snet-pe', 'hubVnet.properties.subnets[0].id');
  assert.equal(endpoint.connections[0].targetId, cache.id, 'cache.id');
  assert.deepEqual(endpoint.connections[0].groupIds, ['redisCache']);
  assert.ok(Array.isArray(endpoint.zoneGroups));
  assert.equal(endpoint.zoneGroups[0].configs[0].zoneId, REDIS_ZONE_ID, 'the zone group declared with parent: joins the endpoint');

  const link = bySymbol(data, 'zone::hubLink', 'vnetLink');
  assert.equal(link.zoneId, REDIS_ZONE_ID, 'a nested child with a short type');
  assert.equal(link.vnetId, '/providers/Microsoft.Network/virtualNetworks/vnet-hub-weu');
  assert.equal(link.registrationEnabled, false);
  assert.equal(link.id, `${REDIS_ZONE_ID}/virtualNetworkLinks/link-hub`);

  const vnet = bySymbol(data, 'hubVnet', 'vnet');
  assert.deepEqual(vnet.subnets.map((s) => s.name), ['snet-pe', 'snet-app']);

  // The graph resolves everything the endpoint references.
  const g = graph(data);
  assert.equal(g.targetOf(endpoint.connections[0].targetId as string), cache);
  assert.equal(g.linksOf(g.zones[0]).length, 1);
  assert.equal(g.vnetIdOfSubnet(endpoint.subnetId as string), vnet.id);
});

test('origins locate the declaration and exactly the property values rules underline and fix', () => {
  const data = graphOf('basic.bicep');
  const cache = bySymbol(data, 'cache', 'cache');
  const o = origin(cache);
  assert.equal(o.format, 'bicep');
  assert.match(textAt(o.span), /^resource cache 'Microsoft\.Cache\/redis@2024-11-01' = \{/);
  assert.equal(textAt(o.properties['properties.publicNetworkAccess']), "'Disabled'");
  assert.equal(textAt(o.properties['properties.enableNonSslPort']), 'false');
  assert.equal(textAt(o.properties['properties.minimumTlsVersion']), "'1.2'");
  assert.equal(textAt(o.properties['properties.sku.name']), "'Premium'");
  assert.equal(textAt(o.properties.name), 'cacheName', 'a value from a parameter is located at the reference');
  assert.match(textAt(o.propertiesObject), /^\{\s+sku: \{/);
  assert.equal(o.inLoop, false);
  assert.equal(o.conditional, false);

  const endpoint = bySymbol(data, 'endpoint', 'privateEndpoint');
  const path = `${endpoint.connections[0].path}.groupIds[0]`;
  assert.equal(path, 'properties.privateLinkServiceConnections[0].properties.groupIds[0]');
  assert.equal(textAt(origin(endpoint).properties[path]), "'redisCache'");
  const group = Array.isArray(endpoint.zoneGroups) ? endpoint.zoneGroups[0] : assert.fail('zone groups');
  assert.equal(group.origin.kind === 'file' && textAt(group.origin.properties[group.configs[0].path]), 'zone.id');
  const link = bySymbol(data, 'zone::hubLink', 'vnetLink');
  assert.equal(textAt(origin(link).properties['properties.registrationEnabled']), 'false');
});

test('redisEnterprise: sku at the top level, databases give ports, inline zone group, existing VNet with a nested subnet', () => {
  const data = graphOf('enterprise.bicep');
  const amr = bySymbol(data, 'amr', 'cache');
  assert.equal(amr.type, 'Microsoft.Cache/redisEnterprise');
  assert.equal(amr.sku, 'Balanced_B5');
  assert.equal(textAt(origin(amr).properties['sku.name']), "'Balanced_B5'");
  assert.deepEqual(amr.databasePorts, [10000]);
  assert.equal(amr.publicNetworkAccess, 'Enabled');

  const endpoint = bySymbol(data, 'amrEndpoint', 'privateEndpoint');
  assert.equal(endpoint.subnetId, '/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe', 'vnet::peSubnet.id');
  assert.ok(Array.isArray(endpoint.zoneGroups) && endpoint.zoneGroups.length === 1, 'a nested privateDnsZoneGroups child');
  assert.equal(endpoint.zoneGroups[0].configs[0].zoneId, '/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net');

  const vnet = bySymbol(data, 'vnet', 'vnet');
  assert.equal(origin(vnet).existing, true);
  assert.ok(isUnknown(vnet.location), 'properties of an existing resource are unknown');
  assert.deepEqual(vnet.subnets.map((s) => s.name), ['snet-pe']);
});

test('an existing cache is a node whose properties are unknown', () => {
  const data = graphOfText(`
resource cache 'Microsoft.Cache/redis@2024-11-01' existing = {
  name: 'redis-elsewhere'
}
resource pe 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe'
  properties: {
    privateLinkServiceConnections: [
      {
        name: 'c'
        properties: {
          privateLinkServiceId: cache.id
          groupIds: [
            'redisCache'
          ]
        }
      }
    ]
  }
}
`);
  const cache = bySymbol(data, 'cache', 'cache');
  assert.equal(cache.id, '/providers/Microsoft.Cache/redis/redis-elsewhere');
  assert.ok(isUnknown(cache.publicNetworkAccess));
  assert.ok(isUnknown(cache.sku));
  assert.ok(isUnknown(cache.enableNonSslPort));
  assert.equal(bySymbol(data, 'pe', 'privateEndpoint').connections[0].targetId, cache.id);
});

test('a loop over a known collection is one node per item, marked inLoop; a condition marks the node', () => {
  const data = graphOf('loops.bicep');
  const endpoints = data.nodes.filter((n): n is PrivateEndpointNode => n.kind === 'privateEndpoint');
  assert.deepEqual(endpoints.map((e) => e.name), ['pe-redis-0', 'pe-redis-1', 'pe-redis-2'], 'one node per item of the parameter default');
  assert.ok(endpoints.every((e) => origin(e).inLoop === true));
  assert.deepEqual(endpoints.map((e) => e.subnetId), ['a', 'b', 'c'].map((s) => `/providers/Microsoft.Network/virtualNetworks/vnet-spoke-${s}/subnets/snet-pe`));
  assert.deepEqual(endpoints[0].connections[0].groupIds, ['redis']);
  const links = data.nodes.filter((n): n is VnetLinkNode => n.kind === 'vnetLink');
  assert.deepEqual(links.map((l) => l.vnetId), ['a', 'b', 'c'].map((s) => `/providers/Microsoft.Network/virtualNetworks/vnet-spoke-${s}`));
  assert.ok(links.every((l) => origin(l).inLoop === true));
  const cache = bySymbol(data, 'cache', 'cache');
  assert.equal(cache.firewallRules.length, 1);
  assert.equal(cache.firewallRules[0].origin.kind === 'file' && cache.firewallRules[0].origin.conditional, true);
});

test('a condition known to be false leaves the resource out', () => {
  const data = graphOfText(`
param withZone bool = false
resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = if (withZone) {
  name: 'privatelink.redis.cache.windows.net'
}
resource zone2 'Microsoft.Network/privateDnsZones@2024-06-01' = if (!withZone) {
  name: 'privatelink.redisenterprise.cache.azure.net'
}
`);
  assert.deepEqual(data.nodes.map((n) => n.name), ['privatelink.redisenterprise.cache.azure.net']);
  assert.equal(origin(data.nodes[0]).conditional, true);
});

test('parameters without default stay unknown; literal defaults are values; synthetic ids when names are unknown', () => {
  const data = graphOf('unknown-params.bicep');
  const cache = bySymbol(data, 'cache', 'cache');
  assert.match(cache.id, /^design:.*unknown-params\.bicep#cache$/);
  assert.ok(isUnknown(cache.name));
  assert.ok(isUnknown(cache.publicNetworkAccess));
  assert.match((cache.publicNetworkAccess as { why: string }).why, /publicAccess/);
  assert.equal(cache.sku, 'Standard', 'a literal default is the value');
  assert.equal(cache.skuFamily, 'C', 'a ternary on a known value');
  const endpoint = bySymbol(data, 'endpoint', 'privateEndpoint');
  assert.equal(endpoint.connections[0].targetId, cache.id, 'a synthetic id still resolves');
  const groupIds = endpoint.connections[0].groupIds;
  assert.ok(Array.isArray(groupIds) && isUnknown(groupIds[0]));
  assert.ok(isUnknown(endpoint.connections[1].targetId));
  assert.equal(graph(data).targetOf(cache.id), cache);
});

test('cross-file: a zone group naming the zone by resourceId() resolves to the zone of another file', () => {
  const data = graphOf('cross-file/dns.bicep', 'cross-file/cache.bicep');
  assert.deepEqual(data.problems, []);
  const g = graph(data);
  const endpoint = bySymbol(data, 'endpoint', 'privateEndpoint');
  const groups = endpoint.zoneGroups;
  assert.ok(Array.isArray(groups) && groups.length === 1, "the zone group named '${endpoint.name}/default' joins its endpoint");
  const zone = g.resolveKind(groups[0].configs[0].zoneId as string, 'dnsZone');
  assert.ok(zone, 'the zone of dns.bicep');
  assert.equal(origin(zone).span.file.endsWith('dns.bicep'), true);
  assert.equal(g.linksOf(zone).length, 1);
  assert.ok(g.sameVnet(g.vnetIdOfSubnet(endpoint.subnetId as string) as string, g.linksOf(zone)[0].vnetId as string));
  const vnet = bySymbol(data, 'hub', 'vnet');
  assert.deepEqual(vnet.subnets.map((s) => s.name), ['snet-pe'], 'a subnet child resource with parent:');
});

test('an existing reference to a resource another file declares does not duplicate it', () => {
  const zoneFile = { path: 'zones.bicep', text: "resource z 'Microsoft.Network/privateDnsZones@2024-06-01' = {\n  name: 'privatelink.redis.cache.windows.net'\n}\n" };
  const linkFile = {
    path: 'links.bicep',
    text: [
      "resource z 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {",
      "  name: 'privatelink.redis.cache.windows.net'",
      "  resource l 'virtualNetworkLinks@2024-06-01' = {",
      "    name: 'hub'",
      '    properties: {',
      "      virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks', 'hub') }",
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'),
  };
  const data = bicepToGraph([zoneFile, linkFile]);
  const zones = data.nodes.filter((n) => n.kind === 'dnsZone');
  assert.equal(zones.length, 1);
  assert.equal(origin(zones[0]).existing, undefined, 'the declaration is kept, not the reference');
  const g = graph(data);
  assert.equal(g.linksOf(g.zones[0]).length, 1, 'the link declared under the existing reference belongs to the zone');
});

test('a malformed file yields a syntax-error problem at the broken spot and nodes for the rest', () => {
  const data = graphOf('malformed.bicep');
  assert.ok(data.problems.length > 0);
  assert.ok(data.problems.every((p) => p.ruleId === 'syntax-error'));
  assert.equal(data.problems[0].span.range.start.line, 15, 'the unterminated string');
  assert.ok(bySymbol(data, 'cache', 'cache'));
  const endpoint = bySymbol(data, 'endpoint', 'privateEndpoint');
  assert.deepEqual(endpoint.connections[0].groupIds, ['redisEnterprise'], 'the declaration after the error is read');
});

test('suppression comments become suppressions for the next line', () => {
  const data = graphOf('suppressed.bicep');
  const suppressions = data.suppressions ?? [];
  assert.equal(suppressions.length, 2);
  assert.deepEqual(suppressions[0].ruleIds, ['public-network-access-enabled', 'non-tls-port-enabled']);
  const cache = bySymbol(data, 'cache', 'cache');
  assert.equal(suppressions[0].line, origin(cache).properties['properties.publicNetworkAccess'].range.start.line);
  const endpoint = bySymbol(data, 'endpoint', 'privateEndpoint');
  assert.equal(suppressions[1].line, origin(endpoint).properties['properties.privateLinkServiceConnections[0].properties.groupIds[0]'].range.start.line);
  assert.deepEqual(suppressions[1].ruleIds, ['group-id-mismatch']);
});

test('never throws on hostile input', () => {
  const inputs = [
    '',
    'resource',
    "resource x 'Microsoft.Cache/redis@2024-11-01' = ",
    "resource x 'Microsoft.Cache/redis@2024-11-01' = {\n name: x.name\n properties: x.properties\n}",
    "var a = b\nvar b = a\nresource x 'Microsoft.Cache/redis@1' = { name: a }",
    "resource p 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@1' = { parent: p\n name: 'x' }",
    `var deep = ${'['.repeat(500)}${']'.repeat(500)}`,
    "module m 'm.bicep' = { params: { a: m.outputs.x } }",
    "resource r 'Microsoft.Cache/redis@2024-11-01' = [for i in range(0, 100000000): { name: 'r${i}' }]",
  ];
  for (const text of inputs) {
    assert.doesNotThrow(() => graphOfText(text, 'm.bicep'), text);
  }
  const selfParent = graphOfText(inputs[5]);
  assert.equal(selfParent.nodes.length, 0);
  const cyclic = graphOfText(inputs[4]);
  assert.ok(isUnknown((cyclic.nodes[0] as CacheNode).name));
});

test('known values flow through vars, string functions, ternaries and ??', () => {
  const data = graphOfText(`
param prefix string = 'Prices'
param pna string?
var names = {
  cache: toLower('\${prefix}-cache')
}
var tls = true ? '1.2' : '1.0'
resource cache 'Microsoft.Cache/redis@2024-11-01' = {
  name: names.cache
  properties: {
    sku: {
      name: concat('Prem', 'ium')
      family: 'P'
      capacity: length([1, 2])
    }
    minimumTlsVersion: tls
    publicNetworkAccess: pna ?? 'Enabled'
    redisVersion: format('{0}.{1}', 6, 0)
  }
}
`);
  const cache = bySymbol(data, 'cache', 'cache');
  assert.equal(cache.name, 'prices-cache');
  assert.equal(cache.sku, 'Premium');
  assert.equal(cache.capacity, 2);
  assert.equal(cache.minimumTlsVersion, '1.2');
  assert.ok(isUnknown(cache.publicNetworkAccess), 'a nullable parameter without default is unknown, so ?? cannot decide');
});

test('resourceId variants build ids that resolve by key', () => {
  const data = graphOfText(`
resource pe 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe'
  properties: {
    subnet: {
      id: resourceId('00000000-0000-0000-0000-000000000000', 'rg-net', 'Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'snet-pe')
    }
    privateLinkServiceConnections: [
      {
        name: 'a'
        properties: {
          privateLinkServiceId: resourceId('rg-cache', 'Microsoft.Cache/redis', 'r1')
          groupIds: [ 'redisCache' ]
        }
      }
      {
        name: 'b'
        properties: {
          privateLinkServiceId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Cache/redisEnterprise/r2'
          groupIds: [ 'redisEnterprise' ]
        }
      }
    ]
  }
}
`);
  const pe = bySymbol(data, 'pe', 'privateEndpoint');
  assert.equal(pe.subnetId, '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-pe');
  assert.equal(pe.connections[0].targetId, '/resourceGroups/rg-cache/providers/Microsoft.Cache/redis/r1');
  assert.equal(pe.connections[1].targetId, '/subscriptions/s/resourceGroups/g/providers/Microsoft.Cache/redisEnterprise/r2');
  assert.ok(isKnown(pe.connections[1].groupIds));
});

test('connections or zone configs given by unknown values are unknown, never an empty list', () => {
  const data = graphOfText(`
param connections array
param zoneConfigs array
resource pe 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-opaque'
  properties: {
    privateLinkServiceConnections: connections
  }
  resource group 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: zoneConfigs
    }
  }
}
`);
  const pe = bySymbol(data, 'pe', 'privateEndpoint');
  assert.equal(pe.connections.length, 1, 'a placeholder connection');
  assert.ok(isUnknown(pe.connections[0].targetId));
  assert.ok(isUnknown(pe.connections[0].groupIds));
  assert.ok(isUnknown(pe.zoneGroups), 'a zone group whose zones are unknown makes the groups unknown');
});

test('AVM private endpoints carry the cache tags unless they have their own', () => {
  const data = graphOfText(`
module cache 'br/public:avm/res/cache/redis:0.16.0' = {
  name: 'cache'
  params: {
    name: 'redis-tags'
    tags: {
      owner: 'platform'
    }
    privateEndpoints: [
      {
        subnetResourceId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 's')
      }
      {
        subnetResourceId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 's')
        tags: {
          owner: 'app'
        }
      }
    ]
  }
}
`);
  const endpoints = data.nodes.filter((n): n is PrivateEndpointNode => n.kind === 'privateEndpoint');
  assert.deepEqual(endpoints.map((e) => e.tags), [{ owner: 'platform' }, { owner: 'app' }]);
  assert.deepEqual(endpoints.map((e) => e.name), ['pep-redis-tags-redisCache-0', 'pep-redis-tags-redisCache-1']);
});

test('array comprehensions over known arrays are expanded; over unknown ones they are unknown', () => {
  const data = graphOfText(`
var zones = [
  'privatelink.redis.cache.windows.net'
  'privatelink.redisenterprise.cache.azure.net'
]
param more array
resource pe 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-loop-configs'
  properties: {
    privateLinkServiceConnections: []
  }
  resource group 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [for (zone, i) in zones: {
        name: 'config-\${i}'
        properties: {
          privateDnsZoneId: resourceId('Microsoft.Network/privateDnsZones', zone)
        }
      }]
    }
  }
}
resource pe2 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-unknown-configs'
  properties: {}
  resource group 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [for zone in more: {
        properties: {
          privateDnsZoneId: zone
        }
      }]
    }
  }
}
`);
  const pe = bySymbol(data, 'pe', 'privateEndpoint');
  const groups = Array.isArray(pe.zoneGroups) ? (pe.zoneGroups as readonly ZoneGroup[]) : assert.fail('zone groups are known');
  assert.deepEqual(groups[0].configs.map((c) => [c.name, c.zoneId]), [
    ['config-0', '/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net'],
    ['config-1', '/providers/Microsoft.Network/privateDnsZones/privatelink.redisenterprise.cache.azure.net'],
  ]);
  assert.deepEqual(pe.connections, [], 'an empty list is known to be empty');
  assert.ok(isUnknown(bySymbol(data, 'pe2', 'privateEndpoint').zoneGroups));
});

test('origins serialise with their property spans', () => {
  const data = graphOf('basic.bicep');
  const json = JSON.parse(JSON.stringify(bySymbol(data, 'cache', 'cache').origin));
  assert.equal(json.kind, 'file');
  assert.equal(json.format, 'bicep');
  assert.ok(json.properties['properties.publicNetworkAccess'].range.start.line > 0);
  assert.equal(json.symbol, 'cache');
});

test('resourceId() with the wrong number of names is unknown, not a wrong id', () => {
  const data = graphOfText(`
resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.redis.cache.windows.net/hub'
  properties: {
    virtualNetwork: {
      id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub')
    }
  }
}
`);
  const link = bySymbol(data, 'link', 'vnetLink');
  assert.ok(isUnknown(link.vnetId));
  assert.match((link.vnetId as { why: string }).why, /takes 2 name\(s\), got 1/);
});

test('A record sets of a zone become aRecord nodes', () => {
  const data = graphOfText(`
resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.redis.cache.windows.net'
  resource rec 'A@2024-06-01' = {
    name: 'redis-prices'
    properties: {
      ttl: 10
      aRecords: [
        {
          ipv4Address: '10.0.1.4'
        }
      ]
    }
  }
}
resource rec2 'Microsoft.Network/privateDnsZones/A@2024-06-01' = {
  parent: zone
  name: 'redis-other'
  properties: {
    aRecords: [
      { ipv4Address: '10.0.1.5' }
    ]
  }
}
`);
  const g = graph(data);
  const zone = g.zones[0];
  assert.deepEqual(g.recordsOf(zone).map((r) => [r.recordName, r.ipv4Addresses]), [
    ['redis-prices', ['10.0.1.4']],
    ['redis-other', ['10.0.1.5']],
  ]);
});
