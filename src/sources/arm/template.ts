// Reads an ARM deployment template: its parameters and variables as an expression scope, and its resources
// flattened (nested `resources` become full types and names, the languageVersion 2.0 symbolic-name object form
// too), each with the flags rules need (`copy` → in a loop, `condition` → conditional, `existing`).

import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { CloudName, FileSpan, Range, SourceProblem } from '../../graph/types';
import { ENVIRONMENTS } from '../../catalog/environment';
import { isUnknown } from '../../graph/types';
import { buildResourceId } from '../../graph/resource-id';
import { LineIndex } from '../line-index';
import { limitJsonNesting, MAX_NESTING, NestingTooDeep } from '../nesting';
import { capSyntaxErrors, MAX_SYNTAX_ERRORS } from '../syntax-errors';
import {
  evaluate,
  expressionError,
  ExpressionSyntaxError,
  isExpression,
  literalString,
  parseExpression,
  splitName,
  symbolicUnknown,
  type EvaluationScope,
  type Expr,
  type IdScope,
  type SymbolicUnknown,
  type Value,
} from './expression';
import { indexJson, rootNode, type JsonIndex } from './json-tree';
import { JsonView, type View } from './view';
import { IterationBudget } from '../loop-limits';
import { ARM_TYPES } from '../arm-shape/arm-types';
import { isServiceTargetType } from '../arm-shape/target-node';

export interface TemplateResource {
  /** The resource object in the file. */
  readonly view: View;
  readonly node: JsonNode;
  /** Full type, e.g. `Microsoft.Network/privateDnsZones/virtualNetworkLinks`. */
  readonly type: string;
  /** One evaluated name per type segment. */
  readonly names: readonly Value[];
  readonly id: string;
  /** The parent resource's id, for child resources. */
  readonly parentId?: string;
  readonly inLoop: boolean;
  readonly conditional: boolean;
  readonly existing: boolean;
  /** The languageVersion 2.0 symbolic name, when the template has one. */
  readonly symbol?: string;
  readonly apiVersion?: string;
}

/** A nested deployment whose template is another file (`templateLink.relativePath`). */
export interface LinkedTemplate {
  /** The path as written, when it is a literal; undefined when it is an expression. */
  readonly relativePath: string | undefined;
  readonly span: FileSpan;
}

export interface ReadTemplate {
  readonly resources: readonly TemplateResource[];
  readonly linkedTemplates: readonly LinkedTemplate[];
  readonly problems: readonly SourceProblem[];
  /** What was not read, in words a user can act on (the file's coverage is partial when there is any). */
  readonly notRead: readonly string[];
  readonly lines: LineIndex;
  spanOf(node: JsonNode): FileSpan;
}

const PARSE_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: "a ':' is expected",
  CommaExpected: "a ',' is expected",
  CloseBraceExpected: "a closing '}' is expected",
  CloseBracketExpected: "a closing ']' is expected",
  EndOfFileExpected: 'the end of the file is expected',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'the comment is not closed',
  UnexpectedEndOfString: 'the string is not closed',
  UnexpectedEndOfNumber: 'the number is not complete',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character',
};

