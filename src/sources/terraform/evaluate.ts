// Evaluates one instance of a Terraform module: variables (defaults, then `terraform.tfvars`/`*.auto.tfvars` or
// the caller's arguments, with `optional()` defaults of object types), locals, resources and data sources with
// `count`/`for_each` expanded over known collections (each instance evaluated; an unknown collection gives one
// representative instance marked as a loop, never a guess; expansion is bounded), `dynamic` blocks, references
// across the module's files, and child modules (local folders, or registry modules mapped by avm.ts).
// Values are the Bicep evaluator's (`Value`): the ARM-shaped mapping and the graph builder share them.

import type { FileSpan } from '../../graph/types';
import type { ObjectEntry, ObjectValue, Value } from '../bicep/eval-value';
import { str, unknownValue, withSpan } from '../bicep/eval-value';
import type { ModuleConfig } from './config';
import { moduleSource } from './config';
import { callFunction, equal, text } from './functions';
import type { Block, Body, Expr, HclFile, TemplatePart } from './hcl/syntax';
import { attributeOf } from './hcl/syntax';
import { spanOf } from './spans';
import type { ResourceReuse } from './eval-reuse';

/** More instances than this are not expanded one by one: one representative instance stands for them. */
export const MAX_INSTANCES = 256;

/** Local modules nested deeper than this are not followed (a gap at the call, never silence). */
const MAX_MODULE_DEPTH = 16;

/** A cycle of folders for a message, each named relative to their common parent: `a → b → a`. */
function cycleText(dirs: readonly string[]): string {
  const split = dirs.map((dir) => dir.split(/[\\/]/));
  let common = 0;
  while (split.every((parts) => common < parts.length - 1 && parts[common] === split[0][common])) common++;
  return split.map((parts) => parts.slice(common).join('/') || '.').join(' → ');
}

/** Attributes of a resource block that configure Terraform, not the resource. */
const META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']);

export interface ResourceInstance {
  /** `module.pe.azurerm_private_endpoint.pe["a"]`. */
  readonly address: string;
  readonly type: string;
  readonly mode: 'managed' | 'data';
  readonly file: HclFile;
  readonly block: Block;
  /** The evaluated configuration: attributes, and nested blocks as lists of objects (the plan's shape). */
  readonly values: ObjectValue;
  readonly inLoop: boolean;
  readonly conditional: boolean;
}

/** What a module instance needs from the workspace: other modules, and the ARM identity of resources. */
export interface ModuleHost {
  /** A local module's folder, confined to the analysed root (undefined when it is outside or not read). */
  localModule(fromDir: string, source: string): ModuleConfig | undefined;
  /** A registry module's resources and outputs, for the modules avm.ts knows; undefined otherwise. */
  registryModule(source: string, call: RegistryCall): { resources: ResourceInstance[]; outputs: Value } | undefined;
  /** The id a resource's references see (`azurerm_redis_cache.r.id`): its ARM id, or a synthetic one. */
  idOf(type: string, mode: 'managed' | 'data', values: ObjectValue, address: string, file: HclFile): string;
  /** Reports a module that could not be read (a coverage gap, never silence). */
  unread(call: { file: HclFile; block: Block; source: string; reason: string }): void;
}

export interface RegistryCall {
  readonly address: string;
  readonly file: HclFile;
  readonly block: Block;
  readonly inputs: ObjectValue;
  readonly inLoop: boolean;
  readonly conditional: boolean;
}

interface Scope {
  readonly vars?: ReadonlyMap<string, Value>;
}

interface Expansion {
  readonly key?: string | number;
  readonly vars: Map<string, Value>;
  readonly inLoop: boolean;
  readonly conditional: boolean;
}

export class ModuleInstance {
  private readonly localValues = new Map<string, Value>();
  private readonly variableValues = new Map<string, Value>();
  private readonly resourceRefs = new Map<string, Value>();
  private readonly moduleRefs = new Map<string, Value>();
  private readonly instances = new Map<string, ResourceInstance[]>();
  private readonly inProgress = new Set<string>();
  private readonly children = new Map<string, { instance?: ModuleInstance; registry?: { resources: ResourceInstance[]; outputs: Value } }[]>();

