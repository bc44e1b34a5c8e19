// Runs every compiled *.test.js under out/test with node's own test runner.
// Node 20's `node --test` takes no globs, so the files are listed here. The e2e suite (test/e2e) is separate.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

function collect(dir, acc = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'e2e' || name === 'fixtures' || name === 'integration') continue;
    if (statSync(path).isDirectory()) collect(path, acc);
    else if (name.endsWith('.test.js')) acc.push(path);
  }
  return acc;
}
// `--tap`: the TAP stream node prints by default, for tools that read it; otherwise dots, failures and the summary.
const tap = process.argv.includes('--tap');
const only = process.argv.slice(2).filter((arg) => arg !== '--tap');
const files = collect('out/test').filter((f) => only.length === 0 || only.some((o) => f.includes(o))).sort();
if (files.length === 0) {
  console.error('run-unit-tests: no test files found under out/test');
  process.exit(1);
}
const reporter = tap ? ['--test-reporter=tap'] : [`--test-reporter=${fileURLToPath(new URL('test-reporter.mjs', import.meta.url))}`];
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...reporter, '--test-reporter-destination=stdout', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
