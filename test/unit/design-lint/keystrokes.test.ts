// The editor's keystroke path (a file re-analysed under the same path: statements re-parsed only where the edit
// touched them, evaluated resources reused where nothing they read changed) must find exactly what a fresh
// analysis of the same text finds: the same findings at the same places, the same graph. Checked on seeded
// chains of random edits over the example designs and the Bicep corpus, including edits that change group ids,
// public access, zones and symbol names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseDesign } from '../../../src/lint/analyse';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { repoRoot } from '../../support/paths';
import { randomEdit, seeded } from '../../support/edits';
import { corpusFiles, readCorpus } from '../bicep-parser/support';

/** Findings and graph nodes as JSON, with the file's path written as `<file>` so two paths compare. */
function observable(path: string, text: string): string {
  const { graph, findings } = analyseDesign([{ path, text }], DEFAULT_CONFIG);
  return JSON.stringify({ findings, nodes: graph.nodes, problems: graph.problems }).split(path).join('<file>');
}

/** Where two long JSON texts first differ, with some context: assert.equal's diff of one-line texts says little. */
function same(actual: string, expected: string, message: string): void {
  if (actual === expected) return;
  let i = 0;
  while (actual[i] === expected[i]) i++;
  assert.fail(`${message}: differs at ${i}\n  keystroke: …${actual.slice(Math.max(0, i - 300), i + 200)}\n  fresh:     …${expected.slice(Math.max(0, i - 300), i + 200)}`);
}

const infra = join(repoRoot(), 'examples', 'design', 'infra');
const examples = readdirSync(infra)
  .filter((name) => name.endsWith('.bicep'))
  .map((name) => ({ name: `examples/design/infra/${name}`, text: readFileSync(join(infra, name), 'utf8') }));
const corpus = corpusFiles()
  .filter((file) => file.endsWith('.bicep'))
  .map((file) => ({ name: file, text: readCorpus(file) }));

test('the sample designs are part of this check', () => {
  assert.ok(examples.length >= 3, `only ${examples.length} example designs`);
  // The Bicep corpus (test/fixtures/bicep: 80 .bicep files when this was written) feeds the random-edit chains.
  assert.ok(corpus.length >= 50, `only ${corpus.length} Bicep corpus files`);
});

let fresh = 0;
for (const [n, file] of [...examples, ...corpus].entries()) {
  test(`keystrokes give what a fresh analysis gives: ${file.name}`, () => {
    const next = seeded(7000 + n);
    const flat = file.name.replace(/\//g, '_');
    const path = join('/keystrokes', flat);
    let text = file.text;
    same(observable(path, text), observable(`/fresh/${fresh++}/${flat}`, text), 'before any edit');
    for (let step = 0; step < 10; step++) {
      text = randomEdit(text, next);
      same(observable(path, text), observable(`/fresh/${fresh++}/${flat}`, text), `step ${step}`);
    }
  });
}

/** Every design file under a folder, read into memory. */
function designFolder(dir: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const name = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(name);
      else out.push({ name, text: readFileSync(join(dir, name), 'utf8') });
    }
  };
  walk('');
  return out;
}

/** The whole workspace under one root, findings and graph as JSON with the root written as `<root>`. */
function workspaceObservable(root: string, files: readonly { name: string; text: string }[]): string {
  const texts = new Map(files.map((f) => [join(root, f.name), f.text]));
  const { graph, findings } = analyseDesign(
    [...texts].map(([path, text]) => ({ path, text })),
    DEFAULT_CONFIG,
    { readFile: (path) => texts.get(path) },
  );
  return JSON.stringify({ findings, nodes: graph.nodes, problems: graph.problems, coverage: graph.coverage }).split(root).join('<root>');
}

test('keystrokes in a workspace of Bicep, ARM and YAML files give what a fresh analysis gives', () => {
  const files = designFolder(join(repoRoot(), 'examples', 'design'));
  assert.ok(files.some((f) => f.name.endsWith('.json')) && files.some((f) => f.name.endsWith('.yaml')) && files.some((f) => f.name.endsWith('.bicep')));
  const next = seeded(4242);
  for (let step = 0; step < 40; step++) {
    const target = Math.floor(next() * files.length);
    files[target] = { name: files[target].name, text: randomEdit(files[target].text, next) };
    same(workspaceObservable('/keystrokes-workspace', files), workspaceObservable(`/fresh-workspace/${step}`, files), `step ${step} (${files[target].name})`);
  }
});
