// Two exports of the same estate are byte-identical apart from the timestamp, whatever order the estate lists
// its resources in.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { renderBundle, writeBundle } from '../../../src/evidence/bundle';
import { canonicalJson } from '../../../src/evidence/canonical';
import { fixture } from '../../support/paths';
import { estateModel, readFolder, SAMPLE_NOW, tempDir } from './support';

test('two runs with the same clock give byte-identical files on disk', async () => {
  const a = join(tempDir(), 'a');
  const b = join(tempDir(), 'b');
  await writeBundle(estateModel(), a);
  await writeBundle(estateModel(), b);
  assert.deepEqual(readFolder(a), readFolder(b));
});

test('two runs at different times differ only in the timestamp (and so in the checksums)', () => {
  const first = renderBundle(estateModel({ now: SAMPLE_NOW }));
  const later = new Date('2027-03-04T05:06:07.000Z');
  const second = renderBundle(estateModel({ now: later }));
  for (const [name, text] of first) {
    if (name === 'SHA256SUMS') continue;
    const other = second.get(name)!;
    if (name === 'findings.sarif' || name === 'resources.csv') {
      assert.equal(other, text, `${name} carries no timestamp and must not change`);
      continue;
    }
    assert.notEqual(other, text, `${name} records the export time`);
    assert.equal(other.split(later.toISOString()).join(SAMPLE_NOW.toISOString()), text, `${name} differs beyond the timestamp`);
  }
});

test('the order of resources in the estate file does not change a byte', () => {
  const original = JSON.parse(readFileSync(fixture('evidence', 'sample-estate.json'), 'utf8'));
  const shuffled = { ...original, value: [...original.value].reverse(), coverage: [...original.coverage].reverse() };
  const dir = tempDir();
  writeFileSync(join(dir, 'sample-estate.json'), JSON.stringify(shuffled));
  const a = renderBundle(estateModel());
  const b = renderBundle(estateModel({ path: join(dir, 'sample-estate.json') }));
  for (const [name, text] of a) assert.equal(b.get(name), text, `${name} depends on input order`);
});

/** The same value with every object's keys inserted in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

test('canonicalJson does not depend on the order keys were inserted in, and round-trips', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = canonicalJson(value);
      assert.equal(canonicalJson(reversedKeys(value)), text);
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
    }),
    { numRuns: 300 },
  );
  assert.equal(canonicalJson({ b: [1, { d: undefined, c: 'x' }], a: [] }), '{\n  "a": [],\n  "b": [\n    1,\n    {\n      "c": "x"\n    }\n  ]\n}\n');
});

test('a tag named __proto__ is kept as data, not swallowed as a prototype', () => {
  const value = JSON.parse('{"tags": {"__proto__": "x", "owner": "y"}}');
  assert.equal(canonicalJson(value), '{\n  "tags": {\n    "__proto__": "x",\n    "owner": "y"\n  }\n}\n');
});
