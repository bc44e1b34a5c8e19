import { test } from 'node:test';
import { ruleById } from '../../../src/rules/registry';
import assert from 'node:assert/strict';
import { cache, cacheId, endpoint, graphOf, healthyDesign, run, spanOf, unknown } from './builders';
import { assertNone, assertResource, assertSpan, single } from './assertions';

const ID = 'group-id-mismatch';
const GROUP_PATH = 'properties.privateLinkServiceConnections[0].properties.groupIds[0]';

test(`${ID}: fires on an invented group id, underlines it and offers the right one`, () => {
  const pe = endpoint({ groupId: 'redisEnterpriseCache' });
  const f = single(run(ID, graphOf([cache(), pe])));
  assert.equal(f.severity, 'error');
  assert.match(f.message, /Group id 'redisEnterpriseCache' does not match trading-prices-weu \(Microsoft\.Cache\/redis\): use 'redisCache'/);
  assertSpan(f, spanOf(pe, GROUP_PATH));
  assert.deepEqual(f.fixes, [{ kind: 'setProperty', title: "Use group id 'redisCache'", nodeId: pe.id, path: GROUP_PATH, value: 'redisCache' }]);
  assert.equal(f.facts.expectedGroupId, 'redisCache');
  assert.equal(f.related.length, 1, 'points at the target cache');
});

test(`${ID}: a wrong case is a warning that claims only what is documented (no "the deployment fails")`, () => {
  const f = single(run(ID, graphOf([cache(), endpoint({ groupId: 'RedisCache' })])));
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /Microsoft documents it as 'redisCache'/);
  assert.doesNotMatch(f.message, /case-sensitive|fail/);
  assert.equal(f.fixes.length, 1, 'the quick fix still writes the documented spelling');
  const rule = ruleById(ID)!;
  assert.doesNotMatch(rule.description, /deployment fail/);
});

test(`${ID}: a target outside the graph is judged by the type in its id`, () => {
  const target = cacheId('amr-elsewhere', 'Microsoft.Cache/redisEnterprise');
  const f = single(run(ID, graphOf([endpoint({ target, groupId: 'redisCache' })])));
  assert.match(f.message, /use 'redisEnterprise'/);
  assert.deepEqual(f.related, []);
});

test(`${ID}: live findings are located by resource id and carry no text fix`, () => {
  const pe = endpoint({ live: true, groupId: 'redisEnterpriseCache' });
  const f = single(run(ID, graphOf([cache({ live: true }), pe]), { mode: 'live' }));
  assertResource(f, pe.id);
  assert.deepEqual(f.fixes, []);
});

test(`${ID}: silent when correct`, () => {
  assertNone(run(ID, graphOf(healthyDesign())));
  const amr = cache({ name: 'amr', type: 'Microsoft.Cache/redisEnterprise' });
  assertNone(run(ID, graphOf([amr, endpoint({ target: amr.id, groupId: 'redisEnterprise' })])));
});

test(`${ID}: silent when the group id or the target is unknown`, () => {
  assertNone(run(ID, graphOf([cache(), endpoint({ groupId: unknown("parameter 'groupId' has no default") })])));
  assertNone(run(ID, graphOf([cache(), endpoint({ groupIds: unknown('module output') })])));
  assertNone(run(ID, graphOf([cache(), endpoint({ target: unknown('module output'), groupId: 'nonsense' })])));
  // A non-Redis target is not ours to judge.
  const storage = '/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/st';
  assertNone(run(ID, graphOf([endpoint({ target: storage, groupId: 'blob' })])));
});