export function readTemplate(file: string, text: string, cloud?: CloudName): ReadTemplate {
  const lines = new LineIndex(text);
  const spanOf = (node: Located): FileSpan => new TemplateSpan(file, lines, node.offset, node.offset + node.length);
  const problems: SourceProblem[] = [];
  const errors: ParseError[] = [];
  // Plain JSON (what `bicep build` writes) is read by the fast indexed tree; anything else (comments, trailing
  // commas, syntax errors to report) by jsonc-parser.
  // Containers nested deeper than the limit are not parsed (they read as 0, offsets kept): reported as not read.
  // Half the general limit: evaluating a value walks its JSON and the expressions in it within MAX_NESTING.
  const notRead: string[] = [];
  // Plain JSON within the limit is indexed in one pass; only other text is limited first (a second pass).
  let index = indexJson(text, MAX_JSON_NESTING);
  let limited = { text, cuts: [] as number[] };
  if (!index) {
    limited = limitJsonNesting(text, MAX_JSON_NESTING);
    if (limited.cuts.length > 0) {
      const at = lines.positionAt(limited.cuts[0]);
      notRead.push(
        `JSON nested more than ${MAX_JSON_NESTING} levels deep (line ${at.line + 1}${limited.cuts.length > 1 ? ` and ${limited.cuts.length - 1} more places` : ''}) was not read`,
      );
    }
    index = indexJson(limited.text);
  }
  const root = index ? rootNode(index) : parseTree(limited.text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const error of errors.slice(0, MAX_SYNTAX_ERRORS)) {
    const code = printParseErrorCode(error.error);
    problems.push({
      ruleId: 'syntax-error',
      message: `JSON syntax error: ${PARSE_MESSAGES[code] ?? code}.`,
      span: lines.span(file, error.offset, error.offset + Math.max(1, error.length)),
    });
  }
  // jsonc-parser reports in position order: the ones not made into problems come after these.
  const omitted = Math.max(0, errors.length - MAX_SYNTAX_ERRORS);
  if (!root || root.type !== 'object') {
    if (problems.length === 0) {
      problems.push({ ruleId: 'syntax-error', message: 'An ARM template must be a JSON object.', span: lines.span(file, 0, Math.min(1, text.length)) });
    }
    return { resources: [], linkedTemplates: [], problems: capSyntaxErrors(problems, omitted), notRead, lines, spanOf };
  }

  const rootScope = new TemplateScope(file, root, spanOf, problems, new Map());
  rootScope.cloud = cloud;
  rootScope.notRead = notRead;
  if (index) rootScope.checkIndexedExpressions(index);
  else rootScope.checkExpressions(root);
  const resources: TemplateResource[] = [];
  const linkedTemplates: LinkedTemplate[] = [];
  const budget = new IterationBudget();
  /**
   * The resource once per iteration of its `copy` loop when the count is known, else once for every iteration.
   * Only loops the graph can see into are expanded (graphReads): the loop of a role assignment, a diagnostic
   * setting or a module of such resources stays one body, and its count and conditions are never evaluated.
   */
  const iterationsOf = (view: View, scope: TemplateScope, parent: TemplateResource | undefined): { view: View; scope: TemplateScope }[] => {
    const copy = view.get('copy');
    if (!copy || !view.node || !graphReads(view, parent)) return [{ view, scope }];
    const count = copy.get('count')?.value;
    const loopName = copy.get('name')?.value;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || budget.refuse(count) !== undefined) return [{ view, scope }];
    const out: { view: View; scope: TemplateScope }[] = [];
    for (let index = 0; index < count; index++) {
      const iteration = scope.iteration(typeof loopName === 'string' ? loopName : undefined, index);
      const iterationView = iteration.view(view.node);
      // A filtered loop (`if` inside a Bicep `for`) compiles to a condition that reads copyIndex(): per iteration.
      if (iterationView.get('condition')?.value === false) continue;
      out.push({ view: iterationView, scope: iteration });
    }
    return out;
  };
  const visit = (container: View | undefined, parent: TemplateResource | undefined, scope: TemplateScope, around: Flags, target: DeploymentTarget) => {
    if (!container?.node) return;
    const entries: { view: View; symbol?: string }[] =
      container.node.type === 'array'
        ? container.items().map((view) => ({ view }))
        : container.node.type === 'object'
          ? (container.node.children ?? []).flatMap((p) =>
              p.children?.[1] ? [{ view: scope.view(p.children[1]), symbol: String(p.children[0].value) }] : [],
            )
          : [];
    for (const entry of entries) {
      if (entry.view.node?.type !== 'object') continue;
      for (const { view, scope: itemScope } of iterationsOf(entry.view, scope, parent)) {
        const resource = itemScope.resource(view, parent, entry.symbol, around, target);
        if (!resource) continue;
        if (resource.type.toLowerCase() === DEPLOYMENTS) {
          // A module of resources the graph does not read (role assignments, diagnostics, …): nothing to visit.
          if (!graphReads(view, parent)) continue;
          // A nested deployment with an inline template (what `bicep build` makes of a module): its resources
          // are part of the design, evaluated in the template's own scope when it asks for one.
          const deployedTo = deploymentTarget(view, target);
          const nested = itemScope.nestedTemplate(resource, deployedTo);
          if (nested) visit(nested.scope.view(nested.template).get('resources'), undefined, nested.scope, resource, deployedTo);
          const link = view.get('properties')?.get('templateLink')?.get('relativePath');
          if (link) linkedTemplates.push({ relativePath: typeof link.value === 'string' ? link.value : undefined, span: link.span });
          continue;
        }
        resources.push(resource);
        visit(view.get('resources'), resource, itemScope, around, target);
      }
    }
  };
  visit(rootScope.view(root).get('resources'), undefined, rootScope, { inLoop: false, conditional: false }, ROOT_TARGET);
  // Template expression errors join the JSON ones: one cap for the file.
  return { resources, linkedTemplates, problems: capSyntaxErrors(problems, omitted), notRead, lines, spanOf };
}

