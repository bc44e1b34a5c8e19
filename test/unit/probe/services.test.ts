// The probe knows every catalogued service's hostname and port, from the catalog: public and privatelink names
// are recognised, resource ids and estate nodes become a host and port, and every host pattern round-trips.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { resolveTarget } from '../../../src/probe/target';
import { recogniseServiceHostname, portOf } from '../../../src/probe/service-target';
import { cacheFactsFromGraph } from '../../../src/probe/facts-from-graph';
import { PRIVATE_LINK_SERVICES } from '../../../src/catalog/private-link-services';
import { hostOf, zonesIn } from '../../../src/catalog/targets';
import { CLOUDS } from '../../../src/catalog/services';
import { PrivateLinkGraph } from '../../../src/graph/graph';
import { estateToGraph } from '../../../src/sources/snapshot/estate';
import { readEstatePath } from '../../../src/sources/snapshot/read';
import { repoRoot } from '../../support/paths';

function info(result: ReturnType<typeof resolveTarget>) {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.info;
}

test('public and privatelink names of other services are recognised, with the catalog port and zone', () => {
  const vault = info(resolveTarget('KV-Claims.vault.azure.net'));
  assert.deepEqual(
    [vault.host, vault.hostKind, vault.service, vault.cloud, vault.ports, vault.privateZone, vault.family],
    ['kv-claims.vault.azure.net', 'public-name', 'keyVault', 'AzureCloud', [443], 'privatelink.vaultcore.azure.net', null],
  );
  const blob = info(resolveTarget('st1.privatelink.blob.core.windows.net'));
  assert.deepEqual([blob.hostKind, blob.publicHost, blob.service, blob.ports], ['privatelink-name', 'st1.blob.core.windows.net', 'storage', [443]]);
  assert.deepEqual(info(resolveTarget('st1.file.core.windows.net')).ports, [445]);
  const gov = info(resolveTarget('sql1.database.usgovcloudapi.net'));
  assert.deepEqual([gov.service, gov.cloud, gov.ports, gov.privateZone], ['sql', 'AzureUSGovernment', [1433], 'privatelink.database.usgovcloudapi.net']);
  assert.deepEqual(info(resolveTarget('acct.mongo.cosmos.azure.com')).ports, [10255]);
  assert.deepEqual(info(resolveTarget('st1.blob.core.windows.net', { port: 8443 })).ports, [8443]);
  // Not a catalogued name, no port: still refused, naming what to pass.
  const unknown = resolveTarget('api.contoso.example');
  assert.ok(!unknown.ok && /not a hostname the catalog knows: pass the port/.test(unknown.message));
});

test('a resource id of any catalogued service gives its hostname and port in the chosen cloud', () => {
  const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-claims';
  const sql = info(resolveTarget(id));
  assert.deepEqual([sql.host, sql.ports, sql.resourceId, sql.service], ['sql-claims.database.windows.net', [1433], id, 'sql']);
  assert.equal(info(resolveTarget(id, { cloud: 'AzureChinaCloud' })).host, 'sql-claims.database.chinacloudapi.cn');
  const pg = info(resolveTarget('/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg1'));
  assert.deepEqual([pg.host, pg.ports], ['pg1.postgres.database.azure.com', [5432]]);
  // A service whose hostname the name cannot give (an Azure-assigned DNS zone id) says why instead of guessing.
  const mi = resolveTarget('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/managedInstances/mi1');
  assert.ok(!mi.ok && /DNS zone id Azure assigns.*give the hostname/.test(mi.message), mi.ok ? '' : mi.message);
});

test('every host pattern of the catalog round-trips: hostOf → recognised as a name of that host, with its port', () => {
  let checked = 0;
  for (const service of PRIVATE_LINK_SERVICES.filter((s) => !s.zonesBySku)) {
    for (const subresource of service.subresources) {
      for (const cloud of CLOUDS) {
        if (!zonesIn(subresource.host, cloud)) continue;
        const host = hostOf(subresource, cloud, 'probe1');
        if (!host) continue;
        const found = recogniseServiceHostname(host);
        assert.ok(found, `${service.id} ${subresource.groupIds[0]} ${cloud}: ${host} not recognised`);
        assert.equal(found.publicHost, host);
        assert.equal(found.cloud, cloud, host);
        assert.equal(portOf(found.subresource), portOf(subresource), host);
        checked++;
      }
    }
  }
  assert.ok(checked >= 50, `only ${checked} host patterns`);
});

test('an endpoint of the sample estate to a storage account probes the blob name and expects the endpoint IP', () => {
  const estate = readEstatePath(join(repoRoot(), 'examples', 'estate'));
  const graph = PrivateLinkGraph.from(estateToGraph(estate.resources));
  const endpoint = graph.endpoints.find((e) => e.name === 'pe-stclaimsdocs-blob')!;
  const facts = cacheFactsFromGraph(graph, endpoint.id);
  assert.ok(facts.ok, facts.ok ? '' : facts.message);
  const target = info(resolveTarget(facts.facts));
  assert.deepEqual([target.host, target.ports, target.expectedIps, target.privateZone], ['stclaimsdocs.blob.core.windows.net', [443], ['10.31.2.10'], 'privatelink.blob.core.windows.net']);
  const vaultFacts = cacheFactsFromGraph(graph, graph.serviceTargets.find((t) => t.name === 'kv-claims')!.id);
  assert.ok(vaultFacts.ok, vaultFacts.ok ? '' : vaultFacts.message);
  const vault = info(resolveTarget(vaultFacts.facts));
  assert.deepEqual([vault.host, vault.expectedIps], ['kv-claims.vault.azure.net', ['10.31.2.11']]);
});
