// Terraform design files → graph data. The files of one folder are one module. A folder another folder calls as
// a local module (`source = "./modules/pe"`) is analysed through that call, with its arguments; every other
// folder is a root module, evaluated with its variables' defaults overridden by `terraform.tfvars` and
// `*.auto.tfvars` (alphabetical order, later files win, as Terraform loads them). Local modules are read only
// from folders of the analysed files (discovery never leaves the analysed root), so a `source = "../../x"` that
// points elsewhere is a coverage gap, not a read outside the workspace.

import { dirname, join, normalize } from 'node:path';
import type { CoverageEntry, GraphData, GraphNode, SourceProblem, Suppression } from '../../graph/types';
import type { DesignFile } from '../../lint/design-file';
import type { ObjectValue, Value } from '../bicep/eval-value';
import type { DeclaredResource } from '../bicep/graph-declared';
import { buildNodes } from '../bicep/graph-nodes';
import { FileMemo } from '../file-memo';
import { findSuppressions } from '../suppression-comments';
import { armIdOf, toArmResources } from './arm-shape';
import { avmModule } from './avm';
import { isLocalSource, moduleSource, readModuleConfig, type ModuleConfig } from './config';
import type { ModuleHost, ResourceInstance } from './evaluate';
import { ModuleInstance } from './evaluate';
import { parseHcl } from './hcl/parser';
import { reparseHcl, textEdit } from './hcl/reparse';
import { ResourceReuse, type EvaluatedRoot } from './eval-reuse';
import type { HclFile } from './hcl/syntax';
import { attributeOf } from './hcl/syntax';
import { parseTerraformJson } from './hcl/json';
import { looksLikePlan, readPlan } from './plan';
import { keptNodes } from './node-reuse';
import { carryLineIndex, lineIndexOf, spanOf } from './spans';

const parsedFiles = new FileMemo<HclFile>(4_000_000);

/**
 * Editor memos (never in one-shot mode): each root module's last evaluation, by folder (eval-reuse.ts), and the
 * ARM-shaped declarations of each evaluated instance, by its values object: a reused instance keeps its values,
 * so it keeps its declarations too.
 */
const evaluatedRoots = new Map<string, EvaluatedRoot>();
/** Root modules remembered at most (least recently analysed out): an editor may alternate between workspaces. */
const MAX_EVALUATED_ROOTS = 64;
const declaredByValues = new WeakMap<ObjectValue, DeclaredResource[]>();

export interface TerraformOptions {
  /** The analysis runs once (the CLI): no parse memo, no reuse, nothing kept for a next analysis. */
  readonly oneShot?: boolean;
}

export const isTerraformConfig = (path: string) => /\.tf$/i.test(path) || /\.tf\.json$/i.test(path);
export const isTerraformVars = (path: string) => /\.tfvars$/i.test(path) || /\.tfvars\.json$/i.test(path);

