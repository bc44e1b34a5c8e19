// Bicep in the source registry: every .bicep and .bicepparam file of the design is read at once (a file may be
// another's module or `using` target, and is then analysed through that call).
import type { DesignSource } from '../registry';
import { bicepEditsForFix } from './fixes';
import { bicepToGraph } from './to-graph';

export const bicepSource: DesignSource = {
  formats: ['bicep', 'bicepparam'],
  reads: 'together',
  read: (files, context) => ({ graph: bicepToGraph(files, { readFile: context.readFile, designPaths: context.designPaths, cloudOf: context.cloudOf, oneShot: context.oneShot }) }),
  editsForFix: (intent, node, _graph, text) => bicepEditsForFix(intent, node, text),
};
