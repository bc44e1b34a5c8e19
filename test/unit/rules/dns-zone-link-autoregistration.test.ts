import { test } from 'node:test';
import assert from 'node:assert/strict';
import { graphOf, healthyDesign, link, run, spanOf, unknown, vnetId, zone } from './builders';
import { assertNone, assertSpan, single } from './assertions';

const ID = 'dns-zone-link-autoregistration';

test(`${ID}: fires on registrationEnabled: true on a privatelink zone link, offers false`, () => {
  const z = zone();
  const l = link(z.id, vnetId('vnet-hub-weu'), { registrationEnabled: true });
  const f = single(run(ID, graphOf([z, l])));
  assert.equal(f.severity, 'warning');
  assert.equal(
    f.message,
    'VNet link link-vnet-hub-weu of privatelink.redis.cache.windows.net has autoregistration enabled: virtual machines of vnet-hub-weu would write records into a private link zone, and the VNet can autoregister into no other zone.',
  );
  assertSpan(f, spanOf(l, 'properties.registrationEnabled'));
  assert.deepEqual(f.fixes, [{ kind: 'setProperty', title: 'Set registrationEnabled to false', nodeId: l.id, path: 'properties.registrationEnabled', value: false }]);
  assert.equal(f.related.length, 1);
});

test(`${ID}: a link to a zone declared elsewhere is judged by the zone name in its id`, () => {
  single(run(ID, graphOf([link(zone().id, vnetId('vnet-a'), { registrationEnabled: true })])));
});

test(`${ID}: silent when correct, or on a zone that is not a privatelink zone`, () => {
  assertNone(run(ID, graphOf(healthyDesign())));
  const corp = zone('corp.contoso.internal');
  assertNone(run(ID, graphOf([corp, link(corp.id, vnetId('vnet-a'), { registrationEnabled: true })])));
});

test(`${ID}: silent when registrationEnabled is unknown`, () => {
  const z = zone();
  assertNone(run(ID, graphOf([z, link(z.id, vnetId('vnet-a'), { registrationEnabled: unknown('parameter') })])));
});
