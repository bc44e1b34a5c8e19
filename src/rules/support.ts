// Small helpers rules share.

import type { FileSpan, GraphNode } from '../graph/types';

/** The span of a property value of a file-backed node, or undefined (live nodes, or the property is absent). */
export function propertySpan(node: GraphNode, path: string): FileSpan | undefined {
  return node.origin.kind === 'file' ? node.origin.properties[path] : undefined;
}
