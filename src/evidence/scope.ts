// Turns what the user chose to export (an estate snapshot, design files, live subscriptions) into the input of
// buildEvidence: one graph, the findings of the right mode for each part, and coverage that names every file or
// subscription that could not be read. Shared by `plreview evidence` and the VS Code "Export Evidence…" command.

import { PrivateLinkGraph } from '../graph/graph';
import { subscriptionOf } from '../graph/resource-id';
import type { CloudName, CoverageEntry, GraphData } from '../graph/types';
import { runRules } from '../rules/engine';
import { COVERAGE_INCOMPLETE, coverageFindings } from '../rules/coverage-incomplete';
import { RULES } from '../rules/registry';
import type { AnalysisMode, Finding, Rule } from '../rules/types';
import type { ProjectConfig } from '../config/config';
import { DEFAULT_CONFIG } from '../config/config';
import { estateToGraph } from '../sources/snapshot/estate';
import { readEstatePath } from '../sources/snapshot/read';
import type { ParsedEstate } from '../sources/snapshot/estate';
import type { EvidenceInput } from './build';
import type { EvidenceProbe, ScopeSource } from './model';

/** One part of the scope, already turned into graph data (live inventories and design analysis produce these). */
export interface ScopePart {
  readonly source: ScopeSource;
  readonly data: GraphData;
  /** Findings already computed for this part (design analysis); otherwise the rules run in `mode`. */
  readonly findings?: readonly Finding[];
  readonly mode: AnalysisMode;
  readonly coverage: readonly CoverageEntry[];
}

export interface EvidenceScopeOptions {
  readonly parts: readonly ScopePart[];
  readonly config?: ProjectConfig;
  readonly now?: Date;
  readonly tenant?: string;
  readonly maskSubscriptionIds?: boolean;
  readonly relativeTo?: string;
  readonly probes?: readonly EvidenceProbe[];
  /** `--allow-partial`: incomplete coverage recorded in a snapshot is a warning, not an error. */
  readonly allowPartial?: boolean;
  /** Restrict the rules that run (tests pin the rule set so expected outputs do not move as rules are added). */
  readonly rules?: readonly Rule[];
}

/** Merges the parts into one graph and runs the rules on each part in its own mode (design vs live). */
export function evidenceInputFromParts(options: EvidenceScopeOptions): EvidenceInput {
  const config = options.config ?? DEFAULT_CONFIG;
  const cloud: CloudName = config.cloud ?? options.parts.find((p) => p.data.cloud)?.data.cloud ?? 'AzureCloud';
  const findings: Finding[] = [];
  const rulesChecked = new Set<string>();
  for (const part of options.parts) {
    for (const rule of options.rules ?? RULES) {
      if (rule.modes.includes(part.mode) && (config.severities[rule.id] ?? rule.defaultSeverity) !== 'off') rulesChecked.add(rule.id);
    }
    if (part.mode === 'live') rulesChecked.add(COVERAGE_INCOMPLETE.id);
    if (part.findings) {
      findings.push(...part.findings);
      continue;
    }
    const graph = PrivateLinkGraph.from(part.data);
    // A snapshot that recorded a subscription as failed or partial says so as a finding, as `audit --estate` does.
    if (part.mode === 'live') findings.push(...coverageFindings(part.data.coverage, { allowPartial: options.allowPartial }));
    findings.push(
      ...runRules(graph, { settings: { cloud, requiredTags: config.requiredTags, mode: part.mode }, severities: config.severities, rules: options.rules }),
    );
  }
  return {
    graph: PrivateLinkGraph.from(...options.parts.map((p) => p.data)),
    findings,
    coverage: options.parts.flatMap((p) => p.coverage),
    scope: options.parts.map((p) => p.source),
    cloud,
    tenant: options.tenant,
    now: options.now,
    maskSubscriptionIds: options.maskSubscriptionIds,
    relativeTo: options.relativeTo,
    probes: options.probes,
    rulesChecked: [...rulesChecked],
    evidenceTags: config.evidenceTags,
  };
}

/**
 * An estate snapshot file (or folder of files) as a scope part. The file itself is listed in coverage (read, or
 * failed and why), then every subscription it holds: as the snapshot recorded it, else as read.
 */
export function estatePart(path: string, options: { cloud?: CloudName; displayPath?: string } = {}): ScopePart {
  return estatePartOf(readEstatePath(path), options.displayPath ?? path, options);
}

/** The same, for an estate already read (the CLI reads first, so an unreadable file stops it before any output). */
export function estatePartOf(parsed: ParsedEstate, shown: string, options: { cloud?: CloudName } = {}): ScopePart {
  const unreadable = parsed.resources.length === 0 && parsed.errors.length > 0;
  const file: CoverageEntry = {
    scope: shown,
    kind: 'file',
    status: unreadable ? 'failed' : 'read',
    ...(parsed.errors.length > 0 ? { reason: parsed.errors.join('; ') } : {}),
  };
  // Subscription coverage goes into the graph, as the audit puts it there: rules read it (a target missing from
  // a subscription that was read completely is gone, not merely out of scope).
  const subscriptions: CoverageEntry[] = [...parsed.coverage];
  const recorded = new Set(parsed.coverage.filter((c) => c.kind === 'subscription').map((c) => c.scope.toLowerCase()));
  for (const resource of parsed.resources) {
    const sub = subscriptionOf(resource.id);
    if (!sub || recorded.has(sub.toLowerCase())) continue;
    recorded.add(sub.toLowerCase());
    subscriptions.push({ scope: sub, kind: 'subscription', status: 'read' });
  }
  return {
    source: { kind: 'estate', file: shown },
    data: estateToGraph(parsed.resources, { cloud: options.cloud, coverage: subscriptions }),
    mode: 'live',
    coverage: [file],
  };
}
