// A small evaluator of Bicep expressions, three-valued: what it can compute from literals, variables,
// parameter defaults and resource symbols it computes; everything else becomes Unknown with a reason. It never
// throws: weird or half-typed input yields Unknown, so the rest of the file still becomes graph nodes.

import type { CloudName, FileSpan } from '../../graph/types';
import { callBuiltIn, scalarText } from './eval-functions';
import type { ObjectEntry, ResourceHandle, Value } from './eval-value';
import { getProp, lazySpan, str, unknownValue, withSpan } from './eval-value';
import { evaluationSlots } from './parser';
import type { Expression, SpreadExpression } from './syntax';

/** Loop items, loop indexes and lambda parameters in scope. */
export interface Locals {
  readonly name: string;
  readonly value: Value;
  readonly parent?: Locals;
}

/** A top-level symbol's value; `fromCaller` values (module arguments, .bicepparam values) keep their own span. */
export interface SymbolValue {
  readonly value: Value;
  readonly fromCaller?: boolean;
}

export interface SymbolResolver {
  readonly file: string;
  /** The cloud the file is judged in (`environment()`); Unknown members when not given. */
  readonly cloud?: CloudName;
  symbol(name: string): SymbolValue | undefined;
  /** `parent::child` for nested child resources. */
  nestedResource(parent: ResourceHandle, child: string): Value | undefined;
}

/** Deep expressions (generated or hostile input) stop here instead of overflowing the stack. */
const MAX_DEPTH = 200;

/**
 * Items of `[for …]` value loops one evaluator (one file instance) evaluates one by one. Loops nested in loops
 * multiply: ten nested two-item loops are 2,046 bodies, and a pasted block of them made millions (an analysis
 * that ran out of memory). Beyond this the loop's value is Unknown, with this reason.
 */
const MAX_VALUE_LOOP_ITEMS = 5_000;

// Literal values: the value of an object or array that refers to no symbol or local (`{ id: resourceId('…',
// 'vnet', 'snet') }` is one: built-ins depend on their arguments only) is kept on its syntax node (parser.ts:
// EvaluationSlots). A literal's value depends only on its node, and reparseBicep keeps the nodes of every
// statement an edit did not touch, so on a keystroke most of a large file's `properties: {…}`, `sku: {…}` and
// `tags: {…}` values are reused instead of rebuilt: less work and, above all, less young garbage for the
// scavenger to copy. Values are immutable and their spans are the nodes themselves, which move with the statement.

export class Evaluator {
  private depth = 0;
  /** Items of `[for …]` expressions evaluated so far by this evaluator (bounded like resource loops). */
  private loopItems = 0;
  /**
   * Counts identifier lookups, the only way an evaluation reads more than its own syntax (symbols and locals):
   * built-in functions depend on their arguments alone, and anything else (user functions, methods) is Unknown.
   * See Literal values above.
   */
  private dependencies = 0;

  constructor(private readonly symbols: SymbolResolver) {}

  span(node: { readonly range: FileSpan['range'] }): FileSpan {
    return lazySpan(this.symbols.file, node);
  }

  evaluate(expr: Expression, locals?: Locals): Value {
    if (this.depth > 0) {
      // Inner calls: the outermost call guards (a try per expression costs a fifth of the evaluation).
      if (this.depth > MAX_DEPTH) return unknownValue('expression nested too deeply', this.span(expr));
      this.depth++;
      const value = this.evaluateInner(expr, locals);
      this.depth--;
      return value;
    }
    this.depth = 1;
    try {
      return this.evaluateInner(expr, locals);
    } catch (error) {
      // The evaluator must never take the analysis down; a bug here costs one value, not the file.
      return unknownValue(`cannot evaluate (${error instanceof Error ? error.message : String(error)})`, this.span(expr));
    } finally {
      this.depth = 0;
    }
  }

