// Runs the fuzz harness (test/fuzz/harness.ts) over N inputs: `npm run build:test && node --expose-gc
// scripts/fuzz.mjs --inputs 100000 [--seed 1] [--only i] [--max-chars 1000000]`. Prints progress and a JSON report; exits 1 on any
// exception or input over the budget. A small run of the same harness is part of `npm test`.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const { runFuzz } = require('../out/test/fuzz/harness.js');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const inputs = arg('inputs', 1000);
const seed = arg('seed', 1);
const only = arg('only', undefined);
const maxInputChars = arg('max-chars', 1_000_000);
const from = arg('from', 0);
// --trace: each input's index on stderr before it runs (which input a crash of the process was on).
const trace = process.argv.includes('--trace');
const every = Math.max(1, Math.floor(inputs / 100));
const started = Date.now();
const report = runFuzz(resolve(import.meta.dirname ?? '.', '..'), {
  seed,
  inputs,
  only,
  maxInputChars,
  from,
  before: trace ? (index) => console.error(`input ${index}`) : undefined,
  gc: globalThis.gc,
  progress(done, r) {
    if (done % every === 0) {
      const heap = (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0);
      console.error(`${done}/${inputs} exceptions=${r.exceptions} overBudget=${r.overBudget} slowest=${r.slowestMsPerKb.toFixed(2)}ms/KB heap=${heap}MB ${((Date.now() - started) / 1000).toFixed(0)}s`);
    }
  },
});
console.log(JSON.stringify({ seed, maxInputChars, seconds: (Date.now() - started) / 1000, ...report }, null, 2));
process.exit(report.exceptions > 0 || report.overBudget > 0 ? 1 : 0);