  constructor(
    readonly config: ModuleConfig,
    /** Values given to the variables: tfvars for a root module, the call's arguments for a child. */
    private readonly inputs: ReadonlyMap<string, Value>,
    private readonly host: ModuleHost,
    /** `module.pe[0].` for a child instance; '' for the root. */
    readonly prefix: string,
    /** Set when this instance is itself one of a loop's instances or under an unknown count. */
    private readonly outer: { inLoop: boolean; conditional: boolean } = { inLoop: false, conditional: false },
    /** The folders of the module instances that called this one, outermost first (cycles and depth are checked on it). */
    private readonly callers: readonly string[] = [],
    /** Last keystroke's instances of the resources nothing changed for (root modules in the editor only). */
    private readonly reuse?: ResourceReuse,
  ) {}

  /** The instances of every resource evaluated so far, by key (what the next keystroke may reuse). */
  get evaluated(): ReadonlyMap<string, readonly ResourceInstance[]> {
    return this.instances;
  }

  // ----------------------------------------------------------------------------------------------------
  // Resources
  // ----------------------------------------------------------------------------------------------------

  /** Every resource instance of this module and of the modules it calls. */
  allResources(): ResourceInstance[] {
    const out: ResourceInstance[] = [];
    for (const key of this.config.resources.keys()) out.push(...this.resourceInstances(key));
    for (const name of this.config.modules.keys()) {
      for (const child of this.moduleInstances(name)) {
        if (child.instance) out.push(...child.instance.allResources());
        if (child.registry) out.push(...child.registry.resources);
      }
    }
    return out;
  }

  private resourceInstances(key: string): ResourceInstance[] {
    const done = this.instances.get(key);
    if (done) return done;
    const declared = this.config.resources.get(key);
    if (!declared || this.inProgress.has(`resource:${key}`)) return [];
    const kept = this.reuse?.instances(key);
    if (kept) {
      this.instances.set(key, kept);
      return kept;
    }
    this.inProgress.add(`resource:${key}`);
    try {
      const { file, node: block } = declared;
      const mode = key.startsWith('data.') ? 'data' : 'managed';
      const type = block.labels[0].value;
      const list: ResourceInstance[] = [];
      for (const expansion of this.expand(file, block.body)) {
        const scope: Scope = { vars: expansion.vars };
        const values = this.evalBody(file, block.body, scope, block);
        const suffix = expansion.key === undefined ? '' : typeof expansion.key === 'number' ? `[${expansion.key}]` : `["${expansion.key}"]`;
        list.push({
          address: `${this.prefix}${key}${suffix}`,
          type,
          mode,
          file,
          block,
          values,
          inLoop: expansion.inLoop || this.outer.inLoop,
          conditional: expansion.conditional || this.outer.conditional,
        });
      }
      this.instances.set(key, list);
      return list;
    } finally {
      this.inProgress.delete(`resource:${key}`);
    }
  }

  /** `count` / `for_each` → the instances to evaluate. */
  private expand(file: HclFile, body: Body, scope: Scope = {}): Expansion[] {
    const count = attributeOf(body, 'count');
    const forEach = attributeOf(body, 'for_each');
    const base = () => new Map(scope.vars ?? []);
    if (count) {
      const n = this.evaluate(file, count.expr, scope);
      if (n.kind === 'number' && Number.isInteger(n.value) && n.value >= 0 && n.value <= MAX_INSTANCES) {
        return Array.from({ length: n.value }, (_, index) => {
          const vars = base();
          vars.set('count', obj([['index', { kind: 'number', value: index, span: n.span }]]));
          return { key: index, vars, inLoop: n.value > 1, conditional: false };
        });
      }
      const why = n.kind === 'unknown' ? n.why : `count = ${n.kind === 'number' ? n.value : n.kind} is not expanded`;
      const vars = base();
      vars.set('count', obj([['index', unknownValue(`count.index: ${why}`)]]));
      return [{ vars, inLoop: true, conditional: true }];
    }
    if (forEach) {
      const collection = this.evaluate(file, forEach.expr, scope);
      const pairs = eachPairs(collection);
      if (pairs && pairs.length <= MAX_INSTANCES) {
        return pairs.map(([key, value]) => {
          const vars = base();
          vars.set('each', obj([['key', str(key, value.span)], ['value', value]]));
          return { key, vars, inLoop: pairs.length > 1, conditional: false };
        });
      }
      const why = collection.kind === 'unknown' ? collection.why : 'the for_each collection is not expanded';
      const vars = base();
      const each = unknownValue(`each: ${why}`);
      vars.set('each', obj([['key', each], ['value', each]]));
      return [{ vars, inLoop: true, conditional: true }];
    }
    return [{ vars: base(), inLoop: false, conditional: false }];
  }

