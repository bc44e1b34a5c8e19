import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { analyseDesign } from '../../../src/lint/analyse';
import { limitJsonNesting, MAX_NESTING, yamlNestingLimitExceeded } from '../../../src/sources/nesting';
import { designFixture, Workspace } from './support';

// Hostile nesting never costs the analysis of a file through a stack overflow: the parts nested deeper than the
// limit are reported as not read (a coverage gap with a reason), and everything else of the file still counts.

const analyse = (path: string, text: string) => analyseDesign([{ path, text }], DEFAULT_CONFIG);
const gapsOf = (result: ReturnType<typeof analyse>) => result.graph.coverage.filter((c) => c.status !== 'read');
const ruleIds = (result: ReturnType<typeof analyse>) => [...new Set(result.findings.map((f) => f.ruleId))].sort();

/** The fixture with `insert` placed as the value of a new top-level `metadata` property. */
function armWithMetadata(insert: string) {
  const file = designFixture('arm', 'fixable.json');
  return { path: file.path, text: file.text.replace('"contentVersion"', `"metadata": { "x": ${insert} },\n  "contentVersion"`) };
}

test('ARM: 100,000 nested arrays in metadata are not read, the rest of the template is', () => {
  const plain = designFixture('arm', 'fixable.json');
  const expected = ruleIds(analyse(plain.path, plain.text));
  assert.ok(expected.includes('group-id-mismatch'));
  const file = armWithMetadata('['.repeat(100_000) + ']'.repeat(100_000));
  const result = analyse(file.path, file.text);
  assert.deepEqual(ruleIds(result), [...expected, 'analysis-incomplete'].sort(), 'every finding of the template still comes, and the gap');
  const incomplete = result.findings.find((f) => f.ruleId === 'analysis-incomplete');
  assert.match(incomplete?.message ?? '', /JSON nested more than 128 levels deep \(line 3\) was not read/);
  const [gap] = gapsOf(result);
  assert.equal(gap?.status, 'partial');
  assert.match(gap.reason ?? '', /^JSON nested more than 128 levels deep \(line 3\) was not read$/);
});

test('ARM: a fix in a template nested too deep is not written (jsonc-parser would overflow), never thrown', () => {
  const file = armWithMetadata('['.repeat(100_000) + ']'.repeat(100_000));
  const workspace = new Workspace([file]);
  const [finding] = workspace.findings('group-id-mismatch');
  assert.ok(finding && finding.fixes.length > 0);
  assert.equal(workspace.apply(finding.fixes[0]), 0);
});

