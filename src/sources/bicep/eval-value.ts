// The values the Bicep evaluator computes. Three-valued like the graph: a value, absent, or Unknown with a
// reason. Every value remembers the span of the expression that produced it, so a node's origin can point a
// squiggle (and a fix) at exactly the text that decided the value, even when the value came from a variable,
// a parameter file or a module call's argument.

import type { FileSpan } from '../../graph/types';
import { detachedSpan } from './parser';

export type Value =
  | StringValue
  | NumberValue
  | BoolValue
  | NullValue
  | ArrayValue
  | ObjectValue
  | UnknownValue
  | ResourceRefValue
  | ModuleRefValue;

export interface StringValue {
  readonly kind: 'string';
  readonly value: string;
  readonly span?: FileSpan;
}
export interface NumberValue {
  readonly kind: 'number';
  readonly value: number;
  readonly span?: FileSpan;
}
export interface BoolValue {
  readonly kind: 'bool';
  readonly value: boolean;
  readonly span?: FileSpan;
}
export interface NullValue {
  readonly kind: 'null';
  readonly span?: FileSpan;
}
export interface ArrayValue {
  readonly kind: 'array';
  readonly items: readonly Value[];
  readonly span?: FileSpan;
}
export interface ObjectEntry {
  readonly key: string;
  readonly value: Value;
}
export interface ObjectValue {
  readonly kind: 'object';
  readonly entries: readonly ObjectEntry[];
  /**
   * Set when the object may hold more keys than `entries` (a spread of an unknown value, `resourceGroup()`):
   * a key that is not listed is then this Unknown, not absent.
   */
  readonly open?: UnknownValue;
  readonly span?: FileSpan;
}
export interface UnknownValue {
  readonly kind: 'unknown';
  readonly why: string;
  readonly span?: FileSpan;
}

/** What a resource symbol evaluates to: enough to answer `.id`, `.name`, `.type` and `.properties.x`. */
export interface ResourceHandle {
  readonly id: string;
  readonly name: Value;
  readonly type: string;
  /** The evaluated body (undefined while it is being evaluated, or for `existing` resources). */
  body(): Value | undefined;
  readonly existing: boolean;
}
export interface ResourceRefValue {
  readonly kind: 'resource';
  readonly handle: ResourceHandle;
  readonly span?: FileSpan;
}

/** A module symbol: `.outputs.x` asks the module. */
export interface ModuleRefValue {
  readonly kind: 'module';
  readonly symbol: string;
  output(name: string): Value;
  /** This value stands for `mod.outputs`: its members are outputs. */
  readonly outputsView?: boolean;
  readonly span?: FileSpan;
}

export function str(value: string, span?: FileSpan): StringValue {
  return { kind: 'string', value, span };
}

export function unknownValue(why: string, span?: FileSpan): UnknownValue {
  return { kind: 'unknown', why, span };
}

/** The same value, located at another span (a reference site). Nested values keep their own spans. */
export function withSpan(value: Value, span: FileSpan | undefined): Value {
  return span && span !== value.span ? respanned(value, span) : value;
}

/**
 * A copy of the value with another span. Built field by field for each kind: a spread of values of many shapes
 * is a megamorphic object clone in V8, and copies were a twentieth of a lint of the AVM corpus.
 */
export function respanned(value: Value, span: FileSpan | undefined): Value {
  switch (value.kind) {
    case 'string':
      return { kind: 'string', value: value.value, span };
    case 'number':
      return { kind: 'number', value: value.value, span };
    case 'bool':
      return { kind: 'bool', value: value.value, span };
    case 'null':
      return { kind: 'null', span };
    case 'unknown':
      return { kind: 'unknown', why: value.why, span };
    case 'array':
      return { kind: 'array', items: value.items, span };
    case 'object':
      return value.open ? { kind: 'object', entries: value.entries, open: value.open, span } : { kind: 'object', entries: value.entries, span };
    case 'resource':
      return { kind: 'resource', handle: value.handle, span };
    case 'module':
      return value.outputsView ? { kind: 'module', symbol: value.symbol, output: value.output, outputsView: true, span } : { kind: 'module', symbol: value.symbol, output: value.output, span };
  }
}

/** ARM property names are case-insensitive. */
export function getProp(value: Value | undefined, key: string): Value | undefined {
  if (!value || value.kind !== 'object') return undefined;
  const entries = value.entries;
  // Exact spelling first (the common case, no allocation), then ARM's case-insensitive match.
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].key === key) return entries[i].value;
  const lower = key.toLowerCase();
  for (let i = entries.length - 1; i >= 0; i--) {
    const candidate = entries[i].key;
    if (candidate.length === key.length && candidate.toLowerCase() === lower) return entries[i].value;
  }
  return value.open;
}

/**
 * Follows a path of keys and indexes. An Unknown on the way makes the result Unknown (a property of an unknown
 * object is unknown, not absent); anything else that is not an object or array ends it as absent.
 */
export function getPath(value: Value | undefined, ...path: (string | number)[]): Value | undefined {
  let current = value;
  for (let i = 0; i < path.length; i++) {
    if (current === undefined) return undefined;
    const step = path[i];
    if (typeof step === 'number') {
      if (current.kind === 'unknown') return current;
      current = current.kind === 'array' ? current.items[step] : undefined;
    } else if (current.kind === 'object') current = getProp(current, step);
    else return current.kind === 'unknown' ? current : undefined;
  }
  return current;
}

/**
 * A span whose range is computed when read: syntax nodes compute line/character positions lazily, and most
 * value spans are never read (only the few a finding underlines). The getter lives on the prototype, so a
 * spread would drop it: spans leave the evaluator through `plainSpan`.
 */
class NodeSpan implements FileSpan {
  constructor(
    readonly file: string,
    readonly node: { readonly range: FileSpan['range'] },
  ) {}

  get range(): FileSpan['range'] {
    return this.node.range;
  }
}

/** The span without the syntax node behind it (parser.ts: detachedSpan); any other span as it is. */
export function spanWithoutSyntax(span: FileSpan): FileSpan {
  if (span instanceof NodeSpan) {
    const node = detachedSpan(span.node as FileSpan);
    return node === span.node ? span : new NodeSpan(span.file, node);
  }
  return detachedSpan(span);
}

export function lazySpan(file: string, node: { readonly range: FileSpan['range']; readonly file?: unknown }): FileSpan {
  // Syntax nodes of a file parsed under this name are spans already (parser.ts: NodeImpl.file): no allocation,
  // which is one object fewer per evaluated expression for the scavenger to copy.
  return node.file === file ? (node as FileSpan) : new NodeSpan(file, node);
}

/** A plain `{ file, range }` object, safe to spread and serialise. */
export function plainSpan(span: FileSpan): FileSpan {
  return { file: span.file, range: span.range };
}
