// The design analysis shared by the editor and `plreview lint`: every design file of a workspace becomes one
// graph (a link in dns.bicep satisfies an endpoint in cache.bicep, a YAML endpoint may target a cache a Bicep
// file declares), then the rules run on it in design mode with the project's configuration.

import type { ProjectConfig } from '../config/config';
import { PrivateLinkGraph } from '../graph/graph';
import type { CloudName, GraphData } from '../graph/types';
import { runRules } from '../rules/engine';
import type { Finding, Rule } from '../rules/types';
import { classifyDesignFile } from '../sources/formats';
import { DESIGN_SOURCES, sourceOf, type DesignSource, type SourceReading } from '../sources/registry';
import type { DesignFile } from './design-file';
import { analyserFailure } from '../sources/analyser-failure';
import type { ReadFile } from '../sources/file-reader';

export interface AnalyseOptions {
  /**
   * Reads files the list does not hold (Bicep modules, `using` targets of .bicepparam files). Callers pass
   * `confinedReader(root)` (confined-read.ts): only regular files inside the analysed folder, of bounded size.
   */
  readonly readFile?: ReadFile;
  /** Design files of the analysis that could not be read, and why ("it is larger than 10 MB"): each is an error. */
  readonly notRead?: readonly { readonly path: string; readonly why: string }[];
  /** Restrict to these rules (tests). */
  readonly rules?: readonly Rule[];
  /**
   * The cloud each file is judged in (config/cloud-cascade.ts); without it every file is judged in the
   * configuration's cloud, else AzureCloud.
   */
  readonly cloudOf?: (path: string) => CloudName;
  /**
   * The analysis runs once (the CLI): sources keep nothing for a next analysis (no parse memos) and release syntax
   * trees as soon as they are evaluated. The editor leaves it off: it re-analyses on every keystroke.
   */
  readonly oneShot?: boolean;
}

export interface DesignAnalysis {
  readonly graph: PrivateLinkGraph;
  readonly findings: Finding[];
}

export function analyseDesign(files: readonly DesignFile[], config: ProjectConfig, options: AnalyseOptions = {}): DesignAnalysis {
  const fallback = config.cloud ?? 'AzureCloud';
  const graph = buildDesignGraph(files, { ...options, cloudOf: options.cloudOf ?? (() => fallback) });
  const findings = runRules(graph, {
    // Nodes carry their file's cloud; this one is for nodes that have none.
    settings: { cloud: fallback, requiredTags: config.requiredTags, mode: 'design' },
    severities: config.severities,
    rules: options.rules,
  });
  return { graph, findings };
}

/** One graph from design files of any registered format; files of no design format are ignored. */
export function buildDesignGraph(files: readonly DesignFile[], options: Pick<AnalyseOptions, 'readFile' | 'notRead' | 'cloudOf' | 'oneShot'> = {}): PrivateLinkGraph {
  const bySource = new Map<DesignSource, DesignFile[]>(DESIGN_SOURCES.map((source) => [source, []]));
  const designPaths: string[] = [];
  for (const file of files) {
    const format = classifyDesignFile(file.path, file.text);
    const source = format && sourceOf(format);
    if (source) {
      bySource.get(source)?.push(file);
      designPaths.push(file.path);
    }
  }

  const parts: GraphData[] = [];
  if (options.notRead?.length) {
    const reason = (why: string) => `this design file was not read: ${why}`;
    parts.push({ nodes: [], problems: [], coverage: options.notRead.map((f) => ({ scope: f.path, kind: 'file' as const, status: 'failed' as const, reason: reason(f.why) })) });
  }
  const readings: { files: readonly DesignFile[]; reading: SourceReading }[] = [];
  const read = (source: DesignSource, group: readonly DesignFile[]) => {
    try {
      const reading = source.read(group, { readFile: options.readFile, designPaths, cloudOf: options.cloudOf, oneShot: options.oneShot });
      if (reading.graph) parts.push(reading.graph);
      readings.push({ files: group, reading });
    } catch (error) {
      parts.push(failed(group, error));
    }
  };
  for (const [source, group] of bySource) {
    if (group.length === 0) continue;
    if (source.reads === 'together') read(source, group);
    else for (const file of group) read(source, [file]);
  }

  // Readings that name resources of other files resolve those names against the whole design. Without them
  // there is nothing to resolve (and nothing to index on every keystroke).
  const late = readings.filter(({ reading }) => reading.refersByName);
  if (late.length === 0) return PrivateLinkGraph.from(...parts);
  const ids = new Map<string, string[]>();
  const remember = (name: string, id: string) => {
    const key = name.toLowerCase();
    const known = ids.get(key) ?? [];
    // ARM ids compare case-insensitively: `Microsoft.Cache/Redis/x` in one file is `Microsoft.Cache/redis/x` in another.
    if (!known.some((other) => other.toLowerCase() === id.toLowerCase())) ids.set(key, [...known, id]);
  };
  for (const part of parts) for (const node of part.nodes) if ((node.kind === 'cache' || node.kind === 'target') && typeof node.name === 'string') remember(node.name, node.id);
  for (const { reading } of readings) for (const named of reading.declares ?? []) remember(named.name, named.id);
  // An ambiguous name (two resources called the same in different files) resolves to none: no guess.
  const find = (name: string) => {
    const found = ids.get(name.toLowerCase());
    return found && found.length === 1 ? found[0] : undefined;
  };
  for (const { files: group, reading } of late) parts.push(guarded(group, () => reading.refersByName!(find)));
  return PrivateLinkGraph.from(...parts);
}

/** A bug in one source costs its files (recorded as coverage gaps), never the whole analysis. */
function guarded(files: readonly DesignFile[], read: () => GraphData): GraphData {
  try {
    return read();
  } catch (error) {
    return failed(files, error);
  }
}

function failed(files: readonly DesignFile[], error: unknown): GraphData {
  const reason = analyserFailure(error);
  return { nodes: [], problems: [], coverage: files.map((f) => ({ scope: f.path, kind: 'file' as const, status: 'failed' as const, reason })) };
}
