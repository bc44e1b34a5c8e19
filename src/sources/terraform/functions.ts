// The Terraform functions the evaluator understands: those configurations use to build names, ids, tags and
// the collections `for_each` runs over. Any other function (or an argument that is Unknown) gives Unknown with
// the reason, never a guess: a false alarm costs more than a miss.

import type { FileSpan } from '../../graph/types';
import type { ObjectEntry, Value } from '../bicep/eval-value';
import { str, unknownValue } from '../bicep/eval-value';

type Fn = (args: readonly Value[], span: FileSpan | undefined) => Value;

export function callFunction(name: string, args: readonly Value[], span: FileSpan | undefined): Value {
  // `try` and `can` see errors as Unknown: the first known argument wins.
  if (name === 'try') return args.find((a) => a.kind !== 'unknown') ?? args[0] ?? unknownValue('try() with no arguments', span);
  if (name === 'can') return args[0]?.kind === 'unknown' ? unknownValue('can(): the value is not known', span) : { kind: 'bool', value: true, span };
  const fn = FUNCTIONS[name];
  if (!fn) return unknownValue(`${name}() is not evaluated`, span);
  const unknownArg = LENIENT.has(name) ? undefined : args.find((a) => a.kind === 'unknown');
  if (unknownArg) return unknownValue(`${name}(): ${unknownArg.kind === 'unknown' ? unknownArg.why : ''}`, span);
  return fn(args, span) ?? unknownValue(`${name}(): arguments of an unexpected type`, span);
}

/** Functions that decide for themselves what an Unknown argument means (merge keeps the known keys open). */
const LENIENT = new Set(['coalesce', 'merge', 'concat', 'length', 'lookup', 'compact', 'flatten']);

export function text(value: Value | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number') return String(value.value);
  if (value.kind === 'bool') return String(value.value);
  return undefined;
}

const num = (value: Value | undefined) => (value?.kind === 'number' ? value.value : value?.kind === 'string' && /^-?\d+(\.\d+)?$/.test(value.value) ? Number(value.value) : undefined);
const items = (value: Value | undefined) => (value?.kind === 'array' ? value.items : undefined);
const entries = (value: Value | undefined) => (value?.kind === 'object' ? value.entries : undefined);

function strings(values: readonly Value[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const out: string[] = [];
  for (const v of values) {
    const t = text(v);
    if (t === undefined) return undefined;
    out.push(t);
  }
  return out;
}

/** Terraform's `format` verbs that names use: %s %d %v %q %%, with widths (`%03d`). */
function format(spec: string, args: readonly Value[]): string | undefined {
  let i = 0;
  let failed = false;
  const out = spec.replace(/%(-?0?\d*)([sdvqf%])/g, (_m, width: string, verb: string) => {
    if (verb === '%') return '%';
    const arg = args[i++];
    let t = text(arg);
    if (t === undefined) {
      failed = true;
      return '';
    }
    if (verb === 'q') t = JSON.stringify(t);
    if (width) {
      const n = Number(width.replace('-', ''));
      const pad = width.replace('-', '').startsWith('0') ? '0' : ' ';
      t = width.startsWith('-') ? t.padEnd(n, ' ') : t.padStart(n, pad);
    }
    return t;
  });
  return failed ? undefined : out;
}

function mergeObjects(args: readonly Value[], span: FileSpan | undefined): Value | undefined {
  const result = new Map<string, ObjectEntry>();
  let open: Value | undefined;
  for (const arg of args) {
    if (arg.kind === 'null') continue;
    if (arg.kind === 'unknown') {
      // The keys it brings are unknown: every key not set after it is unknown, not absent.
      open = arg;
      for (const key of [...result.keys()]) result.set(key, { key, value: unknownValue(`merge(): overridden by an unknown map (${arg.why})`, span) });
      continue;
    }
    const list = entries(arg);
    if (!list) return undefined;
    for (const entry of list) result.set(entry.key, entry);
    if (arg.kind === 'object' && arg.open) open = arg.open;
  }
  return { kind: 'object', entries: [...result.values()], span, ...(open?.kind === 'unknown' ? { open } : {}) };
}

function flatten(value: Value, out: Value[]): boolean {
  if (value.kind !== 'array') {
    out.push(value);
    return true;
  }
  for (const item of value.items) {
    if (item.kind === 'unknown') return false;
    flatten(item, out);
  }
  return true;
}

/** Terraform's `==` on known values: the same type and content, deeply. */
export const equal = (a: Value, b: Value) => JSON.stringify(plain(a)) === JSON.stringify(plain(b));

export function plain(value: Value): unknown {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return value.value;
    case 'null':
      return null;
    case 'array':
      return value.items.map(plain);
    case 'object':
      return Object.fromEntries(value.entries.map((e) => [e.key, plain(e.value)]));
    default:
      return { unknown: true };
  }
}

