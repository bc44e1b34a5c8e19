// --mask-subscription-ids: the same id gets the same mask in every file, inside resource ids too; no file keeps
// a real subscription id, and the masked bundle still joins up (endpoints still point at their caches).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { renderBundle } from '../../../src/evidence/bundle';
import { maskSubscriptionId, subscriptionMasker } from '../../../src/evidence/mask';
import { estateModel, SUB_INSURER, SUB_TRADING, SUB_UNREAD } from './support';

test('a mask is sub- and the first 8 hex of the sha256 of the lower-cased id', () => {
  const expected = `sub-${createHash('sha256').update(SUB_TRADING).digest('hex').slice(0, 8)}`;
  assert.equal(maskSubscriptionId(SUB_TRADING), expected);
  assert.equal(maskSubscriptionId(SUB_TRADING.toUpperCase()), expected);
  assert.notEqual(maskSubscriptionId(SUB_INSURER), expected);
  const mask = subscriptionMasker([SUB_TRADING]);
  assert.equal(mask(`/subscriptions/${SUB_TRADING.toUpperCase()}/x and ${SUB_TRADING}`), `/subscriptions/${expected}/x and ${expected}`);
});

test('no file of a masked bundle contains a real subscription id; each mask appears in every file that names it', () => {
  const files = renderBundle(estateModel({ mask: true }));
  for (const [name, text] of files) {
    for (const id of [SUB_TRADING, SUB_INSURER, SUB_UNREAD]) {
      assert.ok(!text.toLowerCase().includes(id), `${name} still contains ${id}`);
    }
  }
  const trading = maskSubscriptionId(SUB_TRADING);
  for (const name of ['evidence.json', 'findings.sarif', 'report.md', 'report.html', 'resources.csv']) {
    assert.ok(files.get(name)!.includes(`/subscriptions/${trading}/`), `${name} lacks the masked resource ids`);
  }
  // The unread subscription is still named (masked) in coverage and the report's first paragraph.
  const unread = maskSubscriptionId(SUB_UNREAD);
  const md = files.get('report.md')!;
  assert.ok(md.split('\n\n')[1].includes(unread), 'the first paragraph names the unread subscription');
  assert.ok(files.get('evidence.json')!.includes(`"scope": "${unread}"`));
});

test('the masked model still joins up: same structure and findings as the unmasked one', () => {
  const plain = estateModel();
  const masked = estateModel({ mask: true });
  assert.equal(masked.scope.subscriptionIdsMasked, true);
  assert.deepEqual(masked.summary.findingsByRule, plain.summary.findingsByRule);
  assert.equal(masked.summary.privateOnly, plain.summary.privateOnly);
  const shape = (model: typeof plain) =>
    model.caches.map((c) => [c.name, c.endpointIds.length, c.findingCount, c.endpointIds.every((id) => model.endpoints.some((e) => e.id === id))]).sort();
  assert.deepEqual(shape(masked), shape(plain));
  const legacy = (model: typeof plain) => model.caches.find((c) => c.name === 'cache-legacy')!;
  assert.equal(legacy(masked).subscriptionId, maskSubscriptionId(legacy(plain).subscriptionId!));
});
