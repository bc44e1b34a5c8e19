// The Bicep lexer: text → significant tokens, with whitespace, newlines, comments and directives kept as trivia
// between them (every token knows where its leading trivia starts, so the token stream reproduces the file).
//
// One pass, no backtracking: each character is looked at a bounded number of times. String interpolation
// (`'a${b}c'`) is lexed the way the Bicep compiler does it: `'a${` is a left piece, the tokens of `b` follow, and
// the `}` that closes the hole (tracked with a brace-depth stack) starts the `}c'` right piece.

import type { Comment, Directive, Token, TokenKind } from './syntax';
import { SourceText, Spanned } from './source-text';

/** Token kind codes, in the order of TOKEN_KINDS. */
export const enum TK {
  Eof = 0,
  Identifier = 1,
  True = 2,
  False = 3,
  Null = 4,
  Integer = 5,
  StringComplete = 6,
  StringLeftPiece = 7,
  StringMiddlePiece = 8,
  StringRightPiece = 9,
  MultilineString = 10,
  LBrace = 11,
  RBrace = 12,
  LBracket = 13,
  RBracket = 14,
  LParen = 15,
  RParen = 16,
  Comma = 17,
  Dot = 18,
  DotQuestion = 19,
  ColonColon = 20,
  Colon = 21,
  Question = 22,
  QuestionQuestion = 23,
  Assign = 24,
  Arrow = 25,
  EqEq = 26,
  NotEq = 27,
  EqTilde = 28,
  NotTilde = 29,
  Lt = 30,
  LtEq = 31,
  Gt = 32,
  GtEq = 33,
  AndAnd = 34,
  OrOr = 35,
  Bang = 36,
  Plus = 37,
  Minus = 38,
  Star = 39,
  Slash = 40,
  Percent = 41,
  At = 42,
  Pipe = 43,
  Ellipsis = 44,
  Error = 45,
}

/** Token kinds by code: the lexer stores a byte per token instead of a string. */
export const TOKEN_KINDS: readonly TokenKind[] = [
  'eof', 'identifier', 'true', 'false', 'null', 'integer',
  'stringComplete', 'stringLeftPiece', 'stringMiddlePiece', 'stringRightPiece', 'multilineString',
  '{', '}', '[', ']', '(', ')', ',', '.', '.?', '::', ':', '?', '??', '=', '=>',
  '==', '!=', '=~', '!~', '<', '<=', '>', '>=', '&&', '||', '!', '+', '-', '*', '/', '%', '@', '|', '...', 'error',
];

export const FLAG_NEWLINE_BEFORE = 1;
export const FLAG_UNTERMINATED = 2;

/**
 * The tokens of a file packed in one Int32Array, three ints per token (kind | flags << 8, start, end): a
 * 10,000-line file has ~40,000 tokens and one object each would dominate the parse time in garbage collection.
 * Token objects are made on demand.
 */
export class TokenStream {
  data: Int32Array;
  count = 0;

  constructor(capacity: number) {
    this.data = new Int32Array(capacity * 3);
  }

  push(kindCode: number, start: number, end: number, flags: number): void {
    let i = this.count * 3;
    if (i + 3 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2 + 48);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[i++] = kindCode | (flags << 8);
    this.data[i++] = start;
    this.data[i] = end;
    this.count++;
  }

  kind(i: number): TokenKind {
    return TOKEN_KINDS[this.data[i * 3] & 0xff];
  }

  /** The token object for index `i` (allocated on each call; the parser keeps indices). */
  token(src: SourceText, i: number): Token {
    const d = this.data;
    const j = i * 3;
    return new TokenImpl(src, this.kind(i), d[j + 1], d[j + 2], i > 0 ? d[j - 1] : 0, ((d[j] >> 8) & FLAG_NEWLINE_BEFORE) !== 0);
  }
}

class TokenImpl extends Spanned implements Token {
  constructor(
    src: SourceText,
    readonly kind: TokenKind,
    pos: number,
    end: number,
    readonly fullPos: number,
    readonly newlineBefore: boolean,
  ) {
    super(src, pos, end);
  }

  get text(): string {
    return this.source.text.slice(this.pos, this.end);
  }
}

class CommentImpl extends Spanned implements Comment {
  readonly kind = 'comment' as const;
  constructor(
    src: SourceText,
    readonly style: 'line' | 'block',
    pos: number,
    end: number,
  ) {
    super(src, pos, end);
  }
  get text(): string {
    return this.source.text.slice(this.pos, this.end);
  }
  get body(): string {
    const t = this.text;
    return (this.style === 'line' ? t.slice(2) : t.slice(2, t.endsWith('*/') && t.length >= 4 ? -2 : undefined)).trim();
  }
}

