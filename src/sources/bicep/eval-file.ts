// One evaluated instance of a Bicep file: its symbols (params, vars, resources, modules, outputs), evaluated
// lazily and guarded against cycles, and the resources it declares. A file used as a module is instantiated
// once per call with the call's arguments; a root file with its defaults (or a .bicepparam file's values).

import type { CloudName, FileSpan } from '../../graph/types';
import type { IterationBudget } from '../loop-limits';
import type { Arguments, ModuleArguments } from './eval-arguments';
import type { SymbolResolver, SymbolValue } from './eval-expr';
import { Evaluator } from './eval-expr';
import { ModuleEntry } from './eval-module';
import { rememberDeclaration, reusedDeclaration, type Binding } from './eval-reuse';
import { loopItems, ResourceEntry } from './eval-resource';
import type { ResourceHandle, Value } from './eval-value';
import { lazySpan, unknownValue } from './eval-value';
import type { DeclaredResource } from './graph-declared';
import type { BicepFile, ModuleDeclaration, OutputDeclaration, ParameterDeclaration, ResourceDeclaration, VariableDeclaration } from './syntax';
import { bodyObject } from './syntax';

export interface InstanceOptions {
  /** Parameter values from the caller (module arguments, .bicepparam values): located where written. */
  readonly overrides?: Arguments;
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
  /**
   * The file was parsed before in an earlier version: it is being edited, so what this instance evaluates is
   * remembered for the next keystroke (eval-reuse.ts). A file read once (the CLI) skips that bookkeeping.
   */
  readonly edited?: boolean;
  /** The cloud this deployment is judged in (`environment()`, and the cloud of every node it declares). */
  readonly cloud?: CloudName;
  /**
   * The resource group (and subscription) this instance deploys to, when a module call names it with literals
   * (`scope: resourceGroup('rg-dns')`): its resources' ids carry it, so one zone deployed into two groups is two
   * zones (duplicate-private-dns-zone), not one. Unknown or unstated: ids leave the scope out.
   */
  readonly scope?: DeploymentScope;
}

export interface DeploymentScope {
  readonly subscriptionId?: string;
  readonly resourceGroup?: string;
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
  /** The analysis' loop budget (loop-limits.ts): loops inside module loops multiply. */
  readonly iterations: IterationBudget;
}

export interface ModuleCall {
  readonly fromFile: string;
  readonly symbol: string;
  readonly source: string | undefined;
  /** Its `params`, evaluated in the caller as the module reads them (eval-arguments.ts). */
  readonly arguments: ModuleArguments;
  /** The `params: {…}` object (where AVM property fixes insert), else the declaration. */
  readonly paramsSpan: FileSpan | undefined;
  readonly span: FileSpan;
  readonly inLoop: boolean;
  readonly conditional: boolean;
  readonly cloud?: CloudName;
  /** Where the module deploys (its `scope:`, else the caller's). */
  readonly scope?: DeploymentScope;
}

/**
 * What a file declares, by name (the last declaration of a name wins): the same for every instance of the file,
 * so the module loader builds it once per syntax tree and keeps it with the tree (modules.ts). A module's file is
 * instantiated once per call, and each of an AVM module's tests calls it twice: seven maps per instance were a
 * tenth of what linting that repository allocated.
 */
export interface Declarations {
  readonly params: ReadonlyMap<string, ParameterDeclaration>;
  readonly vars: ReadonlyMap<string, VariableDeclaration>;
  readonly outputs: ReadonlyMap<string, OutputDeclaration>;
  readonly resources: ReadonlyMap<string, ResourceDeclaration>;
  readonly modules: ReadonlyMap<string, ModuleDeclaration>;
  /** Imported names: `import { a, b as c } from 'x.bicep'` and `import * as ns from 'x.bicep'`. */
  readonly imports: ReadonlyMap<string, { readonly source: string; readonly name: string | undefined }>;
}

