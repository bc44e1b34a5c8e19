import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cache, endpoint, graphOf, healthyDesign, run, spanOf, unknown, zone, zoneGroupOf, zoneId } from './builders';
import { assertNone, assertSpan, single } from './assertions';

const ID = 'dns-zone-mismatch';
const CONFIG_PATH = 'properties.privateDnsZoneConfigs[0].properties.privateDnsZoneId';
const ACRE_ZONE = 'privatelink.redisenterprise.cache.azure.net';
const AMR_ZONE = 'privatelink.redis.azure.net';
const ACR_ZONE = 'privatelink.redis.cache.windows.net';

test(`${ID}: fires when an Azure Cache for Redis endpoint registers in the Enterprise zone; fix keeps the id, swaps the name`, () => {
  const z = zone(ACRE_ZONE);
  const pe = endpoint({ zones: [z.id] });
  const f = single(run(ID, graphOf([cache(), pe, z])));
  assert.equal(f.severity, 'error');
  assert.equal(
    f.message,
    `Private endpoint pe-trading registers trading-prices-weu in zone ${ACRE_ZONE}, but trading-prices-weu (Microsoft.Cache/redis Premium, AzureCloud) needs ${ACR_ZONE}: clients will not resolve its private address.`,
  );
  // The zone group is its own declaration (a `privateDnsZoneGroups` child): the span and the fix are there.
  const group = zoneGroupOf(pe);
  assertSpan(f, spanOf(group, CONFIG_PATH));
  assert.deepEqual(f.fixes, [{ kind: 'setProperty', title: `Use zone ${ACR_ZONE}`, nodeId: group.id, path: CONFIG_PATH, value: zoneId(ACR_ZONE) }]);
  assert.deepEqual(f.facts.expectedZones, [ACR_ZONE]);
  assert.deepEqual(f.related.map((r) => r.message), ['the target cache trading-prices-weu', `the zone ${ACRE_ZONE}`]);
});

test(`${ID}: Managed Redis (Balanced SKU) must use ${AMR_ZONE}, not the Enterprise zone`, () => {
  const amr = cache({ name: 'amr-weu', type: 'Microsoft.Cache/redisEnterprise', sku: 'Balanced_B5' });
  const f = single(run(ID, graphOf([amr, endpoint({ target: amr.id, groupId: 'redisEnterprise', zones: [zoneId(ACRE_ZONE)] })])));
  assert.match(f.message, new RegExp(`needs ${AMR_ZONE.replace(/\./g, '\\.')}`));
});

test(`${ID}: Enterprise SKU must use the Enterprise zone`, () => {
  const acre = cache({ name: 'acre', type: 'Microsoft.Cache/redisEnterprise', sku: 'Enterprise_E10' });
  single(run(ID, graphOf([acre, endpoint({ target: acre.id, groupId: 'redisEnterprise', zones: [zoneId(AMR_ZONE)] })])));
  assertNone(run(ID, graphOf([acre, endpoint({ target: acre.id, groupId: 'redisEnterprise', zones: [zoneId(ACRE_ZONE)] })])));
});

test(`${ID}: redisEnterprise with an unknown SKU: either Enterprise zone is fine, any other zone is wrong (no fix)`, () => {
  const re = cache({ name: 're', type: 'Microsoft.Cache/redisEnterprise', sku: unknown("parameter 'sku' has no default") });
  assertNone(run(ID, graphOf([re, endpoint({ target: re.id, groupId: 'redisEnterprise', zones: [zoneId(ACRE_ZONE)] })])));
  assertNone(run(ID, graphOf([re, endpoint({ target: re.id, groupId: 'redisEnterprise', zones: [zoneId(AMR_ZONE)] })])));
  const f = single(run(ID, graphOf([re, endpoint({ target: re.id, groupId: 'redisEnterprise', zones: [zoneId(ACR_ZONE)] })])));
  assert.match(f.message, new RegExp(`needs ${ACRE_ZONE.replace(/\./g, '\\.')} or ${AMR_ZONE.replace(/\./g, '\\.')}`));
  assert.deepEqual(f.fixes, []);
});

