// ARM template expressions (`[resourceId('Microsoft.Cache/redis', parameters('name'))]`): a small parser and an
// evaluator for the functions a Private Link design needs. Anything the evaluator cannot know at design time
// (reference(), resourceGroup(), uniqueString(), a parameter without default…) is Unknown, never a guess.
// Unknown strings keep a `symbol` (the expression text) so that a name and a resourceId() built from the same
// parameter still match inside one template.

import type { Unknown } from '../../graph/types';
import { isUnknown } from '../../graph/types';
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

export function parseExpression(source: string): Expr {
  const parser = new Parser(source);
  const expr = parser.expression();
  parser.skipSpace();
  if (!parser.atEnd()) throw new ExpressionSyntaxError(`unexpected '${source.slice(parser.pos, parser.pos + 10)}'`);
  return expr;
}

class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  skipSpace(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
  }

  expression(): Expr {
    this.skipSpace();
    const start = this.pos;
    let expr = this.primary();
    for (;;) {
      this.skipSpace();
      const ch = this.src[this.pos];
      if (ch === '.') {
        this.pos++;
        const name = this.identifier();
        expr = { kind: 'member', target: expr, name, text: this.src.slice(start, this.pos) };
      } else if (ch === '[') {
        this.pos++;
        const index = this.expression();
        this.expect(']');
        expr = { kind: 'index', target: expr, index, text: this.src.slice(start, this.pos) };
      } else return expr;
    }
  }

  private primary(): Expr {
    const ch = this.src[this.pos];
    if (ch === "'") return this.string();
    if (ch !== undefined && /[-\d]/.test(ch)) {
      const match = /^-?\d+(\.\d+)?/.exec(this.src.slice(this.pos));
      if (!match) throw new ExpressionSyntaxError(`invalid number at '${this.src.slice(this.pos, this.pos + 10)}'`);
      this.pos += match[0].length;
      return { kind: 'number', value: Number(match[0]) };
    }
    const start = this.pos;
    let name = this.identifier();
    this.skipSpace();
    // A user-defined function is called by its namespace and name (`[__bicep.getResourceParts(…)]`, what Bicep
    // compiles its `func` declarations to; `[contoso.uniqueName(…)]` in hand-written templates).
    if (this.src[this.pos] === '.') {
      this.pos++;
      this.skipSpace();
      name += '.' + this.identifier();
      this.skipSpace();
    }
    this.expect('(');
    const args: Expr[] = [];
    this.skipSpace();
    if (this.src[this.pos] === ')') this.pos++;
    else {
      for (;;) {
        args.push(this.expression());
        this.skipSpace();
        const next = this.src[this.pos++];
        if (next === ')') break;
        if (next !== ',') throw new ExpressionSyntaxError(`expected ',' or ')' in ${name}(…)`);
      }
    }
    return { kind: 'call', name, args, text: this.src.slice(start, this.pos) };
  }

  private string(): Expr {
    this.pos++; // opening quote
    let value = '';
    for (;;) {
      if (this.atEnd()) throw new ExpressionSyntaxError('unterminated string');
      const ch = this.src[this.pos++];
      if (ch === "'") {
        if (this.src[this.pos] === "'") {
          value += "'";
          this.pos++;
        } else return { kind: 'string', value };
      } else value += ch;
    }
  }

  private identifier(): string {
    const ident = /^[A-Za-z_]\w*/.exec(this.src.slice(this.pos))?.[0];
    if (!ident) throw new ExpressionSyntaxError(`expected a name at '${this.src.slice(this.pos, this.pos + 10) || 'end'}'`);
    this.pos += ident.length;
    return ident;
  }

  private expect(ch: string): void {
    this.skipSpace();
    if (this.src[this.pos] !== ch) throw new ExpressionSyntaxError(`expected '${ch}' at '${this.src.slice(this.pos, this.pos + 10) || 'end'}'`);
    this.pos++;
  }
}

/** What expressions can look up: parameters and variables of the template, evaluated on demand. */
export interface EvaluationScope {
  parameter(name: string): Value;
  variable(name: string): Value;
  /** The id of a resource whose names may be unknown (then a symbolic id that matches only in this file). */
  resourceId(type: string, names: readonly Value[], scope: { subscriptionId?: string; resourceGroup?: string }): Value;
  /** The index of the `copy` loop being evaluated (named or the resource's own), when it is known. */
  copyIndex?(loop: string | undefined): number | undefined;
}

export function evaluate(expr: Expr, scope: EvaluationScope): Value {
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
    case 'subscriptionresourceid':
    case 'tenantresourceid':
      return resourceIdOf(args(), expr.text, scope);
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
 * `resourceId([subscriptionId], [resourceGroupName], type, name1, name2…)`. The type is the first argument with
 * a `/`; scope arguments before it are kept when known. With an unknown name the id is a symbolic, file-local id.
 */
function resourceIdOf(values: readonly Value[], text: string, scope: EvaluationScope): Value {
  const typeIndex = values.findIndex((v) => typeof v === 'string' && v.includes('/'));
  if (typeIndex < 0) return symbolicUnknown(`the resource type in '${text}' is not known`, text);
  const type = values[typeIndex] as string;
  const [subscriptionId, resourceGroup] = typeIndex === 2 ? values.slice(0, 2) : typeIndex === 1 ? [undefined, values[0]] : [];
  const names = values.slice(typeIndex + 1).flatMap(splitName);
  return scope.resourceId(type, names, {
    subscriptionId: typeof subscriptionId === 'string' ? subscriptionId : undefined,
    resourceGroup: typeof resourceGroup === 'string' ? resourceGroup : undefined,
  });
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
