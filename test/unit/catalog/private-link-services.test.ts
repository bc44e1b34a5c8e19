import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRIVATE_LINK_SERVICES } from '../../../src/catalog/private-link-services';
import { fillZone, recordNamesOf, serviceOfType, subresourceOf, zoneMatches, zoneRecordsOf } from '../../../src/catalog/targets';

// The catalog is data: these checks keep it well-formed (one entry per type, zone names that are DNS names or
// the page's templates) and pin the readings the issue names.

const DNS_OR_TEMPLATE = /^(\{[a-zA-Z]+\}|[a-z0-9-]+)(\.(\{[a-zA-Z]+\}|[a-z0-9-]+))+$/;

test('one entry per resource type and per id; every zone is a DNS name or a template of one', () => {
  const types = PRIVATE_LINK_SERVICES.map((s) => s.resourceType.toLowerCase());
  assert.equal(new Set(types).size, types.length);
  const ids = PRIVATE_LINK_SERVICES.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const service of PRIVATE_LINK_SERVICES) {
    for (const sub of service.subresources) {
      for (const zones of [sub.zones, sub.tolerated ?? {}]) {
        for (const [cloud, list] of Object.entries(zones)) {
          for (const zone of list ?? []) assert.match(zone, DNS_OR_TEMPLATE, `${service.id} ${cloud} ${zone}`);
        }
      }
    }
  }
});

test('the readings the issue names', () => {
  const keyVault = serviceOfType('microsoft.keyvault/VAULTS')!;
  assert.deepEqual(subresourceOf(keyVault, 'vault')!.zones.AzureCloud, ['privatelink.vaultcore.azure.net']);
  const cosmos = serviceOfType('Microsoft.DocumentDB/databaseAccounts')!;
  assert.deepEqual(subresourceOf(cosmos, 'MongoDB')!.zones.AzureCloud, ['privatelink.mongo.cosmos.azure.com']);
  assert.deepEqual(subresourceOf(cosmos, 'Sql')!.zones.AzureCloud, ['privatelink.documents.azure.com']);
  // Azure Monitor registers in five zones, one of them shared with Storage.
  const monitor = serviceOfType('Microsoft.Insights/privateLinkScopes')!;
  assert.equal(subresourceOf(monitor, 'azuremonitor')!.zones.AzureCloud!.length, 5);
  assert.ok(subresourceOf(monitor, 'azuremonitor')!.zones.AzureCloud!.includes('privatelink.blob.core.windows.net'));
  // ACR's regional data endpoints are records in privatelink.azurecr.io, not a zone to require.
  const acr = serviceOfType('Microsoft.ContainerRegistry/registries')!;
  assert.deepEqual(subresourceOf(acr, 'registry')!.zones.AzureCloud, ['privatelink.azurecr.io']);
  // Storage blob_secondary shares blob's zone; App Service slots take sites-<slot>.
  const storage = serviceOfType('Microsoft.Storage/storageAccounts')!;
  assert.equal(subresourceOf(storage, 'blob_secondary'), subresourceOf(storage, 'blob'));
  assert.ok(subresourceOf(serviceOfType('Microsoft.Web/sites')!, 'sites-staging'));
  // Services absent from a cloud have no zone there.
  assert.equal(subresourceOf(serviceOfType('Microsoft.DBforPostgreSQL/flexibleServers')!, 'postgresqlServer')!.zones.AzureChinaCloud, undefined);
});

test('templates: the AKS zone is the cluster region; a SQL MI dnsPrefix matches any label', () => {
  assert.equal(fillZone('privatelink.{regionName}.azmk8s.io', 'West Europe'), 'privatelink.westeurope.azmk8s.io');
  assert.ok(zoneMatches('privatelink.{regionName}.azmk8s.io', 'privatelink.northeurope.azmk8s.io'));
  assert.ok(zoneMatches('privatelink.{dnsPrefix}.database.windows.net', 'privatelink.a1b2c3d4e5f6.database.windows.net'));
  assert.ok(!zoneMatches('privatelink.{dnsPrefix}.database.windows.net', 'privatelink.database.windows.net'));
  assert.ok(!zoneMatches('privatelink.{regionName}.azmk8s.io', 'privatelink.a.b.azmk8s.io'));
});

test('records: keyed by one of the subresource group ids, each a relative name of the resource', () => {
  let listed = 0;
  for (const service of PRIVATE_LINK_SERVICES) {
    for (const subresource of service.subresources) {
      for (const [groupId, names] of Object.entries(subresource.records ?? {})) {
        listed++;
        assert.ok(subresource.groupIds.includes(groupId), `${service.id}: records for '${groupId}', not one of ${subresource.groupIds.join(', ')}`);
        assert.ok(names.length > 0 && names.every((n) => n.startsWith('{name}') && /^[{}a-zA-Z0-9.-]+$/.test(n)), `${service.id} ${groupId}: ${names.join(', ')}`);
      }
    }
  }
  // Storage's six `_secondary` ids, Cosmos DB's five APIs, ACR.
  assert.equal(listed, 12);
  const cosmos = serviceOfType('Microsoft.DocumentDB/databaseAccounts')!;
  assert.deepEqual(recordNamesOf(subresourceOf(cosmos, 'MongoDB')!, 'MongoDB', 'acct'), ['acct', 'acct-{regionName}']);
  const storage = serviceOfType('Microsoft.Storage/storageAccounts')!;
  assert.deepEqual(recordNamesOf(subresourceOf(storage, 'blob')!, 'blob', 'st'), ['st']);
  assert.deepEqual(recordNamesOf(subresourceOf(storage, 'BLOB_SECONDARY')!, 'BLOB_SECONDARY', 'st'), ['st-secondary']);
});

test('zoneRecords: keyed by one of the subresource zones (any cloud), each a relative record name or template', () => {
  let zones = 0;
  for (const service of PRIVATE_LINK_SERVICES) {
    for (const subresource of service.subresources) {
      const own = Object.values(subresource.zones).flatMap((list) => list ?? []);
      for (const [zone, names] of Object.entries(subresource.zoneRecords ?? {})) {
        zones++;
        assert.ok(own.includes(zone), `${service.id}: records for zone ${zone}, not one of its zones`);
        assert.ok(names.length > 0 && names.every((n) => !n.includes('{name}') && /^[{}a-zA-Z0-9.-]+$/.test(n)), `${service.id} ${zone}: ${names.join(', ')}`);
      }
    }
  }
  // Azure Monitor: five zones in Azure, five of its six in US Government (the adx zone has no documented record).
  assert.equal(zones, 10);
  const ampls = subresourceOf(serviceOfType('microsoft.insights/privateLinkScopes')!, 'azuremonitor')!;
  assert.ok(zoneRecordsOf(ampls, 'PrivateLink.Monitor.Azure.com')!.includes('global.in.ai'));
  assert.deepEqual(zoneRecordsOf(ampls, 'privatelink.oms.opinsights.azure.com'), ['{workspaceId}']);
  assert.equal(zoneRecordsOf(ampls, 'privatelink.adx.monitor.azure.us'), undefined);
});

test('every subresource of every catalogued service names the port a probe checks', () => {
  const missing = PRIVATE_LINK_SERVICES.filter((s) => !s.zonesBySku).flatMap((s) => s.subresources.filter((r) => r.port === undefined).map((r) => `${s.id} ${r.groupIds.join('|')}`));
  assert.deepEqual(missing, []);
});
