import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cache, endpoint, graphOf, healthyDesign, run, spanOf, unknown } from './builders';
import { assertNone, assertSpan, single } from './assertions';

const ID = 'dns-zone-group-missing';

test(`${ID}: fires on an endpoint without a zone group and offers to insert one for the right zone`, () => {
  const pe = endpoint({ zones: [] });
  const f = single(run(ID, graphOf([cache(), pe])));
  assert.equal(f.severity, 'warning');
  assert.equal(
    f.message,
    'Private endpoint pe-trading to trading-prices-weu has no DNS zone group: nothing registers its private address in privatelink.redis.cache.windows.net, so clients resolve trading-prices-weu to its public address.',
  );
  assertSpan(f, spanOf(pe, 'name'));
  assert.deepEqual(f.fixes, [
    { kind: 'insertZoneGroup', title: 'Add a DNS zone group for privatelink.redis.cache.windows.net', nodeId: pe.id, zoneName: 'privatelink.redis.cache.windows.net' },
  ]);
  assert.equal(f.facts.expectedZone, 'privatelink.redis.cache.windows.net');
});

test(`${ID}: when the zone cannot be chosen (redisEnterprise, unknown SKU) it still fires, without a fix`, () => {
  const re = cache({ name: 're', type: 'Microsoft.Cache/redisEnterprise', sku: unknown('parameter') });
  const f = single(run(ID, graphOf([re, endpoint({ target: re.id, groupId: 'redisEnterprise', zones: [] })])));
  assert.deepEqual(f.fixes, []);
  assert.equal(f.facts.expectedZone, null);
});

test(`${ID}: silent when correct`, () => {
  assertNone(run(ID, graphOf(healthyDesign())));
});

test(`${ID}: silent when the zone groups are unknown, the endpoint lives elsewhere, or the target is no Private Link service we know`, () => {
  assertNone(run(ID, graphOf([cache(), endpoint({ zones: unknown('zone groups not fetched') })])));
  assertNone(run(ID, graphOf([cache(), endpoint({ zones: [], existing: true })])));
  const unnamed = { ...endpoint({ zones: [] }), name: unknown("parameter 'cacheName' has no default") };
  assertNone(run(ID, graphOf([cache(), unnamed])));
  assertNone(run(ID, graphOf([endpoint({ zones: [], target: unknown('module output') })])));
  const unknownService = '/subscriptions/s/resourceGroups/g/providers/Microsoft.Contoso/widgets/w';
  assertNone(run(ID, graphOf([endpoint({ zones: [], target: unknownService, groupId: 'widget' })])));
  // Disconnected or rejected endpoints carry no traffic: other rules tell what to do with them.
  assertNone(run(ID, graphOf([cache({ live: true }), endpoint({ live: true, zones: [], status: 'Disconnected' })]), { mode: 'live' }));
  assertNone(run(ID, graphOf([cache({ live: true }), endpoint({ live: true, zones: [], status: 'Rejected' })]), { mode: 'live' }));
  single(run(ID, graphOf([cache({ live: true }), endpoint({ live: true, zones: [], status: 'Pending' })]), { mode: 'live' }));
});

test(`${ID}: every catalogued service: a storage blob endpoint without a zone group gets the blob zone, named as a storage account's`, () => {
  const storage = '/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/st';
  const f = single(run(ID, graphOf([endpoint({ zones: [], target: storage, groupId: 'blob' })])));
  assert.equal(
    f.message,
    'Private endpoint pe-trading to st has no DNS zone group: nothing registers its private address in privatelink.blob.core.windows.net, so clients resolve st to its public address.',
  );
  assert.equal(f.facts.expectedZone, 'privatelink.blob.core.windows.net');
  // Azure Monitor registers in five zones: the rule fires, but no single zone group is suggested.
  const ampls = '/subscriptions/s/resourceGroups/g/providers/Microsoft.Insights/privateLinkScopes/ampls';
  const monitor = single(run(ID, graphOf([endpoint({ zones: [], target: ampls, groupId: 'azuremonitor' })])));
  assert.deepEqual(monitor.fixes, []);
});
