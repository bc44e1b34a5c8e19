import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cache, endpoint, graphOf, healthyDesign, run, spanOf, subnetId, unknown } from './builders';
import { assertNone, assertSpan, single } from './assertions';

const INJECTED = subnetId('vnet-redis', 'snet-redis');

test('private-endpoint-on-vnet-injected-cache: fires on the endpoint, points at the subnetId', () => {
  const c = cache({ subnetId: INJECTED });
  const pe = endpoint();
  const f = single(run('private-endpoint-on-vnet-injected-cache', graphOf([c, pe])));
  assert.equal(f.severity, 'error');
  assert.equal(
    f.message,
    'Private endpoint pe-trading targets trading-prices-weu, which is injected into subnet snet-redis: private endpoints cannot be used on a VNet-injected cache.',
  );
  assertSpan(f, spanOf(pe, 'properties.privateLinkServiceConnections[0].properties.privateLinkServiceId'));
  assert.deepEqual(f.related[0].span, spanOf(c, 'properties.subnetId'));
});

test('private-endpoint-on-vnet-injected-cache: silent when correct or when subnetId is unknown', () => {
  assertNone(run('private-endpoint-on-vnet-injected-cache', graphOf(healthyDesign())));
  assertNone(run('private-endpoint-on-vnet-injected-cache', graphOf([cache({ subnetId: INJECTED })])));
  assertNone(run('private-endpoint-on-vnet-injected-cache', graphOf([cache({ subnetId: unknown('parameter') }), endpoint()])));
});

test('vnet-injection-prefer-private-link: info on the subnetId of an injected cache', () => {
  const c = cache({ subnetId: INJECTED });
  const f = single(run('vnet-injection-prefer-private-link', graphOf([c])));
  assert.equal(f.severity, 'info');
  assert.match(f.message, /^trading-prices-weu is injected into subnet snet-redis: Microsoft recommends Private Link over VNet injection/);
  assertSpan(f, spanOf(c, 'properties.subnetId'));
});

test('vnet-injection-prefer-private-link: silent when correct or unknown', () => {
  assertNone(run('vnet-injection-prefer-private-link', graphOf(healthyDesign())));
  assertNone(run('vnet-injection-prefer-private-link', graphOf([cache({ subnetId: unknown('parameter') })])));
});
