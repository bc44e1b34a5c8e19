// The Bicep parser: a hand-written recursive-descent parser over the tokens of lexer.ts.
//
// Why by hand and not tree-sitter-bicep (1.1.0, the obvious library), measured on this project's machines:
//   - it reports syntax errors in 18% of a corpus of 2,330 real-world Bicep modules: it does not know
//     `#disable-next-line`, `resourceInput<>`, `import`, typed `var`, or the `!` operator;
//   - its parse time grows quadratically with member-access expressions such as `redis.id`, which every private
//     endpoint has: a file of private-endpoint declarations takes 66 ms at 1,600 lines, 259 ms at 3,200 lines
//     and 5.2 s at 12,800 lines (native build; the WASM build is slower).
// We parse on every keystroke, so the parser must accept all current Bicep and stay linear. This one does (see
// bench/parser.mjs and notes/parser.md for its numbers against tree-sitter-bicep in the same run).
//
// Linear by construction: every loop consumes a token or stops, there is no backtracking, and the one place
// that needs to look ahead, `(a, b) => …` versus `(a)`, parses the parenthesised list once and reinterprets it
// as lambda parameters when `=>` follows.
//
// Newlines are significant in Bicep: a declaration ends at the end of its line, and object and array items are
// separated by newlines or commas. The lexer records a newline as a flag on the next token (`newlineBefore`).
//
// Error recovery: a syntax error becomes one diagnostic (never a cascade at the same place); an unclosed `{`, `[`
// or `(` is closed when a line starts with something that can only be a new declaration; an unreadable line is
// skipped (bracket-aware) so the declarations after it are still in the tree. `parseBicep` never throws.

import type {
  ArrayExpression,
  BicepFile,
  BinaryOperator,
  Comment,
  Directive,
  Decorator,
  DeclarationBody,
  Expression,
  ForExpression,
  FunctionParameter,
  Identifier,
  IfExpression,
  ImportedSymbol,
  IntegerLiteral,
  MissingExpression,
  ObjectExpression,
  ObjectMember,
  ObjectProperty,
  ObjectTypeAdditionalProperties,
  ObjectTypeProperty,
  ParseDiagnostic,
  ResourceDeclaration,
  SpreadExpression,
  Statement,
  StringLiteral,
  SyntaxNode,
  Token,
  TokenKind,
  TupleTypeItem,
  TypeExpression,
} from './syntax';
import { SourceText, Spanned } from './source-text';
import { FLAG_NEWLINE_BEFORE, FLAG_UNTERMINATED, LexDiagnostics, TK, TOKEN_KINDS, TokenStream, decodeEscapes, lex, materializeTrivia } from './lexer';
import type { LexResult } from './lexer';
import { reusableUnits, type ReusableUnit } from './reuse';
import { relex, type TokenEdit } from './relex';
import type { FileSpan, Range } from '../../graph/types';
import { MAX_SYNTAX_ERRORS } from '../syntax-errors';

export type { ParseDiagnostic } from './syntax';

export interface ParseOptions {
  /** Used to tell .bicepparam files from .bicep files (and kept on the tree). */
  readonly fileName?: string;
}

export interface ParseResult {
  readonly syntax: BicepFile;
  /** The first MAX_SYNTAX_ERRORS diagnostics by position (syntax-errors.ts). */
  readonly diagnostics: ParseDiagnostic[];
  /** How many more were found and not kept. */
  readonly omittedDiagnostics?: number;
  /** Units of parser work done (loop iterations + nodes built): for the linearity tests, not for callers. */
  readonly work: number;
}

export function parseBicep(text: string, options: ParseOptions = {}): ParseResult {
  return parseWithReuse(text, options.fileName, undefined);
}

/**
 * The tree of a file checked once and then only evaluated (a one-shot analysis): the statements `evaluated` keeps,
 * without their decorators (evaluation never reads one), and without the units incremental re-parsing keeps. A
 * module file's tree is kept while its callers are evaluated and so outlives two collections of the young
 * generation; the parts dropped here die young instead of being copied to the old one. Consumes `syntax`: its
 * statements lose their decorators.
 */
export function evaluationTree(syntax: BicepFile, evaluated: (statement: Statement) => boolean): BicepFile {
  const internals = BicepFileImpl.internals(syntax);
  if (!internals) return syntax;
  const kept: Statement[] = [];
  for (const statement of syntax.statements) {
    if (!evaluated(statement)) continue;
    if (statement.decorators.length > 0) (statement as { decorators: readonly Decorator[] }).decorators = EMPTY;
    kept.push(statement);
  }
  return new BicepFileImpl(internals.src, internals.lexed, syntax.fileName, syntax.isParamsFile, kept, undefined);
}

/** A file lexed and not parsed yet: its tokens tell what it names (module-scan.ts) and are parsed later as they are. */
export interface LexedBicep {
  readonly text: string;
  readonly fileName: string | undefined;
  readonly tokens: TokenStream;
  /** @internal what parseLexed hands to the parser */
  readonly src: SourceText;
  /** @internal */
  readonly lexed: LexResult;
}

export function lexBicep(text: string, options: ParseOptions = {}): LexedBicep {
  const src = new SourceText(text, options.fileName);
  const lexed = lex(src);
  return { text, fileName: options.fileName, tokens: lexed.tokens, src, lexed };
}

/** Parses a lexed file without lexing it again; equals `parseBicep(file.text, { fileName: file.fileName })`. */
export function parseLexed(file: LexedBicep): ParseResult {
  return parseWithReuse(file.text, file.fileName, undefined, file);
}

/**
 * Parses a lexed file for a one-shot analysis: the same diagnostics as parseLexed, but a decorator whose parse
 * could report nothing (`@description('…')` without escapes, `@minLength(3)`, `@secure()`, on one line) is
 * consumed without building its nodes. Evaluation never reads decorators (evaluation-tree.ts drops the others),
 * and they are a fifth of an Azure Verified Module's characters. Checked against parseLexed on every corpus file
 * and on random texts (test/unit/bicep-parser/plain-decorators.test.ts).
 */
export function parseLexedForEvaluation(file: LexedBicep): ParseResult {
  return parseWithReuse(file.text, file.fileName, undefined, file, true);
}

/**
 * Parses `text`, a new version of the file `previous` was parsed from, reusing every top-level unit (statement)
 * the edit did not touch: units after the edit keep their nodes and move (see Segment), so a keystroke in a
 * 10,000-line file builds one statement's nodes instead of all of them. The result equals `parseBicep(text)`
 * (test/unit/bicep-parser/reparse.test.ts checks this on random edits of the whole corpus).
 *
 * `previous` is consumed: its reused statements now describe `text` (their offsets, ranges and keyword tokens
 * follow the newest version), so callers keep only the newest result of a file, as the parse cache does.
 */
export function reparseBicep(previous: ParseResult, text: string, options: ParseOptions = {}): ParseResult {
  const old = BicepFileImpl.internals(previous.syntax);
  if (old === undefined || previous.syntax.fileName !== options.fileName) return parseBicep(text, options);
  return parseWithReuse(text, options.fileName, old);
}

function parseWithReuse(text: string, fileName: string | undefined, previous: FileInternals | undefined, lexedBefore?: LexedBicep, skipPlainDecorators = false): ParseResult {
  const src = lexedBefore?.src ?? new SourceText(text, fileName);
  try {
    return new Parser(src, fileName, previous, lexedBefore?.lexed, skipPlainDecorators).parseFile();
  } catch (error) {
    // A bug, not bad input: keep the editor alive and say so loudly (tests assert this never appears).
    const file = new BicepFileImpl(src, { tokens: new TokenStream(0), trivia: [], diagnostics: new LexDiagnostics() }, fileName, isParamsFileName(fileName), [], undefined);
    return {
      syntax: file,
      diagnostics: [new DiagnosticImpl(src, `internal parser error: ${String(error)}`, 0, 0)],
      work: 0,
    };
  }
}

/** The value of a `'''…'''` token: the line break right after the opening ''' is not part of it (as in Bicep). */
function multilineContent(text: string, pos: number, end: number, unterminated: boolean): string {
  const content = text.slice(pos + 3, unterminated ? end : end - 3);
  if (content.startsWith('\r\n')) return content.slice(2);
  return content.startsWith('\n') ? content.slice(1) : content;
}

/**
 * The value of token `t` when it is a whole string (`'…'` or `'''…'''`), as parseString reads it; undefined for
 * other tokens, interpolated pieces included.
 */
export function stringTokenValue(text: string, tokens: TokenStream, t: number): string | undefined {
  const d = tokens.data;
  const code = d[t * 3] & 0xff;
  const unterminated = ((d[t * 3] >> 8) & FLAG_UNTERMINATED) !== 0;
  const pos = d[t * 3 + 1];
  const end = d[t * 3 + 2];
  if (code === TK.MultilineString) return multilineContent(text, pos, end, unterminated);
  if (code !== TK.StringComplete) return undefined;
  const raw = text.slice(pos + 1, unterminated ? end : end - 1);
  return raw.indexOf('\\') < 0 ? raw : decodeEscapes(raw);
}

function isParamsFileName(fileName: string | undefined): boolean {
  return fileName !== undefined && fileName.toLowerCase().endsWith('.bicepparam');
}

/**
 * What one top-level unit of the tree (a statement, or a stray token the parser skipped) is anchored to. Nodes
 * keep offsets relative to `base`, so when an edit moves a unit without changing it, `reparseBicep` reuses its
 * nodes by moving the segment: one store instead of a new subtree. `src`, `stream` and `firstToken` likewise
 * follow the unit into the newest version of the file (for ranges, the file name and the keyword tokens).
 */
class Segment {
  /** Names the unit refers to (identifiers in expression position, function names included): see statementReferences. */
  refs: readonly string[] = EMPTY;

  constructor(
    public src: SourceText,
    public base: number,
    public stream: TokenStream,
    public firstToken: number,
  ) {}
}

/**
 * Every syntax node. Deliberately not a subclass of Spanned: one class whose constructor only ever sees its own
 * instances keeps V8's property stores monomorphic (a shared base class made field initialisation megamorphic
 * and cost 45% of the parse time). Fields of each kind are added by `Parser.node`.
 */
class NodeImpl {
  #seg: Segment;
  #pos: number;
  #end: number;
  readonly kind: string;

