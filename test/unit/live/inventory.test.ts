import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../../src/sources/live/emulator';
import { ALL_SUBSCRIPTIONS, SUBSCRIPTIONS, inventoryFor, startSampleEmulator, writesAndSecrets } from './support';

describe('AzureInventory over the real SDK clients against the emulator', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startSampleEmulator({ pageSize: 2, faults: { forbiddenSubscriptions: [SUBSCRIPTIONS.datalake] } });
  });
  after(async () => emulator?.close());

  it('lists the subscriptions, following nextLink pages', async () => {
    emulator.requestLog.length = 0;
    const subscriptions = await inventoryFor(emulator).listSubscriptions();
    assert.deepEqual(
      subscriptions.map((s) => s.displayName),
      ['Insurer Claims', 'Insurer Data Lake', 'Trading Platform (prod)', 'University Research Computing'],
    );
    const pages = emulator.requestLog.filter((r) => r.path === '/subscriptions');
    assert.equal(pages.length, 2, 'four subscriptions at two per page');
    assert.match(pages[1].query, /api-version=.*skiptoken=2/);
  });

  it('reads the estate through Resource Graph and reports the refused subscription with its reason', async () => {
    emulator.requestLog.length = 0;
    const progress: string[] = [];
    const estate = await inventoryFor(emulator).loadEstate(ALL_SUBSCRIPTIONS, { onProgress: (p) => progress.push(p.message) });
    assert.equal(estate.source, 'resource-graph');
    assert.equal(progress.filter((m) => m.startsWith('Resource Graph')).length, 7, progress.join('\n'));
    assert.ok(progress.some((m) => m.includes(`subscription ${SUBSCRIPTIONS.datalake}`)), 'the refused subscription is tried over ARM');
    const byScope = Object.fromEntries(estate.coverage.map((c) => [c.scope, c]));
    assert.equal(byScope[SUBSCRIPTIONS.trading].status, 'read');
    assert.equal(byScope[SUBSCRIPTIONS.insurer].status, 'read');
    assert.equal(byScope[SUBSCRIPTIONS.datalake].status, 'failed');
    assert.match(byScope[SUBSCRIPTIONS.datalake].reason ?? '', /403 AuthorizationFailed.*request id [0-9a-f-]{36}/);
    const names = estate.resources.map((r) => r.name).sort();
    assert.ok(names.includes('amr-quotes-weu') && names.includes('redis-claims') && names.includes('link-vnet-hub'));
    assert.ok(!names.includes('redis-lake-cache'), 'nothing from the refused subscription');
    // Every catalogued target with endpoint connections is on the first level (the tree groups them by service);
    // the endpoints, zones and links of services other than Redis come with the details.
    assert.ok(names.includes('stclaimsdocs') && names.includes('kv-claims'));
    assert.ok(!names.includes('pe-kv-claims') && !names.includes('privatelink.vault.azure.net'));
    // Zone groups are not in Resource Graph: none are read at this level, and none are claimed.
    assert.equal(estate.resources.filter((r) => /privateDnsZoneGroups/i.test(r.type)).length, 0);
    assert.equal(estate.zoneGroupsFetched.size, 0);
    const graphCalls = emulator.requestLog.filter((r) => r.graphQuery !== undefined);
    assert.equal(graphCalls.length, 7, 'one page per query for this small estate');
    assert.equal(graphCalls.filter((r) => /microsoft\.storage\/storageaccounts/.test(r.graphQuery ?? '')).length, 1, 'one query for every service, not one per service');
    assert.deepEqual(writesAndSecrets(emulator), []);
  });

  it('reads details (zone groups, A records, firewall rules) for the full audit', async () => {
    const inventory = inventoryFor(emulator);
    const estate = await inventory.loadDetails(await inventory.loadEstate([SUBSCRIPTIONS.insurer]));
    assert.deepEqual(estate.coverage.map((c) => [c.status, c.gaps ?? []]), estate.coverage.map(() => ['read', []]));
    const groups = estate.resources.filter((r) => r.id.toLowerCase().includes('/privatednszonegroups/'));
    assert.equal(groups.length, 5, 'the zone groups of every endpoint: three to caches, one to storage, one to Key Vault');
    assert.equal(estate.zoneGroupsFetched.size, 5);
    const names = estate.resources.map((r) => r.name);
    for (const name of ['pe-kv-claims', 'pe-stclaimsdocs-blob', 'privatelink.vault.azure.net', 'privatelink.blob.core.windows.net']) assert.ok(names.includes(name), name);
    assert.equal(estate.resources.filter((r) => r.id.toLowerCase().includes('/privatednszones/privatelink.vault.azure.net/virtualnetworklinks/')).length, 2);
    const records = estate.resources.filter((r) => r.type.toLowerCase() === 'microsoft.network/privatednszones/a');
    assert.deepEqual(records.map((r) => r.name).sort(), ['kv-claims', 'redis-claims', 'redisent-policy-quotes.westeurope', 'stclaimsdocs']);
    assert.equal(new Set(estate.resources.map((r) => r.id.toLowerCase())).size, estate.resources.length, 'no resource twice');
    const rules = estate.resources.filter((r) => r.type.toLowerCase() === 'microsoft.cache/redis/firewallrules');
    assert.equal(rules.length, 2);
  });

  it('falls back to ARM per subscription when Resource Graph refuses, with the same resources', async () => {
    const graphInventory = inventoryFor(emulator);
    const viaGraph = await graphInventory.loadDetails(await graphInventory.loadEstate(ALL_SUBSCRIPTIONS));
    emulator.setFaults({ forbiddenSubscriptions: [SUBSCRIPTIONS.datalake], resourceGraph: 'forbidden' });
    try {
      emulator.requestLog.length = 0;
      const armInventory = inventoryFor(emulator);
      const viaArm = await armInventory.loadDetails(await armInventory.loadEstate(ALL_SUBSCRIPTIONS));
      assert.equal(viaArm.source, 'arm');
      assert.match(viaArm.fallbackReason ?? '', /403/);
      const ids = (e: typeof viaArm) => e.resources.map((r) => r.id.toLowerCase()).sort();
      // The same chains; the fallback has no client for storage or Key Vault, so those two targets are gaps.
      const targets = ['microsoft.storage/storageaccounts/stclaimsdocs', 'microsoft.keyvault/vaults/kv-claims'];
      assert.deepEqual(ids(viaArm), ids(viaGraph).filter((id) => !targets.some((t) => id.endsWith(t))));
      assert.deepEqual(viaGraph.coverage.map((c) => c.status), ['read', 'read', 'read', 'failed']);
      const insurer = viaArm.coverage.find((c) => c.scope === SUBSCRIPTIONS.insurer)!;
      assert.equal(insurer.status, 'partial');
      assert.deepEqual(
        (insurer.gaps ?? []).map((g) => [g.resourceId.split('/').pop(), g.what, g.reason]),
        [
          ['stclaimsdocs', 'public network access settings', 'Resource Graph was not available, and the ARM fallback reads no Storage account resources'],
          ['kv-claims', 'public network access settings', 'Resource Graph was not available, and the ARM fallback reads no Azure Key Vault resources'],
        ],
      );
      assert.deepEqual(
        viaArm.coverage.filter((c) => c.scope !== SUBSCRIPTIONS.insurer).map((c) => c.status),
        viaGraph.coverage.filter((c) => c.scope !== SUBSCRIPTIONS.insurer).map((c) => c.status),
      );
      assert.ok(emulator.requestLog.some((r) => /\/providers\/Microsoft\.Cache\/redis$/i.test(r.path)));
      // arm-redisenterprisecache 2.2.0 reads api 2022-01-01, which predates publicNetworkAccess: ARM omits it.
      const pna = (e: typeof viaArm) => e.resources.find((r) => r.name === 'amr-quotes-weu')?.properties?.publicNetworkAccess;
      assert.equal(pna(viaGraph), 'Disabled');
      assert.equal(pna(viaArm), undefined);
      assert.deepEqual(writesAndSecrets(emulator), []);
    } finally {
      emulator.setFaults({ forbiddenSubscriptions: [SUBSCRIPTIONS.datalake] });
    }
  });
});