/** Resource types whose resources become nodes or join one (ARM_TYPES), or are catalogued targets. */
const GRAPH_TYPES: ReadonlySet<string> = new Set(Object.values(ARM_TYPES));
const DEPLOYMENTS = 'microsoft.resources/deployments';

/**
 * Whether the graph reads anything of this resource or of what it contains: its type is one the graph is built
 * from, it nests child resources, or it is a nested deployment whose template (at any depth) declares such a
 * type. A type that is not a plain string counts as read.
 */
function graphReads(view: View, parent: TemplateResource | undefined): boolean {
  if (view.get('resources') !== undefined) return true;
  const rawType = view.get('type')?.value;
  if (typeof rawType !== 'string') return true;
  const type = (parent && !rawType.includes('/') ? `${parent.type}/${rawType}` : rawType).toLowerCase();
  if (type === DEPLOYMENTS) {
    // A linked template (templateLink) is a coverage gap per iteration, as before: expanded.
    const template = view.get('properties')?.get('template')?.node;
    return template?.type !== 'object' || declaresGraphTypes(template.children?.find((p) => p.children?.[0]?.value === 'resources')?.children?.[1]);
  }
  return GRAPH_TYPES.has(type) || isServiceTargetType(type);
}

const declaring = new WeakMap<JsonNode, boolean>();

/** Whether a `resources` array or object (of a nested template) declares, at any depth, a type the graph reads. */
function declaresGraphTypes(resources: JsonNode | undefined): boolean {
  if (!resources) return false;
  if (resources.type !== 'array' && resources.type !== 'object') return true;
  const known = declaring.get(resources);
  if (known !== undefined) return known;
  let found = false;
  for (const child of resources.children ?? []) {
    const resource = resources.type === 'object' ? child.children?.[1] : child;
    if (resource?.type !== 'object') continue;
    const property = (key: string) => resource.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
    const type = property('type')?.value;
    const nestedTemplate = property('properties')?.children?.find((p) => p.children?.[0]?.value === 'template')?.children?.[1];
    const nested = nestedTemplate?.children?.find((p) => p.children?.[0]?.value === 'resources')?.children?.[1];
    if (typeof type !== 'string' || property('resources') !== undefined) found = true;
    else if (type.toLowerCase() === DEPLOYMENTS) found = nestedTemplate?.type !== 'object' || declaresGraphTypes(nested);
    else found = GRAPH_TYPES.has(type.toLowerCase()) || isServiceTargetType(type);
    if (found) break;
  }
  declaring.set(resources, found);
  return found;
}

/**
 * Where a template's resources are deployed, as far as the file says: the root template's resource group and
 * subscription are chosen at deployment time (left out of ids); a nested deployment names its own.
 */
