// Bicep design files → graph data. All files of a workspace are read as one design: a file used as a module by
// another (or as the `using` target of a .bicepparam file) is analysed through that call, with its arguments,
// not a second time on its own; every other file is a root evaluated with its parameter defaults.

import type { DesignFile } from '../../lint/design-file';
import type { CloudName, GraphData, GraphNode } from '../../graph/types';
import { resourceKeyOfId } from '../../graph/resource-id';
import type { SymbolResolver } from './eval-expr';
import { Evaluator } from './eval-expr';
import type { Value } from './eval-value';
import type { DeclaredResource } from './graph-declared';
import { buildNodes } from './graph-nodes';
import { detached, detachedSpanOf } from './detach';
import { ModuleLoader } from './modules';
import { analyserFailure } from '../analyser-failure';
import type { ReadFile } from '../file-reader';
import type { BicepFile } from './syntax';

export interface BicepGraphOptions {
  /** Reads files the list does not hold (local modules, `using`, `import` and `extends` targets). */
  readonly readFile?: ReadFile;
  /** Paths of every design file of the analysis (a Bicep module may call an ARM template, read by its own source). */
  readonly designPaths?: readonly string[];
  /** The cloud each file is judged in (the nearest `.plreview.yaml`'s, else the default): `environment()`. */
  readonly cloudOf?: (path: string) => CloudName | undefined;
  /** Nothing is kept for a next analysis (the CLI): syntax trees live only while they are evaluated (modules.ts). */
  readonly oneShot?: boolean;
}

const isBicep = (path: string) => path.toLowerCase().endsWith('.bicep');
const isBicepParams = (path: string) => path.toLowerCase().endsWith('.bicepparam');

export function bicepToGraph(files: readonly DesignFile[], options: BicepGraphOptions = {}): GraphData {
  const texts = new Map<string, string>();
  for (const file of files) if (isBicep(file.path) || isBicepParams(file.path)) texts.set(file.path, file.text);
  const loader = new ModuleLoader(texts, options.readFile, { designPaths: options.designPaths, cloudOf: options.cloudOf, oneShot: options.oneShot });
  const resources: DeclaredResource[] = [];
  const collect = (path: string, run: () => DeclaredResource[]) => {
    try {
      // Detached as soon as each root is evaluated, so its instances and syntax trees are garbage while the
      // next root is evaluated, not kept to the end of the analysis (detach.ts).
      for (const resource of loader.withinFile(path, run)) resources.push(detachedResource(resource, options.oneShot ?? false));
    } catch (error) {
      // A bug must cost one file, never the analysis of the workspace.
      loader.coverage.push({ scope: path, kind: 'file', status: 'failed', reason: analyserFailure(error) });
    }
    loader.rootDone(path);
  };

  // Parameter files first: their `using` target is evaluated with their values.
  const targeted = new Set<string>();
  for (const path of texts.keys()) {
    if (!isBicepParams(path)) continue;
    const parsed = loader.parse(path);
    const usingTarget = parsed ? usingPath(parsed.tree.syntax) : undefined;
    if (!parsed || !usingTarget || !loader.isLocalSource(usingTarget)) continue;
    const target = loader.resolvePath(path, usingTarget);
    targeted.add(target);
    // `extends './base.bicepparam'`: the base file's values apply unless this file sets them again.
    // A template deployed through a parameter file is judged in the parameter file's cloud.
    const cloud = options.cloudOf?.(path);
    const basePath = extendsPath(parsed.tree.syntax);
    const base = basePath && loader.isLocalSource(basePath) ? loader.parse(loader.resolvePath(path, basePath)) : undefined;
    const overrides = new Map([...(base ? paramFileValues(base.tree.syntax, base.path, cloud) : []), ...paramFileValues(parsed.tree.syntax, path, cloud)]);
    collect(target, () => loader.instantiateFile(target, overrides, path)?.declaredResources() ?? []);
  }

  // Files other files call as modules are analysed through those calls: every file's module paths are found
  // first (from its tokens alone in a one-shot analysis), then the roots are evaluated one by one.
  const bicepPaths = [...texts.keys()].filter(isBicep);
  const called = new Set<string>();
  for (const path of bicepPaths) for (const target of loader.moduleTargets(path)) called.add(target);
  for (const path of bicepPaths) {
    if (called.has(path) || targeted.has(path)) continue;
    collect(path, () => loader.instantiateFile(path)?.declaredResources() ?? []);
  }
  // Files only reachable through a cycle (or from a module never instantiated) are still analysed.
  for (const path of bicepPaths) {
    if (loader.instantiated(path) || targeted.has(path)) continue;
    collect(path, () => loader.instantiateFile(path)?.declaredResources() ?? []);
  }

  // Files only named (an import never read, a module call never evaluated) still have their syntax checked.
  try {
    loader.checkAll();
  } catch (error) {
    loader.coverage.push({ scope: files[0]?.path ?? 'bicep', kind: 'file', status: 'failed', reason: analyserFailure(error) });
  }
  loader.release();
  return {
    nodes: withoutRepeatedDeclarations(withoutShadowedExisting(buildNodes(resources))),
    problems: loader.problems,
    coverage: loader.coverage,
    // Modules read from disk carry their own suppression comments too.
    suppressions: loader.suppressions,
  };
}

