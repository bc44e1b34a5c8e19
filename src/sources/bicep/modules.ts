// Module calls: local files are parsed and instantiated with the call's arguments (cycles stopped); Azure Verified
// Modules are mapped through their documented parameters (avm.ts); any other registry module adds nothing and
// its outputs are Unknown. Every local file a parsed file names (module, `using`, `import`, `extends`) is
// checked once when that file is parsed: a reference that is not followed (no such file, not a Bicep file,
// refused by the reader: outside the analysed folder, not a regular file, too big) is a coverage gap at the
// reference's path, which becomes an `analysis-incomplete` finding.

import { dirname, join, normalize } from 'node:path';
import type { CloudName, CoverageEntry, SourceProblem, Suppression } from '../../graph/types';
import { commentPrefixOf } from '../formats';
import { findSuppressions } from '../suppression-comments';
import { readReferenced, type ReadFile } from '../file-reader';
import { avmModuleOf, avmResources } from './avm';
import type { ModuleCall, ModuleHost, ModuleResult } from './eval-file';
import type { Arguments } from './eval-arguments';
import { EvaluationTree, FileInstance, type InstanceOptions } from './eval-file';
import { IterationBudget } from '../loop-limits';
import type { Value } from './eval-value';
import { plainSpan, unknownValue } from './eval-value';
import { lexBicep, parseBicep, parseLexedForEvaluation, reparseBicep, type LexedBicep } from './parser';
import { treeForEvaluation } from './evaluation-tree';
import { modulePaths } from './module-scan';
import { moreSyntaxErrors } from '../syntax-errors';
import { FileMemo } from '../file-memo';
import { ONE_SHOT_TREE_CHARS, TreeStore, type TreeHolder } from './tree-store';
import type { BicepFile, Statement, StringLiteral } from './syntax';

const REGISTRY_SOURCE = /^(br|ts)[:/]/i;
/** Bicep can call a JSON ARM template as a module (`module m './nested.json' = {…}`). */
const ARM_TEMPLATE_SOURCE = /\.jsonc?$/i;

export interface ParsedBicep {
  readonly path: string;
  /** The tree with its declarations by name, as instances of the file read it. */
  readonly tree: EvaluationTree;
  /** An earlier version of the file was parsed before: it is being edited. */
  readonly again: boolean;
}

/** A file the loader has read. */
interface ReadBicep extends TreeHolder {
  readonly path: string;
  readonly text: string;
  /** An earlier version of the file was parsed before (editor): it is being edited. */
  again: boolean;
  /** Its syntax problems, suppressions and references have been reported (on its first parse). */
  checked: boolean;
  /** One-shot: its tokens, lexed to find its module paths and kept for its parse. */
  lexed?: LexedBicep;
  /** Local module paths of its `module` statements, resolved as the caller spells them (see BicepGraph's roots). */
  moduleTargets?: readonly string[];
}

export interface LoaderOptions {
  /** Paths of every design file of the analysis: a JSON one among them is read as an ARM template. */
  readonly designPaths?: readonly string[];
  /** The cloud each root file is judged in; its modules are judged in its cloud. */
  readonly cloudOf?: (path: string) => CloudName | undefined;
  /**
   * The analysis runs once (the CLI): nothing is kept for a next analysis, and a syntax tree lives only while it
   * is evaluated (see TreeStore). Otherwise (the editor) trees are kept between analyses for incremental re-parsing.
   */
  readonly oneShot?: boolean;
}

/** Reads and checks every file once (syntax problems, references), parses files as needed, instantiates modules. */
export class ModuleLoader implements ModuleHost {
  readonly problems: SourceProblem[] = [];
  readonly coverage: CoverageEntry[] = [];
  /** Suppression comments of every file read, listed files and modules alike. */
  readonly suppressions: Suppression[] = [];
  /** How many times each file was instantiated (first: plain ids; later ones get a suffix). */
  private readonly instantiations = new Map<string, number>();
  /** Files read (undefined: not read, see notRead). */
  private readonly files = new Map<string, ReadBicep | undefined>();
  private readonly trees: TreeStore;
  /** Why a file was not read (files in `files` as undefined). */
  private readonly notRead = new Map<string, string>();
  private readonly stack: string[] = [];
  /** Normalised path → the path as the caller gave it. */
  private readonly given = new Map<string, string>();

