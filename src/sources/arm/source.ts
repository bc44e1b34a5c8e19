// ARM templates in the source registry: each template stands alone (linked templates are not followed: a linked
// template is analysed when it is one of the design files, and is a coverage gap otherwise), so its graph data is
// kept between analyses while its text is unchanged (graph data is never modified once made).
import { normalize } from 'node:path';
import type { GraphData } from '../../graph/types';
import { FileMemo } from '../file-memo';
import type { DesignSource } from '../registry';
import { armEditsForFix } from './fixes';
import { armToGraph } from './to-graph';

const armGraphs = new FileMemo<GraphData>(4_000_000);

export const armSource: DesignSource = {
  formats: ['arm'],
  reads: 'per-file',
  read: ([file], context) => {
    // The graph depends on the file's cloud too (environment(), and the cloud its nodes are judged in).
    const cloud = context.cloudOf?.(file.path);
    const graph = context.oneShot ? armToGraph(file, { cloud }) : armGraphs.get(`${cloud ?? ''}\u0000${file.path}`, file.text, () => armToGraph(file, { cloud }));
    return { graph: withoutDesignFileGaps(graph, context.designPaths ?? []) };
  },
  editsForFix: armEditsForFix,
};

/** A linked template that is one of the design files is analysed as one: its gap (to-graph.ts) is dropped. */
function withoutDesignFileGaps(graph: GraphData, designPaths: readonly string[]): GraphData {
  if (!graph.coverage.some((c) => c.at && c.status === 'failed')) return graph;
  const design = new Set(designPaths.map((p) => normalize(p)));
  return { ...graph, coverage: graph.coverage.filter((c) => !(c.at && c.status === 'failed' && design.has(normalize(c.scope)))) };
}
