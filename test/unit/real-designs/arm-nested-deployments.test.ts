// ARM nested deployments (`Microsoft.Resources/deployments` with an inline template, what `bicep build` makes of a
// module with `scope: resourceGroup(...)`) deploy into the resource group and subscription they name (issue 13):
// the resources declared inside get ids there, so a zone in another group is another zone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { analyseDesign } from '../../../src/lint/analyse';
import { armToGraph } from '../../../src/sources/arm/to-graph';

const ZONE = 'privatelink.redis.cache.windows.net';
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

const zone = { type: 'Microsoft.Network/privateDnsZones', apiVersion: '2024-06-01', name: ZONE, location: 'global' };
const link = (vnet: string) => ({
  type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
  apiVersion: '2024-06-01',
  name: `${ZONE}/link-${vnet}`,
  location: 'global',
  properties: { registrationEnabled: false, virtualNetwork: { id: `[resourceId('Microsoft.Network/virtualNetworks', '${vnet}')]` } },
});

/** A deployment of `resources` into a resource group (and subscription), its template inline. */
function deployment(name: string, target: { resourceGroup?: string; subscriptionId?: string }, resources: object[], scope: 'inner' | 'outer' = 'outer'): object {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name,
    ...target,
    properties: {
      mode: 'Incremental',
      expressionEvaluationOptions: { scope },
      template: { $schema: SCHEMA, contentVersion: '1.0.0.0', resources },
    },
  };
}

/** A cache and its endpoint in the deployment's group; the endpoint registers in `zoneId`. */
function workload(zoneId: string): object[] {
  return [
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
    {
      type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
      apiVersion: '2024-05-01',
      name: 'pe-a/default',
      properties: { privateDnsZoneConfigs: [{ name: 'z', properties: { privateDnsZoneId: zoneId } }] },
    },
  ];
}

const template = (resources: object[]) => JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources }, null, 2);
const findings = (text: string, ruleId: string) => analyseDesign([{ path: 'main.json', text }], DEFAULT_CONFIG).findings.filter((f) => f.ruleId === ruleId);

test('ARM nested deployments: resources declared inside get ids in the resource group and subscription they name', () => {
  const text = template([
    deployment('dns', { resourceGroup: 'rg-dns' }, [zone, link('vnet-hub')]),
    deployment('dns-other-sub', { subscriptionId: '22222222-2222-2222-2222-222222222222', resourceGroup: 'rg-dns-2' }, [zone]),
    // Inner scope: resourceId() without a group means the deployment's own.
    deployment('inner', { resourceGroup: 'rg-inner' }, [{ ...zone, name: 'privatelink.vaultcore.azure.net' }, { ...link('vnet-hub'), name: 'privatelink.vaultcore.azure.net/link', properties: { virtualNetwork: { id: "[resourceId('Microsoft.Network/virtualNetworks', 'vnet-inner')]" } } }], 'inner'),
  ]);
  const nodes = armToGraph({ path: 'main.json', text }).nodes;
  const ids = nodes.map((n) => n.id).sort();
  assert.deepEqual(ids, [
    `/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${ZONE}`,
    `/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${ZONE}/virtualNetworkLinks/link-vnet-hub`,
    '/resourceGroups/rg-inner/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net',
    '/resourceGroups/rg-inner/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net/virtualNetworkLinks/link',
    `/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-dns-2/providers/Microsoft.Network/privateDnsZones/${ZONE}`,
  ]);
  const inner = nodes.find((n) => n.kind === 'vnetLink' && n.id.startsWith('/resourceGroups/rg-inner'));
  assert.equal(inner?.kind === 'vnetLink' && inner.vnetId, '/resourceGroups/rg-inner/providers/Microsoft.Network/virtualNetworks/vnet-inner');
  assert.equal(inner?.kind === 'vnetLink' && inner.zoneId, '/resourceGroups/rg-inner/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net');
});

test('ARM nested deployments: the same zone deployed into two resource groups is a duplicate zone', () => {
  const text = template([
    ...workload(`[resourceId('rg-dns-weu', 'Microsoft.Network/privateDnsZones', '${ZONE}')]`),
    deployment('dns-weu', { resourceGroup: 'rg-dns-weu' }, [zone, link('vnet-hub')]),
    deployment('dns-neu', { resourceGroup: 'rg-dns-neu' }, [zone, link('vnet-hub')]),
  ]);
  const duplicates = findings(text, 'duplicate-private-dns-zone');
  assert.equal(duplicates.length, 1);
  assert.deepEqual(
    (duplicates[0].facts.zoneIds as string[]).map((id) => id.split('/providers/')[0]),
    ['/resourceGroups/rg-dns-weu', '/resourceGroups/rg-dns-neu'],
  );
  // One deployment into one group: one zone, no finding.
  const once = template([...workload(`[resourceId('rg-dns-weu', 'Microsoft.Network/privateDnsZones', '${ZONE}')]`), deployment('dns-weu', { resourceGroup: 'rg-dns-weu' }, [zone, link('vnet-hub')])]);
  assert.deepEqual(findings(once, 'duplicate-private-dns-zone'), []);
});

test('ARM nested deployments: the endpoint registers in the zone of another group, whose copy is not linked: link missing', () => {
  // The template's own group holds a linked copy of the zone; the endpoint uses the copy in rg-dns, linked nowhere.
  const unlinked = template([
    ...workload(`[resourceId('rg-dns', 'Microsoft.Network/privateDnsZones', '${ZONE}')]`),
    zone,
    link('vnet-hub'),
    deployment('dns', { resourceGroup: 'rg-dns' }, [zone]),
  ]);
  assert.deepEqual(findings(unlinked, 'dns-zone-link-missing').map((f) => f.facts.vnetName), ['vnet-hub']);
  // The copy in rg-dns linked to the hub: the chain is whole.
  const linked = template([
    ...workload(`[resourceId('rg-dns', 'Microsoft.Network/privateDnsZones', '${ZONE}')]`),
    zone,
    deployment('dns', { resourceGroup: 'rg-dns' }, [zone, link('vnet-hub')]),
  ]);
  assert.deepEqual(findings(linked, 'dns-zone-link-missing'), []);
});

test('subscriptionResourceId(subscription, type, name) names a subscription, not a resource group', () => {
  const text = template([
    { type: 'Microsoft.Network/privateDnsZones', apiVersion: '2024-06-01', name: ZONE, location: 'global' },
    {
      type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
      apiVersion: '2024-06-01',
      name: `${ZONE}/l`,
      location: 'global',
      properties: { virtualNetwork: { id: "[subscriptionResourceId('33333333-3333-3333-3333-333333333333', 'Microsoft.Network/virtualNetworks', 'v')]" } },
    },
  ]);
  const linkNode = armToGraph({ path: 'main.json', text }).nodes.find((n) => n.kind === 'vnetLink');
  assert.equal(linkNode?.kind === 'vnetLink' && linkNode.vnetId, '/subscriptions/33333333-3333-3333-3333-333333333333/providers/Microsoft.Network/virtualNetworks/v');
});
