// The Terraform keystroke re-parse (hcl/reparse.ts) must give the tree a full parse gives: every node with its
// offsets, every diagnostic. Checked on seeded chains of random edits (typing openers and closers, whole blocks,
// deletions, moved lines, CRLF) over real .tf files, each step re-parsing the previous step's tree as the editor
// does; and on what the re-parse is for: an edit in one block of a large file keeps the other blocks' objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHcl } from '../../../src/sources/terraform/hcl/parser';
import { reparseHcl } from '../../../src/sources/terraform/hcl/reparse';
import type { HclFile } from '../../../src/sources/terraform/hcl/syntax';
import { randomTfEdit, seeded } from '../../support/tf-edits';
import { exampleWorkspace, MANY_KINDS } from './keystroke-designs';

/** What a parse says: the tree and the diagnostics (not `work`, not the `ref` that links versions). */
const tree = (file: HclFile) => JSON.stringify({ body: file.body, diagnostics: file.diagnostics });

const texts = [...exampleWorkspace().filter((f) => /\.tf(vars)?$/.test(f.name)), { name: 'many-kinds.tf', text: MANY_KINDS }];

for (const [n, { name, text: original }] of texts.entries()) {
  test(`re-parse after random edits equals a full parse: ${name}`, () => {
    for (const seed of [1, 2, 3]) {
      const next = seeded(9100 + n * 10 + seed);
      let text = original;
      let file = parseHcl(text, '/k/main.tf');
      for (let step = 0; step < 40; step++) {
        text = randomTfEdit(text, next);
        file = reparseHcl(file, text, '/k/main.tf');
        assert.equal(tree(file), tree(parseHcl(text, '/k/main.tf')), `seed ${seed} step ${step}: ${JSON.stringify(text.slice(0, 80))}…`);
      }
    }
  });
}

test('an edit in one block of a 400-block file re-parses that block and keeps the others (moved)', () => {
  const block = (i: number) => `resource "azurerm_redis_cache" "c${i}" {\n  name     = "cache-${i}"\n  location = var.location\n}\n\n`;
  const text = Array.from({ length: 400 }, (_, i) => block(i)).join('');
  const before = parseHcl(text, '/k/big.tf');
  const blocks = before.body.blocks.slice();
  const at = text.indexOf('"cache-200') + '"cache-200'.length;
  const edited = text.slice(0, at) + '-x' + text.slice(at);
  const after = reparseHcl(before, edited, '/k/big.tf');
  assert.equal(tree(after), tree(parseHcl(edited, '/k/big.tf')));
  // Blocks 0–198 are before the edit, 201–399 after it: the same objects. Block 200 is new; 199 is re-read
  // because parsing restarts at the last block that starts before the edit... which is 200 itself.
  const kept = after.body.blocks.filter((b, i) => b === blocks[i]).length;
  assert.equal(kept, 399);
  assert.notEqual(after.body.blocks[200], blocks[200]);
  assert.ok((after.work ?? 0) * 50 < (parseHcl(edited).work ?? 0), `re-parse work ${after.work}`);
  // The version link: spans of kept nodes read the newest text.
  assert.equal(before.ref?.file, after);
});

test('a block comment opened in one block swallows the rest of the file, and closing it restores the tree', () => {
  let text = MANY_KINDS;
  let file = parseHcl(text, '/k/main.tf');
  const at = text.indexOf('resource "azurerm_subnet"');
  text = text.slice(0, at) + '/*' + text.slice(at);
  file = reparseHcl(file, text, '/k/main.tf');
  assert.equal(tree(file), tree(parseHcl(text)));
  text = text + '*/\n';
  file = reparseHcl(file, text, '/k/main.tf');
  assert.equal(tree(file), tree(parseHcl(text)));
  text = text.replace('/*', '');
  file = reparseHcl(file, text, '/k/main.tf');
  assert.equal(tree(file), tree(parseHcl(text)));
});

test('an edit that replaces an item from its first character is not mistaken for the old item there', () => {
  // Same length: the new item starts where the old one did, in the edited text; the re-parse resumes only at old
  // items that start after the edit.
  for (const [before, after] of [
    ['a = 1\nb = 2\nc = 3\n', 'a = 1\nq = 7\nc = 3\n'],
    ['resource "x" "a" {}\nresource "x" "b" {}\nresource "x" "c" {}\n', 'resource "x" "a" {}\nresource "y" "q" {}\nresource "x" "c" {}\n'],
  ]) {
    const file = reparseHcl(parseHcl(before, '/k/a.tf'), after, '/k/a.tf');
    assert.equal(tree(file), tree(parseHcl(after)));
  }
});

test('while a block is broken, it alone is re-parsed on each keystroke, and its error is the full parse\'s', () => {
  const block = (i: number) => `resource "azurerm_redis_cache" "c${i}" {\n  name     = "cache-${i}"\n  location = var.location\n}\n\n`;
  let text = Array.from({ length: 200 }, (_, i) => block(i)).join('');
  let file = parseHcl(text, '/k/big.tf');
  const blocks = file.body.blocks.slice();
  // `(` opens a bracket that swallows lines until the parser gives up and rewinds to the next line.
  let at = text.indexOf('location = var.location', text.indexOf('"cache-100"')) + 'location = '.length;
  for (const typed of ['(', 'x', ' ', '"']) {
    text = text.slice(0, at) + typed + text.slice(at);
    at += typed.length;
    file = reparseHcl(file, text, '/k/big.tf');
    assert.equal(tree(file), tree(parseHcl(text)), typed);
    assert.ok(file.diagnostics.length > 0);
    assert.equal(file.body.blocks.filter((b, i) => b === blocks[i]).length, 199, typed);
  }
});

test('an item read by a step that met an error is not kept, before or after the edit', () => {
  // The broken attribute's bracket is read to an error far below, then parsing rewinds to the next line: that
  // step depends on the text after it. Edits after it, and before the items it was read with, give the full parse.
  const text = 'a = (\nb = 1\nc = 2\nd = [\n  3\n]\ne = 4\n';
  for (const [from, to] of [['c = 2', 'c = 22'], ['d = [', 'd = ['], ['e = 4', 'e = ]'], ['b = 1', 'b = )'], ['  3\n]', '  3\n']]) {
    const edited = text.replace(from, to);
    assert.equal(tree(reparseHcl(parseHcl(text, '/k/a.tf'), edited, '/k/a.tf')), tree(parseHcl(edited)), `${from} → ${to}`);
  }
});
