import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cache, cacheId, endpoint, graphOf, healthyDesign, link, record, run, SUB, unknown, vnetId, zone } from './builders';
import { assertNone, assertResource, single } from './assertions';
import type { CoverageEntry } from '../../../src/graph/types';

const LIVE = { live: true } as const;
const READ: CoverageEntry[] = [{ scope: SUB, kind: 'subscription', status: 'read' }];

test('endpoint-disconnected: fires on a Disconnected connection', () => {
  const pe = endpoint({ ...LIVE, status: 'Disconnected' });
  const f = single(run('endpoint-disconnected', graphOf([cache(LIVE), pe]), { mode: 'live' }));
  assert.equal(f.severity, 'warning');
  assert.equal(f.message, 'Private endpoint pe-trading is disconnected from trading-prices-weu: it carries no traffic. Delete the endpoint and its DNS records, or reconnect it.');
  assertResource(f, pe.id);
});

test('endpoint-disconnected: fires on an endpoint whose target is gone from a subscription that was read', () => {
  const pe = endpoint({ ...LIVE, target: cacheId('retired-cache'), status: 'Approved' });
  const f = single(run('endpoint-disconnected', graphOf([pe], { coverage: READ }), { mode: 'live' }));
  assert.equal(f.message, 'Private endpoint pe-trading is orphaned: its target retired-cache no longer exists. Delete the endpoint and its DNS records.');
  assert.equal(f.facts.targetExists, false);
});

test('endpoint-disconnected: silent when correct, in designs, and when the target subscription was not read', () => {
  assertNone(run('endpoint-disconnected', graphOf(healthyDesign(LIVE), { coverage: READ }), { mode: 'live' }));
  assertNone(run('endpoint-disconnected', graphOf([endpoint({ status: 'Disconnected' })])));
  const elsewhere = endpoint({ ...LIVE, target: cacheId('cache-in-other-sub', 'Microsoft.Cache/redis', 'ffffffff-0000-0000-0000-000000000000') });
  assertNone(run('endpoint-disconnected', graphOf([elsewhere], { coverage: READ }), { mode: 'live' }));
  const failed: CoverageEntry[] = [{ scope: SUB, kind: 'subscription', status: 'failed', reason: '403' }];
  assertNone(run('endpoint-disconnected', graphOf([endpoint({ ...LIVE, target: cacheId('gone') })], { coverage: failed }), { mode: 'live' }));
  assertNone(run('endpoint-disconnected', graphOf([cache(LIVE), endpoint({ ...LIVE, status: unknown('not fetched') })]), { mode: 'live' }));
});

test('dns-record-mismatch: fires when the A record points at another IP', () => {
  const z = zone(undefined, LIVE);
  const pe = endpoint({ ...LIVE, privateIps: ['10.1.0.4'] });
  const f = single(run('dns-record-mismatch', graphOf([cache(LIVE), pe, z, record(z.id, 'trading-prices-weu', ['10.9.9.9'])]), { mode: 'live' }));
  assert.equal(f.severity, 'error');
  assert.equal(
    f.message,
    'A record trading-prices-weu in privatelink.redis.cache.windows.net points to 10.9.9.9, but private endpoint pe-trading of trading-prices-weu has 10.1.0.4: clients connect to the wrong address.',
  );
  assertResource(f, pe.id);
  assert.deepEqual(f.facts.recordIps, ['10.9.9.9']);
});

test('dns-record-mismatch: fires when the zone has no record for the cache (records were read)', () => {
  const z = zone(undefined, { ...LIVE, recordsRead: true });
  const f = single(run('dns-record-mismatch', graphOf([cache(LIVE), endpoint(LIVE), z]), { mode: 'live' }));
  assert.match(f.message, /has no A record for trading-prices-weu \(expected 'trading-prices-weu'\)/);
  // Another cache's record proves the zone's records were read.
  const z2 = zone(undefined, LIVE);
  single(run('dns-record-mismatch', graphOf([cache(LIVE), endpoint(LIVE), z2, record(z2.id, 'other-cache', ['10.1.0.9'])]), { mode: 'live' }));
});