  /** Normalised paths of every design file of the analysis: a JSON one among them is read as an ARM template. */
  private readonly designPaths: ReadonlySet<string>;
  private readonly cloudOf: (path: string) => CloudName | undefined;
  private readonly oneShot: boolean;

  constructor(
    private readonly texts: ReadonlyMap<string, string>,
    private readonly readFile: ReadFile | undefined,
    options: LoaderOptions = {},
  ) {
    for (const path of texts.keys()) this.given.set(normalize(path), path);
    this.designPaths = new Set((options.designPaths ?? []).map((path) => normalize(path)));
    this.cloudOf = options.cloudOf ?? (() => undefined);
    this.oneShot = options.oneShot ?? false;
    this.trees = new TreeStore(this.oneShot ? ONE_SHOT_TREE_CHARS : Infinity);
  }

  /** The path of a local module or `using` target relative to the file that names it, as the caller spells it. */
  resolvePath(fromFile: string, relative: string): string {
    // Remembered per file: a module called in a loop, or by each of a module's tests, is resolved again and
    // again, and path.normalize was a twentieth of what linting a large repository allocated.
    let fromHere = this.resolved.get(fromFile);
    if (!fromHere) this.resolved.set(fromFile, (fromHere = new Map()));
    let path = fromHere.get(relative);
    if (path === undefined) {
      const joined = normalize(join(dirname(fromFile), relative));
      fromHere.set(relative, (path = this.given.get(joined) ?? joined));
    }
    return path;
  }
  private readonly resolved = new Map<string, Map<string, string>>();

  isLocalSource(source: string | undefined): source is string {
    return source !== undefined && source.length > 0 && !REGISTRY_SOURCE.test(source);
  }

  /**
   * The local files the file's `module` statements call (empty when it was not read). In a one-shot analysis
   * they are found from the file's tokens (module-scan.ts), which its parse then reuses; in the editor from its
   * syntax tree, which the parse memo keeps anyway.
   */
  moduleTargets(path: string): readonly string[] {
    const file = this.read(path);
    if (!file) return [];
    if (!file.moduleTargets) {
      if (this.oneShot && !file.checked) {
        file.lexed ??= lexBicep(file.text, { fileName: path });
        file.moduleTargets = this.localTargets(path, modulePaths(file.text, file.lexed.tokens));
        for (const target of file.moduleTargets) this.callersLeft.set(target, (this.callersLeft.get(target) ?? 0) + 1);
      } else this.parse(path);
    }
    return file.moduleTargets ?? [];
  }

  /**
   * One-shot: how many files that call each file (as moduleTargets found them) are still to be evaluated. A
   * tree is kept only while one is: a tree kept longer outlives two garbage collections of the young generation
   * and is copied to the old one, and copying every tree of a repository there was a sixth of linting it.
   */
  private readonly callersLeft = new Map<string, number>();
  private readonly finished = new Set<string>();

  /** A root has been evaluated: the files only it (and other finished files) call need no tree any more. */
  rootDone(path: string): void {
    if (!this.oneShot || this.finished.has(path)) return;
    this.finished.add(path);
    this.trees.drop(this.files.get(path));
    for (const target of this.files.get(path)?.moduleTargets ?? []) {
      const left = (this.callersLeft.get(target) ?? 1) - 1;
      this.callersLeft.set(target, left);
      if (left === 0) this.rootDone(target);
    }
  }

  /** Whether a parsed tree may be evaluated again in this analysis (see callersLeft). */
  private mayBeNeededAgain(path: string): boolean {
    if (!this.oneShot) return true;
    if (this.finished.has(path)) return false;
    // A file the analysis lists and no file calls is a root, evaluated once; a file read from disk: not known.
    return (this.callersLeft.get(path) ?? (this.texts.has(path) ? 0 : 1)) > 0;
  }

