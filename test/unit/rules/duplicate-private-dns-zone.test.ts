import { test } from 'node:test';
import assert from 'node:assert/strict';
import { graphOf, healthyDesign, run, spanOf, zone } from './builders';
import { assertNone, assertSpan, single } from './assertions';

const ID = 'duplicate-private-dns-zone';
const ZONE = 'privatelink.redis.cache.windows.net';

test(`${ID}: fires on the same privatelink zone in two resource groups`, () => {
  const a = zone(ZONE, { rg: 'rg-hub-dns' });
  const b = zone(ZONE, { rg: 'rg-spoke-dns', file: 'infra/spoke.bicep' });
  const f = single(run(ID, graphOf([a, b])));
  assert.equal(f.severity, 'warning');
  assert.equal(f.message, `Zone ${ZONE} is declared again (resource group rg-spoke-dns; also resource group rg-hub-dns): clients see only the records of the copy their VNet is linked to.`);
  assertSpan(f, spanOf(b, 'name'));
  assert.equal(f.related[0].origin, a.origin);
});

test(`${ID}: fires on two YAML design zones with the same name`, () => {
  const a = zone(ZONE, { id: 'design:net.plink.yaml#zones/0' });
  const b = zone(ZONE.toUpperCase(), { id: 'design:net.plink.yaml#zones/1' });
  single(run(ID, graphOf([a, b])));
});

test(`${ID}: silent when correct`, () => {
  assertNone(run(ID, graphOf(healthyDesign())));
  const corp = [zone('corp.contoso.internal', { rg: 'a' }), zone('corp.contoso.internal', { rg: 'b' })];
  assertNone(run(ID, graphOf(corp)));
});

test(`${ID}: silent when the declarations may be one zone (group unknown) or one is only referenced`, () => {
  const noGroup = '/providers/Microsoft.Network/privateDnsZones/' + ZONE;
  assertNone(run(ID, graphOf([zone(ZONE, { id: noGroup }), zone(ZONE, { id: noGroup, file: 'infra/other.bicep' })])));
  assertNone(run(ID, graphOf([zone(ZONE, { rg: 'rg-hub-dns' }), zone(ZONE, { id: noGroup })])));
  assertNone(run(ID, graphOf([zone(ZONE, { rg: 'a' }), zone(ZONE, { rg: 'b', existing: true })])));
});
