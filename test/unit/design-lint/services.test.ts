// Every Private Link service family, as a two-file Bicep design (network.bicep: VNet, zone, link; service.bicep:
// the target, its endpoint and zone group) in each cloud Microsoft documents it for: the correct design is silent,
// and a wrong group id, a wrong zone, a missing zone group, a missing link and open public access are each found.
// The zones are written out here, independently of the catalog, as Microsoft's page gives them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import type { CloudName } from '../../../src/graph/types';
import { Workspace } from './support';

interface Family {
  readonly name: string;
  readonly type: string;
  readonly apiVersion: string;
  readonly groupId: string;
  /** A group id the type does not take. */
  readonly wrongGroupId: string;
  readonly zones: Partial<Record<CloudName, string>>;
  /** A zone that is wrong for this subresource (another service's or another subresource's). */
  readonly wrongZone: string;
  /** Properties that close public access; `open` replaces them with an open setting (absent: not judged). */
  readonly closed: string;
  readonly open?: string;
  readonly location?: string;
}

const DISABLED = "publicNetworkAccess: 'Disabled'";

const FAMILIES: readonly Family[] = [
  ...(['blob', 'file', 'queue', 'table', 'web', 'dfs'] as const).map(
    (sub): Family => ({
      name: `storage ${sub}`,
      type: 'Microsoft.Storage/storageAccounts',
      apiVersion: '2023-05-01',
      groupId: sub,
      wrongGroupId: 'blobs',
      zones: {
        AzureCloud: `privatelink.${sub}.core.windows.net`,
        ...(sub === 'dfs' ? {} : { AzureUSGovernment: `privatelink.${sub}.core.usgovcloudapi.net` }),
        AzureChinaCloud: `privatelink.${sub}.core.chinacloudapi.cn`,
      },
      wrongZone: sub === 'file' ? 'privatelink.blob.core.windows.net' : 'privatelink.file.core.windows.net',
      closed: DISABLED,
      open: "publicNetworkAccess: 'Enabled'",
    }),
  ),
  {
    name: 'key vault',
    type: 'Microsoft.KeyVault/vaults',
    apiVersion: '2023-07-01',
    groupId: 'vault',
    wrongGroupId: 'vaults',
    zones: { AzureCloud: 'privatelink.vaultcore.azure.net', AzureUSGovernment: 'privatelink.vaultcore.usgovcloudapi.net', AzureChinaCloud: 'privatelink.vaultcore.azure.cn' },
    wrongZone: 'privatelink.vault.azure.net',
    closed: "publicNetworkAccess: 'disabled'",
    // Absent publicNetworkAccess and no networkAcls: open by default.
    open: "tenantId: 'x'",
  },
  {
    name: 'sql',
    type: 'Microsoft.Sql/servers',
    apiVersion: '2023-08-01-preview',
    groupId: 'sqlServer',
    wrongGroupId: 'sql',
    zones: { AzureCloud: 'privatelink.database.windows.net', AzureUSGovernment: 'privatelink.database.usgovcloudapi.net', AzureChinaCloud: 'privatelink.database.chinacloudapi.cn' },
    wrongZone: 'privatelink.sql.azuresynapse.net',
    closed: DISABLED,
    open: "publicNetworkAccess: 'Enabled'",
  },
  ...(
    [
      ['Sql', 'documents.azure', 'documents.azure'],
      ['MongoDB', 'mongo.cosmos.azure', undefined],
      ['Cassandra', 'cassandra.cosmos.azure', undefined],
      ['Gremlin', 'gremlin.cosmos.azure', undefined],
      ['Table', 'table.cosmos.azure', undefined],
    ] as const
  ).map(
    ([api, zone, gov]): Family => ({
      name: `cosmos ${api}`,
      type: 'Microsoft.DocumentDB/databaseAccounts',
      apiVersion: '2024-05-15',
      groupId: api,
      wrongGroupId: 'Mongo',
      zones: { AzureCloud: `privatelink.${zone}.com`, ...(gov ? { AzureUSGovernment: `privatelink.${gov}.us` } : {}), AzureChinaCloud: `privatelink.${zone}.cn` },
      // Sql and MongoDB swapped.
      wrongZone: api === 'MongoDB' ? 'privatelink.documents.azure.com' : 'privatelink.mongo.cosmos.azure.com',
      closed: DISABLED,
      open: "publicNetworkAccess: 'Enabled'",
    }),
  ),
  {
    name: 'postgresql flexible',
    type: 'Microsoft.DBforPostgreSQL/flexibleServers',
    apiVersion: '2024-08-01',
    groupId: 'postgresqlServer',
    wrongGroupId: 'postgresql',
    zones: { AzureCloud: 'privatelink.postgres.database.azure.com' },
    wrongZone: 'privatelink.mysql.database.azure.com',
    closed: "network: { publicNetworkAccess: 'Disabled' }",
    open: "network: { publicNetworkAccess: 'Enabled' }",
  },
  {
    name: 'mysql flexible',
    type: 'Microsoft.DBforMySQL/flexibleServers',
    apiVersion: '2023-12-30',
    groupId: 'mysqlServer',
    wrongGroupId: 'mysql',
    zones: { AzureCloud: 'privatelink.mysql.database.azure.com' },
    wrongZone: 'privatelink.postgres.database.azure.com',
    closed: "network: { publicNetworkAccess: 'Disabled' }",
    open: "network: { publicNetworkAccess: 'Enabled' }",
  },
  {
    name: 'container registry',
    type: 'Microsoft.ContainerRegistry/registries',
    apiVersion: '2023-07-01',
    groupId: 'registry',
    wrongGroupId: 'acr',
    zones: { AzureCloud: 'privatelink.azurecr.io' },
    wrongZone: 'privatelink.azurewebsites.net',
    closed: DISABLED,
    open: "publicNetworkAccess: 'Enabled'",
  },
  ...(['Microsoft.ServiceBus/namespaces', 'Microsoft.EventHub/namespaces'] as const).map(
    (type): Family => ({
      name: type.split('/')[0],
      type,
      apiVersion: '2024-01-01',
      groupId: 'namespace',
      wrongGroupId: 'eventhub',
      // One zone for both: Service Bus and Event Hubs share it.
      zones: { AzureCloud: 'privatelink.servicebus.windows.net', AzureUSGovernment: 'privatelink.servicebus.usgovcloudapi.net', AzureChinaCloud: 'privatelink.servicebus.chinacloudapi.cn' },
      wrongZone: 'privatelink.eventgrid.azure.net',
      closed: DISABLED,
      open: "publicNetworkAccess: 'Enabled'",
    }),
  ),
  {
    name: 'app service',
    type: 'Microsoft.Web/sites',
    apiVersion: '2023-12-01',
    groupId: 'sites',
    wrongGroupId: 'site',
    zones: { AzureCloud: 'privatelink.azurewebsites.net', AzureUSGovernment: 'privatelink.azurewebsites.us', AzureChinaCloud: 'privatelink.chinacloudsites.cn' },
    wrongZone: 'privatelink.azurestaticapps.net',
    closed: DISABLED,
    open: "publicNetworkAccess: 'Enabled'",
  },
  {
    name: 'ai services',
    type: 'Microsoft.CognitiveServices/accounts',
    apiVersion: '2024-10-01',
    groupId: 'account',
    wrongGroupId: 'openai',
    zones: { AzureCloud: 'privatelink.openai.azure.com', AzureUSGovernment: 'privatelink.cognitiveservices.azure.us' },
    wrongZone: 'privatelink.search.windows.net',
    closed: DISABLED,
    open: "publicNetworkAccess: 'Enabled'",
  },
  {
    name: 'app configuration',
    type: 'Microsoft.AppConfiguration/configurationStores',
    apiVersion: '2024-05-01',
    groupId: 'configurationStores',
    wrongGroupId: 'configurationStore',
    zones: { AzureCloud: 'privatelink.azconfig.io', AzureUSGovernment: 'privatelink.azconfig.azure.us' },
    wrongZone: 'privatelink.azconfig.azure.com',
    closed: DISABLED,
    open: "publicNetworkAccess: 'Enabled'",
  },
  {
    name: 'aks',
    type: 'Microsoft.ContainerService/managedClusters',
    apiVersion: '2024-09-01',
    groupId: 'management',
    wrongGroupId: 'kubernetes',
    location: 'westeurope',
    zones: { AzureCloud: 'privatelink.westeurope.azmk8s.io' },
    // Named after another region than the cluster's.
    wrongZone: 'privatelink.northeurope.azmk8s.io',
    closed: DISABLED,
    open: "publicNetworkAccess: 'Enabled'",
  },
  {
    name: 'azure monitor',
    type: 'Microsoft.Insights/privateLinkScopes',
    apiVersion: '2021-07-01-preview',
    groupId: 'azuremonitor',
    wrongGroupId: 'monitor',
    // One of its five zones; the blob zone it shares with Storage is right for it too.
    zones: { AzureCloud: 'privatelink.monitor.azure.com', AzureUSGovernment: 'privatelink.monitor.azure.us' },
    wrongZone: 'privatelink.vaultcore.azure.net',
    closed: "accessModeSettings: { ingestionAccessMode: 'PrivateOnly', queryAccessMode: 'PrivateOnly' }",
    open: "accessModeSettings: { ingestionAccessMode: 'Open', queryAccessMode: 'Open' }",
  },
];

