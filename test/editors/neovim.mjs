#!/usr/bin/env node
// `npm run test:editors`: the language server in a real Neovim (Debian's package, headless). Opens a copy of the
// example design with a wrong group id, waits for the diagnostic, applies the server's quick fix through
// Neovim's LSP client and waits for the diagnostic to clear (neovim.lua does the editor side). Needs `npm run
// build` (dist/) and nvim on the PATH (test/editors/install.sh); without nvim it fails, it never passes silently.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
if (version.status !== 0) {
  console.error('test:editors: nvim is not installed (run test/editors/install.sh)');
  process.exit(1);
}
console.log(`# ${version.stdout.split('\n')[0]}`);

const dir = mkdtempSync(join(tmpdir(), 'plr-nvim-'));
let passed = 0;
let failed = 0;
try {
  // The example's Redis chain only (the other examples are broken on purpose).
  for (const name of ['cache.bicep', 'dns.bicep', 'network.bicep']) cpSync(join(root, 'examples', 'design', 'infra', name), join(dir, name));
  const file = join(dir, 'cache.bicep');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace("groupIds: ['redisCache']", "groupIds: ['redisEnterprise']"));
  const out = join(dir, 'result.json');
  const started = Date.now();
  const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', 'NONE', '-c', `luafile ${join(root, 'test', 'editors', 'neovim.lua')}`], {
    encoding: 'utf8',
    timeout: 90_000,
    env: {
      ...process.env,
      PLR_FILE: file,
      PLR_ROOT: dir,
      PLR_OUT: out,
      PLR_CMD: JSON.stringify([process.execPath, join(root, 'bin', 'plreview.js'), 'lsp', '--stdio']),
      XDG_STATE_HOME: join(dir, 'state'),
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_CACHE_HOME: join(dir, 'cache'),
    },
  });
  const result = JSON.parse(readFileSync(out, 'utf8'));
  const checks = [
    ['Neovim ran the script without error', () => assert.equal(result.error, undefined, `${result.error}\n${run.stderr}`)],
    ['the wrong group id is diagnosed', () => assert.equal(result.diagnosed, true, JSON.stringify(result.before))],
    [
      'the diagnostic names the rule and the source',
      () => assert.ok(result.before.some((d) => d.code === 'group-id-mismatch' && d.source === 'private-link-review' && /redisCache/.test(d.message))),
    ],
    ['the quick fix and the disable comment are offered', () => assert.ok(result.actions.includes('Disable group-id-mismatch for this line'), JSON.stringify(result.actions))],
    ['the quick fix writes the right group id', () => assert.match(result.fixedLine, /groupIds: \['redisCache'\]/)],
    ['the diagnostic clears after the fix', () => assert.equal(result.cleared, true, JSON.stringify(result.after))],
  ];
  for (const [name, check] of checks) {
    try {
      check();
      passed++;
      console.log(`ok - ${name}`);
    } catch (error) {
      failed++;
      console.log(`not ok - ${name}\n  ${String(error.message).split('\n').join('\n  ')}`);
    }
  }
  console.log(`# Neovim session: ${Date.now() - started} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`neovim: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