class DirectiveImpl extends Spanned implements Directive {
  readonly kind = 'directive' as const;
  readonly name: string;
  readonly codes: readonly string[];
  constructor(src: SourceText, pos: number, end: number) {
    super(src, pos, end);
    const words = src.text.slice(pos + 1, end).trim().split(/\s+/);
    this.name = words[0] ?? '';
    this.codes = words.slice(1).filter((w) => w.length > 0);
  }
  get text(): string {
    return this.source.text.slice(this.pos, this.end);
  }
}

export const TRIVIA_LINE_COMMENT = 0;
export const TRIVIA_BLOCK_COMMENT = 1;
export const TRIVIA_DIRECTIVE = 2;

/** Comment and Directive objects for the trivia the lexer recorded (made when someone asks for them). */
export function materializeTrivia(src: SourceText, trivia: readonly number[]): { comments: Comment[]; directives: Directive[] } {
  const comments: Comment[] = [];
  const directives: Directive[] = [];
  for (let i = 0; i < trivia.length; i += 3) {
    const kind = trivia[i];
    if (kind === TRIVIA_DIRECTIVE) directives.push(new DirectiveImpl(src, trivia[i + 1], trivia[i + 2]));
    else comments.push(new CommentImpl(src, kind === TRIVIA_LINE_COMMENT ? 'line' : 'block', trivia[i + 1], trivia[i + 2]));
  }
  return { comments, directives };
}

/** What a lexer diagnostic is about: its message is written when it is reported (see LexDiagnostics). */
export const enum LexError {
  /** An unclosed comment or multi-line string: whether it closes depends on all the text after it. */
  UnterminatedComment = 0,
  UnterminatedMultiline = 1,
  UnterminatedString = 2,
  /** A string ended by the line break while a `${` earlier on the line is still open. */
  UnclosedHole = 3,
  Ampersand = 4,
  Hash = 5,
  UnexpectedCharacter = 6,
}

/**
 * The lexer's diagnostics, three ints each (kind, start, end) in one growing Int32Array, in position order.
 * Messages are written only for the few that are reported (MAX_SYNTAX_ERRORS): a 1 MB file of stray characters
 * has a million, and an object and a message string each made lexing it take most of a second. All of them are
 * kept, not only the first ones, because reparseBicep moves them into the next version of the file.
 */
export class LexDiagnostics {
  private data = new Int32Array(48);
  length = 0;

  push(kind: LexError, pos: number, end: number): void {
    let i = this.length * 3;
    if (i + 3 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[i++] = kind;
    this.data[i++] = pos;
    this.data[i] = end;
    this.length++;
  }

  pos(i: number): number {
    return this.data[i * 3 + 1];
  }

  end(i: number): number {
    return this.data[i * 3 + 2];
  }

  /** An unclosed comment or multi-line string: whether it closes depends on all the text after it. */
  unbounded(i: number): boolean {
    const kind = this.data[i * 3];
    return kind === LexError.UnterminatedComment || kind === LexError.UnterminatedMultiline;
  }

  /** The message of diagnostic `i` of the file whose text is `text`. */
  message(i: number, text: string): string {
    switch (this.data[i * 3] as LexError) {
      case LexError.UnterminatedComment:
        return "unterminated comment: add '*/' to close the comment";
      case LexError.UnterminatedMultiline:
        return "unterminated multi-line string: add ''' to close it";
      case LexError.UnterminatedString:
        return "unterminated string: add a closing ' before the end of the line";
      case LexError.UnclosedHole:
        return "unterminated string: a '${' earlier on the line is not closed with '}'";
      case LexError.Ampersand:
        return "unexpected '&': did you mean '&&'?";
      case LexError.Hash:
        return "unexpected '#': directives are written '#disable-next-line <code>'";
      default:
        return `unexpected character '${text.slice(this.pos(i), this.end(i))}'`;
    }
  }

  /** Drops the diagnostics that start at or after `pos` (the last ones). */
  dropFrom(pos: number): void {
    while (this.length > 0 && this.pos(this.length - 1) >= pos) this.length--;
  }

  /** The diagnostics that start before `pos`. */
  before(pos: number): LexDiagnostics {
    let n = 0;
    while (n < this.length && this.pos(n) < pos) n++;
    const out = new LexDiagnostics();
    out.data = this.data.slice(0, Math.max(48, n * 3));
    out.length = n;
    return out;
  }

  /** Appends `from`'s diagnostics that start at or after `pos`, moved by `shift`. */
  appendMoved(from: LexDiagnostics, pos: number, shift: number): void {
    for (let i = 0; i < from.length; i++) {
      if (from.pos(i) >= pos) this.push(from.data[i * 3], from.pos(i) + shift, from.end(i) + shift);
    }
  }

  /** Whether an unbounded diagnostic starts before `pos`. */
  unboundedBefore(pos: number): boolean {
    for (let i = 0; i < this.length && this.pos(i) < pos; i++) if (this.unbounded(i)) return true;
    return false;
  }
}

export interface LexResult {
  readonly tokens: TokenStream;
  /** Comments and directives as (kind, start, end) triples: TRIVIA_LINE_COMMENT, TRIVIA_BLOCK_COMMENT, TRIVIA_DIRECTIVE. */
  readonly trivia: number[];
  readonly diagnostics: LexDiagnostics;
}

const enum Ch {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
  Bang = 33,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Amp = 38,
  Quote = 39,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  D0 = 48,
  D9 = 57,
  Colon = 58,
  Lt = 60,
  Eq = 61,
  Gt = 62,
  Question = 63,
  At = 64,
  A = 65,
  Z = 90,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Underscore = 95,
  a = 97,
  z = 122,
  LBrace = 123,
  Pipe = 124,
  RBrace = 125,
  Tilde = 126,
  BOM = 0xfeff,
  NBSP = 0xa0,
}

function isIdentStart(c: number): boolean {
  return (c >= Ch.a && c <= Ch.z) || (c >= Ch.A && c <= Ch.Z) || c === Ch.Underscore;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= Ch.D0 && c <= Ch.D9);
}

