// A one-shot analysis parses with parseLexedForEvaluation: decorators whose parse could report nothing are
// consumed without nodes (evaluation never reads decorators). Everything else must be exactly what parseLexed
// gives: the same diagnostics, the same statements at the same places, the same tree once decorators are dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lexBicep, parseLexed, parseLexedForEvaluation } from '../../../src/sources/bicep/parser';
import { treeForEvaluation } from '../../../src/sources/bicep/evaluation-tree';
import type { Statement } from '../../../src/sources/bicep/syntax';
import { corpusFiles, editedTexts, readCorpus } from './support';

const corpus = corpusFiles().map(readCorpus);

function decoratorCount(statements: readonly Statement[]): number {
  return statements.reduce((n, s) => n + s.decorators.length, 0);
}

/** Asserts the two parses agree; returns how many top-level decorators the one-shot parse did not build. */
function assertSame(text: string): number {
  const full = parseLexed(lexBicep(text, { fileName: 'd.bicep' }));
  const lean = parseLexedForEvaluation(lexBicep(text, { fileName: 'd.bicep' }));
  const where = JSON.stringify(text.slice(0, 300));
  assert.deepEqual(lean.diagnostics.map((d) => [d.message, d.range]), full.diagnostics.map((d) => [d.message, d.range]), where);
  assert.equal(lean.omittedDiagnostics, full.omittedDiagnostics, where);
  assert.deepEqual(lean.syntax.statements.map((s) => [s.kind, s.pos, s.end]), full.syntax.statements.map((s) => [s.kind, s.pos, s.end]), where);
  const skipped = decoratorCount(full.syntax.statements) - decoratorCount(lean.syntax.statements);
  // Decorators are not read by evaluation, at any depth (type properties have them too).
  const withoutDecorators = (statements: readonly Statement[]) => JSON.parse(JSON.stringify(statements, (key, value) => (key === 'decorators' ? undefined : value)));
  assert.deepEqual(withoutDecorators(treeForEvaluation(lean.syntax).statements), withoutDecorators(treeForEvaluation(full.syntax).statements), where);
  return skipped;
}

test('every corpus file parses the same, and most of its decorators are not built', () => {
  let skipped = 0;
  let all = 0;
  for (const text of corpus) {
    skipped += assertSame(text);
    all += decoratorCount(parseLexed(lexBicep(text)).syntax.statements);
  }
  assert.ok(all >= 50, `the corpus has only ${all} decorators`);
  assert.ok(skipped >= all / 2, `${skipped} of ${all} decorators skipped`);
});

test('plain decorators are skipped; any that could report something is parsed as usual', () => {
  const plain = ["@description('a cache')", '@minLength(3)', '@secure()', "@sys.description('x')", '@export()', '@maxValue(10)', '@batchSize(true)', '@discriminator(null)'];
  for (const decorator of plain) {
    const text = `${decorator}\nparam p string\n`;
    assert.equal(assertSame(text), 1, text);
    assert.equal(parseLexedForEvaluation(lexBicep(text)).syntax.statements[0].decorators.length, 0, text);
  }
  const parsed = [
    "@description('it\\'s')", // an escape (decoding may report)
    "@description('bad \\q escape')",
    "@description('${interpolated}')",
    "@description('unterminated",
    "@allowed([\n  'a'\n])",
    '@minValue(-1)',
    "@metadata({ a: 1 })",
    '@description(',
    "@description('a', 'b')",
    '@description\n(1)',
    '@',
    '@sys.',
    "@description('''multi''')",
    '@description(x)',
  ];
  for (const decorator of parsed) {
    const text = `${decorator}\nparam p string\n`;
    assertSame(text);
  }
  // Both kinds on one declaration, and on one line with it.
  assert.equal(assertSame("@minLength(1)\n@allowed(['a'])\n@description('d')\nparam p string\n"), 2);
  assert.equal(assertSame("@description('d') param p string = 'x'\n"), 1);
});

test('random texts and edited corpus files parse the same', () => {
  const fragments = ['@', 'description', 'sys', '.', '(', ')', "'d'", "'\\''", "'${", '}', "'", '1', '-', 'true', 'null', ',', '[', ']', '{', '\n', ' ', 'param p string', 'var v = 1', 'resource r', "'t@1'", '=', '/*', '*/', '// c'];
  fc.assert(fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 50 }).map((p) => p.join('')), (text) => void assertSame(text)), { numRuns: 1500 });
  const edited = editedTexts(corpus, ['', '@', '(', ')', "'", '\n', '\\', '${', "@description('x')\n"]);
  fc.assert(fc.property(edited, (text) => void assertSame(text)), { numRuns: 300 });
});