  private evaluateInner(expr: Expression, locals: Locals | undefined): Value {
    const span = this.span(expr);
    if (expr.kind === 'identifier') this.dependencies++;
    switch (expr.kind) {
      case 'string':
        return this.evaluateString(expr, locals, span);
      case 'integer':
        return { kind: 'number', value: expr.value, span };
      case 'boolean':
        return { kind: 'bool', value: expr.value, span };
      case 'null':
        return { kind: 'null', span };
      case 'identifier':
        return this.lookup(expr.name, locals, span);
      case 'array':
      case 'object': {
        const slots = evaluationSlots(expr);
        const known = slots.literalValue as Value | undefined;
        if (known !== undefined) return known;
        const before = this.dependencies;
        const value = expr.kind === 'array' ? this.evaluateArray(expr.items, locals, span) : this.evaluateObject(expr, locals, span);
        // Only values whose span is the node itself (the file matches): see lazySpan.
        if (this.dependencies === before && span === (expr as unknown)) slots.literalValue = value;
        return value;
      }
      case 'parenthesized':
      case 'nonNull':
        return withSpan(this.evaluate(expr.expression, locals), span);
      case 'propertyAccess': {
        const target = this.evaluate(expr.object, locals);
        if (expr.safe && target.kind === 'null') return { kind: 'null', span };
        return withSpan(this.member(target, expr.property.name, span), span);
      }
      case 'resourceAccess': {
        const target = this.evaluate(expr.object, locals);
        if (target.kind !== 'resource') return target.kind === 'unknown' ? { ...target, span } : unknownValue('`::` on a non-resource', span);
        return this.symbols.nestedResource(target.handle, expr.resource.name) ?? unknownValue(`no nested resource '${expr.resource.name}'`, span);
      }
      case 'index':
        return this.evaluateIndex(expr.object, expr.index, expr.safe, locals, span);
      case 'call':
        return this.evaluateCall(expr, locals, span);
      case 'unary':
        return this.evaluateUnary(expr.operator, this.evaluate(expr.operand, locals), span);
      case 'binary':
        return this.evaluateBinary(expr.operator, expr.left, expr.right, locals, span);
      case 'ternary': {
        const condition = this.evaluate(expr.condition, locals);
        if (condition.kind === 'bool') return this.evaluate(condition.value ? expr.whenTrue : expr.whenFalse, locals);
        const a = this.evaluate(expr.whenTrue, locals);
        const b = this.evaluate(expr.whenFalse, locals);
        // Both branches agree: the condition does not matter.
        if (sameScalar(a, b)) return withSpan(a, span);
        return unknownValue(condition.kind === 'unknown' ? condition.why : 'the condition is not a boolean', span);
      }
      case 'for':
        return this.evaluateFor(expr, locals, span);
      case 'if':
        return this.evaluate(expr.body, locals);
      case 'lambda':
        return unknownValue('a lambda is not evaluated', span);
      case 'missing':
        return unknownValue('the expression is incomplete', span);
      default:
        return unknownValue('unsupported expression', span);
    }
  }

  private lookup(name: string, locals: Locals | undefined, span: FileSpan): Value {
    for (let l = locals; l; l = l.parent) if (l.name === name) return withSpan(l.value, span);
    const symbol = this.symbols.symbol(name);
    if (!symbol) return unknownValue(`'${name}' is not declared in this file`, span);
    // A module argument or a .bicepparam value is located where the user wrote it; a default or a variable
    // is located at the reference, where a fix can replace it without touching other users of the symbol.
    return symbol.fromCaller ? symbol.value : withSpan(symbol.value, span);
  }

  private evaluateString(expr: Extract<Expression, { kind: 'string' }>, locals: Locals | undefined, span: FileSpan): Value {
    if (expr.value !== undefined) return str(expr.value, span);
    let text = expr.segments[0] ?? '';
    for (let i = 0; i < expr.expressions.length; i++) {
      const part = this.evaluate(expr.expressions[i], locals);
      const piece = scalarText(part);
      if (piece === undefined) {
        return unknownValue(part.kind === 'unknown' ? part.why : 'an interpolated value is not a string', span);
      }
      text += piece + (expr.segments[i + 1] ?? '');
    }
    return str(text, span);
  }

  private evaluateArray(items: readonly (Expression | SpreadExpression)[], locals: Locals | undefined, span: FileSpan): Value {
    const values: Value[] = [];
    for (const item of items) {
      if (item.kind === 'spread') {
        const spread = this.evaluate(item.expression, locals);
        if (spread.kind !== 'array') return unknownValue(spread.kind === 'unknown' ? spread.why : 'spread of a non-array', span);
        values.push(...spread.items);
      } else values.push(this.evaluate(item, locals));
    }
    return { kind: 'array', items: values, span };
  }

