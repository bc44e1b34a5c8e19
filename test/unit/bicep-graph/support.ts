// Shared helpers of the bicep-graph tests: fixture loading, graph building, node lookup.
import { readFileSync } from 'node:fs';
import { PrivateLinkGraph } from '../../../src/graph/graph';
import type { FileSpan, GraphData, GraphNode } from '../../../src/graph/types';
import type { DesignFile } from '../../../src/lint/design-file';
import { bicepToGraph } from '../../../src/sources/bicep/to-graph';
import { fixture } from '../../support/paths';

export function readFixture(...parts: string[]): DesignFile {
  const path = fixture('bicep-graph', ...parts);
  return { path, text: readFileSync(path, 'utf8') };
}

export function readFromDisk(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function graphOf(...fixtureNames: string[]): GraphData {
  return bicepToGraph(
    fixtureNames.map((name) => readFixture(...name.split('/'))),
    { readFile: readFromDisk },
  );
}

export function graphOfText(text: string, path = 'inline.bicep'): GraphData {
  return bicepToGraph([{ path, text }]);
}

/** The node declared with a symbol (a clear failure when absent). */
export function bySymbol<K extends GraphNode['kind']>(data: GraphData, symbol: string, kind?: K): Extract<GraphNode, { kind: K }> {
  const node = data.nodes.find((n) => n.origin.kind === 'file' && n.origin.symbol === symbol && (!kind || n.kind === kind));
  if (!node) throw new Error(`no node '${symbol}' among ${data.nodes.map((n) => (n.origin.kind === 'file' ? n.origin.symbol : n.id)).join(', ')}`);
  return node as Extract<GraphNode, { kind: K }>;
}

export function origin(node: GraphNode) {
  if (node.origin.kind !== 'file') throw new Error('not a file origin');
  return node.origin;
}

/** The source text a span covers. */
export function textAt(span: FileSpan | undefined, text?: string): string {
  if (!span) throw new Error('no span');
  const source = text ?? readFileSync(span.file, 'utf8');
  return source.slice(span.range.start.offset, span.range.end.offset);
}

export function graph(data: GraphData): PrivateLinkGraph {
  return PrivateLinkGraph.from(data);
}
