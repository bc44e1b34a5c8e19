// ARM templates in the source registry: each template stands alone (linked templates are not followed), so its
// graph data is kept between analyses while its text is unchanged (graph data is never modified once made).
import type { GraphData } from '../../graph/types';
import { FileMemo } from '../file-memo';
import type { DesignSource } from '../registry';
import { armEditsForFix } from './fixes';
import { armToGraph } from './to-graph';

const armGraphs = new FileMemo<GraphData>(4_000_000);

export const armSource: DesignSource = {
  formats: ['arm'],
  reads: 'per-file',
  read: ([file]) => ({ graph: armGraphs.get(file.path, file.text, () => armToGraph(file)) }),
  editsForFix: armEditsForFix,
};
