// The JSON tree of an ARM template, with offsets, built for speed on large templates.
//
// Why by hand: jsonc-parser's parseTree (which we keep for templates it alone can read: comments, trailing
// commas, syntax errors to report) builds a node object for every value, key and property through visitor
// callbacks. On the Azure Verified Modules corpus (579 templates, 69 MB; `bicep build` inlines every module, so
// one template reaches 3 MB) that was about half of `plreview lint`'s time and most of its garbage. JSON.parse is
// fast but gives no offsets, and findings must point into the file.
//
// So one pass over the text records every value in flat typed arrays (kind, start, end, the index after its
// subtree, its key's offsets), allocating no object per value, and node objects with jsonc-parser's `Node`
// interface are made only for the parts of the template that are read (a resource's type, name and properties;
// parameters and variables), when first asked for. Strings are decoded only when read. The pass is iterative (a
// template nested 100,000 levels deep is data, not a stack overflow) and strict: anything that is not plain JSON
// (a comment, a trailing comma, an error) makes it give up, and the caller falls back to jsonc-parser.

import type { Node as JsonNode, NodeType } from 'jsonc-parser';

const OBJECT = 0;
const ARRAY = 1;
const STRING = 2;
const NUMBER = 3;
const TRUE = 4;
const FALSE = 5;
const NULL = 6;
/** A string with a backslash escape in it: decoded by JSON.parse rather than sliced. */
const ESCAPED_STRING = 7;
const TYPES: readonly NodeType[] = ['object', 'array', 'string', 'number', 'boolean', 'boolean', 'null', 'string'];

/** The flat record of every value of a JSON text, in document order (a value's members follow it). */
export class JsonIndex {
  count = 0;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** Index just after the value's subtree: its next sibling. */
  next: Int32Array;
  /** Offsets of the key (quotes included) when the value is an object member, else -1. */
  keyStart: Int32Array;
  keyEnd: Int32Array;

  constructor(readonly text: string) {
    // Templates hold about one value per 70 characters (the AVM corpus: 1 million values in 71 MB; at most one
    // per 32); the arrays double when that is not enough.
    const capacity = Math.max(64, text.length >> 6);
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
    this.keyStart = new Int32Array(capacity);
    this.keyEnd = new Int32Array(capacity);
  }

  add(kind: number, start: number, keyStart: number, keyEnd: number): number {
    if (this.count === this.kind.length) this.grow();
    const i = this.count++;
    this.kind[i] = kind;
    this.start[i] = start;
    this.keyStart[i] = keyStart;
    this.keyEnd[i] = keyEnd;
    return i;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const grown = <T extends Uint8Array | Int32Array>(array: T, make: (n: number) => T): T => {
      const bigger = make(size);
      bigger.set(array);
      return bigger;
    };
    this.kind = grown(this.kind, (n) => new Uint8Array(n));
    this.start = grown(this.start, (n) => new Int32Array(n));
    this.end = grown(this.end, (n) => new Int32Array(n));
    this.next = grown(this.next, (n) => new Int32Array(n));
    this.keyStart = grown(this.keyStart, (n) => new Int32Array(n));
    this.keyEnd = grown(this.keyEnd, (n) => new Int32Array(n));
  }

  isString(i: number): boolean {
    return this.kind[i] === STRING || this.kind[i] === ESCAPED_STRING;
  }

  hasEscape(i: number): boolean {
    return this.kind[i] === ESCAPED_STRING;
  }

  /** The decoded text of string value `i` (or of a key, given its offsets). */
  stringAt(start: number, end: number): string {
    const raw = this.text.slice(start + 1, end - 1);
    return raw.indexOf('\\') < 0 ? raw : (JSON.parse(this.text.slice(start, end)) as string);
  }
}

