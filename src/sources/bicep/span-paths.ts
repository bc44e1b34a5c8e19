// Property paths of an evaluated body (`properties.subnet.id`, `tags.owner`, `properties.groupIds[0]`) → the spans
// of their values: the origins' property maps (graph-nodes.ts, live-origin.ts) answer from these.

import type { FileSpan } from '../../graph/types';
import type { Value } from './eval-value';
import { plainSpan } from './eval-value';

/**
 * The span `collectSpans` would record under `path`, without building the other paths: a depth-first walk in the
 * same order that only enters entries whose path is a prefix of `path` (`at` = how much of it is matched).
 */
export function spanAtPath(value: Value, path: string, at: number): FileSpan | undefined {
  if (at === path.length) return value.span;
  if (value.kind === 'object') {
    const dot = at === 0 ? at : at + 1;
    if (at > 0 && path.charCodeAt(at) !== 46 /* . */) return undefined;
    for (const entry of value.entries) {
      const key = entry.key;
      if (!path.startsWith(key, dot)) continue;
      const next = dot + key.length;
      if (next !== path.length && path.charCodeAt(next) !== 46 && path.charCodeAt(next) !== 91 /* [ */) continue;
      const found = spanAtPath(entry.value, path, next);
      if (found) return found;
    }
  } else if (value.kind === 'array') {
    if (path.charCodeAt(at) !== 91) return undefined;
    const close = path.indexOf(']', at);
    if (close < 0) return undefined;
    const digits = path.slice(at + 1, close);
    const index = Number(digits);
    if (!/^\d+$/.test(digits) || String(index) !== digits || index >= value.items.length) return undefined;
    return spanAtPath(value.items[index], path, close + 1);
  }
  return undefined;
}

export function collectSpans(value: Value, path: string, out: Record<string, FileSpan>, known: ReadonlyMap<string, FileSpan | undefined>): void {
  if (path && value.span && !(path in out)) out[path] = known.get(path) ?? plainSpan(value.span);
  if (value.kind === 'object') {
    for (const entry of value.entries) collectSpans(entry.value, path ? `${path}.${entry.key}` : entry.key, out, known);
  } else if (value.kind === 'array') {
    value.items.forEach((item, index) => collectSpans(item, `${path}[${index}]`, out, known));
  }
}
