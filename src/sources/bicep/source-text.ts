// Offsets → LSP positions for one file. Nodes and tokens keep only offsets and ask this table for their range
// when someone reads it, so a parse allocates no Position objects for ranges nobody looks at.

import type { Position, Range } from '../../graph/types';

export class SourceText {
  readonly lineStarts: number[];

  constructor(
    readonly text: string,
    /** The file name given to the parser: lets syntax nodes serve as the evaluator's spans (see NodeImpl.file). */
    readonly fileName?: string,
  ) {
    this.lineStarts = computeLineStarts(text);
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    // Last line start <= offset.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo], offset };
  }

  rangeOf(pos: number, end: number): Range {
    return { start: this.positionAt(pos), end: this.positionAt(end) };
  }
}

/** Line breaks are `\n`, `\r\n` and a lone `\r`, as in VS Code. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** Base of every token and syntax node: offsets, plus `range` computed on first read. */
export class Spanned {
  #src: SourceText;
  #range: Range | undefined = undefined;

  constructor(
    src: SourceText,
    readonly pos: number,
    readonly end: number,
  ) {
    this.#src = src;
  }

  get range(): Range {
    return (this.#range ??= this.#src.rangeOf(this.pos, this.end));
  }

  protected get source(): SourceText {
    return this.#src;
  }
}
