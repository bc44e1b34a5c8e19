// The design analysis shared by the editor and `plreview lint`: every design file of a workspace becomes one
// graph (a link in dns.bicep satisfies an endpoint in cache.bicep, a YAML endpoint may target a cache a Bicep
// file declares), then the rules run on it in design mode with the project's configuration.

import type { ProjectConfig } from '../config/config';
import { PrivateLinkGraph } from '../graph/graph';
import type { GraphData } from '../graph/types';
import { runRules } from '../rules/engine';
import type { Finding, Rule } from '../rules/types';
import { armToGraph } from '../sources/arm/to-graph';
import { bicepToGraph } from '../sources/bicep/to-graph';
import { terraformToGraph } from '../sources/terraform/to-graph';
import { declaredCaches, readYamlDesign, yamlDesignToGraph, type YamlDesign } from '../sources/yaml/to-graph';
import { classifyDesignFile, type DesignFile } from './design-file';
import { FileMemo } from '../sources/file-memo';

export interface AnalyseOptions {
  /** Reads files the list does not hold (Bicep modules, `using` targets of .bicepparam files). */
  readonly readFile?: (path: string) => string | undefined;
  /** Restrict to these rules (tests). */
  readonly rules?: readonly Rule[];
}

export interface DesignAnalysis {
  readonly graph: PrivateLinkGraph;
  readonly findings: Finding[];
}

/**
 * What an ARM template or a YAML design file gives on its own, kept between analyses (graph data and parsed
 * designs are never modified after they are made). A YAML design's graph also depends on the caches of the
 * other files, so only its parse is kept.
 */
const armGraphs = new FileMemo<GraphData>(4_000_000);
const yamlDesigns = new FileMemo<YamlDesign>(4_000_000);

export function analyseDesign(files: readonly DesignFile[], config: ProjectConfig, options: AnalyseOptions = {}): DesignAnalysis {
  const graph = buildDesignGraph(files, options);
  const findings = runRules(graph, {
    settings: { cloud: config.cloud ?? 'AzureCloud', requiredTags: config.requiredTags, mode: 'design' },
    severities: config.severities,
    rules: options.rules,
  });
  return { graph, findings };
}

/** One graph from design files of any supported format; files of no design format are ignored. */
export function buildDesignGraph(files: readonly DesignFile[], options: Pick<AnalyseOptions, 'readFile'> = {}): PrivateLinkGraph {
  const bicep: DesignFile[] = [];
  const arm: DesignFile[] = [];
  const yaml: DesignFile[] = [];
  const terraform: DesignFile[] = [];
  for (const file of files) {
    const format = classifyDesignFile(file.path, file.text);
    if (format === 'bicep' || format === 'bicepparam') bicep.push(file);
    else if (format === 'arm') arm.push(file);
    else if (format === 'yaml') yaml.push(file);
    else if (format === 'terraform') terraform.push(file);
  }

  const parts: GraphData[] = [];
  if (bicep.length > 0) parts.push(guarded(bicep, () => bicepToGraph(bicep, { readFile: options.readFile })));
  for (const file of arm) parts.push(guarded([file], () => armGraphs.get(file.path, file.text, () => armToGraph(file))));
  if (terraform.length > 0) parts.push(guarded(terraform, () => terraformToGraph(terraform)));

  // YAML designs name caches; the names resolve against every other file of the workspace too.
  const designs: { file: DesignFile; design: YamlDesign }[] = [];
  for (const file of yaml) {
    try {
      designs.push({ file, design: yamlDesigns.get(file.path, file.text, () => readYamlDesign(file)) });
    } catch (error) {
      parts.push(failed([file], error));
    }
  }
  // Only YAML designs name caches: without them there is nothing to resolve (and nothing to index per keystroke).
  if (designs.length === 0) return PrivateLinkGraph.from(...parts);
  const cacheIds = new Map<string, string[]>();
  const remember = (name: string, id: string) => {
    const key = name.toLowerCase();
    const ids = cacheIds.get(key) ?? [];
    // ARM ids compare case-insensitively: `Microsoft.Cache/Redis/x` in one file is `Microsoft.Cache/redis/x` in another.
    if (!ids.some((known) => known.toLowerCase() === id.toLowerCase())) cacheIds.set(key, [...ids, id]);
  };
  for (const part of parts) for (const node of part.nodes) if (node.kind === 'cache' && typeof node.name === 'string') remember(node.name, node.id);
  for (const { design } of designs) for (const cache of declaredCaches(design)) remember(cache.name, cache.id);
  // An ambiguous name (two caches called the same in different files) resolves to none: no guess.
  const findCache = (name: string) => {
    const ids = cacheIds.get(name.toLowerCase());
    return ids && ids.length === 1 ? ids[0] : undefined;
  };
  for (const { file, design } of designs) parts.push(guarded([file], () => yamlDesignToGraph(design, { findCache })));
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
  const reason = `internal error: ${error instanceof Error ? error.message : String(error)}`;
  return { nodes: [], problems: [], coverage: files.map((f) => ({ scope: f.path, kind: 'file' as const, status: 'failed' as const, reason })) };
}
