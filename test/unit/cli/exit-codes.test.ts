// The exit-status contract: 0 clean, 1 findings or incomplete coverage, 2 usage errors and inputs or output paths
// that cannot be used (one line, nothing written), 3 only for bugs. These cases used to end in exit 3 (an output
// folder that cannot take a bundle) or exit 0 with an empty bundle (an estate file that cannot be read).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { memoryIo } from '../../support/cli';
import { fixture } from '../../support/paths';
import { tempDir } from '../evidence/support';

const SAMPLE = fixture('evidence', 'sample-estate.json');

async function runInto(cwd: string, args: string[]) {
  const io = memoryIo(cwd, { PLREVIEW_NOW: '2026-11-25T12:00:00Z' });
  const code = await main(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

function oneLine(text: string): void {
  assert.equal(text.trim().split('\n').length, 1, text);
  assert.doesNotMatch(text, /\n\s+at /, 'no stack trace');
}

test('--out that cannot take a bundle (a folder of other files, a file, a symbolic link) is a usage error: exit 2, untouched', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'notes'));
  writeFileSync(join(dir, 'notes', 'keep.txt'), 'keep me');
  writeFileSync(join(dir, 'a-file'), 'keep me too');
  mkdirSync(join(dir, 'empty'));
  symlinkSync(join(dir, 'empty'), join(dir, 'link'));
  for (const [out, reason] of [
    ['notes', /not empty and does not hold an earlier evidence bundle/],
    ['a-file', /exists and is not a folder/],
    ['link', /is a symbolic link/],
  ] as const) {
    const run = await runInto(dir, ['evidence', '--estate', SAMPLE, '--out', out]);
    assert.equal(run.code, 2, `${out}: ${run.stderr}`);
    assert.match(run.stderr, reason);
    oneLine(run.stderr);
  }
  assert.deepEqual(readdirSync(join(dir, 'notes')), ['keep.txt']);
  assert.deepEqual(readdirSync(join(dir, 'empty')), [], 'nothing written through the link');
  assert.deepEqual(readdirSync(dir).sort(), ['a-file', 'empty', 'link', 'notes'], 'no temporary folder left');
});

test('an output path the file system refuses is exit 2 with the path, not an internal error', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'plain'), 'x');
  const run = await runInto(dir, ['evidence', '--estate', SAMPLE, '--out', join('plain', 'inside', 'bundle')]);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /plain/);
  oneLine(run.stderr);
});

test('an estate that cannot be read (not JSON, empty, wrong shape, items without id) stops evidence, audit and probe: exit 2, one line, nothing written', async () => {
  const dir = tempDir();
  const files: Record<string, [string, RegExp]> = {
    'not-json.json': ['this is not json', /not valid JSON/],
    'empty.json': ['', /the file is empty/],
    'blank.json': ['  \n', /the file is empty/],
    'shape.json': ['{"value":"not-an-array"}', /expected an array of ARM resources/],
    'object.json': ['{"resources":[]}', /expected an array of ARM resources/],
    'items.json': [JSON.stringify([{ id: '/subscriptions/1/resourceGroups/g/providers/Microsoft.Cache/Redis/a', type: 'Microsoft.Cache/Redis' }, 42]), /item 2 has no string 'id'/],
  };
  for (const [name, [text]] of Object.entries(files)) writeFileSync(join(dir, name), text);
  for (const [name, [, reason]] of Object.entries(files)) {
    const evidence = await runInto(dir, ['evidence', '--estate', name, '--out', `bundle-${name}`]);
    assert.equal(evidence.code, 2, `${name}: ${evidence.stderr}`);
    assert.match(evidence.stderr, reason);
    oneLine(evidence.stderr);
    assert.equal(evidence.stdout, '');
    assert.equal(existsSync(join(dir, `bundle-${name}`)), false, `${name}: nothing written`);
    const audit = await runInto(dir, ['audit', '--estate', name]);
    assert.equal(audit.code, 2, `${name}: ${audit.stderr}`);
    assert.match(audit.stderr, reason);
    oneLine(audit.stderr);
    const probe = await runInto(dir, ['probe', 'cache.redis.cache.windows.net', '--estate', name]);
    assert.equal(probe.code, 2, `${name}: ${probe.stderr}`);
  }
  assert.equal(readdirSync(dir).filter((n) => n.startsWith('bundle') || n.startsWith('.bundle')).length, 0);
});

test('a file that is not JSON is never quoted back (it may hold a token)', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'token.json'), 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzZWNyZXQifQ.c2lnbmF0dXJlLXNlY3JldA');
  const run = await runInto(dir, ['audit', '--estate', 'token.json']);
  assert.equal(run.code, 2);
  assert.doesNotMatch(run.stderr, /eyJ|c2lnbmF0/);
});

test('--design naming a folder that does not exist is exit 2, not an internal error', async () => {
  const run = await runInto(tempDir(), ['evidence', '--design', 'nope', '--out', 'bundle']);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /nope: no such file or folder/);
  oneLine(run.stderr);
});
