// The typed syntax tree of a Bicep (.bicep) or Bicep parameters (.bicepparam) file, as produced by parser.ts.
//
// Contract for the rest of the project (Bicep → graph, fixes, suppressions): additive changes only.
//
// Every node and token has `range` (0-based line/character plus UTF-16 offset, as in LSP) and the offsets
// `pos`/`end` (end exclusive), so `text.slice(node.pos, node.end)` is the node's source text. `range` is computed
// lazily from the file's line table the first time it is read (most ranges are never read, and computing them
// eagerly costs a third of the parse time); it is a getter, so spreading a node (`{...node}`) drops it.
//
// Error recovery never leaves a hole: where the parser expected something and found nothing, the tree holds a
// `MissingExpression` / `MissingType` / an empty `Identifier` with `missing: true`, and a diagnostic says why.

import type { Range } from '../../graph/types';

// ----------------------------------------------------------------------------------------------------------
// Tokens and trivia
// ----------------------------------------------------------------------------------------------------------

export type TokenKind =
  | 'identifier' // also every contextual keyword: param, var, resource, if, for, in, existing, ...
  | 'true'
  | 'false'
  | 'null'
  | 'integer'
  | 'stringComplete' // 'abc'
  | 'stringLeftPiece' // 'abc${
  | 'stringMiddlePiece' // }abc${
  | 'stringRightPiece' // }abc'
  | 'multilineString' // '''abc'''
  | '{'
  | '}'
  | '['
  | ']'
  | '('
  | ')'
  | ','
  | '.'
  | '.?' // safe dereference a.?b
  | '::'
  | ':'
  | '?'
  | '??'
  | '='
  | '=>'
  | '==' | '!=' | '=~' | '!~'
  | '<' | '<=' | '>' | '>='
  | '&&' | '||'
  | '!'
  | '+' | '-' | '*' | '/' | '%'
  | '@'
  | '|'
  | '...'
  | 'error' // a character Bicep does not know, or an unterminated string/comment
  | 'eof';

/**
 * A significant token. Whitespace, newlines, comments and directives are trivia: they are not tokens, they sit
 * between tokens. `fullPos` is where this token's leading trivia starts (the previous token's `end`), so the
 * concatenation of `text.slice(t.fullPos, t.end)` over all tokens (the last one is `eof`) is the file, byte for byte.
 */
export interface Token {
  readonly kind: TokenKind;
  readonly pos: number;
  readonly end: number;
  readonly fullPos: number;
  /** The leading trivia contains a line break (outside block comments). Newlines are significant in Bicep. */
  readonly newlineBefore: boolean;
  readonly text: string;
  readonly range: Range;
}

export interface Comment {
  readonly kind: 'comment';
  /** `//…` (line) or `/*…*\/` (block). */
  readonly style: 'line' | 'block';
  /** The full source text including the delimiters. */
  readonly text: string;
  /** The text without the delimiters, trimmed: e.g. `plreview-disable-next-line dns-zone-not-linked`. */
  readonly body: string;
  readonly pos: number;
  readonly end: number;
  readonly range: Range;
}

/** `#disable-next-line BCP081 no-hardcoded-env-urls`, `#disable-diagnostics …`, `#restore-diagnostics …`. */
export interface Directive {
  readonly kind: 'directive';
  /** e.g. `disable-next-line`, `disable-diagnostics`, `restore-diagnostics` (kept as written if unknown). */
  readonly name: string;
  /** The diagnostic codes listed after the directive name. */
  readonly codes: readonly string[];
  readonly text: string;
  readonly pos: number;
  readonly end: number;
  readonly range: Range;
}

export interface ParseDiagnostic {
  readonly message: string;
  readonly range: Range;
  /** Always 'error' today; present so callers need not assume. */
  readonly severity: 'error';
}

// ----------------------------------------------------------------------------------------------------------
// Nodes
// ----------------------------------------------------------------------------------------------------------

interface NodeBase {
  readonly pos: number;
  readonly end: number;
  readonly range: Range;
}

/** A name: a declaration's symbol, a property name after `.`, a parameter of a lambda, a variable reference. */
export interface Identifier extends NodeBase {
  readonly kind: 'identifier';
  readonly name: string;
  /** True when the parser made this up during error recovery (name is ''). */
  readonly missing?: boolean;
}