/**
 * The resource with a body and name that no longer hold the evaluator (the graph keeps both); in a one-shot
 * analysis no span of it holds a syntax node either (detach.ts).
 */
function detachedResource(resource: DeclaredResource, withoutSyntax: boolean): DeclaredResource {
  const body = detached(resource.body, withoutSyntax);
  const name = detached(resource.name, withoutSyntax);
  const span = withoutSyntax ? detachedSpanOf(resource.span)! : resource.span;
  const insertInto = withoutSyntax ? detachedSpanOf(resource.insertInto) : resource.insertInto;
  if (body === resource.body && name === resource.name && span === resource.span && insertInto === resource.insertInto) return resource;
  return { ...resource, body, name, span, insertInto };
}

function extendsPath(syntax: BicepFile): string | undefined {
  for (const statement of syntax.statements) {
    if (statement.kind === 'extends' && statement.path.kind === 'string') return statement.path.value;
  }
  return undefined;
}

function usingPath(syntax: BicepFile): string | undefined {
  for (const statement of syntax.statements) {
    if (statement.kind === 'using' && statement.path?.kind === 'string') return statement.path.value;
  }
  return undefined;
}

/** `param x = value` assignments of a .bicepparam file, evaluated (they may refer to each other). */
function paramFileValues(syntax: BicepFile, path: string, cloud: CloudName | undefined): Map<string, Value> {
  const values = new Map<string, Value>();
  const resolver: SymbolResolver = {
    file: path,
    cloud,
    symbol: (name) => {
      const value = values.get(name);
      return value ? { value, fromCaller: true } : undefined;
    },
    nestedResource: () => undefined,
  };
  const evaluator = new Evaluator(resolver);
  for (const statement of syntax.statements) {
    if (statement.kind === 'paramAssignment' && statement.name.name) values.set(statement.name.name, evaluator.evaluate(statement.value));
  }
  return values;
}

/**
 * An `existing` declaration of a resource another file declares is the same resource: keep the declaration
 * (its children were already attached by key) and drop the reference, so resolution by key stays unambiguous
 * and no "duplicate" is reported. Several `existing` references to one resource keep the first.
 */
function withoutShadowedExisting(nodes: GraphNode[]): GraphNode[] {
  if (!nodes.some((n) => n.origin.kind === 'file' && n.origin.existing)) return nodes;
  const declared = new Set<string>();
  for (const node of nodes) {
    if (node.origin.kind === 'file' && node.origin.existing) continue;
    declared.add(nodeKey(node));
  }
  const seenExisting = new Set<string>();
  return nodes.filter((node) => {
    if (node.origin.kind !== 'file' || !node.origin.existing) return true;
    const key = nodeKey(node);
    if (declared.has(key) || seenExisting.has(key)) return false;
    seenExisting.add(key);
    return true;
  });
}

/**
 * One declaration instantiated twice with the same id (a template used by `main.dev.bicepparam` and
 * `main.prod.bicepparam`, a module called twice with literal names) is one resource, not a duplicate.
 */
function withoutRepeatedDeclarations(nodes: GraphNode[]): GraphNode[] {
  if (!anySharedDeclaration(nodes)) return nodes;
  const seen = new Set<string>();
  return nodes.filter((node) => {
    if (node.origin.kind !== 'file') return true;
    const key = `${node.id.toLowerCase()}|${node.origin.span.file}|${node.origin.span.range.start.offset}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether two nodes come from the same place of one file (cheap: most designs instantiate each file once). */
function anySharedDeclaration(nodes: readonly GraphNode[]): boolean {
  const offsets = new Map<string, Set<number>>();
  for (const node of nodes) {
    if (node.origin.kind !== 'file') continue;
    const { file, range } = node.origin.span;
    let seen = offsets.get(file);
    if (!seen) offsets.set(file, (seen = new Set()));
    if (seen.has(range.start.offset)) return true;
    seen.add(range.start.offset);
  }
  return false;
}

function nodeKey(node: GraphNode): string {
  return resourceKeyOfId(node.id) ?? node.id.toLowerCase();
}