export function lex(src: SourceText): LexResult {
  const result: LexResult = { tokens: new TokenStream((src.text.length >> 3) + 16), trivia: [], diagnostics: new LexDiagnostics() };
  lexInto(src.text, 0, result, undefined);
  return result;
}

/**
 * Called before each token that starts a line (where the lexer is in its initial state): true stops the lexer
 * before that token, because the caller knows the rest (relex.ts).
 */
export type LexStop = (pos: number, end: number, code: number) => boolean;

/**
 * Lexes `text` from `start`, appending to `out`. `start` must be where the lexer is in its initial state: 0, or
 * the end of a token followed by a line break. Returns whether `stop` ended it early.
 */
export function lexInto(text: string, start: number, out: LexResult, stop: LexStop | undefined): boolean {
  const len = text.length;
  const { tokens, trivia, diagnostics } = out;
  /** One entry per open interpolation hole: how many `{` are open inside it. */
  const holes: number[] = [];
  let i = start;

  while (true) {
    // Trivia.
    let newline = false;
    while (i < len) {
      const c = text.charCodeAt(i);
      if (c === Ch.Space || c === Ch.Tab || c === Ch.BOM || c === Ch.NBSP) {
        i++;
      } else if (c === Ch.LF || c === Ch.CR) {
        newline = true;
        i++;
        // Strings cannot span lines, so neither can an interpolation hole: a line break closes any left open
        // (keeps one unterminated `${` from swallowing the rest of the file).
        if (holes.length > 0) holes.length = 0;
      } else if (c === Ch.Slash && text.charCodeAt(i + 1) === Ch.Slash) {
        const start = i;
        i += 2;
        while (i < len) {
          const d = text.charCodeAt(i);
          if (d === Ch.LF || d === Ch.CR) break;
          i++;
        }
        trivia.push(TRIVIA_LINE_COMMENT, start, i);
      } else if (c === Ch.Slash && text.charCodeAt(i + 1) === Ch.Star) {
        const start = i;
        const close = text.indexOf('*/', i + 2);
        if (close < 0) {
          // Treat only the rest of the line as the comment, so the code below still parses while the user types.
          i = endOfLine(text, i + 2);
          diagnostics.push(LexError.UnterminatedComment, start, start + 2);
        } else {
          i = close + 2;
        }
        trivia.push(TRIVIA_BLOCK_COMMENT, start, i);
      } else if (c === Ch.Hash && isIdentStart(text.charCodeAt(i + 1))) {
        const start = i;
        while (i < len) {
          const d = text.charCodeAt(i);
          if (d === Ch.LF || d === Ch.CR) break;
          i++;
        }
        // A trailing `// comment` is not part of the directive's code list.
        const slash = text.indexOf('//', start);
        const end = slash >= 0 && slash < i ? slash : i;
        let trimmed = end;
        while (trimmed > start && (text.charCodeAt(trimmed - 1) === Ch.Space || text.charCodeAt(trimmed - 1) === Ch.Tab)) trimmed--;
        trivia.push(TRIVIA_DIRECTIVE, start, trimmed);
        if (end < i) trivia.push(TRIVIA_LINE_COMMENT, end, i);
      } else {
        break;
      }
    }

    if (i >= len) {
      tokens.push(0, len, len, newline ? FLAG_NEWLINE_BEFORE : 0);
      return false;
    }

    const start = i;
    const c = text.charCodeAt(i);
    let kind: TK;
    let unterminated = false;

    if (isIdentStart(c)) {
      i++;
      while (i < len && isIdentPart(text.charCodeAt(i))) i++;
      kind = TK.Identifier;
      const n = i - start;
      // true/false/null without slicing a string for every short identifier.
      if (n === 4 || n === 5) {
        if (n === 4 && text.startsWith('true', start)) kind = TK.True;
        else if (n === 4 && text.startsWith('null', start)) kind = TK.Null;
        else if (n === 5 && text.startsWith('false', start)) kind = TK.False;
      }
    } else if (c >= Ch.D0 && c <= Ch.D9) {
      i++;
      while (i < len) {
        const d = text.charCodeAt(i);
        if (d < Ch.D0 || d > Ch.D9) break;
        i++;
      }
      kind = TK.Integer;
    } else if (c === Ch.Quote) {
      if (text.charCodeAt(i + 1) === Ch.Quote && text.charCodeAt(i + 2) === Ch.Quote) {
        const close = text.indexOf("'''", i + 3);
        if (close < 0) {
          // As for comments: end it at the line end so the declarations below survive.
          i = endOfLine(text, i + 3);
          unterminated = true;
          diagnostics.push(LexError.UnterminatedMultiline, start, start + 3);
        } else {
          // `''''` closes on the last three quotes: a quote may end the content.
          let j = close + 3;
          while (text.charCodeAt(j) === Ch.Quote) j++;
          i = j;
        }
        kind = TK.MultilineString;
      } else {
        const r = scanStringBody(text, i + 1);
        i = r.end;
        unterminated = r.unterminated;
        if (r.hole) {
          holes.push(0);
          kind = TK.StringLeftPiece;
        } else kind = TK.StringComplete;
        if (unterminated) {
          diagnostics.push(holes.length > 0 && !r.hole ? LexError.UnclosedHole : LexError.UnterminatedString, start, i);
        }
      }
    } else if (c === Ch.RBrace && holes.length > 0 && holes[holes.length - 1] === 0) {
      // The `}` closing an interpolation hole: the string goes on.
      const r = scanStringBody(text, i + 1);
      i = r.end;
      unterminated = r.unterminated;
      if (r.hole) kind = TK.StringMiddlePiece;
      else {
        holes.pop();
        kind = TK.StringRightPiece;
      }
      if (unterminated) {
        diagnostics.push(LexError.UnterminatedString, start, i);
      }
    } else {
      const next = text.charCodeAt(i + 1);
      i++;
      switch (c) {
        case Ch.LBrace:
          kind = TK.LBrace;
          if (holes.length > 0) holes[holes.length - 1]++;
          break;
        case Ch.RBrace:
          kind = TK.RBrace;
          if (holes.length > 0) holes[holes.length - 1]--;
          break;
        case Ch.LBracket: kind = TK.LBracket; break;
        case Ch.RBracket: kind = TK.RBracket; break;
        case Ch.LParen: kind = TK.LParen; break;
        case Ch.RParen: kind = TK.RParen; break;
        case Ch.Comma: kind = TK.Comma; break;
        case Ch.At: kind = TK.At; break;
        case Ch.Plus: kind = TK.Plus; break;
        case Ch.Minus: kind = TK.Minus; break;
        case Ch.Star: kind = TK.Star; break;
        case Ch.Slash: kind = TK.Slash; break;
        case Ch.Percent: kind = TK.Percent; break;
        case Ch.Dot:
          if (next === Ch.Dot && text.charCodeAt(i + 1) === Ch.Dot) { kind = TK.Ellipsis; i += 2; }
          else if (next === Ch.Question) { kind = TK.DotQuestion; i++; }
          else kind = TK.Dot;
          break;
        case Ch.Colon:
          if (next === Ch.Colon) { kind = TK.ColonColon; i++; } else kind = TK.Colon;
          break;
        case Ch.Question:
          if (next === Ch.Question) { kind = TK.QuestionQuestion; i++; } else kind = TK.Question;
          break;
        case Ch.Eq:
          if (next === Ch.Eq) { kind = TK.EqEq; i++; }
          else if (next === Ch.Tilde) { kind = TK.EqTilde; i++; }
          else if (next === Ch.Gt) { kind = TK.Arrow; i++; }
          else kind = TK.Assign;
          break;
        case Ch.Bang:
          if (next === Ch.Eq) { kind = TK.NotEq; i++; }
          else if (next === Ch.Tilde) { kind = TK.NotTilde; i++; }
          else kind = TK.Bang;
          break;
        case Ch.Lt:
          if (next === Ch.Eq) { kind = TK.LtEq; i++; } else kind = TK.Lt;
          break;
        case Ch.Gt:
          if (next === Ch.Eq) { kind = TK.GtEq; i++; } else kind = TK.Gt;
          break;
        case Ch.Amp:
          if (next === Ch.Amp) { kind = TK.AndAnd; i++; }
          else {
            kind = TK.Error;
            diagnostics.push(LexError.Ampersand, start, i);
          }
          break;
        case Ch.Pipe:
          if (next === Ch.Pipe) { kind = TK.OrOr; i++; } else kind = TK.Pipe;
          break;
        default: {
          // Keep surrogate pairs together so a range never splits a character.
          if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
          kind = TK.Error;
          diagnostics.push(c === Ch.Hash ? LexError.Hash : LexError.UnexpectedCharacter, start, i);
        }
      }
    }
    const flags = (newline ? FLAG_NEWLINE_BEFORE : 0) | (unterminated ? FLAG_UNTERMINATED : 0);
    if (newline && stop !== undefined && stop(start, i, kind | (flags << 8))) {
      // The caller has this token and the rest: drop what was reported for this token.
      diagnostics.dropFrom(start);
      return true;
    }
    tokens.push(kind, start, i, flags);
  }
}