interface DeploymentTarget {
  readonly subscriptionId?: string;
  readonly resourceGroup?: string;
}

const ROOT_TARGET: DeploymentTarget = {};

/**
 * The target of a nested deployment (`Microsoft.Resources/deployments`): its `resourceGroup` and
 * `subscriptionId` (top-level properties of the deployment resource in ARM's schema; also read under
 * `properties`, where some generators put them), each inherited from the enclosing deployment when not given. A
 * subscription without a resource group is a subscription-level deployment; a part given by an expression that is
 * not known is left out of ids, as the root's are.
 */
function deploymentTarget(deployment: View, around: DeploymentTarget): DeploymentTarget {
  const read = (key: string) => deployment.get(key) ?? deployment.get('properties')?.get(key);
  const subscription = read('subscriptionId');
  const group = read('resourceGroup');
  if (!subscription && !group) return around;
  const text = (view: View) => (typeof view.value === 'string' && view.value !== '' ? view.value : undefined);
  return {
    subscriptionId: subscription ? text(subscription) : around.subscriptionId,
    resourceGroup: group ? text(group) : undefined,
  };
}

/**
 * A span whose line/character range is computed when read: a template's spans are made by the thousand (every
 * view, every property of an endpoint) and read by the handful (the findings), and the first read builds the
 * file's line index. The getter lives on the prototype, as the Bicep evaluator's spans (eval-value.ts).
 */
class TemplateSpan implements FileSpan {
  private located: Range | undefined;

  constructor(
    readonly file: string,
    private readonly lines: LineIndex,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get range(): Range {
    this.located ??= this.lines.range(this.start, this.end);
    return this.located;
  }
}

/**
 * A resource of the template. Its names and ids are evaluated when first read: a large template declares many
 * resources (role assignments, locks, diagnostic settings, deployments) that the graph never looks at.
 */
class ScopedResource implements TemplateResource {
  readonly node: JsonNode;
  readonly inLoop: boolean;
  readonly conditional: boolean;
  readonly existing: boolean;
  readonly apiVersion: string | undefined;
  private evaluated: { names: readonly Value[]; id: string; parentId: string | undefined } | undefined;

  constructor(
    private readonly scope: TemplateScope,
    readonly view: View,
    readonly type: string,
    private readonly parent: TemplateResource | undefined,
    readonly symbol: string | undefined,
    flags: { inLoop: boolean; conditional: boolean; existing: boolean; apiVersion: string | undefined },
    /** Where it is deployed: a nested deployment's resources are in the group and subscription it names. */
    private readonly target: DeploymentTarget,
  ) {
    this.node = view.node as JsonNode;
    this.inLoop = flags.inLoop;
    this.conditional = flags.conditional;
    this.existing = flags.existing;
    this.apiVersion = flags.apiVersion;
  }

  get names(): readonly Value[] {
    return this.evaluate().names;
  }

  get id(): string {
    return this.evaluate().id;
  }

  get parentId(): string | undefined {
    return this.evaluate().parentId;
  }

