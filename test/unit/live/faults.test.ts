import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../../src/sources/live/emulator';
import { LiveError } from '../../../src/sources/live/inventory';
import { ALL_SUBSCRIPTIONS, SUBSCRIPTIONS, inventoryFor, startSampleEmulator } from './support';

describe('faults: the real SDK clients against the emulator on a bad day', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startSampleEmulator({ graphPageSize: 1 });
  });
  after(async () => emulator?.close());
  const reset = () => {
    emulator.setFaults({});
    emulator.requestLog.length = 0;
  };

  it('pages Resource Graph results: the first page, then the rest at once by $skip', async () => {
    reset();
    const estate = await inventoryFor(emulator).loadEstate([SUBSCRIPTIONS.insurer]);
    // One row per page: the insurer's 4 links take the first page, then three more asked for at once.
    const linkQueries = emulator.requestLog.filter((r) => r.graphQuery?.includes('virtualnetworklinks'));
    assert.deepEqual(linkQueries.map((r) => r.graphPaging?.skip), [undefined, 1, 2, 3]);
    assert.equal(estate.resources.filter((r) => /virtualNetworkLinks/i.test(r.type)).length, 4);
  });

  it('waits out 429 throttling (retry-after-ms) and still reads everything', async () => {
    reset();
    emulator.setFaults({ rules: [{ kind: 'throttle', match: 'resourcegraph', times: 2, retryAfterMs: 30 }] });
    const estate = await inventoryFor(emulator).loadEstate([SUBSCRIPTIONS.trading]);
    assert.equal(estate.source, 'resource-graph');
    assert.deepEqual(estate.coverage.map((c) => c.status), ['read']);
    assert.equal(emulator.requestLog.filter((r) => r.status === 429).length, 2);
  });

  it('retries 5xx answers and recovers', async () => {
    reset();
    emulator.setFaults({ rules: [{ kind: 'error', status: 503, match: '/privateDnsZoneGroups', times: 2 }] });
    const inventory = inventoryFor(emulator);
    const groups = await inventory.zoneGroupsOf(
      `/subscriptions/${SUBSCRIPTIONS.trading}/resourceGroups/rg-trading-weu/providers/Microsoft.Network/privateEndpoints/pe-amr-quotes-weu`,
    );
    assert.equal(groups.length, 1);
    assert.equal(groups[0].name, 'default');
    assert.equal(emulator.requestLog.filter((r) => r.status === 503).length, 2);
  });

  it('gives up after the retries on persistent 5xx and says so, with the request id', async () => {
    reset();
    emulator.setFaults({ rules: [{ kind: 'error', status: 500, match: '/privateDnsZoneGroups' }] });
    await assert.rejects(
      inventoryFor(emulator).zoneGroupsOf(
        `/subscriptions/${SUBSCRIPTIONS.trading}/resourceGroups/rg-trading-weu/providers/Microsoft.Network/privateEndpoints/pe-amr-quotes-weu`,
      ),
      (error: unknown) => error instanceof LiveError && error.kind === 'unavailable' && /500 .*request id/.test(error.message),
    );
    assert.equal(emulator.requestLog.filter((r) => r.status === 500).length, 4, 'one try and three retries');
  });

  it('a subscription that throttles beyond the retries becomes a failed coverage entry; the others load', async () => {
    reset();
    emulator.setFaults({ resourceGraph: 'unavailable', rules: [{ kind: 'throttle', match: SUBSCRIPTIONS.university, retryAfterMs: 1 }] });
    const estate = await inventoryFor(emulator).loadEstate(ALL_SUBSCRIPTIONS);
    assert.equal(estate.source, 'arm');
    const status = Object.fromEntries(estate.coverage.map((c) => [c.scope, c.status]));
    assert.deepEqual(status, {
      [SUBSCRIPTIONS.trading]: 'read',
      [SUBSCRIPTIONS.university]: 'failed',
      [SUBSCRIPTIONS.insurer]: 'read',
      [SUBSCRIPTIONS.datalake]: 'read',
    });
    assert.match(estate.coverage.find((c) => c.scope === SUBSCRIPTIONS.university)?.reason ?? '', /throttled \(429\)/);
  });

  it('a hanging request times out instead of waiting forever, and only that subscription fails', async () => {
    reset();
    emulator.setFaults({ resourceGraph: 'unavailable', rules: [{ kind: 'hang', match: `/subscriptions/${SUBSCRIPTIONS.insurer}/providers/Microsoft.Network/privateEndpoints` }] });
    const started = Date.now();
    const estate = await inventoryFor(emulator, { requestTimeoutMs: 1500 }).loadEstate([SUBSCRIPTIONS.trading, SUBSCRIPTIONS.insurer]);
    const elapsed = Date.now() - started;
    const insurer = estate.coverage.find((c) => c.scope === SUBSCRIPTIONS.insurer);
    assert.equal(insurer?.status, 'failed');
    assert.match(insurer?.reason ?? '', /timed out/);
    assert.equal(estate.coverage.find((c) => c.scope === SUBSCRIPTIONS.trading)?.status, 'read');
    assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
    const hung = emulator.requestLog.filter((r) => r.path.endsWith(`/subscriptions/${SUBSCRIPTIONS.insurer}/providers/Microsoft.Network/privateEndpoints`));
    assert.equal(hung.length, 1, 'the timed-out request is not retried into a storm');
  });

  it('cancellation stops the load', async () => {
    reset();
    emulator.setFaults({ rules: [{ kind: 'hang', match: 'resourcegraph' }] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(
      inventoryFor(emulator, { requestTimeoutMs: 5000 }).loadEstate(ALL_SUBSCRIPTIONS, { signal: controller.signal }),
      (error: unknown) => error instanceof LiveError && error.kind === 'cancelled',
    );
  });

  it('a credential that cannot get a token fails with a clear message and sends nothing', async () => {
    reset();
    const failing = {
      getToken: async () => {
        const error = new Error('Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions.');
        error.name = 'CredentialUnavailableError';
        throw error;
      },
    };
    await assert.rejects(
      inventoryFor(emulator, { credential: failing }).listSubscriptions(),
      (error: unknown) => error instanceof LiveError && error.kind === 'auth' && /cannot get an Azure token \(Azure CLI could not be found/.test(error.message),
    );
    await assert.rejects(
      inventoryFor(emulator, { credential: failing }).loadEstate(ALL_SUBSCRIPTIONS),
      (error: unknown) => error instanceof LiveError && error.kind === 'auth',
    );
    assert.equal(emulator.requestLog.length, 0);
  });

  it('a token the server refuses (401) is reported as such', async () => {
    const strict = await startSampleEmulator({ token: 'the-right-token' });
    try {
      await assert.rejects(
        inventoryFor(strict).listSubscriptions(),
        (error: unknown) => error instanceof LiveError && error.kind === 'auth' && /401/.test(error.message),
      );
      assert.equal(strict.requestLog[0].status, 401);
    } finally {
      await strict.close();
    }
  });
});
