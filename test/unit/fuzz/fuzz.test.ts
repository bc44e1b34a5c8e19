import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fuzzInput, loadSeedCorpus, runFuzz } from '../../fuzz/harness';
import { repoRoot } from '../../support/paths';

// The fuzz harness at a small size (the 100,000-input run is `node --expose-gc scripts/fuzz.mjs --inputs 100000`):
// mutated real designs in one process, as the editor runs, with no exception, no input over the budget and a
// heap that does not grow from one input to the next.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

test('fuzz: 300 mutated designs of every format analyse without exception, within budget, heap flat', () => {
  const report = runFuzz(repoRoot(), { seed: 12, inputs: 300, maxInputChars: 16_000, gc });
  assert.equal(report.inputs, 300);
  assert.deepEqual(report.failures, []);
  assert.equal(report.exceptions, 0);
  assert.equal(report.overBudget, 0);
  assert.ok(report.heapAfterMb - report.heapAfterWarmupMb < 64, `heap grew from ${report.heapAfterWarmupMb.toFixed(0)} MB to ${report.heapAfterMb.toFixed(0)} MB`);
});

test('fuzz: inputs are reproducible from the seed and cover every format and mutation', () => {
  const corpus = loadSeedCorpus(repoRoot());
  assert.deepEqual([...new Set(corpus.map((f) => f.format))].sort(), ['arm', 'bicep', 'bicepparam', 'yaml']);
  const inputs = Array.from({ length: 400 }, (_, i) => fuzzInput(corpus, 7, i));
  assert.deepEqual(fuzzInput(corpus, 7, 123), inputs[123]);
  assert.notDeepEqual(fuzzInput(corpus, 8, 123), inputs[123]);
  const applied = new Set(inputs.flatMap((i) => i.mutations));
  for (const name of ['byte-flip', 'truncate', 'delete', 'duplicate-lines', 'shuffle-lines', 'deep-nesting', 'huge-string', 'nul', 'bom', 'crlf', 'invalid-utf8']) {
    assert.ok(applied.has(name), name);
  }
});