  constructor(seg: Segment, kind: string, pos: number, end: number) {
    this.#seg = seg;
    this.#pos = pos - seg.base;
    this.#end = end - seg.base;
    this.kind = kind;
  }

  get pos(): number {
    return this.#pos + this.#seg.base;
  }

  get end(): number {
    return this.#end + this.#seg.base;
  }

  /** Computed on each read, not cached: a cached range would go stale when the unit moves (see Segment). */
  get range(): Range {
    return this.#seg.src.rangeOf(this.#pos + this.#seg.base, this.#end + this.#seg.base);
  }

  /**
   * The parsed file's name: with `range`, a node is a span (`FileSpan`) of its own text, so the evaluator uses
   * nodes as the spans of its values instead of allocating a span object per value. Not part of syntax.ts.
   */
  get file(): string | undefined {
    return this.#seg.src.fileName;
  }

  static segmentOf(node: object): Segment | undefined {
    return #seg in node ? (node as NodeImpl).#seg : undefined;
  }
}

/**
 * Slots on object and array literals that the evaluator fills, so that what it derives from a node lives exactly
 * as long as the node (and moves with it when reparseBicep reuses a statement). WeakMaps keyed by nodes did this
 * before: V8's young-generation collector kept the entries of dead trees alive through them and copied them to
 * the old generation, a quarter of what a lint of the AVM corpus promoted (docs/design-notes/performance.md).
 * Always present on nodes this parser builds (set to undefined), so that each kind keeps one hidden class.
 * Not part of syntax.ts.
 */
export interface EvaluationSlots {
  /** The literal's value when it depends on nothing but its own syntax (eval-expr.ts). */
  literalValue: unknown;
  /** An object literal's written keys with their value expressions, null when not all are written (eval-arguments.ts). */
  writtenKeys: unknown;
}

/** The evaluator's slots of an object or array literal (on a node not built by this parser: plain properties). */
export function evaluationSlots(node: ObjectExpression | ArrayExpression): EvaluationSlots {
  return node as unknown as EvaluationSlots;
}

/**
 * The names a top-level statement refers to: every identifier the parser read as an expression (symbols, loop
 * variables, function names), not declaration names, property keys or member names. What the evaluator can look
 * up for this statement is among them. Undefined for nodes that are not top-level statements of a parsed file.
 */
export function statementReferences(statement: Statement): readonly string[] | undefined {
  const seg = NodeImpl.segmentOf(statement);
  return seg && seg.base === statement.pos ? seg.refs : undefined;
}

/**
 * Identifiers are a third of all nodes and need one field besides the common ones: their own class keeps them
 * smaller than NodeImpl (V8 sizes a class's instances for the largest kind built with it), so a 10,000-line tree
 * is a quarter of a megabyte smaller for the scavenger to copy.
 */
class IdentifierImpl {
  #seg: Segment;
  #pos: number;
  #end: number;
  readonly kind: 'identifier';
  readonly name: string;

  constructor(seg: Segment, pos: number, end: number, name: string) {
    this.#seg = seg;
    this.#pos = pos - seg.base;
    this.#end = end - seg.base;
    this.kind = 'identifier';
    this.name = name;
  }

  get pos(): number {
    return this.#pos + this.#seg.base;
  }

  get end(): number {
    return this.#end + this.#seg.base;
  }

  /** As NodeImpl.range. */
  get range(): Range {
    return this.#seg.src.rangeOf(this.#pos + this.#seg.base, this.#end + this.#seg.base);
  }

  /** As NodeImpl.file. */
  get file(): string | undefined {
    return this.#seg.src.fileName;
  }

  static segmentOf(node: object): Segment | undefined {
    return #seg in node ? (node as IdentifierImpl).#seg : undefined;
  }
}

/** Where a syntax node was, in its file's text, without the node (see detachedSpan). */
class OffsetSpan extends Spanned implements FileSpan {
  constructor(
    src: SourceText,
    pos: number,
    end: number,
    readonly file: string,
  ) {
    super(src, pos, end);
  }
}

/**
 * A span that does not hold the syntax node it was: a syntax node is a span of its own text (NodeImpl.file), and
 * a value whose span is a node keeps the node's whole subtree alive. A one-shot analysis gives these to the values
 * its graph keeps, so the graph holds no syntax trees (they were a sixth of what a lint of the AVM corpus copied
 * to the old generation). Any other span is returned as it is.
 */
export function detachedSpan(span: FileSpan): FileSpan {
  const seg = NodeImpl.segmentOf(span) ?? IdentifierImpl.segmentOf(span);
  const fileName = seg?.src.fileName;
  if (!seg || fileName === undefined) return span;
  const node = span as unknown as { readonly pos: number; readonly end: number };
  return new OffsetSpan(seg.src, node.pos, node.end, fileName);
}

/** A declaration's keyword token, read from the token stream of the file version its unit now belongs to. */
class KeywordToken implements Token {
  #seg: Segment;
  #index: number;

  constructor(seg: Segment, index: number) {
    this.#seg = seg;
    this.#index = index - seg.firstToken;
  }

