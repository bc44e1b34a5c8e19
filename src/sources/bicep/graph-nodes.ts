// Evaluated declarations → graph nodes. A declaration becomes a view of the shared ARM-shape mapping
// (src/sources/arm-shape/): its evaluated body read in place (values with spans and unknowns), its origin with the
// span of every property value. Knows nothing about Bicep syntax, so local resources, module resources, AVM calls
// and Terraform's ARM-shaped output share it.

import { armResourcesToNodes } from '../arm-shape/to-nodes';
import type { ArmResourceView, ValueKind, ValueReader } from '../arm-shape/view';
import type { CloudName, FileSpan, GraphNode, Maybe, Origin, SourceFormat } from '../../graph/types';
import { unknown } from '../../graph/types';
import type { Value } from './eval-value';
import { getProp, plainSpan } from './eval-value';
import type { DeclaredResource } from './graph-declared';
import { LiveOrigin } from './live-origin';
import { collectSpans, spanAtPath } from './span-paths';

export function buildNodes(resources: readonly DeclaredResource[]): GraphNode[] {
  return armResourcesToNodes(resources.map(viewOf));
}

/**
 * A declaration as the shared ARM-shape mapping reads it. The origin is built when read: most declarations of a
 * real file (role assignments, diagnostics, deployments) never become nodes.
 */
class BicepView implements ArmResourceView<Value> {
  readonly reader = bicepReader;
  readonly id: string;
  readonly type: string;
  readonly parentId: string | undefined;
  readonly apiVersion: string | undefined;
  readonly body: Value;
  readonly zoneGroupsUnknown: string | undefined;
  #origin: Origin | undefined;

  constructor(private readonly resource: DeclaredResource) {
    this.id = resource.id;
    this.type = resource.type;
    this.parentId = resource.parentId;
    this.apiVersion = resource.apiVersion;
    this.body = resource.body;
    this.zoneGroupsUnknown = resource.existing ? `'${resource.symbol}' is an existing endpoint: its zone groups are not in this design` : undefined;
  }

  get name(): Maybe<string> {
    return nameOf(this.resource.name);
  }

  get origin(): Origin {
    return (this.#origin ??= originOf(this.resource));
  }
}

export const viewOf = (resource: DeclaredResource): ArmResourceView<Value> => new BicepView(resource);

function nameOf(value: Value): Maybe<string> {
  if (value.kind === 'null') return undefined;
  if (value.kind === 'string') return value.value;
  return unknown(value.kind === 'unknown' ? value.why : `expected a string, found ${value.kind}`);
}

const KINDS: Record<Value['kind'], ValueKind> = {
  string: 'string',
  number: 'number',
  bool: 'boolean',
  null: 'null',
  array: 'array',
  object: 'object',
  unknown: 'unknown',
  resource: 'other',
  module: 'other',
};

/** Evaluated Bicep values, read in place. */
const bicepReader: ValueReader<Value> = {
  kind: (value) => KINDS[value.kind],
  scalar: (value) => (value.kind === 'string' || value.kind === 'number' || value.kind === 'bool' ? value.value : null),
  why: (value) => (value.kind === 'unknown' ? value.why : `a ${value.kind} symbol`),
  prop: (value, key) => (value.kind === 'unknown' ? value : getProp(value, key)),
  items: (value) => (value.kind === 'array' ? value.items : []),
  entries: (value) => (value.kind === 'object' ? value.entries.map((entry) => [entry.key, entry.value] as const) : []),
  open: (value) => (value.kind === 'object' ? value.open?.why : undefined),
};

// ---------------------------------------------------------------------------------------------------------
// Origins: the declaration span and the span of every property value, keyed by dotted path.
// ---------------------------------------------------------------------------------------------------------

export function originOf(resource: DeclaredResource): Origin {
  return resource.movable ? new LiveOrigin(resource) : new BicepOrigin(resource);
}

/**
 * A Bicep node's origin. Rules read the spans of a few properties of a few nodes, so the property map is built
 * on first read. A class getter, because an accessor in an object literal cost two thirds of node building
 * (measured); `toJSON` keeps it serialisable. (A spread of an origin would drop `properties`: pass origins by
 * reference, as every consumer does.)
 */
class BicepOrigin {
  readonly kind = 'file' as const;
  readonly format: SourceFormat;
  readonly span: FileSpan;
  readonly propertiesObject: FileSpan | undefined;
  readonly inLoop: boolean;
  readonly conditional: boolean;
  readonly symbol: string;
  readonly existing: boolean | undefined;
  readonly cloud: CloudName | undefined;
  #body: Value;
  #properties: Record<string, FileSpan> | undefined;

