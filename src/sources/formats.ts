// The design file formats: which files each claims and its comment syntax. This is the light half of the source
// registry (src/sources/registry.ts holds the other half: reading into the graph and writing fixes). It is kept
// apart because the extension asks it at activation, before the engine bundle loads (src/vscode/engine-loader.ts):
// importing the parsers here would pull the whole engine into dist/extension.js.
//
// Adding a format (Terraform is next): one `DesignFormat` below, one `DesignSource` in registry.ts, the
// `SourceFormat` name in graph/types.ts, and the activation events in package.json (a test checks they are there).

import type { SourceFormat } from '../graph/types';
import type { CommentPrefix } from './suppression-comments';

export interface DesignFormat {
  /** The name nodes read from this format carry (`origin.format`). */
  readonly id: SourceFormat;
  /** How the user knows it, for messages ("expected .bicep, … or a YAML design"). */
  readonly label: string;
  /** File name endings (lower case, with the dot) that may hold this format; the watcher and discovery use them. */
  readonly extensions: readonly string[];
  /**
   * Whether the file is of this format. `text` may be only the start of the file (discovery reads
   * SNIFF_BYTES): a format that looks at content must decide from its first lines.
   */
  claims(path: string, text: string): boolean;
  /** Whether the name alone says so (discovery then does not read the file). */
  claimsByName(path: string): boolean;
  /**
   * The line comment `plreview-disable-next-line` is written in, for a file of this format; undefined when the
   * file's syntax has no comments (strict JSON: a Terraform plan, `.tf.json`), so no suppression comment is ever
   * written into it (it would break the file).
   */
  commentPrefix(path: string): CommentPrefix | undefined;
  /** VS Code activation events the format needs (package.json must list them; test/unit/design-lint checks). */
  readonly activationEvents: readonly string[];
}

/** Enough of a file to see an ARM `$schema` or a YAML design marker (`privateLinkDesign:`) near its top. */
export const SNIFF_BYTES = 65536;

const ARM_SCHEMA = /"\$schema"\s*:\s*"[^"]*deploymentTemplate\.json/i;
/** A YAML design declares its format at the top level; files named for the format need not. */
const YAML_DESIGN_MARKER = /^privateLinkDesign\s*:/m;
/** The project configuration is YAML but never a design. */
const CONFIG_NAME = /(^|[\\/])\.plreview\.ya?ml$/i;
const NAMED_YAML_DESIGN = /(\.plink\.ya?ml|(^|[\\/])privatelink\.design\.ya?ml)$/i;

const endsWithAny = (path: string, endings: readonly string[]) => {
  const lower = path.toLowerCase();
  return endings.some((ending) => lower.endsWith(ending));
};

const bicep: DesignFormat = {
  id: 'bicep',
  label: '.bicep',
  extensions: ['.bicep'],
  claims: (path) => endsWithAny(path, ['.bicep']),
  claimsByName: (path) => endsWithAny(path, ['.bicep']),
  commentPrefix: () => '//',
  activationEvents: ['onLanguage:bicep', 'workspaceContains:**/*.bicep'],
};

const bicepParams: DesignFormat = {
  id: 'bicepparam',
  label: '.bicepparam',
  extensions: ['.bicepparam'],
  claims: (path) => endsWithAny(path, ['.bicepparam']),
  claimsByName: (path) => endsWithAny(path, ['.bicepparam']),
  commentPrefix: () => '//',
  activationEvents: ['onLanguage:bicep-params'],
};

/** JSON files are ARM templates only when their `$schema` is a deployment template's (parameters files are not). */
const arm: DesignFormat = {
  id: 'arm',
  label: 'an ARM template',
  extensions: ['.json', '.jsonc'],
  claims: (path, text) => endsWithAny(path, ['.json', '.jsonc']) && ARM_SCHEMA.test(text),
  claimsByName: () => false,
  // ARM accepts `//` and `/* */` comments in templates (jsonc): Azure CLI, Azure PowerShell, Bicep tooling and the
  // portal's template editor read them.
  commentPrefix: () => '//',
  activationEvents: ['onLanguage:json'],
};

const yaml: DesignFormat = {
  id: 'yaml',
  label: 'a YAML design',
  extensions: ['.yaml', '.yml'],
  claims: (path, text) =>
    endsWithAny(path, ['.yaml', '.yml']) && !CONFIG_NAME.test(path) && (NAMED_YAML_DESIGN.test(path) || YAML_DESIGN_MARKER.test(text)),
  claimsByName: (path) => NAMED_YAML_DESIGN.test(path),
  commentPrefix: () => '#',
  activationEvents: ['onLanguage:yaml', 'workspaceContains:**/*.plink.yaml', 'workspaceContains:**/privatelink.design.yaml'],
};