test(`${ID}: the design's cloud decides (US Government), and undocumented clouds are not judged`, () => {
  const f = single(run(ID, graphOf(healthyDesign(), { cloud: 'AzureUSGovernment' })));
  assert.match(f.message, /needs privatelink\.redis\.cache\.usgovcloudapi\.net/);
  // The configured cloud applies when the design does not say.
  single(run(ID, graphOf(healthyDesign()), { cloud: 'AzureChinaCloud' }));
  const amr = cache({ name: 'amr', type: 'Microsoft.Cache/redisEnterprise', sku: 'Balanced_B5' });
  assertNone(run(ID, graphOf([amr, endpoint({ target: amr.id, groupId: 'redisEnterprise', zones: [zoneId(AMR_ZONE)] })], { cloud: 'AzureUSGovernment' })));
});

test(`${ID}: a zone written as a reference gets no text fix; an inline zone group is fixed on the endpoint`, () => {
  const byRef = endpoint({ zones: [zoneId(ACRE_ZONE)], zonesWrittenAs: 'expression' });
  const f = single(run(ID, graphOf([cache(), byRef])));
  assert.deepEqual(f.fixes, []);
  assertSpan(f, spanOf(zoneGroupOf(byRef), CONFIG_PATH));
  const inline = endpoint({ zones: [zoneId(ACRE_ZONE)], inlineZoneGroup: true });
  const g = single(run(ID, graphOf([cache(), inline])));
  assertSpan(g, spanOf(inline, CONFIG_PATH));
  assert.equal(g.fixes[0].nodeId, inline.id);
});

test(`${ID}: a zone written as a bare name (YAML designs) is fixed as a name`, () => {
  const pe = endpoint({ zones: [zoneId(ACRE_ZONE)], zonesWrittenAs: 'name' });
  const f = single(run(ID, graphOf([cache(), pe])));
  assert.equal(f.fixes[0].kind === 'setProperty' && f.fixes[0].value, ACR_ZONE);
  const bare = endpoint({ zones: [ACRE_ZONE] });
  assert.equal(single(run(ID, graphOf([cache(), bare]))).fixes.length, 1, 'a reference that is itself a name');
});

test(`${ID}: silent when correct`, () => {
  assertNone(run(ID, graphOf(healthyDesign())));
  const acre = cache({ name: 'acre', type: 'Microsoft.Cache/redisEnterprise', sku: 'EnterpriseFlash_F300' });
  assertNone(run(ID, graphOf([acre, endpoint({ target: acre.id, groupId: 'redisEnterprise', zones: [zoneId(ACRE_ZONE)] })])));
});

test(`${ID}: silent when the zone, the zone groups or the target are unknown`, () => {
  assertNone(run(ID, graphOf([cache(), endpoint({ zones: unknown('zone groups not fetched') })])));
  assertNone(run(ID, graphOf([cache(), endpoint({ target: unknown('module output'), zones: [zoneId(ACRE_ZONE)] })])));
  const pe = endpoint();
  const unknownZone = { ...pe, zoneGroups: [{ id: 'g', name: 'g', origin: pe.origin, configs: [{ name: 'c', zoneId: unknown('module output'), path: 'x' }] }] };
  assertNone(run(ID, graphOf([cache(), unknownZone])));
  // The zone group names a declared zone whose name is a parameter without default.
  const unnamed = { ...zone(ACRE_ZONE, { rg: 'rg-param' }), name: unknown("parameter 'zoneName' has no default") };
  assertNone(run(ID, graphOf([cache(), endpoint({ zones: [unnamed.id] }), unnamed])));
});

test(`${ID}: a zone group with several zones that includes the right one is not an error; the extra zone is info`, () => {
  const blob = 'privatelink.blob.core.windows.net';
  const f = single(run(ID, graphOf([cache(), endpoint({ zones: [zoneId(ACR_ZONE), zoneId(blob)] })])));
  assert.equal(f.severity, 'info');
  assert.match(f.message, /also names privatelink\.blob\.core\.windows\.net, a zone of [A-Za-z ]*Storage/);
  assert.match(f.message, /trading-prices-weu resolves privately/);
  assert.equal(f.facts.extraZone, true);
  // Another Redis product's zone beside the right one: info too.
  assert.equal(single(run(ID, graphOf([cache(), endpoint({ zones: [zoneId(ACRE_ZONE), zoneId(ACR_ZONE)] })]))).severity, 'info');
  // Without the right zone, every wrong zone stays an error.
  const errors = run(ID, graphOf([cache(), endpoint({ zones: [zoneId(ACRE_ZONE), zoneId(blob)] })]));
  assert.deepEqual(errors.map((e) => e.severity), ['error', 'error']);
});
