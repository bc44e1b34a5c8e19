// The Bicep functions the evaluator understands: the ones Private Link designs use to build names and ids
// (`resourceId`, string helpers, `concat`, `format`, `union`, ...). Everything else is Unknown with the
// function's name as the reason, never an error: an evaluator that guesses causes false alarms.

import type { FileSpan } from '../../graph/types';
import { buildResourceId } from '../../graph/resource-id';
import type { ArrayValue, ObjectEntry, Value } from './eval-value';
import { str, unknownValue } from './eval-value';

type BuiltIn = (args: readonly Value[], span: FileSpan | undefined) => Value;

const firstUnknown = (args: readonly Value[]): Value | undefined => args.find((a) => a.kind === 'unknown');

function scalarText(value: Value): string | undefined {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number') return String(value.value);
  if (value.kind === 'bool') return value.value ? 'True' : 'False';
  return undefined;
}

/** `resourceId([sub], [rg], type, name1, name2…)`: the type is the first argument that looks like one. */
function resourceIdFrom(args: readonly Value[], span: FileSpan | undefined, leading: number): Value {
  // Plain loops, no intermediate arrays: every endpoint and zone group calls this, on every keystroke.
  let typeIndex = -1;
  for (let i = leading; i < args.length; i++) {
    const arg = args[i];
    if (arg.kind === 'string' && RESOURCE_TYPE.test(arg.value)) {
      typeIndex = i;
      break;
    }
  }
  if (typeIndex < 0) return firstUnknown(args) ?? unknownValue('resourceId(): no resource type argument', span);
  const type = (args[typeIndex] as { value: string }).value;
  const names: string[] = [];
  for (let i = typeIndex + 1; i < args.length; i++) {
    const arg = args[i];
    if (arg.kind === 'unknown') return unknownValue(`resourceId(): ${arg.why}`, span);
    const text = scalarText(arg);
    if (text === undefined) return unknownValue('resourceId(): a name is not a string', span);
    // A name argument may hold several segments (`'vnet/subnet'`).
    if (text.indexOf('/') < 0) names.push(text);
    else for (const segment of text.split('/')) names.push(segment);
  }
  // One name per type segment after the namespace, or the id would name another resource.
  let typeNames = 0;
  for (let i = type.indexOf('/'); i >= 0; i = type.indexOf('/', i + 1)) typeNames++;
  if (names.length !== typeNames || names.some((n) => n.length === 0)) {
    return unknownValue(`resourceId(): ${type} takes ${typeNames} name(s), got ${names.length}`, span);
  }
  const scope: { subscriptionId?: string; resourceGroup?: string } = {};
  // Unknown subscription or group are left out: the graph resolves design ids by type and names.
  const textAt = (i: number) => (args[i].kind === 'string' ? (args[i] as { value: string }).value : undefined);
  if (typeIndex === 2) {
    scope.subscriptionId = textAt(0);
    scope.resourceGroup = textAt(1);
  } else if (typeIndex === 1 && leading === 0) scope.resourceGroup = textAt(0);
  else if (typeIndex === 1) scope.subscriptionId = textAt(0);
  return str(buildResourceId(type, names, scope), span);
}

const RESOURCE_TYPE = /^[A-Za-z0-9]+\.[A-Za-z0-9.]+\/.+/;

function extensionResourceId(args: readonly Value[], span: FileSpan | undefined): Value {
  const [scope, ...rest] = args;
  if (!scope || scope.kind !== 'string') return unknownValue('extensionResourceId(): the scope is not known', span);
  const inner = resourceIdFrom(rest, span, 0);
  if (inner.kind !== 'string') return inner;
  return str(scope.value.replace(/\/$/, '') + inner.value, span);
}

function concat(args: readonly Value[], span: FileSpan | undefined): Value {
  const unknownArg = firstUnknown(args);
  if (unknownArg) return unknownValue(`concat(): ${(unknownArg as { why: string }).why}`, span);
  if (args.length > 0 && args.every((a) => a.kind === 'array')) {
    return { kind: 'array', items: args.flatMap((a) => (a as ArrayValue).items), span };
  }
  const parts = args.map(scalarText);
  return parts.every((p) => p !== undefined) ? str(parts.join(''), span) : unknownValue('concat() of mixed values', span);
}