  private evaluate(): { names: readonly Value[]; id: string; parentId: string | undefined } {
    if (this.evaluated) return this.evaluated;
    const { scope, type, parent, symbol } = this;
    const segments = type.split('/').length - 1;
    const nameValue = this.view.get('name')?.value;
    let names: Value[] =
      nameValue === undefined
        ? [symbolicUnknown('the resource has no name', `${symbol ?? 'unnamed'}@${this.view.node?.offset ?? 0}`)]
        : splitName(nameValue);
    if (parent && names.length < segments) names = [...parent.names.slice(0, segments - names.length), ...names];
    const id = scope.idFor(type, names, this.target);
    const parentId = segments > 1 ? scope.idFor(type.split('/').slice(0, -1).join('/'), names.slice(0, -1), this.target) : undefined;
    this.evaluated = { names, id, parentId };
    return this.evaluated;
  }
}

/** What a span needs of a JSON node. */
type Located = Pick<JsonNode, 'offset' | 'length'>;

interface Flags {
  readonly inLoop: boolean;
  readonly conditional: boolean;
}

const MAX_JSON_NESTING = MAX_NESTING / 2;

class TemplateScope implements EvaluationScope {
  /** What was not read (shared by the scopes of one template). */
  notRead: string[] = [];
  /** The template's parameter and variable definitions by lower-cased name, indexed when first looked up. */
  private declared: { parameters: Map<string, JsonNode>; variables: Map<string, JsonNode> } | undefined;
  private readonly memo = new Map<string, Value>();
  private readonly evaluating = new Set<string>();
  private readonly evaluator = (text: string, node: JsonNode): Value => this.evaluateString(text, node);
  /** Set on the scope of one iteration of a `copy` loop: parameters and variables come from `base`. */
  /** The cloud the template is judged in: `environment()` answers for it. */
  cloud: CloudName | undefined;
  /** Where the template deploys: `resourceId()` without a group or subscription means this one. */
  target: DeploymentTarget = ROOT_TARGET;
  private loop: { readonly base: TemplateScope; readonly name: string | undefined; readonly index: number } | undefined;

  constructor(
    private readonly file: string,
    private readonly root: JsonNode | undefined,
    private readonly spanOf: (node: Located) => FileSpan,
    private readonly problems: SourceProblem[],
    /** Expressions parsed so far by offset, `null` when reported as broken (shared with nested templates). */
    private readonly parsed: Map<number, Expr | null>,
    /** Values the caller passes to this template's parameters (nested deployments), evaluated in its scope. */
    private readonly passed: ReadonlyMap<string, () => Value> = new Map(),
    /** Keeps unknown symbols of a nested template apart from the outer template's. */
    private readonly symbolPrefix = '',
  ) {}

  private get parameters(): Map<string, JsonNode> {
    return this.definitions().parameters;
  }

  private get variables(): Map<string, JsonNode> {
    return this.definitions().variables;
  }

  private definitions(): { parameters: Map<string, JsonNode>; variables: Map<string, JsonNode> } {
    if (this.declared) return this.declared;
    const declared = { parameters: new Map<string, JsonNode>(), variables: new Map<string, JsonNode>() };
    for (const section of ['parameters', 'variables'] as const) {
      const object = this.root?.children?.find((p) => p.children?.[0]?.value === section)?.children?.[1];
      for (const property of object?.type === 'object' ? (object.children ?? []) : []) {
        const [key, value] = property.children ?? [];
        if (key && value) declared[section].set(String(key.value).toLowerCase(), value);
      }
    }
    this.declared = declared;
    return declared;
  }

  view(node: JsonNode): JsonView {
    return new JsonView(node, this.spanOf, this.evaluator);
  }

  /** The scope of one iteration of a resource `copy` loop: copyIndex() is known, the rest is this scope's. */
  iteration(name: string | undefined, index: number): TemplateScope {
    const scope = new TemplateScope(this.file, undefined, this.spanOf, this.problems, this.parsed, this.passed, this.symbolPrefix);
    scope.notRead = this.notRead;
    scope.loop = { base: this.loop?.base ?? this, name, index };
    scope.cloud = this.cloud;
    scope.target = this.target;
    return scope;
  }

  environment(): Value | undefined {
    return this.cloud ? (ENVIRONMENTS[this.cloud] as unknown as Value) : undefined;
  }

  copyIndex(name: string | undefined): number | undefined {
    const loop = this.loop;
    if (!loop) return undefined;
    // copyIndex() means the resource's own loop; a named one must be that loop (a property loop's is not known).
    return name === undefined || (loop.name !== undefined && loop.name.toLowerCase() === name.toLowerCase()) ? loop.index : undefined;
  }

