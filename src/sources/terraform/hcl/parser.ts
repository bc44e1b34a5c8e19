// A hand-written parser of HCL's native syntax (hashicorp/hcl `hclsyntax/spec.md`): bodies, attributes, blocks,
// every expression form (templates and heredocs with `<<-`, interpolations and `%{ if }`/`%{ for }` directives
// with strip markers, `for` expressions, splats, conditionals, function calls incl. `provider::ns::f()` and `...`),
// and comments (`#`, `//`, `/* */`).
//
// Why by hand: the only maintained Node packages that read HCL are either Go compiled to WASM without positions
// (@cdktf/hcl2json: no ranges for squiggles, no recovery: one error and the file is gone) or tree-sitter grammars
// (@tree-sitter-grammars/tree-sitter-hcl, benched against this parser in bench/terraform-parser.mjs). We need
// exact ranges, one plain message per error, linear time and recovery tuned for typing: an error costs the
// statement it is in, and the declarations after it are still read.
//
// Newlines: HCL ends attributes at a newline, except inside `(`, `[`, a `for` expression or an interpolation,
// where they are whitespace; object constructors use them as item separators. A stack says which applies.
// Recovery: an error inside an expression abandons the whole attribute (`Bail`) and skips to the end of its line
// (brackets counted), never past the `}` that closes the enclosing block; a top-level keyword (`resource`,
// `module`, …) at column 0 inside a block whose `}` is missing ends that block, so a block left open while typing
// costs one diagnostic, not the rest of the file.

import type {
  Attribute,
  BinaryOp,
  Block,
  Body,
  Expr,
  HclDiagnostic,
  HclFile,
  Label,
  ObjectItem,
  TemplateExpr,
  TemplatePart,
} from './syntax';

export function parseHcl(text: string, path = ''): HclFile {
  const parser = new Parser(text);
  const body = parser.parseFile();
  const ref = { file: undefined as unknown as HclFile };
  ref.file = { path, text, body, diagnostics: parser.diagnostics, work: parser.work, ref, reportedFrom: parser.reportedFrom };
  return ref.file;
}

/** See `Parser.parseTopLevelFrom` (used by reparse.ts). */
export function parseTopLevelFrom(
  text: string,
  offset: number,
  resumeAt: (start: number) => boolean,
): { body: Body; resumedAt: number | undefined; diagnostics: readonly HclDiagnostic[]; reportedFrom: readonly number[]; work: number } {
  const parser = new Parser(text);
  const { body, resumedAt } = parser.parseTopLevelFrom(offset, resumeAt);
  return { body, resumedAt, diagnostics: parser.diagnostics, reportedFrom: parser.reportedFrom, work: parser.work };
}

/**
 * The JSON string token at `offset` (its opening quote) read as an HCL template, as Terraform reads strings of
 * `.tf.json` files: `"${var.x}"` is the variable's value. Offsets stay those of the whole file.
 */
export function parseJsonStringTemplate(text: string, offset: number): { expr: TemplateExpr; diagnostics: readonly HclDiagnostic[] } {
  const parser = new Parser(text);
  return parser.templateAt(offset);
}

const enum T {
  EOF,
  Newline,
  Ident,
  Number,
  Quote,
  Heredoc,
  Punct,
  Invalid,
}

/** Block types that only appear at the top level of a Terraform module. */
const TOP_LEVEL = new Set(['resource', 'data', 'module', 'variable', 'output', 'locals', 'provider', 'terraform', 'moved', 'import', 'check', 'removed', 'ephemeral']);

const BINARY_LEVEL: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

const MAX_DEPTH = 500;

/** Thrown after an expression error has been reported: the attribute is abandoned and the parser recovers. */
class Bail {}
const BAIL = new Bail();

const ID_START = /[\p{ID_Start}]/u;
const ID_CONTINUE = /[\p{ID_Continue}]/u;

function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c > 127 && ID_START.test(String.fromCodePoint(c)));
}
function isIdContinue(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || (c > 127 && ID_CONTINUE.test(String.fromCodePoint(c)));
}
const isDigit = (c: number) => c >= 48 && c <= 57;

class Parser {
  readonly diagnostics: HclDiagnostic[] = [];
  /** Tokens lexed plus template characters scanned: what tests use to show the parse is linear. */
  work = 0;
  private pos = 0;
  // The current token.
  private kind = T.EOF;
  private start = 0;
  private end = 0;
  /** Identifier name, punctuation text, number text, heredoc marker. */
  private value = '';
  private heredocFlush = false;
  /** Whether newlines are whitespace at the current nesting (true inside `(`, `[`, interpolations). */
  private readonly newlineStack: boolean[] = [false];
  private depth = 0;
  /** Offset of the last reported error: one error per spot, no cascades. */
  private lastErrorAt = -1;

  constructor(private readonly text: string) {
    this.rewindBudget = text.length;
  }

  templateAt(offset: number): { expr: TemplateExpr; diagnostics: readonly HclDiagnostic[] } {
    try {
      return { expr: this.parseQuotedTemplate(offset), diagnostics: this.diagnostics };
    } catch (error) {
      if (error !== BAIL) throw error;
      return { expr: { type: 'template', parts: [], start: offset, end: offset + 1 }, diagnostics: this.diagnostics };
    }
  }

  parseFile(): Body {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.advance();
    return this.parseBody(undefined);
  }

