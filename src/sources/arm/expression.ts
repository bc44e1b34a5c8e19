// ARM template expressions (`[resourceId('Microsoft.Cache/redis', parameters('name'))]`): a small parser and an
// evaluator for the functions a Private Link design needs. Anything the evaluator cannot know at design time
// (reference(), resourceGroup(), uniqueString(), a parameter without default…) is Unknown, never a guess.
// Unknown strings keep a `symbol` (the expression text) so that a name and a resourceId() built from the same
// parameter still match inside one template.

import type { Unknown } from '../../graph/types';
import { ownString } from '../../graph/own-string';
import { isUnknown } from '../../graph/types';
import { DepthGuard, MAX_NESTING } from '../nesting';
import { applyArmFunction, isArmFunction } from './functions';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** An evaluated value: JSON, possibly with Unknowns inside arrays and objects. */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | SymbolicUnknown;

export interface SymbolicUnknown extends Unknown {
  /** A stable stand-in for the unknown text, without `/`, used to build ids that match within one file. */
  readonly symbol: string;
}

export function symbolicUnknown(why: string, symbol: string): SymbolicUnknown {
  return { unknown: true, why, symbol: symbol.replace(/\//g, '|') };
}

export type Expr =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly text: string }
  | { readonly kind: 'member'; readonly target: Expr; readonly name: string; readonly text: string }
  | { readonly kind: 'index'; readonly target: Expr; readonly index: Expr; readonly text: string };

export class ExpressionSyntaxError extends Error {}

/** True when a JSON string is an expression (`[...]`, but not the `[[` escape). */
export function isExpression(text: string): boolean {
  return text.length >= 2 && text.startsWith('[') && text.endsWith(']') && !text.startsWith('[[');
}

/** The literal value of a JSON string that is not an expression (`[[x]` means the text `[x]`). */
export function literalString(text: string): string {
  return text.startsWith('[[') ? text.slice(1) : text;
}

/**
 * A cache by expression text that outlives every template: bounded by the characters held (when full, it starts
 * again empty). Texts are cut from a template's text, which the cache outlives, so a key must be the caller's own
 * copy (own-string.ts).
 */
class TextCache<V> {
  private readonly byText = new Map<string, V>();
  private chars = 0;

  get(text: string): V | undefined {
    return this.byText.get(text);
  }

  set(ownText: string, value: V): void {
    if (this.chars + ownText.length > TEXT_CACHE_MAX_CHARS) {
      this.byText.clear();
      this.chars = 0;
    }
    this.byText.set(ownText, value);
    this.chars += ownText.length;
  }
}

const TEXT_CACHE_MAX_CHARS = 2_000_000;

/**
 * Trees by expression text, shared by every template: `bicep build` inlines each module into every template that
 * uses it, so the same expressions recur (the AVM corpus: 125,000 expressions, 14,000 different texts). Parsing
 * is a pure function of the text and trees are never modified, so sharing them is safe.
 */
const parsedTexts = new TextCache<Expr | ExpressionSyntaxError>();

export function parseExpression(source: string): Expr {
  let result = parsedTexts.get(source);
  if (result === undefined) {
    // The key, and the tree's names and strings cut from the text, come from a copy (see TextCache).
    const ownSource = ownString(source);
    result = parseOrError(ownSource);
    parsedTexts.set(ownSource, result);
  }
  if (result instanceof ExpressionSyntaxError) throw new ExpressionSyntaxError(result.message);
  return result;
}

function parseOrError(source: string): Expr | ExpressionSyntaxError {
  try {
    return parseWith(new Parser(source, 0, source.length, true));
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return error;
    throw error;
  }
}

/**
 * Why the expression `text.slice(start, end)` does not parse (parseExpression's error message), or undefined
 * when it does. Reads the text in place and builds nothing: every expression of a template is checked (ARM
 * rejects a template with one broken expression), and most of them are never evaluated.
 */
export function expressionError(text: string, start = 0, end = text.length): string | undefined {
  // Most texts recur across templates (see parsedTexts): a text checked before, or parsed for evaluation, is not
  // read again. Hashing a text costs less than checking it.
  const source = text.slice(start, end);
  if (validTexts.get(source)) return undefined;
  const parsed = parsedTexts.get(source);
  if (parsed !== undefined) return parsed instanceof ExpressionSyntaxError ? parsed.message : undefined;
  try {
    parseWith(new Parser(text, start, end, false));
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return error.message;
    throw error;
  }
  validTexts.set(ownString(source), true);
  return undefined;
}

/** Texts expressionError found valid, shared by every template. */
const validTexts = new TextCache<true>();

function parseWith(parser: Parser): Expr {
  const expr = parser.expression();
  parser.skipSpace();
  if (!parser.atEnd()) throw new ExpressionSyntaxError(`unexpected '${parser.excerpt()}'`);
  return expr;
}

/** What a parser that only checks returns for every expression. */
const CHECKED: Expr = { kind: 'number', value: 0 };

/**
 * Recursive descent over the char codes of `src` from `pos` to `limit`, with no regular expression or substring
 * per token: large templates hold over a hundred thousand expressions. With `build` false it only checks the
 * syntax (the same errors, no tree, no substring).
 */
class Parser {
  constructor(
    readonly src: string,
    public pos: number,
    private readonly limit: number,
    private readonly build: boolean,
  ) {}

  /** The char code at `i`, NaN past the end of the expression. */
  private at(i: number): number {
    return i < this.limit ? this.src.charCodeAt(i) : NaN;
  }

  atEnd(): boolean {
    return this.pos >= this.limit;
  }

  /** Up to ten characters from the current position, for messages. */
  excerpt(from = this.pos): string {
    return this.src.slice(from, Math.min(from + 10, this.limit));
  }

  skipSpace(): void {
    while (this.pos < this.limit && isSpace(this.src.charCodeAt(this.pos))) this.pos++;
  }

  expression(): Expr {
    const outer = this.depth;
    this.deeper();
    this.skipSpace();
    const start = this.pos;
    let expr = this.primary();
    for (;;) {
      this.skipSpace();
      const ch = this.at(this.pos);
      // Each `.x` or `[i]` wraps the expression so far: one more level for the evaluator to recurse through.
      if (ch === 0x2e || ch === 0x5b) this.deeper();
      else {
        this.depth = outer;
        return expr;
      }
      if (ch === 0x2e /* . */) {
        this.pos++;
        const nameStart = this.pos;
        this.identifier();
        if (this.build) expr = { kind: 'member', target: expr, name: this.src.slice(nameStart, this.pos), text: this.src.slice(start, this.pos) };
      } else if (ch === 0x5b /* [ */) {
        this.pos++;
        const index = this.expression();
        this.expect(0x5d, ']');
        if (this.build) expr = { kind: 'index', target: expr, index, text: this.src.slice(start, this.pos) };
      } else return expr;
    }
  }

  /** Open calls and index brackets, plus the `.x` and `[i]` of the current chain (each one level of the tree). */
  private depth = 0;

  /** The parser and the evaluator recurse on the tree: deeper than MAX_NESTING is refused, not a stack overflow. */
  private deeper(): void {
    if (++this.depth > MAX_NESTING) throw new ExpressionSyntaxError(`the expression is nested more than ${MAX_NESTING} levels deep`);
  }

  private primary(): Expr {
    const ch = this.at(this.pos);
    if (ch === 0x27 /* ' */) return this.string();
    if (ch === 0x2d /* - */ || isDigit(ch)) return this.number();
    const start = this.pos;
    this.identifier();
    const nameEnd = this.pos;
    this.skipSpace();
    // A user-defined function is called by its namespace and name (`[__bicep.getResourceParts(…)]`, what Bicep
    // compiles its `func` declarations to; `[contoso.uniqueName(…)]` in hand-written templates).
    let memberStart = -1;
    let memberEnd = -1;
    if (this.at(this.pos) === 0x2e) {
      this.pos++;
      this.skipSpace();
      memberStart = this.pos;
      this.identifier();
      memberEnd = this.pos;
      this.skipSpace();
    }
    this.expect(0x28, '(');
    const args: Expr[] | undefined = this.build ? [] : undefined;
    this.skipSpace();
    if (this.at(this.pos) === 0x29 /* ) */) this.pos++;
    else {
      for (;;) {
        const arg = this.expression();
        args?.push(arg);
        this.skipSpace();
        const next = this.at(this.pos++);
        if (next === 0x29) break;
        if (next !== 0x2c /* , */) throw new ExpressionSyntaxError(`expected ',' or ')' in ${this.callName(start, nameEnd, memberStart, memberEnd)}(…)`);
      }
    }
    return args ? { kind: 'call', name: this.callName(start, nameEnd, memberStart, memberEnd), args, text: this.src.slice(start, this.pos) } : CHECKED;
  }

  /** `name` or `namespace.member`, spaces around the dot left out. */
  private callName(start: number, end: number, memberStart: number, memberEnd: number): string {
    const name = this.src.slice(start, end);
    return memberStart < 0 ? name : `${name}.${this.src.slice(memberStart, memberEnd)}`;
  }

  /** `-?\d+(\.\d+)?` */
  private number(): Expr {
    const start = this.pos;
    let i = this.pos;
    if (this.at(i) === 0x2d) i++;
    const digitsStart = i;
    while (isDigit(this.at(i))) i++;
    if (i === digitsStart) throw new ExpressionSyntaxError(`invalid number at '${this.excerpt(start)}'`);
    if (this.at(i) === 0x2e && isDigit(this.at(i + 1))) {
      i++;
      while (isDigit(this.at(i))) i++;
    }
    this.pos = i;
    return this.build ? { kind: 'number', value: Number(this.src.slice(start, i)) } : CHECKED;
  }

  /** `'…'`, where `''` is a quote. */
  private string(): Expr {
    let from = this.pos + 1; // after the opening quote
    let value = '';
    for (;;) {
      const quote = this.src.indexOf("'", from);
      if (quote < 0 || quote >= this.limit) {
        this.pos = this.limit;
        throw new ExpressionSyntaxError('unterminated string');
      }
      if (this.build) value += this.src.slice(from, quote);
      if (this.at(quote + 1) === 0x27) {
        if (this.build) value += "'";
        from = quote + 2;
      } else {
        this.pos = quote + 1;
        return this.build ? { kind: 'string', value } : CHECKED;
      }
    }
  }

  /** `[A-Za-z_]\w*`, skipped (callers slice what they keep). */
  private identifier(): void {
    let i = this.pos;
    if (isIdentifierStart(this.at(i))) {
      i++;
      while (isIdentifierStart(this.at(i)) || isDigit(this.at(i))) i++;
    }
    if (i === this.pos) throw new ExpressionSyntaxError(`expected a name at '${this.excerpt() || 'end'}'`);
    this.pos = i;
  }

  private expect(code: number, ch: string): void {
    this.skipSpace();
    if (this.at(this.pos) !== code) throw new ExpressionSyntaxError(`expected '${ch}' at '${this.excerpt() || 'end'}'`);
    this.pos++;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isIdentifierStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

/** What `/\s/` matches, ASCII first. */
function isSpace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  return c > 0x7f && /\s/.test(String.fromCharCode(c));
}

/**
 * Where `resourceId()`'s arguments put a resource: a part given as a string, given but not known (`null`), or not
 * given (`undefined`: the deployment's own, as ARM reads it). `level` says which function: `subscriptionResourceId`
 * has no resource group, `tenantResourceId` neither.
 */
export interface IdScope {
  readonly subscriptionId?: string | null;
  readonly resourceGroup?: string | null;
  readonly level: 'resourceGroup' | 'subscription' | 'tenant';
}

/** What expressions can look up: parameters and variables of the template, evaluated on demand. */
export interface EvaluationScope {
  parameter(name: string): Value;
  variable(name: string): Value;
  /** The id of a resource whose names may be unknown (then a symbolic id that matches only in this file). */
  resourceId(type: string, names: readonly Value[], scope: IdScope): Value;
  /** The index of the `copy` loop being evaluated (named or the resource's own), when it is known. */
  copyIndex?(loop: string | undefined): number | undefined;
  /** `environment()` of the cloud the template is judged in (catalog/environment.ts), when it is known. */
  environment?(): Value | undefined;
}

/**
 * Levels of evaluation in progress, across expressions: a variable whose expression reads a variable whose… is
 * followed to MAX_NESTING levels (JSON values walked on the way count too, see view.ts).
 */
export const evaluationDepth = new DepthGuard('template variables and expressions');

export function evaluate(expr: Expr, scope: EvaluationScope): Value {
  return evaluationDepth.run(() => evaluateExpr(expr, scope));
}

function evaluateExpr(expr: Expr, scope: EvaluationScope): Value {
  switch (expr.kind) {
    case 'string':
    case 'number':
      return expr.value;
    case 'member': {
      const target = evaluate(expr.target, scope);
      if (isUnknown(target)) return symbolicUnknown(target.why, expr.text);
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        const key = Object.keys(target).find((k) => k.toLowerCase() === expr.name.toLowerCase());
        return key === undefined ? symbolicUnknown(`'${expr.name}' is not set`, expr.text) : target[key];
      }
      return symbolicUnknown(`cannot read '${expr.name}' of a non-object`, expr.text);
    }
    case 'index': {
      const target = evaluate(expr.target, scope);
      const index = evaluate(expr.index, scope);
      if (isUnknown(target) || isUnknown(index)) return symbolicUnknown(`'${expr.text}' is not known`, expr.text);
      if (Array.isArray(target) && typeof index === 'number') return target[index] ?? symbolicUnknown('index out of range', expr.text);
      if (target && typeof target === 'object' && !Array.isArray(target) && typeof index === 'string') {
        return target[index] ?? symbolicUnknown(`'${index}' is not set`, expr.text);
      }
      return symbolicUnknown(`cannot index '${expr.text}'`, expr.text);
    }
    case 'call':
      return call(expr, scope);
  }
}

function call(expr: Extract<Expr, { kind: 'call' }>, scope: EvaluationScope): Value {
  const name = expr.name.toLowerCase();
  const args = () => expr.args.map((a) => evaluate(a, scope));
  const opaque = (why: string) => symbolicUnknown(why, expr.text);
  switch (name) {
    case 'parameters':
    case 'variables': {
      const [key] = args();
      if (typeof key !== 'string') return opaque(`${expr.name}() with a computed name`);
      return name === 'parameters' ? scope.parameter(key) : scope.variable(key);
    }
    case 'resourceid':
      return resourceIdOf(args(), expr.text, scope, 'resourceGroup');
    case 'subscriptionresourceid':
      return resourceIdOf(args(), expr.text, scope, 'subscription');
    case 'tenantresourceid':
      return resourceIdOf(args(), expr.text, scope, 'tenant');
    case 'concat': {
      const values = args();
      if (values.some(Array.isArray)) {
        return values.some(isUnknown) ? opaque('an array part is not known') : (values as Value[][]).flat();
      }
      return joinStrings(values, expr.text);
    }
    case 'format': {
      const [template, ...rest] = args();
      if (typeof template !== 'string') return opaque('the format string is not known');
      const pieces: Value[] = [];
      let last = 0;
      template.replace(/\{(\d+)(:[^}]*)?\}/g, (match, index: string, _fmt, offset: number) => {
        pieces.push(template.slice(last, offset), rest[Number(index)] ?? opaque('format argument missing'));
        last = offset + match.length;
        return match;
      });
      pieces.push(template.slice(last));
      return joinStrings(pieces, expr.text);
    }
    case 'tolower':
    case 'toupper': {
      const [value] = args();
      if (typeof value !== 'string') return isUnknown(value) ? symbolicUnknown(value.why, expr.text) : opaque(`${expr.name}() of a non-string`);
      return name === 'tolower' ? value.toLowerCase() : value.toUpperCase();
    }
    case 'string': {
      const [value] = args();
      if (isUnknown(value)) return value;
      return typeof value === 'string' ? value : JSON.stringify(value);
    }
    case 'true':
      return true;
    case 'false':
      return false;
    case 'null':
      return null;
    case 'bool': {
      const [value] = args();
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      return opaque('bool() of an unknown value');
    }
    case 'equals': {
      const [a, b] = args();
      if (isUnknown(a) || isUnknown(b)) return opaque('a compared value is not known');
      return JSON.stringify(a) === JSON.stringify(b);
    }
    case 'not': {
      const [value] = args();
      return typeof value === 'boolean' ? !value : opaque('not() of an unknown value');
    }
    case 'and':
    case 'or': {
      const values = args();
      if (values.every((v) => typeof v === 'boolean')) return name === 'and' ? values.every(Boolean) : values.some(Boolean);
      return opaque(`${expr.name}() of unknown values`);
    }
    case 'if': {
      const [condition, whenTrue, whenFalse] = args();
      if (typeof condition !== 'boolean') return opaque('the if() condition is not known');
      return condition ? whenTrue : whenFalse;
    }
    case 'createarray':
      return args();
    case 'environment':
      // A member it does not document is `'x' is not set`: Unknown, as for any object.
      return scope.environment?.() ?? opaque(`'${expr.text}' is only known at deployment time`);
    case 'copyindex': {
      // copyIndex([loopName], [offset]): known inside one iteration of an expanded resource loop.
      const values = args();
      const loopName = typeof values[0] === 'string' ? values[0] : undefined;
      const offset = values.find((v) => typeof v === 'number') as number | undefined;
      const index = scope.copyIndex?.(loopName);
      return index === undefined ? opaque(`'${expr.text}' is only known at deployment time`) : index + (offset ?? 0);
    }
    default: {
      if (name.includes('.')) return opaque(`user-defined function '${expr.name}' is not evaluated`);
      if (name === 'coalesce' || isArmFunction(name)) {
        const result = applyArmFunction(name, args());
        if (result === undefined) return opaque(`'${expr.text}' of values that are not known`);
        return isUnknown(result) ? symbolicUnknown(result.why, expr.text) : result;
      }
      // reference(), resourceGroup(), subscription(), uniqueString(), environment(), copyIndex(), … : only
      // known at deployment time.
      return opaque(`'${expr.text}' is only known at deployment time`);
    }
  }
}

