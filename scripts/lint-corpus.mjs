#!/usr/bin/env node
// Lints a folder of real-world designs (e.g. a checkout of Azure/bicep-registry-modules' `avm/`) the way
// `plreview lint <folder>` does and lists the files our parsers reject: the check that the Bicep and ARM parsers
// accept what Bicep accepts. Not a CI step (CI cannot fetch the corpus).
//
//   node scripts/lint-corpus.mjs <folder>
//
// Prints the number of design files (Bicep, .bicepparam, ARM, YAML), how many have syntax errors, and each such
// file with its first error. Exit status: 0 when no file has a syntax error, 1 when one has, 2 on a usage error.
import { relative, resolve } from 'node:path';
import { loadFromSource } from './load-source.mjs';

const folder = process.argv[2];
if (!folder || process.argv.length > 3) {
  console.error('usage: node scripts/lint-corpus.mjs <folder>');
  process.exit(2);
}
const absolute = resolve(folder);
const { main, discoverDesignFiles, classifyDesignFile } = await loadFromSource(`
  export { main } from './src/cli/main';
  export { discoverDesignFiles } from './src/lint/discover';
  export { classifyDesignFile } from './src/sources/formats';
`);

const started = performance.now();
const files = await discoverDesignFiles([absolute], process.cwd());
let out = '';
let err = '';
const io = { cwd: process.cwd(), env: process.env, out: (t) => void (out += t), err: (t) => void (err += t) };
const status = await main(['lint', absolute, '--format', 'json'], io);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (status === 2 || !out) {
  console.error(err || `plreview lint exited with ${status} and printed nothing`);
  process.exit(2);
}

const formatOf = (path) => (path.toLowerCase().endsWith('.json') || path.toLowerCase().endsWith('.jsonc') ? 'arm' : classifyDesignFile(path, '') ?? 'yaml');
const counts = {};
for (const path of files) counts[formatOf(path)] = (counts[formatOf(path)] ?? 0) + 1;

const firstError = new Map();
for (const finding of JSON.parse(out).findings) {
  if (finding.ruleId !== 'syntax-error') continue;
  const previous = firstError.get(finding.file);
  if (!previous || finding.line < previous.line || (finding.line === previous.line && finding.column < previous.column)) firstError.set(finding.file, finding);
}
const notAnalysed = err.split('\n').filter((line) => line.includes(': not analysed (')).length;

console.log(`${files.length} design files in ${folder} (${Object.entries(counts).map(([format, n]) => `${n} ${format}`).join(', ')}), linted in ${seconds} s`);
const inError = [...firstError.values()].sort((a, b) => a.file.localeCompare(b.file));
const byFormat = {};
for (const f of inError) byFormat[formatOf(f.file)] = (byFormat[formatOf(f.file)] ?? 0) + 1;
console.log(`${inError.length} files with syntax errors${inError.length ? ` (${Object.entries(byFormat).map(([format, n]) => `${n} ${format}`).join(', ')})` : ''}`);
for (const f of inError) console.log(`  ${relative(absolute, f.file) || f.file}:${f.line}:${f.column}: ${f.message}`);
// Coverage gaps (e.g. a module path leading outside the folder) are not syntax errors; counted so they are seen.
if (notAnalysed > 0) console.log(`(${notAnalysed} coverage notes from plreview lint, e.g. modules outside the folder: not syntax errors)`);
process.exit(inError.length > 0 ? 1 : 0);