const CLOUDS: readonly CloudName[] = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'];

interface Variant {
  readonly groupId?: string;
  readonly zone?: string;
  readonly zoneGroup?: boolean;
  readonly link?: boolean;
  readonly open?: boolean;
}

function design(family: Family, cloud: CloudName, variant: Variant = {}) {
  const zone = variant.zone ?? family.zones[cloud]!;
  const network = [
    "resource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' = {",
    "  name: 'vnet-app'",
    "  location: 'westeurope'",
    "  properties: { subnets: [ { name: 'endpoints', properties: { addressPrefix: '10.0.1.0/24' } } ] }",
    '}',
    `resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {`,
    `  name: '${zone}'`,
    "  location: 'global'",
    '}',
    ...(variant.link === false
      ? []
      : [
          "resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {",
          '  parent: zone',
          "  name: 'link-app'",
          "  location: 'global'",
          '  properties: { registrationEnabled: false, virtualNetwork: { id: vnet.id } }',
          '}',
        ]),
  ].join('\n');
  const service = [
    `resource target '${family.type}@${family.apiVersion}' = {`,
    "  name: 'target1'",
    `  location: '${family.location ?? 'westeurope'}'`,
    `  properties: { ${variant.open ? family.open : family.closed} }`,
    '}',
    "resource pe 'Microsoft.Network/privateEndpoints@2024-01-01' = {",
    "  name: 'pe-target1'",
    "  location: 'westeurope'",
    '  properties: {',
    "    subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-app', 'endpoints') }",
    `    privateLinkServiceConnections: [ { name: 'c', properties: { privateLinkServiceId: target.id, groupIds: [ '${variant.groupId ?? family.groupId}' ] } } ]`,
    '  }',
    '}',
    ...(variant.zoneGroup === false
      ? []
      : [
          "resource group 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-01-01' = {",
          '  parent: pe',
          "  name: 'default'",
          `  properties: { privateDnsZoneConfigs: [ { name: 'z', properties: { privateDnsZoneId: resourceId('Microsoft.Network/privateDnsZones', '${zone}') } } ] }`,
          '}',
        ]),
  ].join('\n');
  return new Workspace(
    [
      { path: `/w/${family.name}/network.bicep`, text: network },
      { path: `/w/${family.name}/service.bicep`, text: service },
    ],
    { ...DEFAULT_CONFIG, cloud },
  );
}

