import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../support/paths';

// Issue 14: `npm run demo | cat` printed raw escape codes. The demo colours only on a terminal, and honours
// NO_COLOR and FORCE_COLOR (scripts/colour.mjs, an ES module: asked through a child node).
const CASES: Array<[Record<string, string>, boolean, boolean]> = [
  [{}, true, true],
  [{}, false, false],
  [{ NO_COLOR: '1' }, true, false],
  [{ NO_COLOR: '' }, true, true],
  [{ FORCE_COLOR: '1' }, false, true],
  [{ FORCE_COLOR: '0' }, true, false],
  [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
  [{ TERM: 'dumb' }, true, false],
];

test('colour on a terminal only; NO_COLOR turns it off, FORCE_COLOR on (0 off)', () => {
  const module = pathToFileURL(join(repoRoot(), 'scripts', 'colour.mjs')).href;
  const script = `import { colourWanted } from ${JSON.stringify(module)};
    const cases = ${JSON.stringify(CASES)};
    console.log(JSON.stringify(cases.map(([env, tty]) => colourWanted(env, tty))));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), CASES.map(([, , expected]) => expected));
});