  private get at(): number {
    return (this.#index + this.#seg.firstToken) * 3;
  }

  get kind(): TokenKind {
    return TOKEN_KINDS[this.#seg.stream.data[this.at] & 0xff];
  }

  get pos(): number {
    return this.#seg.stream.data[this.at + 1];
  }

  get end(): number {
    return this.#seg.stream.data[this.at + 2];
  }

  get fullPos(): number {
    const at = this.at;
    return at > 0 ? this.#seg.stream.data[at - 1] : 0;
  }

  get newlineBefore(): boolean {
    return ((this.#seg.stream.data[this.at] >> 8) & FLAG_NEWLINE_BEFORE) !== 0;
  }

  get text(): string {
    return this.#seg.src.text.slice(this.pos, this.end);
  }

  get range(): Range {
    return this.#seg.src.rangeOf(this.pos, this.end);
  }
}

/** A top-level unit as parsed: its segment, its statement (none for a skipped stray token) and its token count. */
interface Unit {
  readonly seg: Segment;
  readonly statement: Statement | undefined;
  readonly tokenCount: number;
  /** Parsed without a diagnostic: only such units are reused, so every diagnostic (whose message may name a line) is fresh. */
  readonly clean: boolean;
}

/** What reparseBicep needs from the previous version of a file. */
interface FileInternals {
  readonly src: SourceText;
  readonly lexed: LexResult;
  readonly units: readonly Unit[];
}

class BicepFileImpl extends Spanned {
  readonly kind = 'file' as const;
  readonly text: string;
  readonly lineStarts: readonly number[];
  #tokens: Token[] | undefined = undefined;
  /** Tokens, trivia and lexer diagnostics: what the getters below and reparseBicep read. */
  #lexed: LexResult;
  #units: readonly Unit[] | undefined;
  #materialized: { comments: Comment[]; directives: Directive[] } | undefined = undefined;

  constructor(
    src: SourceText,
    lexed: LexResult,
    readonly fileName: string | undefined,
    readonly isParamsFile: boolean,
    readonly statements: readonly Statement[],
    units: readonly Unit[] | undefined,
  ) {
    super(src, 0, src.text.length);
    this.text = src.text;
    this.lineStarts = src.lineStarts;
    this.#lexed = lexed;
    this.#units = units;
  }

  static internals(file: BicepFile): FileInternals | undefined {
    if (!(file instanceof BicepFileImpl) || file.#units === undefined) return undefined;
    return { src: file.source, lexed: file.#lexed, units: file.#units };
  }

  get comments(): readonly Comment[] {
    return (this.#materialized ??= materializeTrivia(this.source, this.#lexed.trivia)).comments;
  }

  get directives(): readonly Directive[] {
    return (this.#materialized ??= materializeTrivia(this.source, this.#lexed.trivia)).directives;
  }

  /** Token objects are built on first use: most callers never need them. */
  get tokens(): readonly Token[] {
    if (this.#tokens === undefined) {
      const tokens: Token[] = [];
      const stream = this.#lexed.tokens;
      for (let i = 0; i < stream.count; i++) tokens.push(stream.token(this.source, i));
      this.#tokens = tokens;
    }
    return this.#tokens;
  }
}

class DiagnosticImpl extends Spanned implements ParseDiagnostic {
  readonly severity = 'error' as const;
  constructor(
    src: SourceText,
    readonly message: string,
    pos: number,
    end: number,
  ) {
    super(src, pos, end);
  }
}

type Kind = SyntaxNode['kind'];
type NodeOf<K extends Kind> = Extract<SyntaxNode, { kind: K }>;
type Fields<K extends Kind> = Omit<NodeOf<K>, 'kind' | 'pos' | 'end' | 'range'>;
type Mutable<T> = { -readonly [P in keyof T]: T[P] };

/** Keywords that start a declaration, with what must follow on the same line for it to be one. */
const DECLARATION_KEYWORDS = new Set([
  'targetScope',
  'metadata',
  'param',
  'var',
  'output',
  'resource',
  'module',
  'type',
  'func',
  'import',
  'extension',
  'provider',
  'using',
  'extends',
  'assert',
]);

/** Binary operators and their precedence (higher binds tighter), from the Bicep operator documentation. */
const BINARY_PRECEDENCE: Partial<Record<TokenKind, number>> = {
  '??': 1,
  '||': 2,
  '&&': 3,
  '==': 4,
  '!=': 4,
  '=~': 4,
  '!~': 4,
  '<': 5,
  '<=': 5,
  '>': 5,
  '>=': 5,
  '+': 6,
  '-': 6,
  '*': 7,
  '/': 7,
  '%': 7,
};

/**
 * Operators that may start a continuation line (`cond\n  ? a\n  : b`, `a\n  && b`). `+`, `-`, `!`, `[` and `(`
 * may not: at the start of a line inside an array they begin the next item.
 */
const CONTINUES_ACROSS_NEWLINE = new Set<TokenKind>([
  '.', '.?', '?', ':', '??', '||', '&&', '==', '!=', '=~', '!~', '<', '<=', '>', '>=', '*', '/', '%', '::',
]);

/** Deeper nesting than this is reported instead of risking the JavaScript stack. */
const MAX_DEPTH = 200;

/** Shared empty list (never mutated) so the many empty decorator and child lists cost nothing. */
const EMPTY: readonly never[] = Object.freeze([]);

const CLOSER_OF = { '{': '}', '[': ']', '(': ')' } as const;

/** A token is referred to by its index in the token stream (see lexer.ts: no object per token). */
type Tok = number;

class Parser {
  private readonly text: string;
  private readonly stream: TokenStream;
  /** The packed token data: [kind | flags << 8, start, end] per token. */
  private readonly data: Int32Array;
  private readonly last: number;
  private readonly diagnostics: DiagnosticImpl[] = [];
  /** Parser diagnostics found but not kept (at most MAX_SYNTAX_ERRORS of the lexer's and the parser's each are). */
  private omitted = 0;
  private lexerKept = 0;
  private lastErrorPos = -1;
  /** Errors found, counting those not reported again at the same place: a unit that saw one is never reused. */
  private errorsSeen = 0;
  private p = 0;
  private depth = 0;
  private work = 0;
  private readonly lexed: LexResult;
  /** The segment of the unit being parsed: every node built is anchored to it. */
  private seg: Segment;
  /** How the tokens changed since the previous version (reparseBicep only). */
  private edit: TokenEdit | undefined;
  /** Names the unit being parsed refers to (see Segment.refs). */
  private refs = new Set<string>();

  constructor(
    private readonly src: SourceText,
    private readonly fileName: string | undefined,
    private readonly previous: FileInternals | undefined,
    lexedBefore?: LexResult,
    /** See parseLexedForEvaluation. */
    private readonly skipPlainDecorators = false,
  ) {
    this.text = src.text;
    if (lexedBefore) {
      this.lexed = lexedBefore;
    } else if (previous) {
      const { lexed, edit } = relex(previous.src.text, previous.lexed, src);
      this.lexed = lexed;
      this.edit = edit;
    } else {
      this.lexed = lex(src);
    }
    this.stream = this.lexed.tokens;
    this.data = this.stream.data;
    this.last = this.stream.count - 1;
    // Both lists are in position order, so the first MAX_SYNTAX_ERRORS of each hold the first of both together.
    const lexerDiagnostics = this.lexed.diagnostics;
    const kept = Math.min(lexerDiagnostics.length, MAX_SYNTAX_ERRORS);
    for (let i = 0; i < kept; i++) this.diagnostics.push(new DiagnosticImpl(src, lexerDiagnostics.message(i, src.text), lexerDiagnostics.pos(i), lexerDiagnostics.end(i)));
    this.omitted = Math.max(0, lexerDiagnostics.length - MAX_SYNTAX_ERRORS);
    this.lexerKept = this.diagnostics.length;
    this.lastErrorPos = lexerDiagnostics.length > 0 ? lexerDiagnostics.pos(lexerDiagnostics.length - 1) : -1;
    this.seg = new Segment(src, 0, this.stream, 0);
  }

  // ------------------------------------------------------------------------------------------------------
  // Plumbing
  // ------------------------------------------------------------------------------------------------------

  private node<K extends Kind>(kind: K, pos: number, end: number, fields: Fields<K>): NodeOf<K> {
    this.work++;
    return Object.assign(new NodeImpl(this.seg, kind, pos, end), fields) as unknown as NodeOf<K>;
  }

  // The most frequent kinds (identifiers, properties, strings, objects, arrays: nine nodes in ten) are built
  // with direct stores instead: node()'s fields object is short-lived garbage, and on a 10,000-line file those
  // ~25,000 objects (1.5 MB) made the scavenger run more often while the new tree is young. Each builder always
  // adds the same fields in the same order, so its stores stay monomorphic.

  private identifierNode(pos: number, end: number, name: string): Identifier {
    this.work++;
    return new IdentifierImpl(this.seg, pos, end, name);
  }

  private propertyNode(pos: number, end: number, key: Identifier | StringLiteral, name: string | undefined, value: Expression): ObjectProperty {
    this.work++;
    const n = new NodeImpl(this.seg, 'property', pos, end) as unknown as Mutable<ObjectProperty>;
    n.key = key;
    n.name = name;
    n.value = value;
    return n;
  }

  private objectNode(pos: number, end: number, members: readonly ObjectMember[], properties: readonly ObjectProperty[], resources: readonly ResourceDeclaration[]): ObjectExpression {
    this.work++;
    const n = new NodeImpl(this.seg, 'object', pos, end) as unknown as Mutable<ObjectExpression>;
    n.members = members;
    n.properties = properties;
    n.resources = resources;
    const slots = n as unknown as EvaluationSlots;
    slots.literalValue = undefined;
    slots.writtenKeys = undefined;
    return n;
  }

  private arrayNode(pos: number, end: number, items: readonly (Expression | SpreadExpression)[]): ArrayExpression {
    this.work++;
    const n = new NodeImpl(this.seg, 'array', pos, end) as unknown as Mutable<ArrayExpression>;
    n.items = items;
    (n as unknown as EvaluationSlots).literalValue = undefined;
    return n;
  }

  private stringNode(pos: number, end: number, value: string | undefined, segments: readonly string[], expressions: readonly Expression[], multiline: boolean): StringLiteral {
    this.work++;
    const n = new NodeImpl(this.seg, 'string', pos, end) as unknown as Mutable<StringLiteral>;
    n.value = value;
    n.segments = segments;
    n.expressions = expressions;
    n.multiline = multiline;
    return n;
  }

  private code(t: Tok): TK {
    return this.data[t * 3] & 0xff;
  }

  private kindOf(t: Tok): TokenKind {
    return TOKEN_KINDS[this.data[t * 3] & 0xff];
  }

  private posOf(t: Tok): number {
    return this.data[t * 3 + 1];
  }

  private endOf(t: Tok): number {
    return this.data[t * 3 + 2];
  }

  /** The token starts a line (its leading trivia holds a line break). */
  private nl(t: Tok): boolean {
    return ((this.data[t * 3] >> 8) & FLAG_NEWLINE_BEFORE) !== 0;
  }

  private unterminated(t: Tok): boolean {
    return ((this.data[t * 3] >> 8) & FLAG_UNTERMINATED) !== 0;
  }

  private textOf(t: Tok): string {
    return this.text.slice(this.posOf(t), this.endOf(t));
  }

  private rangeOf(t: Tok): Range {
    return this.src.rangeOf(this.posOf(t), this.endOf(t));
  }

  private tokenObject(t: Tok): Token {
    return new KeywordToken(this.seg, t);
  }

  private get tok(): Tok {
    return this.p;
  }

  private peek(n = 1): Tok {
    const i = this.p + n;
    return i < this.last ? i : this.last;
  }

  private advance(): Tok {
    const t = this.p;
    if (t < this.last) this.p++;
    this.work++;
    return t;
  }

  private at(kind: TK): boolean {
    return this.code(this.p) === kind;
  }

  private atKind(kind: TokenKind): boolean {
    return this.kindOf(this.p) === kind;
  }

  private atWord(word: string): boolean {
    return this.isWord(this.p, word);
  }

  private isWord(t: Tok, word: string): boolean {
    const pos = this.posOf(t);
    return this.code(t) === TK.Identifier && this.endOf(t) - pos === word.length && this.text.startsWith(word, pos);
  }

  /** The current token is on the same line as the previous one. */
  private get sameLine(): boolean {
    return !this.nl(this.p) && this.p < this.last;
  }

  /** End offset of the last consumed token. */
  private get lastEnd(): number {
    return this.p > 0 ? this.endOf(this.p - 1) : 0;
  }

  private get prevToken(): Tok | undefined {
    return this.p > 0 ? this.p - 1 : undefined;
  }

  private error(message: string, pos: number, end: number): void {
    this.errorsSeen++;
    // One error per place: a missing token often makes the next check fail at the same spot.
    if (pos === this.lastErrorPos) return;
    this.lastErrorPos = pos;
    if (this.diagnostics.length - this.lexerKept >= MAX_SYNTAX_ERRORS) this.omitted++;
    else this.diagnostics.push(new DiagnosticImpl(this.src, message, pos, end));
  }

  /**
   * Reports something missing. On the same line it underlines the token found instead; at a line break or the
   * end of the file it underlines the last token written, where the missing piece belongs.
   */
  private errorExpected(message: string): void {
    const t = this.tok;
    if (this.nl(t) || t === this.last) {
      const prev = this.prevToken;
      if (prev !== undefined) this.error(message, this.posOf(prev), this.endOf(prev));
      else this.error(message, this.posOf(t), this.endOf(t));
    } else {
      this.error(message, this.posOf(t), this.endOf(t));
    }
  }

  /** Messages name things with `%s`, filled in only when a message is actually reported. */
  private fmt(template: string, arg: string | undefined): string {
    return arg === undefined ? template : template.replace('%s', arg);
  }

  private describe(t: Tok): string {
    const kind = this.kindOf(t);
    if (kind === 'eof') return 'the end of the file';
    if (kind === 'stringComplete' || kind === 'stringLeftPiece' || kind === 'multilineString') return 'a string';
    const text = this.textOf(t);
    return `'${text.length > 40 ? text.slice(0, 40) + '…' : text}'`;
  }

  private lineOf(t: Tok): number {
    return this.rangeOf(t).start.line + 1;
  }

  private missing(): MissingExpression {
    const at = this.lastEnd;
    return this.node('missing', at, at, {});
  }

  private missingIdentifier(): Identifier {
    const at = this.lastEnd;
    return this.node('identifier', at, at, { name: '', missing: true });
  }

  /** Identifier-like tokens usable as names: identifiers and `true`/`false`/`null`. */
  private atName(): boolean {
    const k = this.kindOf(this.tok);
    return k === 'identifier' || k === 'true' || k === 'false' || k === 'null';
  }

  private identifier(): Identifier {
    const t = this.advance();
    return this.identifierNode(this.posOf(t), this.endOf(t), this.textOf(t));
  }

  /** A declaration's or a member's name on the same line, or a missing identifier with a diagnostic. */
  private expectName(what: string): Identifier {
    if (this.sameLine && this.atName()) return this.identifier();
    this.errorExpected(`expected ${what}`);
    return this.missingIdentifier();
  }

  /**
   * True when token `i` starts a line that can only be a new top-level declaration (`param x`, `resource r`,
   * `@description(…)`, `targetScope =`, `import {`, …). Used to close brackets the user left open.
   */
  private startsDeclaration(i: number): boolean {
    const t = i;
    if (i >= this.last) return false;
    if (this.kindOf(t) === '@') {
      const n = i + 1;
      return this.kindOf(n) === 'identifier' && !this.nl(n);
    }
    if (this.kindOf(t) !== 'identifier') return false;
    const n = i + 1;
    // Cheap exits first: this runs for every line inside brackets, and most of those lines are `key: value`.
    if (this.nl(n) || this.code(n) === TK.Colon) return false;
    const word = this.textOf(t);
    if (!DECLARATION_KEYWORDS.has(word)) return false;
    switch (word) {
      case 'targetScope':
        return this.kindOf(n) === '=';
      case 'import':
        return this.kindOf(n) === '{' || this.kindOf(n) === '*' || this.kindOf(n) === 'stringComplete';
      case 'using':
      case 'extends':
        return this.kindOf(n) === 'stringComplete' || (word === 'using' && this.isWord(n, 'none'));
      case 'extension':
      case 'provider':
        return this.kindOf(n) === 'identifier' || this.kindOf(n) === 'stringComplete';
      default:
        return this.kindOf(n) === 'identifier';
    }
  }

  /** Indentation (in characters) of the line holding token `t`. */
  private indentOfLine(t: Tok): number {
    const lineStart = this.src.lineStarts[this.rangeOf(t).start.line];
    let i = lineStart;
    while (i < this.posOf(t)) {
      const c = this.text.charCodeAt(i);
      if (c !== 32 && c !== 9) break;
      i++;
    }
    return i - lineStart;
  }

  /**
   * At a line start inside brackets opened by `open`: does this line begin a new declaration, meaning the
   * bracket was left unclosed? Inside an object a nested `resource` (or its decorators) is legal, so there we
   * only give up when it is indented no deeper than the line that opened the object.
   */
  private abandonsBracket(open: Tok, allowsNested: boolean): boolean {
    const t = this.tok;
    if (!this.nl(t) || !this.startsDeclaration(this.p)) return false;
    if (allowsNested && (this.kindOf(t) === '@' || this.isWord(t, 'resource'))) {
      return this.rangeOf(t).start.character <= this.indentOfLine(open);
    }
    return true;
  }

  /**
   * Skips the rest of an unreadable line: up to the next line break outside brackets opened in the skipped part,
   * a closing bracket that belongs to an enclosing construct, or a line that starts a new declaration.
   */
  private skipRestOfLine(): void {
    let depth = 0;
    const first = this.p;
    while (true) {
      const t = this.tok;
      this.work++;
      if (this.kindOf(t) === 'eof') return;
      if (this.p !== first && this.nl(t) && (depth === 0 || this.startsDeclaration(this.p))) return;
      if (this.kindOf(t) === '{' || this.kindOf(t) === '[' || this.kindOf(t) === '(' || this.kindOf(t) === 'stringLeftPiece') depth++;
      else if (this.kindOf(t) === '}' || this.kindOf(t) === ']' || this.kindOf(t) === ')' || this.kindOf(t) === 'stringRightPiece') {
        if (depth === 0) return;
        depth--;
      }
      this.advance();
    }
  }

  // ------------------------------------------------------------------------------------------------------
  // File and statements
  // ------------------------------------------------------------------------------------------------------

  parseFile(): ParseResult {
    const statements: Statement[] = [];
    const units: Unit[] = [];
    const reusable = this.previous && this.edit ? reusableUnits(this.previous, this.edit) : [];
    let next = 0;
    while (!this.at(TK.Eof)) {
      while (next < reusable.length && reusable[next].newIndex < this.p) next++;
      const reuse = next < reusable.length && reusable[next].newIndex === this.p ? reusable[next] : undefined;
      if (reuse) {
        const unit = this.previous!.units[reuse.unit];
        this.moveUnit(unit, reuse);
        units.push(unit);
        if (unit.statement) statements.push(unit.statement);
        this.p += unit.tokenCount;
        this.work++;
        continue;
      }
      const start = this.p;
      this.seg = new Segment(this.src, this.posOf(start), this.stream, start);
      this.refs = new Set();
      const errorsBefore = this.errorsSeen;
      const statement = this.parseUnit();
      if (this.refs.size > 0) this.seg.refs = [...this.refs];
      if (statement) statements.push(statement);
      if (this.p === start) this.advance();
      units.push({ seg: this.seg, statement, tokenCount: this.p - start, clean: this.errorsSeen === errorsBefore });
    }
    const fileName = this.fileName;
    const isParamsFile = fileName !== undefined ? isParamsFileName(fileName) : statements.some((s) => s.kind === 'using');
    this.work++;
    const syntax = new BicepFileImpl(this.src, this.lexed, fileName, isParamsFile, statements, units);
    this.diagnostics.sort((a, b) => a.pos - b.pos);
    const omitted = this.omitted + Math.max(0, this.diagnostics.length - MAX_SYNTAX_ERRORS);
    return { syntax, diagnostics: this.diagnostics.slice(0, MAX_SYNTAX_ERRORS), omittedDiagnostics: omitted || undefined, work: this.work };
  }

  /** One top-level unit: a statement (and any junk after it on its line), or a stray closing bracket. */
  private parseUnit(): Statement | undefined {
    const t = this.tok;
    if (this.kindOf(t) === '}' || this.kindOf(t) === ']' || this.kindOf(t) === ')') {
      this.error(`unexpected '${this.kindOf(t)}': there is no matching '${this.kindOf(t) === '}' ? '{' : this.kindOf(t) === ']' ? '[' : '('}'`, this.posOf(t), this.endOf(t));
      this.advance();
      return undefined;
    }
    const statement = this.parseStatement();
    if (!this.at(TK.Eof) && !this.nl(this.tok)) {
      const extra = this.tok;
      this.error(`unexpected ${this.describe(extra)}: a declaration ends at the end of its line`, this.posOf(extra), this.endOf(extra));
      this.skipRestOfLine();
    }
    return statement;
  }

  /** Moves a reused unit (and with it every node of its statement) into this version of the file. */
  private moveUnit(unit: Unit, reuse: ReusableUnit): void {
    const seg = unit.seg;
    seg.base += reuse.shift;
    seg.src = this.src;
    seg.stream = this.stream;
    seg.firstToken = reuse.newIndex;
  }

  private parseStatement(): Statement {
    const start = this.posOf(this.tok);
    const decorators = this.parseDecorators();
    const t = this.tok;
    if (this.kindOf(t) === 'identifier') {
      switch (this.textOf(t)) {
        case 'targetScope':
          return this.parseTargetScope(start, decorators);
        case 'metadata':
          return this.parseNamedValue('metadata', start, decorators, 'a name for the metadata');
        case 'param':
          return this.parseParam(start, decorators);
        case 'var':
          return this.parseVar(start, decorators);
        case 'output':
          return this.parseOutput(start, decorators);
        case 'resource':
          return this.parseResource(start, decorators);
        case 'module':
          return this.parseModule(start, decorators);
        case 'type':
          return this.parseTypeDeclaration(start, decorators);
        case 'func':
          return this.parseFunction(start, decorators);
        case 'import':
          return this.parseImport(start, decorators);
        case 'extension':
        case 'provider':
          return this.parseExtension(start, decorators);
        case 'using':
          return this.parseUsing(start, decorators);
        case 'extends':
          return this.parseExtends(start, decorators);
        case 'assert':
          return this.parseNamedValue('assert', start, decorators, 'a name for the assertion');
      }
    }
    if (this.kindOf(t) === 'eof') {
      const d = decorators[decorators.length - 1];
      if (d) this.error('expected a declaration after the decorator', d.pos, d.end);
      return this.node('error', start, this.lastEnd, { decorators });
    }
    const word = this.kindOf(t) === 'identifier' ? `'${this.textOf(t)}'` : this.describe(t);
    this.error(
      `unexpected ${word}: expected a declaration (param, var, resource, module, output, type, func, import, metadata, targetScope)`,
      this.posOf(t),
      this.endOf(t),
    );
    this.skipRestOfLine();
    return this.node('error', start, Math.max(start, this.lastEnd), { decorators });
  }

  private parseDecorators(): Decorator[] {
    if (!this.at(TK.At)) return EMPTY as unknown as Decorator[];
    let decorators: Decorator[] | undefined;
    while (this.at(TK.At)) {
      if (this.skipPlainDecorators && this.skipPlainDecorator()) continue;
      const before = this.p;
      (decorators ??= []).push(this.parseDecorator());
      if (this.p === before) this.advance();
    }
    return decorators ?? (EMPTY as unknown as Decorator[]);
  }

  /**
   * At `@`: consumes `@name(arg)` or `@ns.name(arg)` when all of it is on one line and its parse could report
   * nothing: `arg` is absent, an integer, true, false, null, or a terminated string without escapes (decoding an
   * escape can report one). Anything else is left to parseDecorator: returns false and consumes nothing.
   */
  private skipPlainDecorator(): boolean {
    let i = this.p + 1;
    if (this.code(i) !== TK.Identifier || this.nl(i)) return false;
    i++;
    if (this.code(i) === TK.Dot && !this.nl(i)) {
      if (this.code(i + 1) !== TK.Identifier || this.nl(i + 1)) return false;
      i += 2;
    }
    if (this.code(i) !== TK.LParen || this.nl(i)) return false;
    i++;
    const arg = this.code(i);
    if (arg !== TK.RParen) {
      if (this.nl(i) || this.unterminated(i)) return false;
      if (arg === TK.StringComplete) {
        const escape = this.text.indexOf('\\', this.posOf(i));
        if (escape >= 0 && escape < this.endOf(i)) return false;
      } else if (arg !== TK.Integer && arg !== TK.True && arg !== TK.False && arg !== TK.Null) return false;
      i++;
    }
    if (this.code(i) !== TK.RParen || this.nl(i) || i >= this.last) return false;
    this.work += i + 1 - this.p;
    this.p = i + 1;
    return true;
  }

  private parseDecorator(): Decorator {
    const at = this.advance();
    let namespace: Identifier | undefined;
    let name = this.expectName("a decorator name after '@'");
    if (this.at(TK.Dot) && this.sameLine) {
      this.advance();
      namespace = name;
      name = this.expectName("a decorator name after '.'");
    }
    let args: Expression[] = [];
    if (this.at(TK.LParen) && this.sameLine) {
      args = this.parseArguments('decorator', name.name).args;
    } else if (!name.missing) {
      this.errorExpected(`expected '(' after the decorator '${name.name}': decorators are called like functions`);
    }
    return this.node('decorator', this.posOf(at), this.lastEnd, { namespace, name, arguments: args });
  }

  /** `= value` of a declaration; the value must start on the same line. */
  private parseEqualsValue(what: string): Expression {
    if (!this.sameLine || !this.at(TK.Assign)) {
      this.errorExpected(`expected '=' and ${what}`);
      return this.missing();
    }
    this.advance();
    return this.parseValueOnSameLine("expected %s after '='", what);
  }

  private parseValueOnSameLine(message: string, arg?: string): Expression {
    if (!this.sameLine) {
      this.errorExpected(this.fmt(message, arg));
      return this.missing();
    }
    return this.parseExpression();
  }

  private parseTargetScope(start: number, decorators: Decorator[]): Statement {
    const keyword = this.advance();
    const value = this.parseEqualsValue("a scope ('resourceGroup', 'subscription', 'managementGroup' or 'tenant')");
    return this.node('targetScope', start, this.lastEnd, { decorators, keyword: this.tokenObject(keyword), value });
  }

  private parseNamedValue(kind: 'metadata' | 'assert', start: number, decorators: Decorator[], what: string): Statement {
    const keyword = this.advance();
    const name = this.expectName(what);
    const value = this.parseEqualsValue(kind === 'assert' ? 'a condition' : 'a value');
    return this.node(kind, start, this.lastEnd, { decorators, keyword: this.tokenObject(keyword), name, value });
  }

  private parseParam(start: number, decorators: Decorator[]): Statement {
    const keyword = this.advance();
    const name = this.expectName('a parameter name');
    if (this.at(TK.Assign) && this.sameLine) {
      // `param name = value`: an assignment in a .bicepparam file.
      this.advance();
      const value = this.parseValueOnSameLine("expected a value after '='");
      if (this.fileName !== undefined && !isParamsFileName(this.fileName)) {
        this.error(`expected a type for parameter '${name.name}' (e.g. 'param ${name.name} string = …')`, name.pos, name.end);
      }
      return this.node('paramAssignment', start, this.lastEnd, { decorators, keyword: this.tokenObject(keyword), name, value });
    }
    const type = this.parseTypeOnSameLine("expected a type for parameter '%s' (string, int, bool, object, array or a type name)", name.name);
    let defaultValue: Expression | undefined;
    if (this.at(TK.Assign) && this.sameLine) {
      this.advance();
      defaultValue = this.parseValueOnSameLine("expected a default value after '='");
    }
    return this.node('param', start, this.lastEnd, { decorators, keyword: this.tokenObject(keyword), name, type, defaultValue });
  }

  private parseVar(start: number, decorators: Decorator[]): Statement {
    const keyword = this.advance();
    const name = this.expectName('a variable name');
    let type: TypeExpression | undefined;
    if (this.sameLine && !this.at(TK.Assign)) type = this.parseType();
    const value = this.parseEqualsValue('a value');
    return this.node('var', start, this.lastEnd, { decorators, keyword: this.tokenObject(keyword), name, type, value });
  }

  private parseOutput(start: number, decorators: Decorator[]): Statement {
    const keyword = this.advance();
    const name = this.expectName('an output name');
    const type = this.parseTypeOnSameLine("expected a type for output '%s' (string, int, bool, object, array or a type name)", name.name);
    const value = this.parseEqualsValue('a value');
    return this.node('output', start, this.lastEnd, { decorators, keyword: this.tokenObject(keyword), name, type, value });
  }

  private parseResource(start: number, decorators: Decorator[]): ResourceDeclaration {
    const keyword = this.advance();
    const name = this.expectName('a symbolic name for the resource');
    let typeString: StringLiteral | MissingExpression;
    if (this.sameLine && this.atString()) {
      typeString = this.parseString();
    } else {
      this.errorExpected("expected the resource type and API version, e.g. 'Microsoft.Cache/redis@2024-03-01'");
      typeString = this.missing();
    }
    let existing = false;
    if (this.sameLine && this.atWord('existing')) {
      this.advance();
      existing = true;
    }
    const body = this.parseDeclarationBody('resource');
    const { resourceType, apiVersion } = splitResourceType(typeString.kind === 'string' ? typeString.value : undefined);
    if (typeString.kind === 'string' && typeString.value !== undefined && apiVersion === undefined && resourceType.includes('/')) {
      this.error(`expected an API version in the resource type: '${resourceType}@<api-version>'`, typeString.pos, typeString.end);
    }
    return this.node('resource', start, this.lastEnd, {
      decorators,
      keyword: this.tokenObject(keyword),
      name,
      typeString,
      resourceType,
      apiVersion,
      existing,
      body,
    });
  }

  private parseModule(start: number, decorators: Decorator[]): Statement {
    const keyword = this.advance();
    const name = this.expectName('a symbolic name for the module');
    let path: StringLiteral | MissingExpression;
    if (this.sameLine && this.atString()) path = this.parseString();
    else {
      this.errorExpected("expected the module path, e.g. './private-endpoint.bicep' or 'br/public:avm/res/…:1.0.0'");
      path = this.missing();
    }
    const body = this.parseDeclarationBody('module');
    return this.node('module', start, this.lastEnd, { decorators, keyword: this.tokenObject(keyword), name, path, body });
  }

  /** `= { … }`, `= if (…) { … }` or `= [for … in …: …]`. */
  private parseDeclarationBody(what: 'resource' | 'module'): DeclarationBody {
    if (!this.sameLine || !this.at(TK.Assign)) {
      this.errorExpected(`expected '=' and the ${what} body '{ … }'`);
      return this.missing();
    }
    this.advance();
    if (this.sameLine) {
      if (this.at(TK.LBrace)) return this.parseObject();
      if (this.atWord('if')) return this.parseIf();
      if (this.at(TK.LBracket) && this.isWord(this.peek(), 'for')) return this.parseArrayOrFor() as ForExpression;
    }
    this.errorExpected(`expected the ${what} body: '{', 'if (…) {' or '[for …]'`);
    return this.missing();
  }

  private parseTypeDeclaration(start: number, decorators: Decorator[]): Statement {
    const keyword = this.advance();
    const name = this.expectName('a type name');
    let value: TypeExpression;
    if (this.sameLine && this.at(TK.Assign)) {
      this.advance();
      // A union may start on the next line: `type t =\n  | 'a'\n  | 'b'`.
      value = this.parseTypeOnSameLine("expected a type after '='");
    } else {
      this.errorExpected("expected '=' and a type");
      value = this.missingType();
    }
    return this.node('type', start, this.lastEnd, { decorators, keyword: this.tokenObject(keyword), name, value });
  }

  private parseFunction(start: number, decorators: Decorator[]): Statement {
    const keyword = this.advance();
    const name = this.expectName('a function name');
    const parameters: FunctionParameter[] = [];
    if (this.sameLine && this.at(TK.LParen)) {
      const open = this.advance();
      this.parseDelimited(open, 'the parameter list', false, () => {
        const pname = this.expectName('a parameter name');
        const type = this.parseTypeOnSameLine("expected a type for parameter '%s'", pname.name);
        parameters.push(this.node('functionParameter', pname.pos, this.lastEnd, { name: pname, type }));
      });
    } else {
      this.errorExpected("expected '(' and the function's parameters");
    }
    const returnType = this.parseTypeOnSameLine('expected the return type of the function');
    let body: Expression;
    if (this.sameLine && this.at(TK.Arrow)) {
      this.advance();
      body = this.parseExpression();
    } else {
      this.errorExpected("expected '=>' and the function body");
      body = this.missing();
    }
    return this.node('func', start, this.lastEnd, { decorators, keyword: this.tokenObject(keyword), name, parameters, returnType, body });
  }

  private parseImport(start: number, decorators: Decorator[]): Statement {
    const keyword = this.advance();
    let symbols: ImportedSymbol[] | undefined;
    let wildcardAlias: Identifier | undefined;
    let from: StringLiteral | MissingExpression | undefined;
    let config: Expression | undefined;
    let alias: Identifier | undefined;
    if (this.sameLine && this.at(TK.LBrace)) {
      const open = this.advance();
      symbols = [];
      const list = symbols;
      this.parseDelimited(open, 'import list', false, () => {
        const s = this.posOf(this.tok);
        let name: Identifier | StringLiteral;
        // Each item starts after a comma or a line break (`import {\n  a\n  b\n} from …`), so its name may
        // be the first token of a line.
        if (this.atString()) name = this.parseString();
        else if (this.atName()) name = this.identifier();
        else name = this.expectName('the name of a symbol to import');
        let a: Identifier | undefined;
        if (this.sameLine && this.atWord('as')) {
          this.advance();
          a = this.expectName("an alias after 'as'");
        }
        list.push(this.node('importedSymbol', s, this.lastEnd, { name, alias: a }));
      });
      from = this.parseFrom();
    } else if (this.sameLine && this.at(TK.Star)) {
      this.advance();
      if (this.sameLine && this.atWord('as')) {
        this.advance();
        wildcardAlias = this.expectName("a namespace name after 'as'");
      } else {
        this.errorExpected("expected 'as' and a namespace name after 'import *'");
        wildcardAlias = this.missingIdentifier();
      }
      from = this.parseFrom();
    } else if (this.sameLine && this.atString()) {
      // The older provider import: `import 'az@1.0.0' with {…} as az`.
      from = this.parseString();
      ({ config, alias } = this.parseWithAs());
    } else {
      this.errorExpected("expected '{', '*' or a string after 'import', e.g. import { myType } from './types.bicep'");
    }
    return this.node('import', start, this.lastEnd, { decorators, keyword: this.tokenObject(keyword), symbols, wildcardAlias, from, config, alias });
  }

  private parseFrom(): StringLiteral | MissingExpression {
    if (this.sameLine && this.atWord('from')) {
      this.advance();
      if (this.sameLine && this.atString()) return this.parseString();
      this.errorExpected("expected the path to import from, e.g. './types.bicep'");
      return this.missing();
    }
    this.errorExpected("expected 'from' and the path to import from");
    return this.missing();
  }

  private parseWithAs(): { config: Expression | undefined; alias: Identifier | undefined } {
    let config: Expression | undefined;
    let alias: Identifier | undefined;
    if (this.sameLine && this.atWord('with')) {
      this.advance();
      config = this.parseValueOnSameLine("expected a configuration object after 'with'");
    }
    if (this.sameLine && this.atWord('as')) {
      this.advance();
      alias = this.expectName("an alias after 'as'");
    }
    return { config, alias };
  }

  private parseExtension(start: number, decorators: Decorator[]): Statement {
    const keyword = this.advance();
    let specification: Identifier | StringLiteral | MissingExpression;
    if (this.sameLine && this.atString()) specification = this.parseString();
    else if (this.sameLine && this.at(TK.Identifier)) specification = this.identifier();
    else {
      this.errorExpected(`expected the extension name or reference after '${this.textOf(keyword)}'`);
      specification = this.missing();
    }
    const { config, alias } = this.parseWithAs();
    return this.node('extension', start, this.lastEnd, { decorators, keyword: this.tokenObject(keyword), specification, config, alias });
  }

  private parseUsing(start: number, decorators: Decorator[]): Statement {
    const keyword = this.advance();
    let path: StringLiteral | MissingExpression | undefined;
    if (this.sameLine && this.atWord('none')) this.advance();
    else if (this.sameLine && this.atString()) path = this.parseString();
    else {
      this.errorExpected("expected the path of the Bicep file these parameters are for, e.g. using './main.bicep'");
      path = this.missing();
    }
    const { config } = this.parseWithAs();
    return this.node('using', start, this.lastEnd, { decorators, keyword: this.tokenObject(keyword), path, config });
  }

  private parseExtends(start: number, decorators: Decorator[]): Statement {
    const keyword = this.advance();
    let path: StringLiteral | MissingExpression;
    if (this.sameLine && this.atString()) path = this.parseString();
    else {
      this.errorExpected("expected the path of the base parameters file, e.g. extends './base.bicepparam'");
      path = this.missing();
    }
    return this.node('extends', start, this.lastEnd, { decorators, keyword: this.tokenObject(keyword), path });
  }

  // ------------------------------------------------------------------------------------------------------
  // Bracketed lists
  // ------------------------------------------------------------------------------------------------------

  /**
   * Parses the items of a bracketed list after its opening token, through the closing token. Items are
   * separated by commas or newlines. Stops (reporting the unclosed bracket) at the end of the file or at a line
   * that can only start a new declaration. Returns the end offset (after the closer, or after the last item).
   */
  private parseDelimited(open: Tok, whatTemplate: string, allowsNested: boolean, parseItem: () => void, whatArg?: string): number {
    const close = CLOSER_OF[this.kindOf(open) as '{' | '[' | '('];
    let separated = true;
    while (true) {
      this.work++;
      const t = this.tok;
      if (this.kindOf(t) === close) {
        this.advance();
        return this.endOf(t);
      }
      if (this.kindOf(t) === 'eof' || this.abandonsBracket(open, allowsNested)) {
        const prev = this.prevToken ?? open;
        this.error(`expected '${close}' to close the ${this.fmt(whatTemplate, whatArg)} opened on line ${this.lineOf(open)}`, this.posOf(prev), this.endOf(prev));
        return this.lastEnd;
      }
      if (this.kindOf(t) === ',') {
        this.advance();
        separated = true;
        continue;
      }
      if (this.kindOf(t) === '}' || this.kindOf(t) === ']' || this.kindOf(t) === ')') {
        // A closer of another kind: either a typo or the closer of an enclosing bracket.
        this.error(`expected '${close}' to close the ${this.fmt(whatTemplate, whatArg)} opened on line ${this.lineOf(open)}, found '${this.kindOf(t)}'`, this.posOf(t), this.endOf(t));
        return this.lastEnd;
      }
      if (!separated && !this.nl(t)) {
        this.error(`expected ',' or a new line between the items of the ${this.fmt(whatTemplate, whatArg)}`, this.posOf(t), this.endOf(t));
      }
      const before = this.p;
      parseItem();
      if (this.p === before) {
        const bad = this.advance();
        this.error(`unexpected ${this.describe(bad)} in the ${this.fmt(whatTemplate, whatArg)}`, this.posOf(bad), this.endOf(bad));
      }
      separated = false;
      if (this.at(TK.Comma)) {
        this.advance();
        separated = true;
      } else if (!this.atKind(close) && !this.nl(this.tok) && !this.at(TK.Eof)) {
        const bad = this.tok;
        if (this.kindOf(bad) !== '}' && this.kindOf(bad) !== ']' && this.kindOf(bad) !== ')') {
          this.error(`expected ',' or a new line after the item, found ${this.describe(bad)}`, this.posOf(bad), this.endOf(bad));
          this.skipRestOfLine();
          separated = true;
        }
      }
    }
  }

  private parseObject(): ObjectExpression {
    const open = this.advance();
    const members: ObjectMember[] = [];
    const properties: ObjectProperty[] = [];
    const resources: ResourceDeclaration[] = [];
    this.enter();
    const end = this.parseDelimited(open, 'object', true, () => {
      const t = this.tok;
      if (this.kindOf(t) === '...') {
        members.push(this.parseSpread());
        return;
      }
      if (this.kindOf(t) === '@' || (this.isWord(t, 'resource') && this.kindOf(this.peek()) === 'identifier' && !this.nl(this.peek()))) {
        const start = this.posOf(t);
        const decorators = this.parseDecorators();
        if (this.atWord('resource')) {
          const r = this.parseResource(start, decorators);
          members.push(r);
          resources.push(r);
        } else {
          this.errorExpected('expected a nested resource after the decorator');
        }
        return;
      }
      let key: Identifier | StringLiteral;
      const keyPos = this.posOf(t);
      if (this.atName()) key = this.identifier();
      else if (this.atString()) key = this.parseString();
      else {
        this.error(`expected a property name, found ${this.describe(t)}`, this.posOf(t), this.endOf(t));
        this.skipRestOfLine();
        return;
      }
      const name = key.kind === 'identifier' ? key.name : key.value;
      let value: Expression;
      if (this.sameLine && this.at(TK.Colon)) {
        this.advance();
        value = this.parseValueOnSameLine("expected a value for '%s' after ':'", name ?? 'property');
      } else {
        this.errorExpected(`expected ':' and a value after the property name '${name ?? ''}'`);
        value = this.missing();
      }
      const prop = this.propertyNode(keyPos, this.lastEnd, key, name, value);
      members.push(prop);
      properties.push(prop);
    });
    this.leave();
    // Most objects hold only properties: share the array instead of keeping two copies alive.
    return this.objectNode(
      this.posOf(open),
      end,
      members.length === properties.length ? properties : members,
      properties,
      resources.length === 0 ? (EMPTY as unknown as ResourceDeclaration[]) : resources,
    );
  }

  private parseSpread(): SpreadExpression {
    const dots = this.advance();
    const expression = this.parseValueOnSameLine("expected an expression after '...'");
    return this.node('spread', this.posOf(dots), this.lastEnd, { expression });
  }

  private parseArrayOrFor(): Expression {
    const open = this.advance();
    if (this.atWord('for')) return this.parseFor(open);
    const items: (Expression | SpreadExpression)[] = [];
    this.enter();
    const end = this.parseDelimited(open, 'array', false, () => {
      items.push(this.at(TK.Ellipsis) ? this.parseSpread() : this.parseExpression());
    });
    this.leave();
    return this.arrayNode(this.posOf(open), end, items);
  }

  private parseFor(open: Tok): ForExpression {
    this.advance(); // for
    this.enter();
    let item: Identifier | undefined;
    let index: Identifier | undefined;
    if (this.at(TK.LParen)) {
      const paren = this.advance();
      item = this.expectName('the loop item variable');
      if (this.at(TK.Comma)) {
        this.advance();
        index = this.expectName('the loop index variable');
      }
      this.eatCloser(')', paren, 'loop variables');
    } else {
      item = this.expectName("a loop variable after 'for'");
    }
    let iterable: Expression;
    if (this.atWord('in')) {
      this.advance();
      iterable = this.parseExpression();
    } else {
      this.errorExpected("expected 'in' and the collection to loop over");
      iterable = this.missing();
    }
    let body: Expression;
    if (this.at(TK.Colon)) {
      this.advance();
      body = this.atWord('if') ? this.parseIf() : this.parseExpression();
    } else {
      this.errorExpected("expected ':' and the loop body");
      body = this.missing();
    }
    this.eatCloser(']', open, 'loop');
    this.leave();
    return this.node('for', this.posOf(open), this.lastEnd, { item, index, iterable, body });
  }

  /** Consumes `kind` closing `open`, or reports it missing. */
  private eatCloser(kind: ')' | ']' | '}', open: Tok, what: string): boolean {
    if (this.atKind(kind)) {
      this.advance();
      return true;
    }
    const prev = this.prevToken ?? open;
    const t = this.tok;
    if (this.kindOf(t) === 'eof' || this.nl(t)) {
      this.error(`expected '${kind}' to close the ${what} opened on line ${this.lineOf(open)}`, this.posOf(prev), this.endOf(prev));
      return false;
    }
    this.error(`expected '${kind}' to close the ${what} opened on line ${this.lineOf(open)}, found ${this.describe(t)}`, this.posOf(t), this.endOf(t));
    // Skip the unreadable rest of the construct on this line, through its closer if it is there; stop at a
    // closer that belongs to an enclosing bracket.
    let depth = 0;
    while (this.sameLine) {
      this.work++;
      const k = this.kindOf(this.tok);
      if (k === '{' || k === '[' || k === '(') depth++;
      else if (k === '}' || k === ']' || k === ')') {
        if (depth === 0) {
          if (k !== kind) return false;
          this.advance();
          return true;
        }
        depth--;
      }
      this.advance();
    }
    return false;
  }

  private parseIf(): IfExpression {
    const kw = this.advance();
    let condition: Expression;
    if (this.at(TK.LParen)) {
      const open = this.advance();
      this.enter();
      condition = this.parseExpression();
      this.leave();
      this.eatCloser(')', open, 'condition');
    } else {
      this.errorExpected("expected '(' and a condition after 'if'");
      condition = this.missing();
    }
    let body: Expression;
    if (this.at(TK.LBrace)) body = this.parseObject();
    else {
      this.errorExpected("expected '{' and the body after the condition");
      body = this.missing();
    }
    return this.node('if', this.posOf(kw), this.lastEnd, { condition, body });
  }

  /** `(args)` of a call or decorator. */
  private parseArguments(calleeKind: 'call' | 'decorator', callee: string): { args: Expression[]; end: number } {
    const open = this.advance();
    const args: Expression[] = [];
    this.enter();
    const what = calleeKind === 'call' ? "argument list of '%s'" : "argument list of the decorator '%s'";
    const end = this.parseDelimited(open, what, false, () => args.push(this.parseExpression()), callee);
    this.leave();
    return { args, end };
  }

  // ------------------------------------------------------------------------------------------------------
  // Expressions
  // ------------------------------------------------------------------------------------------------------

  private enter(): void {
    this.depth++;
  }

  private leave(): void {
    this.depth--;
  }

  parseExpression(): Expression {
    if (this.depth > MAX_DEPTH) {
      const t = this.tok;
      this.error(`expression nested more than ${MAX_DEPTH} levels deep`, this.posOf(t), this.endOf(t));
      if (this.kindOf(t) !== 'eof') this.advance();
      return this.missing();
    }
    this.depth++;
    const start = this.posOf(this.tok);
    let expr = this.parseBinary(1);
    if (this.at(TK.Question)) {
      this.advance();
      const whenTrue = this.parseExpression();
      let whenFalse: Expression;
      if (this.at(TK.Colon)) {
        this.advance();
        whenFalse = this.parseExpression();
      } else {
        this.errorExpected("expected ':' and the value when the condition is false");
        whenFalse = this.missing();
      }
      expr = this.node('ternary', start, this.lastEnd, { condition: expr, whenTrue, whenFalse });
    }
    this.depth--;
    return expr;
  }

  private parseBinary(minPrecedence: number): Expression {
    const start = this.posOf(this.tok);
    let left = this.parseUnary();
    while (true) {
      this.work++;
      const t = this.tok;
      const precedence = BINARY_PRECEDENCE[this.kindOf(t)];
      if (precedence === undefined || precedence < minPrecedence) return left;
      if (this.nl(t) && !CONTINUES_ACROSS_NEWLINE.has(this.kindOf(t))) return left;
      this.advance();
      const right = this.parseBinary(precedence + 1);
      left = this.node('binary', start, this.lastEnd, { operator: this.kindOf(t) as BinaryOperator, left, right });
    }
  }

  private parseUnary(): Expression {
    const t = this.tok;
    const op = this.kindOf(t);
    if (op === '!' || op === '-' || op === '+') {
      if (this.depth > MAX_DEPTH) return this.parseExpression();
      this.advance();
      this.depth++;
      const operand = this.parseUnary();
      this.depth--;
      return this.node('unary', this.posOf(t), this.lastEnd, { operator: op, operand });
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePostfix(target: Expression): Expression {
    let expr = target;
    // Read only when a postfix follows (most primaries have none): `pos` is an accessor (see Segment).
    let start = -1;
    while (true) {
      this.work++;
      const t = this.tok;
      if (this.nl(t) && !CONTINUES_ACROSS_NEWLINE.has(this.kindOf(t))) return expr;
      switch (this.kindOf(t)) {
        case '.':
        case '.?': {
          this.advance();
          let property: Identifier;
          if (this.sameLine && this.atName()) property = this.identifier();
          else {
            this.errorExpected(`expected a property name after '${this.kindOf(t)}'`);
            property = this.missingIdentifier();
          }
          if (this.kindOf(t) === '.' && this.at(TK.LParen) && this.sameLine) {
            const { args } = this.parseArguments('call', property.name);
            expr = this.node('call', start < 0 ? (start = target.pos) : start, this.lastEnd, { object: expr, name: property, arguments: args });
          } else {
            expr = this.node('propertyAccess', start < 0 ? (start = target.pos) : start, this.lastEnd, { object: expr, property, safe: this.kindOf(t) === '.?' });
          }
          break;
        }
        case '::': {
          this.advance();
          const resource = this.expectName("a nested resource name after '::'");
          expr = this.node('resourceAccess', start < 0 ? (start = target.pos) : start, this.lastEnd, { object: expr, resource });
          break;
        }
        case '[': {
          const open = this.advance();
          let safe = false;
          if (this.at(TK.Question)) {
            this.advance();
            safe = true;
          }
          this.enter();
          const index = this.parseExpression();
          this.leave();
          this.eatCloser(']', open, 'index');
          expr = this.node('index', start < 0 ? (start = target.pos) : start, this.lastEnd, { object: expr, index, safe });
          break;
        }
        case '!': {
          this.advance();
          expr = this.node('nonNull', start < 0 ? (start = target.pos) : start, this.lastEnd, { expression: expr });
          break;
        }
        default:
          return expr;
      }
    }
  }

  private atString(): boolean {
    const k = this.kindOf(this.tok);
    return k === 'stringComplete' || k === 'stringLeftPiece' || k === 'multilineString';
  }

  private parsePrimary(): Expression {
    const t = this.tok;
    if (this.nl(t) && this.atDeclarationOnNextLine()) {
      const prev = this.p - 1;
      this.error(`expected a value after ${this.describe(prev)}`, this.posOf(prev), this.endOf(prev));
      return this.missing();
    }
    switch (this.kindOf(t)) {
      case 'identifier': {
        const next = this.peek();
        if (this.kindOf(next) === '=>' && !this.nl(next)) {
          const param = this.identifier();
          return this.parseLambdaBody(this.posOf(t), [param]);
        }
        const id = this.identifier();
        this.refs.add(id.name);
        if (this.kindOf(next) === '(' && !this.nl(next)) {
          const { args } = this.parseArguments('call', id.name);
          return this.node('call', this.posOf(t), this.lastEnd, { object: undefined, name: id, arguments: args });
        }
        return id;
      }
      case 'integer': {
        this.advance();
        return this.node('integer', this.posOf(t), this.endOf(t), { value: Number(this.textOf(t)) });
      }
      case 'true':
      case 'false':
        this.advance();
        return this.node('boolean', this.posOf(t), this.endOf(t), { value: this.kindOf(t) === 'true' });
      case 'null':
        this.advance();
        return this.node('null', this.posOf(t), this.endOf(t), {});
      case 'stringComplete':
      case 'stringLeftPiece':
      case 'multilineString':
        return this.parseString();
      case '{':
        return this.parseObject();
      case '[':
        return this.parseArrayOrFor();
      case '(':
        return this.parseParenthesizedOrLambda();
      default:
        this.errorExpected(`expected a value, found ${this.describe(t)}`);
        return this.missing();
    }
  }

  /** An operand that would start a new declaration on the next line is a missing operand, not the operand. */
  private atDeclarationOnNextLine(): boolean {
    return this.nl(this.p) && this.startsDeclaration(this.p);
  }

  /**
   * `(expr)`, `(a, b) => …` or `() => …`. The list is parsed once; when `=>` follows, the items are reinterpreted
   * as parameter names (no re-parse, so no backtracking).
   */
  private parseParenthesizedOrLambda(): Expression {
    const open = this.advance();
    const items: Expression[] = [];
    this.enter();
    const end = this.parseDelimited(open, 'parentheses', false, () => {
      items.push(this.parseExpression());
    });
    this.leave();
    if (this.at(TK.Arrow) && this.sameLine) {
      const parameters = items.map((item) => {
        if (item.kind === 'identifier') return item;
        this.error('expected a parameter name in the lambda parameter list', item.pos, item.end);
        return this.node('identifier', item.pos, item.end, { name: '', missing: true as const });
      });
      return this.parseLambdaBody(this.posOf(open), parameters);
    }
    if (items.length !== 1) {
      if (items.length === 0) this.error("expected an expression inside '()'", this.posOf(open), end);
      else this.error("unexpected ',': a parenthesised expression holds one value (or write a lambda: (a, b) => …)", items[1].pos, items[1].end);
    }
    return this.node('parenthesized', this.posOf(open), end, { expression: items[0] ?? this.missing() });
  }

  private parseLambdaBody(start: number, parameters: Identifier[]): Expression {
    this.advance(); // =>
    const body = this.parseExpression();
    return this.node('lambda', start, this.lastEnd, { parameters, body });
  }

  private parseString(): StringLiteral {
    const t = this.advance();
    const text = this.text;
    if (this.kindOf(t) === 'multilineString') {
      const content = multilineContent(text, this.posOf(t), this.endOf(t), this.unterminated(t));
      return this.stringNode(this.posOf(t), this.endOf(t), content, [content], EMPTY as unknown as Expression[], true);
    }
    if (this.kindOf(t) === 'stringComplete') {
      const value = this.decode(this.posOf(t) + 1, this.unterminated(t) ? this.endOf(t) : this.endOf(t) - 1);
      return this.stringNode(this.posOf(t), this.endOf(t), value, [value], EMPTY as unknown as Expression[], false);
    }
    // Interpolated: left piece, then (expression, middle piece)*, expression, right piece.
    const segments = [this.decode(this.posOf(t) + 1, this.endOf(t) - 2)];
    const expressions: Expression[] = [];
    this.enter();
    while (true) {
      this.work++;
      expressions.push(this.parseExpression());
      const piece = this.tok;
      if (this.kindOf(piece) === 'stringMiddlePiece') {
        this.advance();
        segments.push(this.decode(this.posOf(piece) + 1, this.endOf(piece) - 2));
        continue;
      }
      if (this.kindOf(piece) === 'stringRightPiece') {
        this.advance();
        segments.push(this.decode(this.posOf(piece) + 1, this.unterminated(piece) ? this.endOf(piece) : this.endOf(piece) - 1));
        break;
      }
      // Something unreadable inside `${…}`: report it and skip to the end of the hole on this line.
      this.errorExpected("expected '}' to close the '${' in the string");
      while (this.sameLine && !this.at(TK.StringMiddlePiece) && !this.at(TK.StringRightPiece)) this.advance();
      if (this.at(TK.StringMiddlePiece) && this.sameLine) continue;
      if (this.at(TK.StringRightPiece) && this.sameLine) {
        const right = this.advance();
        segments.push(this.decode(this.posOf(right) + 1, this.unterminated(right) ? this.endOf(right) : this.endOf(right) - 1));
      } else segments.push('');
      break;
    }
    this.leave();
    return this.stringNode(this.posOf(t), this.lastEnd, undefined, segments, expressions, false);
  }

  private decode(from: number, to: number): string {
    const raw = this.text.slice(from, to);
    // Most strings have no escape: no callback to allocate.
    if (raw.indexOf('\\') < 0) return raw;
    return decodeEscapes(raw, (offset, length, message) => this.error(message, from + offset, from + offset + length));
  }

  // ------------------------------------------------------------------------------------------------------
  // Types
  // ------------------------------------------------------------------------------------------------------

  private missingType(): TypeExpression {
    const at = this.lastEnd;
    return this.node('missingType', at, at, {});
  }

  /**
   * A type that starts on the same line, or a union whose leading `|` starts the next line, as the Bicep
   * formatter writes long unions (`sku:\n    | 'S0'\n    | 'S1'`); the grammar allows the leading `|`
   * (`unionTypeExpression -> "|"? singularTypeExpression ("|" singularTypeExpression)*`).
   */
  private parseTypeOnSameLine(message: string, arg?: string): TypeExpression {
    if (this.at(TK.Pipe) && this.p < this.last) return this.parseType();
    if (!this.sameLine || this.at(TK.Assign)) {
      this.errorExpected(this.fmt(message, arg));
      return this.missingType();
    }
    return this.parseType();
  }

  private parseType(): TypeExpression {
    if (this.depth > MAX_DEPTH) {
      const t = this.tok;
      this.error(`type nested more than ${MAX_DEPTH} levels deep`, this.posOf(t), this.endOf(t));
      if (this.kindOf(t) !== 'eof') this.advance();
      return this.missingType();
    }
    this.depth++;
    const start = this.posOf(this.tok);
    // A leading `|` before the first member of a multi-line union.
    const first = this.at(TK.Pipe) ? (this.advance(), this.parseUnionMember()) : this.parseTypePostfix();
    let result = first;
    if (this.at(TK.Pipe)) {
      const members = [first];
      while (this.at(TK.Pipe)) {
        this.work++;
        this.advance();
        members.push(this.parseUnionMember());
      }
      result = this.node('unionType', start, this.lastEnd, { members });
    }
    this.depth--;
    return result;
  }

  /**
   * The member after a `|`, on the same line as it (as the Bicep formatter writes unions): a `|` that ends its
   * line is a member left unwritten, so the next line (a declaration, a property of an object type) stays intact.
   */
  private parseUnionMember(): TypeExpression {
    if (this.sameLine) return this.parseTypePostfix();
    this.errorExpected("expected a type after '|'");
    return this.missingType();
  }

  private parseTypePostfix(): TypeExpression {
    const start = this.posOf(this.tok);
    let type = this.parseTypePrimary();
    while (this.sameLine) {
      this.work++;
      const t = this.tok;
      if (this.kindOf(t) === '?') {
        this.advance();
        type = this.node('nullableType', start, this.lastEnd, { base: type });
      } else if (this.kindOf(t) === '[') {
        const open = this.advance();
        if (this.at(TK.RBracket)) {
          this.advance();
          type = this.node('arrayType', start, this.lastEnd, { element: type });
        } else {
          let index: IntegerLiteral | undefined;
          if (this.at(TK.Star)) {
            this.advance();
            index = undefined;
          } else if (this.at(TK.Integer)) {
            const n = this.advance();
            index = this.node('integer', this.posOf(n), this.endOf(n), { value: Number(this.textOf(n)) });
          } else {
            this.errorExpected("expected ']' (array type), an index or '*'");
            index = undefined;
          }
          this.eatCloser(']', open, 'type index');
          type = this.node('typeIndexAccess', start, this.lastEnd, { base: type, index });
        }
      } else if (this.kindOf(t) === '.') {
        this.advance();
        let property: Identifier;
        if (this.at(TK.Star) && this.sameLine) {
          const star = this.advance();
          property = this.node('identifier', this.posOf(star), this.endOf(star), { name: '*' });
        } else property = this.expectName("a property name after '.'");
        type = this.node('typePropertyAccess', start, this.lastEnd, { base: type, property });
      } else break;
    }
    return type;
  }

  private parseTypePrimary(): TypeExpression {
    const t = this.tok;
    switch (this.kindOf(t)) {
      case 'identifier': {
        if (this.isWord(t, 'resource') && this.kindOf(this.peek()) === 'stringComplete' && !this.nl(this.peek())) {
          this.advance();
          const typeString = this.parseString();
          return this.node('resourceType', this.posOf(t), this.lastEnd, { typeString });
        }
        let namespace: Identifier | undefined;
        let name = this.identifier();
        const dot = this.tok;
        if (this.kindOf(dot) === '.' && !this.nl(dot) && this.kindOf(this.peek()) === 'identifier' && !this.nl(this.peek())) {
          this.advance();
          namespace = name;
          name = this.identifier();
        }
        if (this.at(TK.Lt) && this.sameLine) {
          const lt = this.advance();
          const args: TypeExpression[] = [];
          while (true) {
            this.work++;
            if (this.at(TK.Gt)) {
              this.advance();
              break;
            }
            if (!this.sameLine) {
              this.error(`expected '>' to close the type arguments of '${name.name}'`, this.posOf(lt), this.lastEnd);
              break;
            }
            const before = this.p;
            args.push(this.parseType());
            if (this.at(TK.Comma)) this.advance();
            else if (!this.at(TK.Gt)) {
              this.errorExpected(`expected '>' to close the type arguments of '${name.name}'`);
              if (this.p === before) this.advance();
              break;
            }
          }
          return this.node('parameterizedType', this.posOf(t), this.lastEnd, { namespace, name, arguments: args });
        }
        return this.node('typeReference', this.posOf(t), this.lastEnd, { namespace, name });
      }
      case 'stringComplete':
      case 'stringLeftPiece':
      case 'multilineString': {
        const value = this.parseString();
        return this.node('literalType', this.posOf(t), this.lastEnd, { value });
      }
      case 'integer': {
        this.advance();
        const value = this.node('integer', this.posOf(t), this.endOf(t), { value: Number(this.textOf(t)) });
        return this.node('literalType', this.posOf(t), this.endOf(t), { value });
      }
      case '-': {
        this.advance();
        if (this.at(TK.Integer) && this.sameLine) {
          const n = this.advance();
          const operand = this.node('integer', this.posOf(n), this.endOf(n), { value: Number(this.textOf(n)) });
          const value = this.node('unary', this.posOf(t), this.endOf(n), { operator: '-', operand });
          return this.node('literalType', this.posOf(t), this.endOf(n), { value });
        }
        this.errorExpected("expected a number after '-'");
        return this.missingType();
      }
      case 'true':
      case 'false': {
        this.advance();
        const value = this.node('boolean', this.posOf(t), this.endOf(t), { value: this.kindOf(t) === 'true' });
        return this.node('literalType', this.posOf(t), this.endOf(t), { value });
      }
      case 'null': {
        this.advance();
        const value = this.node('null', this.posOf(t), this.endOf(t), {});
        return this.node('literalType', this.posOf(t), this.endOf(t), { value });
      }
      case '{':
        return this.parseObjectType();
      case '[':
        return this.parseTupleType();
      case '(': {
        const open = this.advance();
        this.enter();
        const type = this.parseType();
        this.leave();
        this.eatCloser(')', open, 'parenthesised type');
        return this.node('parenthesizedType', this.posOf(open), this.lastEnd, { type });
      }
      default:
        this.errorExpected(`expected a type (string, int, bool, object, array or a type name), found ${this.describe(t)}`);
        return this.missingType();
    }
  }

  private parseObjectType(): TypeExpression {
    const open = this.advance();
    const properties: ObjectTypeProperty[] = [];
    let additionalProperties: ObjectTypeAdditionalProperties | undefined;
    this.enter();
    const end = this.parseDelimited(open, 'object type', true, () => {
      const start = this.posOf(this.tok);
      const decorators = this.parseDecorators();
      const t = this.tok;
      if (this.kindOf(t) === '*') {
        this.advance();
        const type = this.parseMemberType("'*'");
        additionalProperties = this.node('objectTypeAdditionalProperties', start, this.lastEnd, { decorators, type });
        return;
      }
      let key: Identifier | StringLiteral;
      if (this.atName()) key = this.identifier();
      else if (this.atString()) key = this.parseString();
      else {
        this.error(`expected a property name, found ${this.describe(t)}`, this.posOf(t), this.endOf(t));
        this.skipRestOfLine();
        return;
      }
      const name = key.kind === 'identifier' ? key.name : key.value;
      const type = this.parseMemberType("'%s'", name ?? '');
      properties.push(this.node('objectTypeProperty', start, this.lastEnd, { decorators, key, name, type }));
    });
    this.leave();
    return this.node('objectType', this.posOf(open), end, { properties, additionalProperties });
  }

  private parseMemberType(what: string, arg?: string): TypeExpression {
    if (this.sameLine && this.at(TK.Colon)) {
      this.advance();
      return this.parseTypeOnSameLine("expected a type for %s after ':'", this.fmt(what, arg));
    }
    this.errorExpected(`expected ':' and a type after ${this.fmt(what, arg)}`);
    return this.missingType();
  }

  private parseTupleType(): TypeExpression {
    const open = this.advance();
    const items: TupleTypeItem[] = [];
    this.enter();
    const end = this.parseDelimited(open, 'tuple type', true, () => {
      const start = this.posOf(this.tok);
      const decorators = this.parseDecorators();
      const type = this.parseType();
      items.push(this.node('tupleTypeItem', start, this.lastEnd, { decorators, type }));
    });
    this.leave();
    return this.node('tupleType', this.posOf(open), end, { items });
  }
}

/** `'Microsoft.Cache/redis@2024-03-01'` → type and API version. */
export function splitResourceType(value: string | undefined): { resourceType: string; apiVersion: string | undefined } {
  if (value === undefined) return { resourceType: '', apiVersion: undefined };
  const at = value.indexOf('@');
  if (at < 0) return { resourceType: value, apiVersion: undefined };
  return { resourceType: value.slice(0, at), apiVersion: value.slice(at + 1) };
}