/**
 * Terraform configuration (`.tf`, `.tf.json`) and variable files (`.tfvars`, `.tfvars.json`) of a folder, read
 * together as modules. The language ids are HashiCorp's (`terraform`, `terraform-vars`); package.json declares
 * them too, so they exist with or without HashiCorp's extension.
 */
const TERRAFORM_ENDINGS = ['.tf', '.tfvars', '.tf.json', '.tfvars.json'];
const terraform: DesignFormat = {
  id: 'terraform',
  label: 'Terraform (.tf, .tfvars)',
  extensions: TERRAFORM_ENDINGS,
  claims: (path) => endsWithAny(path, TERRAFORM_ENDINGS),
  claimsByName: (path) => endsWithAny(path, TERRAFORM_ENDINGS),
  // HCL native syntax has `#` and `//` line comments; Terraform's JSON syntax (`.tf.json`, `.tfvars.json`) has none
  // (only a `"//"` property, which cannot stand above an arbitrary line).
  commentPrefix: (path) => (endsWithAny(path, ['.json']) ? undefined : '#'),
  activationEvents: ['onLanguage:terraform', 'onLanguage:terraform-vars', 'workspaceContains:**/*.tf'],
};

/** `terraform show -json` output (a plan or a state): JSON with both Terraform version keys at its start. */
const terraformPlan: DesignFormat = {
  id: 'terraform-plan',
  label: 'a Terraform plan (terraform show -json)',
  extensions: ['.json'],
  claims: (path, text) => endsWithAny(path, ['.json']) && !endsWithAny(path, TERRAFORM_ENDINGS) && /"format_version"\s*:/.test(text) && /"terraform_version"\s*:/.test(text),
  claimsByName: () => false,
  // Strict JSON, written by `terraform show -json`: no comments, and it is regenerated on every plan anyway. A
  // finding in a plan is silenced at its `.tf` line or in `.plreview.yaml` (`rules:`).
  commentPrefix: () => undefined,
  activationEvents: ['onLanguage:json'],
};

/** Every design format, in the order they are asked (the first that claims a file reads it). */
export const DESIGN_FORMATS: readonly DesignFormat[] = [bicep, bicepParams, terraform, terraformPlan, arm, yaml];

/**
 * The format that reads the file, or undefined when it is not a design file. Formats decide from the file's
 * first SNIFF_BYTES, as discovery does: a whole 3 MB template searched for a Terraform plan's keys cost more
 * than reading it.
 */
export function designFormatOf(path: string, text: string): DesignFormat | undefined {
  const head = text.length > SNIFF_BYTES ? text.slice(0, SNIFF_BYTES) : text;
  return DESIGN_FORMATS.find((format) => format.claims(path, head));
}

/** Which source reads the file, or undefined when it is not a design file. */
export function classifyDesignFile(path: string, text: string): SourceFormat | undefined {
  return designFormatOf(path, text)?.id;
}

/** True when the name alone makes it a design file (no need to read it). */
export function isDesignFileByName(path: string): boolean {
  return DESIGN_FORMATS.some((format) => format.claimsByName(path));
}

/** True when some format may claim a file of this name once its text is seen. */
export function mayBeDesignFile(path: string): boolean {
  return DESIGN_FORMATS.some((format) => endsWithAny(path, format.extensions));
}

/** The file-watcher glob that covers every format's files, e.g. `**\/*.{bicep,bicepparam,json,…}`. */
export function designFileGlob(): string {
  const endings = [...new Set(DESIGN_FORMATS.flatMap((format) => format.extensions.map((e) => e.replace(/^\./, ''))))];
  return `**/*.{${endings.join(',')}}`;
}

/** "a.bicep, b or c", for messages that list what a design file may be. */
export function designFormatsDescription(): string {
  const labels = DESIGN_FORMATS.map((format) => format.label);
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

/** The suppression comment syntax of a file of `format` (undefined: the file cannot hold a comment). */
export function commentPrefixOf(format: SourceFormat, path: string): CommentPrefix | undefined {
  return DESIGN_FORMATS.find((f) => f.id === format)?.commentPrefix(path);
}
