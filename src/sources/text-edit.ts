// A text edit in a file: what fixes produce and what the editor and tests apply.

import type { Range } from '../graph/types';

export interface TextEdit {
  readonly file: string;
  readonly range: Range;
  readonly newText: string;
}

/**
 * Applies edits of one file to its text. Edits must not overlap; they are applied from the end so earlier
 * offsets stay valid.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset || b.range.end.offset - a.range.end.offset);
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, edit.range.start.offset) + edit.newText + result.slice(edit.range.end.offset);
  }
  return result;
}