function jsonValue(json: unknown, span: FileSpan | undefined): Value {
  if (json === null) return { kind: 'null', span };
  if (typeof json === 'string') return str(json, span);
  if (typeof json === 'number') return { kind: 'number', value: json, span };
  if (typeof json === 'boolean') return { kind: 'bool', value: json, span };
  if (Array.isArray(json)) return { kind: 'array', items: json.map((j) => jsonValue(j, span)), span };
  return { kind: 'object', entries: Object.entries(json as object).map(([key, v]) => ({ key, value: jsonValue(v, span) })), span };
}

const FUNCTIONS: Record<string, Fn> = {
  format: ([spec, ...rest], span) => {
    const t = text(spec);
    const out = t === undefined ? undefined : format(t, rest);
    return out === undefined ? undefined! : str(out, span);
  },
  lower: ([a], span) => (text(a) === undefined ? undefined! : str(text(a)!.toLowerCase(), span)),
  upper: ([a], span) => (text(a) === undefined ? undefined! : str(text(a)!.toUpperCase(), span)),
  title: ([a], span) => (text(a) === undefined ? undefined! : str(text(a)!.replace(/\b\w/g, (c) => c.toUpperCase()), span)),
  trimspace: ([a], span) => (text(a) === undefined ? undefined! : str(text(a)!.trim(), span)),
  trimprefix: ([a, p], span) => {
    const t = text(a);
    const prefix = text(p);
    return t === undefined || prefix === undefined ? undefined! : str(t.startsWith(prefix) ? t.slice(prefix.length) : t, span);
  },
  trimsuffix: ([a, s], span) => {
    const t = text(a);
    const suffix = text(s);
    return t === undefined || suffix === undefined ? undefined! : str(suffix && t.endsWith(suffix) ? t.slice(0, -suffix.length) : t, span);
  },
  replace: ([a, from, to], span) => {
    const t = text(a);
    const f = text(from);
    const r = text(to);
    if (t === undefined || f === undefined || r === undefined) return undefined!;
    // `/regex/` patterns are regular expressions in Terraform; RE2 and JS agree on the simple ones names use.
    if (f.length > 2 && f.startsWith('/') && f.endsWith('/')) {
      try {
        return str(t.replace(new RegExp(f.slice(1, -1), 'g'), r.replace(/\$\{(\d+)\}/g, '$$$1')), span);
      } catch {
        return unknownValue(`replace(): the pattern ${f} is not understood`, span);
      }
    }
    return str(t.split(f).join(r), span);
  },
  substr: ([a, o, l], span) => {
    const t = text(a);
    const offset = num(o);
    const length = num(l);
    if (t === undefined || offset === undefined || length === undefined) return undefined!;
    return str(length < 0 ? t.slice(offset) : t.slice(offset, offset + length), span);
  },
  join: ([sep, ...lists], span) => {
    const s = text(sep);
    const all: string[] = [];
    for (const list of lists) {
      const parts = strings(items(list));
      if (!parts || s === undefined) return undefined!;
      all.push(...parts);
    }
    return str(all.join(s!), span);
  },
  split: ([sep, a], span) => {
    const s = text(sep);
    const t = text(a);
    return s === undefined || t === undefined ? undefined! : { kind: 'array', items: t.split(s).map((p) => str(p, span)), span };
  },
  startswith: ([a, p], span) => (text(a) === undefined || text(p) === undefined ? undefined! : { kind: 'bool', value: text(a)!.startsWith(text(p)!), span }),
  endswith: ([a, p], span) => (text(a) === undefined || text(p) === undefined ? undefined! : { kind: 'bool', value: text(a)!.endsWith(text(p)!), span }),
  tostring: ([a], span) => (a?.kind === 'null' ? a : text(a) === undefined ? undefined! : str(text(a)!, span)),
  tonumber: ([a], span) => (num(a) === undefined ? undefined! : { kind: 'number', value: num(a)!, span }),
  tobool: ([a], span) => (a?.kind === 'bool' ? a : a?.kind === 'string' && (a.value === 'true' || a.value === 'false') ? { kind: 'bool', value: a.value === 'true', span } : undefined!),
  tolist: ([a]) => (a?.kind === 'array' ? a : undefined!),
  toset: ([a], span) => {
    const list = items(a);
    if (!list) return undefined!;
    const out: Value[] = [];
    for (const item of list) if (!out.some((o) => equal(o, item))) out.push(item);
    return { kind: 'array', items: out, span: a.span ?? span };
  },
  tomap: ([a]) => (a?.kind === 'object' ? a : undefined!),
  concat: (args, span) => {
    const out: Value[] = [];
    for (const a of args) {
      if (a.kind === 'unknown') return unknownValue(`concat(): ${a.why}`, span);
      const list = items(a);
      if (!list) return undefined!;
      out.push(...list);
    }
    return { kind: 'array', items: out, span };
  },
  merge: mergeObjects as Fn,
  lookup: ([map, key, fallback], span) => {
    const k = text(key);
    if (map?.kind === 'unknown') return map;
    if (k === undefined) return key?.kind === 'unknown' ? key : undefined!;
    const list = entries(map);
    if (!list) return undefined!;
    const found = list.find((e) => e.key === k);
    if (found) return found.value;
    if (map.kind === 'object' && map.open) return map.open;
    return fallback ?? unknownValue(`lookup(): no key '${k}' and no default`, span);
  },
  coalesce: (args, span) => {
    for (const a of args) {
      if (a.kind === 'unknown') return a;
      if (a.kind !== 'null' && !(a.kind === 'string' && a.value === '')) return a;
    }
    return unknownValue('coalesce(): every argument is null or empty', span);
  },
  coalescelist: (args, span) => args.find((a) => a.kind === 'array' && a.items.length > 0) ?? { kind: 'array', items: [], span },
  compact: ([a], span) => {
    if (a?.kind === 'unknown') return a;
    const list = items(a);
    if (!list) return undefined!;
    if (list.some((i) => i.kind === 'unknown')) return unknownValue('compact(): an item is not known', span);
    return { kind: 'array', items: list.filter((i) => !(i.kind === 'null' || (i.kind === 'string' && i.value === ''))), span };
  },
  length: ([a], span) => {
    if (a?.kind === 'unknown') return a;
    if (a?.kind === 'array') return { kind: 'number', value: a.items.length, span };
    if (a?.kind === 'object') return a.open ? a.open : { kind: 'number', value: a.entries.length, span };
    if (a?.kind === 'string') return { kind: 'number', value: [...a.value].length, span };
    return undefined!;
  },
  element: ([a, i], span) => {
    const list = items(a);
    const n = num(i);
    if (!list || n === undefined) return undefined!;
    return list.length === 0 ? unknownValue('element(): empty list', span) : list[((n % list.length) + list.length) % list.length];
  },
  index: ([a, v], span) => {
    const list = items(a);
    if (!list) return undefined!;
    const at = list.findIndex((i) => equal(i, v));
    return at < 0 ? unknownValue('index(): value not in the list', span) : { kind: 'number', value: at, span };
  },
  contains: ([a, v], span) => {
    const list = items(a);
    if (!list || list.some((i) => i.kind === 'unknown')) return undefined!;
    return { kind: 'bool', value: list.some((i) => equal(i, v)), span };
  },
  keys: ([a], span) => {
    if (a?.kind !== 'object' || a.open) return undefined!;
    return { kind: 'array', items: [...a.entries].sort((x, y) => (x.key < y.key ? -1 : 1)).map((e) => str(e.key, span)), span };
  },
  values: ([a], span) => {
    if (a?.kind !== 'object' || a.open) return undefined!;
    return { kind: 'array', items: [...a.entries].sort((x, y) => (x.key < y.key ? -1 : 1)).map((e) => e.value), span };
  },
  flatten: ([a], span) => {
    if (a?.kind === 'unknown') return a;
    const out: Value[] = [];
    return a && flatten(a, out) ? { kind: 'array', items: out, span } : unknownValue('flatten(): an item is not known', span);
  },
  distinct: ([a], span) => FUNCTIONS.toset([a], span),
  one: ([a], span) => {
    const list = items(a);
    if (!list || list.length > 1) return undefined!;
    return list[0] ?? { kind: 'null', span };
  },
  zipmap: ([k, v], span) => {
    const ks = strings(items(k));
    const vs = items(v);
    if (!ks || !vs || ks.length !== vs.length) return undefined!;
    return { kind: 'object', entries: ks.map((key, i) => ({ key, value: vs[i] })), span };
  },
  range: (args, span) => {
    const ns = args.map(num);
    if (ns.some((n) => n === undefined)) return undefined!;
    const [start, end, step] = ns.length === 1 ? [0, ns[0]!, 1] : [ns[0]!, ns[1]!, ns[2] ?? 1];
    if (step === 0 || Math.abs((end - start) / step) > 1024) return unknownValue('range(): too long to expand', span);
    const out: Value[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) out.push({ kind: 'number', value: i, span });
    return { kind: 'array', items: out, span };
  },
  slice: ([a, s, e], span) => {
    const list = items(a);
    const start = num(s);
    const end = num(e);
    return !list || start === undefined || end === undefined ? undefined! : { kind: 'array', items: list.slice(start, end), span };
  },
  reverse: ([a], span) => (items(a) ? { kind: 'array', items: [...items(a)!].reverse(), span } : undefined!),
  sort: ([a], span) => {
    const list = strings(items(a));
    return list ? { kind: 'array', items: list.sort().map((t) => str(t, span)), span } : undefined!;
  },
  max: (args, span) => (args.every((a) => num(a) !== undefined) ? { kind: 'number', value: Math.max(...args.map((a) => num(a)!)), span } : undefined!),
  min: (args, span) => (args.every((a) => num(a) !== undefined) ? { kind: 'number', value: Math.min(...args.map((a) => num(a)!)), span } : undefined!),
  abs: ([a], span) => (num(a) === undefined ? undefined! : { kind: 'number', value: Math.abs(num(a)!), span }),
  jsondecode: ([a], span) => {
    const t = text(a);
    if (t === undefined) return undefined!;
    try {
      return jsonValue(JSON.parse(t), span);
    } catch {
      return unknownValue('jsondecode(): not valid JSON', span);
    }
  },
  // azapi v1 takes `body = jsonencode({...})`: the value is kept as the object (azapi v2 takes the object itself).
  jsonencode: ([a]) => a,
};
