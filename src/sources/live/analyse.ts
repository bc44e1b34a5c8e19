// An estate read from Azure (or a snapshot) → the graph → the rules in live mode. Shared by `plreview audit`,
// `plreview snapshot` and the tree model, so the sidebar and CI report the same findings.

import type { ProjectConfig } from '../../config/config';
import { PrivateLinkGraph } from '../../graph/graph';
import { runRules } from '../../rules/engine';
import { coverageFindings } from '../../rules/coverage-incomplete';
import type { Finding, Rule } from '../../rules/types';
import type { ArmResource } from '../snapshot/arm-resource';
import { estateToGraph } from '../snapshot/estate';
import { parseResourceId } from '../../graph/resource-id';
import type { EstateLoad } from './port';

export interface EstateAnalysis {
  readonly graph: PrivateLinkGraph;
  readonly findings: Finding[];
}

export interface EstateAnalysisOptions {
  readonly rules?: readonly Rule[];
  /** `--allow-partial`: subscriptions not fully read are reported as warnings, not errors. */
  readonly allowPartial?: boolean;
}

export function analyseEstate(estate: EstateLoad, config: ProjectConfig, options: EstateAnalysisOptions = {}): EstateAnalysis {
  const data = estateToGraph(estate.resources.map(withDerivedType), {
    coverage: estate.coverage,
    cloud: config.cloud,
    zoneGroupsFetched: (endpointId) => estate.zoneGroupsFetched.has(endpointId.toLowerCase()),
  });
  const graph = PrivateLinkGraph.from(data);
  const findings = runRules(graph, {
    settings: { cloud: config.cloud ?? 'AzureCloud', requiredTags: config.requiredTags, mode: 'live' },
    severities: config.severities,
    rules: options.rules,
  });
  // What could not be read is a finding too, first: a review that did not see everything must not pass.
  return { graph, findings: [...coverageFindings(estate.coverage, { allowPartial: options.allowPartial }), ...findings] };
}

/**
 * ARM returns private DNS zone groups without a `type` (the REST spec defines none; arm-network 39's own model has
 * no `type` either), so the type is derived from the id where it is missing.
 */
export function withDerivedType(resource: ArmResource): ArmResource {
  if (typeof resource.type === 'string' && resource.type !== '') return resource;
  const type = parseResourceId(resource.id)?.type;
  return type ? { ...resource, type } : resource;
}