function indexDeclarations(syntax: BicepFile): Declarations {
  const params = new Map<string, ParameterDeclaration>();
  const vars = new Map<string, VariableDeclaration>();
  const outputs = new Map<string, OutputDeclaration>();
  const resources = new Map<string, ResourceDeclaration>();
  const modules = new Map<string, ModuleDeclaration>();
  const imports = new Map<string, { source: string; name: string | undefined }>();
  for (const statement of syntax.statements) {
    switch (statement.kind) {
      case 'param':
        if (statement.name.name) params.set(statement.name.name, statement);
        break;
      case 'var':
        if (statement.name.name) vars.set(statement.name.name, statement);
        break;
      case 'output':
        if (statement.name.name) outputs.set(statement.name.name, statement);
        break;
      case 'resource':
        if (statement.name.name) resources.set(statement.name.name, statement);
        break;
      case 'module':
        if (statement.name.name) modules.set(statement.name.name, statement);
        break;
      case 'import': {
        const source = statement.from?.kind === 'string' ? statement.from.value : undefined;
        if (!source) break;
        for (const imported of statement.symbols ?? []) {
          const name = imported.name.kind === 'identifier' ? imported.name.name : imported.name.value;
          const local = imported.alias?.name ?? name;
          if (name && local) imports.set(local, { source, name });
        }
        if (statement.wildcardAlias?.name) imports.set(statement.wildcardAlias.name, { source, name: undefined });
        break;
      }
    }
  }
  return { params, vars, outputs, resources, modules, imports };
}

/** A syntax tree as the evaluator reads it: the tree, and its declarations by name once an instance asks. */
export class EvaluationTree {
  #declarations: Declarations | undefined;

  constructor(readonly syntax: BicepFile) {}

  get declarations(): Declarations {
    return (this.#declarations ??= indexDeclarations(this.syntax));
  }
}

export class FileInstance implements SymbolResolver {
  readonly file: string;
  readonly evaluator: Evaluator;
  readonly syntax: BicepFile;
  private readonly declarations: Declarations;
  /** This instance's resource and module symbols, made when first asked for. */
  private readonly resourceEntries = new Map<string, ResourceEntry>();
  private readonly moduleEntries = new Map<string, ModuleEntry>();
  private readonly values = new Map<string, Value | 'evaluating'>();

  constructor(
    tree: EvaluationTree,
    file: string,
    readonly host: ModuleHost,
    readonly options: InstanceOptions = {},
  ) {
    this.file = file;
    this.evaluator = new Evaluator(this);
    this.syntax = tree.syntax;
    this.declarations = tree.declarations;
  }

  private resourceEntry(name: string): ResourceEntry | undefined {
    let entry = this.resourceEntries.get(name);
    if (!entry) {
      const decl = this.declarations.resources.get(name);
      if (!decl) return undefined;
      this.resourceEntries.set(name, (entry = this.newEntry(decl, undefined)));
    }
    return entry;
  }

  private moduleEntry(name: string): ModuleEntry | undefined {
    let entry = this.moduleEntries.get(name);
    if (!entry) {
      const decl = this.declarations.modules.get(name);
      if (!decl) return undefined;
      this.moduleEntries.set(name, (entry = new ModuleEntry(this, decl)));
    }
    return entry;
  }

  get cloud(): CloudName | undefined {
    return this.options.cloud;
  }

  spanOf(node: { readonly range: FileSpan['range'] }): FileSpan {
    return lazySpan(this.file, node);
  }

  syntheticId(symbol: string): string {
    return `design:${this.file}#${symbol}${this.options.idSuffix ?? ''}`;
  }

  /** Which declaration a top-level name means, in the order names shadow each other (one order, two readers). */
  private meaningOf(name: string): 'override' | 'resource' | 'module' | 'param' | 'var' | 'import' | undefined {
    const { params, resources, modules, vars, imports } = this.declarations;
    if (this.options.overrides?.has(name) && params.has(name)) return 'override';
    if (resources.has(name)) return 'resource';
    if (modules.has(name)) return 'module';
    if (params.has(name)) return 'param';
    if (vars.has(name)) return 'var';
    return imports.has(name) ? 'import' : undefined;
  }

  symbol(name: string): SymbolValue | undefined {
    switch (this.meaningOf(name)) {
      case 'override':
        return { value: this.options.overrides!.get(name)!, fromCaller: true };
      case 'resource':
        return { value: { kind: 'resource', handle: this.resourceEntry(name)! } };
      case 'module':
        return { value: this.moduleEntry(name)!.value() };
      case 'param':
      case 'var':
        return { value: this.memo(name) };
      case 'import': {
        const { source, name: exported } = this.declarations.imports.get(name)!;
        if (exported !== undefined) return { value: this.host.importedValue(this.file, source, exported) };
        // `ns.x` of `import * as ns`: a view whose members are the file's exports.
        return { value: { kind: 'module', symbol: name, outputsView: true, output: (member) => this.host.importedValue(this.file, source, member) } };
      }
      default:
        return undefined;
    }
  }