  /** A block body as an object: attributes, nested blocks as lists (`dynamic` ones expanded). */
  private evalBody(file: HclFile, body: Body, scope: Scope, block?: Block): ObjectValue {
    const entries: ObjectEntry[] = [];
    for (const attribute of body.attributes) {
      if (META.has(attribute.name)) continue;
      entries.push({ key: attribute.name, value: this.evaluate(file, attribute.expr, scope) });
    }
    const lists = new Map<string, Value[] | Value>();
    const add = (type: string, value: Value) => {
      const list = lists.get(type);
      if (Array.isArray(list)) list.push(value);
      else if (list === undefined) lists.set(type, [value]);
    };
    for (const nested of body.blocks) {
      if (META.has(nested.type)) continue;
      if (nested.type !== 'dynamic') {
        add(nested.type, this.evalBody(file, nested.body, scope, nested));
        continue;
      }
      const name = nested.labels[0]?.value;
      const content = nested.body.blocks.find((b) => b.type === 'content');
      if (!name || !content) continue;
      const iterator = attributeOf(nested.body, 'iterator')?.expr;
      const iteratorName = iterator?.type === 'variable' ? iterator.name : name;
      const collection = attributeOf(nested.body, 'for_each');
      const value = collection ? this.evaluate(file, collection.expr, scope) : unknownValue('a dynamic block without for_each');
      const pairs = eachPairs(value);
      if (!pairs || pairs.length > MAX_INSTANCES) {
        // How many blocks there are is not known: the list is Unknown (never "none").
        lists.set(name, unknownValue(`dynamic "${name}": ${value.kind === 'unknown' ? value.why : 'too many to expand'}`, spanOf(file, nested)));
        continue;
      }
      for (const [key, item] of pairs) {
        const vars = new Map(scope.vars ?? []);
        vars.set(iteratorName, obj([['key', str(key, item.span)], ['value', item]]));
        add(name, this.evalBody(file, content.body, { vars }, content));
      }
      if (pairs.length === 0 && !lists.has(name)) lists.set(name, []);
    }
    for (const [key, list] of lists) {
      entries.push({ key, value: Array.isArray(list) ? { kind: 'array', items: list, span: list[0]?.span } : list });
    }
    return { kind: 'object', entries, span: block ? spanOf(file, block) : spanOf(file, body) };
  }

  // ----------------------------------------------------------------------------------------------------
  // Modules
  // ----------------------------------------------------------------------------------------------------

  private moduleInstances(name: string): { instance?: ModuleInstance; registry?: { resources: ResourceInstance[]; outputs: Value } }[] {
    const done = this.children.get(name);
    if (done) return done;
    const declared = this.config.modules.get(name);
    if (!declared || this.inProgress.has(`module:${name}`)) return [];
    this.inProgress.add(`module:${name}`);
    const result: { instance?: ModuleInstance; registry?: { resources: ResourceInstance[]; outputs: Value } }[] = [];
    try {
      const { file, node: block } = declared;
      const source = moduleSource(block.body);
      if (source === undefined) {
        this.host.unread({ file, block, source: '?', reason: `module "${name}": its source is not a literal string` });
        return result;
      }
      for (const expansion of this.expand(file, block.body)) {
        const scope: Scope = { vars: expansion.vars };
        const suffix = expansion.key === undefined ? '' : typeof expansion.key === 'number' ? `[${expansion.key}]` : `["${expansion.key}"]`;
        const address = `${this.prefix}module.${name}${suffix}`;
        const inputs = new Map<string, Value>();
        for (const attribute of block.body.attributes) {
          if (attribute.name === 'source' || attribute.name === 'version' || META.has(attribute.name) || attribute.name === 'providers') continue;
          inputs.set(attribute.name, this.evaluate(file, attribute.expr, scope));
        }
        const inLoop = expansion.inLoop || this.outer.inLoop;
        const conditional = expansion.conditional || this.outer.conditional;
        if (source.startsWith('./') || source.startsWith('../')) {
          const config = this.host.localModule(this.config.dir, source);
          if (!config) {
            this.host.unread({ file, block, source, reason: `module "${name}": ${source} is not a folder of Terraform files under the analysed root` });
            result.push({});
            continue;
          }
          // Terraform itself rejects a module that calls itself through other modules; following it would never
          // end, and stopping silently would leave what the call configures unchecked: a gap at the call.
          const chain = [...this.callers, this.config.dir];
          if (chain.includes(config.dir)) {
            const cycle = cycleText([...chain.slice(chain.indexOf(config.dir)), config.dir]);
            this.host.unread({ file, block, source, reason: `module "${name}": ${source} closes a cycle of local modules (${cycle}): the cycle is not followed` });
            result.push({});
            continue;
          }
          if (chain.length > MAX_MODULE_DEPTH) {
            this.host.unread({ file, block, source, reason: `module "${name}": modules nested more than ${MAX_MODULE_DEPTH} deep are not followed` });
            result.push({});
            continue;
          }
          result.push({ instance: new ModuleInstance(config, inputs, this.host, `${address}.`, { inLoop, conditional }, chain) });
        } else {
          const inputObject: ObjectValue = { kind: 'object', entries: [...inputs].map(([key, value]) => ({ key, value })), span: spanOf(file, block) };
          const registry = this.host.registryModule(source, { address, file, block, inputs: inputObject, inLoop, conditional });
          if (!registry) this.host.unread({ file, block, source, reason: `module "${name}": ${source} is not read (only local modules and the Azure Verified Modules listed in the README are)` });
          result.push(registry ? { registry } : {});
        }
      }
      return result;
    } finally {
      this.children.set(name, result);
      this.inProgress.delete(`module:${name}`);
    }
  }