export interface BicepFile extends NodeBase {
  readonly kind: 'file';
  readonly fileName: string | undefined;
  /** `.bicepparam` (decided from fileName, or from a `using` declaration when there is no name). */
  readonly isParamsFile: boolean;
  readonly text: string;
  readonly statements: readonly Statement[];
  /** Every significant token, in order, ending with `eof`. */
  readonly tokens: readonly Token[];
  readonly comments: readonly Comment[];
  readonly directives: readonly Directive[];
  /** Offsets where each line starts (lineStarts[0] = 0). */
  readonly lineStarts: readonly number[];
}

export type Statement =
  | TargetScopeDeclaration
  | MetadataDeclaration
  | ParameterDeclaration
  | VariableDeclaration
  | OutputDeclaration
  | ResourceDeclaration
  | ModuleDeclaration
  | TypeDeclaration
  | FunctionDeclaration
  | ImportDeclaration
  | ExtensionDeclaration
  | UsingDeclaration
  | ExtendsDeclaration
  | ParameterAssignment
  | AssertDeclaration
  | ErrorStatement;

interface DeclarationBase extends NodeBase {
  /** Decorators written above the declaration (`@description('…')`, `@sys.secure()`, `@batchSize(1)`). */
  readonly decorators: readonly Decorator[];
  /** The keyword token (`param`, `resource`, ...): handy for "insert before" edits. */
  readonly keyword: Token;
}

/** `@name(args)` or `@ns.name(args)`. */
export interface Decorator extends NodeBase {
  readonly kind: 'decorator';
  readonly namespace: Identifier | undefined;
  readonly name: Identifier;
  readonly arguments: readonly Expression[];
}

export interface TargetScopeDeclaration extends DeclarationBase {
  readonly kind: 'targetScope';
  readonly value: Expression;
}

export interface MetadataDeclaration extends DeclarationBase {
  readonly kind: 'metadata';
  readonly name: Identifier;
  readonly value: Expression;
}

/** `param name type = default` (a .bicep parameter). In .bicepparam files see ParameterAssignment. */
export interface ParameterDeclaration extends DeclarationBase {
  readonly kind: 'param';
  readonly name: Identifier;
  readonly type: TypeExpression;
  readonly defaultValue: Expression | undefined;
}

/** `var name = value` or typed `var name type = value`. */
export interface VariableDeclaration extends DeclarationBase {
  readonly kind: 'var';
  readonly name: Identifier;
  readonly type: TypeExpression | undefined;
  readonly value: Expression;
}

export interface OutputDeclaration extends DeclarationBase {
  readonly kind: 'output';
  readonly name: Identifier;
  readonly type: TypeExpression;
  readonly value: Expression;
}

/** The body after `=` of a resource or module: an object, `if (…) {…}`, or `[for … in …: …]`. */
export type DeclarationBody = ObjectExpression | IfExpression | ForExpression | MissingExpression;

export interface ResourceDeclaration extends DeclarationBase {
  readonly kind: 'resource';
  readonly name: Identifier;
  /** The `'Microsoft.Cache/redis@2024-03-01'` string as written. */
  readonly typeString: StringLiteral | MissingExpression;
  /** `Microsoft.Cache/redis` (or the child type segment for a nested resource, e.g. `subnets`); '' if unreadable. */
  readonly resourceType: string;
  /** `2024-03-01`, or undefined when the string has no `@`. */
  readonly apiVersion: string | undefined;
  readonly existing: boolean;
  readonly body: DeclarationBody;
}

export interface ModuleDeclaration extends DeclarationBase {
  readonly kind: 'module';
  readonly name: Identifier;
  /** `'./pe.bicep'`, `'br/public:avm/res/network/private-endpoint:0.7.0'`, `'br:…'`, `'ts:…'`. */
  readonly path: StringLiteral | MissingExpression;
  readonly body: DeclarationBody;
}

export interface TypeDeclaration extends DeclarationBase {
  readonly kind: 'type';
  readonly name: Identifier;
  readonly value: TypeExpression;
}

export interface FunctionParameter extends NodeBase {
  readonly kind: 'functionParameter';
  readonly name: Identifier;
  readonly type: TypeExpression;
}

/** `func name(a string, b int) string => body`. */
export interface FunctionDeclaration extends DeclarationBase {
  readonly kind: 'func';
  readonly name: Identifier;
  readonly parameters: readonly FunctionParameter[];
  readonly returnType: TypeExpression;
  readonly body: Expression;
}