const ruleIds = (ws: Workspace) => ws.findings().map((f) => f.ruleId).sort();

for (const family of FAMILIES) {
  const clouds = CLOUDS.filter((cloud) => family.zones[cloud]);
  test(`${family.name}: the correct design is silent in ${clouds.join(', ')}`, () => {
    for (const cloud of clouds) assert.deepEqual(ruleIds(design(family, cloud)), [], `${family.name} in ${cloud}`);
  });

  test(`${family.name}: a wrong group id is an error naming the type`, () => {
    const findings = design(family, 'AzureCloud', { groupId: family.wrongGroupId }).findings('group-id-mismatch');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'error');
    assert.match(findings[0].message, new RegExp(`'${family.wrongGroupId}' does not match target1 \\(${family.type.replace('/', '\\/')}\\)`));
  });

  test(`${family.name}: a wrong zone is an error in every documented cloud`, () => {
    const findings = design(family, 'AzureCloud', { zone: family.wrongZone }).findings('dns-zone-mismatch');
    assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
    assert.match(findings[0].message, new RegExp(`registers target1 in zone ${family.wrongZone.replace(/\./g, '\\.')}`));
    assert.ok(!/\bcache\b/.test(findings[0].message), findings[0].message);
    for (const cloud of clouds.filter((c) => c !== 'AzureCloud')) {
      // The Azure zone in another cloud is the wrong zone there.
      const other = design(family, cloud, { zone: family.zones.AzureCloud }).findings('dns-zone-mismatch');
      assert.equal(other.length, 1, `${family.name} in ${cloud}`);
    }
  });

  test(`${family.name}: a missing zone group and a missing link are found`, () => {
    const noGroup = design(family, 'AzureCloud', { zoneGroup: false }).findings('dns-zone-group-missing');
    assert.equal(noGroup.length, 1);
    assert.ok(!/\bcache\b/.test(noGroup[0].message), noGroup[0].message);
    const noLink = design(family, 'AzureCloud', { link: false }).findings('dns-zone-link-missing');
    assert.equal(noLink.length, 1);
    assert.match(noLink[0].message, /not linked to vnet-app/);
  });

  if (family.open) {
    test(`${family.name}: open public access is found and a fix closes it`, () => {
      const ws = design(family, 'AzureCloud', { open: true });
      const findings = ws.findings('public-network-access-enabled');
      assert.equal(findings.length, 1, JSON.stringify(ruleIds(ws)));
      assert.match(findings[0].message, /^target1 has private endpoint pe-target1 but /);
      assert.ok(ws.apply(findings[0].fixes[0]) > 0);
      assert.deepEqual(ws.findings('public-network-access-enabled'), []);
    });
  }
}

