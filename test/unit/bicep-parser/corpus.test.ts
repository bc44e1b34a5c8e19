// The fixture corpus: realistic Bicep that must parse without a single diagnostic, and whose tokens (with their
// trivia) print back to the file byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep } from '../../../src/sources/bicep/parser';
import { corpusFiles, readCorpus } from './support';

const files = corpusFiles();

test('the corpus holds at least 80 files, .bicep and .bicepparam', () => {
  assert.ok(files.length >= 80, `only ${files.length} corpus files`);
  assert.ok(files.filter((f) => f.endsWith('.bicepparam')).length >= 5);
});

for (const file of files) {
  test(`corpus: ${file}`, () => {
    const text = readCorpus(file);
    const { syntax, diagnostics } = parseBicep(text, { fileName: file });
    assert.deepEqual(
      diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`),
      [],
    );
    assert.ok(syntax.statements.length > 0, 'no statements');
    assert.equal(syntax.isParamsFile, file.endsWith('.bicepparam'));

    // Tokens with their leading trivia reproduce the file exactly.
    let printed = '';
    for (const token of syntax.tokens) printed += text.slice(token.fullPos, token.end);
    assert.equal(printed, text);
    assert.equal(syntax.tokens[syntax.tokens.length - 1].kind, 'eof');

    // The trivia between tokens is only whitespace, comments and directives: nothing the lexer dropped.
    const marks = new Array<boolean>(text.length).fill(false);
    for (const t of syntax.tokens) for (let i = t.pos; i < t.end; i++) marks[i] = true;
    for (const c of [...syntax.comments, ...syntax.directives]) for (let i = c.pos; i < c.end; i++) marks[i] = true;
    for (let i = 0; i < text.length; i++) {
      if (!marks[i]) assert.match(text[i], /[\s\uFEFF]/, `unexplained character ${JSON.stringify(text[i])} at offset ${i}`);
    }

    // Ranges agree with offsets.
    for (const s of syntax.statements) {
      assert.equal(s.range.start.offset, s.pos);
      assert.equal(s.range.end.offset, s.end);
    }
  });
}
