// One evaluated instance of a Bicep file: its symbols (params, vars, resources, modules, outputs), evaluated
// lazily and guarded against cycles, and the resources it declares. A file used as a module is instantiated
// once per call with the call's arguments; a root file with its defaults (or a .bicepparam file's values).

import { buildResourceId } from '../../graph/resource-id';
import type { FileSpan } from '../../graph/types';
import type { Locals, SymbolResolver, SymbolValue } from './eval-expr';
import { Evaluator } from './eval-expr';
import type { ModuleRefValue, ResourceHandle, Value } from './eval-value';
import { getPath, getProp, lazySpan, str, unknownValue } from './eval-value';
import type { DeclaredResource } from './graph-declared';
import { TYPES } from './graph-declared';
import type {
  BicepFile,
  Expression,
  ModuleDeclaration,
  OutputDeclaration,
  ParameterDeclaration,
  ResourceDeclaration,
  VariableDeclaration,
} from './syntax';
import { bodyObject, condition, objectProperty } from './syntax';

export interface InstanceOptions {
  /** Parameter values from the caller (module arguments, .bicepparam values): located where written. */
  readonly overrides?: ReadonlyMap<string, Value>;
  /** The module call is inside a loop / under a condition: so is everything the file declares. */
  readonly inLoop?: boolean;
  readonly conditional?: boolean;
  /** Appended to synthetic ids when the same file is instantiated more than once. */
  readonly idSuffix?: string;
  /**
   * The caller passed every value it means to (a module call, a .bicepparam file): an omitted nullable
   * parameter (`param x string?`) is then null. A root file's parameters come at deployment: Unknown.
   */
  readonly complete?: boolean;
}

/** What a module call resolves to: the resources it adds and its outputs. */
export interface ModuleResult {
  readonly resources: readonly DeclaredResource[];
  output(name: string): Value;
}

/** Instantiates module calls (local files and Azure Verified Modules); implemented in modules.ts. */
export interface ModuleHost {
  instantiate(call: ModuleCall): ModuleResult;
  /** A variable exported by another file (`import { name } from './shared.bicep'`). */
  importedValue(fromFile: string, source: string, name: string): Value;
}

export interface ModuleCall {
  readonly fromFile: string;
  readonly symbol: string;
  readonly source: string | undefined;
  readonly params: Value;
  /** The `params: {…}` object (where AVM property fixes insert), else the declaration. */
  readonly paramsSpan: FileSpan | undefined;
  readonly span: FileSpan;
  readonly inLoop: boolean;
  readonly conditional: boolean;
}

const INTERESTING: ReadonlySet<string> = new Set(Object.values(TYPES));

const LOOP_ITEM = (name: string) => unknownValue(`'${name}' is a loop variable: one loop body stands for every iteration`);

export class FileInstance implements SymbolResolver {
  readonly file: string;
  readonly evaluator: Evaluator;
  private readonly params = new Map<string, ParameterDeclaration>();
  private readonly vars = new Map<string, VariableDeclaration>();
  private readonly outputs = new Map<string, OutputDeclaration>();
  private readonly resources = new Map<string, ResourceEntry>();
  private readonly modules = new Map<string, ModuleEntry>();
  private readonly values = new Map<string, Value | 'evaluating'>();
  /** Imported names: `import { a, b as c } from 'x.bicep'` and `import * as ns from 'x.bicep'`. */
  private readonly imports = new Map<string, { source: string; name: string | undefined }>();
  private readonly allEntries: ResourceEntry[] = [];

