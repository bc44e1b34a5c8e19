// Duplicate map keys, found in one pass. The yaml library's own check (`uniqueKeys`) compares each new key with
// every key of its map before it, so a map of n keys costs n²/2 comparisons: 40,000 keys (a 390 KB file) took
// 108 s. It is turned off when parsing (to-graph.ts), and this check reports what it reported: the library's
// error ("Map keys must be unique", code DUPLICATE_KEY) at the repeated key, for a key whose scalar value (or
// node) is already a key of the same map, in document order among the library's other errors.

import { isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';

/** What is read of a syntax error: the library's errors, or one of these (no Error object: no stack to capture). */
export interface SyntaxErrorAt {
  readonly message: string;
  readonly pos: readonly [number, number];
}

const duplicateKey = (offset: number): SyntaxErrorAt => ({ message: 'Map keys must be unique', pos: [offset, offset + 1] });

/** `doc.errors` with the duplicate-key errors of the document merged in by position. */
export function withDuplicateKeyErrors(doc: Document): readonly SyntaxErrorAt[] {
  const found = duplicateKeyOffsets(doc);
  if (found.length === 0) return doc.errors;
  found.sort((a, b) => a - b);
  const merged: SyntaxErrorAt[] = [];
  let next = 0;
  for (const error of doc.errors) {
    while (next < found.length && found[next] < error.pos[0]) merged.push(duplicateKey(found[next++]));
    merged.push(error);
  }
  while (next < found.length) merged.push(duplicateKey(found[next++]));
  return merged;
}

/** Where each repeated key starts. Iterative: the nesting is bounded before parsing, but no stack is needed. */
function duplicateKeyOffsets(doc: Document): number[] {
  const offsets: number[] = [];
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        // The library's equality: the same node, or two scalars with the same value (===, so NaN never repeats).
        const identity = isScalar(key) ? key.value : key;
        if (identity === key || !Number.isNaN(identity)) {
          if (seen.has(identity) && key && key.range) offsets.push(key.range[0]);
          seen.add(identity);
        }
        pending.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) pending.push(isPair(item) ? item.value : item);
      for (const item of node.items) if (isPair(item)) pending.push(item.key);
    } else if (isPair(node)) {
      pending.push(node.key, node.value);
    }
    // An alias refers to a node visited where it is defined.
  }
  return offsets;
}
