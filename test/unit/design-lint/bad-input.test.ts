import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { analyseDesign } from '../../../src/lint/analyse';
import { designFixture } from './support';

// Bad input gives a clear message at the right place, never an exception and never a lost file: any prefix
// or any edit of a real design still analyses, with every file read (no "internal error" coverage gap).
const sources = [designFixture('arm', 'cache-endpoint.json'), designFixture('arm', 'fixable.json'), designFixture('yaml', 'fixable.plink.yaml'), designFixture('yaml', 'trading.plink.yaml')];

test('truncated and corrupted ARM and YAML designs never throw and are always read', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...sources),
      fc.nat(),
      fc.nat(),
      fc.constantFrom('', '{', '}', '[', ']', ',', '"', ':', '\n', '  ', '- ', '#', "'", '[concat(', 'null', '"[parameters(\'x\')]"'),
      (file, cut, at, junk) => {
        const end = cut % (file.text.length + 1);
        const pos = at % (end + 1);
        const text = file.text.slice(0, pos) + junk + file.text.slice(pos, end);
        const { graph, findings } = analyseDesign([{ path: file.path, text }], DEFAULT_CONFIG);
        assert.deepEqual(graph.coverage.filter((c) => c.status === 'failed'), []);
        for (const f of findings) {
          assert.equal(f.location.kind, 'file');
          if (f.location.kind === 'file') assert.ok(f.location.span.range.end.offset <= text.length);
        }
      },
    ),
    { numRuns: 300, seed: 20261125 },
  );
});

test('empty and non-object design files are reported, not ignored', () => {
  const yaml = analyseDesign([{ path: '/w/empty.plink.yaml', text: '' }], DEFAULT_CONFIG).findings;
  assert.deepEqual(yaml.map((f) => f.ruleId), ['design-schema']);
  assert.match(yaml[0].message, /must be a mapping/);
  const text = '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [';
  const arm = analyseDesign([{ path: '/w/cut.json', text }], DEFAULT_CONFIG).findings;
  assert.ok(arm.length > 0 && arm.every((f) => f.ruleId === 'syntax-error'));
  assert.ok(arm.some((f) => f.location.kind === 'file' && f.location.span.range.start.offset === text.length), 'at the end, where the file stops');
});