  parameter(name: string): Value {
    if (this.loop) return this.loop.base.parameter(name);
    return this.cached(`p:${name}`, () => {
      const symbol = `${this.symbolPrefix}p:${name}`;
      const passed = this.passed.get(name.toLowerCase());
      if (passed) {
        const value = passed();
        return isUnknown(value) ? symbolicUnknown(value.why, (value as SymbolicUnknown).symbol ?? symbol) : value;
      }
      const definition = this.parameters.get(name.toLowerCase());
      if (!definition) return symbolicUnknown(`parameter '${name}' is not declared`, symbol);
      const defaultValue = this.view(definition).get('defaultValue');
      if (!defaultValue) return symbolicUnknown(`parameter '${name}' has no default`, symbol);
      const value = defaultValue.value;
      // Keep the parameter's own symbol so names built from it match resourceId() built from it.
      return isUnknown(value) ? symbolicUnknown(value.why, symbol) : value;
    });
  }

  variable(name: string): Value {
    if (this.loop) return this.loop.base.variable(name);
    return this.cached(`v:${name}`, () => {
      const definition = this.variables.get(name.toLowerCase());
      if (!definition) return symbolicUnknown(`variable '${name}' is not declared`, `${this.symbolPrefix}v:${name}`);
      const value = this.view(definition).value;
      return isUnknown(value) ? symbolicUnknown(value.why, `${this.symbolPrefix}v:${name}`) : value;
    });
  }

  resourceId(type: string, names: readonly Value[], scope: IdScope): Value {
    const given = (part: string | null | undefined, deployed: string | undefined) => (part === undefined ? deployed : (part ?? undefined));
    if (scope.level === 'tenant') return this.idFor(type, names);
    const subscriptionId = given(scope.subscriptionId, this.target.subscriptionId);
    const resourceGroup = scope.level === 'subscription' ? undefined : given(scope.resourceGroup, this.target.resourceGroup);
    return this.idFor(type, names, { subscriptionId, resourceGroup });
  }

  idFor(type: string, names: readonly Value[], scope: { subscriptionId?: string; resourceGroup?: string } = {}): string {
    if (names.every((n): n is string => typeof n === 'string')) return buildResourceId(type, names, scope);
    // A name we cannot know: an id that matches the same expression elsewhere in this template, and nothing else.
    const symbolic = names.map((n) => (typeof n === 'string' ? n : isUnknown(n) ? `{${(n as SymbolicUnknown).symbol ?? '?'}}` : JSON.stringify(n)));
    return `design:${this.file}#${type}/${symbolic.join('/')}`;
  }

  resource(view: View, parent: TemplateResource | undefined, symbol: string | undefined, around: Flags, target: DeploymentTarget): TemplateResource | undefined {
    const rawType = view.get('type')?.value;
    if (typeof rawType !== 'string') return undefined;
    const type = parent && !rawType.includes('/') ? `${parent.type}/${rawType}` : rawType;
    const apiVersion = view.get('apiVersion')?.value;
    return new ScopedResource(this, view, type, parent, symbol, {
      inLoop: view.get('copy') !== undefined || parent?.inLoop === true || around.inLoop,
      conditional: view.get('condition') !== undefined || parent?.conditional === true || around.conditional,
      existing: view.get('existing')?.value === true,
      apiVersion: typeof apiVersion === 'string' ? apiVersion : undefined,
    }, target);
  }