  private evaluateObject(expr: Extract<Expression, { kind: 'object' }>, locals: Locals | undefined, span: FileSpan): Value {
    const entries: ObjectEntry[] = [];
    let open: Extract<Value, { kind: 'unknown' }> | undefined;
    for (const member of expr.members) {
      if (member.kind === 'resource') continue; // nested child resources are declarations, not values
      if (member.kind === 'spread') {
        const spread = this.evaluate(member.expression, locals);
        if (spread.kind === 'object') {
          entries.push(...spread.entries);
          open = open ?? spread.open;
        } else open = unknownValue(spread.kind === 'unknown' ? spread.why : 'spread of a non-object');
        continue;
      }
      let key = member.name;
      if (key === undefined && member.key.kind === 'string') {
        const evaluated = this.evaluate(member.key, locals);
        key = evaluated.kind === 'string' ? evaluated.value : undefined;
      }
      if (key === undefined) {
        open = open ?? unknownValue('an object key is computed');
        continue;
      }
      entries.push({ key, value: this.evaluate(member.value, locals) });
    }
    return { kind: 'object', entries, open, span };
  }

  private evaluateIndex(objectExpr: Expression, indexExpr: Expression, safe: boolean, locals: Locals | undefined, span: FileSpan): Value {
    const target = this.evaluate(objectExpr, locals);
    if (target.kind === 'module' && target.outputsView) {
      const key = this.evaluate(indexExpr, locals);
      return key.kind === 'string' ? { ...target.output(key.value), span } : unknownValue('an output chosen by an unknown key', span);
    }
    if (target.kind === 'resource' || target.kind === 'module') return { ...target, span }; // one loop body stands for all
    if (safe && target.kind === 'null') return { kind: 'null', span };
    if (target.kind === 'unknown') return { ...target, span };
    const index = this.evaluate(indexExpr, locals);
    if (index.kind === 'unknown') return { ...index, span };
    if (target.kind === 'array' && index.kind === 'number') {
      return target.items[index.value] ?? (safe ? { kind: 'null', span } : unknownValue(`index ${index.value} is out of range`, span));
    }
    if (target.kind === 'object' && index.kind === 'string') {
      return getProp(target, index.value) ?? (safe ? { kind: 'null', span } : unknownValue(`no property '${index.value}'`, span));
    }
    return unknownValue('unsupported index', span);
  }

  private evaluateCall(expr: Extract<Expression, { kind: 'call' }>, locals: Locals | undefined, span: FileSpan): Value {
    if (expr.object) {
      // `az.resourceId(...)` and `sys.concat(...)` are namespaced built-ins; `redis.listKeys()` is a method.
      const ns = expr.object.kind === 'identifier' ? expr.object.name : undefined;
      if (ns !== 'az' && ns !== 'sys') return unknownValue(`${expr.name.name}() is only known at deployment`, span);
    }
    const args = expr.arguments.map((a) => this.evaluate(a, locals));
    // environment() depends on the cloud, not on its syntax: a value built from it is not a literal (Literal values, above).
    if (expr.name.name.toLowerCase() === 'environment') this.dependencies++;
    return callBuiltIn(expr.name.name, args, span, { cloud: this.symbols.cloud });
  }

  private evaluateUnary(operator: string, operand: Value, span: FileSpan): Value {
    if (operand.kind === 'unknown') return { ...operand, span };
    if (operator === '!' && operand.kind === 'bool') return { kind: 'bool', value: !operand.value, span };
    if (operator === '-' && operand.kind === 'number') return { kind: 'number', value: -operand.value, span };
    if (operator === '+' && operand.kind === 'number') return { ...operand, span };
    return unknownValue(`'${operator}' on an unsupported value`, span);
  }

