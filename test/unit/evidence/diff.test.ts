// `evidence diff`: a before/after migration of the sample estate (the Managed Redis endpoint fixed and linked,
// the retired endpoint removed, an endpoint added with a wrong-case group id, a subscription read again).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeBundle } from '../../../src/evidence/bundle';
import { diffEvidence, readEvidence, renderDiffText } from '../../../src/evidence/diff';
import { estateModel, tempDir } from './support';

const before = estateModel();
const after = estateModel({ file: 'after-estate.json' });
const S1 = '/subscriptions/11111111-1111-1111-1111-111111111111';
const S2 = '/subscriptions/22222222-2222-2222-2222-222222222222';

test('findings fixed and new are matched by fingerprint', () => {
  const diff = diffEvidence(before, after);
  assert.deepEqual(
    diff.findingsFixed.map((f) => [f.ruleId, f.nodeId]),
    [
      ['group-id-mismatch', `${S1}/resourceGroups/rg-trading/providers/Microsoft.Network/privateEndpoints/pe-amr-trading`],
      // the subscription not read before is read after: its coverage-incomplete finding is fixed too
      ['coverage-incomplete', '/subscriptions/33333333-3333-3333-3333-333333333333'],
    ],
  );
  assert.deepEqual(
    diff.findingsNew.map((f) => [f.ruleId, f.facts.groupId]),
    [['group-id-mismatch', 'rediscache']],
  );
});

test('resources added, gone and changed are keyed by id', () => {
  const diff = diffEvidence(before, after);
  assert.deepEqual(diff.resourcesAdded, [
    { kind: 'privateEndpoint', id: `${S2}/resourceGroups/rg-insurer/providers/Microsoft.Network/privateEndpoints/pe-legacy` },
    { kind: 'vnetLink', id: `${S1}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net/virtualNetworkLinks/link-app` },
  ]);
  assert.deepEqual(diff.resourcesGone, [
    { kind: 'privateEndpoint', id: `${S2}/resourceGroups/rg-insurer/providers/Microsoft.Network/privateEndpoints/pe-retired` },
  ]);
  const changed = new Map(diff.resourcesChanged.map((c) => [c.id.split('/').pop(), c.fields]));
  assert.deepEqual(changed.get('amr-trading'), ['privateOnly', 'publicNetworkAccess']);
  assert.deepEqual(changed.get('pe-amr-trading'), ['connections']);
  assert.deepEqual(changed.get('cache-legacy'), ['endpointIds', 'firewallRules', 'tags']);
  assert.deepEqual(changed.get('privatelink.redis.azure.net'), ['links']);
  assert.deepEqual(diff.coverageChanges, [
    'file after-estate.json: absent → read',
    'file sample-estate.json: read → absent',
    'subscription 33333333-3333-3333-3333-333333333333: failed → read',
  ]);
  assert.deepEqual(diff.warnings, []);
});

test('the same bundle twice shows no change at all', () => {
  const diff = diffEvidence(before, estateModel({ now: new Date('2030-01-01T00:00:00Z') }));
  for (const list of Object.values(diff)) assert.deepEqual(list, []);
});

test('bundles are read from folders on disk; text lists every section with counts', async () => {
  const root = tempDir();
  await writeBundle(before, join(root, 'old'));
  await writeBundle(after, join(root, 'new'));
  const text = renderDiffText(diffEvidence(readEvidence(join(root, 'old')), readEvidence(join(root, 'new', 'evidence.json'))), 'old', 'new');
  assert.match(text, /^Evidence diff: old → new\n/);
  assert.match(text, /\nFindings fixed \(2\)\n {2}error group-id-mismatch \/subscriptions\/.*pe-amr-trading: Group id 'redisCache'.*\n {2}error coverage-incomplete \/subscriptions\/3333/);
  assert.match(text, /\nResources gone \(1\)\n {2}privateEndpoint .*pe-retired\n/);
  assert.throws(() => readEvidence(root), /evidence\.json: not found/);
});

test('masked against unmasked is warned about', () => {
  assert.deepEqual(diffEvidence(before, estateModel({ mask: true })).warnings, [
    'one bundle masks subscription ids and the other does not: resource ids cannot match',
  ]);
});
