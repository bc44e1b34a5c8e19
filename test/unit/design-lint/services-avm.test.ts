// Azure Verified Modules of every family: network.bicep (the AVM virtual network and private DNS zone modules)
// and service.bicep (the service's AVM resource module with its shared `privateEndpoints` parameter). The correct
// design is silent; a wrong `service`, a wrong zone, a missing zone group, a missing link and open public access
// are each found, underlined in the user's file. Zones are written out here as Microsoft's page gives them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from './support';

interface AvmFamily {
  readonly module: string;
  readonly service: string;
  readonly wrongService: string;
  readonly zone: string;
  readonly wrongZone: string;
  /** Whether the module's `publicNetworkAccess` parameter is the type's public-access switch. */
  readonly access: boolean;
}

const FAMILIES: readonly AvmFamily[] = [
  { module: 'storage/storage-account:0.14.0', service: 'file', wrongService: 'files', zone: 'privatelink.file.core.windows.net', wrongZone: 'privatelink.blob.core.windows.net', access: true },
  { module: 'key-vault/vault:0.11.0', service: 'vault', wrongService: 'keyvault', zone: 'privatelink.vaultcore.azure.net', wrongZone: 'privatelink.vault.azure.net', access: true },
  { module: 'sql/server:0.10.0', service: 'sqlServer', wrongService: 'sqlserver-db', zone: 'privatelink.database.windows.net', wrongZone: 'privatelink.database.usgovcloudapi.net', access: true },
  { module: 'document-db/database-account:0.10.0', service: 'MongoDB', wrongService: 'Mongo', zone: 'privatelink.mongo.cosmos.azure.com', wrongZone: 'privatelink.documents.azure.com', access: true },
  { module: 'db-for-postgre-sql/flexible-server:0.9.0', service: 'postgresqlServer', wrongService: 'postgres', zone: 'privatelink.postgres.database.azure.com', wrongZone: 'privatelink.mysql.database.azure.com', access: true },
  { module: 'db-for-my-sql/flexible-server:0.6.0', service: 'mysqlServer', wrongService: 'mysql', zone: 'privatelink.mysql.database.azure.com', wrongZone: 'privatelink.postgres.database.azure.com', access: true },
  { module: 'container-registry/registry:0.6.0', service: 'registry', wrongService: 'registries', zone: 'privatelink.azurecr.io', wrongZone: 'privatelink.azconfig.io', access: true },
  { module: 'service-bus/namespace:0.11.0', service: 'namespace', wrongService: 'servicebus', zone: 'privatelink.servicebus.windows.net', wrongZone: 'privatelink.eventgrid.azure.net', access: true },
  { module: 'event-hub/namespace:0.9.0', service: 'namespace', wrongService: 'eventhub', zone: 'privatelink.servicebus.windows.net', wrongZone: 'privatelink.eventgrid.azure.net', access: true },
  { module: 'web/site:0.12.0', service: 'sites', wrongService: 'site', zone: 'privatelink.azurewebsites.net', wrongZone: 'privatelink.azurestaticapps.net', access: true },
  { module: 'cognitive-services/account:0.9.0', service: 'account', wrongService: 'openai', zone: 'privatelink.cognitiveservices.azure.com', wrongZone: 'privatelink.search.windows.net', access: true },
  { module: 'app-configuration/configuration-store:0.6.0', service: 'configurationStores', wrongService: 'appconfig', zone: 'privatelink.azconfig.io', wrongZone: 'privatelink.azurecr.io', access: true },
  { module: 'insights/private-link-scope:0.7.0', service: 'azuremonitor', wrongService: 'monitor', zone: 'privatelink.ods.opinsights.azure.com', wrongZone: 'privatelink.vaultcore.azure.net', access: false },
];

interface Variant {
  readonly service?: string;
  readonly zone?: string;
  readonly zoneGroup?: boolean;
  readonly link?: boolean;
  readonly access?: string;
}

function design(family: AvmFamily, variant: Variant = {}): Workspace {
  const zone = variant.zone ?? family.zone;
  const network = [
    "module vnet 'br/public:avm/res/network/virtual-network:0.5.0' = {",
    "  name: 'vnet'",
    "  params: { name: 'vnet-app', addressPrefixes: [ '10.0.0.0/16' ], subnets: [ { name: 'endpoints', addressPrefix: '10.0.1.0/24' } ] }",
    '}',
    "module zone 'br/public:avm/res/network/private-dns-zone:0.7.0' = {",
    "  name: 'zone'",
    `  params: { name: '${zone}'${variant.link === false ? '' : ', virtualNetworkLinks: [ { virtualNetworkResourceId: vnet.outputs.resourceId } ]'} }`,
    '}',
  ].join('\n');
  const group =
    variant.zoneGroup === false
      ? ''
      : `, privateDnsZoneGroup: { privateDnsZoneGroupConfigs: [ { privateDnsZoneResourceId: resourceId('Microsoft.Network/privateDnsZones', '${zone}') } ] }`;
  const service = [
    `module target 'br/public:avm/res/${family.module}' = {`,
    "  name: 'target'",
    '  params: {',
    "    name: 'target1'",
    ...(family.access ? [`    publicNetworkAccess: '${variant.access ?? 'Disabled'}'`] : []),
    `    privateEndpoints: [ { service: '${variant.service ?? family.service}', subnetResourceId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-app', 'endpoints')${group} } ]`,
    '  }',
    '}',
  ].join('\n');
  return new Workspace([
    { path: '/w/network.bicep', text: network },
    { path: '/w/service.bicep', text: service },
  ]);
}

const ruleIds = (ws: Workspace) => ws.findings().map((f) => f.ruleId).sort();

for (const family of FAMILIES) {
  const name = family.module.split(':')[0];
  test(`AVM ${name}: the correct design is silent; each broken link is found`, () => {
    assert.deepEqual(ruleIds(design(family)), []);
    const group = design(family, { service: family.wrongService }).findings('group-id-mismatch');
    assert.equal(group.length, 1);
    // Underlined at the element's `service`, in the user's file.
    assert.ok(group[0].location.kind === 'file' && group[0].location.span.file === '/w/service.bicep');
    assert.equal(design(family, { zone: family.wrongZone }).findings('dns-zone-mismatch').length, 1);
    assert.equal(design(family, { zoneGroup: false }).findings('dns-zone-group-missing').length, 1);
    assert.equal(design(family, { link: false }).findings('dns-zone-link-missing').length, 1);
    if (family.access) {
      const open = design(family, { access: 'Enabled' });
      const findings = open.findings('public-network-access-enabled');
      assert.equal(findings.length, 1, ruleIds(open).join(', '));
      assert.ok(open.apply(findings[0].fixes[0]) > 0);
      assert.match(open.text('/w/service.bicep'), /publicNetworkAccess: 'Disabled'/);
    }
  });
}

test('AVM: an omitted publicNetworkAccess is the module\'s to decide, never reported', () => {
  const storage = FAMILIES[0];
  const ws = design(storage);
  const text = ws.text('/w/service.bicep').replace("    publicNetworkAccess: 'Disabled'\n", '');
  const omitted = new Workspace([
    { path: '/w/network.bicep', text: ws.text('/w/network.bicep') },
    { path: '/w/service.bicep', text },
  ]);
  assert.deepEqual(ruleIds(omitted), []);
});