  /**
   * The inline template of a nested deployment and the scope its expressions evaluate in: its own (with the
   * parameter values the deployment passes, evaluated here) when `expressionEvaluationOptions.scope` is
   * `inner`, this template's otherwise (ARM's default, `outer`).
   */
  nestedTemplate(deployment: TemplateResource, target: DeploymentTarget): { template: JsonNode; scope: TemplateScope } | undefined {
    const properties = deployment.view.get('properties');
    const template = properties?.get('template')?.node;
    if (template?.type !== 'object') return undefined;
    const inner = String(properties?.get('expressionEvaluationOptions')?.get('scope')?.value ?? '').toLowerCase() === 'inner';
    if (!inner) return { template, scope: this };
    const passed = new Map<string, () => Value>();
    const values = properties?.get('parameters')?.node;
    for (const property of values?.type === 'object' ? (values.children ?? []) : []) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      const argument = this.view(value).get('value');
      if (argument) passed.set(String(key.value).toLowerCase(), () => argument.value);
    }
    const name = deployment.names[deployment.names.length - 1];
    const label = typeof name === 'string' ? name : isUnknown(name) ? ((name as SymbolicUnknown).symbol ?? 'nested') : 'nested';
    const prefix = `${this.symbolPrefix}${label.replace(/[{}|]/g, '')}.`;
    const scope = new TemplateScope(this.file, template, this.spanOf, this.problems, this.parsed, passed, prefix);
    scope.cloud = this.cloud;
    scope.target = target;
    scope.notRead = this.notRead;
    return { template, scope };
  }

  /** Reports every template expression that does not parse, read by a rule or not (ARM would reject them all). */
  checkExpressions(node: JsonNode): void {
    if (node.type === 'string' && typeof node.value === 'string' && isExpression(node.value)) this.parse(node.value, node);
    // Property names are never expressions: only values are checked.
    const children = node.type === 'property' ? node.children?.slice(1) : node.children;
    for (const child of children ?? []) this.checkExpressions(child);
  }

  /** checkExpressions over the indexed tree: every string value, read in place, without a node or a substring. */
  checkIndexedExpressions(index: JsonIndex): void {
    const { text } = index;
    for (let i = 0; i < index.count; i++) {
      if (!index.isString(i)) continue;
      const start = index.start[i];
      const end = index.end[i];
      let error: string | undefined;
      if (index.hasEscape(i)) {
        const value = index.stringAt(start, end);
        if (!isExpression(value)) continue;
        error = expressionError(value, 1, value.length - 1);
      } else {
        // `"[…]"` but not `"[[…"`: between the quotes, as isExpression() reads the value.
        if (end - start < 4 || text.charCodeAt(start + 1) !== 0x5b || text.charCodeAt(end - 2) !== 0x5d || text.charCodeAt(start + 2) === 0x5b) continue;
        error = expressionError(text, start + 2, end - 2);
      }
      if (error !== undefined) this.reportBroken(error, { offset: start, length: end - start });
    }
  }

  private reportBroken(message: string, node: Located): void {
    this.parsed.set(node.offset, null);
    this.problems.push({ ruleId: 'syntax-error', message: `Template expression error: ${message}.`, span: this.spanOf(node) });
  }

  private parse(text: string, node: Located): Expr | undefined {
    const cached = this.parsed.get(node.offset);
    if (cached !== undefined) return cached ?? undefined;
    try {
      const expression = parseExpression(text.slice(1, -1));
      this.parsed.set(node.offset, expression);
      return expression;
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error;
      this.reportBroken(error.message, node);
      return undefined;
    }
  }

  private evaluateString(text: string, node: JsonNode): Value {
    if (!isExpression(text)) return literalString(text);
    const expression = this.parse(text, node);
    if (!expression) return symbolicUnknown('the expression does not parse', text);
    try {
      return evaluate(expression, this);
    } catch (error) {
      // Variables that refer to variables that refer to… too deep to follow: this value is unknown.
      if (!(error instanceof NestingTooDeep)) throw error;
      const line = this.spanOf(node).range.start.line + 1;
      if (this.notRead.length < 10) this.notRead.push(`the expression at line ${line} was not evaluated: ${error.message}`);
      return symbolicUnknown(error.message, text);
    }
  }

  private cached(key: string, compute: () => Value): Value {
    const lower = key.toLowerCase();
    const hit = this.memo.get(lower);
    if (hit !== undefined) return hit;
    if (this.evaluating.has(lower)) return symbolicUnknown(`'${key}' refers to itself`, key);
    this.evaluating.add(lower);
    try {
      const value = compute();
      this.memo.set(lower, value);
      return value;
    } finally {
      this.evaluating.delete(lower);
    }
  }
}
