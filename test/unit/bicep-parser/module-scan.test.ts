// `plreview lint` finds the files other files call as modules from their tokens alone (module-scan.ts), then parses
// those tokens once (parseLexed). The scan must find every module path the parser reads, whatever the input:
// a path it missed would make a called file a root too, analysed twice. It may find more (harmless: see the file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lexBicep, parseBicep, parseLexed } from '../../../src/sources/bicep/parser';
import { modulePaths } from '../../../src/sources/bicep/module-scan';
import { corpusFiles, editedTexts, readCorpus } from './support';

const corpus = corpusFiles().map(readCorpus);

function parserPaths(text: string): string[] {
  const { syntax } = parseBicep(text, { fileName: 'scan.bicep' });
  const paths: string[] = [];
  for (const s of syntax.statements) if (s.kind === 'module' && s.path.kind === 'string' && s.path.value !== undefined) paths.push(s.path.value);
  return paths;
}

function assertCovers(text: string): void {
  const found = modulePaths(text, lexBicep(text, { fileName: 'scan.bicep' }).tokens);
  for (const path of parserPaths(text)) assert.ok(found.includes(path), `module path ${JSON.stringify(path)} not found in ${JSON.stringify(text.slice(0, 400))}`);
}

test('the token scan finds the module paths of every corpus file, exactly where the files are valid', () => {
  let modules = 0;
  for (const text of corpus) {
    assertCovers(text);
    const { diagnostics } = parseBicep(text, { fileName: 'scan.bicep' });
    if (diagnostics.length === 0) assert.deepEqual(modulePaths(text, lexBicep(text).tokens), parserPaths(text));
    modules += parserPaths(text).length;
  }
  assert.ok(modules >= 20, `the corpus has only ${modules} module statements`);
});

test('the token scan finds module paths however the statement is written', () => {
  const cases: [string, string[]][] = [
    ["module m './a.bicep' = {\n  name: 'm'\n}\n", ['./a.bicep']],
    ["@batchSize(1) module m './decorated.bicep' = [for i in range(0, 2): {}]\n", ['./decorated.bicep']],
    ["@description('x')\n@batchSize(1)\nmodule m 'b.bicep' = {}\n", ['b.bicep']],
    ["module 'no-name.bicep' = {}\n", ['no-name.bicep']],
    ["module m '''multi.bicep''' = {}\n", ['multi.bicep']],
    ["module m 'it\\'s.bicep' = {}\n", ["it's.bicep"]],
    ["module m /* c */ 'commented.bicep' = {}\n", ['commented.bicep']],
    ["var x = {\n  a: 1\nmodule m 'recovered.bicep' = {}\n", ['recovered.bicep']],
    ["module m 'unterminated.bicep\n", ['unterminated.bicep']],
    ["module m '${dir}/interpolated.bicep' = {}\n", []],
    ["// module m 'comment.bicep' = {}\nvar s = 'module m x.bicep'\nvar module = 1\n", []],
    ["module m\n'next-line.bicep' = {}\n", []],
  ];
  for (const [text, expected] of cases) {
    assertCovers(text);
    assert.deepEqual(modulePaths(text, lexBicep(text).tokens), expected, text);
  }
});

test('random fragments and edited corpus files: every module path the parser reads is found', () => {
  const fragments = ['module', 'm', "'a.bicep'", "'''b.bicep'''", "'${", '}', "'", '@x()', '\n', ' ', '{', '}', '[', ']', '(', ')', '=', ':', 'var', '/*', '*/', '// c', 'if', 'for', ','];
  fc.assert(fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 60 }).map((p) => p.join('')), assertCovers), { numRuns: 1000 });
  const edited = editedTexts(corpus, ['', '{', '}', "'", '\n', '@', '/*', "'''", 'module m ']);
  fc.assert(fc.property(edited, assertCovers), { numRuns: 300 });
});

test('a lexed file parses to the same tree and problems as parsing its text', () => {
  for (const text of corpus.slice(0, 40)) {
    const lexed = parseLexed(lexBicep(text, { fileName: 'same.bicep' }));
    const direct = parseBicep(text, { fileName: 'same.bicep' });
    assert.deepEqual(lexed.diagnostics.map((d) => [d.message, d.range]), direct.diagnostics.map((d) => [d.message, d.range]));
    assert.deepEqual(JSON.parse(JSON.stringify(lexed.syntax.statements)), JSON.parse(JSON.stringify(direct.syntax.statements)));
  }
});