function endOfLine(text: string, i: number): number {
  const len = text.length;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === Ch.LF || c === Ch.CR) return i;
    i++;
  }
  return len;
}

/**
 * Scans the inside of a single-quoted string from `i` (just after `'` or `}`) to the closing `'` or the next
 * `${`. Strings end at a line break: an unterminated string stops there so the next line lexes normally.
 */
function scanStringBody(text: string, i: number): { end: number; hole: boolean; unterminated: boolean } {
  const len = text.length;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === Ch.Quote) return { end: i + 1, hole: false, unterminated: false };
    if (c === Ch.Backslash) {
      const d = text.charCodeAt(i + 1);
      if (d === Ch.LF || d === Ch.CR || i + 1 >= len) return { end: i + 1, hole: false, unterminated: true };
      i += 2;
      continue;
    }
    if (c === Ch.Dollar && text.charCodeAt(i + 1) === Ch.LBrace) return { end: i + 2, hole: true, unterminated: false };
    if (c === Ch.LF || c === Ch.CR) return { end: i, hole: false, unterminated: true };
    i++;
  }
  return { end: len, hole: false, unterminated: true };
}

/** Decodes the escapes of a string piece's content (`\\`, `\'`, `\n`, `\r`, `\t`, `\$`, `\u{…}`). */
export function decodeEscapes(raw: string, onInvalid?: (offsetInRaw: number, length: number, message: string) => void): string {
  if (raw.indexOf('\\') < 0) return raw;
  let out = '';
  let last = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) !== Ch.Backslash) continue;
    out += raw.slice(last, i);
    const d = raw[i + 1];
    let consumed = 2;
    switch (d) {
      case '\\': out += '\\'; break;
      case "'": out += "'"; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case '$': out += '$'; break;
      case 'u': {
        const m = /^u\{([0-9a-fA-F]{1,6})\}/.exec(raw.slice(i + 1, i + 11));
        const cp = m ? parseInt(m[1], 16) : NaN;
        if (m && cp <= 0x10ffff) {
          out += String.fromCodePoint(cp);
          consumed = 1 + m[0].length;
        } else {
          onInvalid?.(i, 2, "invalid unicode escape: write it as '\\u{1F600}'");
          out += '\\u';
        }
        break;
      }
      default:
        onInvalid?.(i, d === undefined ? 1 : 2, `unknown escape '\\${d ?? ''}': use \\\\, \\', \\n, \\r, \\t, \\$ or \\u{…}`);
        out += d ?? '';
    }
    i += consumed - 1;
    last = i + 1;
  }
  return out + raw.slice(last);
}
