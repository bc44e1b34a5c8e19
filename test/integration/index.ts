// The extension-test entry point VS Code loads in the extension host (`--extensionTestsPath`): runs every
// compiled *.test.js of this folder with mocha (TDD-free BDD style), and rejects when a test fails so the
// workbench reports a non-zero exit code. Results are also written as JSON when PLREVIEW_ITEST_RESULTS names a
// file, because the browser console that carries mocha's output is not always forwarded.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}

/** Every *.test.js of `folder` (not of its subfolders: untrusted/ is a suite of its own, in another window). */
export function runTestsIn(folder: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const name of readdirSync(folder).sort()) {
    if (name.endsWith('.test.js')) mocha.addFile(join(folder, name));
  }
  const results: { title: string; state: string; error?: string }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.PLREVIEW_ITEST_RESULTS;
      if (file) writeFileSync(file, JSON.stringify({ failures, tests: results }, null, 2));
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('fail', (test, error: Error) => results.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? error.message }));
  });
}