test('ARM: deep objects and unclosed deep nesting are reported, not thrown', () => {
  const objects = armWithMetadata('{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000));
  const result = analyse(objects.path, objects.text);
  assert.ok(result.findings.some((f) => f.ruleId === 'group-id-mismatch'));
  assert.deepEqual(gapsOf(result).map((g) => g.status), ['partial']);
  // Unclosed, the brackets take the rest of the file (as they would for ARM): a syntax error, and the gap.
  const unclosed = armWithMetadata('['.repeat(100_000));
  const broken = analyse(unclosed.path, unclosed.text);
  assert.ok(broken.findings.some((f) => f.ruleId === 'syntax-error'));
  assert.deepEqual(gapsOf(broken).map((g) => g.status), ['partial']);
});

test('ARM: expressions nested too deep are a syntax error there, variable chains too deep are unknown and a gap', () => {
  const file = designFixture('arm', 'fixable.json');
  const calls = `"[${'concat('.repeat(20_000)}'a'${')'.repeat(20_000)}]"`;
  const indexes = `"[variables('v0')${'[0]'.repeat(20_000)}]"`;
  const chain = Array.from({ length: 20_000 }, (_, i) => `"v${i}": "[variables('v${i + 1}')]"`).join(', ');
  for (const variables of [`"deep": ${calls}`, `"deep": ${indexes}, "v0": [1]`, chain]) {
    const text = file.text.replace('"contentVersion"', `"variables": { ${variables} },\n  "contentVersion"`).replace('"name": "orders-cache"', `"name": "[variables('${variables === chain ? 'v0' : 'deep'}')]"`);
    const result = analyse(file.path, text);
    assert.ok(result.findings.some((f) => f.ruleId === 'group-id-mismatch'));
    if (variables === chain) {
      const [gap] = gapsOf(result);
      assert.equal(gap?.status, 'partial');
      assert.match(gap.reason ?? '', new RegExp(`the expression at line \\d+ was not evaluated: .* nested more than ${MAX_NESTING} levels deep`));
    } else {
      assert.deepEqual(gapsOf(result), [], variables.slice(0, 30));
      assert.ok(result.findings.some((f) => f.ruleId === 'syntax-error' && f.message.includes(`nested more than ${MAX_NESTING} levels deep`)));
    }
  }
});

test('limitJsonNesting: keeps offsets and lines, reads strings and comments as jsonc-parser does', () => {
  const text = '{"a": [[[1]]], "s": "[[[[\\"[[", // [[[[\n "c": /* [[[[ */ [[[2]]]}';
  assert.deepEqual(limitJsonNesting(text, 3), { text: '{"a": [[0  ]], "s": "[[[[\\"[[", // [[[[\n "c": /* [[[[ */ [[0  ]]}', cuts: [8, 59] });
  const unclosed = limitJsonNesting('[[[\n[[', 2);
  assert.deepEqual(unclosed, { text: '[[0\n  ', cuts: [2] });
  assert.deepEqual(limitJsonNesting('[}]', 1), { text: '[}]', cuts: [] }, 'a closer that matches nothing is skipped');
});

const BILLION_LAUGHS = [
  'lols:',
  '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  '  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  '  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  '  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  '  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  '  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  '  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  '  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  '  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

test('YAML: a billion-laughs alias bomb next to a wrong group id: the group id is still reported', () => {
  const file = designFixture('yaml', 'fixable.plink.yaml');
  const result = analyse(file.path, `${file.text}\n${BILLION_LAUGHS}\n`);
  assert.ok(result.findings.some((f) => f.ruleId === 'group-id-mismatch'));
  const [gap] = gapsOf(result);
  assert.equal(gap?.status, 'partial');
  assert.match(gap.reason ?? '', /aliases expand too far .* the design schema was not checked/);
});

test('YAML: nesting deeper than the limit is a coverage failure with the line, never handed to the parser', () => {
  const cases = [
    `privateLinkDesign: v1\ncaches: ${'{a: '.repeat(500)}1${'}'.repeat(500)}\n`,
    `privateLinkDesign: v1\ncaches:\n  ${'- '.repeat(100_000)}1\n`,
    `privateLinkDesign: v1\ncaches: ${'['.repeat(300_000)}\n`,
    `privateLinkDesign: v1\n${Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}a${i}:`).join('\n')} 1\n`,
  ];
  for (const text of cases) {
    const result = analyse('/w/deep.plink.yaml', text);
    const [gap] = gapsOf(result);
    assert.equal(gap?.status, 'failed', text.slice(0, 40));
    assert.match(gap.reason ?? '', /^YAML nested more than 256 levels deep at line \d+: the file was not read$/);
  }
});

test('yamlNestingLimitExceeded: ordinary designs, quoted brackets and block scalars are not nesting', () => {
  for (const parts of [['yaml', 'fixable.plink.yaml'], ['yaml', 'trading.plink.yaml']]) assert.equal(yamlNestingLimitExceeded(designFixture(...parts).text), undefined);
  const quoted = `a: "${'['.repeat(1000)}"\nb: '${'{'.repeat(1000)}'\nc: x # ${'['.repeat(1000)}\n`;
  assert.equal(yamlNestingLimitExceeded(quoted), undefined);
  const script = `run: |\n${Array.from({ length: 400 }, (_, i) => `  ${' '.repeat(i)}x`).join('\n')}\nnext: 1\n`;
  assert.equal(yamlNestingLimitExceeded(script), undefined);
  assert.equal(yamlNestingLimitExceeded(`a: ${'['.repeat(300)}`), 3 + MAX_NESTING - 1);
});