/** `{ a, b as c }` in `import { a, b as c } from './types.bicep'`. */
export interface ImportedSymbol extends NodeBase {
  readonly kind: 'importedSymbol';
  /** The exported name: an identifier, or a string for names that are not identifiers. */
  readonly name: Identifier | StringLiteral;
  readonly alias: Identifier | undefined;
}

/**
 * `import { a, b as c } from 'file.bicep'`, `import * as ns from 'file.bicep'`, and the older provider form
 * `import 'az@1.0.0' [with {...}] [as alias]`.
 */
export interface ImportDeclaration extends DeclarationBase {
  readonly kind: 'import';
  /** The `{ … }` list (named import), or undefined. */
  readonly symbols: readonly ImportedSymbol[] | undefined;
  /** The `ns` of `* as ns`, or undefined. */
  readonly wildcardAlias: Identifier | undefined;
  /** The path after `from`, or the provider specification string of the older form. */
  readonly from: StringLiteral | MissingExpression | undefined;
  readonly config: Expression | undefined;
  /** The `as alias` of the older provider form. */
  readonly alias: Identifier | undefined;
}

/** `extension microsoftGraphV1`, `extension 'br:…' with {…} as alias` (and the older keyword `provider`). */
export interface ExtensionDeclaration extends DeclarationBase {
  readonly kind: 'extension';
  readonly specification: Identifier | StringLiteral | MissingExpression;
  readonly config: Expression | undefined;
  readonly alias: Identifier | undefined;
}

/** `using './main.bicep'` or `using none` in a .bicepparam file (optionally `with {…}`). */
export interface UsingDeclaration extends DeclarationBase {
  readonly kind: 'using';
  /** undefined for `using none`. */
  readonly path: StringLiteral | MissingExpression | undefined;
  readonly config: Expression | undefined;
}

/** `extends './base.bicepparam'` in a .bicepparam file. */
export interface ExtendsDeclaration extends DeclarationBase {
  readonly kind: 'extends';
  readonly path: StringLiteral | MissingExpression;
}

/** `param name = value` in a .bicepparam file. */
export interface ParameterAssignment extends DeclarationBase {
  readonly kind: 'paramAssignment';
  readonly name: Identifier;
  readonly value: Expression;
}

/** `assert name = condition`. */
export interface AssertDeclaration extends DeclarationBase {
  readonly kind: 'assert';
  readonly name: Identifier;
  readonly value: Expression;
}

/** A line the parser could not read as any declaration (a diagnostic was reported for it). */
export interface ErrorStatement extends NodeBase {
  readonly kind: 'error';
  readonly decorators: readonly Decorator[];
}

// ----------------------------------------------------------------------------------------------------------
// Expressions
// ----------------------------------------------------------------------------------------------------------

export type Expression =
  | StringLiteral
  | IntegerLiteral
  | BooleanLiteral
  | NullLiteral
  | Identifier
  | ArrayExpression
  | ObjectExpression
  | PropertyAccessExpression
  | ResourceAccessExpression
  | IndexExpression
  | NonNullExpression
  | CallExpression
  | UnaryExpression
  | BinaryExpression
  | TernaryExpression
  | LambdaExpression
  | ForExpression
  | IfExpression
  | ParenthesizedExpression
  | MissingExpression;

/**
 * A string: `'abc'`, `'a${b}c'` (interpolated), or `'''multi-line'''`. `segments` are the literal pieces with
 * escapes decoded; there is always one more segment than expressions: `'a${b}c'` → segments ['a', 'c'],
 * expressions [b]. `value` is the decoded text when the string has no interpolation, else undefined.
 */
export interface StringLiteral extends NodeBase {
  readonly kind: 'string';
  readonly value: string | undefined;
  readonly segments: readonly string[];
  readonly expressions: readonly Expression[];
  readonly multiline: boolean;
}

export interface IntegerLiteral extends NodeBase {
  readonly kind: 'integer';
  readonly value: number;
}