  constructor(
    readonly syntax: BicepFile,
    file: string,
    readonly host: ModuleHost,
    readonly options: InstanceOptions = {},
  ) {
    this.file = file;
    this.evaluator = new Evaluator(this);
    for (const statement of syntax.statements) {
      switch (statement.kind) {
        case 'param':
          if (statement.name.name) this.params.set(statement.name.name, statement);
          break;
        case 'var':
          if (statement.name.name) this.vars.set(statement.name.name, statement);
          break;
        case 'output':
          if (statement.name.name) this.outputs.set(statement.name.name, statement);
          break;
        case 'resource':
          if (statement.name.name) this.resources.set(statement.name.name, this.addEntry(statement, undefined));
          break;
        case 'module':
          if (statement.name.name) this.modules.set(statement.name.name, new ModuleEntry(this, statement));
          break;
        case 'import': {
          const source = statement.from?.kind === 'string' ? statement.from.value : undefined;
          if (!source) break;
          for (const imported of statement.symbols ?? []) {
            const name = imported.name.kind === 'identifier' ? imported.name.name : imported.name.value;
            const local = imported.alias?.name ?? name;
            if (name && local) this.imports.set(local, { source, name });
          }
          if (statement.wildcardAlias?.name) this.imports.set(statement.wildcardAlias.name, { source, name: undefined });
          break;
        }
      }
    }
  }

  spanOf(node: { readonly range: FileSpan['range'] }): FileSpan {
    return lazySpan(this.file, node);
  }

  syntheticId(symbol: string): string {
    return `design:${this.file}#${symbol}${this.options.idSuffix ?? ''}`;
  }

  symbol(name: string): SymbolValue | undefined {
    const override = this.options.overrides?.get(name);
    if (override && this.params.has(name)) return { value: override, fromCaller: true };
    const resource = this.resources.get(name);
    if (resource) return { value: { kind: 'resource', handle: resource } };
    const module = this.modules.get(name);
    if (module) return { value: module.value() };
    if (this.params.has(name) || this.vars.has(name)) return { value: this.memo(name) };
    const imported = this.imports.get(name);
    if (imported) {
      const { source, name: exported } = imported;
      if (exported !== undefined) return { value: this.host.importedValue(this.file, source, exported) };
      // `ns.x` of `import * as ns`: a view whose members are the file's exports.
      return { value: { kind: 'module', symbol: name, outputsView: true, output: (member) => this.host.importedValue(this.file, source, member) } };
    }
    return undefined;
  }

  nestedResource(parent: ResourceHandle, child: string): Value | undefined {
    const entry = parent instanceof ResourceEntry ? parent.children.get(child) : undefined;
    return entry ? { kind: 'resource', handle: entry } : undefined;
  }

  /** A variable of this file, for files that import it. */
  exportedVariable(name: string): Value {
    return this.vars.has(name) ? this.memo(name) : unknownValue(`'${name}' is not a variable of the imported file`);
  }

  /** An output of this instance (module outputs referenced by the caller). */
  output(name: string): Value {
    const decl = this.outputs.get(name);
    if (!decl) return unknownValue(`the module has no output '${name}'`);
    return this.evaluator.evaluate(decl.value);
  }

  /** Every resource this instance declares, nested and through modules, in source order. */
  declaredResources(): DeclaredResource[] {
    const out: DeclaredResource[] = [];
    for (const statement of this.syntax.statements) {
      if (statement.kind === 'resource') {
        const entry = this.resources.get(statement.name.name);
        if (entry && entry.decl === statement) this.collect(entry, out);
      } else if (statement.kind === 'module') {
        const module = this.modules.get(statement.name.name);
        if (module && module.decl === statement) out.push(...module.result().resources);
      }
    }
    return out;
  }

  private collect(entry: ResourceEntry, out: DeclaredResource[]): void {
    // Only the resource types the graph models are evaluated here (others only when something refers to
    // them): most of a large template is role assignments, diagnostics and the like.
    const interesting = entry.interesting;
    if (!interesting && entry.children.size === 0) return;
    if (entry.skipped()) return;
    if (interesting) out.push(entry.declared());
    for (const child of entry.children.values()) this.collect(child, out);
  }

