import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../../src/sources/live/emulator';
import { EstateTreeModel, type TreeItemData } from '../../../src/tree';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { ALL_SUBSCRIPTIONS, SUBSCRIPTIONS, inventoryFor, startSampleEmulator, writesAndSecrets } from './support';

async function child(model: EstateTreeModel, parent: TreeItemData | undefined, label: string): Promise<TreeItemData> {
  const children = await model.getChildren(parent);
  const found = children.find((c) => c.label === label);
  assert.ok(found, `'${label}' not among ${children.map((c) => c.label).join(', ')}`);
  return found;
}

describe('EstateTreeModel.getChildren on the emulator', () => {
  let emulator: RunningEmulator;
  let model: EstateTreeModel;
  before(async () => {
    emulator = await startSampleEmulator({ faults: { forbiddenSubscriptions: [SUBSCRIPTIONS.datalake] } });
    const inventory = inventoryFor(emulator);
    model = new EstateTreeModel(inventory, DEFAULT_CONFIG);
    await model.load(await inventory.listSubscriptions());
  });
  after(async () => emulator?.close());

  it('lists subscriptions with cache counts, and the refused one as a node with its reason and a retry action', async () => {
    const roots = await model.getChildren();
    assert.deepEqual(
      roots.map((r) => [r.label, r.description, r.status, r.kind]),
      [
        // Graph-level findings only: zone groups are read when a cache or endpoint is expanded.
        ['Insurer Claims', '2 caches · 2 warnings', 'warning', 'subscription'],
        ['Insurer Data Lake', 'not read', 'error', 'subscriptionFailed'],
        ['Trading Platform (prod)', '2 caches', 'ok', 'subscription'],
        ['University Research Computing', '2 caches · 5 warnings', 'warning', 'subscription'],
      ],
    );
    const failed = roots[1];
    assert.match(failed.contextValue, /\bretry\b/);
    const [reason] = await model.getChildren(failed);
    assert.match(reason.label, /403 AuthorizationFailed.*request id/);
  });

  it('shows caches with kind, SKU, region and public access; endpoints with state, group id, subnet and IP', async () => {
    const trading = await child(model, undefined, 'Trading Platform (prod)');
    const caches = await model.getChildren(trading);
    assert.deepEqual(
      caches.map((c) => [c.label, c.description, c.status]),
      [
        ['amr-quotes-neu', 'Azure Managed Redis · Balanced_B5 · North Europe · public access Disabled', 'ok'],
        ['amr-quotes-weu', 'Azure Managed Redis · Balanced_B5 · West Europe · public access Disabled', 'ok'],
      ],
    );
    assert.match(caches[1].contextValue, /^cache resource .*probe/);
    assert.match(caches[1].tooltip, /`\/subscriptions\/6a1d2f38[^`]+amr-quotes-weu`/);
    const [endpoint] = await model.getChildren(caches[1]);
    assert.equal(endpoint.label, 'pe-amr-quotes-weu');
    assert.equal(endpoint.description, 'Approved · redisEnterprise · vnet-trading-weu/snet-pe · 10.10.2.4');
  });

  it('reads zone groups and A records lazily, through the port, when a cache is expanded', async () => {
    const model = new EstateTreeModel(inventoryFor(emulator), DEFAULT_CONFIG);
    await model.load([{ id: SUBSCRIPTIONS.trading, displayName: 'Trading Platform (prod)' }]);
    emulator.requestLog.length = 0;
    const trading = await child(model, undefined, 'Trading Platform (prod)');
    const cache = await child(model, trading, 'amr-quotes-neu');
    const endpoint = await child(model, cache, 'pe-amr-quotes-neu');
    assert.deepEqual(
      emulator.requestLog.map((r) => r.path.split('/').slice(-3).join('/')),
      ['privateEndpoints/pe-amr-quotes-neu/privateDnsZoneGroups', 'privateDnsZones/privatelink.redis.azure.net/A'],
      'one zone group list, one record list, nothing else',
    );
    const [group] = await model.getChildren(endpoint);
    assert.deepEqual([group.label, group.description, group.kind], ['default', 'privatelink.redis.azure.net', 'zoneGroup']);
    const [zone] = await model.getChildren(group);
    assert.deepEqual([zone.label, zone.description], ['privatelink.redis.azure.net', '2 VNet links · rg-trading-dns']);
    const leaves = await model.getChildren(zone);
    assert.deepEqual(
      leaves.map((l) => [l.kind, l.label, l.description]),
      [
        ['vnetLink', 'link-vnet-trading-neu', 'vnet-trading-neu'],
        ['vnetLink', 'link-vnet-trading-weu', 'vnet-trading-weu'],
        ['aRecord', 'amr-quotes-neu.northeurope', 'A 10.20.2.4'],
        ['aRecord', 'amr-quotes-weu.westeurope', 'A 10.10.2.4'],
      ],
    );
    assert.equal(emulator.requestLog.length, 2, 'expanding the endpoint, group and zone needed no more calls');
    assert.deepEqual(writesAndSecrets(emulator), []);
  });

  it('shows what is missing under a cache, and its findings with rule ids', async () => {
    const insurer = await child(model, undefined, 'Insurer Claims');
    const cache = await child(model, insurer, 'redis-claims');
    assert.equal(cache.status, 'warning', 'before its chain is read: public access and firewall findings only');
    const changes: number[] = [];
    const subscription = model.onDidChange(() => changes.push(1));
    const children = await model.getChildren(cache);
    subscription.dispose();
    assert.ok(changes.length > 0, 'the model announces the new findings');
    assert.equal((await child(model, insurer, 'redis-claims')).status, 'error');
    const labels = children.map((c) => `${c.kind}:${c.label}`);
    assert.ok(labels.includes('privateEndpoint:pe-redis-claims-app'));
    assert.ok(labels.includes('privateEndpoint:pe-redis-claims-batch'));
    assert.ok(labels.includes('missing:missing: zone privatelink.redis.cache.windows.net not linked to vnet-claims-batch'), labels.join('\n'));
    const findings = children.filter((c) => c.kind === 'finding').map((c) => c.label).sort();
    assert.deepEqual(findings, ['firewall-rules-with-private-endpoint', 'firewall-rules-with-private-endpoint', 'public-network-access-enabled']);
  });

  it('lists orphaned endpoints and unlinked zones per subscription; a lazy read can reveal new findings', async () => {
    const university = await child(model, undefined, 'University Research Computing');
    const orphans = await child(model, university, 'Orphaned endpoints');
    const [orphan] = await model.getChildren(orphans);
    assert.equal(orphan.label, 'pe-genomics-redis');
    assert.deepEqual(orphan.findings.map((f) => f.ruleId), ['endpoint-disconnected']);
    const unlinked = await child(model, university, 'Unlinked zones');
    const [zone] = await model.getChildren(unlinked);
    assert.deepEqual([zone.label, zone.description, zone.status], ['privatelink.redis.cache.windows.net', '0 VNet links · rg-old-genomics', 'warning']);

    // The physics endpoint's zone groups are unknown until read: no dns-zone-group-missing before, one after.
    const ids = () => (model.current?.findings ?? []).filter((f) => f.ruleId === 'dns-zone-group-missing').map((f) => f.nodeId);
    assert.deepEqual(ids(), []);
    const chem = await child(model, university, 'redis-chem-lab');
    const physics = await child(model, chem, 'pe-physics-batch');
    const physicsChildren = await model.getChildren(physics);
    assert.deepEqual(ids(), [physics.resourceId]);
    assert.ok(physicsChildren.some((c) => c.kind === 'finding' && c.label === 'dns-zone-group-missing'));
  });

  it('keeps item ids stable across a reload, and a retried subscription loads once access is granted', async () => {
    const before = (await model.getChildren()).map((r) => r.id);
    emulator.setFaults({});
    await model.retry(SUBSCRIPTIONS.datalake);
    const roots = await model.getChildren();
    assert.deepEqual(roots.map((r) => r.id), before);
    const lake = roots.find((r) => r.label === 'Insurer Data Lake');
    assert.equal(lake?.kind, 'subscription');
    assert.equal(lake?.description, '1 cache');
    const again = new EstateTreeModel(inventoryFor(emulator), DEFAULT_CONFIG);
    await again.load(ALL_SUBSCRIPTIONS);
    const trading = (await again.getChildren()).find((r) => r.id === `subscription:${SUBSCRIPTIONS.trading}`);
    assert.ok(trading);
    assert.deepEqual((await again.getChildren(trading)).map((c) => c.id), (await model.getChildren(roots[2])).map((c) => c.id));
  });
});
