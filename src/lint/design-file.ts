// A design file as the pipeline sees it: a path and its text. The editor passes open documents (unsaved text
// included), the CLI passes files read from disk; classification looks at the name first, then the content.

import type { SourceFormat } from '../graph/types';

export interface DesignFile {
  /** The path as the caller knows it (absolute in the editor and the CLI). Findings carry it back unchanged. */
  readonly path: string;
  readonly text: string;
}

const ARM_SCHEMA = /"\$schema"\s*:\s*"[^"]*deploymentTemplate\.json/i;
/** A YAML design declares its format at the top level; files named for the format need not. */
const YAML_DESIGN_MARKER = /^privateLinkDesign\s*:/m;
const CONFIG_NAME = /(^|[\\/])\.plreview\.ya?ml$/i;

/** `.tf`, `.tf.json`, `.tfvars`, `.tfvars.json`: Terraform configuration and variable files. */
export function isTerraformFile(path: string): boolean {
  return /\.(tf|tfvars)(\.json)?$/i.test(path);
}

/** True when the name alone says "YAML design" (`*.plink.yaml`, `privatelink.design.yaml`). */
export function isNamedYamlDesign(path: string): boolean {
  return /\.plink\.ya?ml$/i.test(path) || /(^|[\\/])privatelink\.design\.ya?ml$/i.test(path);
}

/**
 * Which source reads the file, or undefined when it is not a design file. JSON files are ARM templates only
 * when their `$schema` is a deployment template schema (parameters files and other JSON are not designs).
 */
export function classifyDesignFile(path: string, text: string): SourceFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.bicep')) return 'bicep';
  if (lower.endsWith('.bicepparam')) return 'bicepparam';
  if (isTerraformFile(lower)) return 'terraform';
  if (lower.endsWith('.json') || lower.endsWith('.jsonc')) return ARM_SCHEMA.test(text) ? 'arm' : undefined;
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) {
    if (CONFIG_NAME.test(path)) return undefined;
    return isNamedYamlDesign(path) || YAML_DESIGN_MARKER.test(text) ? 'yaml' : undefined;
  }
  return undefined;
}
