// How deep the readers of design files follow nesting. Parsers and walkers recurse on the structure of their
// input, and JavaScript's stack is small (about 10,000 frames): a template with 5,000 nested arrays in its
// metadata must not cost the analysis of the file, or the process. Every recursive reader stops at this many
// levels and reports what it did not read (a coverage gap on the file, which lint turns into a finding).
// Real designs nest a few dozen levels at most.

export const MAX_NESTING = 256;

/** Thrown by a recursive reader at MAX_NESTING; the source catches it and records a coverage gap. */
export class NestingTooDeep extends Error {
  constructor(what: string) {
    super(`${what} nested more than ${MAX_NESTING} levels deep`);
  }
}

/** Counts the levels of one recursive walk (one instance per walk, shared by its mutually recursive parts). */
export class DepthGuard {
  private depth = 0;

  constructor(private readonly what: string) {}

  run<T>(walk: () => T): T {
    if (this.depth >= MAX_NESTING) throw new NestingTooDeep(this.what);
    this.depth++;
    try {
      return walk();
    } finally {
      this.depth--;
    }
  }
}

/**
 * JSON (with comments) whose arrays and objects below `limit` levels are replaced by `0` and spaces, so that
 * jsonc-parser (recursive) and everything that walks its tree stay within the stack. Offsets and lines are
 * unchanged (line breaks are kept), so spans still point into the original text. `cuts` are the offsets of the
 * containers that were not read. Strings and comments are scanned as jsonc-parser scans them: a string ends at
 * its quote or at a line break, `\` escapes any one character.
 */
export function limitJsonNesting(text: string, limit: number): { text: string; cuts: number[] } {
  const cuts: number[] = [];
  const open: number[] = []; // the closing character code expected for each open container
  let cutAt = -1; // the depth at which the current cut started, -1 when not cutting
  let cutStart = 0;
  const pieces: string[] = [];
  let copiedTo = 0;
  const blank = (from: number, to: number) => {
    pieces.push(text.slice(copiedTo, from), '0', text.slice(from + 1, to).replace(/[^\n\r]/g, ' '));
    copiedTo = to;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22 || s === 0x0a || s === 0x0d) break;
      }
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      open.push(c + 2); // ] and } are two after [ and {
      if (open.length > limit && cutAt < 0) {
        cutAt = open.length;
        cutStart = i;
        cuts.push(i);
      }
    } else if ((c === 0x5d || c === 0x7d) && open[open.length - 1] === c) {
      // A closer that matches nothing open is skipped, as jsonc-parser's recovery skips it.
      if (open.length === cutAt) {
        blank(cutStart, i + 1);
        cutAt = -1;
      }
      open.pop();
    }
  }
  if (cutAt >= 0) blank(cutStart, text.length);
  if (cuts.length === 0) return { text, cuts };
  pieces.push(text.slice(copiedTo));
  return { text: pieces.join(''), cuts };
}

/**
 * The offset where a YAML text nests deeper than MAX_NESTING, or undefined. The `yaml` library composes
 * recursively (and its CST parser is quadratic in compact nesting such as `- - - - x`; 100,000 levels exhaust
 * the process's memory), so such a text is not handed to it. Counted generously: open flow collections
 * (`[`, `{` outside quotes and comments), plus the block levels of the line (its indentation levels and the
 * compact `- ` and `? ` indicators that open a collection on the same line). Block scalars are skipped.
 */
export function yamlNestingLimitExceeded(text: string): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote = 0; // the quote character code while inside a quoted scalar, else 0
  let blockScalarIndent = -1; // the indentation of the line that opened a block scalar, -1 when not in one
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
    const indent = i - lineStart;
    const blankLine = i >= lineEnd || text.charCodeAt(i) === 0x0d || text.charCodeAt(i) === 0x23; // empty, CR, comment
    if (blockScalarIndent >= 0 && (blankLine || indent > blockScalarIndent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalarIndent = -1;
    if (quote === 0 && flow === 0 && !blankLine) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
    }
    let compact = 0;
    let atTokenStart = true;
    for (; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) {
          if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27) i++;
          else quote = 0;
        } else if (c === 0x5c && quote === 0x22) i++;
        continue;
      }
      if (c === 0x23 /* # */ && (i === lineStart || /\s/.test(text[i - 1]))) break;
      if ((c === 0x27 || c === 0x22) && atTokenStart) quote = c;
      else if (c === 0x5b || c === 0x7b) flow++;
      else if ((c === 0x5d || c === 0x7d) && flow > 0) flow--;
      else if ((c === 0x2d /* - */ || c === 0x3f /* ? */) && atTokenStart && flow === 0 && /[ \t]/.test(text[i + 1] ?? ' ')) compact++;
      if (flow + indents.length + compact > MAX_NESTING) return i;
      atTokenStart = c === 0x20 || c === 0x09 || c === 0x5b || c === 0x7b || c === 0x2c || c === 0x3a;
    }
    // A line ending in `|` or `>` (with indicators) opens a block scalar: the more indented lines are its text.
    // (After a plain scalar ending so, those lines could only continue the scalar: nothing nests there either.)
    if (quote === 0 && flow === 0 && /[|>][-+0-9]*\s*$/.test(text.slice(lineStart, lineEnd).replace(/\s#.*$/, ''))) blockScalarIndent = indent;
    lineStart = lineEnd + 1;
  }
  return undefined;
}