  constructor(resource: DeclaredResource) {
    this.format = resource.format ?? 'bicep';
    const propertiesValue = getProp(resource.body, 'properties');
    const insertion = propertiesValue?.kind === 'object' && propertiesValue.span ? propertiesValue.span : resource.insertInto;
    this.span = plainSpan(resource.span);
    this.propertiesObject = insertion ? plainSpan(insertion) : undefined;
    this.inLoop = resource.inLoop;
    this.conditional = resource.conditional;
    this.symbol = resource.symbol;
    this.existing = resource.existing || undefined;
    this.cloud = resource.cloud;
    this.#body = resource.body;
  }

  get properties(): Readonly<Record<string, FileSpan>> {
    return (this.#properties ??= propertySpans(this.#body));
  }

  toJSON(): object {
    const { kind, format, span, propertiesObject, inLoop, conditional, symbol, existing, cloud } = this;
    return { kind, format, span, properties: { ...this.properties }, propertiesObject, inLoop, conditional, symbol, existing, cloud };
  }
}

/**
 * The spans of a body's property values, keyed by dotted path (`properties.subnet.id`, `tags.owner`,
 * `properties.groupIds[0]`). Rules read a handful of paths of each node, but building the whole map cost a tenth
 * of a keystroke on a 10,000-line file (every path string hashed, every range computed). So a read of one key
 * looks that path up in the value tree (`spanAtPath`, memoised), and only enumeration (`Object.keys`, spread,
 * JSON) builds the whole map. Both give the same answer: the first value in document order whose path is the key.
 */
function propertySpans(body: Value): Record<string, FileSpan> {
  const all: Record<string, FileSpan> = {};
  // The state rides on the target under a non-enumerable symbol, so one handler serves every origin (a handler
  // of closures per origin was a third of what reading spans allocated).
  Object.defineProperty(all, SPAN_STATE, { value: { body, complete: false, looked: new Map() } satisfies SpanState });
  return new Proxy(all, SPANS_HANDLER);
}

const SPAN_STATE = Symbol('propertySpans');

interface SpanState {
  readonly body: Value;
  complete: boolean;
  readonly looked: Map<string, FileSpan | undefined>;
}

type SpanTarget = Record<string, FileSpan> & { readonly [SPAN_STATE]: SpanState };

function spanLookup(target: SpanTarget, path: string): FileSpan | undefined {
  const state = target[SPAN_STATE];
  if (state.complete) return target[path];
  if (state.looked.has(path)) return state.looked.get(path);
  const found = path ? spanAtPath(state.body, path, 0) : undefined;
  const span = found ? plainSpan(found) : undefined;
  state.looked.set(path, span);
  return span;
}

function fillSpans(target: SpanTarget): void {
  const state = target[SPAN_STATE];
  if (state.complete) return;
  collectSpans(state.body, '', target, state.looked);
  state.complete = true;
}

/** Keys answered by looking the path up; others (symbols, `toString`, …) behave as on a plain object. */
const isPathKey = (key: string | symbol): key is string => typeof key === 'string' && !(key in Object.prototype);

const SPANS_HANDLER: ProxyHandler<Record<string, FileSpan>> = {
  get: (target, key) => (isPathKey(key) ? spanLookup(target as SpanTarget, key) : Reflect.get(target, key)),
  has: (target, key) => (isPathKey(key) ? spanLookup(target as SpanTarget, key) !== undefined : Reflect.has(target, key)),
  ownKeys: (target) => (fillSpans(target as SpanTarget), Reflect.ownKeys(target)),
  getOwnPropertyDescriptor: (target, key) => (fillSpans(target as SpanTarget), Reflect.getOwnPropertyDescriptor(target, key)),
  // The map is read-only for consumers; writes go to the full map (after filling it, so nothing is lost).
  set: (target, key, value) => (fillSpans(target as SpanTarget), Reflect.set(target, key, value)),
  defineProperty: (target, key, descriptor) => (fillSpans(target as SpanTarget), Reflect.defineProperty(target, key, descriptor)),
  deleteProperty: (target, key) => (fillSpans(target as SpanTarget), Reflect.deleteProperty(target, key)),
};