/** The tree of a plain JSON text, or undefined when the text is not plain JSON (see the top of this file). */
export function indexJson(text: string, maxDepth = Infinity): JsonIndex | undefined {
  const index = new JsonIndex(text);
  const length = text.length;
  const stack: number[] = [];
  let pos = skipWhitespace(text, 0);
  let keyStart = -1;
  let keyEnd = -1;
  // Expecting a value; otherwise (after a value) a separator, a closer or the end.
  let wantValue = true;
  for (;;) {
    if (wantValue) {
      if (pos >= length) return undefined;
      const c = text.charCodeAt(pos);
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        // Deeper than allowed (empty containers count, as limitJsonNesting counts them): the caller's slow path.
        if (stack.length >= maxDepth) return undefined;
        const i = index.add(c === 0x7b ? OBJECT : ARRAY, pos, keyStart, keyEnd);
        keyStart = keyEnd = -1;
        pos = skipWhitespace(text, pos + 1);
        const closer = c === 0x7b ? 0x7d : 0x5d;
        if (text.charCodeAt(pos) === closer) {
          index.end[i] = pos + 1;
          index.next[i] = i + 1;
          pos++;
          wantValue = false;
          continue;
        }
        stack.push(i);
        if (c === 0x7b) {
          const afterKey = readKey(text, pos);
          if (afterKey < 0) return undefined;
          keyStart = pos;
          keyEnd = afterKey;
          pos = colonAfter(text, keyEnd);
          if (pos < 0) return undefined;
        }
        continue;
      }
      let end: number;
      let kind: number;
      if (c === 0x22 /* " */) {
        end = skipString(text, pos);
        kind = end < -1 ? ESCAPED_STRING : STRING;
        if (end < -1) end = -end;
      } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
        kind = NUMBER;
        end = skipNumber(text, pos);
      } else if (c === 0x74 /* t */ && text.startsWith('true', pos)) {
        kind = TRUE;
        end = pos + 4;
      } else if (c === 0x66 /* f */ && text.startsWith('false', pos)) {
        kind = FALSE;
        end = pos + 5;
      } else if (c === 0x6e /* n */ && text.startsWith('null', pos)) {
        kind = NULL;
        end = pos + 4;
      } else return undefined;
      if (end < 0) return undefined;
      const i = index.add(kind, pos, keyStart, keyEnd);
      keyStart = keyEnd = -1;
      index.end[i] = end;
      index.next[i] = i + 1;
      pos = end;
      wantValue = false;
      continue;
    }
    pos = skipWhitespace(text, pos);
    if (stack.length === 0) return pos === length ? index : undefined;
    const open = stack[stack.length - 1];
    const c = text.charCodeAt(pos);
    if (c === 0x2c /* , */) {
      pos = skipWhitespace(text, pos + 1);
      if (index.kind[open] === OBJECT) {
        const afterKey = readKey(text, pos);
        if (afterKey < 0) return undefined; // includes a trailing comma: jsonc-parser's case
        keyStart = pos;
        keyEnd = afterKey;
        pos = colonAfter(text, keyEnd);
        if (pos < 0) return undefined;
      }
      wantValue = true;
      continue;
    }
    if (c === (index.kind[open] === OBJECT ? 0x7d : 0x5d)) {
      stack.pop();
      index.end[open] = pos + 1;
      index.next[open] = index.count;
      pos++;
      continue;
    }
    return undefined;
  }
}

function skipWhitespace(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
    else return pos;
  }
}

/** End of the key string at `pos`, or -1. */
function readKey(text: string, pos: number): number {
  if (text.charCodeAt(pos) !== 0x22) return -1;
  const end = skipString(text, pos);
  return end < -1 ? -end : end;
}

/** The offset of the value after a key's `:`, or -1. */
function colonAfter(text: string, pos: number): number {
  pos = skipWhitespace(text, pos);
  return text.charCodeAt(pos) === 0x3a /* : */ ? skipWhitespace(text, pos + 1) : -1;
}

/**
 * The offset after the string starting at `pos` (its opening quote), negated when the string holds an escape,
 * or -1 when it is not a valid JSON string.
 */