  private moduleRef(name: string, span: FileSpan): Value {
    const cached = this.moduleRefs.get(name);
    if (cached) return cached;
    const declared = this.config.modules.get(name);
    if (!declared) return unknownValue(`module.${name} is not declared`, span);
    const instances = this.moduleInstances(name);
    const outputsOf = (child: { instance?: ModuleInstance; registry?: { outputs: Value } }): Value =>
      child.instance ? child.instance.outputs() : child.registry ? child.registry.outputs : unknownValue(`the outputs of module.${name} are not known`, span);
    const block = declared.node.body;
    let value: Value;
    if (attributeOf(block, 'count') || attributeOf(block, 'for_each')) {
      value = this.collectionOf(declared.file, block, instances.map(outputsOf), `module.${name}`, span);
    } else value = instances[0] ? outputsOf(instances[0]) : unknownValue(`module.${name} is not known`, span);
    this.moduleRefs.set(name, value);
    return value;
  }

  private outputsValue: ObjectValue | undefined;

  outputs(): ObjectValue {
    if (this.outputsValue) return this.outputsValue;
    const entries: ObjectEntry[] = [];
    // Set first: an output that refers to this module's own outputs (a cycle) reads what is known so far.
    this.outputsValue = { kind: 'object', entries, open: unknownValue('an output of a module that is not declared') };
    for (const [name, { file, node }] of this.config.outputs) {
      const value = attributeOf(node.body, 'value');
      entries.push({ key: name, value: value ? this.evaluate(file, value.expr, {}) : unknownValue(`output ${name} has no value`) });
    }
    return this.outputsValue;
  }

  // ----------------------------------------------------------------------------------------------------
  // Variables and locals
  // ----------------------------------------------------------------------------------------------------

  private variable(name: string, span: FileSpan): Value {
    const cached = this.variableValues.get(name);
    if (cached) return cached;
    const declared = this.config.variables.get(name);
    if (!declared) return unknownValue(`variable "${name}" is not declared`, span);
    const { file, node } = declared;
    const given = this.inputs.get(name);
    const defaultAttr = attributeOf(node.body, 'default');
    let value: Value;
    if (given !== undefined && given.kind !== 'null') value = given;
    else if (defaultAttr) value = this.evaluate(file, defaultAttr.expr, {});
    else if (given) value = given;
    else value = unknownValue(this.prefix ? `variable "${name}" is not given by the module call` : `variable "${name}" has no default and no value in terraform.tfvars or *.auto.tfvars`, spanOf(file, node));
    const type = attributeOf(node.body, 'type');
    if (type) value = this.applyType(file, type.expr, value);
    this.variableValues.set(name, value);
    return value;
  }