test('dns-record-mismatch: Managed Redis records are named <cache>.<region>', () => {
  const amr = cache({ ...LIVE, name: 'amr-weu', type: 'Microsoft.Cache/redisEnterprise', sku: 'Balanced_B5', location: 'West Europe' });
  const z = zone('privatelink.redis.azure.net', LIVE);
  const pe = endpoint({ ...LIVE, target: amr.id, groupId: 'redisEnterprise', zones: [z.id] });
  assertNone(run('dns-record-mismatch', graphOf([amr, pe, z, record(z.id, 'amr-weu.westeurope', ['10.1.0.4'])]), { mode: 'live' }));
  single(run('dns-record-mismatch', graphOf([amr, pe, z, record(z.id, 'amr-weu', ['10.1.0.4'])]), { mode: 'live' }));
});

test('dns-record-mismatch: silent when correct, or when records were not read', () => {
  assertNone(run('dns-record-mismatch', graphOf(healthyDesign(LIVE)), { mode: 'live' }));
  const z = zone(undefined, LIVE);
  assertNone(run('dns-record-mismatch', graphOf([cache(LIVE), endpoint(LIVE), z]), { mode: 'live' }));
  const unread = zone(undefined, { ...LIVE, recordsRead: false });
  assertNone(run('dns-record-mismatch', graphOf([cache(LIVE), endpoint(LIVE), unread, record(unread.id, 'trading-prices-weu', ['10.9.9.9'])]), { mode: 'live' }));
  assertNone(run('dns-record-mismatch', graphOf([cache(LIVE), endpoint({ ...LIVE, zones: unknown('not fetched') }), z]), { mode: 'live' }));
  // A disconnected endpoint's records are endpoint-disconnected's business.
  assertNone(run('dns-record-mismatch', graphOf([cache(LIVE), endpoint({ ...LIVE, status: 'Disconnected' }), z, record(z.id, 'trading-prices-weu', ['10.9.9.9'])]), { mode: 'live' }));
});

test('dns-zone-unlinked: fires on a privatelink zone without links', () => {
  const z = zone(undefined, LIVE);
  const f = single(run('dns-zone-unlinked', graphOf([z, record(z.id, 'old-cache', ['10.2.0.4'])]), { mode: 'live' }));
  assert.equal(f.severity, 'warning');
  assert.equal(f.message, 'Zone privatelink.redis.cache.windows.net has no VNet link: no client resolves its 1 record. Link it to the VNets that need it, or delete it.');
  assertResource(f, z.id);
});

test('dns-zone-unlinked: silent when linked, in designs, on other zones, and when links were not read', () => {
  const z = zone(undefined, LIVE);
  assertNone(run('dns-zone-unlinked', graphOf([z, link(z.id, vnetId('vnet-hub-weu'), LIVE)]), { mode: 'live' }));
  assertNone(run('dns-zone-unlinked', graphOf([zone()])));
  assertNone(run('dns-zone-unlinked', graphOf([zone('corp.contoso.internal', LIVE)]), { mode: 'live' }));
  assertNone(run('dns-zone-unlinked', graphOf([zone(undefined, { ...LIVE, linksRead: false })]), { mode: 'live' }));
  // A working endpoint registers in it: dns-zone-link-missing names the VNet it lacks instead.
  assertNone(run('dns-zone-unlinked', graphOf([cache(LIVE), endpoint({ ...LIVE, status: 'Approved' }), zone(undefined, LIVE)]), { mode: 'live' }));
  single(run('dns-zone-unlinked', graphOf([cache(LIVE), endpoint({ ...LIVE, status: 'Disconnected' }), zone(undefined, LIVE)]), { mode: 'live' }));
});