  /** The file's text, read once per analysis; undefined (and why, in notRead) when it cannot be read. */
  private read(path: string): ReadBicep | undefined {
    if (this.files.has(path)) return this.files.get(path);
    const text = this.texts.get(path);
    // Only Bicep files are read as Bicep: any other file would be echoed, token by token, in syntax errors.
    const read = text !== undefined ? { text } : BICEP_FILE.test(path) ? readReferenced(this.readFile, path) : { reason: 'it is not a Bicep file' };
    if (!('text' in read)) {
      this.files.set(path, undefined);
      this.notRead.set(path, read.reason);
      return undefined;
    }
    const file: ReadBicep = { path, text: read.text, again: false, checked: false, tree: undefined };
    this.files.set(path, file);
    return file;
  }

  /**
   * The file's syntax tree for evaluation. Its first parse also checks it: its syntax problems, its suppression
   * comments and every file it names (checkReferences). A one-shot analysis keeps a tree only while it is likely
   * to be evaluated again (TreeStore), so the trees of a large repository are never all alive at once: keeping
   * them made garbage collection half of the analysis.
   */
  parse(path: string): ParsedBicep | undefined {
    const file = this.read(path);
    if (!file) return undefined;
    let tree = file.tree;
    if (!tree) {
      const parsed = this.parseText(file);
      if (!file.checked) this.check(file, parsed.result);
      tree = parsed.tree;
      if (this.mayBeNeededAgain(path)) this.trees.keep(file, tree);
    }
    return { path, tree, again: file.again };
  }

  /** The parse (for the check) and the tree to evaluate: kept between analyses in the editor, pruned in one-shot ones. */
  private parseText(file: ReadBicep): ParsedText {
    if (!this.oneShot) {
      const { again, ...parsed } = parseCached(file.text, file.path);
      file.again = again;
      return parsed;
    }
    const lexed = file.lexed;
    file.lexed = undefined; // parsed once: a second parse (the tree was dropped) lexes again
    const result = parseLexedForEvaluation(lexed ?? lexBicep(file.text, { fileName: file.path }));
    return { result, tree: new EvaluationTree(treeForEvaluation(result.syntax)) };
  }

  private check(file: ReadBicep, { syntax, diagnostics, omittedDiagnostics }: ReturnType<typeof parseBicep>): void {
    const path = file.path;
    file.checked = true;
    for (const d of diagnostics) this.problems.push({ ruleId: 'syntax-error', message: d.message, span: { file: path, range: d.range } });
    if (omittedDiagnostics) this.problems.push(moreSyntaxErrors(omittedDiagnostics, this.problems[this.problems.length - 1].span));
    this.coverage.push({ scope: path, kind: 'file', status: 'read' });
    this.suppressions.push(...findSuppressions(path, file.text, commentPrefixOf('bicep', path)));
    // One-shot: the targets the tokens gave stay (a superset, which callersLeft counted).
    file.moduleTargets ??= this.localTargets(path, moduleStatementPaths(syntax));
    this.checkReferences(path, syntax);
  }

  /**
   * Every file read is checked before the analysis ends, also those only named by a file (an `import` whose
   * values were never needed, a module whose call was not evaluated): their syntax errors are findings too.
   */
  checkAll(): void {
    for (let pending = this.unchecked(); pending.length > 0; pending = this.unchecked()) for (const path of pending) this.parse(path);
  }

  private unchecked(): string[] {
    const paths: string[] = [];
    for (const [path, file] of this.files) if (file && !file.checked) paths.push(path);
    return paths;
  }

  private localTargets(path: string, sources: readonly (string | undefined)[]): string[] {
    const targets: string[] = [];
    for (const source of sources) {
      if (this.isLocalSource(source)) {
        const target = this.resolvePath(path, source);
        if (target !== path) targets.push(target);
      }
    }
    return targets;
  }

  /** Reads every local file the file names (checked on their first parse); each one not read is a coverage gap at its path. */
  private checkReferences(path: string, syntax: BicepFile): void {
    for (const statement of syntax.statements) {
      const reference = referenceOf(statement);
      if (!reference || !this.isLocalSource(reference.path.value)) continue;
      const target = this.resolvePath(path, reference.path.value);
      const why =
        statement.kind === 'module' && ARM_TEMPLATE_SOURCE.test(target)
          ? this.designPaths.has(normalize(target))
            ? undefined // read by the ARM source as one of the design files
            : 'it is an ARM template that is not one of the analysed design files (lint it too)'
          : !reference.extension.test(target)
            ? `it is not a ${reference.expected} file`
            : this.read(target)
              ? undefined
              : this.notRead.get(target);
      if (why === undefined) continue;
      this.coverage.push({
        scope: target,
        kind: 'file',
        status: 'failed',
        reason: `${reference.what} refers to '${reference.path.value}', which was not read: ${why}`,
        at: { file: path, range: reference.path.range },
      });
    }
  }