  /** Fills `optional(type, default)` attributes of object types the value leaves out. */
  private applyType(file: HclFile, type: Expr, value: Value): Value {
    if (type.type !== 'call' || value.kind === 'unknown' || value.kind === 'null') return value;
    const [inner] = type.args;
    switch (type.name) {
      case 'map':
        if (value.kind !== 'object' || !inner) return value;
        return { ...value, entries: value.entries.map((e) => ({ key: e.key, value: this.applyType(file, inner, e.value) })) };
      case 'list':
      case 'set':
        if (value.kind !== 'array' || !inner) return value;
        return { ...value, items: value.items.map((item) => this.applyType(file, inner, item)) };
      case 'object': {
        if (value.kind !== 'object' || inner?.type !== 'object') return value;
        const entries = [...value.entries];
        for (const item of inner.items) {
          const key = item.key.type === 'literal' ? String(item.key.value) : item.key.type === 'variable' ? item.key.name : undefined;
          if (key === undefined) continue;
          const at = entries.findIndex((e) => e.key === key);
          const attrType = item.value;
          if (attrType.type === 'call' && attrType.name === 'optional') {
            const [optionalType, fallback] = attrType.args;
            if (at < 0 || entries[at].value.kind === 'null') {
              const filled: Value = fallback ? this.evaluate(file, fallback, {}) : { kind: 'null', span: value.span };
              // A default stands where the value would be: its span is the object the caller wrote.
              const withSpan = { ...filled, span: value.span } as Value;
              const typed = optionalType ? this.applyType(file, optionalType, withSpan) : withSpan;
              if (at < 0) entries.push({ key, value: typed });
              else entries[at] = { key, value: typed };
              continue;
            }
            if (optionalType) entries[at] = { key, value: this.applyType(file, optionalType, entries[at].value) };
          } else if (at >= 0) entries[at] = { key, value: this.applyType(file, attrType, entries[at].value) };
        }
        return { ...value, entries };
      }
      default:
        return value;
    }
  }

  private local(name: string, span: FileSpan): Value {
    const cached = this.localValues.get(name);
    if (cached) return cached;
    const declared = this.config.locals.get(name);
    if (!declared) return unknownValue(`local.${name} is not declared`, span);
    const key = `local:${name}`;
    if (this.inProgress.has(key)) return unknownValue(`local.${name} refers to itself`, span);
    this.inProgress.add(key);
    try {
      const value = this.evaluate(declared.file, declared.node.expr, {});
      this.localValues.set(name, value);
      return value;
    } finally {
      this.inProgress.delete(key);
    }
  }

  // ----------------------------------------------------------------------------------------------------
  // References to resources
  // ----------------------------------------------------------------------------------------------------

  private resourceRef(key: string, span: FileSpan): Value {
    const cached = this.resourceRefs.get(key);
    if (cached) return cached;
    const declared = this.config.resources.get(key);
    if (!declared) return unknownValue(`${key} is not declared in this module`, span);
    if (this.inProgress.has(`resource:${key}`)) return unknownValue(`${key} refers to itself`, span);
    const instances = this.resourceInstances(key).map((instance) => this.attributesOf(instance));
    const body = declared.node.body;
    const value = attributeOf(body, 'count') || attributeOf(body, 'for_each')
      ? this.collectionOf(declared.file, body, instances, key, span)
      : instances[0] ?? unknownValue(`${key} is not known`, span);
    this.resourceRefs.set(key, value);
    return value;
  }

  /** A counted resource is a list of instances, a for_each one a map; an unexpanded one is Unknown. */
  private collectionOf(file: HclFile, body: Body, instances: Value[], what: string, span: FileSpan): Value {
    const expansions = this.expand(file, body);
    if (expansions.length === 1 && expansions[0].key === undefined) return unknownValue(`the instances of ${what} are not known`, span);
    if (attributeOf(body, 'count')) return { kind: 'array', items: instances, span };
    return { kind: 'object', entries: expansions.map((e, i) => ({ key: String(e.key), value: instances[i] ?? unknownValue(`${what} is not known`, span) })), span };
  }

  /** What `type.name.x` reads: the configuration, the id, and Unknown for attributes computed at apply. */
  private attributesOf(instance: ResourceInstance): Value {
    const id = this.host.idOf(instance.type, instance.mode, instance.values, instance.address, instance.file);
    const computed = unknownValue(`an attribute of ${instance.address} known only after apply`);
    return {
      kind: 'object',
      entries: [...instance.values.entries, { key: 'id', value: str(id, spanOf(instance.file, instance.block)) }],
      open: computed,
      span: instance.values.span,
    };
  }

  // ----------------------------------------------------------------------------------------------------
  // Expressions
  // ----------------------------------------------------------------------------------------------------

