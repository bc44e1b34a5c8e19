// Small reads over `yaml` document nodes with their ranges, shared by the YAML design source and its fixes.

import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { FileSpan } from '../../graph/types';
import type { LineIndex } from '../line-index';

export type AnyNode = YamlNode | null | undefined;

export function pairOf(map: AnyNode, key: string): Pair<YamlNode, YamlNode | null> | undefined {
  if (!isMap(map)) return undefined;
  return (map as YAMLMap<YamlNode, YamlNode | null>).items.find((p) => isScalar(p.key) && String(p.key.value) === key);
}

export function valueOf(map: AnyNode, key: string): YamlNode | null | undefined {
  return pairOf(map, key)?.value;
}

export function itemsOf(seq: AnyNode): YamlNode[] {
  return isSeq(seq) ? ((seq as YAMLSeq<YamlNode>).items.filter((i) => i !== null) as YamlNode[]) : [];
}

export function mapsOf(seq: AnyNode): YAMLMap<YamlNode, YamlNode | null>[] {
  return itemsOf(seq).filter(isMap) as YAMLMap<YamlNode, YamlNode | null>[];
}

/** The scalar's value as a string (numbers and booleans as written), or undefined for non-scalars and null. */
export function textOf(node: AnyNode): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

export function booleanOf(node: AnyNode): boolean | undefined {
  return isScalar(node) && typeof node.value === 'boolean' ? node.value : undefined;
}

export function numberOf(node: AnyNode): number | undefined {
  return isScalar(node) && typeof node.value === 'number' ? node.value : undefined;
}

/** The node's own text range (without trailing comments), as a file span. */
export function spanOfNode(node: AnyNode, lines: LineIndex, file: string): FileSpan | undefined {
  if (!node?.range) return undefined;
  const [start, valueEnd] = node.range;
  return lines.span(file, start, valueEnd);
}