function joinStrings(values: readonly Value[], text: string): Value {
  const unknownPart = values.find(isUnknown) as SymbolicUnknown | undefined;
  if (unknownPart) {
    const symbol = values.map((v) => (isUnknown(v) ? `{${(v as SymbolicUnknown).symbol ?? '?'}}` : scalarText(v))).join('');
    return symbolicUnknown(unknownPart.why, symbol);
  }
  if (values.some((v) => v !== null && typeof v === 'object')) return symbolicUnknown(`cannot join objects in '${text}'`, text);
  return values.map(scalarText).join('');
}

function scalarText(value: Value): string {
  return value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * `resourceId([subscriptionId], [resourceGroupName], type, name1, name2…)` (`subscriptionResourceId([subscriptionId],
 * type, …)`, `tenantResourceId(type, …)`). The type is the first argument with a `/`; scope arguments before it are
 * kept when known. With an unknown name the id is a symbolic, file-local id.
 */
function resourceIdOf(values: readonly Value[], text: string, scope: EvaluationScope, level: IdScope['level']): Value {
  const typeIndex = values.findIndex((v) => typeof v === 'string' && v.includes('/'));
  if (typeIndex < 0) return symbolicUnknown(`the resource type in '${text}' is not known`, text);
  const type = values[typeIndex] as string;
  const leading = values.slice(0, typeIndex);
  const [subscriptionId, resourceGroup] =
    level === 'tenant' ? [] : level === 'subscription' ? [leading[0]] : leading.length >= 2 ? leading.slice(0, 2) : [undefined, leading[0]];
  const names = values.slice(typeIndex + 1).flatMap(splitName);
  const part = (value: Value | undefined) => (value === undefined ? undefined : typeof value === 'string' ? value : null);
  return scope.resourceId(type, names, { subscriptionId: part(subscriptionId), resourceGroup: part(resourceGroup), level });
}

/**
 * The segments of a resource name (`zone/link` names a child). An unknown name splits along its symbol, so
 * `concat(parameters('zone'), '/link')` gives an unknown first segment and the known `link`.
 */
export function splitName(value: Value): Value[] {
  if (typeof value === 'string') return value.split('/');
  if (!isUnknown(value)) return [value];
  const { why, symbol = '?' } = value as SymbolicUnknown;
  const parts = symbol.split('|');
  if (parts.length === 1) return [value];
  return parts.map((part) => {
    if (!part.includes('{')) return part;
    const whole = /^\{([^{}]*)\}$/.exec(part);
    return symbolicUnknown(why, whole ? whole[1] : part);
  });
}
