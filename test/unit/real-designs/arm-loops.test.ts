// ARM resource `copy` loops with a known count are evaluated iteration by iteration (issue 13), as `bicep build`
// writes a Bicep loop: `count: length(parameters('vnets'))` and `parameters('vnets')[copyIndex()]` in the body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { analyseDesign } from '../../../src/lint/analyse';
import type { VnetLinkNode } from '../../../src/graph/types';
import { isUnknown } from '../../../src/graph/types';
import { armToGraph } from '../../../src/sources/arm/to-graph';

function template(vnetsParameter: object, link: object = {}): string {
  return JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { vnets: vnetsParameter },
    resources: [
      { type: 'Microsoft.Cache/redis', apiVersion: '2024-11-01', name: 'redis-a', location: 'westeurope', properties: { sku: { name: 'Premium', family: 'P', capacity: 1 }, publicNetworkAccess: 'Disabled' } },
      {
        type: 'Microsoft.Network/privateEndpoints',
        apiVersion: '2024-05-01',
        name: 'pe-a',
        location: 'westeurope',
        properties: {
          subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'snet-pe')]" },
          privateLinkServiceConnections: [{ name: 'c', properties: { privateLinkServiceId: "[resourceId('Microsoft.Cache/redis', 'redis-a')]", groupIds: ['redisCache'] } }],
        },
      },
      { type: 'Microsoft.Network/privateDnsZones', apiVersion: '2024-06-01', name: 'privatelink.redis.cache.windows.net', location: 'global' },
      {
        type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
        apiVersion: '2024-05-01',
        name: 'pe-a/default',
        properties: { privateDnsZoneConfigs: [{ name: 'z', properties: { privateDnsZoneId: "[resourceId('Microsoft.Network/privateDnsZones', 'privatelink.redis.cache.windows.net')]" } }] },
      },
      {
        type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
        apiVersion: '2024-06-01',
        name: "[format('{0}/{1}', 'privatelink.redis.cache.windows.net', format('link-{0}', parameters('vnets')[copyIndex()]))]",
        location: 'global',
        copy: { name: 'links', count: "[length(parameters('vnets'))]" },
        properties: { registrationEnabled: false, virtualNetwork: { id: "[resourceId('Microsoft.Network/virtualNetworks', parameters('vnets')[copyIndex()])]" } },
        ...link,
      },
    ],
  }, null, 2);
}

function missingLinks(text: string): string[] {
  return analyseDesign([{ path: 'main.json', text }], DEFAULT_CONFIG)
    .findings.filter((f) => f.ruleId === 'dns-zone-link-missing')
    .map((f) => String(f.facts.vnetName));
}

const links = (text: string) => armToGraph({ path: 'main.json', text }).nodes.filter((n): n is VnetLinkNode => n.kind === 'vnetLink');

test('ARM copy loop over a parameter default: one link per item; the endpoint VNet missing from the list is reported', () => {
  const text = template({ type: 'array', defaultValue: ['vnet-spoke-a', 'vnet-spoke-b'] });
  assert.deepEqual(links(text).map((l) => l.name), ['link-vnet-spoke-a', 'link-vnet-spoke-b']);
  assert.deepEqual(missingLinks(text), ['vnet-hub']);
  assert.deepEqual(missingLinks(template({ type: 'array', defaultValue: ['vnet-spoke-a', 'vnet-hub'] })), []);
});

test('ARM copy loop with a count of 0 declares no link: reported', () => {
  assert.deepEqual(links(template({ type: 'array', defaultValue: [] })), []);
  assert.deepEqual(missingLinks(template({ type: 'array', defaultValue: [] })), ['vnet-hub']);
});

test('ARM copy loop over a parameter without default stays one Unknown body: no finding', () => {
  const text = template({ type: 'array' });
  assert.equal(links(text).length, 1);
  const vnetId = links(text)[0].vnetId;
  assert.ok(isUnknown(vnetId) || String(vnetId).startsWith('design:'), `a VNet whose name is not known: ${JSON.stringify(vnetId)}`);
  assert.deepEqual(missingLinks(text), []);
});

test('ARM filtered copy loop: a condition on copyIndex() is decided per iteration', () => {
  const text = template(
    { type: 'array', defaultValue: ['vnet-hub', 'vnet-spoke-a'] },
    { condition: "[not(equals(parameters('vnets')[copyIndex()], 'vnet-hub'))]" },
  );
  assert.deepEqual(links(text).map((l) => l.name), ['link-vnet-spoke-a']);
  assert.deepEqual(missingLinks(text), ['vnet-hub']);
});

test('ARM copy loop beyond 1,000 iterations is not expanded', () => {
  const text = template({ type: 'array', defaultValue: [] }, { copy: { name: 'links', count: 1001 } });
  assert.equal(links(text).length, 1);
  assert.deepEqual(missingLinks(text), []);
});

test('copy loops of resources the graph does not read (role assignments, a module of them) are not expanded and do not spend the loop budget', () => {
  // 20 role-assignment loops and 1 module loop of 1,000 iterations each: 21,000 iterations, above the design's
  // 20,000 (loop-limits.ts). Only the zone-link loop after them is one the graph reads: it is still expanded.
  const roleLoops = Array.from({ length: 20 }, (_, i) => ({
    type: 'Microsoft.Authorization/roleAssignments',
    apiVersion: '2022-04-01',
    name: `[guid('ra-${i}', string(copyIndex()))]`,
    copy: { name: `ra${i}`, count: 1000 },
    properties: { roleDefinitionId: 'x', principalId: "[string(copyIndex())]" },
  }));
  const moduleLoop = {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name: "[format('locks-{0}', copyIndex())]",
    copy: { name: 'locks', count: 1000 },
    properties: {
      mode: 'Incremental',
      expressionEvaluationOptions: { scope: 'inner' },
      template: {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [{ type: 'Microsoft.Authorization/locks', apiVersion: '2020-05-01', name: 'lock', properties: { level: 'CanNotDelete' } }],
      },
    },
  };
  const base = JSON.parse(template({ type: 'array', defaultValue: ['vnet-spoke-a', 'vnet-hub'] })) as { resources: object[] };
  const text = JSON.stringify({ ...base, resources: [...roleLoops, moduleLoop, ...base.resources] });
  assert.deepEqual(links(text).map((l) => l.name), ['link-vnet-spoke-a', 'link-vnet-hub']);
  assert.deepEqual(missingLinks(text), []);
});