export interface BooleanLiteral extends NodeBase {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export interface NullLiteral extends NodeBase {
  readonly kind: 'null';
}

/** `...expr` inside an object or an array. */
export interface SpreadExpression extends NodeBase {
  readonly kind: 'spread';
  readonly expression: Expression;
}

export interface ArrayExpression extends NodeBase {
  readonly kind: 'array';
  readonly items: readonly (Expression | SpreadExpression)[];
}

/** `key: value`. The key is an identifier (`sku`) or a string (`'hidden-link:…'`, or interpolated). */
export interface ObjectProperty extends NodeBase {
  readonly kind: 'property';
  readonly key: Identifier | StringLiteral;
  /** The key's text (identifier name or decoded string), undefined for an interpolated key. */
  readonly name: string | undefined;
  readonly value: Expression;
}

export type ObjectMember = ObjectProperty | SpreadExpression | ResourceDeclaration;

export interface ObjectExpression extends NodeBase {
  readonly kind: 'object';
  /** All members in source order: properties, spreads, and nested child `resource` declarations. */
  readonly members: readonly ObjectMember[];
  /** Just the `key: value` members. */
  readonly properties: readonly ObjectProperty[];
  /** Nested child resources (`resource subnet 'subnets' = {…}` inside a VNet). */
  readonly resources: readonly ResourceDeclaration[];
}

/** `a.b` and the safe form `a.?b`. */
export interface PropertyAccessExpression extends NodeBase {
  readonly kind: 'propertyAccess';
  readonly object: Expression;
  readonly property: Identifier;
  readonly safe: boolean;
}

/** `parent::child`. */
export interface ResourceAccessExpression extends NodeBase {
  readonly kind: 'resourceAccess';
  readonly object: Expression;
  readonly resource: Identifier;
}

/** `a[i]` and the safe form `a[?i]`. */
export interface IndexExpression extends NodeBase {
  readonly kind: 'index';
  readonly object: Expression;
  readonly index: Expression;
  readonly safe: boolean;
}

/** `expr!`. */
export interface NonNullExpression extends NodeBase {
  readonly kind: 'nonNull';
  readonly expression: Expression;
}

/**
 * `f(a, b)`, a namespaced call `az.resourceGroup()` / `sys.concat(…)`, or a method on a value such as
 * `redis.listKeys()`: `object` is what precedes the `.` (undefined for a plain call).
 */
export interface CallExpression extends NodeBase {
  readonly kind: 'call';
  readonly object: Expression | undefined;
  readonly name: Identifier;
  readonly arguments: readonly Expression[];
}

export type UnaryOperator = '!' | '-' | '+';

export interface UnaryExpression extends NodeBase {
  readonly kind: 'unary';
  readonly operator: UnaryOperator;
  readonly operand: Expression;
}

export type BinaryOperator =
  | '??'
  | '||'
  | '&&'
  | '==' | '!=' | '=~' | '!~'
  | '<' | '<=' | '>' | '>='
  | '+' | '-'
  | '*' | '/' | '%';

export interface BinaryExpression extends NodeBase {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

export interface TernaryExpression extends NodeBase {
  readonly kind: 'ternary';
  readonly condition: Expression;
  readonly whenTrue: Expression;
  readonly whenFalse: Expression;
}

/** `x => body`, `(a, b) => body`, `() => body`. */
export interface LambdaExpression extends NodeBase {
  readonly kind: 'lambda';
  readonly parameters: readonly Identifier[];
  readonly body: Expression;
}

/**
 * `[for item in items: body]`, `[for (item, index) in items: body]`, `[for i in range(0, 3): body]`.
 * The range covers the brackets. `body` is often an object or an IfExpression.
 */
export interface ForExpression extends NodeBase {
  readonly kind: 'for';
  readonly item: Identifier | undefined;
  readonly index: Identifier | undefined;
  readonly iterable: Expression;
  readonly body: Expression;
}

/** `if (condition) { … }`: the body of a conditional resource or module. */
export interface IfExpression extends NodeBase {
  readonly kind: 'if';
  readonly condition: Expression;
  readonly body: Expression;
}

export interface ParenthesizedExpression extends NodeBase {
  readonly kind: 'parenthesized';
  readonly expression: Expression;
}

/** Placeholder where an expression was required but absent (a diagnostic says so). Zero or more characters. */
export interface MissingExpression extends NodeBase {
  readonly kind: 'missing';
}

// ----------------------------------------------------------------------------------------------------------
// Type expressions
// ----------------------------------------------------------------------------------------------------------

export type TypeExpression =
  | TypeReference
  | TypePropertyAccess
  | TypeIndexAccess
  | LiteralType
  | UnionType
  | NullableType
  | ArrayType
  | TupleType
  | ObjectType
  | ParameterizedType
  | ResourceType
  | ParenthesizedType
  | MissingType;

/** `string`, `int`, `myType`, `sys.string`, `types.redisConfig` (namespace or import alias). */
export interface TypeReference extends NodeBase {
  readonly kind: 'typeReference';
  readonly namespace: Identifier | undefined;
  readonly name: Identifier;
}

/** `myType.property` (type member access). */
export interface TypePropertyAccess extends NodeBase {
  readonly kind: 'typePropertyAccess';
  readonly base: TypeExpression;
  readonly property: Identifier;
}

/** `myTuple[0]`, `myArray[*]`, `myObject.*` is written as TypeIndexAccess with wildcard. */
export interface TypeIndexAccess extends NodeBase {
  readonly kind: 'typeIndexAccess';
  readonly base: TypeExpression;
  /** undefined for `[*]`. */
  readonly index: IntegerLiteral | undefined;
}

/** `'Enabled'`, `1`, `-1`, `true`, `null` as a type (mostly inside unions). */
export interface LiteralType extends NodeBase {
  readonly kind: 'literalType';
  readonly value: StringLiteral | IntegerLiteral | BooleanLiteral | NullLiteral | UnaryExpression;
}

/** `'Enabled' | 'Disabled'`. */
export interface UnionType extends NodeBase {
  readonly kind: 'unionType';
  readonly members: readonly TypeExpression[];
}

/** `string?`. */
export interface NullableType extends NodeBase {
  readonly kind: 'nullableType';
  readonly base: TypeExpression;
}

/** `string[]`. */
export interface ArrayType extends NodeBase {
  readonly kind: 'arrayType';
  readonly element: TypeExpression;
}

/** `[string, int]`. */
export interface TupleType extends NodeBase {
  readonly kind: 'tupleType';
  readonly items: readonly TupleTypeItem[];
}

export interface TupleTypeItem extends NodeBase {
  readonly kind: 'tupleTypeItem';
  readonly decorators: readonly Decorator[];
  readonly type: TypeExpression;
}

export interface ObjectTypeProperty extends NodeBase {
  readonly kind: 'objectTypeProperty';
  readonly decorators: readonly Decorator[];
  readonly key: Identifier | StringLiteral;
  readonly name: string | undefined;
  readonly type: TypeExpression;
}

/** `*: string` in an object type. */
export interface ObjectTypeAdditionalProperties extends NodeBase {
  readonly kind: 'objectTypeAdditionalProperties';
  readonly decorators: readonly Decorator[];
  readonly type: TypeExpression;
}

export interface ObjectType extends NodeBase {
  readonly kind: 'objectType';
  readonly properties: readonly ObjectTypeProperty[];
  readonly additionalProperties: ObjectTypeAdditionalProperties | undefined;
}

/** `resourceInput<'Microsoft.Cache/redis@2024-03-01'>`, `resourceOutput<…>`, `resource<…>`. */
export interface ParameterizedType extends NodeBase {
  readonly kind: 'parameterizedType';
  readonly namespace: Identifier | undefined;
  readonly name: Identifier;
  readonly arguments: readonly TypeExpression[];
}

/** The older resource-typed parameter/output: `param r resource 'Microsoft.Cache/redis@2024-03-01'`. */
export interface ResourceType extends NodeBase {
  readonly kind: 'resourceType';
  readonly typeString: StringLiteral | MissingExpression;
}

export interface ParenthesizedType extends NodeBase {
  readonly kind: 'parenthesizedType';
  readonly type: TypeExpression;
}

export interface MissingType extends NodeBase {
  readonly kind: 'missingType';
}

export type SyntaxNode =
  | BicepFile
  | Statement
  | Decorator
  | Expression
  | SpreadExpression
  | ObjectProperty
  | ImportedSymbol
  | FunctionParameter
  | TypeExpression
  | TupleTypeItem
  | ObjectTypeProperty
  | ObjectTypeAdditionalProperties;

// ----------------------------------------------------------------------------------------------------------
// Accessors (pure helpers over the tree)
// ----------------------------------------------------------------------------------------------------------

/** The `name: value` property of an object, by name (case-sensitive, as ARM property names in Bicep are). */
export function objectProperty(obj: ObjectExpression, name: string): ObjectProperty | undefined {
  // The last one wins, as in ARM JSON; duplicates are a Bicep error anyway.
  const props = obj.properties;
  for (let i = props.length - 1; i >= 0; i--) if (props[i].name === name) return props[i];
  return undefined;
}

/** The value of `obj.a.b.c` following nested object literals; undefined when any step is not an object literal. */
export function objectPath(obj: ObjectExpression, path: readonly string[]): Expression | undefined {
  let current: Expression = obj;
  for (const segment of path) {
    if (current.kind !== 'object') return undefined;
    const prop = objectProperty(current, segment);
    if (!prop) return undefined;
    current = prop.value;
  }
  return current;
}

/** The decoded value of a plain string literal (no interpolation), else undefined. */
export function stringValue(expr: Expression | TypeExpression | undefined): string | undefined {
  return expr !== undefined && expr.kind === 'string' ? expr.value : undefined;
}

/** Looks through parentheses and `!` (non-null), which do not change a value. */
export function unwrap(expr: Expression): Expression {
  let e = expr;
  while (e.kind === 'parenthesized' || e.kind === 'nonNull') e = e.expression;
  return e;
}

/**
 * The object literal that configures a resource or module: the body itself, or the object under `if (…)` and
 * `[for …: …]` (also `[for …: if (…) {…}]`). undefined when the body is not written as a literal.
 */
export function bodyObject(decl: ResourceDeclaration | ModuleDeclaration): ObjectExpression | undefined {
  let body: Expression = decl.body;
  for (let i = 0; i < 3; i++) {
    if (body.kind === 'object') return body;
    if (body.kind === 'if' || body.kind === 'for') body = body.body;
    else return undefined;
  }
  return undefined;
}

/** True when the body of a resource/module is (or contains) a `[for …]` loop. */
export function isLoop(decl: ResourceDeclaration | ModuleDeclaration): boolean {
  return decl.body.kind === 'for';
}

/** The `if (…)` condition of a resource/module (also inside a loop), or undefined. */
export function condition(decl: ResourceDeclaration | ModuleDeclaration): Expression | undefined {
  const body = decl.body.kind === 'for' ? decl.body.body : decl.body;
  return body.kind === 'if' ? body.condition : undefined;
}

/** The first decorator named `name` (with or without the `sys.` namespace). */
export function findDecorator(
  decl: { readonly decorators: readonly Decorator[] },
  name: string,
): Decorator | undefined {
  return decl.decorators.find((d) => d.name.name === name);
}

/** The `@description('…')` text of a declaration, when it is a plain string. */
export function descriptionOf(decl: { readonly decorators: readonly Decorator[] }): string | undefined {
  const d = findDecorator(decl, 'description');
  return d && d.arguments.length > 0 ? stringValue(d.arguments[0]) : undefined;
}

/** Declarations with a symbol name (everything except targetScope, import, extension, using, extends, errors). */
export type NamedDeclaration = Extract<Statement, { readonly name: Identifier }>;

/** All top-level declarations of one kind, e.g. `declarationsOf(file, 'resource')`. */
export function declarationsOf<K extends Statement['kind']>(
  file: BicepFile,
  kind: K,
): Extract<Statement, { kind: K }>[] {
  return file.statements.filter((s): s is Extract<Statement, { kind: K }> => s.kind === kind);
}

/** Every resource declaration, top-level and nested (child resources inside bodies), in source order. */
export function allResources(file: BicepFile): ResourceDeclaration[] {
  const out: ResourceDeclaration[] = [];
  const visit = (r: ResourceDeclaration) => {
    out.push(r);
    const body = bodyObject(r);
    if (body) for (const child of body.resources) visit(child);
  };
  for (const s of file.statements) if (s.kind === 'resource') visit(s);
  return out;
}

/** The comments that end on `line` (0-based), e.g. to find a suppression comment on the line above a node. */
export function commentsOnLine(file: BicepFile, line: number): Comment[] {
  const starts = file.lineStarts;
  if (line < 0 || line >= starts.length) return [];
  const lineStart = starts[line];
  const lineEnd = line + 1 < starts.length ? starts[line + 1] : file.text.length;
  const out: Comment[] = [];
  // Comments are sorted by position: binary search for the first comment ending at or after lineStart.
  const cs = file.comments;
  let lo = 0;
  let hi = cs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cs[mid].end < lineStart) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < cs.length && cs[i].pos < lineEnd; i++) {
    if (cs[i].end >= lineStart && cs[i].end <= lineEnd) out.push(cs[i]);
  }
  return out;
}

/** The directives (`#disable-next-line …`) on `line` (0-based). */
export function directivesOnLine(file: BicepFile, line: number): Directive[] {
  return file.directives.filter((d) => d.range.start.line === line);
}
