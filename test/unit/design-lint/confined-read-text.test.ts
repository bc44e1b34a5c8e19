import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confinedReader } from '../../../src/lint/confined-read';

// The confined reader decodes ASCII files as Latin-1 (a copy instead of a UTF-8 decode: half the time of reading
// the AVM templates). Every file must still read exactly as Node's own UTF-8 read gives it.
test('the confined reader gives every file the text a UTF-8 read gives it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plreview-read-'));
  try {
    const contents: Record<string, Buffer> = {
      'ascii.bicep': Buffer.from("param x string = 'a'\n".repeat(1000)),
      'accents.bicep': Buffer.from("param x string = 'é ü 😀'\n"),
      'bom.bicep': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("param x string = 'a'\n")]),
      'invalid.bicep': Buffer.from([0x70, 0x61, 0xff, 0xc3, 0x28, 0x0a]),
      'nul.bicep': Buffer.from([0x61, 0x00, 0x7f, 0x0a]),
      'empty.bicep': Buffer.alloc(0),
    };
    const read = confinedReader(dir);
    for (const [name, bytes] of Object.entries(contents)) {
      writeFileSync(join(dir, name), bytes);
      assert.equal(read(join(dir, name)), readFileSync(join(dir, name), 'utf8'), name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
