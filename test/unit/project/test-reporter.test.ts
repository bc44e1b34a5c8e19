import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths';

// Issue 14: `npm test` printed ~3,900 lines of TAP. Its reporter prints a dot per test, each failure in full, and
// node's closing summary lines (which CI reads).

test('the npm test reporter shows a failure in full and the summary counts, not a line per passing test', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plreview-reporter-'));
  try {
    const file = join(dir, 'sample.test.cjs');
    const passing = Array.from({ length: 30 }, (_, i) => `test('passes ${i}', () => {});`).join('\n');
    writeFileSync(file, `const { test } = require('node:test');\n${passing}\ntest('breaks on purpose', () => { throw new Error('the expected breakage'); });\n`);
    const reporter = join(repoRoot(), 'scripts', 'test-reporter.mjs');
    const run = spawnSync(process.execPath, ['--test', `--test-reporter=${reporter}`, '--test-reporter-destination=stdout', file], {
      encoding: 'utf8',
      // Without this, the child sees it runs under a test runner and skips the file.
      env: { ...process.env, NODE_TEST_CONTEXT: undefined },
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /breaks on purpose/);
    assert.match(run.stdout, /the expected breakage/);
    assert.match(run.stdout, /^ℹ tests 31$/m);
    assert.match(run.stdout, /^ℹ pass 30$/m);
    assert.match(run.stdout, /^ℹ fail 1$/m);
    assert.doesNotMatch(run.stdout, /passes 7/, 'passing tests are dots, not lines');
    assert.match(run.stdout.trim().split('\n').pop() ?? '', /^ℹ duration_ms /, 'the summary closes the output');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
