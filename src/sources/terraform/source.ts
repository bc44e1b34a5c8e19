// Terraform in the source registry: every .tf/.tf.json/.tfvars file of the design is read at once (the files of
// a folder are one module, and a folder may be another's local module), with `terraform show -json` plans.
import type { GraphData } from '../../graph/types';
import type { DesignFile } from '../../lint/design-file';
import type { DesignSource } from '../registry';
import { terraformEditsForFix } from './fixes';
import { terraformToGraph } from './to-graph';

/**
 * The last reading, returned again while no Terraform file changed: in the editor a keystroke in a Bicep or YAML
 * file of the folder re-analyses the whole folder, and its Terraform part is then the same.
 */
let last: { readonly files: readonly DesignFile[]; readonly graph: GraphData } | undefined;

const sameFiles = (a: readonly DesignFile[], b: readonly DesignFile[]) => a.length === b.length && a.every((f, i) => f.path === b[i].path && f.text === b[i].text);

export const terraformSource: DesignSource = {
  formats: ['terraform', 'terraform-plan'],
  reads: 'together',
  read: (files, context) => {
    if (context.oneShot) return { graph: terraformToGraph(files, { oneShot: true }) };
    if (last && sameFiles(last.files, files)) return { graph: last.graph };
    const graph = terraformToGraph(files);
    last = { files: files.map(({ path, text }) => ({ path, text })), graph };
    return { graph };
  },
  editsForFix: (intent, node, graph, text, textOf) => terraformEditsForFix(intent, node, graph, text, textOf),
};
