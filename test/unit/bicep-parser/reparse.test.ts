// reparseBicep (the keystroke path) must give exactly the tree parseBicep gives: the same statements with the
// same offsets, ranges, names and keyword tokens, the same diagnostics, comments and tokens. Checked on chains
// of random edits (seeded, so a failure replays) over the whole corpus, including edits that change how the
// rest of the file lexes (an opened string or comment) and edits that break and then mend a declaration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep, reparseBicep, type ParseResult } from '../../../src/sources/bicep/parser';
import { corpusFiles, readCorpus } from './support';
import { randomEdit, seeded } from '../../support/edits';

/** Everything observable about a parse, as plain data. */
function snapshot(result: ParseResult): unknown {
  const { syntax } = result;
  return {
    isParamsFile: syntax.isParamsFile,
    statements: syntax.statements.map(plain),
    diagnostics: result.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`),
    comments: syntax.comments.map((c) => `${c.pos}-${c.end} ${c.range.start.line}:${c.range.start.character} ${c.text}`),
    directives: syntax.directives.map((d) => `${d.pos} ${d.name} ${d.codes.join(',')}`),
    tokens: syntax.tokens.map((t) => `${t.kind} ${t.fullPos} ${t.pos} ${t.end} ${t.newlineBefore}`),
  };
}

function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object') return value;
  const node = value as Record<string, unknown> & { pos: number; end: number; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
  const out: Record<string, unknown> = {
    at: `${node.pos}-${node.end} ${node.range.start.line}:${node.range.start.character}-${node.range.end.line}:${node.range.end.character}`,
  };
  if ('fullPos' in node) {
    // A keyword token: its fields are getters.
    const token = node as unknown as { kind: string; fullPos: number; newlineBefore: boolean; text: string };
    return { ...out, kind: token.kind, fullPos: token.fullPos, newlineBefore: token.newlineBefore, text: token.text };
  }
  for (const key of Object.keys(node)) out[key] = plain(node[key]);
  return out;
}

const files = corpusFiles();

for (const [n, file] of files.entries()) {
  test(`reparse after random edits equals a fresh parse: ${file}`, () => {
    const next = seeded(1000 + n);
    let text = readCorpus(file);
    let previous = parseBicep(text, { fileName: file });
    for (let step = 0; step < 12; step++) {
      const edited = randomEdit(text, next);
      const incremental = reparseBicep(previous, edited, { fileName: file });
      const fresh = parseBicep(edited, { fileName: file });
      assert.deepEqual(snapshot(incremental), snapshot(fresh), `step ${step}: ${JSON.stringify(edited.slice(0, 0))}`);
      text = edited;
      previous = incremental;
    }
  });
}

// Windows line endings (and a lone \r now and then): line starts, columns and newline flags all depend on them.
for (const [n, file] of files.slice(0, 12).entries()) {
  test(`reparse after random edits equals a fresh parse, CRLF: ${file}`, () => {
    const next = seeded(3000 + n);
    let text = readCorpus(file).replace(/\n/g, '\r\n');
    let previous = parseBicep(text, { fileName: file });
    for (let step = 0; step < 12; step++) {
      const edited = randomEdit(text, next).replace(/(?<!\r)\n/g, () => (next() < 0.9 ? '\r\n' : '\r'));
      const incremental = reparseBicep(previous, edited, { fileName: file });
      assert.deepEqual(snapshot(incremental), snapshot(parseBicep(edited, { fileName: file })), `step ${step}`);
      text = edited;
      previous = incremental;
    }
  });
}

const block = (i: number) => `resource cache${i} 'Microsoft.Cache/redis@2024-11-01' = {
  name: 'cache-${i}'
  properties: { publicNetworkAccess: 'Disabled', minimumTlsVersion: '1.2' }
}
`;

test('a keystroke in the middle of a long file re-parses one statement, not the file', () => {
  const parts = Array.from({ length: 400 }, (_, i) => block(i));
  const text = parts.join('\n');
  const first = parseBicep(text, { fileName: 'big.bicep' });
  const at = text.indexOf("name: 'cache-200'") + "name: 'cache-2".length;
  const edited = text.slice(0, at) + '9' + text.slice(at);
  const incremental = reparseBicep(first, edited, { fileName: 'big.bicep' });
  const fresh = parseBicep(edited, { fileName: 'big.bicep' });
  assert.deepEqual(snapshot(incremental), snapshot(fresh));
  // 399 statements reused at one unit of work each, one parsed in full.
  assert.ok(incremental.work * 20 < fresh.work, `incremental work ${incremental.work}, fresh ${fresh.work}`);
  const moved = incremental.syntax.statements[300];
  assert.equal(moved, first.syntax.statements[300], 'the statement object was reused');
  assert.equal(edited.slice(moved.pos, moved.pos + 15), 'resource cache3');
  assert.equal(moved.range.start.line, edited.slice(0, moved.pos).split('\n').length - 1);
});

test('an edit that opens a block comment re-parses everything after it, and closing it restores the tree', () => {
  // The comment at the end is where an opened comment closes (an unclosed one ends at its line end).
  const text = Array.from({ length: 30 }, (_, i) => block(i)).join('\n') + '/* end */\n';
  const at = text.indexOf('resource cache10');
  const opened = text.slice(0, at) + '/* note\n' + text.slice(at);
  const first = parseBicep(text, { fileName: 'm.bicep' });
  const broken = reparseBicep(first, opened, { fileName: 'm.bicep' });
  assert.deepEqual(snapshot(broken), snapshot(parseBicep(opened, { fileName: 'm.bicep' })));
  assert.equal(broken.syntax.statements.length, 10, 'the comment swallows the rest of the file');
  const closed = text.slice(0, at) + '/* note */\n' + text.slice(at);
  const mended = reparseBicep(broken, closed, { fileName: 'm.bicep' });
  assert.deepEqual(snapshot(mended), snapshot(parseBicep(closed, { fileName: 'm.bicep' })));
  assert.equal(mended.syntax.statements.length, 30);
});