  /** Whether a file has been instantiated (as a root or as a module). */
  instantiated(path: string): boolean {
    return (this.instantiations.get(path) ?? 0) > 0;
  }

  /** A file as a root of the design or as the target of a .bicepparam file. */
  instantiateFile(path: string, overrides?: Arguments, cloudFrom?: string): FileInstance | undefined {
    const parsed = this.parse(path);
    if (!parsed) return undefined;
    return this.newInstance(parsed, { overrides, complete: overrides !== undefined, cloud: this.cloudOf(cloudFrom ?? path) });
  }

  instantiate(call: ModuleCall): ModuleResult {
    const avm = avmModuleOf(call.source);
    if (avm) return avmResources(avm, call);
    if (!this.isLocalSource(call.source)) {
      return { resources: [], output: () => unknownValue(`outputs of registry module '${call.source ?? '?'}' are not known`) };
    }
    const path = this.resolvePath(call.fromFile, call.source);
    if (ARM_TEMPLATE_SOURCE.test(call.source)) return this.armTemplateModule(call);
    if (this.stack.includes(path)) {
      this.problems.push({
        ruleId: 'syntax-error',
        message: `Module '${call.symbol}' includes '${call.source}', which includes this file again: modules must not form a cycle.`,
        span: plainSpan(call.span),
      });
      return { resources: [], output: () => unknownValue('the module is part of a cycle') };
    }
    const parsed = this.parse(path);
    // Not read: already a coverage gap at the module's path (checkReferences, when the calling file was parsed).
    if (!parsed) return { resources: [], output: () => unknownValue(`module file '${call.source}' could not be read`) };
    const instance = this.newInstance(parsed, {
      overrides: call.arguments,
      inLoop: call.inLoop,
      conditional: call.conditional,
      complete: true,
      cloud: call.cloud,
      scope: call.scope,
    });
    this.stack.push(path);
    try {
      const resources = instance.declaredResources();
      return { resources, output: (name) => instance.output(name) };
    } finally {
      this.stack.pop();
    }
  }

  readonly iterations = new IterationBudget();

  /**
   * A JSON ARM template called as a module is not Bicep: it is never parsed as Bicep (that would report its
   * JSON as syntax errors). Its resources are analysed when it is one of the design's files, by the ARM source
   * on its own with its parameter defaults; the module's arguments and outputs are not evaluated. A template
   * outside the design is a coverage gap at the module path (checkReferences), not silence.
   */
  private armTemplateModule(call: ModuleCall): ModuleResult {
    return { resources: [], output: () => unknownValue(`outputs of ARM template module '${call.source}' are not evaluated`) };
  }

  /** Imported files are evaluated once per analysis, without parameters. */
  private readonly importedInstances = new Map<string, FileInstance | undefined>();

  importedValue(fromFile: string, source: string, name: string): Value {
    if (!this.isLocalSource(source)) return unknownValue(`'${name}' is imported from registry file '${source}'`);
    const path = this.resolvePath(fromFile, source);
    if (this.importedInstances.has(path) && this.importedInstances.get(path) === undefined) {
      return unknownValue(`'${name}' is imported from '${source}', which could not be read or imports itself`);
    }
    let instance = this.importedInstances.get(path);
    if (!instance) {
      this.importedInstances.set(path, undefined); // guards import cycles while the file is evaluated
      const parsed = this.parse(path);
      if (!parsed) return unknownValue(`'${name}' is imported from '${source}', which could not be read`);
      // Not counted as an instantiation: an imported file declares nothing that is deployed.
      instance = new FileInstance(parsed.tree, parsed.path, this, { complete: true, cloud: this.cloudOf(fromFile) });
      this.importedInstances.set(path, instance);
    }
    return instance.exportedVariable(name);
  }