  /**
   * The top-level items from `offset` (an item's start, or 0), read exactly as `parseFile` reads them there, until
   * the end of the file or until an item would start at an offset `resumeAt` accepts (reparse.ts reuses the old
   * items from there). A top-level item starts in one parser state whatever came before it, which is what makes
   * the old parse of the rest valid.
   */
  parseTopLevelFrom(offset: number, resumeAt: (start: number) => boolean): { body: Body; resumedAt: number | undefined } {
    this.pos = offset === 0 && this.text.charCodeAt(0) === 0xfeff ? 1 : offset;
    this.stepStart = offset;
    this.advance();
    this.resumeAt = resumeAt;
    const body = this.parseBody(undefined);
    return { body, resumedAt: this.resumedAt };
  }

  private resumeAt: ((start: number) => boolean) | undefined;
  private resumedAt: number | undefined;

  // ------------------------------------------------------------------------------------------------------
  // Lexing (on demand, one token of state)
  // ------------------------------------------------------------------------------------------------------

  private advance(): void {
    const ignoreNewlines = this.newlineStack[this.newlineStack.length - 1];
    do this.lex();
    while (ignoreNewlines && this.kind === T.Newline);
  }

  private lex(): void {
    this.work++;
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9) pos++;
      else if (c === 35 /* # */ || (c === 47 && text.charCodeAt(pos + 1) === 47)) {
        while (pos < text.length && text.charCodeAt(pos) !== 10 && text.charCodeAt(pos) !== 13) pos++;
      } else if (c === 47 && text.charCodeAt(pos + 1) === 42 /* /* */) {
        const close = text.indexOf('*/', pos + 2);
        if (close < 0) {
          this.error(pos, text.length, 'unterminated comment: expected */');
          pos = text.length;
        } else pos = close + 2;
      } else break;
    }
    this.start = pos;
    if (pos >= text.length) {
      this.kind = T.EOF;
      this.end = this.pos = text.length;
      return;
    }
    const c = text.charCodeAt(pos);
    if (c === 10 || c === 13) {
      pos += c === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 1;
      this.setToken(T.Newline, pos, '\n');
      return;
    }
    if (isIdStart(c)) {
      let p = pos + (c > 0xffff ? 2 : 1);
      while (p < text.length) {
        const d = text.codePointAt(p)!;
        if (!isIdContinue(d)) break;
        p += d > 0xffff ? 2 : 1;
      }
      this.setToken(T.Ident, p, text.slice(pos, p));
      return;
    }
    if (isDigit(c)) {
      let p = pos + 1;
      while (isDigit(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) === 46 && isDigit(text.charCodeAt(p + 1))) {
        p += 2;
        while (isDigit(text.charCodeAt(p))) p++;
      }
      const e = text.charCodeAt(p);
      if (e === 101 || e === 69) {
        let q = p + 1;
        if (text.charCodeAt(q) === 43 || text.charCodeAt(q) === 45) q++;
        if (isDigit(text.charCodeAt(q))) {
          while (isDigit(text.charCodeAt(q))) q++;
          p = q;
        }
      }
      this.setToken(T.Number, p, text.slice(pos, p));
      return;
    }
    if (c === 34 /* " */) {
      this.setToken(T.Quote, pos + 1, '"');
      return;
    }
    if (c === 60 && text.charCodeAt(pos + 1) === 60 /* << */) {
      let p = pos + 2;
      const flush = text.charCodeAt(p) === 45;
      if (flush) p++;
      if (isIdStart(text.charCodeAt(p))) {
        const nameStart = p;
        while (p < text.length && isIdContinue(text.charCodeAt(p))) p++;
        this.heredocFlush = flush;
        this.setToken(T.Heredoc, p, text.slice(nameStart, p));
        return;
      }
    }
    const two = text.slice(pos, pos + 2);
    if (two === '&&' || two === '||' || two === '==' || two === '!=' || two === '<=' || two === '>=' || two === '=>' || two === '~}' || two === '::') {
      this.setToken(T.Punct, pos + 2, two);
      return;
    }
    if (text.startsWith('...', pos)) {
      this.setToken(T.Punct, pos + 3, '...');
      return;
    }
    const one = text[pos];
    if ('+-*/%<>!?:=.,()[]{}'.includes(one)) {
      this.setToken(T.Punct, pos + 1, one);
      return;
    }
    const width = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    this.setToken(T.Invalid, pos + width, text.slice(pos, pos + width));
  }

  private setToken(kind: T, end: number, value: string): void {
    this.kind = kind;
    this.end = this.pos = end;
    this.value = value;
  }

  private is(punct: string): boolean {
    return this.kind === T.Punct && this.value === punct;
  }

  private isIdent(name: string): boolean {
    return this.kind === T.Ident && this.value === name;
  }

  /** The kind and value of the token after the current one, lexed with the current newline mode. */
  private peek(): { kind: T; value: string; start: number } {
    const pos = this.pos;
    const kind = this.kind;
    const start = this.start;
    const end = this.end;
    const value = this.value;
    const flush = this.heredocFlush;
    this.advance();
    const next = { kind: this.kind, value: this.value, start: this.start };
    this.pos = pos;
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.value = value;
    this.heredocFlush = flush;
    return next;
  }

  private pushNewlines(ignore: boolean): void {
    this.newlineStack.push(ignore);
  }
  private popNewlines(): void {
    if (this.newlineStack.length > 1) this.newlineStack.pop();
  }

  private skipNewlines(): void {
    while (this.kind === T.Newline) this.advance();
  }

  /** True when nothing but spaces and tabs precede `offset` on its line. */
  private atLineStart(offset: number): boolean {
    for (let p = offset - 1; p >= 0; p--) {
      const c = this.text.charCodeAt(p);
      if (c === 10 || c === 13) return true;
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  }

  private atColumnZero(offset: number): boolean {
    const c = this.text.charCodeAt(offset - 1);
    return offset === 0 || c === 10 || c === 13;
  }

  private lineStarts: number[] | undefined;

  /** The 1-based line of an offset, for messages (the line table is built on the first error only). */
  private lineOf(offset: number): number {
    if (!this.lineStarts) {
      const starts = [0];
      for (let p = 0; p < this.text.length; p++) {
        const c = this.text.charCodeAt(p);
        if (c === 10 || (c === 13 && this.text.charCodeAt(p + 1) !== 10)) starts.push(p + 1);
      }
      this.lineStarts = starts;
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  private describe(): string {
    switch (this.kind) {
      case T.EOF:
        return 'the end of the file';
      case T.Newline:
        return 'the end of the line';
      case T.Quote:
        return 'a string';
      case T.Heredoc:
        return 'a heredoc';
      default:
        return `'${this.value}'`;
    }
  }

  private error(start: number, end: number, message: string): void {
    // Recorded before the one-per-spot check: a step whose report was dropped still took the error path, which
    // depends on what earlier steps reported.
    if (this.reportedFrom[this.reportedFrom.length - 1] !== this.stepStart) this.reportedFrom.push(this.stepStart);
    if (start === this.lastErrorAt) return;
    this.lastErrorAt = start;
    this.diagnostics.push({ start, end, message });
  }

  /**
   * Where each top-level step (an item, or what recovery skipped) that met an error began. Such a step may have
   * read past its end (recovery, a rewind to the next line) and depends on earlier errors (one report per spot,
   * the rewind budget); reparse.ts keeps only items read by steps that met none.
   */
  readonly reportedFrom: number[] = [];
  private stepStart = 0;

  /** Reports at the current token and abandons the expression. */
  private fail(message: string): never {
    this.error(this.start, this.kind === T.EOF || this.kind === T.Newline ? this.start : this.end, message);
    throw BAIL;
  }

  // ------------------------------------------------------------------------------------------------------
  // Structure
  // ------------------------------------------------------------------------------------------------------

  /** A body up to its closing `}` (not consumed) or the end of the file. `opener` is the block being read. */
  private parseBody(opener: { start: number; brace: number; type: string } | undefined): Body {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const bodyStart = this.start;
    for (;;) {
      this.skipNewlines();
      // A step starts at its first token: an error met while lexing up to it belongs to the step before.
      if (!opener) this.stepStart = this.start;
      if (this.kind === T.EOF) {
        if (opener) this.error(opener.brace, opener.brace + 1, `expected '}' to close the ${opener.type} block opened on line ${this.lineOf(opener.brace)}`);
        break;
      }
      if (!opener && this.resumeAt?.(this.start)) {
        this.resumedAt = this.start;
        break;
      }
      if (this.is('}')) {
        if (opener) break;
        this.error(this.start, this.end, "unexpected '}': no block is open here");
        this.advance();
        continue;
      }
      const before = this.start;
      if (this.kind === T.Ident) {
        if (opener && TOP_LEVEL.has(this.value) && !(opener.type === 'check' && this.value === 'data') && this.atColumnZero(this.start) && this.startsBlock()) {
          // A top-level declaration inside a block: the block's `}` is missing.
          this.error(opener.brace, opener.brace + 1, `expected '}' to close the ${opener.type} block opened on line ${this.lineOf(opener.brace)}`);
          break;
        }
        this.parseItem(attributes, blocks, opener !== undefined);
      } else {
        this.error(this.start, this.end, `expected an attribute or a block, found ${this.describe()}`);
        this.recover(before);
      }
      if (this.start === before && (this.kind as T) !== T.EOF && !this.is('}')) this.advance();
    }
    return { start: bodyStart, end: this.start, attributes, blocks };
  }

  /** Whether the identifier at the current token begins a block (`name "label" {`, `name label {`, `name {`). */
  private startsBlock(): boolean {
    const next = this.peek();
    return next.kind === T.Quote || next.kind === T.Ident || (next.kind === T.Punct && next.value === '{');
  }

  private parseItem(attributes: Attribute[], blocks: Block[], nested: boolean): void {
    const name = this.value;
    const nameStart = this.start;
    const nameEnd = this.end;
    this.advance();
    if (this.is('=')) {
      this.advance();
      let expr: Expr;
      try {
        expr = this.parseExpression();
      } catch (error) {
        if (error !== BAIL) throw error;
        this.newlineStack.length = 1;
        this.depth = 0;
        if (!this.resumeOnNextLine(nameStart)) this.recover(nameStart);
        return;
      }
      attributes.push({ start: nameStart, end: expr.end, name, nameStart, nameEnd, expr });
      this.endOfItem(nested, `the value of '${name}'`, nameStart);
      return;
    }
    const labels: Label[] = [];
    while (this.kind === T.Quote || this.kind === T.Ident) {
      if (this.kind === T.Ident) {
        labels.push({ start: this.start, end: this.end, value: this.value });
        this.advance();
        continue;
      }
      const quoteStart = this.start;
      let template: TemplateExpr;
      try {
        template = this.parseQuotedTemplate(quoteStart);
      } catch (error) {
        // A broken interpolation or directive in a label (`"a%{b"` while typing): reported where it is; the block
        // is abandoned as a broken attribute is, instead of the error escaping the parse.
        if (error !== BAIL) throw error;
        this.newlineStack.length = 1;
        this.depth = 0;
        this.recover(nameStart);
        return;
      }
      const value = template.parts.length === 0 ? '' : template.parts.length === 1 && template.parts[0].type === 'text' ? template.parts[0].value : undefined;
      if (value === undefined) this.error(template.start, template.end, 'a block label must be a literal string, without interpolations');
      labels.push({ start: template.start, end: template.end, value: value ?? '' });
    }
    if (!this.is('{')) {
      this.error(this.start, this.kind === T.Newline || this.kind === T.EOF ? this.start : this.end, labels.length === 0
        ? `expected '=' or a block body '{' after '${name}', found ${this.describe()}`
        : `expected '{' to open the body of the ${name} block, found ${this.describe()}`);
      this.recover(nameStart);
      return;
    }
    const brace = this.start;
    this.advance();
    const body = this.parseBody({ start: nameStart, brace, type: name });
    let end = this.start;
    if (this.is('}')) {
      end = this.end;
      this.advance();
      this.endOfItem(nested, `the ${name} block`, nameStart);
    }
    blocks.push({ start: nameStart, end, type: name, typeStart: nameStart, typeEnd: nameEnd, labels, body, openBrace: brace });
  }

  /** How many characters recovery may read twice in all (keeps the parse linear whatever the input). */
  private rewindBudget: number;

  /**
   * An expression broken on a later line than its attribute (`name = (` with the `)` never typed) swallowed the
   * lines after it, because newlines are whitespace inside brackets. When the next line starts a statement
   * (`name =` or a block), parsing resumes there, so the attributes after the broken one are still read.
   */
  private resumeOnNextLine(itemStart: number): boolean {
    const errorAt = this.lastErrorAt;
    let next = itemStart;
    while (next < this.text.length && this.text.charCodeAt(next) !== 10 && this.text.charCodeAt(next) !== 13) next++;
    if (errorAt <= next || errorAt - next > this.rewindBudget) return false;
    const saved = [this.pos, this.kind, this.start, this.end, this.value] as const;
    this.pos = next;
    this.advance();
    this.skipNewlines();
    if (this.kind === T.Ident && this.start < errorAt) {
      const after = this.peek();
      if ((after.kind === T.Punct && (after.value === '=' || after.value === '{')) || after.kind === T.Quote) {
        this.rewindBudget -= errorAt - next;
        return true;
      }
    }
    [this.pos, this.kind, this.start, this.end, this.value] = saved;
    return false;
  }

  /** After an attribute or block: a newline, the end of the file, or (one-line blocks) the closing `}`. */
  private endOfItem(nested: boolean, what: string, itemStart: number): void {
    if (this.kind === T.Newline || this.kind === T.EOF || (nested && this.is('}'))) return;
    this.error(this.start, this.end, `expected a new line after ${what}, found ${this.describe()}`);
    this.recover(itemStart);
  }

  /**
   * Skips the rest of a broken statement: up to the end of its line with brackets balanced, never past a `}`
   * that closes the enclosing block. A line starting a new statement (the error was at its first token, or an
   * identifier at column 0) is left for the body to read.
   */
  private recover(statementStart: number): void {
    this.newlineStack.length = 1;
    if (this.kind === T.Newline) {
      this.advance();
      return;
    }
    let depth = 0;
    let first = true;
    for (;;) {
      if (this.kind === T.EOF) return;
      if ((this.kind as T) === T.Newline && depth === 0) {
        this.advance();
        return;
      }
      if (this.start > statementStart && this.atLineStart(this.start) && (first || (this.kind === T.Ident && this.atColumnZero(this.start)))) return;
      first = false;
      if (this.kind === T.Punct) {
        const v = this.value;
        if (v === '{' || v === '(' || v === '[') depth++;
        else if (v === '}' || v === ')' || v === ']') {
          if (depth === 0 && v === '}') return;
          if (depth > 0) depth--;
        }
      } else if (this.kind === T.Quote) {
        // Skip the string as a string (its braces are not brackets); errors inside it are already reported.
        this.skipQuoted();
        continue;
      } else if (this.kind === T.Heredoc) {
        this.skipHeredoc();
        continue;
      }
      this.advance();
    }
  }

  private skipQuoted(): void {
    try {
      this.parseQuotedTemplate(this.start);
    } catch (error) {
      if (error !== BAIL) throw error;
      this.newlineStack.length = 1;
      this.advance();
    }
  }

  private skipHeredoc(): void {
    try {
      this.parseHeredoc();
    } catch (error) {
      if (error !== BAIL) throw error;
      this.newlineStack.length = 1;
      this.advance();
    }
  }

  // ------------------------------------------------------------------------------------------------------
  // Expressions
  // ------------------------------------------------------------------------------------------------------

  parseExpression(): Expr {
    if (++this.depth > MAX_DEPTH) this.fail('the expression is nested too deeply');
    try {
      const condition = this.parseBinary(1);
      if (!this.is('?')) return condition;
      this.advance();
      const then = this.parseExpression();
      if (!this.is(':')) this.fail(`expected ':' in the conditional expression, found ${this.describe()}`);
      this.advance();
      const otherwise = this.parseExpression();
      return { type: 'conditional', start: condition.start, end: otherwise.end, condition, then, else: otherwise };
    } finally {
      this.depth--;
    }
  }

  private parseBinary(minLevel: number): Expr {
    let left = this.parseUnary();
    for (;;) {
      if (this.kind !== T.Punct) return left;
      const level = BINARY_LEVEL[this.value];
      if (level === undefined || level < minLevel) return left;
      const op = this.value as BinaryOp;
      this.advance();
      const right = this.parseBinary(level + 1);
      left = { type: 'binary', op, left, right, start: left.start, end: right.end };
    }
  }

  private parseUnary(): Expr {
    if (this.is('-') || this.is('!')) {
      const start = this.start;
      const op = this.value as '-' | '!';
      this.advance();
      if (++this.depth > MAX_DEPTH) this.fail('the expression is nested too deeply');
      const operand = this.parseUnary();
      this.depth--;
      return { type: 'unary', op, operand, start, end: operand.end };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePostfix(expr: Expr): Expr {
    for (;;) {
      if (this.is('.')) {
        this.advance();
        if (this.kind === T.Ident) {
          expr = { type: 'getattr', object: expr, name: this.value, start: expr.start, end: this.end };
          this.advance();
        } else if (this.kind === T.Number) {
          expr = this.legacyIndex(expr);
        } else if (this.is('*')) {
          const starEnd = this.end;
          this.advance();
          // `list.*.a.b[0]` is `[for v in list: v.a.b][0]`: what follows the attributes applies to the result.
          expr = this.parseSplat(expr, starEnd, false);
        } else this.fail(`expected an attribute name after '.', found ${this.describe()}`);
      } else if (this.is('[')) {
        const open = this.start;
        this.pushNewlines(true);
        this.advance();
        if (this.is('*')) {
          this.advance();
          if (!this.is(']')) this.fail(`expected ']' after '[*', found ${this.describe()}`);
          const closeEnd = this.end;
          this.popNewlines();
          this.advance();
          return this.parseSplat(expr, closeEnd, true);
        }
        const key = this.parseExpression();
        if (!this.is(']')) this.fail(`expected ']' to close the index opened on line ${this.lineOf(open)}, found ${this.describe()}`);
        const end = this.end;
        this.popNewlines();
        this.advance();
        expr = { type: 'index', object: expr, key, start: expr.start, end };
      } else return expr;
    }
  }

  /** `.0` (and `.0.1`, which lexes as one number) after a value: HIL's index syntax. */
  private legacyIndex(expr: Expr): Expr {
    let offset = this.start;
    for (const digits of this.value.split('.')) {
      if (!/^\d+$/.test(digits)) this.fail(`expected an attribute name or index after '.', found '${this.value}'`);
      const key: Expr = { type: 'literal', value: Number(digits), start: offset, end: offset + digits.length };
      expr = { type: 'index', object: expr, key, start: expr.start, end: key.end };
      offset = key.end + 1;
    }
    this.advance();
    return expr;
  }

  /** After `.*` (attribute traversals only) or `[*]` (attributes and indexes): what applies to every item. */
  private parseSplat(source: Expr, itemEnd: number, full: boolean): Expr {
    let each: Expr = { type: 'splatItem', start: itemEnd, end: itemEnd };
    for (;;) {
      if (this.is('.')) {
        const saved = this.peek();
        if (saved.kind !== T.Ident && saved.kind !== T.Number) break;
        this.advance();
        if (this.kind === T.Ident) {
          each = { type: 'getattr', object: each, name: this.value, start: each.start, end: this.end };
          this.advance();
        } else each = this.legacyIndex(each);
      } else if (full && this.is('[')) {
        const open = this.start;
        this.pushNewlines(true);
        this.advance();
        const key = this.parseExpression();
        if (!this.is(']')) this.fail(`expected ']' to close the index opened on line ${this.lineOf(open)}, found ${this.describe()}`);
        const end = this.end;
        this.popNewlines();
        this.advance();
        each = { type: 'index', object: each, key, start: each.start, end };
      } else break;
    }
    return { type: 'splat', source, each, start: source.start, end: Math.max(each.end, itemEnd) };
  }

  private parsePrimary(): Expr {
    const start = this.start;
    switch (this.kind) {
      case T.Number: {
        const value = Number(this.value);
        const end = this.end;
        this.advance();
        return { type: 'literal', value, start, end };
      }
      case T.Ident:
        return this.parseIdentifierExpr();
      case T.Quote:
        return this.parseQuotedTemplate(start);
      case T.Heredoc:
        return this.parseHeredoc();
      case T.Punct:
        if (this.value === '(') return this.parseParens();
        if (this.value === '[') return this.parseTuple();
        if (this.value === '{') return this.parseObject();
        break;
    }
    this.fail(`expected an expression, found ${this.describe()}`);
  }

  private parseIdentifierExpr(): Expr {
    const start = this.start;
    const end = this.end;
    let name = this.value;
    this.advance();
    if (name === 'true' || name === 'false') return { type: 'literal', value: name === 'true', start, end };
    if (name === 'null') return { type: 'literal', value: null, start, end };
    // Provider-defined functions: `provider::azurerm::parse_resource_id(…)`.
    while (this.is('::')) {
      this.advance();
      if (this.kind !== T.Ident) this.fail(`expected a function name after '::', found ${this.describe()}`);
      name += `::${this.value}`;
      this.advance();
      if (!this.is('::') && !this.is('(')) this.fail(`expected '(' after the function name '${name}', found ${this.describe()}`);
    }
    if (!this.is('(')) return { type: 'variable', name, start, end };
    const open = this.start;
    this.pushNewlines(true);
    this.advance();
    const args: Expr[] = [];
    let expandFinal = false;
    while (!this.is(')')) {
      args.push(this.parseExpression());
      if (this.is('...')) {
        expandFinal = true;
        this.advance();
        if (this.is(',')) this.advance();
        if (!this.is(')')) this.fail(`expected ')' after '...', found ${this.describe()}`);
        break;
      }
      if (this.is(',')) this.advance();
      else if (!this.is(')')) this.fail(`expected ',' or ')' in the call of ${name}() opened on line ${this.lineOf(open)}, found ${this.describe()}`);
    }
    const closeEnd = this.end;
    this.popNewlines();
    this.advance();
    return { type: 'call', name, args, expandFinal, start, end: closeEnd };
  }

  private parseParens(): Expr {
    const start = this.start;
    this.pushNewlines(true);
    this.advance();
    const expr = this.parseExpression();
    if (!this.is(')')) this.fail(`expected ')' to close the '(' on line ${this.lineOf(start)}, found ${this.describe()}`);
    const end = this.end;
    this.popNewlines();
    this.advance();
    return { type: 'parens', expr, start, end };
  }

  private parseTuple(): Expr {
    const start = this.start;
    this.pushNewlines(true);
    this.advance();
    if (this.isIdent('for') && this.peek().kind === T.Ident) return this.parseFor(start, false);
    const items: Expr[] = [];
    while (!this.is(']')) {
      items.push(this.parseExpression());
      if (this.is(',')) this.advance();
      else if (!this.is(']')) this.fail(`expected ',' or ']' in the list opened on line ${this.lineOf(start)}, found ${this.describe()}`);
    }
    const end = this.end;
    this.popNewlines();
    this.advance();
    return { type: 'tuple', items, start, end };
  }

  private parseObject(): Expr {
    const start = this.start;
    // Peek past newlines for `for`: `{\n for k, v in x : k => v }`.
    this.pushNewlines(true);
    const saved = [this.pos, this.kind, this.start, this.end, this.value] as const;
    this.advance();
    if (this.isIdent('for') && this.peek().kind === T.Ident) return this.parseFor(start, true);
    [this.pos, this.kind, this.start, this.end, this.value] = saved;
    this.popNewlines();
    this.pushNewlines(false);
    this.advance();
    const items: ObjectItem[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.is('}')) break;
      const key = this.parseObjectKey();
      if (!this.is('=') && !this.is(':')) this.fail(`expected '=' after the key in the object opened on line ${this.lineOf(start)}, found ${this.describe()}`);
      this.advance();
      const value = this.parseExpression();
      items.push({ key, value, start: key.start, end: value.end });
      if (this.is(',')) this.advance();
      else if (this.kind !== T.Newline && !this.is('}')) this.fail(`expected ',', a new line or '}' in the object opened on line ${this.lineOf(start)}, found ${this.describe()}`);
    }
    const end = this.end;
    this.popNewlines();
    this.advance();
    return { type: 'object', items, start, end };
  }

  /** A bare identifier followed by `=` or `:` is a literal key; anything else is an expression. */
  private parseObjectKey(): Expr {
    if (this.kind === T.Ident) {
      const next = this.peek();
      if (next.kind === T.Punct && (next.value === '=' || next.value === ':')) {
        const key: Expr = { type: 'literal', value: this.value, start: this.start, end: this.end };
        this.advance();
        return key;
      }
    }
    return this.parseExpression();
  }

  /** After `[` or `{` (newlines already ignored), at `for`. */
  private parseFor(start: number, object: boolean): Expr {
    this.advance();
    let keyVar: string | undefined;
    let valueVar = this.value;
    this.advance();
    if (this.is(',')) {
      this.advance();
      if (this.kind !== T.Ident) this.fail(`expected a variable name after ',' in the for expression, found ${this.describe()}`);
      keyVar = valueVar;
      valueVar = this.value;
      this.advance();
    }
    if (!this.isIdent('in')) this.fail(`expected 'in' in the for expression, found ${this.describe()}`);
    this.advance();
    const collection = this.parseExpression();
    if (!this.is(':')) this.fail(`expected ':' after the collection of the for expression, found ${this.describe()}`);
    this.advance();
    let keyExpr: Expr | undefined;
    let valueExpr = this.parseExpression();
    let grouping = false;
    if (object) {
      if (!this.is('=>')) this.fail(`expected '=>' in the for expression, found ${this.describe()}`);
      this.advance();
      keyExpr = valueExpr;
      valueExpr = this.parseExpression();
      if (this.is('...')) {
        grouping = true;
        this.advance();
      }
    }
    let condition: Expr | undefined;
    if (this.isIdent('if')) {
      this.advance();
      condition = this.parseExpression();
    }
    const close = object ? '}' : ']';
    if (!this.is(close)) this.fail(`expected '${close}' to close the for expression opened on line ${this.lineOf(start)}, found ${this.describe()}`);
    const end = this.end;
    this.popNewlines();
    this.advance();
    return { type: 'for', keyVar, valueVar, collection, keyExpr, valueExpr, grouping, condition, start, end };
  }

  // ------------------------------------------------------------------------------------------------------
  // Templates
  // ------------------------------------------------------------------------------------------------------

  /** The current token is `"` starting at `start`. Leaves the token after the closing quote current. */
  private parseQuotedTemplate(start: number): TemplateExpr {
    // Most strings are plain text: one scan, no template machinery.
    const text = this.text;
    for (let p = start + 1; p < text.length; p++) {
      const c = text.charCodeAt(p);
      if (c === 34) {
        this.work += p - start;
        const parts: TemplatePart[] = p > start + 1 ? [{ type: 'text', value: text.slice(start + 1, p), start: start + 1, end: p }] : [];
        this.pos = p + 1;
        this.advance();
        return { type: 'template', parts, start, end: p + 1 };
      }
      if (c === 92 || c === 10 || c === 13 || ((c === 36 || c === 37) && text.charCodeAt(p + 1) === 123)) break;
    }
    this.pos = start + 1;
    const { parts } = this.templateParts('quoted', start);
    const end = this.pos;
    this.advance();
    return { type: 'template', parts: mergeText(parts), start, end };
  }

  /** The current token is `<<MARKER` or `<<-MARKER`. */
  private parseHeredoc(): TemplateExpr {
    const start = this.start;
    const marker = this.value;
    const flush = this.heredocFlush;
    const text = this.text;
    const markerEnd = this.end;
    let p = markerEnd;
    while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
    if (text.charCodeAt(p) === 13 && text.charCodeAt(p + 1) === 10) p += 2;
    else if (text.charCodeAt(p) === 10 || text.charCodeAt(p) === 13) p++;
    else this.error(start, markerEnd, `expected a new line after the heredoc marker <<${flush ? '-' : ''}${marker}`);
    this.pos = p;
    this.heredocMarkers.push(marker);
    let result;
    try {
      result = this.templateParts('heredoc', start);
    } finally {
      this.heredocMarkers.pop();
    }
    if (result.stop !== 'marker') this.error(start, markerEnd, `unterminated heredoc: expected a line with only ${marker}`);
    const end = this.pos;
    this.advance();
    const parts = flush ? dedent(result.parts) : result.parts;
    return { type: 'template', heredoc: true, parts: mergeText(parts), start, end };
  }

  private readonly heredocMarkers: string[] = [];

  /**
   * Template content from `this.pos` up to its end: the closing quote or heredoc marker line (`stop` says which,
   * `this.pos` is then just past it), or a `%{ else }`/`%{ endif }`/`%{ endfor }` directive when nested.
   */
  private templateParts(mode: 'quoted' | 'heredoc', openedAt: number): { parts: TemplatePart[]; stop: string } {
    const text = this.text;
    const parts: TemplatePart[] = [];
    let literal = '';
    let literalStart = this.pos;
    let stripNext = false;
    const flush = (end: number) => {
      if (literal.length > 0 || end > literalStart) {
        parts.push({ type: 'text', value: stripNext ? literal.replace(/^\s+/, '') : literal, start: literalStart, end });
      }
      stripNext = false;
      literal = '';
    };
    const stripPrevious = () => {
      const last = parts[parts.length - 1];
      if (last?.type === 'text') parts[parts.length - 1] = { ...last, value: last.value.replace(/\s+$/, '') };
    };
    let p = this.pos;
    const marker = this.heredocMarkers[this.heredocMarkers.length - 1];
    let lineStart = mode === 'heredoc';
    for (;;) {
      if (mode === 'heredoc' && lineStart) {
        // The closing marker: alone on its line, indentation allowed.
        let q = p;
        while (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9) q++;
        if (text.startsWith(marker, q)) {
          let r = q + marker.length;
          while (text.charCodeAt(r) === 32 || text.charCodeAt(r) === 9) r++;
          const c = text.charCodeAt(r);
          if (r >= text.length || c === 10 || c === 13) {
            flush(p);
            this.pos = q + marker.length;
            return { parts, stop: 'marker' };
          }
        }
      }
      lineStart = false;
      if (p >= text.length) {
        flush(p);
        this.pos = p;
        if (mode === 'quoted') this.error(openedAt, p, 'unterminated string: expected a closing "');
        return { parts, stop: 'eof' };
      }
      const c = text.charCodeAt(p);
      if (mode === 'quoted') {
        if (c === 34) {
          flush(p);
          this.pos = p + 1;
          return { parts, stop: 'quote' };
        }
        if (c === 10 || c === 13) {
          flush(p);
          this.pos = p;
          this.error(openedAt, p, 'unterminated string: expected a closing " before the end of the line');
          return { parts, stop: 'eol' };
        }
        if (c === 92 /* \ */) {
          const escaped = this.escape(p);
          literal += escaped.value;
          p = escaped.end;
          continue;
        }
      }
      if ((c === 36 || c === 37) && text.charCodeAt(p + 1) === c && text.charCodeAt(p + 2) === 123) {
        // `$${` and `%%{` are the literal `${` and `%{`.
        literal += text[p] + '{';
        p += 3;
        continue;
      }
      if ((c === 36 || c === 37) && text.charCodeAt(p + 1) === 123) {
        const sequenceStart = p;
        let q = p + 2;
        const stripLeft = text.charCodeAt(q) === 126;
        if (stripLeft) q++;
        flush(p);
        if (stripLeft) stripPrevious();
        this.pos = q;
        this.pushNewlines(true);
        this.advance();
        if (c === 36) {
          const expr = this.parseExpression();
          const stripRight = this.closeSequence('interpolation', sequenceStart);
          parts.push({ type: 'interpolation', expr, start: sequenceStart, end: this.pos });
          stripNext = stripRight;
        } else {
          const directive = this.parseDirective(mode, sequenceStart, openedAt);
          if (directive.stop) {
            this.pos = directive.end;
            return { parts, stop: directive.stop };
          }
          parts.push(directive.part!);
          stripNext = directive.stripRight;
        }
        p = this.pos;
        literalStart = p;
        continue;
      }
      literal += text[p];
      p++;
      this.work++;
      if (c === 10 || (c === 13 && text.charCodeAt(p) !== 10)) lineStart = true;
    }
  }

  /** At `}` or `~}` ending an interpolation or directive: consumes it (no token after it). True for `~}`. */
  private closeSequence(what: string, sequenceStart: number): boolean {
    if (!this.is('}') && !this.is('~}')) this.fail(`expected '}' to close the ${what} opened on line ${this.lineOf(sequenceStart)}, found ${this.describe()}`);
    const strip = this.value === '~}';
    this.popNewlines();
    this.pos = this.end;
    return strip;
  }

  private parseDirective(
    mode: 'quoted' | 'heredoc',
    sequenceStart: number,
    openedAt: number,
  ): { part?: TemplatePart; stop?: string; end: number; stripRight: boolean } {
    if (this.kind !== T.Ident) this.fail(`expected if, for, else, endif or endfor after '%{', found ${this.describe()}`);
    const keyword = this.value;
    if (keyword === 'else' || keyword === 'endif' || keyword === 'endfor') {
      this.advance();
      const stripRight = this.closeSequence(`%{ ${keyword} }`, sequenceStart);
      return { stop: keyword, end: this.pos, stripRight };
    }
    if (keyword === 'if') {
      this.advance();
      const condition = this.parseExpression();
      this.closeSequence('%{ if }', sequenceStart);
      const then = this.templateParts(mode, openedAt);
      let otherwise: TemplatePart[] | undefined;
      let stop = then.stop;
      if (stop === 'else') {
        const rest = this.templateParts(mode, openedAt);
        otherwise = rest.parts;
        stop = rest.stop;
      }
      if (stop !== 'endif') this.error(sequenceStart, this.pos, "expected '%{ endif }' to close this '%{ if }'");
      return { part: { type: 'if', condition, then: mergeText(then.parts), else: otherwise && mergeText(otherwise), start: sequenceStart, end: this.pos }, end: this.pos, stripRight: false };
    }
    if (keyword === 'for') {
      this.advance();
      let keyVar: string | undefined;
      if (this.kind !== T.Ident) this.fail(`expected a variable name after 'for', found ${this.describe()}`);
      let valueVar = this.value;
      this.advance();
      if (this.is(',')) {
        this.advance();
        if (this.kind !== T.Ident) this.fail(`expected a variable name after ',', found ${this.describe()}`);
        keyVar = valueVar;
        valueVar = this.value;
        this.advance();
      }
      if (!this.isIdent('in')) this.fail(`expected 'in' in the template for directive, found ${this.describe()}`);
      this.advance();
      const collection = this.parseExpression();
      this.closeSequence('%{ for }', sequenceStart);
      const body = this.templateParts(mode, openedAt);
      if (body.stop !== 'endfor') this.error(sequenceStart, this.pos, "expected '%{ endfor }' to close this '%{ for }'");
      return { part: { type: 'for', keyVar, valueVar, collection, body: mergeText(body.parts), start: sequenceStart, end: this.pos }, end: this.pos, stripRight: false };
    }
    this.fail(`expected if, for, else, endif or endfor after '%{', found '${keyword}'`);
  }

  private escape(p: number): { value: string; end: number } {
    const text = this.text;
    const c = text[p + 1];
    switch (c) {
      case 'n':
        return { value: '\n', end: p + 2 };
      case 'r':
        return { value: '\r', end: p + 2 };
      case 't':
        return { value: '\t', end: p + 2 };
      case '"':
        return { value: '"', end: p + 2 };
      case '\\':
        return { value: '\\', end: p + 2 };
      case 'u':
      case 'U': {
        const length = c === 'u' ? 4 : 8;
        const hex = text.slice(p + 2, p + 2 + length);
        if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === length) {
          const code = parseInt(hex, 16);
          if (code <= 0x10ffff) return { value: String.fromCodePoint(code), end: p + 2 + length };
        }
        break;
      }
    }
    this.error(p, Math.min(p + 2, text.length), `invalid escape sequence '\\${c ?? ''}': use \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN`);
    return { value: c ?? '', end: Math.min(p + 2, text.length) };
  }
}

/** Adjacent text parts become one (strip markers and escapes leave several). */
function mergeText(parts: TemplatePart[]): TemplatePart[] {
  const out: TemplatePart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + part.value, start: last.start, end: part.end };
    else out.push(part);
  }
  return out;
}