  evaluate(file: HclFile, expr: Expr, scope: Scope): Value {
    const span = spanOf(file, expr);
    switch (expr.type) {
      case 'literal':
        if (expr.value === null) return { kind: 'null', span };
        if (typeof expr.value === 'string') return str(expr.value, span);
        if (typeof expr.value === 'number') return { kind: 'number', value: expr.value, span };
        return { kind: 'bool', value: expr.value, span };
      case 'template':
        return this.template(file, expr.parts, scope, span);
      case 'variable':
        return this.root(expr.name, scope, span);
      case 'getattr': {
        const value = this.traverse(file, expr, scope, span);
        return refersToResource(expr, scope) ? withSpan(value, span) : value;
      }
      case 'index': {
        const object = this.evaluate(file, expr.object, scope);
        const key = this.evaluate(file, expr.key, scope);
        const value = index(object, key, span);
        return refersToResource(expr, scope) ? withSpan(value, span) : value;
      }
      case 'splat': {
        const source = this.evaluate(file, expr.source, scope);
        if (source.kind === 'unknown') return source;
        const list = source.kind === 'array' ? source.items : source.kind === 'null' ? [] : [source];
        return { kind: 'array', items: list.map((item) => this.applyEach(file, expr.each, item, scope)), span };
      }
      case 'splatItem':
        return scope.vars?.get('\u0000splat') ?? unknownValue('splat item', span);
      case 'call': {
        let args = expr.args.map((a) => this.evaluate(file, a, scope));
        if (expr.expandFinal && args.length > 0) {
          const last = args[args.length - 1];
          if (last.kind !== 'array') return unknownValue(`${expr.name}(…): the expanded argument is not a known list`, span);
          args = [...args.slice(0, -1), ...last.items];
        }
        return callFunction(expr.name, args, span);
      }
      case 'tuple':
        return { kind: 'array', items: expr.items.map((item) => this.evaluate(file, item, scope)), span };
      case 'object': {
        const entries: ObjectEntry[] = [];
        for (const item of expr.items) {
          const key = item.key.type === 'literal' ? String(item.key.value) : text(this.evaluate(file, item.key, scope));
          if (key === undefined) return unknownValue('an object key is not known', span);
          entries.push({ key, value: this.evaluate(file, item.value, scope) });
        }
        return { kind: 'object', entries, span };
      }
      case 'for':
        return this.forExpr(file, expr, scope, span);
      case 'unary': {
        const operand = this.evaluate(file, expr.operand, scope);
        if (operand.kind === 'unknown') return operand;
        if (expr.op === '!' && operand.kind === 'bool') return { kind: 'bool', value: !operand.value, span };
        if (expr.op === '-' && operand.kind === 'number') return { kind: 'number', value: -operand.value, span };
        return unknownValue(`${expr.op} on a ${operand.kind}`, span);
      }
      case 'binary':
        return this.binary(file, expr.op, expr.left, expr.right, scope, span);
      case 'conditional': {
        const condition = this.evaluate(file, expr.condition, scope);
        if (condition.kind === 'bool') return this.evaluate(file, condition.value ? expr.then : expr.else, scope);
        if (condition.kind === 'string' && (condition.value === 'true' || condition.value === 'false')) {
          return this.evaluate(file, condition.value === 'true' ? expr.then : expr.else, scope);
        }
        const why = condition.kind === 'unknown' ? condition.why : 'the condition is not a bool';
        return unknownValue(`the condition is not known: ${why}`, span);
      }
      case 'parens':
        return this.evaluate(file, expr.expr, scope);
      case 'error':
        return unknownValue('a syntax error', span);
    }
  }

  private applyEach(file: HclFile, each: Expr, item: Value, scope: Scope): Value {
    const vars = new Map(scope.vars ?? []);
    vars.set('\u0000splat', item);
    return this.evaluate(file, each, { vars });
  }

  private root(name: string, scope: Scope, span: FileSpan): Value {
    const bound = scope.vars?.get(name);
    if (bound) return bound;
    return unknownValue(`${name} is not a value here`, span);
  }

  /** `var.x`, `local.x`, `module.m`, `data.t.n`, `type.name`, `path.module`, then attribute access. */
  private traverse(file: HclFile, expr: Expr & { type: 'getattr' }, scope: Scope, span: FileSpan): Value {
    const chain: string[] = [];
    let base: Expr = expr;
    while (base.type === 'getattr') {
      chain.unshift(base.name);
      base = base.object;
    }
    if (base.type === 'variable' && !scope.vars?.has(base.name)) {
      const root = base.name;
      let consumed = 1;
      let value: Value | undefined;
      // A variable or local keeps the span of the text that decided it (the tfvars line, the module argument,
      // the default): that is where a fix goes. A resource or module output is located at the reference.
      let located = false;
      if (root === 'var') value = this.variable(chain[0], span);
      else if (root === 'local') value = this.local(chain[0], span);
      else if (root === 'module') {
        value = this.moduleRef(chain[0], span);
        located = true;
      }
      else if (root === 'path') value = str(chain[0] === 'module' ? this.config.dir : '.', span);
      else if (root === 'terraform') value = unknownValue('terraform.workspace is known when Terraform runs', span);
      else if (root === 'data' && chain.length >= 2) {
        value = this.resourceRef(`data.${chain[0]}.${chain[1]}`, span);
        consumed = 2;
        located = true;
      } else if (this.config.resources.has(`${root}.${chain[0]}`)) {
        value = this.resourceRef(`${root}.${chain[0]}`, span);
        located = true;
      }
      if (value) {
        const result = chain.slice(consumed).reduce((v, name) => attr(v, name, span), value);
        return located ? withSpan(result, span) : result;
      }
    }
    return attr(this.evaluate(file, expr.object, scope), expr.name, span);
  }