function skipString(text: string, pos: number): number {
  const length = text.length;
  let i = pos + 1;
  let escaped = false;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return escaped ? -(i + 1) : i + 1;
    if (c === 0x5c /* \ */) {
      escaped = true;
      const e = text.charCodeAt(i + 1);
      if (e === 0x75 /* u */) {
        for (let k = 2; k < 6; k++) if (!isHex(text.charCodeAt(i + k))) return -1;
        i += 6;
        continue;
      }
      // " \ / b f n r t
      if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) return -1;
      i += 2;
      continue;
    }
    if (c < 0x20) return -1; // a line break or control character inside a string
    i++;
  }
  return -1;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** The offset after the JSON number at `pos`, or -1. */
function skipNumber(text: string, pos: number): number {
  let i = pos;
  if (text.charCodeAt(i) === 0x2d) i++;
  const first = text.charCodeAt(i);
  if (first === 0x30) i++;
  else if (first >= 0x31 && first <= 0x39) i = digits(text, i);
  else return -1;
  if (text.charCodeAt(i) === 0x2e /* . */) {
    const after = digits(text, i + 1);
    if (after === i + 1) return -1;
    i = after;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    const after = digits(text, i);
    if (after === i) return -1;
    i = after;
  }
  return i;
}

function digits(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) i++;
    else return i;
  }
}

/**
 * A node of the indexed tree with jsonc-parser's `Node` shape: `children` and `value` are computed when first
 * read. Object members are `property` nodes whose children are the key and the value, as in jsonc-parser.
 */
class IndexedNode implements JsonNode {
  private members: JsonNode[] | undefined;
  private decoded: { value: unknown } | undefined;

  constructor(
    private readonly index: JsonIndex,
    private readonly at: number,
    readonly parent: JsonNode | undefined,
  ) {}

  get type(): NodeType {
    return TYPES[this.index.kind[this.at]];
  }

  get offset(): number {
    return this.index.start[this.at];
  }

  get length(): number {
    return this.index.end[this.at] - this.index.start[this.at];
  }

  get value(): unknown {
    if (this.decoded) return this.decoded.value;
    const { index, at } = this;
    let value: unknown;
    switch (index.kind[at]) {
      case STRING:
      case ESCAPED_STRING:
        value = index.stringAt(index.start[at], index.end[at]);
        break;
      case NUMBER:
        value = Number(index.text.slice(index.start[at], index.end[at]));
        break;
      case TRUE:
        value = true;
        break;
      case FALSE:
        value = false;
        break;
      case NULL:
        value = null;
        break;
      default:
        value = undefined; // containers have no value in jsonc-parser's tree either
    }
    this.decoded = { value };
    return value;
  }

  get children(): JsonNode[] | undefined {
    const { index, at } = this;
    const kind = index.kind[at];
    if (kind !== OBJECT && kind !== ARRAY) return undefined;
    if (this.members) return this.members;
    const members: JsonNode[] = [];
    for (let child = at + 1; child < index.next[at]; child = index.next[child]) {
      members.push(kind === ARRAY ? new IndexedNode(index, child, this) : new PropertyNode(index, child, this));
    }
    this.members = members;
    return members;
  }
}

/** `"key": value` in an object: children are the key (a string node) and the value. */
class PropertyNode implements JsonNode {
  readonly type = 'property';
  readonly children: JsonNode[];

  constructor(index: JsonIndex, valueAt: number, readonly parent: JsonNode) {
    const keyStart = index.keyStart[valueAt];
    const keyEnd = index.keyEnd[valueAt];
    this.offset = keyStart;
    this.length = index.end[valueAt] - keyStart;
    this.children = [new KeyNode(index, keyStart, keyEnd, this), new IndexedNode(index, valueAt, this)];
  }

  readonly offset: number;
  readonly length: number;
}

class KeyNode implements JsonNode {
  readonly type = 'string';
  private decoded: string | undefined;

  constructor(
    private readonly index: JsonIndex,
    readonly offset: number,
    private readonly end: number,
    readonly parent: JsonNode,
  ) {}

  get length(): number {
    return this.end - this.offset;
  }

  get value(): string {
    this.decoded ??= this.index.stringAt(this.offset, this.end);
    return this.decoded;
  }
}

/** The root node of an indexed text. */
export function rootNode(index: JsonIndex): JsonNode | undefined {
  return index.count > 0 ? new IndexedNode(index, 0, undefined) : undefined;
}