export function terraformToGraph(files: readonly DesignFile[], options: TerraformOptions = {}): GraphData {
  const oneShot = options.oneShot ?? false;
  const problems: SourceProblem[] = [];
  const coverage: CoverageEntry[] = [];
  const suppressions: Suppression[] = [];
  const byDir = new Map<string, HclFile[]>();
  const varsByDir = new Map<string, HclFile[]>();
  const plans: DesignFile[] = [];
  for (const file of files) {
    if (!isTerraformConfig(file.path) && !isTerraformVars(file.path) && /\.json$/i.test(file.path) && looksLikePlan(file.text)) {
      plans.push(file);
      continue;
    }
    const config = isTerraformConfig(file.path);
    if (!config && !isTerraformVars(file.path)) continue;
    // Unchanged files keep their tree from the last analysis (in the editor, a keystroke changes one file).
    // In the editor, the previous version of an edited file is re-parsed where the edit touched it (hcl/reparse.ts).
    const json = file.path.toLowerCase().endsWith('.json');
    const parse = (previous?: HclFile) => {
      if (json) return parseTerraformJson(file.text, file.path);
      if (!previous) return parseHcl(file.text, file.path);
      const edit = textEdit(previous.text, file.text);
      const next = reparseHcl(previous, file.text, file.path, edit);
      carryLineIndex(previous, next, edit);
      return next;
    };
    const parsed = oneShot ? parse() : parsedFiles.get(file.path, file.text, parse);
    for (const d of parsed.diagnostics) problems.push({ ruleId: 'syntax-error', message: d.message, span: { file: file.path, range: lineIndexOf(parsed).range(d.start, d.end) } });
    coverage.push({ scope: file.path, kind: 'file', status: 'read' });
    suppressions.push(...findSuppressions(file.path, file.text, '#'), ...findSuppressions(file.path, file.text, '//'));
    const dir = normalize(dirname(file.path));
    const target = config ? byDir : varsByDir;
    target.set(dir, [...(target.get(dir) ?? []), parsed]);
  }

  const configs = new Map<string, ModuleConfig>();
  for (const [dir, parsed] of byDir) configs.set(dir, readModuleConfig(dir, parsed));
  const callees = new Map<string, string[]>();
  const called = new Set<string>();
  for (const config of configs.values()) {
    const list: string[] = [];
    for (const { node } of config.modules.values()) {
      const source = moduleSource(node.body);
      if (source && isLocalSource(source)) {
        const target = moduleDir(config.dir, source);
        list.push(target);
        if (target !== config.dir) called.add(target);
      }
    }
    callees.set(config.dir, list);
  }

  const host: ModuleHost = {
    localModule: (fromDir, source) => configs.get(moduleDir(fromDir, source)),
    registryModule: (source, call) => avmModule(source, call),
    idOf: (type, mode, values, address, file) => armIdOf(type, mode, values, address, file.path),
    // The rest of the file is analysed: `partial`, with the finding at the module's source (fail-closed contract
    // on CoverageEntry).
    unread: ({ file, block, reason }) => {
      const at = attributeOf(block.body, 'source')?.expr ?? block;
      coverage.push({ scope: file.path, kind: 'file', status: 'partial', reason, at: { file: file.path, range: lineIndexOf(file).range(at.start, at.end) } });
    },
  };

  const resources: ResourceInstance[] = [];
  for (const config of rootModules(configs, callees, called)) {
    try {
      const tfvars = varsByDir.get(config.dir) ?? [];
      const reuse = oneShot ? undefined : ResourceReuse.of(evaluatedRoots.get(config.dir), config, tfvars);
      evaluatedRoots.delete(config.dir);
      const instance = new ModuleInstance(config, tfvarsOf(config.dir, tfvars), host, '', undefined, undefined, reuse);
      resources.push(...instance.allResources());
      if (!oneShot) remember(config.dir, { config, tfvars, instances: instance.evaluated });
    } catch (error) {
      coverage.push({ scope: config.dir, kind: 'file', status: 'failed', reason: `internal error: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  const declared: DeclaredResource[] = [];
  for (const resource of resources) {
    let shaped = oneShot ? undefined : declaredByValues.get(resource.values);
    if (!shaped) {
      shaped = toArmResources({
        address: resource.address,
        type: resource.type,
        mode: resource.mode,
        file: resource.file.path,
        values: resource.values,
        span: spanOf(resource.file, resource.block),
        inLoop: resource.inLoop,
        conditional: resource.conditional,
      }).map((d) => ({ ...d, format: 'terraform' as const, ...(oneShot ? {} : { movable: true }) }));
      if (!oneShot) declaredByValues.set(resource.values, shaped);
    }
    declared.push(...shaped);
  }
  // In the editor, the nodes of unchanged declarations are kept (node-reuse.ts).
  const nodes: GraphNode[] = oneShot ? buildNodes(declared) : keptNodes(declared);

  // Plans: a resource whose configuration is beside the plan is reported at its .tf line (the node above), once.
  const configured = new Set(nodes.map((n) => n.id.toLowerCase()));
  for (const plan of plans) {
    const { resources: planned, problems: planProblems } = readPlan(plan.path, plan.text);
    problems.push(...planProblems);
    coverage.push({ scope: plan.path, kind: 'file', status: 'read' });
    const fromPlan = planned.flatMap((resource) => toArmResources(resource)).map((d) => ({ ...d, format: 'terraform-plan' as const }));
    nodes.push(...buildNodes(fromPlan).filter((n) => !configured.has(n.id.toLowerCase())));
  }
  return { nodes, problems, coverage, suppressions };
}

function remember(dir: string, root: EvaluatedRoot): void {
  evaluatedRoots.set(dir, root);
  for (const oldest of evaluatedRoots.keys()) {
    if (evaluatedRoots.size <= MAX_EVALUATED_ROOTS) break;
    evaluatedRoots.delete(oldest);
  }
}

/** The folder a local `source` names, as the folders are keyed (`./` and `../a/` without the trailing separator). */
function moduleDir(fromDir: string, source: string): string {
  const dir = normalize(join(fromDir, source));
  return dir.length > 1 ? dir.replace(/[\\/]+$/, '') : dir;
}

/**
 * The folders analysed as root modules: those no other folder calls, then, for folders only reached through a
 * cycle of local modules (a calls ./b, b calls ../a: none is uncalled), the first unreached one in name order,
 * until every folder is reached. The call that closes the cycle is reported where it is (evaluate.ts): the
 * folders are analysed, never left out silently.
 */
function rootModules(configs: ReadonlyMap<string, ModuleConfig>, callees: ReadonlyMap<string, readonly string[]>, called: ReadonlySet<string>): ModuleConfig[] {
  const reached = new Set<string>();
  const reach = (dir: string) => {
    const pending = [dir];
    while (pending.length > 0) {
      const next = pending.pop()!;
      if (reached.has(next) || !configs.has(next)) continue;
      reached.add(next);
      pending.push(...(callees.get(next) ?? []));
    }
  };
  const roots = [...configs.values()].filter((c) => !called.has(c.dir));
  for (const root of roots) reach(root.dir);
  for (const dir of [...configs.keys()].sort()) {
    if (reached.has(dir)) continue;
    roots.push(configs.get(dir)!);
    reach(dir);
  }
  return roots;
}

/** `terraform.tfvars`, then `*.auto.tfvars` in name order: later assignments win. */
function tfvarsOf(dir: string, files: readonly HclFile[]): Map<string, Value> {
  const rank = (path: string) => (/(^|[\\/])terraform\.tfvars(\.json)?$/i.test(path) ? 0 : /\.auto\.tfvars(\.json)?$/i.test(path) ? 1 : 2);
  const ordered = files.filter((f) => rank(f.path) < 2).sort((a, b) => rank(a.path) - rank(b.path) || (a.path < b.path ? -1 : 1));
  const values = new Map<string, Value>();
  // tfvars hold constants: evaluated in an empty module, so a reference is Unknown, never a guess.
  const empty = new ModuleInstance(readModuleConfig(dir, []), new Map(), NO_HOST, '');
  for (const file of ordered) {
    for (const attribute of file.body.attributes) values.set(attribute.name, empty.evaluate(file, attribute.expr, {}));
  }
  return values;
}

const NO_HOST: ModuleHost = {
  localModule: () => undefined,
  registryModule: () => undefined,
  idOf: (_t, _m, _v, address, file) => `design:${file.path}#${address}`,
  unread: () => undefined,
};