  private template(file: HclFile, parts: readonly TemplatePart[], scope: Scope, span: FileSpan): Value {
    if (parts.length === 1 && parts[0].type === 'interpolation') return this.evaluate(file, parts[0].expr, scope);
    let out = '';
    for (const part of parts) {
      if (part.type === 'text') out += part.value;
      else if (part.type === 'interpolation') {
        const value = this.evaluate(file, part.expr, scope);
        if (value.kind === 'unknown') return unknownValue(value.why, span);
        const t = text(value);
        if (t === undefined) return unknownValue(`a ${value.kind} in a string`, span);
        out += t;
      } else if (part.type === 'if') {
        const condition = this.evaluate(file, part.condition, scope);
        if (condition.kind !== 'bool') return unknownValue('a template condition is not known', span);
        const chosen = condition.value ? part.then : part.else ?? [];
        const value = this.template(file, chosen, scope, span);
        if (value.kind !== 'string') return value;
        out += value.value;
      } else {
        const collection = this.evaluate(file, part.collection, scope);
        const pairs = eachPairs(collection, true);
        if (!pairs) return unknownValue('a template for directive over a collection that is not known', span);
        for (const [key, item] of pairs) {
          const vars = new Map(scope.vars ?? []);
          if (part.keyVar) vars.set(part.keyVar, str(key));
          vars.set(part.valueVar, item);
          const value = this.template(file, part.body, { vars }, span);
          if (value.kind !== 'string') return value;
          out += value.value;
        }
      }
    }
    return str(out, span);
  }

  private forExpr(file: HclFile, expr: Expr & { type: 'for' }, scope: Scope, span: FileSpan): Value {
    const collection = this.evaluate(file, expr.collection, scope);
    const pairs = eachPairs(collection, true, true);
    if (!pairs) return unknownValue(collection.kind === 'unknown' ? collection.why : 'a for expression over a value that is not a collection', span);
    const items: Value[] = [];
    const entries: ObjectEntry[] = [];
    for (const [key, item, numericKey] of pairs) {
      const vars = new Map(scope.vars ?? []);
      if (expr.keyVar) vars.set(expr.keyVar, numericKey !== undefined ? { kind: 'number', value: numericKey } : str(key));
      vars.set(expr.valueVar, item);
      const inner: Scope = { vars };
      if (expr.condition) {
        const keep = this.evaluate(file, expr.condition, inner);
        if (keep.kind !== 'bool') return unknownValue('a for expression condition is not known', span);
        if (!keep.value) continue;
      }
      const value = this.evaluate(file, expr.valueExpr, inner);
      if (!expr.keyExpr) {
        items.push(value);
        continue;
      }
      const k = text(this.evaluate(file, expr.keyExpr, inner));
      if (k === undefined) return unknownValue('a for expression key is not known', span);
      if (expr.grouping) {
        const existing = entries.find((e) => e.key === k);
        if (existing) (existing.value as unknown as { items: Value[] }).items.push(value);
        else entries.push({ key: k, value: { kind: 'array', items: [value], span } });
      } else entries.push({ key: k, value });
    }
    return expr.keyExpr ? { kind: 'object', entries, span } : { kind: 'array', items, span };
  }

