// Offsets of an HCL file → FileSpans, with the line table built once per file and ranges computed on first read
// (most value spans are never read: only the few a finding underlines or a fix replaces).

import type { FileSpan, Range } from '../../graph/types';
import { LineIndex } from '../line-index';
import type { HclFile, Located } from './hcl/syntax';

const indexes = new WeakMap<HclFile, LineIndex>();

export function lineIndexOf(file: HclFile): LineIndex {
  let index = indexes.get(file);
  if (!index) {
    index = new LineIndex(file.text);
    indexes.set(file, index);
  }
  return index;
}

class OffsetSpan implements FileSpan {
  #range: Range | undefined;
  constructor(
    readonly file: string,
    private readonly hcl: HclFile,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get range(): Range {
    return (this.#range ??= lineIndexOf(this.hcl).range(this.start, this.end));
  }

  toJSON(): object {
    return { file: this.file, range: this.range };
  }
}

export function spanOf(file: HclFile, node: Located): FileSpan {
  return new OffsetSpan(file.path, file, node.start, node.end);
}

export function spanAt(file: HclFile, start: number, end: number): FileSpan {
  return new OffsetSpan(file.path, file, start, end);
}