/** `<<-` heredocs: the smallest indentation of the lines is removed from every line. */
function dedent(parts: TemplatePart[]): TemplatePart[] {
  let min = Infinity;
  let atLineStart = true;
  for (const part of parts) {
    if (part.type !== 'text') {
      if (atLineStart) min = 0;
      atLineStart = false;
      continue;
    }
    const lines = part.value.split('\n');
    lines.forEach((line, index) => {
      if (index > 0) atLineStart = true;
      if (!atLineStart) return;
      const isLast = index === lines.length - 1;
      // An empty line (or the rest of a line before an interpolation) decides nothing unless it has content.
      const indent = /^[ \t]*/.exec(line)![0].length;
      if (indent < line.length || (isLast && parts.indexOf(part) < parts.length - 1)) min = Math.min(min, indent);
      atLineStart = false;
    });
  }
  if (!Number.isFinite(min) || min === 0) return parts;
  atLineStart = true;
  return parts.map((part) => {
    if (part.type !== 'text') {
      atLineStart = false;
      return part;
    }
    const lines = part.value.split('\n').map((line, index) => {
      const leading = index > 0 || atLineStart;
      return leading ? line.replace(new RegExp(`^[ \\t]{0,${min}}`), '') : line;
    });
    atLineStart = part.value.endsWith('\n');
    return { ...part, value: lines.join('\n') };
  });
}
