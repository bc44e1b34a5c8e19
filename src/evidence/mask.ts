// `--mask-subscription-ids`: every subscription id becomes `sub-<first 8 hex of sha256(lower-cased id)>`, the same
// mask in every file and inside every resource id, so masked bundles still join up and still diff cleanly.

import { setOwn, sha256Hex } from './canonical';

export function maskSubscriptionId(id: string): string {
  return `sub-${sha256Hex(id.toLowerCase()).slice(0, 8)}`;
}

/** A function replacing each of the given ids (case-insensitively) wherever it occurs in a string. */
export function subscriptionMasker(ids: Iterable<string>): (text: string) => string {
  const unique = [...new Set([...ids].filter((id) => id.length > 0).map((id) => id.toLowerCase()))];
  if (unique.length === 0) return (text) => text;
  // Longest first, so an id that is a prefix of another never wins the alternation.
  unique.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const pattern = new RegExp(unique.map(escapeRegExp).join('|'), 'gi');
  const masks = new Map(unique.map((id) => [id, maskSubscriptionId(id)]));
  return (text) => text.replace(pattern, (match) => masks.get(match.toLowerCase()) ?? match);
}

/** Applies `fn` to every string value (not keys) of a JSON-shaped value, returning a new value. */
export function mapStrings<T>(value: T, fn: (text: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, fn)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) setOwn(out, key, mapStrings(item, fn));
  return out as T;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
