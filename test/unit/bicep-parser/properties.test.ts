// Property-based tests: whatever the input, the parser returns (no throw, no hang, no internal error), the
// tokens still reproduce the text, and the work grows linearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseBicep } from '../../../src/sources/bicep/parser';
import { corpusFiles, readCorpus } from './support';

const corpus = corpusFiles().map(readCorpus);

/** Fragments Bicep is made of, including the ones that make lexing and recovery hard. */
const FRAGMENTS = [
  'param', 'var', 'resource', 'module', 'output', 'type', 'func', 'import', 'using', 'targetScope', 'existing',
  'if', 'for', 'in', 'as', 'from', 'with', 'true', 'null', 'redis', 'x', ' ', ' ', '\n', '\r\n', '\t',
  '{', '}', '[', ']', '(', ')', ',', ':', '::', '.', '.?', '?', '??', '!', '=', '==', '=>', '&&', '||', '|',
  '<', '>', '+', '-', '*', '/', '%', '@', '...', '#disable-next-line BCP081', '// c', '/*', '*/',
  "'", "'a'", "'${", '}', "'''", '\\', '$', '0', '42', "'Microsoft.Cache/redis@2024-03-01'", '&', '~', 'é', '😀',
];

const fragmentText = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 200 }).map((parts) => parts.join(''));

function checkParse(text: string): void {
  const { syntax, diagnostics } = parseBicep(text, { fileName: 'fuzz.bicep' });
  for (const d of diagnostics) {
    assert.ok(!d.message.startsWith('internal parser error'), d.message);
    assert.ok(d.range.start.offset >= 0 && d.range.end.offset <= text.length && d.range.start.offset <= d.range.end.offset);
  }
  let printed = '';
  for (const t of syntax.tokens) printed += text.slice(t.fullPos, t.end);
  assert.equal(printed, text);
  for (const s of syntax.statements) assert.ok(s.pos >= 0 && s.end <= text.length && s.pos <= s.end);
}

test('random Bicep-like fragments never throw and always reproduce', () => {
  fc.assert(fc.property(fragmentText, checkParse), { numRuns: 400 });
});

test('random unicode strings never throw', () => {
  fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), checkParse), { numRuns: 300 });
});

/** A corpus file with a few characters deleted, inserted or replaced: what a user mid-edit produces. */
const mutatedCorpus = fc
  .record({
    file: fc.integer({ min: 0, max: corpus.length - 1 }),
    edits: fc.array(
      fc.record({
        at: fc.nat(),
        remove: fc.integer({ min: 0, max: 8 }),
        insert: fc.constantFrom('', '{', '}', '[', ']', '(', ')', "'", '\n', ':', '=', '.', ',', 'x', '${', "'''", '/*', '@'),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ file, edits }) => {
    let text = corpus[file];
    for (const e of edits) {
      const at = text.length === 0 ? 0 : e.at % text.length;
      text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
    }
    return text;
  });

test('mutated corpus files never throw and always reproduce', () => {
  fc.assert(fc.property(mutatedCorpus, checkParse), { numRuns: 300 });
});

test('deep nesting is reported, not a stack overflow', () => {
  for (const open of ['(', '[', '{', '!', '-', "'${"]) {
    const text = `var x = ${open.repeat(20000)}\nparam after string\n`;
    const { syntax, diagnostics } = parseBicep(text, { fileName: 'deep.bicep' });
    assert.ok(diagnostics.length > 0, open);
    assert.ok(diagnostics.every((d) => !d.message.startsWith('internal parser error')), open);
    assert.equal(syntax.statements.at(-1)?.kind, 'param', `the declaration after ${open}… survives`);
  }
});

/**
 * Doubling an input at most doubles the work (tokens and parser steps; milliseconds are too noisy to assert).
 * The constants allow for the seam where the two copies meet (one recovery, or a string closing differently).
 */
function assertLinear(text: string): void {
  const once = parseBicep(text, { fileName: 'x.bicep' });
  const twice = parseBicep(text + '\n' + text, { fileName: 'x.bicep' });
  // Where the copies meet, an unterminated string or comment of the first copy may close in the second one.
  assert.ok(twice.syntax.tokens.length <= 2 * once.syntax.tokens.length + 16, `tokens ${once.syntax.tokens.length} → ${twice.syntax.tokens.length}`);
  assert.ok(twice.work <= 2 * once.work + 64, `work ${once.work} → ${twice.work} for ${text.length} chars`);
}

test('doubling valid input at most doubles the work', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: corpus.length - 1 }), (i) => assertLinear(corpus[i])), { numRuns: 60 });
});

test('doubling broken input at most doubles the work', () => {
  fc.assert(fc.property(fc.oneof(mutatedCorpus, fragmentText), assertLinear), { numRuns: 200 });
});

test('work grows linearly with the number of member-access declarations (tree-sitter is quadratic here)', () => {
  const endpoint = (i: number) =>
    `resource pe${i} 'Microsoft.Network/privateEndpoints@2023-11-01' = {\n  name: 'pe-${i}'\n  properties: {\n    subnet: {\n      id: vnet.properties.subnets[0].id\n    }\n    privateLinkServiceConnections: [\n      {\n        name: 'c'\n        properties: {\n          privateLinkServiceId: redis${i}.id\n          groupIds: [\n            'redisCache'\n          ]\n        }\n      }\n    ]\n  }\n}\n`;
  const file = (n: number) => Array.from({ length: n }, (_, i) => endpoint(i)).join('\n');
  const w1 = parseBicep(file(100)).work;
  const w2 = parseBicep(file(200)).work;
  const w8 = parseBicep(file(800)).work;
  assert.ok(w2 <= 2.02 * w1, `${w1} → ${w2}`);
  assert.ok(w8 <= 8.1 * w1, `${w1} → ${w8}`);
});
