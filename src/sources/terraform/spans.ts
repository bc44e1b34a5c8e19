// Offsets of an HCL file → FileSpans, with the line table built once per file and ranges computed on first read
// (most value spans are never read: only the few a finding underlines or a fix replaces).
// A span keeps its syntax node and the file's `ref`, not offsets and not the file: a block an edit left intact is
// moved into the next version of the file (hcl/reparse.ts), and the values evaluated from it are kept too, so
// their spans must read the node's new offsets in the new text.

import type { FileSpan, Range } from '../../graph/types';
import { LineIndex } from '../line-index';
import type { FileRef, HclFile, Located } from './hcl/syntax';

const indexes = new WeakMap<HclFile, LineIndex>();

/** A new version's line table from the previous version's, when that one was built (see LineIndex.edited). */
export function carryLineIndex(previous: HclFile, next: HclFile, edit: { readonly prefix: number; readonly oldEnd: number }): void {
  const index = indexes.get(previous);
  if (index) indexes.set(next, LineIndex.edited(index, next.text, edit.prefix, edit.oldEnd));
}

export function lineIndexOf(file: HclFile): LineIndex {
  let index = indexes.get(file);
  if (!index) {
    index = new LineIndex(file.text);
    indexes.set(file, index);
  }
  return index;
}

class NodeSpan implements FileSpan {
  /** The range, and the version of the file it was computed in (a later version may have moved the node). */
  #range: Range | undefined;
  #in: HclFile | undefined;
  constructor(
    readonly file: string,
    private readonly ref: FileRef,
    private readonly node: Located,
  ) {}

  get range(): Range {
    const current = this.ref.file;
    if (this.#range === undefined || this.#in !== current) {
      this.#range = lineIndexOf(current).range(this.node.start, this.node.end);
      this.#in = current;
    }
    return this.#range;
  }

  toJSON(): object {
    return { file: this.file, range: this.range };
  }
}

export function spanOf(file: HclFile, node: Located): FileSpan {
  return new NodeSpan(file.path, file.ref ?? { file }, node);
}
