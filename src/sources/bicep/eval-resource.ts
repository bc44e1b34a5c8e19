// A resource symbol of an evaluated Bicep file: answers `.id`, `.name`, `.type` and `.properties` lazily (guarded
// against cycles), finds its parent (nesting, `parent:`, or a `'parent/child'` name) and becomes a DeclaredResource.

import { buildResourceId } from '../../graph/resource-id';
import type { IterationBudget } from '../loop-limits';
import type { Locals } from './eval-expr';
import type { FileInstance } from './eval-file';
import type { ResourceHandle, Value } from './eval-value';
import { getPath, getProp, str, unknownValue } from './eval-value';
import type { DeclaredResource } from './graph-declared';
import { PRIVATE_LINK_SERVICES } from '../../catalog/private-link-services';
import { ARM_TYPES } from '../arm-shape/arm-types';
import type { Expression, ResourceDeclaration } from './syntax';
import { bodyObject, condition, objectProperty } from './syntax';

/** The resource types the graph models, lower-cased: the Private Link plumbing, Redis, and every catalogued target. */
export const INTERESTING: ReadonlySet<string> = new Set<string>([...Object.values(ARM_TYPES), ...PRIVATE_LINK_SERVICES.map((s) => s.resourceType.toLowerCase())]);

export const LOOP_ITEM = (name: string, why = 'one loop body stands for every iteration'): Value =>
  unknownValue(`'${name}' is a loop variable: ${why}`);

/** One iteration of a resource or module loop over a known collection. */
export interface Iteration {
  readonly index: number;
  readonly item: Value;
}

/**
 * The items a `[for …]` loop runs over, when the collection is known and small enough: a literal array, a
 * parameter with a default or a value from its caller, a variable, `range()`, `items()`. Otherwise the reason
 * the loop variables stay Unknown.
 */
export function loopItems(iterable: Value, budget: IterationBudget): readonly Value[] | { readonly why: string } {
  if (iterable.kind === 'array') {
    const refused = budget.refuse(iterable.items.length);
    return refused ? { why: refused } : iterable.items;
  }
  if (iterable.kind === 'unknown') return { why: `the loop runs over an unknown value (${iterable.why})` };
  return { why: 'the loop runs over a value that is not an array' };
}

/** Loop variables bound for one iteration, or Unknown (with the reason) when the loop is not expanded. */
export function loopLocals(loop: { readonly item?: { name: string }; readonly index?: { name: string } }, parent: Locals | undefined, iteration: Iteration | undefined, why?: string): Locals | undefined {
  let locals = parent;
  if (loop.item) locals = { name: loop.item.name, value: iteration ? iteration.item : LOOP_ITEM(loop.item.name, why), parent: locals };
  if (loop.index) {
    const index: Value = iteration ? { kind: 'number', value: iteration.index } : LOOP_ITEM(loop.index.name, why);
    locals = { name: loop.index.name, value: index, parent: locals };
  }
  return locals;
}

/** A resource symbol: answers `.id`/`.name`/`.properties` lazily and becomes a DeclaredResource. */
export class ResourceEntry implements ResourceHandle {
  readonly children = new Map<string, ResourceEntry>();
  private idCache: string | 'computing' | undefined;
  private nameCache: Value | undefined;
  private bodyCache: Value | 'evaluating' | undefined;
  private parentCache: { entry?: ResourceEntry; id?: string } | undefined;

  constructor(
    private readonly instance: FileInstance,
    readonly decl: ResourceDeclaration,
    private readonly nestedIn: ResourceEntry | undefined,
    /** Set for one iteration of a loop over a known collection (FileInstance expands those). */
    readonly iteration?: Iteration,
    /** Why the loop variables are Unknown when the loop is not expanded. */
    private readonly loopWhy?: string,
  ) {}

  /** The top-level declaration this one is nested in (itself when it is top-level). */
  get topDeclaration(): ResourceDeclaration {
    return this.nestedIn ? this.nestedIn.topDeclaration : this.decl;
  }

  get existing(): boolean {
    return this.decl.existing;
  }

  get symbol(): string {
    const own = this.iteration ? `${this.decl.name.name}[${this.iteration.index}]` : this.decl.name.name;
    return this.nestedIn ? `${this.nestedIn.symbol}::${own}` : own;
  }

  get inLoop(): boolean {
    return this.decl.body.kind === 'for' || (this.nestedIn?.inLoop ?? false) || (this.instance.options.inLoop ?? false);
  }

