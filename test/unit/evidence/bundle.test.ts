// Writing the bundle: SHA256SUMS verified by the real `sha256sum -c`, the swap into place, refusal to overwrite
// folders that are not bundles, and cancellation leaving nothing half-done.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_FILES, writeBundle } from '../../../src/evidence/bundle';
import { estateModel, readFolder, tempDir } from './support';

function sha256sumCheck(dir: string) {
  return spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
}

test('SHA256SUMS lists every other file and `sha256sum -c` verifies it; a changed byte fails the check', async () => {
  const out = join(tempDir(), 'bundle');
  const written = await writeBundle(estateModel(), out);
  assert.deepEqual([...readdirSync(out)].sort(), [...BUNDLE_FILES].sort());
  assert.deepEqual([...written.files].sort(), [...BUNDLE_FILES].sort());
  const sums = readFileSync(join(out, 'SHA256SUMS'), 'utf8');
  assert.match(sums, /^([0-9a-f]{64} {2}[a-z0-9.]+\n){5}$/);
  const ok = sha256sumCheck(out);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.equal(ok.stdout.trim().split('\n').filter((l) => l.endsWith(': OK')).length, 5);
  appendFileSync(join(out, 'report.md'), 'tampered\n');
  const bad = sha256sumCheck(out);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout, /report\.md: FAILED/);
});

test('an earlier bundle in the target folder is replaced; a folder holding other files is refused untouched', async () => {
  const root = tempDir();
  const out = join(root, 'bundle');
  await writeBundle(estateModel({ now: new Date('2026-01-01T00:00:00Z') }), out);
  await writeBundle(estateModel(), out);
  assert.match(readFileSync(join(out, 'evidence.json'), 'utf8'), /2026-11-25T12:00:00.000Z/);
  assert.deepEqual(readdirSync(root), ['bundle'], 'no temporary or previous folder is left behind');

  const precious = join(root, 'precious');
  mkdirSync(precious);
  writeFileSync(join(precious, 'notes.txt'), 'keep me');
  await assert.rejects(writeBundle(estateModel(), precious), /not empty and does not hold an earlier evidence bundle/);
  assert.deepEqual(readFolder(precious), new Map([['notes.txt', 'keep me']]));
});

test('an export cancelled midway writes nothing: no target folder, no temporary folder', async () => {
  const root = tempDir();
  const out = join(root, 'bundle');
  const controller = new AbortController();
  const seen: string[] = [];
  await assert.rejects(
    writeBundle(estateModel(), out, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.message);
        if (p.message === 'Writing report.html') controller.abort();
      },
    }),
    (error: Error) => error.name === 'AbortError',
  );
  assert.ok(seen.includes('Writing evidence.json'), `files were being written when cancelled: ${seen.join(', ')}`);
  assert.equal(existsSync(out), false);
  assert.deepEqual(readdirSync(root), []);
});

test('cancelling a re-export keeps the earlier bundle intact and still verifiable', async () => {
  const root = tempDir();
  const out = join(root, 'bundle');
  await writeBundle(estateModel(), out);
  const before = readFolder(out);
  const controller = new AbortController();
  let steps = 0;
  await assert.rejects(
    writeBundle(estateModel({ now: new Date('2027-01-01T00:00:00Z') }), out, {
      signal: controller.signal,
      onProgress: () => {
        if (++steps === 5) controller.abort();
      },
    }),
    (error: Error) => error.name === 'AbortError',
  );
  assert.deepEqual(readFolder(out), before);
  assert.equal(sha256sumCheck(out).status, 0);
  assert.deepEqual(readdirSync(root), ['bundle']);
});

test('an already-aborted signal writes nothing at all', async () => {
  const root = tempDir();
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(writeBundle(estateModel(), join(root, 'b'), { signal: controller.signal }), (e: Error) => e.name === 'AbortError');
  assert.deepEqual(readdirSync(root), []);
});