test('storage: a network ACL that denies by default is restricted, not open', () => {
  const storage = FAMILIES[0];
  const ws = design({ ...storage, open: "networkAcls: { defaultAction: 'Deny' }" }, 'AzureCloud', { open: true });
  assert.deepEqual(ws.findings('public-network-access-enabled'), []);
});

test('services absent from a cloud are not judged there: a flexible server zone in China stays silent', () => {
  const postgres = FAMILIES.find((f) => f.name === 'postgresql flexible')!;
  assert.deepEqual(design(postgres, 'AzureChinaCloud', { zone: 'privatelink.postgres.database.azure.com' }).findings('dns-zone-mismatch'), []);
});

test('shared zones: one privatelink.servicebus.windows.net zone serves a Service Bus and an Event Hubs endpoint', () => {
  const ws = new Workspace([
    {
      path: '/w/shared.bicep',
      text: [
        "resource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' = { name: 'v', location: 'westeurope', properties: { subnets: [ { name: 's' } ] } }",
        "resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = { name: 'privatelink.servicebus.windows.net', location: 'global' }",
        "resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = { parent: zone, name: 'l', location: 'global', properties: { registrationEnabled: false, virtualNetwork: { id: vnet.id } } }",
        ...['Microsoft.ServiceBus/namespaces', 'Microsoft.EventHub/namespaces'].flatMap((type, i) => [
          `resource ns${i} '${type}@2024-01-01' = { name: 'ns${i}', location: 'westeurope', properties: { publicNetworkAccess: 'Disabled' } }`,
          `resource pe${i} 'Microsoft.Network/privateEndpoints@2024-01-01' = { name: 'pe${i}', location: 'westeurope', properties: { subnet: { id: '\${vnet.id}/subnets/s' }, privateLinkServiceConnections: [ { name: 'c', properties: { privateLinkServiceId: ns${i}.id, groupIds: [ 'namespace' ] } } ] } }`,
          `resource g${i} 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-01-01' = { parent: pe${i}, name: 'default', properties: { privateDnsZoneConfigs: [ { name: 'z', properties: { privateDnsZoneId: zone.id } } ] } }`,
        ]),
      ].join('\n'),
    },
  ]);
  assert.deepEqual(ruleIds(ws), []);
});

