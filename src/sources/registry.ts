// The source registry: for each design format, how its files become graph data and how a fix is written into
// them. What files a format claims and its comment syntax are in formats.ts (the half the extension needs before
// the engine loads). The CLI, the language server and the editor ask these two files, never a format by name.
//
// Adding a source (e.g. Terraform): a `DesignFormat` in formats.ts and a `DesignSource` here that lists it in
// `formats`. The analysis (src/lint/analyse.ts) hands each source all the files of its formats; fixes go to the
// source that declared the node (src/sources/fixes.ts).

import type { PrivateLinkGraph } from '../graph/graph';
import type { CloudName, GraphData, GraphNode, SourceFormat } from '../graph/types';
import type { DesignFile } from '../lint/design-file';
import type { FixIntent } from '../rules/types';
import type { TextEdit } from './text-edit';
import type { ReadFile } from './file-reader';
import { armSource } from './arm/source';
import { bicepSource } from './bicep/source';
import { yamlSource } from './yaml/source';
import { terraformSource } from './terraform/source';

export interface SourceContext {
  /**
   * Reads files the analysis was not given (Bicep modules, `using` targets of .bicepparam files), or says why not
   * (file-reader.ts); a reference not followed is a coverage gap at the reference (CoverageEntry, graph/types.ts).
   */
  readonly readFile?: ReadFile;
  /** Paths of every design file of the analysis, of any format (a Bicep module may call an ARM template). */
  readonly designPaths?: readonly string[];
  /**
   * The cloud each file is judged in (config/cloud-cascade.ts: the nearest `.plreview.yaml` that names one, else
   * `--cloud` or the editor setting, else AzureCloud). Sources evaluate `environment()` for it and record it on
   * the nodes they make, so rules judge each node in its own file's cloud.
   */
  readonly cloudOf?: (path: string) => CloudName;
  /** Nothing is kept for a next analysis (the CLI): no per-file memos; syntax trees are released once evaluated. */
  readonly oneShot?: boolean;
}

/** A resource another file may refer to by name (a YAML design naming a cache a Bicep file declares). */
export interface NamedResource {
  readonly name: string;
  readonly id: string;
}

/** What a source read from its files. */
export interface SourceReading {
  /** Graph data that stands on its own. */
  readonly graph?: GraphData;
  /** Resources this reading declares that other readings may name (added to those found in `graph`). */
  readonly declares?: readonly NamedResource[];
  /**
   * Graph data that refers to resources by name, built once every source has read: `find` gives the id of
   * the one resource of that name (case-insensitive) in the whole design, or undefined (none, or ambiguous).
   */
  readonly refersByName?: (find: (name: string) => string | undefined) => GraphData;
}

export interface DesignSource {
  /** The formats whose files this source reads (Bicep reads .bicep and .bicepparam files as one design). */
  readonly formats: readonly SourceFormat[];
  /**
   * 'together': one call with every file of its formats (files refer to each other: modules, `using`);
   * 'per-file': one call per file (a bug or a bad file costs that file only; results may be kept per file).
   */
  readonly reads: 'together' | 'per-file';
  /** Reads files into the graph. Throwing is a bug: the analysis records the files as not analysed. */
  read(files: readonly DesignFile[], context: SourceContext): SourceReading;
  /**
   * Text edits for a fix on a node this source declared; none when the fix cannot be written as text. `text` is
   * the text of the node's file; `textOf` gives any other file's (a fix may edit several files: a zone renamed in
   * dns.tf and the links that name it in network.tf).
   */
  editsForFix(intent: FixIntent, node: GraphNode, graph: PrivateLinkGraph, text: string, textOf: (file: string) => string | undefined): TextEdit[];
}

/** Every design source. Each format of formats.ts is read by exactly one (checked by a test). */
export const DESIGN_SOURCES: readonly DesignSource[] = [bicepSource, armSource, yamlSource, terraformSource];

export function sourceOf(format: SourceFormat): DesignSource | undefined {
  return DESIGN_SOURCES.find((source) => source.formats.includes(format));
}
