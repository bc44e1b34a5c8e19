// The origin of a declaration whose graph node outlives the text it was built from. In the editor, Terraform keeps
// a node from one keystroke to the next when its resource did not change (src/sources/terraform/node-reuse.ts),
// while the block it describes may have moved (a line typed above it). Its spans are the evaluator's, which follow
// their syntax nodes (terraform/spans.ts), so this origin reads them when asked and converts them to plain spans,
// where BicepOrigin (graph-nodes.ts) converts them once. Same fields, same JSON, same answers as BicepOrigin for the
// text of the moment: a plain span is kept only while its source returns the same range object (the Terraform
// spans cache their range per version of the file).

import type { CloudName, FileSpan, SourceFormat } from '../../graph/types';
import type { Value } from './eval-value';
import { getProp } from './eval-value';
import type { DeclaredResource } from './graph-declared';
import { collectSpans, spanAtPath } from './span-paths';

/** `span` as a plain span, reusing `kept` while it is still the span's current range. */
function plain(span: FileSpan, kept: FileSpan | undefined): FileSpan {
  const range = span.range;
  return kept !== undefined && kept.range === range && kept.file === span.file ? kept : { file: span.file, range };
}

export class LiveOrigin {
  readonly kind = 'file' as const;
  readonly format: SourceFormat;
  readonly inLoop: boolean;
  readonly conditional: boolean;
  readonly symbol: string;
  readonly existing: boolean | undefined;
  readonly cloud: CloudName | undefined;
  readonly #resource: DeclaredResource;
  readonly #insertion: FileSpan | undefined;
  #span: FileSpan | undefined;
  #propertiesObject: FileSpan | undefined;
  #properties: Record<string, FileSpan> | undefined;

  constructor(resource: DeclaredResource) {
    this.format = resource.format ?? 'bicep';
    const propertiesValue = getProp(resource.body, 'properties');
    this.#insertion = propertiesValue?.kind === 'object' && propertiesValue.span ? propertiesValue.span : resource.insertInto;
    this.inLoop = resource.inLoop;
    this.conditional = resource.conditional;
    this.symbol = resource.symbol;
    this.existing = resource.existing || undefined;
    this.cloud = resource.cloud;
    this.#resource = resource;
  }

  get span(): FileSpan {
    return (this.#span = plain(this.#resource.span, this.#span));
  }

  get propertiesObject(): FileSpan | undefined {
    return this.#insertion ? (this.#propertiesObject = plain(this.#insertion, this.#propertiesObject)) : undefined;
  }

  get properties(): Readonly<Record<string, FileSpan>> {
    return (this.#properties ??= liveSpans(this.#resource.body));
  }

  toJSON(): object {
    const { kind, format, span, propertiesObject, inLoop, conditional, symbol, existing, cloud } = this;
    return { kind, format, span, properties: { ...this.properties }, propertiesObject, inLoop, conditional, symbol, existing, cloud };
  }
}

/**
 * The property spans as graph-nodes.ts's `propertySpans` gives them (the first value in document order whose path
 * is the key), looked up per key and converted to plain spans on every read; enumerating (spread, JSON) lists the
 * whole map as of that moment.
 */
function liveSpans(body: Value): Record<string, FileSpan> {
  const target: Record<string, FileSpan> = {};
  Object.defineProperty(target, LIVE, { value: { body, found: new Map(), plain: new Map() } satisfies LiveState });
  return new Proxy(target, LIVE_HANDLER);
}

const LIVE = Symbol('liveSpans');

interface LiveState {
  readonly body: Value;
  /** The evaluator's span at each path looked up (undefined: none). */
  readonly found: Map<string, FileSpan | undefined>;
  /** The plain span last returned for each path. */
  readonly plain: Map<string, FileSpan>;
}

type LiveTarget = Record<string, FileSpan> & { readonly [LIVE]: LiveState };

function lookup(target: LiveTarget, path: string): FileSpan | undefined {
  const state = target[LIVE];
  let found = state.found.get(path);
  if (found === undefined && !state.found.has(path)) {
    found = path ? spanAtPath(state.body, path, 0) : undefined;
    state.found.set(path, found);
  }
  if (!found) return undefined;
  const span = plain(found, state.plain.get(path));
  state.plain.set(path, span);
  return span;
}

/** Rewrites the target's own keys to the whole map as of now (enumeration only: spread, JSON, `Object.keys`). */
function fill(target: LiveTarget): void {
  for (const key of Object.keys(target)) delete target[key];
  const state = target[LIVE];
  const current = new Map<string, FileSpan | undefined>();
  collectSpans(state.body, '', target, current);
  for (const key of Object.keys(target)) target[key] = lookup(target, key) ?? target[key];
}

const isPathKey = (key: string | symbol): key is string => typeof key === 'string' && !(key in Object.prototype);

const LIVE_HANDLER: ProxyHandler<Record<string, FileSpan>> = {
  get: (target, key) => (isPathKey(key) ? lookup(target as LiveTarget, key) : Reflect.get(target, key)),
  has: (target, key) => (isPathKey(key) ? lookup(target as LiveTarget, key) !== undefined : Reflect.has(target, key)),
  ownKeys: (target) => (fill(target as LiveTarget), Reflect.ownKeys(target)),
  getOwnPropertyDescriptor: (target, key) => {
    if (isPathKey(key) && !Object.prototype.hasOwnProperty.call(target, key) && lookup(target as LiveTarget, key) !== undefined) fill(target as LiveTarget);
    return Reflect.getOwnPropertyDescriptor(target, key);
  },
  // Read-only for consumers, as BicepOrigin's map is in practice: a write would be lost at the next enumeration.
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
};
