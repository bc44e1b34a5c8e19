// Loops over known collections are evaluated item by item (issue 13): a VNet missing from a zone's link list is
// reported, an empty list too; a collection that is really unknown keeps one body with Unknown loop variables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { analyseDesign } from '../../../src/lint/analyse';
import type { VnetLinkNode } from '../../../src/graph/types';
import { isUnknown } from '../../../src/graph/types';
import { bicepToGraph } from '../../../src/sources/bicep/to-graph';

/** A cache with one endpoint in vnet-hub, its zone group and zone; `links` declares the zone's links. */
function design(links: string, extra = ''): string {
  return `${extra}
resource cache 'Microsoft.Cache/redis@2024-11-01' = {
  name: 'redis-a'
  location: 'westeurope'
  properties: { sku: { name: 'Premium', family: 'P', capacity: 1 }, publicNetworkAccess: 'Disabled' }
}
resource pe 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-a'
  location: 'westeurope'
  properties: {
    subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'snet-pe') }
    privateLinkServiceConnections: [ { name: 'c', properties: { privateLinkServiceId: cache.id, groupIds: [ 'redisCache' ] } } ]
  }
}
resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.redis.cache.windows.net'
  location: 'global'
}
resource group 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: pe
  name: 'default'
  properties: { privateDnsZoneConfigs: [ { name: 'z', properties: { privateDnsZoneId: zone.id } } ] }
}
${links}
`;
}

const linkLoop = (collection: string, item = 'vnet', vnetExpr = 'vnet') => `
resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [for ${item} in ${collection}: {
  parent: zone
  name: 'link-\${${vnetExpr}}'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks', ${vnetExpr}) }
  }
}]`;

function missingLinks(text: string, files: { path: string; text: string }[] = []): string[] {
  const all = [{ path: 'main.bicep', text }, ...files];
  return analyseDesign(all, DEFAULT_CONFIG, { readFile: (p) => all.find((f) => f.path === p)?.text })
    .findings.filter((f) => f.ruleId === 'dns-zone-link-missing')
    .map((f) => String(f.facts.vnetName));
}

const cases: [string, string, string][] = [
  ['a literal array', linkLoop(`[ 'vnet-spoke-a', 'vnet-spoke-b' ]`), ''],
  ['a parameter with a default', linkLoop('linkedVnets'), `param linkedVnets array = [ 'vnet-spoke-a' ]`],
  ['a variable', linkLoop('linkedVnets'), `var linkedVnets = [ 'vnet-spoke-a' ]`],
  ['range()', linkLoop('range(0, 2)', 'i', "'vnet-spoke-\${i}'"), ''],
  ['items()', linkLoop('items(spokes)', 'spoke', 'spoke.value'), `var spokes = { a: 'vnet-spoke-a', b: 'vnet-spoke-b' }`],
  ['an indexed loop', linkLoop('linkedVnets', '(vnet, i)', 'linkedVnets[i]'), `var linkedVnets = [ 'vnet-spoke-a' ]`],
];

for (const [what, links, extra] of cases) {
  test(`a zone link loop over ${what}: the endpoint's VNet missing from the list is reported`, () => {
    assert.deepEqual(missingLinks(design(links, extra)), ['vnet-hub']);
  });
}

test('a zone link loop that includes the endpoint VNet is clean; one that lists no VNet at all is reported', () => {
  assert.deepEqual(missingLinks(design(linkLoop('linkedVnets'), `param linkedVnets array = [ 'vnet-spoke-a', 'vnet-hub' ]`)), []);
  assert.deepEqual(missingLinks(design(linkLoop('linkedVnets'), 'param linkedVnets array = []')), ['vnet-hub']);
});