  get conditional(): boolean {
    return condition(this.decl) !== undefined || (this.nestedIn?.conditional ?? false) || (this.instance.options.conditional ?? false);
  }

  /** Loop variables: this iteration's values, or Unknown when the body is evaluated once for all iterations. */
  get locals(): Locals | undefined {
    const outer = this.nestedIn?.locals;
    return this.decl.body.kind === 'for' ? loopLocals(this.decl.body, outer, this.iteration, this.loopWhy) : outer;
  }

  /** The collection a loop declaration runs over, evaluated where the declaration stands. */
  loopCollection(): Value | undefined {
    return this.decl.body.kind === 'for' ? this.instance.evaluator.evaluate(this.decl.body.iterable, this.nestedIn?.locals) : undefined;
  }

  /** This declaration for one iteration of its loop. */
  forIteration(iteration: Iteration): ResourceEntry {
    return new ResourceEntry(this.instance, this.decl, this.nestedIn, iteration);
  }

  /** This declaration as one body for every iteration, with the reason its loop variables are Unknown. */
  withLoopReason(why: string): ResourceEntry {
    return new ResourceEntry(this.instance, this.decl, this.nestedIn, undefined, why);
  }

  private typeCache: string | undefined;

  get type(): string {
    if (this.typeCache === undefined) {
      const written = this.decl.resourceType;
      this.typeCache = this.nestedIn && !written.includes('/') ? `${this.nestedIn.type}/${written}` : written;
    }
    return this.typeCache;
  }

  /** Whether the graph models this type (others are evaluated only when something refers to them). */
  get interesting(): boolean {
    return (this.interestingCache ??= INTERESTING.has(this.type.toLowerCase()));
  }

  private interestingCache: boolean | undefined;

  get name(): Value {
    if (!this.nameCache) {
      const body = bodyObject(this.decl);
      const nameProp = body ? objectProperty(body, 'name') : undefined;
      this.nameCache = nameProp
        ? this.instance.evaluator.evaluate(nameProp.value, this.locals)
        : unknownValue(`resource '${this.symbol}' has no name`, this.instance.spanOf(this.decl.name));
      // `name: 'zone/link'` on a top-level child type: the own name is the last segment.
      if (this.nameCache.kind === 'string' && !this.parent().entry && this.nameCache.value.includes('/')) {
        const segments = this.nameCache.value.split('/');
        this.nameCache = str(segments[segments.length - 1], this.nameCache.span);
      }
    }
    return this.nameCache;
  }

  get id(): string {
    if (this.idCache === 'computing') return this.instance.syntheticId(this.symbol);
    if (this.idCache === undefined) {
      this.idCache = 'computing';
      this.idCache = this.computeId();
    }
    return this.idCache;
  }

  body(): Value | undefined {
    if (this.bodyCache === 'evaluating') return undefined;
    if (this.bodyCache) return this.bodyCache;
    this.bodyCache = 'evaluating';
    const object = bodyObject(this.decl);
    let body: Value = object
      ? this.instance.evaluator.evaluate(object, this.locals)
      : unknownValue('the resource body is not an object', this.instance.spanOf(this.decl));
    if (this.type.toLowerCase() === ARM_TYPES.vnet) body = withSubnetIds(body, this.id);
    this.bodyCache = body;
    return body;
  }

  /** A condition that is known to be false: the resource is not deployed. */
  skipped(): boolean {
    const cond = condition(this.decl);
    if (!cond) return false;
    // A filtered loop (`[for x in xs: if (…) {…}]`) decides per iteration.
    const value = this.instance.evaluator.evaluate(cond, this.iteration ? this.locals : this.nestedIn?.locals);
    return value.kind === 'bool' && !value.value;
  }

  declared(): DeclaredResource {
    const body = this.existing ? existingBody(this) : (this.body() ?? unknownValue('cyclic body'));
    const parent = this.parent();
    return {
      file: this.instance.file,
      symbol: this.symbol,
      type: this.type,
      apiVersion: this.decl.apiVersion,
      id: this.id,
      name: this.name,
      parentId: parent.entry?.id ?? parent.id,
      body,
      span: this.instance.spanOf(this.decl),
      existing: this.existing,
      inLoop: this.inLoop,
      conditional: this.conditional,
      cloud: this.instance.cloud,
    };
  }