  nestedResource(parent: ResourceHandle, child: string): Value | undefined {
    const entry = parent instanceof ResourceEntry ? parent.children.get(child) : undefined;
    return entry ? { kind: 'resource', handle: entry } : undefined;
  }

  /** A variable of this file, for files that import it. */
  exportedVariable(name: string): Value {
    return this.declarations.vars.has(name) ? this.memo(name) : unknownValue(`'${name}' is not a variable of the imported file`);
  }

  /** An output of this instance (module outputs referenced by the caller). */
  output(name: string): Value {
    const decl = this.declarations.outputs.get(name);
    if (!decl) return unknownValue(`the module has no output '${name}'`);
    return this.evaluator.evaluate(decl.value);
  }

  /** Every resource this instance declares, nested and through modules, in source order. */
  declaredResources(): DeclaredResource[] {
    const out: DeclaredResource[] = [];
    for (const statement of this.syntax.statements) {
      // A name declared twice is its last declaration (as a reference to it resolves).
      if (statement.kind === 'resource') {
        if (this.declarations.resources.get(statement.name.name) === statement) this.collect(this.resourceEntry(statement.name.name)!, out);
      } else if (statement.kind === 'module') {
        if (this.declarations.modules.get(statement.name.name) === statement) out.push(...this.moduleEntry(statement.name.name)!.result().resources);
      }
    }
    return out;
  }

  private collect(entry: ResourceEntry, out: DeclaredResource[]): void {
    // Only the resource types the graph models are evaluated here (others only when something refers to
    // them): most of a large template is role assignments, diagnostics and the like.
    const interesting = entry.interesting;
    if (!interesting && entry.children.size === 0) return;
    if (interesting && entry.decl.body.kind === 'for' && !entry.iteration) {
      // A loop over a known collection is one resource per item (a VNet missing from the list is then seen);
      // otherwise one body stands for every iteration, its loop variables Unknown with the reason.
      const items = loopItems(entry.loopCollection() ?? unknownValue('no loop'), this.host.iterations);
      if ('why' in items) {
        const body = entry.withLoopReason(items.why);
        if (!body.skipped()) out.push(body.declared());
        return;
      }
      items.forEach((item, index) => {
        const iteration = entry.forIteration({ index, item });
        if (!iteration.skipped()) out.push(iteration.declared());
      });
      return;
    }
    if (entry.skipped()) return;
    if (interesting) out.push(this.declaredOf(entry));
    for (const child of entry.children.values()) this.collect(child, out);
  }

  /** A root instance reuses what the last keystroke evaluated for statements this edit left alone (eval-reuse.ts). */
  private declaredOf(entry: ResourceEntry): DeclaredResource {
    const options = this.options;
    if (options.overrides || options.complete || options.idSuffix || options.inLoop || options.conditional) return entry.declared();
    const reused = reusedDeclaration(this, entry.decl);
    if (reused) return reused;
    const declared = entry.declared();
    if (options.edited) rememberDeclaration(this, entry.decl, entry.topDeclaration, declared);
    return declared;
  }

  /** What a top-level name resolves to, as `symbol` resolves it: a statement of this file, or another file. */
  binding(name: string): Binding {
    switch (this.meaningOf(name)) {
      case 'resource':
        return this.declarations.resources.get(name);
      case 'param':
        return this.declarations.params.get(name);
      case 'var':
        return this.declarations.vars.get(name);
      case undefined:
        return undefined;
      default:
        return 'elsewhere';
    }
  }

  /** A resource symbol with its nested child resources (children are not top-level names). */
  private newEntry(decl: ResourceDeclaration, parent: ResourceEntry | undefined): ResourceEntry {
    const entry = new ResourceEntry(this, decl, parent);
    const body = bodyObject(decl);
    if (body) for (const child of body.resources) if (child.name.name) entry.children.set(child.name.name, this.newEntry(child, entry));
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
    const param = this.declarations.params.get(name);
    if (param) {
      if (!param.defaultValue) {
        if (this.options.complete && param.type.kind === 'nullableType') return { kind: 'null' };
        return unknownValue(`parameter '${name}' has no default`, this.spanOf(param.name));
      }
      return this.evaluator.evaluate(param.defaultValue);
    }
    const variable = this.declarations.vars.get(name);
    return variable ? this.evaluator.evaluate(variable.value) : unknownValue(`'${name}' is not declared`);
  }
}