function format(args: readonly Value[], span: FileSpan | undefined): Value {
  const [template, ...rest] = args;
  if (!template || template.kind !== 'string') return unknownValue('format(): the format string is not known', span);
  let failed: string | undefined;
  const text = template.value.replace(/\{(\d+)(?::[^}]*)?\}/g, (_, index: string) => {
    const arg = rest[Number(index)];
    const piece = arg ? scalarText(arg) : undefined;
    if (piece === undefined) failed = arg?.kind === 'unknown' ? arg.why : `format(): argument ${index} is not known`;
    return piece ?? '';
  });
  return failed ? unknownValue(failed, span) : str(text, span);
}

function stringFn(fn: (s: string, ...rest: string[]) => Value | string): BuiltIn {
  return (args, span) => {
    const unknownArg = firstUnknown(args);
    if (unknownArg) return { ...unknownArg, span };
    const texts = args.map((a) => (a.kind === 'string' ? a.value : undefined));
    if (texts.some((t) => t === undefined) || texts.length === 0) return unknownValue('string function on a non-string', span);
    const result = fn(...(texts as [string, ...string[]]));
    return typeof result === 'string' ? str(result, span) : result;
  };
}

function union(args: readonly Value[], span: FileSpan | undefined): Value {
  const unknownArg = firstUnknown(args);
  if (unknownArg) return { ...unknownArg, span };
  if (args.every((a) => a.kind === 'object')) {
    const entries: ObjectEntry[] = [];
    for (const arg of args) if (arg.kind === 'object') entries.push(...arg.entries);
    return { kind: 'object', entries, span };
  }
  return unknownValue('union() of non-objects', span);
}

function isEmpty(value: Value): boolean | undefined {
  switch (value.kind) {
    case 'null':
      return true;
    case 'string':
      return value.value.length === 0;
    case 'array':
      return value.items.length === 0;
    case 'object':
      return value.entries.length === 0 && !value.open;
    case 'unknown':
      return undefined;
    default:
      return false;
  }
}

