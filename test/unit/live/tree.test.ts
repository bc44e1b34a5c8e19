import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../../src/sources/live/emulator';
import { EstateTreeModel, type TreeItemData } from '../../../src/tree';
import { contextValueOf, loadFailureItem, messageItem } from '../../../src/tree/items';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { ALL_SUBSCRIPTIONS, SAMPLE_ESTATE, SUBSCRIPTIONS, inventoryFor, startSampleEmulator, writesAndSecrets } from './support';
import { EstateInventory } from '../../../src/sources/live/estate-inventory';
import { readEstatePath } from '../../../src/sources/snapshot/read';

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
      roots.map((r) => [r.label, r.status, r.kind, r.expanded]),
      [
        ['Insurer Claims', 'warning', 'subscription', true],
        ['Insurer Data Lake: could not be read', 'error', 'subscriptionFailed', undefined],
        ['Trading Platform (prod)', 'ok', 'subscription', true],
        ['University Research Computing', 'warning', 'subscription', true],
      ],
    );
    // Graph-level findings only: zone groups are read when a cache is expanded or by loadDetails.
    assert.deepEqual([roots[0], roots[2], roots[3]].map((r) => r.description), ['2 caches · 2 other targets · 2 warnings', '2 caches', '2 caches · 5 warnings']);
    assert.match(roots[0].contextValue, /^subscription resource portal hasFindings evidence warning$/);
    const failed = roots[1];
    assert.match(String(failed.description), /403 AuthorizationFailed.*request id/);
    assert.equal(failed.contextValue, 'subscriptionFailed resource retry error');
    assert.equal(failed.subscriptionId, SUBSCRIPTIONS.datalake);
    const [reason, consequence] = await model.getChildren(failed);
    assert.match(reason.label, /403 AuthorizationFailed.*request id/);
    assert.match(consequence.label, /missing from this view and from evidence/);
  });

  it('shows caches with public access and SKU first, endpoints with state and group id; every fact in the tooltip', async () => {
    const trading = await child(model, undefined, 'Trading Platform (prod)');
    const caches = await model.getChildren(trading);
    assert.deepEqual(
      caches.map((c) => [c.label, c.description, c.status]),
      [
        ['amr-quotes-neu', 'public access Disabled · Balanced_B5', 'ok'],
        ['amr-quotes-weu', 'public access Disabled · Balanced_B5', 'ok'],
      ],
    );
    assert.match(caches[1].contextValue, /^cache resource .*probe/);
    assert.match(caches[1].tooltip, /Azure Managed Redis · Balanced\\_B5 · West Europe · public access Disabled/);
    assert.match(caches[1].tooltip, /`\/subscriptions\/6a1d2f38[^`]+amr-quotes-weu`/);
    const [endpoint] = await model.getChildren(caches[1]);
    assert.equal(endpoint.label, 'pe-amr-quotes-weu');
    assert.equal(endpoint.description, 'Approved · redisEnterprise');
    assert.match(endpoint.tooltip, /Approved · redisEnterprise · vnet-trading-weu\/snet-pe · 10\.10\.2\.4/);
  });

  it('keeps cache and endpoint descriptions short enough for a sidebar (40 characters)', async () => {
    // Its own model: expanding every cache reads every chain, which the other tests here expect unread.
    const inventory = inventoryFor(emulator);
    const own = new EstateTreeModel(inventory, DEFAULT_CONFIG);
    await own.load(await inventory.listSubscriptions());
    const long: string[] = [];
    let endpoints = 0;
    for (const subscription of await own.getChildren(undefined)) {
      for (const cache of (await own.getChildren(subscription)).filter((c) => c.kind === 'cache')) {
        if ((cache.description ?? '').length > 40) long.push(`${cache.label}: ${cache.description}`);
        for (const endpoint of (await own.getChildren(cache)).filter((e) => e.kind === 'privateEndpoint')) {
          endpoints++;
          if ((endpoint.description ?? '').length > 40) long.push(`${endpoint.label}: ${endpoint.description}`);
        }
      }
    }
    assert.deepEqual(long, []);
    assert.ok(endpoints >= 5, `${endpoints} endpoints looked at`);
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
    assert.deepEqual([group.label, group.description, group.kind, group.expanded], ['default', 'privatelink.redis.azure.net', 'zoneGroup', true]);
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
    const findings = children.filter((c) => c.kind === 'finding');
    assert.deepEqual(findings.map((c) => c.description).sort(), ['firewall-rules-with-private-endpoint', 'firewall-rules-with-private-endpoint', 'public-network-access-enabled']);
    assert.deepEqual(findings.map((c) => c.label), findings.map((c) => c.findings[0].message), 'a finding node reads as its message');
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
    assert.ok(physicsChildren.some((c) => c.kind === 'finding' && c.description === 'dns-zone-group-missing'));
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

  it('loadDetails reads every chain in the background: statuses are complete before anything is expanded', async () => {
    emulator.setFaults({});
    const background = new EstateTreeModel(inventoryFor(emulator), DEFAULT_CONFIG);
    await background.load([{ id: SUBSCRIPTIONS.insurer, displayName: 'Insurer Claims' }]);
    const before = await child(background, undefined, 'Insurer Claims');
    assert.equal((await child(background, before, 'redis-claims')).status, 'warning');
    let changes = 0;
    const listening = background.onDidChange(() => changes++);
    const problems = await background.loadDetails();
    listening.dispose();
    assert.deepEqual(problems, []);
    assert.equal(changes, 1, 'one redraw for the whole detail read');
    const insurer = await child(background, undefined, 'Insurer Claims');
    const cache = await child(background, insurer, 'redis-claims');
    assert.equal(cache.status, 'error');
    assert.match(cache.contextValue, /^cache resource portal hasFindings probe error$/);
    assert.ok(cache.findings.some((f) => f.ruleId === 'dns-record-mismatch'), cache.findings.map((f) => f.ruleId).join(', '));
    emulator.requestLog.length = 0;
    const children = await background.getChildren(cache);
    assert.ok(children.some((c) => c.label === 'missing: zone privatelink.redis.cache.windows.net not linked to vnet-claims-batch'));
    assert.deepEqual(emulator.requestLog.map((r) => r.path), [], 'expanding after loadDetails reads nothing again');
  });

  it('shows the other services under each subscription after the caches, grouped by service, problems marked', async () => {
    emulator.setFaults({});
    const services = new EstateTreeModel(inventoryFor(emulator), DEFAULT_CONFIG);
    await services.load([{ id: SUBSCRIPTIONS.insurer, displayName: 'Insurer Claims' }]);
    const first = await child(services, undefined, 'Insurer Claims');
    // The first level holds the targets (Resource Graph), not yet their endpoints: the view says so.
    assert.deepEqual((await services.getChildren(first)).map((c) => [c.label, c.kind]), [
      ['redis-claims', 'cache'],
      ['redisent-policy-quotes', 'cache'],
      ['Azure Key Vault', 'serviceGroup'],
      ['Storage account', 'serviceGroup'],
    ]);
    const early = await child(services, await child(services, first, 'Azure Key Vault'), 'kv-claims');
    assert.deepEqual((await services.getChildren(early)).map((c) => c.label), ['Private endpoints are being read']);

    assert.deepEqual(await services.loadDetails(), []);
    const insurer = await child(services, undefined, 'Insurer Claims');
    assert.equal(insurer.description, '2 caches · 2 other targets · 3 errors · 3 warnings');
    const vaults = await child(services, insurer, 'Azure Key Vault');
    assert.deepEqual([vaults.status, vaults.description, vaults.contextValue], ['error', '1 key vault', 'serviceGroup hasFindings error']);
    const storage = await child(services, insurer, 'Storage account');
    assert.deepEqual([storage.status, storage.description], ['ok', '1 storage account']);
    const [vault] = await services.getChildren(vaults);
    assert.deepEqual([vault.label, vault.kind, vault.description, vault.status], ['kv-claims', 'target', 'public access Disabled, ACL Deny', 'error']);
    assert.match(vault.contextValue, /^target resource portal hasFindings probe error$/);
    assert.match(vault.tooltip, /Azure Key Vault · westeurope · public access Disabled, ACL Deny/);
    const [endpoint] = await services.getChildren(vault);
    assert.deepEqual([endpoint.label, endpoint.kind, endpoint.description, endpoint.status], ['pe-kv-claims', 'privateEndpoint', 'Approved · vault', 'error']);
    const endpointChildren = await services.getChildren(endpoint);
    const group = endpointChildren.find((c) => c.kind === 'zoneGroup')!;
    assert.equal(group.description, 'privatelink.vault.azure.net');
    assert.ok(endpointChildren.some((c) => c.kind === 'finding' && c.description === 'dns-zone-mismatch' && /needs privatelink\.vaultcore\.azure\.net/.test(c.label)));
    const [zone] = await services.getChildren(group);
    assert.deepEqual([zone.label, zone.description], ['privatelink.vault.azure.net', '2 VNet links · rg-hub-dns']);
    assert.deepEqual((await services.getChildren(zone)).filter((c) => c.kind === 'vnetLink').map((c) => c.label), ['link-vnet-claims-app', 'link-vnet-hub']);
    const [account] = await services.getChildren(storage);
    const [blob] = await services.getChildren(account);
    assert.deepEqual([blob.label, blob.status], ['pe-stclaimsdocs-blob', 'ok']);
  });

  it('privateLinkReview.services limits the view (and its counts) to the chosen services', async () => {
    emulator.setFaults({});
    const only = new EstateTreeModel(inventoryFor(emulator), DEFAULT_CONFIG, { services: ['keyVault'] });
    await only.load([{ id: SUBSCRIPTIONS.insurer, displayName: 'Insurer Claims' }]);
    await only.loadDetails();
    const insurer = await child(only, undefined, 'Insurer Claims');
    assert.deepEqual((await only.getChildren(insurer)).map((c) => c.label), ['Azure Key Vault']);
    assert.equal(insurer.description, '0 caches · 1 other target · 1 error');
    const caches = new EstateTreeModel(inventoryFor(emulator), DEFAULT_CONFIG, { services: ['redis', 'redisEnterprise'] });
    await caches.load([{ id: SUBSCRIPTIONS.insurer, displayName: 'Insurer Claims' }]);
    await caches.loadDetails();
    const cachesOnly = await child(caches, undefined, 'Insurer Claims');
    assert.deepEqual((await caches.getChildren(cachesOnly)).map((c) => c.label), ['redis-claims', 'redisent-policy-quotes']);
    assert.equal(cachesOnly.description, '2 caches · 2 errors · 3 warnings');
  });

  it('loadDetails after a retry reads only that subscription', async () => {
    emulator.setFaults({ forbiddenSubscriptions: [SUBSCRIPTIONS.datalake] });
    const partial = new EstateTreeModel(inventoryFor(emulator), DEFAULT_CONFIG);
    await partial.load(ALL_SUBSCRIPTIONS);
    emulator.setFaults({});
    await partial.retry(SUBSCRIPTIONS.datalake);
    emulator.requestLog.length = 0;
    await partial.loadDetails({ subscriptionId: SUBSCRIPTIONS.datalake });
    const armReads = emulator.requestLog.map((r) => r.path).filter((path) => !/resourcegraph/i.test(path));
    assert.ok(armReads.length > 0, 'the data lake has an endpoint whose zone groups must be read');
    assert.deepEqual(armReads.filter((path) => !path.toLowerCase().includes(SUBSCRIPTIONS.datalake)), []);
    assert.equal((await partial.getChildren()).find((r) => r.subscriptionId === SUBSCRIPTIONS.datalake)?.kind, 'subscription');
  });

  it('knows which subscriptions hold every detail, so an export need not read them again', async () => {
    emulator.setFaults({});
    const tracked = new EstateTreeModel(inventoryFor(emulator), DEFAULT_CONFIG);
    await tracked.load([SUBSCRIPTIONS.insurer, SUBSCRIPTIONS.trading]);
    assert.equal(tracked.hasAllDetails([SUBSCRIPTIONS.insurer]), false, 'the first level holds no zone groups');
    assert.deepEqual(await tracked.loadDetails(), []);
    assert.equal(tracked.hasAllDetails([SUBSCRIPTIONS.insurer, SUBSCRIPTIONS.trading]), true);
    await tracked.retry(SUBSCRIPTIONS.trading);
    assert.equal(tracked.hasAllDetails([SUBSCRIPTIONS.trading]), false, 'a subscription read again has lost its details');
    assert.equal(tracked.hasAllDetails([SUBSCRIPTIONS.insurer]), true);
  });
});

describe('tree items without a model', () => {
  it('builds context values in a fixed order, with the status last', () => {
    assert.equal(contextValueOf('cache', { probe: true, resource: true, hasFindings: true, portal: true }, 'error'), 'cache resource portal hasFindings probe error');
    assert.equal(contextValueOf('dnsZone', { resource: true }), 'dnsZone resource');
  });

  it('makes the whole-load failure a root node with a retry action, and messages as leaves', () => {
    const failed = loadFailureItem('ARM said <no> `503`');
    assert.deepEqual([failed.id, failed.kind, failed.status, failed.label, failed.description, failed.contextValue, failed.collapsible], [
      'load-failed', 'subscriptionFailed', 'error', 'The estate could not be loaded', 'ARM said <no> `503`', 'subscriptionFailed retry error', false,
    ]);
    assert.match(failed.tooltip, /ARM said \\<no\\> \\`503\\`/, 'the reason is escaped in the Markdown tooltip');
    const message = messageItem('subscription:x/cache:y', 'no-endpoint', 'No private endpoint', 'warning');
    assert.deepEqual([message.id, message.kind, message.contextValue], ['subscription:x/cache:y/message:no-endpoint', 'message', 'message warning']);
  });
});

describe('EstateTreeModel on an estate snapshot (no sign-in)', () => {
  const SUB = '00000000-0000-4000-8000-00000000000a';
  const cache = (name: string, access: string) => ({
    id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Cache/redis/${name}`,
    name,
    type: 'Microsoft.Cache/redis',
    location: 'westeurope',
    properties: { sku: { name: 'Premium', family: 'P', capacity: 1 }, publicNetworkAccess: access },
  });

  it('says a cache has no private endpoint once: plainly, or as what is missing when public access is off', async () => {
    const model = new EstateTreeModel(new EstateInventory([cache('open-cache', 'Enabled'), cache('closed-cache', 'Disabled')]), DEFAULT_CONFIG);
    await model.load([SUB]);
    const [subscription] = await model.getChildren();
    const [closed, open] = await model.getChildren(subscription);
    assert.deepEqual([closed.label, open.label], ['closed-cache', 'open-cache']);
    const closedChildren = (await model.getChildren(closed)).map((c) => `${c.kind}:${c.label}`);
    assert.ok(closedChildren.includes('missing:missing: no private endpoint (public access is disabled)'), closedChildren.join('\n'));
    assert.ok(!closedChildren.includes('message:No private endpoint'));
    assert.ok((await model.getChildren(open)).some((c) => c.kind === 'message' && c.label === 'No private endpoint'));
  });

  it('reads the sample snapshot through the same port: zone groups known, loadDetails has nothing to add', async () => {
    const estate = readEstatePath(SAMPLE_ESTATE);
    const model = new EstateTreeModel(new EstateInventory(estate.resources, estate.coverage), DEFAULT_CONFIG);
    await model.load(ALL_SUBSCRIPTIONS);
    let changes = 0;
    model.onDidChange(() => changes++);
    assert.deepEqual(await model.loadDetails(), []);
    assert.equal(changes, 0, 'a snapshot holds everything it will ever hold: no redraw');
    const insurer = await child(model, undefined, 'Insurer Claims');
    const cacheItem = await child(model, insurer, 'redis-claims');
    assert.equal(cacheItem.status, 'error');
    const endpoint = await child(model, cacheItem, 'pe-redis-claims-app');
    assert.deepEqual((await model.getChildren(endpoint)).map((c) => c.kind), ['zoneGroup']);
  });
});
