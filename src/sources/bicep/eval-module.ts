// A module symbol of an evaluated Bicep file: its `params` are evaluated in the caller (loop variables unknown, a
// condition known to be false deploys nothing); its resources and outputs come from the module host.

import type { Locals } from './eval-expr';
import type { DeploymentScope, FileInstance, ModuleResult } from './eval-file';
import type { ModuleRefValue, Value } from './eval-value';
import { unknownValue } from './eval-value';
import { ModuleArguments } from './eval-arguments';
import { loopItems, loopLocals } from './eval-resource';
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
    if (decl.body.kind !== 'for') return this.instantiateOnce(undefined, undefined);
    const loop = decl.body;
    const items = loopItems(this.instance.evaluator.evaluate(loop.iterable), this.instance.host.iterations);
    if ('why' in items) return this.instantiateOnce(loopLocals(loop, undefined, undefined, items.why), undefined);
    // A loop over a known collection: one instantiation per item, each with its own arguments.
    const results = items.map((item, index) => this.instantiateOnce(loopLocals(loop, undefined, { index, item }), index));
    return {
      resources: results.flatMap((r) => r.resources),
      // `mods[i].outputs.x` is read through the loop body: known only when every iteration agrees.
      output: (name) => {
        const values = results.map((r) => r.output(name));
        const first = values[0];
        if (first && values.every((v) => sameScalar(v, first))) return first;
        return unknownValue(values.length === 0 ? 'the module loop has no items' : `output '${name}' differs per iteration of the module loop`);
      },
    };
  }

  private instantiateOnce(locals: Locals | undefined, index: number | undefined): ModuleResult {
    const decl = this.decl;
    const span = this.instance.spanOf(decl);
    const cond = condition(decl);
    if (cond) {
      const value = this.instance.evaluator.evaluate(cond, locals);
      if (value.kind === 'bool' && !value.value) return { resources: [], output: () => unknownValue('the module is not deployed') };
    }
    const object = bodyObject(decl);
    const paramsProp = object ? objectProperty(object, 'params') : undefined;
    return this.instance.host.instantiate({
      fromFile: this.instance.file,
      symbol: index === undefined ? decl.name.name : `${decl.name.name}[${index}]`,
      source: decl.path.kind === 'string' ? decl.path.value : undefined,
      arguments: new ModuleArguments(this.instance.evaluator, paramsProp?.value, locals),
      paramsSpan: paramsProp ? this.instance.spanOf(paramsProp.value) : undefined,
      span,
      inLoop: decl.body.kind === 'for' || (this.instance.options.inLoop ?? false),
      conditional: cond !== undefined || (this.instance.options.conditional ?? false),
      cloud: this.instance.cloud,
      scope: this.scopeOf(object, locals),
    });
  }

  /**
   * `scope: resourceGroup('rg')` / `resourceGroup('sub', 'rg')` with known names: the module deploys there.
   * No `scope:`: the caller's. Any other scope, or names that are not known: unstated (ids leave it out).
   */
  private scopeOf(object: ReturnType<typeof bodyObject>, locals: Locals | undefined): DeploymentScope | undefined {
    const inherited = this.instance.options.scope;
    const scopeProp = object ? objectProperty(object, 'scope') : undefined;
    if (!scopeProp) return inherited;
    const expr = scopeProp.value;
    if (expr.kind !== 'call' || expr.name.name.toLowerCase() !== 'resourcegroup') return undefined;
    const args = expr.arguments.map((a) => this.instance.evaluator.evaluate(a, locals));
    if (args.length === 0 || args.some((a) => a.kind !== 'string')) return args.length === 0 ? inherited : undefined;
    const names = args.map((a) => (a as { value: string }).value);
    return names.length === 1 ? { subscriptionId: inherited?.subscriptionId, resourceGroup: names[0] } : { subscriptionId: names[0], resourceGroup: names[1] };
  }
}

function sameScalar(a: Value, b: Value): boolean {
  if (a.kind === 'string' || a.kind === 'number' || a.kind === 'bool') return a.kind === b.kind && a.value === (b as typeof a).value;
  return a.kind === 'null' && b.kind === 'null';
}
