// Plain JSON as Azure returns it (snapshots, `az graph query` output, live ARM and Resource Graph rows): every
// value is known, so nothing here is ever `unknown`.

import type { ValueKind, ValueReader } from './view';

/** The kind of a plain JSON value (`other` for what JSON cannot hold). */
export function plainKind(value: unknown): ValueKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    default:
      return 'other';
  }
}

export const jsonReader: ValueReader<unknown> = {
  kind: plainKind,
  scalar: (value) => value as string | number | boolean | null,
  why: (value) => typeof value,
  prop(value, key) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const object = value as Record<string, unknown>;
    if (Object.hasOwn(object, key)) return object[key] ?? null;
    // ARM property names are case-insensitive (`aRecords` / `ARecords`).
    const lower = key.toLowerCase();
    for (const name of Object.keys(object)) if (name.toLowerCase() === lower) return object[name] ?? null;
    return undefined;
  },
  items: (value) => (Array.isArray(value) ? value : []),
  entries: (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : []),
};
