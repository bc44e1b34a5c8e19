// The trees a one-shot analysis keeps for files still to be evaluated: held by each file's record, at most a
// bound of characters, oldest out first, and all dropped when the analysis ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TreeStore, type TreeHolder } from '../../../src/sources/bicep/tree-store';
import { EvaluationTree } from '../../../src/sources/bicep/eval-file';
import { parseBicep } from '../../../src/sources/bicep/parser';

const holder = (chars: number): TreeHolder => ({ text: 'x'.repeat(chars), tree: undefined });
const tree = () => new EvaluationTree(parseBicep("param p string = 'a'\n").syntax);

test('over the bound the oldest trees go first, never the one just kept', () => {
  const store = new TreeStore(10);
  const [a, b, c] = [holder(4), holder(4), holder(4)];
  store.keep(a, tree());
  store.keep(b, tree());
  assert.ok(a.tree && b.tree);
  store.keep(c, tree());
  assert.equal(a.tree, undefined, 'the oldest is dropped');
  assert.ok(b.tree && c.tree);
  const big = holder(30);
  store.keep(big, tree());
  assert.ok(big.tree, 'a tree larger than the bound is still kept while it is evaluated');
  assert.equal(b.tree, undefined);
  assert.equal(c.tree, undefined);
});

test('a dropped tree frees its characters; keeping a tree again replaces it', () => {
  const store = new TreeStore(10);
  const [a, b, c] = [holder(6), holder(4), holder(4)];
  store.keep(a, tree());
  store.drop(a);
  assert.equal(a.tree, undefined);
  store.keep(b, tree());
  store.keep(c, tree());
  assert.ok(b.tree && c.tree, '4 + 4 characters fit once the 6 were dropped');
  const again = tree();
  store.keep(b, again);
  assert.equal(b.tree, again);
  assert.ok(c.tree);
});

test('clear drops every tree, kept or listed', () => {
  const store = new TreeStore(Infinity);
  const holders = [holder(3), holder(5), holder(7)];
  for (const h of holders) store.keep(h, tree());
  assert.ok(holders.every((h) => h.tree));
  store.clear();
  assert.ok(holders.every((h) => h.tree === undefined));
});

test('the declarations of a tree are indexed once, when first asked for', () => {
  const t = new EvaluationTree(parseBicep("param p string = 'a'\nvar v = p\nresource r 'Microsoft.Cache/redis@2024-11-01' = {\n  name: v\n}\n").syntax);
  const first = t.declarations;
  assert.equal(t.declarations, first);
  assert.deepEqual([...first.params.keys(), ...first.vars.keys(), ...first.resources.keys()], ['p', 'v', 'r']);
});