const BUILT_INS: Readonly<Record<string, BuiltIn>> = {
  resourceid: (args, span) => resourceIdFrom(args, span, 0),
  subscriptionresourceid: (args, span) => resourceIdFrom(args, span, 1),
  tenantresourceid: (args, span) => resourceIdFrom(args, span, 99),
  extensionresourceid: extensionResourceId,
  concat,
  format,
  tolower: stringFn((s) => s.toLowerCase()),
  toupper: stringFn((s) => s.toUpperCase()),
  trim: stringFn((s) => s.trim()),
  replace: stringFn((s, from, to) => (from === undefined || to === undefined ? unknownValue('replace(): missing argument') : s.split(from).join(to))),
  split: stringFn((s, sep) =>
    sep === undefined ? unknownValue('split(): missing separator') : { kind: 'array', items: s.split(sep).map((p) => str(p)) },
  ),
  string: (args, span) => {
    const text = args[0] ? scalarText(args[0]) : undefined;
    return text !== undefined ? str(text, span) : args[0]?.kind === 'unknown' ? { ...args[0], span } : unknownValue('string() of a non-scalar', span);
  },
  any: (args, span) => (args[0] ? { ...args[0], span } : unknownValue('any() without argument', span)),
  last: (args, span) => {
    const a = args[0];
    if (a?.kind === 'array') return a.items.length ? { ...a.items[a.items.length - 1], span } : { kind: 'null', span };
    if (a?.kind === 'string') return str(a.value.slice(-1), span);
    return a?.kind === 'unknown' ? { ...a, span } : unknownValue('last() of a non-array', span);
  },
  first: (args, span) => {
    const a = args[0];
    if (a?.kind === 'array') return a.items.length ? { ...a.items[0], span } : { kind: 'null', span };
    if (a?.kind === 'string') return str(a.value.slice(0, 1), span);
    return a?.kind === 'unknown' ? { ...a, span } : unknownValue('first() of a non-array', span);
  },
  empty: (args, span) => {
    const result = args[0] ? isEmpty(args[0]) : undefined;
    return result === undefined ? unknownValue('empty() of an unknown value', span) : { kind: 'bool', value: result, span };
  },
  length: (args, span) => {
    const a = args[0];
    if (a?.kind === 'array') return { kind: 'number', value: a.items.length, span };
    if (a?.kind === 'string') return { kind: 'number', value: a.value.length, span };
    return unknownValue('length() of an unknown value', span);
  },
  union,
  contains: (args, span) => {
    const [container, item] = args;
    if (!container || !item) return unknownValue('contains(): missing argument', span);
    const unknownArg = firstUnknown(args);
    if (unknownArg) return { ...unknownArg, span };
    if (container.kind === 'string' && item.kind === 'string') {
      return { kind: 'bool', value: container.value.toLowerCase().includes(item.value.toLowerCase()), span };
    }
    if (container.kind === 'object' && item.kind === 'string' && !container.open) {
      return { kind: 'bool', value: container.entries.some((e) => e.key.toLowerCase() === item.value.toLowerCase()), span };
    }
    const needle = scalarText(item);
    if (container.kind === 'array' && needle !== undefined && container.items.every((i) => scalarText(i) !== undefined)) {
      return { kind: 'bool', value: container.items.some((i) => i.kind === item.kind && scalarText(i) === needle), span };
    }
    return unknownValue('contains() of values that are not known', span);
  },
  startswith: stringFn((s, prefix) => ({ kind: 'bool', value: prefix !== undefined && s.toLowerCase().startsWith(prefix.toLowerCase()) })),
  endswith: stringFn((s, suffix) => ({ kind: 'bool', value: suffix !== undefined && s.toLowerCase().endsWith(suffix.toLowerCase()) })),
  substring: (args, span) => {
    const [text, start, length] = args;
    if (text?.kind !== 'string' || start?.kind !== 'number' || (length && length.kind !== 'number')) return unknownValue('substring() of values that are not known', span);
    return str(text.value.substr(start.value, length?.kind === 'number' ? length.value : undefined), span);
  },
  coalesce: (args, span) => {
    for (const arg of args) {
      if (arg.kind === 'unknown') return { ...arg, span };
      if (arg.kind !== 'null') return arg;
    }
    return { kind: 'null', span };
  },
  // `items(object)`: `[{ key, value }]`, ordered by key as ARM's items() returns them.
  items: (args, span) => {
    const o = args[0];
    if (o?.kind === 'unknown') return { ...o, span };
    if (o?.kind !== 'object') return unknownValue('items() of a non-object', span);
    if (o.open) return unknownValue(`items() of an object whose keys are not all known (${o.open.why})`, span);
    const byKey = new Map<string, Value>();
    for (const entry of o.entries) byKey.set(entry.key, entry.value); // a later key replaces an earlier one
    const keys = [...byKey.keys()].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
    return {
      kind: 'array',
      items: keys.map((key): Value => ({ kind: 'object', entries: [{ key: 'key', value: str(key) }, { key: 'value', value: byKey.get(key)! }] })),
      span,
    };
  },
  range: (args, span) => {
    const [start, count] = args;
    if (start?.kind !== 'number' || count?.kind !== 'number' || count.value > 10_000 || count.value < 0) {
      return unknownValue('range() with unknown bounds', span);
    }
    return { kind: 'array', items: Array.from({ length: count.value }, (_, i) => ({ kind: 'number', value: start.value + i }) as Value), span };
  },
};

/** Functions whose result describes the deployment scope: objects whose members are unknown until deployment. */
const SCOPE_FUNCTIONS = new Set(['resourcegroup', 'subscription', 'tenant', 'managementgroup', 'deployment', 'environment']);

export function callBuiltIn(name: string, args: readonly Value[], span: FileSpan | undefined): Value {
  const lower = name.toLowerCase();
  const fn = BUILT_INS[lower];
  if (fn) return fn(args, span);
  if (SCOPE_FUNCTIONS.has(lower)) {
    return { kind: 'object', entries: [], open: unknownValue(`${name}() is only known at deployment`), span };
  }
  return unknownValue(`${name}() is not evaluated`, span);
}

export { scalarText };
