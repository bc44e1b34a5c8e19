import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cache, endpoint, graphOf, run, spanOf, unknown } from './builders';
import { assertNone, assertSpan, single } from './assertions';

const ID = 'required-tags-missing';

test(`${ID}: off by default, even with required tags configured`, () => {
  assertNone(run(ID, graphOf([cache()]), { requiredTags: ['owner'] }));
});

test(`${ID}: when enabled, fires per cache and endpoint missing a tag`, () => {
  const c = cache({ tags: { env: 'prod' } });
  const findings = run(ID, graphOf([c, endpoint()]), { requiredTags: ['owner', 'env'], severity: 'warning' });
  assert.deepEqual(findings.map((f) => f.message).sort(), [
    'Cache trading-prices-weu lacks the required tag owner.',
    'Private endpoint pe-trading lacks the required tags owner and env.',
  ]);
  const onCache = findings.find((f) => f.message.startsWith('Cache'));
  assert.ok(onCache);
  assertSpan(onCache, spanOf(c, 'tags'));
  assert.deepEqual(onCache.facts.missingTags, ['owner']);
});

test(`${ID}: silent when correct (tag names are case-insensitive) or nothing is required`, () => {
  assertNone(run(ID, graphOf([cache({ tags: { Owner: 'trading' } })]), { requiredTags: ['owner'], severity: 'warning' }));
  assertNone(run(ID, graphOf([cache()]), { requiredTags: [], severity: 'warning' }));
});

test(`${ID}: silent when the tags are unknown (a parameter) or the resource lives elsewhere`, () => {
  assertNone(run(ID, graphOf([cache({ tags: unknown("parameter 'tags' has no default") })]), { requiredTags: ['owner'], severity: 'warning' }));
  assertNone(run(ID, graphOf([cache({ existing: true })]), { requiredTags: ['owner'], severity: 'warning' }));
  // A tag whose value is unknown is still present.
  assertNone(run(ID, graphOf([cache({ tags: { owner: unknown('parameter') } })]), { requiredTags: ['owner'], severity: 'warning' }));
});
