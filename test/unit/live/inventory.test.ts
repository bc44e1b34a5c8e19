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
    assert.equal(progress.filter((m) => m.startsWith('Resource Graph')).length, 6, progress.join('\n'));
    assert.ok(progress.some((m) => m.includes(`subscription ${SUBSCRIPTIONS.datalake}`)), 'the refused subscription is tried over ARM');
    const byScope = Object.fromEntries(estate.coverage.map((c) => [c.scope, c]));
    assert.equal(byScope[SUBSCRIPTIONS.trading].status, 'read');
    assert.equal(byScope[SUBSCRIPTIONS.insurer].status, 'read');
    assert.equal(byScope[SUBSCRIPTIONS.datalake].status, 'failed');
    assert.match(byScope[SUBSCRIPTIONS.datalake].reason ?? '', /403 AuthorizationFailed.*request id [0-9a-f-]{36}/);
    const names = estate.resources.map((r) => r.name).sort();
    assert.ok(names.includes('amr-quotes-weu') && names.includes('redis-claims') && names.includes('link-vnet-hub'));
    assert.ok(!names.includes('redis-lake-cache'), 'nothing from the refused subscription');
    // Zone groups are not in Resource Graph: none are read at this level, and none are claimed.
    assert.equal(estate.resources.filter((r) => /privateDnsZoneGroups/i.test(r.type)).length, 0);
    assert.equal(estate.zoneGroupsFetched.size, 0);
    const graphCalls = emulator.requestLog.filter((r) => r.graphQuery !== undefined);
    assert.equal(graphCalls.length, 6, 'one page per query for this small estate');
    assert.deepEqual(writesAndSecrets(emulator), []);
  });

  it('reads details (zone groups, A records, firewall rules) for the full audit', async () => {
    const inventory = inventoryFor(emulator);
    const estate = await inventory.loadDetails(await inventory.loadEstate([SUBSCRIPTIONS.insurer]));
    assert.deepEqual(estate.coverage.map((c) => [c.status, c.gaps ?? []]), estate.coverage.map(() => ['read', []]));
    const groups = estate.resources.filter((r) => r.id.toLowerCase().includes('/privatednszonegroups/'));
    assert.equal(groups.length, 3);
    assert.equal(estate.zoneGroupsFetched.size, 3);
    const records = estate.resources.filter((r) => r.type.toLowerCase() === 'microsoft.network/privatednszones/a');
    assert.deepEqual(records.map((r) => r.name).sort(), ['redis-claims', 'redisent-policy-quotes.westeurope']);
    const rules = estate.resources.filter((r) => r.type.toLowerCase() === 'microsoft.cache/redis/firewallrules');
    assert.equal(rules.length, 2);
  });

  it('falls back to ARM per subscription when Resource Graph refuses, with the same resources', async () => {
    const viaGraph = await inventoryFor(emulator).loadEstate(ALL_SUBSCRIPTIONS);
    emulator.setFaults({ forbiddenSubscriptions: [SUBSCRIPTIONS.datalake], resourceGraph: 'forbidden' });
    try {
      emulator.requestLog.length = 0;
      const viaArm = await inventoryFor(emulator).loadEstate(ALL_SUBSCRIPTIONS);
      assert.equal(viaArm.source, 'arm');
      assert.match(viaArm.fallbackReason ?? '', /403/);
      const ids = (e: typeof viaArm) => e.resources.map((r) => r.id.toLowerCase()).sort();
      assert.deepEqual(ids(viaArm), ids(viaGraph));
      assert.deepEqual(
        viaArm.coverage.map((c) => c.status),
        viaGraph.coverage.map((c) => c.status),
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
