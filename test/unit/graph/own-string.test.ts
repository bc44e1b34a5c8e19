import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ownString } from '../../../src/graph/own-string';
import { parseExpression } from '../../../src/sources/arm/expression';
import { PrivateLinkGraph } from '../../../src/graph/graph';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

test('ownString keeps every code unit, lone surrogates and NUL included', () => {
  for (const text of ['', 'short', 'a longer string than thirteen', 'é\u{1F600}\uD800x\u0000'.repeat(5)]) assert.equal(ownString(text), text);
});

// Issue 12, "a long-lived process stays healthy": the 100,000-input fuzz run's heap grew with every input (39 MB
// → 76 MB, and 108 MB at 200,000) because the caches that outlive an analysis were keyed by pieces cut from each
// input's text, and a piece keeps its whole text alive in V8.
test("the caches that outlive an analysis do not keep the designs' texts alive", () => {
  const before = heapMb();
  for (let i = 0; i < 40; i++) {
    // A 1 MB template text, different each time (a keystroke), with an expression and an id cut from it.
    const text = `${'x'.repeat(1_000_000)}[concat('pe-${i}', parameters('spoke'))]/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-${i}`;
    const expression = text.slice(1_000_001, text.indexOf(']', 1_000_000));
    parseExpression(expression);
    const id = text.slice(text.indexOf('/subscriptions'));
    PrivateLinkGraph.from({ nodes: [{ kind: 'vnet', id, name: `pe-${i}`, subnets: [], dnsServers: [], origin: { kind: 'live' } } as never], problems: [], coverage: [] });
  }
  const grown = heapMb() - before;
  // Without copies: 40 texts of 1 MB each stay (about 40 MB, or 80 MB for two cuts of each).
  assert.ok(grown < 10, `the heap grew by ${grown.toFixed(1)} MB`);
});
