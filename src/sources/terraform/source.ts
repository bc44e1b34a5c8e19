// Terraform in the source registry: every .tf/.tf.json/.tfvars file of the design is read at once (the files of
// a folder are one module, and a folder may be another's local module), with `terraform show -json` plans.
import type { DesignSource } from '../registry';
import { terraformEditsForFix } from './fixes';
import { terraformToGraph } from './to-graph';

export const terraformSource: DesignSource = {
  formats: ['terraform', 'terraform-plan'],
  reads: 'together',
  read: (files) => ({ graph: terraformToGraph(files) }),
  editsForFix: (intent, node, graph, text, textOf) => terraformEditsForFix(intent, node, graph, text, textOf),
};
