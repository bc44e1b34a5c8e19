// Which resources of a root module can keep last keystroke's evaluation (the Terraform twin of
// src/sources/bicep/eval-reuse.ts). A keystroke changes one attribute of one block; re-evaluating the 900 other
// resources of a 10,000-line file, and mapping them to ARM shape again, was most of the keystroke.
//
// A resource's instances are a function of its block and of what its expressions read: variables (their blocks,
// and the tfvars files that set them), locals, other resources and data sources (their blocks and, transitively,
// what those read), `path.module` (the folder) and constants. So they are reused when:
//   - the root module is the same folder, read with the same tfvars files (same parsed objects: same texts);
//   - the resource's block is the same node as last time (hcl/reparse.ts keeps the nodes an edit left intact);
//   - every name its block reads (`var.x`, `local.x`, `type.name`, `data.type.name`), transitively, is declared by
//     the same node as last time, or undeclared as before;
//   - it reads no module output (a module's outputs depend on a whole other folder) and no dependency cycle:
//     in a cycle, what a member sees of another depends on the order of evaluation.
// The names are read from the syntax, over-approximated (every traversal of a root name counts, whatever the
// scope), which can only cost reuse, never exactness.
// Only root module instances reuse: a child module's instances depend on its caller's arguments.

import type { ModuleConfig } from './config';
import type { ResourceInstance } from './evaluate';
import type { Attribute, Block, Body, Expr, HclFile } from './hcl/syntax';
import { forEachChild } from './hcl/children';

/** What one declaration's expressions read. */
interface Reads {
  readonly variables: readonly string[];
  readonly locals: readonly string[];
  readonly resources: readonly string[];
  readonly modules: boolean;
}

/** Per syntax node: a reused block keeps what it reads. */
const readsByNode = new WeakMap<Block | Attribute, Reads>();

/** The previous evaluation of a root module, as reuse needs it. */
export interface EvaluatedRoot {
  readonly config: ModuleConfig;
  readonly tfvars: readonly HclFile[];
  readonly instances: ReadonlyMap<string, readonly ResourceInstance[]>;
}

export class ResourceReuse {
  /** Decided this run, by kind then name (no key strings built: this runs for every resource of the file). */
  private readonly stable = { r: new Map<string, boolean>(), v: new Map<string, boolean>(), l: new Map<string, boolean>() };
  private readonly visiting = { r: new Set<string>(), v: new Set<string>(), l: new Set<string>() };

  private constructor(
    private readonly previous: EvaluatedRoot,
    private readonly config: ModuleConfig,
  ) {}

  /** Undefined when nothing can be reused (another folder, other tfvars). */
  static of(previous: EvaluatedRoot | undefined, config: ModuleConfig, tfvars: readonly HclFile[]): ResourceReuse | undefined {
    if (!previous || previous.config.dir !== config.dir || previous.tfvars.length !== tfvars.length) return undefined;
    if (!previous.tfvars.every((file, i) => file === tfvars[i])) return undefined;
    return new ResourceReuse(previous, config);
  }

  /** Last evaluation's instances of this resource, moved to its current file; undefined when it must be evaluated. */
  instances(key: string): ResourceInstance[] | undefined {
    const kept = this.previous.instances.get(key);
    if (!kept || !this.isStable('r', key)) return undefined;
    const file = this.config.resources.get(key)!.file;
    return kept.map((instance) => (instance.file === file ? instance : { ...instance, file }));
  }

  /** `kind`: r(esource), v(ariable), l(ocal). */
  private isStable(kind: 'r' | 'v' | 'l', name: string): boolean {
    const known = this.stable[kind].get(name);
    if (known !== undefined) return known;
    // Reached again while deciding: a cycle.
    if (this.visiting[kind].has(name)) return false;
    const map = kind === 'r' ? 'resources' : kind === 'v' ? 'variables' : 'locals';
    const now = this.config[map].get(name);
    const before = this.previous.config[map].get(name);
    let result: boolean;
    if (!now || !before) result = now === before;
    else if (now.node !== before.node) result = false;
    else {
      this.visiting[kind].add(name);
      const reads = readsOf(now.node);
      result =
        !reads.modules &&
        reads.variables.every((v) => this.isStable('v', v)) &&
        reads.locals.every((l) => this.isStable('l', l)) &&
        reads.resources.every((r) => this.isStable('r', r));
      this.visiting[kind].delete(name);
    }
    this.stable[kind].set(name, result);
    return result;
  }
}

function readsOf(node: Block | Attribute): Reads {
  let reads = readsByNode.get(node);
  if (!reads) {
    const collector = new Collector();
    if ('expr' in node) collector.expr(node.expr);
    else collector.body(node.body);
    reads = collector;
    readsByNode.set(node, reads);
  }
  return reads;
}

class Collector implements Reads {
  readonly variables: string[] = [];
  readonly locals: string[] = [];
  readonly resources: string[] = [];
  modules = false;

  body(body: Body): void {
    for (const attribute of body.attributes) this.expr(attribute.expr);
    for (const block of body.blocks) this.body(block.body);
  }

  /** A traversal `root.a.b…`: what evaluate.ts's `traverse` may resolve it to. */
  private traversal(expr: Expr & { type: 'getattr' }): void {
    const chain: string[] = [];
    let base: Expr = expr;
    while (base.type === 'getattr') {
      chain.unshift(base.name);
      base = base.object;
    }
    if (base.type !== 'variable') return;
    const root = base.name;
    if (root === 'var') this.variables.push(chain[0]);
    else if (root === 'local') this.locals.push(chain[0]);
    else if (root === 'module') this.modules = true;
    else if (root === 'data') {
      if (chain.length >= 2) this.resources.push(`data.${chain[0]}.${chain[1]}`);
    } else this.resources.push(`${root}.${chain[0]}`);
  }

  expr(expr: Expr): void {
    if (expr.type === 'getattr') this.traversal(expr);
    forEachChild(expr, (child) => this.expr(child));
  }
}