  /** The parent: the enclosing declaration, `parent: x`, or the leading segments of a `'parent/child'` name. */
  parent(): { entry?: ResourceEntry; id?: string } {
    if (this.parentCache) return this.parentCache;
    this.parentCache = {};
    if (this.nestedIn) return (this.parentCache = { entry: this.nestedIn });
    const object = bodyObject(this.decl);
    const parentProp = object ? objectProperty(object, 'parent') : undefined;
    if (parentProp) {
      const value = this.instance.evaluator.evaluate(parentProp.value, this.locals);
      if (value.kind === 'resource') {
        const handle = value.handle;
        return (this.parentCache = handle instanceof ResourceEntry ? { entry: handle } : { id: handle.id });
      }
      return this.parentCache;
    }
    const segments = slashesIn(this.type);
    if (segments < 2) return this.parentCache;
    const nameProp = object ? objectProperty(object, 'name') : undefined;
    const fromInterpolation = nameProp ? parentFromNameInterpolation(this.instance, nameProp.value) : undefined;
    if (fromInterpolation) return (this.parentCache = { entry: fromInterpolation });
    const full = nameProp ? this.instance.evaluator.evaluate(nameProp.value, this.locals) : undefined;
    if (full?.kind === 'string') {
      const names = full.value.split('/');
      if (names.length === segments) {
        const parentType = this.type.split('/').slice(0, -1).join('/');
        this.parentCache = { id: buildResourceId(parentType, names.slice(0, -1)) };
      }
    }
    return this.parentCache;
  }

  private computeId(): string {
    const name = this.name;
    if (name.kind !== 'string' || name.value.length === 0) return this.instance.syntheticId(this.symbol);
    const parent = this.parent();
    const type = this.type;
    const lastSlash = type.lastIndexOf('/');
    // `Namespace/type`: a top-level resource (no split of the type on this path: ids are built for every resource).
    if (lastSlash >= 0 && type.indexOf('/') === lastSlash) return buildResourceId(type, [name.value], this.instance.options.scope);
    const parentId = parent.entry?.id ?? parent.id;
    if (!parentId || !parentId.startsWith('/')) return this.instance.syntheticId(this.symbol);
    return `${parentId}/${type.slice(lastSlash + 1)}/${name.value}`;
  }
}

function slashesIn(text: string): number {
  let count = 0;
  for (let i = text.indexOf('/'); i >= 0; i = text.indexOf('/', i + 1)) count++;
  return count;
}

/** `name: '${endpoint.name}/default'`: the parent is `endpoint` even when its name is not known. */
function parentFromNameInterpolation(instance: FileInstance, expr: Expression): ResourceEntry | undefined {
  if (expr.kind !== 'string' || expr.expressions.length === 0 || expr.segments[0] !== '') return undefined;
  if (!(expr.segments[1] ?? '').startsWith('/')) return undefined;
  const first = expr.expressions[0];
  if (first.kind !== 'propertyAccess' || first.property.name !== 'name' || first.object.kind !== 'identifier') return undefined;
  const symbol = instance.symbol(first.object.name)?.value;
  return symbol?.kind === 'resource' && symbol.handle instanceof ResourceEntry ? symbol.handle : undefined;
}

/** An `existing` resource: its name is known, everything else is not in this design. */
function existingBody(entry: ResourceEntry): Value {
  return {
    kind: 'object',
    entries: [{ key: 'name', value: entry.name }],
    open: unknownValue(`'${entry.symbol}' is an existing resource: its properties are not in this design`),
  };
}

/** Inline subnets get the `id` ARM gives them, so `vnet.properties.subnets[0].id` resolves to the subnet. */
function withSubnetIds(body: Value, vnetId: string): Value {
  const subnets = getPath(body, 'properties', 'subnets');
  if (!subnets || subnets.kind !== 'array' || body.kind !== 'object') return body;
  const items = subnets.items.map((subnet) => {
    if (subnet.kind !== 'object' || getProp(subnet, 'id')) return subnet;
    const name = getProp(subnet, 'name');
    const id: Value = name?.kind === 'string' ? str(`${vnetId}/subnets/${name.value}`) : unknownValue('the subnet name is not known');
    return { ...subnet, entries: [...subnet.entries, { key: 'id', value: id }] };
  });
  const properties = getProp(body, 'properties');
  if (!properties || properties.kind !== 'object') return body;
  const newProperties: Value = {
    ...properties,
    entries: properties.entries.map((e) => (e.key.toLowerCase() === 'subnets' ? { key: e.key, value: { ...subnets, items } } : e)),
  };
  return { ...body, entries: body.entries.map((e) => (e.key.toLowerCase() === 'properties' ? { key: e.key, value: newProperties } : e)) };
}
