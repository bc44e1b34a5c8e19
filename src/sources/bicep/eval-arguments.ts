// A module call's arguments, evaluated in the caller only when the module reads them. A test of an Azure Verified
// Module passes dozens of arguments (role assignments, diagnostics, locks, tags) of which the Private Link chain
// reads a few; evaluating every `params: {…}` whole was a seventh of linting the AVM corpus.
//
// Lazy per argument only when `params` is an object literal whose keys are all written out (no spread, no
// interpolated key): then the keys are known without evaluating anything, and each value is evaluated on first
// read exactly as evaluating the whole object would (same evaluator, same loop variables, same spans). Anything
// else (`params: union(a, b)`, a variable, a spread) is evaluated whole on first read.

import type { Evaluator, Locals } from './eval-expr';
import type { UnknownValue, Value } from './eval-value';
import { getProp, unknownValue } from './eval-value';
import { evaluationSlots } from './parser';
import type { Expression, ObjectExpression } from './syntax';

/** Parameter values from a caller: what a file instance asks (`Map` is one). */
export interface Arguments {
  has(name: string): boolean;
  get(name: string): Value | undefined;
}

const EVALUATING = Symbol('evaluating');

export class ModuleArguments implements Arguments {
  private whole: Value | undefined;
  /** Each written key's value expression (the last one written wins, as in the evaluated object); undefined: not a plain literal. */
  private readonly written: Map<string, Expression> | undefined;
  private readonly values = new Map<string, Value | typeof EVALUATING>();

  constructor(
    private readonly evaluator: Evaluator,
    /** The `params:` value; undefined when the call has none. */
    private readonly expression: Expression | undefined,
    private readonly locals: Locals | undefined,
  ) {
    this.written = expression ? writtenKeys(expression) : new Map();
  }

  /** The whole `params` object, evaluated once (Azure Verified Modules are mapped from it: avm.ts). */
  get value(): Value {
    this.whole ??= this.expression ? this.evaluator.evaluate(this.expression, this.locals) : { kind: 'object', entries: [] };
    return this.whole;
  }

  /** Whether the caller passes `name`: written, or possibly inside a part of `params` that is not known. */
  has(name: string): boolean {
    if (this.written) return this.written.has(name);
    return this.listed(name) !== undefined || this.opaque() !== undefined;
  }

  get(name: string): Value | undefined {
    if (!this.written) return this.listed(name) ?? this.opaque();
    const expression = this.written.get(name);
    if (!expression) return undefined;
    const known = this.values.get(name);
    if (known === EVALUATING) return unknownValue(`argument '${name}' refers to itself`);
    if (known) return known;
    this.values.set(name, EVALUATING);
    const value = this.evaluator.evaluate(expression, this.locals);
    this.values.set(name, value);
    return value;
  }

  /**
   * The argument as `getProp` reads the `params` object: the exact name first, then ARM's case-insensitive match,
   * then what an unlisted key is (Azure Verified Modules are mapped through it: avm.ts).
   */
  prop(name: string): Value | undefined {
    if (!this.written) return getProp(this.value, name);
    // Written with the exact name (the common case): that argument alone. Not written at all (an optional
    // parameter the module defaults): absent, nothing evaluated. Written with another casing: getProp decides on
    // the whole object, so the key is matched as everywhere else.
    if (this.written.has(name)) return this.get(name);
    const lower = name.toLowerCase();
    for (const key of this.written.keys()) if (key.toLowerCase() === lower) return getProp(this.value, name);
    return undefined;
  }

  /** The last entry named `name` of the evaluated object (as a `Map` built from its entries would give). */
  private listed(name: string): Value | undefined {
    const whole = this.value;
    if (whole.kind !== 'object') return undefined;
    for (let i = whole.entries.length - 1; i >= 0; i--) if (whole.entries[i].key === name) return whole.entries[i].value;
    return undefined;
  }

  /** What an argument not listed is, when `params` is not a known object: Unknown for every parameter. */
  private opaque(): UnknownValue | undefined {
    const whole = this.value;
    if (whole.kind === 'unknown') return whole;
    return whole.kind === 'object' ? whole.open : unknownValue('params is not an object');
  }
}

/**
 * The keys of an object literal whose keys are all written out, with their value expressions; else undefined.
 * Kept on the `params` node: the same for every instance of the calling file and every iteration of its loop.
 */
function writtenKeys(expression: Expression): Map<string, Expression> | undefined {
  if (expression.kind !== 'object') return undefined;
  const slots = evaluationSlots(expression);
  let keys = slots.writtenKeys as Map<string, Expression> | null | undefined;
  if (keys === undefined) slots.writtenKeys = keys = keysOf(expression) ?? null;
  return keys ?? undefined;
}

function keysOf(expression: ObjectExpression): Map<string, Expression> | undefined {
  const keys = new Map<string, Expression>();
  for (const member of expression.members) {
    if (member.kind === 'resource') continue;
    if (member.kind !== 'property' || member.name === undefined) return undefined;
    keys.set(member.name, member.value);
  }
  return keys;
}
