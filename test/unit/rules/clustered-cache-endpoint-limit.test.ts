import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cache, endpoint, graphOf, run, spanOf, subnetId, unknown } from './builders';
import { assertNone, assertSpan, single } from './assertions';

const ID = 'clustered-cache-endpoint-limit';
const twoEndpoints = () => [endpoint(), endpoint({ name: 'pe-trading-neu', subnet: subnetId('vnet-hub-neu') })];

test(`${ID}: fires on a clustered Premium cache with two endpoints`, () => {
  const c = cache({ shardCount: 3 });
  const f = single(run(ID, graphOf([c, ...twoEndpoints()])));
  assert.equal(f.severity, 'error');
  assert.equal(
    f.message,
    'trading-prices-weu is a clustered Premium cache (shardCount 3) with 2 private endpoints (pe-trading and pe-trading-neu): clustered caches support only one.',
  );
  assertSpan(f, spanOf(c, 'properties.shardCount'));
  assert.equal(f.related.length, 2);
});

test(`${ID}: live: counts the connections the cache reports`, () => {
  const c = cache({
    live: true,
    shardCount: 2,
    privateEndpointConnections: [
      { endpointId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/privateEndpoints/pe-a', status: 'Approved' },
      { endpointId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/privateEndpoints/pe-b', status: 'Pending' },
    ],
  });
  single(run(ID, graphOf([c]), { mode: 'live' }));
});

test(`${ID}: silent with one endpoint, without clustering, or on Standard`, () => {
  assertNone(run(ID, graphOf([cache({ shardCount: 3 }), endpoint()])));
  assertNone(run(ID, graphOf([cache(), ...twoEndpoints()])));
  assertNone(run(ID, graphOf([cache({ shardCount: 0 }), ...twoEndpoints()])));
  assertNone(run(ID, graphOf([cache({ sku: 'Standard', shardCount: 2 }), ...twoEndpoints()])));
});

test(`${ID}: silent when shardCount is unknown`, () => {
  assertNone(run(ID, graphOf([cache({ shardCount: unknown("parameter 'shards' has no default") }), ...twoEndpoints()])));
});
