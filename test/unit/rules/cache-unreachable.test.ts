import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cache, cacheId, endpoint, graphOf, healthyDesign, run, spanOf, subnetId, unknown } from './builders';
import { assertNone, assertSpan, single } from './assertions';

const ID = 'cache-unreachable';

test(`${ID}: fires on a cache with public access disabled and no way in`, () => {
  const lonely = cache({ name: 'orders-cache' });
  const f = single(run(ID, graphOf([...healthyDesign(), lonely])));
  assert.equal(f.severity, 'error');
  assert.equal(f.message, 'orders-cache disables public network access but has no private endpoint and no VNet injection: no client can reach it.');
  assertSpan(f, spanOf(lonely, 'properties.publicNetworkAccess'));
});

test(`${ID}: live: fires when the cache itself reports no endpoint connections`, () => {
  const c = cache({ live: true, privateEndpointConnections: [] });
  single(run(ID, graphOf([c]), { mode: 'live' }));
});

test(`${ID}: silent when correct (an endpoint, VNet injection, or public access)`, () => {
  assertNone(run(ID, graphOf(healthyDesign())));
  assertNone(run(ID, graphOf([cache({ subnetId: subnetId('vnet-redis', 'snet-redis') })])));
  assertNone(run(ID, graphOf([cache({ publicNetworkAccess: 'Enabled' })])));
  assertNone(run(ID, graphOf([cache({ live: true, privateEndpointConnections: [{ endpointId: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/privateEndpoints/pe-other-sub', status: 'Approved' }] })]), { mode: 'live' }));
});

test(`${ID}: silent when the endpoints are not knowable`, () => {
  // An endpoint whose target is unknown might be this cache's.
  assertNone(run(ID, graphOf([cache(), endpoint({ target: unknown('module output') })])));
  // An endpoint to a Redis cache not in the graph might be a differently-named reference to it.
  assertNone(run(ID, graphOf([cache(), endpoint({ target: cacheId('trading-prices-weu').replace('rg-app', 'rg-other').replace('trading-prices-weu', 'x') })])));
  // Live, without the cache's own connection list.
  assertNone(run(ID, graphOf([cache({ live: true })]), { mode: 'live' }));
});

test(`${ID}: silent when public access or VNet injection is unknown, or the cache lives elsewhere`, () => {
  assertNone(run(ID, graphOf([cache({ publicNetworkAccess: unknown('parameter') })])));
  assertNone(run(ID, graphOf([cache({ subnetId: unknown('parameter') })])));
  assertNone(run(ID, graphOf([cache({ existing: true })])));
});
