import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { memoryIo } from '../../support/cli';

test('--version prints the package version', async () => {
  const io = memoryIo();
  assert.equal(await main(['--version'], io), 0);
  assert.match(io.stdout(), /^\d+\.\d+\.\d+/);
});

test('--help lists the commands; no command is a usage error', async () => {
  const io = memoryIo();
  assert.equal(await main(['--help'], io), 0);
  assert.match(io.stdout(), /Usage: plreview <command>/);
  assert.equal(await main([], memoryIo()), 2);
});

test('an unknown command exits 2 with one line and no stack trace', async () => {
  const io = memoryIo();
  assert.equal(await main(['frobnicate'], io), 2);
  assert.equal(io.stderr().trim().split('\n').length, 1);
  assert.doesNotMatch(io.stderr(), /at .*\(/);
});