  private addEntry(decl: ResourceDeclaration, parent: ResourceEntry | undefined): ResourceEntry {
    const entry = new ResourceEntry(this, decl, parent);
    this.allEntries.push(entry);
    const body = bodyObject(decl);
    if (body) for (const child of body.resources) if (child.name.name) entry.children.set(child.name.name, this.addEntry(child, entry));
    return entry;
  }

  private memo(name: string): Value {
    const cached = this.values.get(name);
    if (cached === 'evaluating') return unknownValue(`'${name}' refers to itself`);
    if (cached) return cached;
    this.values.set(name, 'evaluating');
    const value = this.evaluateSymbol(name);
    this.values.set(name, value);
    return value;
  }

  private evaluateSymbol(name: string): Value {
    const param = this.params.get(name);
    if (param) {
      if (!param.defaultValue) {
        if (this.options.complete && param.type.kind === 'nullableType') return { kind: 'null' };
        return unknownValue(`parameter '${name}' has no default`, this.spanOf(param.name));
      }
      return this.evaluator.evaluate(param.defaultValue);
    }
    const variable = this.vars.get(name);
    return variable ? this.evaluator.evaluate(variable.value) : unknownValue(`'${name}' is not declared`);
  }
}

/** A resource symbol: answers `.id`/`.name`/`.properties` lazily and becomes a DeclaredResource. */
class ResourceEntry implements ResourceHandle {
  readonly children = new Map<string, ResourceEntry>();
  private idCache: string | 'computing' | undefined;
  private nameCache: Value | undefined;
  private bodyCache: Value | 'evaluating' | undefined;
  private parentCache: { entry?: ResourceEntry; id?: string } | undefined;

  constructor(
    private readonly instance: FileInstance,
    readonly decl: ResourceDeclaration,
    private readonly nestedIn: ResourceEntry | undefined,
  ) {}

  get existing(): boolean {
    return this.decl.existing;
  }

  get symbol(): string {
    return this.nestedIn ? `${this.nestedIn.symbol}::${this.decl.name.name}` : this.decl.name.name;
  }

  get inLoop(): boolean {
    return this.decl.body.kind === 'for' || (this.nestedIn?.inLoop ?? false) || (this.instance.options.inLoop ?? false);
  }

  get conditional(): boolean {
    return condition(this.decl) !== undefined || (this.nestedIn?.conditional ?? false) || (this.instance.options.conditional ?? false);
  }

  /** Loop variables are Unknown: the body is evaluated once for all iterations. */
  get locals(): Locals | undefined {
    let locals = this.nestedIn?.locals;
    if (this.decl.body.kind === 'for') {
      const loop = this.decl.body;
      if (loop.item) locals = { name: loop.item.name, value: LOOP_ITEM(loop.item.name), parent: locals };
      if (loop.index) locals = { name: loop.index.name, value: LOOP_ITEM(loop.index.name), parent: locals };
    }
    return locals;
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
    return INTERESTING.has(this.type.toLowerCase());
  }

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
    if (this.type.toLowerCase() === TYPES.vnet) body = withSubnetIds(body, this.id);
    this.bodyCache = body;
    return body;
  }

  /** A condition that is known to be false: the resource is not deployed. */
  skipped(): boolean {
    const cond = condition(this.decl);
    if (!cond) return false;
    const value = this.instance.evaluator.evaluate(cond, this.nestedIn?.locals);
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
    const segments = this.type.split('/').length - 1;
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
    const synthetic = this.instance.syntheticId(this.symbol);
    if (name.kind !== 'string' || name.value.length === 0) return synthetic;
    const parent = this.parent();
    const segments = this.type.split('/');
    if (segments.length === 2) return buildResourceId(this.type, [name.value]);
    const parentId = parent.entry?.id ?? parent.id;
    if (!parentId || !parentId.startsWith('/')) return synthetic;
    return `${parentId}/${segments[segments.length - 1]}/${name.value}`;
  }
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

/** A module symbol: its params are evaluated in the caller, its resources and outputs come from the host. */
class ModuleEntry {
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
