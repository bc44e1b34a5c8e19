// Offsets ↔ line/character positions of one text, shared by every source that reports ranges.
// Built once per file (one pass over the text); lookups are binary searches.

import type { FileSpan, Position, Range } from '../graph/types';

export class LineIndex {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  /**
   * The index of `text`, which differs from `previous.text` only in `[prefix, oldEnd)` (old offsets): the line
   * starts before the edit are kept, those after it moved, and only the edited lines are scanned. An editor
   * keystroke in a 10,000-line file otherwise scans the whole text again. A line start depends only on the one
   * or two characters before it, so a start that far from the edit is the same start, moved.
   */
  static edited(previous: LineIndex, text: string, prefix: number, oldEnd: number): LineIndex {
    const index = new LineIndex(text);
    const old = previous.starts;
    if (!old) return index;
    const delta = text.length - previous.text.length;
    const starts = [0];
    let k = 1;
    while (k < old.length && old[k] < prefix) starts.push(old[k++]);
    let i = Math.max(0, prefix - 1);
    const stop = Math.min(text.length, oldEnd + delta + 2);
    for (; i < stop; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) starts.push(i + 1);
      else if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    while (k < old.length && old[k] + delta <= i) k++;
    for (; k < old.length; k++) starts.push(old[k] + delta);
    index.starts = starts;
    return index;
  }

  /**
   * Offset of the first character of each line, found on first use: most files of a large design have no
   * finding, so no position in them is ever asked for.
   */
  private get lineStarts(): number[] {
    if (this.starts) return this.starts;
    const { text } = this;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) starts.push(i + 1);
      else if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low], offset: clamped };
  }

  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.lineStarts.length) return this.text.length;
    return Math.min(this.lineStarts[line] + Math.max(0, character), this.lineEnd(line));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  span(file: string, start: number, end: number): FileSpan {
    return { file, range: this.range(start, end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset just past the last character of the line, before its line break. */
  lineEnd(line: number): number {
    const start = this.lineStart(line);
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The leading whitespace of a line. */
  indentOf(line: number): string {
    return /^[ \t]*/.exec(this.lineText(line))?.[0] ?? '';
  }
}