test('a filtered loop keeps only the items whose condition holds', () => {
  const links = `
resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [for vnet in linkedVnets: if (vnet.link) {
  parent: zone
  name: 'link-\${vnet.name}'
  properties: { registrationEnabled: false, virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks', vnet.name) } }
}]`;
  const extra = `param linkedVnets array = [ { name: 'vnet-hub', link: false }, { name: 'vnet-spoke-a', link: true } ]`;
  assert.deepEqual(missingLinks(design(links, extra)), ['vnet-hub']);
  const data = bicepToGraph([{ path: 'main.bicep', text: design(links, extra) }]);
  assert.deepEqual(data.nodes.filter((n): n is VnetLinkNode => n.kind === 'vnetLink').map((l) => l.name), ['link-vnet-spoke-a']);
});

test('a loop over a parameter without default stays one body with Unknown loop variables: no finding', () => {
  const text = design(linkLoop('linkedVnets'), 'param linkedVnets array');
  assert.deepEqual(missingLinks(text), []);
  const links = bicepToGraph([{ path: 'main.bicep', text }]).nodes.filter((n): n is VnetLinkNode => n.kind === 'vnetLink');
  assert.equal(links.length, 1);
  assert.ok(isUnknown(links[0].vnetId) && /parameter 'linkedVnets' has no default/.test(links[0].vnetId.why));
});

test('a .bicepparam value makes the collection known', () => {
  const text = design(linkLoop('linkedVnets'), 'param linkedVnets array');
  const params = { path: 'main.bicepparam', text: `using './main.bicep'\nparam linkedVnets = [ 'vnet-spoke-a' ]\n` };
  assert.deepEqual(missingLinks(text, [params]), ['vnet-hub']);
});

test('a loop over more than 1,000 items is not expanded: one body, and the reason says so', () => {
  const text = design(linkLoop('range(0, 1001)', 'i', "'vnet-\${i}'"));
  const links = bicepToGraph([{ path: 'main.bicep', text }]).nodes.filter((n): n is VnetLinkNode => n.kind === 'vnetLink');
  assert.equal(links.length, 1);
  assert.ok(isUnknown(links[0].vnetId) && /1001 items, more than the 1000/.test(links[0].vnetId.why), JSON.stringify(links[0].vnetId));
  assert.deepEqual(missingLinks(text), []);
  // 1,000 is still expanded.
  const expanded = bicepToGraph([{ path: 'main.bicep', text: design(linkLoop('range(0, 1000)', 'i', "'vnet-\${i}'")) }]);
  assert.equal(expanded.nodes.filter((n) => n.kind === 'vnetLink').length, 1000);
});

test('a module loop over an unknown collection keeps one instance with Unknown items; nested loops share one budget', () => {
  const net = { path: 'net.bicep', text: "param vnetName string\nresource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: vnetName\n}\n" };
  const main = (collection: string, extra = '') => `${extra}\nmodule net './net.bicep' = [for spoke in ${collection}: {\n  name: 'net-\${spoke}'\n  params: { vnetName: spoke }\n}]\n`;
  const graphOf = (text: string) => bicepToGraph([{ path: 'main.bicep', text }], { readFile: (p) => (p === 'net.bicep' ? net.text : undefined) });
  const unknownLoop = graphOf(main('spokes', 'param spokes array')).nodes.filter((n) => n.kind === 'vnet');
  assert.equal(unknownLoop.length, 1);
  assert.ok(isUnknown(unknownLoop[0].name));
  // 30 module iterations each looping over 1,000 items: the budget (20,000 in all) stops the expansion.
  const inner = { path: 'net.bicep', text: "param vnetName string\nresource vnets 'Microsoft.Network/virtualNetworks@2024-05-01' = [for i in range(0, 1000): {\n  name: '${vnetName}-${i}'\n}]\n" };
  const data = bicepToGraph([{ path: 'main.bicep', text: main('range(0, 30)') }], { readFile: (p) => (p === 'net.bicep' ? inner.text : undefined) });
  const vnets = data.nodes.filter((n) => n.kind === 'vnet');
  assert.ok(vnets.length <= 20_000 + 30, `bounded: ${vnets.length}`);
  assert.ok(vnets.some((v) => isUnknown(v.name) && /in all/.test(v.name.why)), 'the loops beyond the budget say why');
});