  private evaluateBinary(operator: string, leftExpr: Expression, rightExpr: Expression, locals: Locals | undefined, span: FileSpan): Value {
    const left = this.evaluate(leftExpr, locals);
    if (operator === '??') {
      if (left.kind === 'null') return this.evaluate(rightExpr, locals);
      return left.kind === 'unknown' ? { ...left, span } : left;
    }
    // Short-circuit logic is three-valued: false && unknown is false.
    if (operator === '&&' && left.kind === 'bool' && !left.value) return { kind: 'bool', value: false, span };
    if (operator === '||' && left.kind === 'bool' && left.value) return { kind: 'bool', value: true, span };
    const right = this.evaluate(rightExpr, locals);
    if (operator === '&&' || operator === '||') {
      if (right.kind === 'bool' && left.kind === 'bool') return { kind: 'bool', value: right.value, span };
      if (right.kind === 'bool' && operator === '&&' && !right.value) return { kind: 'bool', value: false, span };
      if (right.kind === 'bool' && operator === '||' && right.value) return { kind: 'bool', value: true, span };
      return unknownValue(`'${operator}' of unknown values`, span);
    }
    if (left.kind === 'unknown') return { ...left, span };
    if (right.kind === 'unknown') return { ...right, span };
    const l = scalarOf(left);
    const r = scalarOf(right);
    switch (operator) {
      case '==':
      case '!=': {
        if (l === undefined || r === undefined) return unknownValue(`'${operator}' of non-scalars`, span);
        const equal = typeof l === 'string' && typeof r === 'string' ? l === r : l === r;
        return { kind: 'bool', value: operator === '==' ? equal : !equal, span };
      }
      case '=~':
      case '!~': {
        if (typeof l !== 'string' || typeof r !== 'string') return unknownValue(`'${operator}' of non-strings`, span);
        const equal = l.toLowerCase() === r.toLowerCase();
        return { kind: 'bool', value: operator === '=~' ? equal : !equal, span };
      }
    }
    if (typeof l === 'number' && typeof r === 'number') {
      switch (operator) {
        case '<': return { kind: 'bool', value: l < r, span };
        case '<=': return { kind: 'bool', value: l <= r, span };
        case '>': return { kind: 'bool', value: l > r, span };
        case '>=': return { kind: 'bool', value: l >= r, span };
        case '+': return { kind: 'number', value: l + r, span };
        case '-': return { kind: 'number', value: l - r, span };
        case '*': return { kind: 'number', value: l * r, span };
        case '/': return r === 0 ? unknownValue('division by zero', span) : { kind: 'number', value: Math.trunc(l / r), span };
        case '%': return r === 0 ? unknownValue('division by zero', span) : { kind: 'number', value: l % r, span };
      }
    }
    return unknownValue(`'${operator}' is not evaluated here`, span);
  }

  private evaluateFor(expr: Extract<Expression, { kind: 'for' }>, locals: Locals | undefined, span: FileSpan): Value {
    const iterable = this.evaluate(expr.iterable, locals);
    if (iterable.kind !== 'array') {
      return unknownValue(iterable.kind === 'unknown' ? `the loop runs over an unknown value (${iterable.why})` : 'the loop runs over a non-array', span);
    }
    // Loops nested in loops multiply (ten nested two-item loops are 2,046 bodies; a pasted block, millions).
    if (this.loopItems + iterable.items.length > MAX_VALUE_LOOP_ITEMS) {
      return unknownValue(`the value loops of this file have more than ${MAX_VALUE_LOOP_ITEMS} items in all, more than are evaluated one by one`, span);
    }
    this.loopItems += iterable.items.length;
    const items = iterable.items.map((item, index) => {
      let scope = locals;
      if (expr.item) scope = { name: expr.item.name, value: item, parent: scope };
      if (expr.index) scope = { name: expr.index.name, value: { kind: 'number', value: index }, parent: scope };
      return this.evaluate(expr.body, scope);
    });
    return { kind: 'array', items, span };
  }

  /** `x.name` on any value: resources and modules answer from their declarations. */
  private member(target: Value, name: string, span: FileSpan): Value {
    switch (target.kind) {
      case 'unknown':
        return { ...target, span };
      case 'object':
        return getProp(target, name) ?? unknownValue(`no property '${name}'`, span);
      case 'resource':
        return resourceMember(target.handle, name, span);
      case 'module':
        // `mod.outputs` is a view whose members are the module's outputs, answered one at a time.
        if (target.outputsView) return { ...target.output(name), span };
        if (name === 'outputs') return { ...target, outputsView: true, span };
        return unknownValue(`module '${target.symbol}'.${name} is not evaluated`, span);
      default:
        return unknownValue(`'.${name}' on a ${target.kind}`, span);
    }
  }
}

function resourceMember(handle: ResourceHandle, name: string, span: FileSpan): Value {
  switch (name) {
    case 'id':
      return str(handle.id, span);
    case 'name':
      return { ...handle.name, span };
    case 'type':
      return str(handle.type, span);
  }
  if (handle.existing) return unknownValue(`'${name}' of an existing resource is not in this design`, span);
  const body = handle.body();
  if (!body) return unknownValue(`'${name}' refers to the resource being declared`, span);
  return getProp(body, name) ?? unknownValue(`the resource does not set '${name}'`, span);
}

function scalarOf(value: Value): string | number | boolean | null | undefined {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return value.value;
    case 'null':
      return null;
    default:
      return undefined;
  }
}

function sameScalar(a: Value, b: Value): boolean {
  const x = scalarOf(a);
  return x !== undefined && a.kind === b.kind && x === scalarOf(b);
}
