import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { memoryIo } from '../../support/cli';
import { COMMANDS } from '../../../src/cli/commands';
import { documentedOptions, editDistance, nearestOption } from '../../../src/cli/unknown-option';

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

test("an unknown option is named with its command, the nearest valid option and --help; exit 2", async () => {
  const io = memoryIo();
  assert.equal(await main(['lint', '--fromat', 'json'], io), 2);
  assert.equal(io.stderr(), "plreview lint: unknown option '--fromat'. Did you mean '--format'? See 'plreview lint --help'.\n");
  assert.equal(io.stdout(), '');
});

test('an unknown option far from every valid one gets no guess, and no node parser wording', async () => {
  const io = memoryIo();
  assert.equal(await main(['audit', '--bogus'], io), 2);
  assert.equal(io.stderr(), "plreview audit: unknown option '--bogus'. See 'plreview audit --help'.\n");
  assert.doesNotMatch(io.stderr(), /positional|as in/);
});

test('every command suggests from the options its --help documents', async () => {
  assert.equal(editDistance('--fromat', '--format'), 2);
  assert.equal(editDistance('', 'abc'), 3);
  for (const command of COMMANDS) {
    const options = documentedOptions(command.usage);
    assert.ok(options.length > 0, `${command.name} documents options`);
    // A dropped letter in a documented option leads back to it.
    for (const option of options.filter((o) => o.length > 5)) {
      const typo = option.slice(0, 4) + option.slice(5);
      assert.equal(nearestOption(typo, options), option, `${command.name}: ${typo}`);
    }
  }
});
