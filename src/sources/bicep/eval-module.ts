// A module symbol of an evaluated Bicep file: its `params` are evaluated in the caller (loop variables unknown, a
// condition known to be false deploys nothing); its resources and outputs come from the module host.

import type { Locals } from './eval-expr';
import type { FileInstance, ModuleResult } from './eval-file';
import type { ModuleRefValue, Value } from './eval-value';
import { unknownValue } from './eval-value';
import { LOOP_ITEM } from './eval-resource';
import type { ModuleDeclaration } from './syntax';
import { bodyObject, condition, objectProperty } from './syntax';

/** A module symbol: its params are evaluated in the caller, its resources and outputs come from the host. */
export class ModuleEntry {
  private resultCache: ModuleResult | 'instantiating' | undefined;

  constructor(
    private readonly instance: FileInstance,
    readonly decl: ModuleDeclaration,
  ) {}

  value(): ModuleRefValue {
    return { kind: 'module', symbol: this.decl.name.name, output: (name) => this.output(name) };
  }

  result(): ModuleResult {
    if (this.resultCache === 'instantiating') return { resources: [], output: () => unknownValue('the module refers to itself') };
    if (this.resultCache) return this.resultCache;
    this.resultCache = 'instantiating';
    this.resultCache = this.instantiate();
    return this.resultCache;
  }

  private output(name: string): Value {
    return this.result().output(name);
  }

  private instantiate(): ModuleResult {
    const decl = this.decl;
    const span = this.instance.spanOf(decl);
    const cond = condition(decl);
    let locals: Locals | undefined;
    if (decl.body.kind === 'for') {
      const loop = decl.body;
      if (loop.item) locals = { name: loop.item.name, value: LOOP_ITEM(loop.item.name) };
      if (loop.index) locals = { name: loop.index.name, value: LOOP_ITEM(loop.index.name), parent: locals };
    }
    if (cond) {
      const value = this.instance.evaluator.evaluate(cond, locals);
      if (value.kind === 'bool' && !value.value) return { resources: [], output: () => unknownValue('the module is not deployed') };
    }
    const object = bodyObject(decl);
    const paramsProp = object ? objectProperty(object, 'params') : undefined;
    const params: Value = paramsProp
      ? this.instance.evaluator.evaluate(paramsProp.value, locals)
      : { kind: 'object', entries: [] };
    return this.instance.host.instantiate({
      fromFile: this.instance.file,
      symbol: decl.name.name,
      source: decl.path.kind === 'string' ? decl.path.value : undefined,
      params,
      paramsSpan: paramsProp ? this.instance.spanOf(paramsProp.value) : undefined,
      span,
      inLoop: decl.body.kind === 'for' || (this.instance.options.inLoop ?? false),
      conditional: cond !== undefined || (this.instance.options.conditional ?? false),
    });
  }
}