  /**
   * The analysis is done: drops the trees and instances the loader holds, so that only what the graph refers to
   * stays alive (values leave the evaluator detached: detach.ts).
   */
  release(): void {
    this.trees.clear();
    this.importedInstances.clear();
  }

  /** Runs `work` with `path` on the cycle stack (root files). */
  withinFile<T>(path: string, work: () => T): T {
    this.stack.push(path);
    try {
      return work();
    } finally {
      this.stack.pop();
    }
  }

  private newInstance(parsed: ParsedBicep, options: InstanceOptions): FileInstance {
    const count = this.instantiations.get(parsed.path) ?? 0;
    this.instantiations.set(parsed.path, count + 1);
    // Every field written, in one order: one shape for every instance's options (a spread of the callers' two
    // shapes was a megamorphic clone on every instantiation).
    return new FileInstance(parsed.tree, parsed.path, this, {
      overrides: options.overrides,
      inLoop: options.inLoop,
      conditional: options.conditional,
      complete: options.complete,
      cloud: options.cloud,
      scope: options.scope,
      idSuffix: count > 0 ? `~${count + 1}` : undefined,
      edited: parsed.again,
    });
  }
}

/** A file's parse, and its tree as the evaluator reads it. */
interface ParsedText {
  readonly result: ReturnType<typeof parseBicep>;
  readonly tree: EvaluationTree;
}

/**
 * Syntax trees kept between analyses (see FileMemo), each with its evaluation tree, so an unchanged file's
 * declarations are indexed once, not on every keystroke. A new version of a kept file is re-parsed from its
 * previous tree, which reparseBicep consumes (only the newest tree of a path is ever used). 4 million characters
 * of Bicep make about 50 MB of trees.
 */
const parseCache = new FileMemo<ParsedText>(4_000_000);

/** The file's parse and tree, and whether a version of it was parsed before (it is being edited, not read once). */
function parseCached(text: string, path: string): ParsedText & { again: boolean } {
  let again = true;
  const parsed = parseCache.get(path, text, (previous) => {
    // A new version of a file parsed before (a keystroke): reuse the statements the edit did not touch.
    const result = previous ? reparseBicep(previous.result, text, { fileName: path }) : parseBicep(text, { fileName: path });
    again = previous !== undefined;
    return { result, tree: new EvaluationTree(result.syntax) };
  });
  return { ...parsed, again };
}

const BICEP_FILE = /\.bicep(param)?$/i;

/** The paths of the file's `module` statements, as written (undefined: interpolated). */
function moduleStatementPaths(syntax: BicepFile): (string | undefined)[] {
  const paths: (string | undefined)[] = [];
  for (const statement of syntax.statements) if (statement.kind === 'module' && statement.path.kind === 'string') paths.push(statement.path.value);
  return paths;
}

interface FileReference {
  /** How the message names the reference: "module 'net'". */
  readonly what: string;
  readonly path: StringLiteral & { readonly value: string };
  readonly extension: RegExp;
  readonly expected: string;
}

/** The local file a statement names, if any (interpolated paths are not files Bicep accepts either). */
function referenceOf(statement: Statement): FileReference | undefined {
  const bicep = { extension: /\.bicep$/i, expected: 'Bicep (.bicep)' };
  switch (statement.kind) {
    case 'module':
      return literal(statement.path) ? { what: `module '${statement.name.name}'`, path: statement.path, ...bicep } : undefined;
    case 'using':
      return literal(statement.path) ? { what: 'using', path: statement.path, ...bicep } : undefined;
    case 'import':
      return literal(statement.from) && statement.from.value.toLowerCase().endsWith('.bicep') ? { what: 'import', path: statement.from, ...bicep } : undefined;
    case 'extends':
      return literal(statement.path) ? { what: 'extends', path: statement.path, extension: /\.bicepparam$/i, expected: 'Bicep parameters (.bicepparam)' } : undefined;
    default:
      return undefined;
  }
}

function literal(node: { readonly kind: string } | undefined): node is StringLiteral & { readonly value: string } {
  return node?.kind === 'string' && typeof (node as StringLiteral).value === 'string' && (node as StringLiteral).value!.length > 0;
}
