import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cache, endpoint, graphOf, healthyDesign, run, spanOf, unknown } from './builders';
import { assertNone, assertResource, assertSpan, single } from './assertions';
import type { CacheNode } from '../../../src/graph/types';

const ID = 'public-network-access-enabled';
const PATH = 'properties.publicNetworkAccess';
const FIX = (c: CacheNode) => [{ kind: 'setProperty', title: "Set publicNetworkAccess to 'Disabled'", nodeId: c.id, path: PATH, value: 'Disabled' }];

function withEndpoint(c: CacheNode) {
  const groupId = c.type === 'Microsoft.Cache/redis' ? 'redisCache' : 'redisEnterprise';
  return graphOf([c, endpoint({ target: c.id, groupId })]);
}

test(`${ID}: fires on 'Enabled' with an endpoint, underlines the value, offers 'Disabled'`, () => {
  const c = cache({ publicNetworkAccess: 'Enabled' });
  const f = single(run(ID, withEndpoint(c)));
  assert.equal(f.severity, 'warning');
  assert.equal(
    f.message,
    "trading-prices-weu has private endpoint pe-trading but publicNetworkAccess is 'Enabled': set publicNetworkAccess to 'Disabled' so traffic can only use the private path.",
  );
  assertSpan(f, spanOf(c, PATH));
  assert.deepEqual(f.fixes, FIX(c));
  assert.equal(f.facts.publicNetworkAccess, 'Enabled');
});

test(`${ID}: fires when absent on Azure Cache for Redis (the ARM default is Enabled); the fix inserts it`, () => {
  const c = cache({ publicNetworkAccess: undefined });
  const f = single(run(ID, withEndpoint(c)));
  assert.match(f.message, /publicNetworkAccess is not set, and its default is Enabled/);
  assertSpan(f, spanOf(c, 'name'));
  assert.deepEqual(f.fixes, FIX(c));
  assert.equal(f.facts.publicNetworkAccess, 'absent');
});

test(`${ID}: null on Azure Cache for Redis means "not set": the default Enabled applies`, () => {
  single(run(ID, withEndpoint(cache({ publicNetworkAccess: null }))));
});

test(`${ID}: Managed Redis on api-version 2025-07-01 or later needs the property`, () => {
  const amr = cache({ type: 'Microsoft.Cache/redisEnterprise', sku: 'Balanced_B5', publicNetworkAccess: undefined, apiVersion: '2025-07-01' });
  const f = single(run(ID, withEndpoint(amr)));
  assert.match(f.message, /api-version 2025-07-01 requires it for Azure Managed Redis/);
  single(run(ID, withEndpoint(cache({ type: 'Microsoft.Cache/redisEnterprise', sku: 'Balanced_B5', publicNetworkAccess: 'Enabled' }))));
});

test(`${ID}: live: located on the cache, no text fix`, () => {
  const c = cache({ live: true, publicNetworkAccess: 'Enabled' });
  const f = single(run(ID, graphOf([c, endpoint({ live: true })]), { mode: 'live' }));
  assertResource(f, c.id);
  assert.deepEqual(f.fixes, []);
});

test(`${ID}: silent when correct, or without private endpoints`, () => {
  assertNone(run(ID, graphOf(healthyDesign())));
  assertNone(run(ID, graphOf([cache({ publicNetworkAccess: 'Enabled' })])));
});

test(`${ID}: silent where absence is not known to mean Enabled`, () => {
  const enterprise = { type: 'Microsoft.Cache/redisEnterprise' as const, publicNetworkAccess: undefined };
  // Managed Redis before 2025-07-01 had no such property; private while endpoints exist (facts C7).
  assertNone(run(ID, withEndpoint(cache({ ...enterprise, sku: 'Balanced_B5', apiVersion: '2025-05-01-preview' }))));
  assertNone(run(ID, withEndpoint(cache({ ...enterprise, sku: 'Balanced_B5' }))));
  // Redis Enterprise (ACRE) with private link is not publicly reachable (facts C8).
  assertNone(run(ID, withEndpoint(cache({ ...enterprise, sku: 'Enterprise_E10', apiVersion: '2025-07-01' }))));
  // null: a legacy cluster that cannot have the property.
  assertNone(run(ID, withEndpoint(cache({ ...enterprise, sku: 'Balanced_B5', publicNetworkAccess: null, apiVersion: '2025-07-01' }))));
});

test(`${ID}: silent when the value is unknown or the cache lives elsewhere`, () => {
  assertNone(run(ID, withEndpoint(cache({ publicNetworkAccess: unknown("parameter 'pna' has no default") }))));
  assertNone(run(ID, withEndpoint(cache({ publicNetworkAccess: undefined, existing: true }))));
});
