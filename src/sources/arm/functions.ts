// ARM template functions on known values, beyond the ones expression.ts handles itself: the string, array and
// object functions designs use to build names and to loop (`length()` is what `bicep build` makes a loop's count
// of). Each takes evaluated arguments and returns a value, or undefined when an argument is not known (the
// caller turns that into an Unknown): a function applied to a guess would be a guess.
// Semantics: https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string and
// template-functions-array, template-functions-object.

import { isUnknown } from '../../graph/types';
import type { Value } from './expression';

type Known = Exclude<Value, { unknown: true }>;
type ArmFunction = (args: readonly Known[]) => Value | undefined;

const isObject = (v: Known): v is { [key: string]: Value } => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: Value | undefined): v is string => typeof v === 'string';
const int = (v: Value | undefined): v is number => typeof v === 'number' && Number.isInteger(v);

function allKnown(value: Value): boolean {
  if (isUnknown(value)) return false;
  if (Array.isArray(value)) return value.every(allKnown);
  if (value !== null && typeof value === 'object') return Object.values(value).every(allKnown);
  return true;
}

const FUNCTIONS: Readonly<Record<string, ArmFunction>> = {
  length: ([v]) => (text(v) || Array.isArray(v) ? v.length : v !== undefined && isObject(v) ? Object.keys(v).length : undefined),
  empty: ([v]) => (v === null ? true : text(v) || Array.isArray(v) ? v.length === 0 : v !== undefined && isObject(v) ? Object.keys(v).length === 0 : undefined),
  range: ([start, count]) => (int(start) && int(count) && count >= 0 && count <= 10_000 ? Array.from({ length: count }, (_, i) => start + i) : undefined),
  // items(): `[{ key, value }]` ordered by key, as ARM documents it.
  items: ([v]) => (v !== undefined && isObject(v) ? Object.keys(v).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())).map((key) => ({ key, value: v[key] })) : undefined),
  replace: ([s, from, to]) => (text(s) && text(from) && text(to) ? s.split(from).join(to) : undefined),
  split: ([s, sep]) => (text(s) && text(sep) ? s.split(sep) : text(s) && Array.isArray(sep) && sep.every(text) ? s.split(new RegExp(sep.map(escapeRegExp).join('|'))) : undefined),
  join: ([list, sep]) => (Array.isArray(list) && text(sep) && list.every((i) => text(i) || typeof i === 'number' || typeof i === 'boolean') ? list.map(String).join(sep) : undefined),
  substring: ([s, start, length]) => (text(s) && int(start) && (length === undefined || int(length)) ? s.substr(start, length as number | undefined) : undefined),
  trim: ([s]) => (text(s) ? s.trim() : undefined),
  first: ([v]) => (text(v) ? v.slice(0, 1) : Array.isArray(v) ? (v[0] ?? null) : undefined),
  last: ([v]) => (text(v) ? v.slice(-1) : Array.isArray(v) ? (v.length ? v[v.length - 1] : null) : undefined),
  take: ([v, n]) => (int(n) && (text(v) || Array.isArray(v)) ? v.slice(0, Math.max(0, n)) : undefined),
  skip: ([v, n]) => (int(n) && (text(v) || Array.isArray(v)) ? v.slice(Math.max(0, n)) : undefined),
  // String comparisons in ARM's contains/startsWith/endsWith/indexOf are case-insensitive.
  startswith: ([s, p]) => (text(s) && text(p) ? s.toLowerCase().startsWith(p.toLowerCase()) : undefined),
  endswith: ([s, p]) => (text(s) && text(p) ? s.toLowerCase().endsWith(p.toLowerCase()) : undefined),
  indexof: ([s, p]) => (text(s) && text(p) ? s.toLowerCase().indexOf(p.toLowerCase()) : undefined),
  lastindexof: ([s, p]) => (text(s) && text(p) ? s.toLowerCase().lastIndexOf(p.toLowerCase()) : undefined),
  contains: ([c, item]) => {
    if (text(c) && text(item)) return c.toLowerCase().includes(item.toLowerCase());
    if (Array.isArray(c) && item !== undefined && allKnown(c)) return c.some((i) => JSON.stringify(i) === JSON.stringify(item));
    if (c !== undefined && isObject(c) && text(item) && allKnown(c)) return Object.keys(c).some((k) => k.toLowerCase() === item.toLowerCase());
    return undefined;
  },
  union: (args) => {
    if (args.length > 0 && args.every(isObject)) return Object.assign({}, ...args) as Value;
    if (args.length > 0 && args.every(Array.isArray) && args.every(allKnown)) {
      const out: Value[] = [];
      for (const list of args as Value[][]) for (const item of list) if (!out.some((o) => JSON.stringify(o) === JSON.stringify(item))) out.push(item);
      return out;
    }
    return undefined;
  },
  int: ([v]) => (typeof v === 'number' ? Math.trunc(v) : text(v) && /^-?\d+$/.test(v.trim()) ? Number(v) : undefined),
  add: ([a, b]) => (int(a) && int(b) ? a + b : undefined),
  sub: ([a, b]) => (int(a) && int(b) ? a - b : undefined),
  mul: ([a, b]) => (int(a) && int(b) ? a * b : undefined),
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `name` (lower-case) is one of these functions. */
export function isArmFunction(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

/**
 * Applies a function of this file to evaluated arguments. Returns the first Unknown argument (kept, so a name
 * built from a parameter still matches the same expression elsewhere), or undefined when the result is not known.
 */
export function applyArmFunction(name: string, args: readonly Value[]): Value | undefined {
  const unknownArg = args.find(isUnknown);
  // coalesce() skips nulls: the first known non-null wins, an Unknown before it makes the result Unknown.
  if (name === 'coalesce') {
    for (const arg of args) if (isUnknown(arg) || arg !== null) return arg;
    return null;
  }
  if (unknownArg) return unknownArg;
  return FUNCTIONS[name](args as readonly Known[]);
}
