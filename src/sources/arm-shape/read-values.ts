// Typed reads of a resource's values, the same for every source: a value, absent (`undefined`), or Unknown with
// its reason, never a guess. A value of the wrong JSON type is Unknown (the deployment would reject it; rules
// must not reason on it), except a number or boolean where a string is expected, which ARM reads as its text.

import type { Maybe, Unknown } from '../../graph/types';
import { unknown } from '../../graph/types';
import type { Scalar, ValueReader } from './view';

export type Tags = Readonly<Record<string, Maybe<string>>>;

/** Follows a path of property names (an unknown value on the way makes the result unknown). */
export function at<V>(r: ValueReader<V>, value: V | undefined, ...path: string[]): V | undefined {
  let current = value;
  for (let i = 0; i < path.length && current !== undefined; i++) current = r.prop(current, path[i]);
  return current;
}

function notKnown<V>(r: ValueReader<V>, value: V, expected: string): Unknown {
  const kind = r.kind(value);
  return unknown(kind === 'unknown' ? r.why(value) : kind === 'other' ? `expected ${expected}, found ${r.why(value)}` : `expected ${expected}`);
}

export function textOf<V>(r: ValueReader<V>, value: V | undefined): Maybe<string> {
  if (value === undefined) return undefined;
  switch (r.kind(value)) {
    case 'string':
      return r.scalar(value) as string;
    case 'number':
    case 'boolean':
      return String(r.scalar(value));
    case 'null':
      return undefined;
    default:
      return notKnown(r, value, 'a string');
  }
}

/** Like textOf, but a JSON `null` stays `null` (legacy `publicNetworkAccess: null` on redisEnterprise). */
export function nullableTextOf<V>(r: ValueReader<V>, value: V | undefined): Maybe<string | null> {
  return value !== undefined && r.kind(value) === 'null' ? null : textOf(r, value);
}

export function booleanOf<V>(r: ValueReader<V>, value: V | undefined): Maybe<boolean> {
  if (value === undefined) return undefined;
  const kind = r.kind(value);
  if (kind === 'boolean') return r.scalar(value) as boolean;
  return kind === 'null' ? undefined : notKnown(r, value, 'true or false');
}

export function numberOf<V>(r: ValueReader<V>, value: V | undefined): Maybe<number> {
  if (value === undefined) return undefined;
  const kind = r.kind(value);
  if (kind === 'number') return r.scalar(value) as number;
  return kind === 'null' ? undefined : notKnown(r, value, 'a number');
}

/** A scalar as written (booleans stay booleans): the values the catalog's switches are compared with. */
export function scalarOf<V>(r: ValueReader<V>, value: V | undefined): Scalar {
  if (value === undefined) return undefined;
  switch (r.kind(value)) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return r.scalar(value);
    default:
      return notKnown(r, value, 'a string, number or boolean');
  }
}

/** A list of strings (group ids): each item a string or Unknown; the list Unknown when it is not known. */
export function textListOf<V>(r: ValueReader<V>, value: V | undefined): Maybe<readonly Maybe<string>[]> {
  if (value === undefined) return undefined;
  const kind = r.kind(value);
  if (kind === 'array') return r.items(value).map((item) => textOf(r, item));
  return kind === 'null' ? undefined : notKnown(r, value, 'an array');
}

/** Array items; empty for anything else (callers that must tell an unknown list apart check `isUnknownValue`). */
export function itemsOf<V>(r: ValueReader<V>, value: V | undefined): readonly V[] {
  return value === undefined ? [] : r.items(value);
}

/** Known strings only (lists like IP addresses, where an unknown entry is simply not listed). */
export function knownTexts<V>(r: ValueReader<V>, values: readonly (V | undefined)[]): string[] {
  const out: string[] = [];
  for (const value of values) if (value !== undefined && r.kind(value) === 'string') out.push(r.scalar(value) as string);
  return out;
}

export function isUnknownValue<V>(r: ValueReader<V>, value: V | undefined): value is V {
  return value !== undefined && r.kind(value) === 'unknown';
}

/** `tags`: absent, Unknown (a parameter, a spread of one), or each tag's value. */
export function tagsOf<V>(r: ValueReader<V>, value: V | undefined, reported = false): Maybe<Tags> {
  if (value === undefined || r.kind(value) === 'null') return reported ? {} : undefined;
  if (r.kind(value) !== 'object') return notKnown(r, value, 'an object of tags');
  const open = r.open?.(value);
  if (open !== undefined) return unknown(open);
  const tags: Record<string, Maybe<string>> = {};
  for (const [key, tag] of r.entries(value)) {
    // Azure's own tags are strings; anything else in a snapshot is not a tag.
    if (reported && r.kind(tag) !== 'string') continue;
    tags[key] = textOf(r, tag);
  }
  return tags;
}
