// LineIndex.edited (the line table of an edited text built from the previous one: the Terraform keystroke path
// carries it across re-parses) must equal a table built from scratch, whatever the edit: line breaks typed or
// deleted, `\r\n` split or joined, edits at the very start and end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../../src/sources/line-index';
import { textEdit } from '../../../src/sources/terraform/hcl/reparse';
import { seeded } from '../../support/tf-edits';

const starts = (index: LineIndex) => Array.from({ length: index.lineCount }, (_, line) => index.lineStart(line));

test('an edited line table equals one built from the edited text', () => {
  const next = seeded(4242);
  const pieces = ['\n', '\r\n', '\r', 'a', 'bc', ' = 1', '\n\n', '\r\r\n'];
  for (let chain = 0; chain < 40; chain++) {
    let text = Array.from({ length: 30 }, () => pieces[Math.floor(next() * pieces.length)]).join('');
    let index = new LineIndex(text);
    starts(index);
    for (let step = 0; step < 30; step++) {
      const at = Math.floor(next() * (text.length + 1));
      const removed = Math.floor(next() * 4);
      const edited = text.slice(0, at) + (next() < 0.7 ? pieces[Math.floor(next() * pieces.length)] : '') + text.slice(at + removed);
      const edit = textEdit(text, edited);
      index = LineIndex.edited(index, edited, edit.prefix, edit.oldEnd);
      assert.deepEqual(starts(index), starts(new LineIndex(edited)), `chain ${chain} step ${step}: ${JSON.stringify(text)} → ${JSON.stringify(edited)}`);
      text = edited;
    }
  }
});
