import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { analyseDesign } from '../../../src/lint/analyse';
import { confinedReader } from '../../../src/lint/confined-read';
import type { Finding } from '../../../src/rules/types';
import { classifyDesignFile } from '../../../src/sources/formats';

// `plreview lint` analyses once (oneShot): no memos, and each syntax tree is released once its root is
// evaluated. It must find exactly what the editor's analysis finds, and the graph it returns must not keep the
// evaluator, and through it every syntax tree of the analysis, alive (issue 13: on the 2,330 AVM files that was
// 143 MB, and garbage collection was half of the run).

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const root = resolve(__dirname, '../../../..');

function designFilesUnder(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const text = readFileSync(path, 'utf8');
        if (classifyDesignFile(path, text)) out.push({ path, text });
      }
    }
  };
  walk(dir);
  return out;
}

const comparable = (findings: readonly Finding[]) =>
  findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, location: f.location, related: f.related, fixes: f.fixes }));

test('a one-shot analysis finds exactly what the editor analysis finds (every example and multi-file fixture)', () => {
  const folders = [
    join(root, 'examples/design'),
    ...['bicep-graph', 'real-designs', 'design'].flatMap((f) => readdirSync(join(root, 'test/fixtures', f)).map((name) => join(root, 'test/fixtures', f, name))),
  ].filter((path) => statSync(path).isDirectory());
  assert.ok(folders.length >= 8, `only ${folders.length} folders`);
  for (const folder of folders) {
    const files = designFilesUnder(folder);
    const options = { readFile: confinedReader(folder), cloudOf: () => 'AzureCloud' as const };
    const editor = analyseDesign(files, DEFAULT_CONFIG, options);
    const once = analyseDesign(files, DEFAULT_CONFIG, { ...options, oneShot: true });
    assert.deepEqual(JSON.parse(JSON.stringify(comparable(once.findings))), JSON.parse(JSON.stringify(comparable(editor.findings))), folder);
    assert.equal(once.graph.nodes.length, editor.graph.nodes.length, folder);
  }
});

test('the graph of a one-shot analysis does not keep the syntax trees of its files alive', () => {
  // A cache whose body refers to a module and to another resource (`dependsOn`): both values used to hold the
  // evaluator (the module loader and every tree it parsed). The module's file is 1.6 MB, about 20 MB of tree.
  const design = (dir: string, variables: number) => [
    {
      path: `${dir}/main.bicep`,
      text: [
        "module big 'big.bicep' = {\n  name: 'big'\n}",
        "resource other 'Microsoft.Authorization/locks@2020-05-01' = {\n  name: 'lock'\n  properties: { level: 'CanNotDelete' }\n}",
        "resource cache 'Microsoft.Cache/redis@2024-11-01' = {\n  name: 'c1'\n  location: 'westeurope'\n  properties: { sku: { name: 'Basic', family: 'C', capacity: 0 } }\n  dependsOn: [\n    big\n    other\n  ]\n}",
      ].join('\n'),
    },
    { path: `${dir}/big.bicep`, text: `${Array.from({ length: variables }, (_, i) => `var v${i} = { a: 'x${i}', b: [1, 2, 3] }`).join('\n')}\noutput o string = v1.a\n` },
  ];
  const analyse = (files: { path: string; text: string }[]) => {
    const texts = new Map(files.map((f) => [f.path, f.text]));
    return analyseDesign(files, DEFAULT_CONFIG, { readFile: (path: string) => texts.get(path), cloudOf: () => 'AzureCloud', oneShot: true });
  };
  analyse(design('/warm-up', 10)); // the code and caches of first use
  const before = heapMb();
  let analysis: ReturnType<typeof analyseDesign> | undefined = analyse(design('/w', 40_000));
  assert.equal(analysis.graph.nodes.filter((n) => n.kind === 'cache').length, 1);
  const kept = heapMb() - before;
  analysis = undefined;
  assert.equal(analysis, undefined);
  assert.ok(kept < 4, `the analysis' result keeps ${kept.toFixed(1)} MB alive`);
});