// Azure Verified Modules: every resource module's shared `privateEndpoints` parameter, across two files.
const AVM_NETWORK = [
  "module vnet 'br/public:avm/res/network/virtual-network:0.5.0' = {",
  "  name: 'vnet'",
  "  params: { name: 'vnet-app', addressPrefixes: [ '10.0.0.0/16' ], subnets: [ { name: 'endpoints', addressPrefix: '10.0.1.0/24' } ] }",
  '}',
  ...['privatelink.blob.core.windows.net', 'privatelink.vaultcore.azure.net', 'privatelink.documents.azure.com'].map((zone, i) =>
    [
      `module zone${i} 'br/public:avm/res/network/private-dns-zone:0.7.0' = {`,
      `  name: 'zone${i}'`,
      `  params: { name: '${zone}', virtualNetworkLinks: [ { virtualNetworkResourceId: vnet.outputs.resourceId } ] }`,
      '}',
    ].join('\n'),
  ),
].join('\n');

function avmServices(blobZone: string, vaultService: string, cosmosAccess: string): Workspace {
  const zoneId = (zone: string) => `resourceId('Microsoft.Network/privateDnsZones', '${zone}')`;
  const services = [
    "module st 'br/public:avm/res/storage/storage-account:0.14.0' = {",
    "  name: 'st'",
    '  params: {',
    "    name: 'stdata'",
    "    privateEndpoints: [ { service: 'blob', subnetResourceId: vnet.outputs.subnetResourceIds[0], privateDnsZoneGroup: { privateDnsZoneGroupConfigs: [ { privateDnsZoneResourceId: " +
      zoneId(blobZone) +
      ' } ] } } ]',
    '  }',
    '}',
    "module kv 'br/public:avm/res/key-vault/vault:0.11.0' = {",
    "  name: 'kv'",
    '  params: {',
    "    name: 'kv-orders'",
    `    privateEndpoints: [ { service: '${vaultService}', subnetResourceId: vnet.outputs.subnetResourceIds[0], privateDnsZoneGroup: { privateDnsZoneGroupConfigs: [ { privateDnsZoneResourceId: ${zoneId('privatelink.vaultcore.azure.net')} } ] } } ]`,
    '  }',
    '}',
    "module cosmos 'br/public:avm/res/document-db/database-account:0.10.0' = {",
    "  name: 'cosmos'",
    '  params: {',
    "    name: 'cosmos-orders'",
    `    publicNetworkAccess: '${cosmosAccess}'`,
    `    privateEndpoints: [ { service: 'Sql', subnetResourceId: vnet.outputs.subnetResourceIds[0], privateDnsZoneGroup: { privateDnsZoneGroupConfigs: [ { privateDnsZoneResourceId: ${zoneId('privatelink.documents.azure.com')} } ] } } ]`,
    '  }',
    '}',
  ].join('\n');
  return new Workspace([
    { path: '/w/avm/network.bicep', text: AVM_NETWORK },
    { path: '/w/avm/services.bicep', text: `var unused = 0\n${services.replace(/vnet\.outputs/g, 'network.outputs')}` },
  ]);
}

test('AVM resource modules: storage, key vault and Cosmos DB endpoints through `privateEndpoints` are judged like resources', () => {
  // One file: the network and the modules, so `vnet.outputs` resolve.
  const single = (blobZone: string, vaultService: string, cosmosAccess: string) => {
    const ws = avmServices(blobZone, vaultService, cosmosAccess);
    const network = ws.text('/w/avm/network.bicep');
    const services = ws.text('/w/avm/services.bicep').replace(/network\.outputs/g, 'vnet.outputs');
    return new Workspace([{ path: '/w/avm/main.bicep', text: `${network}\n${services}` }]);
  };
  assert.deepEqual(ruleIds(single('privatelink.blob.core.windows.net', 'vault', 'Disabled')), []);
  const broken = single('privatelink.file.core.windows.net', 'vaults', 'Enabled');
  assert.deepEqual(ruleIds(broken), ['dns-zone-mismatch', 'group-id-mismatch', 'public-network-access-enabled']);
  const mismatch = broken.findings('dns-zone-mismatch')[0];
  assert.match(mismatch.message, /registers stdata in zone privatelink\.file\.core\.windows\.net, but stdata \(Microsoft\.Storage\/storageAccounts blob, AzureCloud\) needs privatelink\.blob\.core\.windows\.net/);
  // The group id is underlined where the user wrote it: the `service` of the module's element.
  const group = broken.findings('group-id-mismatch')[0];
  assert.ok(group.location.kind === 'file' && group.location.span.file === '/w/avm/main.bicep');
  assert.match(group.message, /'vaults' does not match kv-orders \(Microsoft\.KeyVault\/vaults\): use 'vault'/);
});
