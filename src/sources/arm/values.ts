// Typed reads of template values for the graph: a value, absent (`undefined`), or Unknown, never a guess.
// A value of the wrong JSON type is Unknown (the deployment would reject it; rules must not reason on it).

import type { Maybe, Unknown } from '../../graph/types';
import { isUnknown, unknown } from '../../graph/types';
import type { View } from './view';

const asUnknown = (u: Unknown): Unknown => unknown(u.why);

export function stringOf(view: View | undefined): Maybe<string> {
  if (!view) return undefined;
  const v = view.value;
  if (isUnknown(v)) return asUnknown(v);
  if (typeof v === 'string') return v;
  if (v === null) return undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return unknown('expected a string');
}

/** Like stringOf, but a JSON `null` stays `null` (legacy `publicNetworkAccess: null` on redisEnterprise). */
export function nullableStringOf(view: View | undefined): Maybe<string | null> {
  return view && view.value === null ? null : stringOf(view);
}

export function booleanOf(view: View | undefined): Maybe<boolean> {
  if (!view) return undefined;
  const v = view.value;
  if (isUnknown(v)) return asUnknown(v);
  if (typeof v === 'boolean') return v;
  if (v === null) return undefined;
  return unknown('expected true or false');
}

export function numberOf(view: View | undefined): Maybe<number> {
  if (!view) return undefined;
  const v = view.value;
  if (isUnknown(v)) return asUnknown(v);
  if (typeof v === 'number') return v;
  if (v === null) return undefined;
  return unknown('expected a number');
}

export function stringArrayOf(view: View | undefined): Maybe<readonly Maybe<string>[]> {
  if (!view) return undefined;
  const v = view.value;
  if (isUnknown(v)) return asUnknown(v);
  if (!Array.isArray(v)) return unknown('expected an array');
  return view.items().map(stringOf);
}

export function tagsOf(view: View | undefined): Maybe<Readonly<Record<string, Maybe<string>>>> {
  if (!view) return undefined;
  const v = view.value;
  if (isUnknown(v)) return asUnknown(v);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return unknown('expected an object of tags');
  const tags: Record<string, Maybe<string>> = {};
  for (const key of Object.keys(v)) tags[key] = stringOf(view.get(key));
  return tags;
}

/** Known strings only (lists like IP addresses, where an unknown entry is simply not listed). */
export function knownStrings(views: readonly (View | undefined)[]): string[] {
  return views.map(stringOf).filter((s): s is string => typeof s === 'string');
}