  private binary(file: HclFile, op: string, leftExpr: Expr, rightExpr: Expr, scope: Scope, span: FileSpan): Value {
    const left = this.evaluate(file, leftExpr, scope);
    // `&&`/`||` decide on one known side when the other is not needed.
    if (op === '&&' && left.kind === 'bool' && !left.value) return { kind: 'bool', value: false, span };
    if (op === '||' && left.kind === 'bool' && left.value) return { kind: 'bool', value: true, span };
    const right = this.evaluate(file, rightExpr, scope);
    if (left.kind === 'unknown') return unknownValue(left.why, span);
    if (right.kind === 'unknown') return unknownValue(right.why, span);
    const bool = (value: boolean): Value => ({ kind: 'bool', value, span });
    switch (op) {
      case '&&':
      case '||':
        return right.kind === 'bool' ? bool(right.value) : unknownValue(`${op} on a ${right.kind}`, span);
      case '==':
      case '!=': {
        const same = equal(left, right);
        return bool(op === '==' ? same : !same);
      }
    }
    const a = left.kind === 'number' ? left.value : left.kind === 'string' && left.value.trim() !== '' ? Number(left.value) : NaN;
    const b = right.kind === 'number' ? right.value : right.kind === 'string' && right.value.trim() !== '' ? Number(right.value) : NaN;
    if (Number.isNaN(a) || Number.isNaN(b)) return unknownValue(`${op} on values that are not numbers`, span);
    const n = (value: number): Value => ({ kind: 'number', value, span });
    switch (op) {
      case '+':
        return n(a + b);
      case '-':
        return n(a - b);
      case '*':
        return n(a * b);
      case '/':
        return b === 0 ? unknownValue('division by zero', span) : n(a / b);
      case '%':
        return b === 0 ? unknownValue('division by zero', span) : n(a % b);
      case '<':
        return bool(a < b);
      case '>':
        return bool(a > b);
      case '<=':
        return bool(a <= b);
      case '>=':
        return bool(a >= b);
    }
    return unknownValue(`operator ${op}`, span);
  }
}

/** Roots whose values keep the span of the text that decided them (a fix goes there, not to the reference). */
const VALUE_ROOTS = new Set(['var', 'local', 'each', 'count', 'path', 'terraform', 'self']);

/**
 * `azurerm_subnet.s[0].id`, `module.pe.id`, `data.x.y.id`: a value of another declaration, located where it is
 * referred to, so a finding underlines the reference rather than the declaration it came from.
 */
function refersToResource(expr: Expr, scope: Scope): boolean {
  let base = expr;
  while (base.type === 'getattr' || base.type === 'index') base = base.object;
  return base.type === 'variable' && !VALUE_ROOTS.has(base.name) && !scope.vars?.has(base.name);
}

function obj(pairs: [string, Value][]): ObjectValue {
  return { kind: 'object', entries: pairs.map(([key, value]) => ({ key, value })) };
}

/** `value.name`: Unknown stays Unknown; a missing attribute of an object is Unknown too (computed, or an error). */
function attr(value: Value, name: string, span: FileSpan): Value {
  if (value.kind === 'unknown') return value;
  if (value.kind === 'object') {
    const found = value.entries.find((e) => e.key === name);
    if (found) return found.value;
    return value.open ?? unknownValue(`no attribute '${name}'`, span);
  }
  return unknownValue(`.${name} of a ${value.kind}`, span);
}

function index(value: Value, key: Value, span: FileSpan): Value {
  if (value.kind === 'unknown') return value;
  if (key.kind === 'unknown') return unknownValue(`the index is not known: ${key.why}`, span);
  if (value.kind === 'array') {
    const n = key.kind === 'number' ? key.value : key.kind === 'string' ? Number(key.value) : NaN;
    return Number.isInteger(n) && n >= 0 && n < value.items.length ? value.items[n] : unknownValue(`index ${text(key)} is out of range`, span);
  }
  if (value.kind === 'object') {
    const k = text(key);
    const found = k === undefined ? undefined : value.entries.find((e) => e.key === k);
    return found ? found.value : value.open ?? unknownValue(`no key '${k}'`, span);
  }
  return unknownValue(`[${text(key)}] of a ${value.kind}`, span);
}

/**
 * The (key, value) pairs a `for_each` (or a for expression) iterates: a map in key order, or a set of strings
 * (each key = value). `lists` also allows lists (for expressions: key = index). Undefined when not known.
 */
function eachPairs(collection: Value, lists = false, numericKeys = false): [string, Value, number?][] | undefined {
  if (collection.kind === 'object') {
    if (collection.open) return undefined;
    // Terraform iterates maps in lexical key order.
    return [...collection.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => [e.key, e.value]);
  }
  if (collection.kind === 'array') {
    if (collection.items.some((i) => i.kind === 'unknown')) return undefined;
    if (lists) return collection.items.map((item, i) => [String(i), item, numericKeys ? i : undefined]);
    const pairs: [string, Value][] = [];
    for (const item of collection.items) {
      const key = text(item);
      if (key === undefined) return undefined;
      pairs.push([key, item]);
    }
    return pairs;
  }
  return undefined;
}

