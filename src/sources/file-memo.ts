// Per-file results kept from one analysis to the next. In the editor every keystroke re-analyses the whole
// workspace folder, and all files but one are unchanged: their syntax trees (and what sources derive from a
// file alone) are reused, keyed by path and checked against the text. Bounded by the text it holds, least
// recently used first out, so a large repository cannot grow it without end.

export class FileMemo<T> {
  private readonly entries = new Map<string, { text: string; value: T }>();
  private chars = 0;

  constructor(
    /** Characters of source text kept at most (the values are proportional to it). */
    private readonly maxChars: number,
  ) {}

  /**
   * The value for this version of the file: kept, or computed. `compute` receives the value of the file's
   * previous version, if one is kept, to build on it (an incremental re-parse); it replaces that value.
   */
  get(path: string, text: string, compute: (previous: T | undefined) => T): T {
    const entry = this.entries.get(path);
    if (entry && entry.text === text) {
      // Refresh its place in the least-recently-used order.
      this.entries.delete(path);
      this.entries.set(path, entry);
      return entry.value;
    }
    const value = compute(entry?.value);
    if (entry) {
      this.entries.delete(path);
      this.chars -= entry.text.length;
    }
    this.entries.set(path, { text, value });
    this.chars += text.length;
    for (const [oldest, kept] of this.entries) {
      if (this.chars <= this.maxChars || oldest === path) break;
      this.entries.delete(oldest);
      this.chars -= kept.text.length;
    }
    return value;
  }
}
