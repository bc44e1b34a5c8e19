// Graph + findings + coverage → the evidence model. A whitelist: each emitted field is named here, so a raw ARM
// property (accessKeys, connection strings) can never ride along. Then two passes over every string: secret
// shapes are redacted (secrets.ts) and, when asked, subscription ids masked (mask.ts). Rows are sorted by id so
// the same estate always yields the same model.

import type { PrivateLinkGraph } from '../graph/graph';
import { parseResourceId, subscriptionOf, vnetIdOfSubnet } from '../graph/resource-id';
import type {
  CacheNode,
  CloudName,
  CoverageEntry,
  DnsZoneNode,
  Maybe,
  Origin,
  PrivateEndpointNode,
  ServiceTargetNode,
  ZoneGroup,
} from '../graph/types';
import { isKnown, isUnknown } from '../graph/types';
import { productFamily } from '../catalog/lookup';
import { serviceOfType } from '../catalog/targets';
import { isPrivateOnly } from './clean-chain';
import { gapText } from '../graph/coverage';
import type { Finding, Severity } from '../rules/types';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import { canonicalJson, compareStrings, setOwn, sha256Hex } from './canonical';
import { mapStrings, subscriptionMasker } from './mask';
import { DEFAULT_EVIDENCE_TAGS, evidenceTags, NOT_RECORDED, scrubText } from './secrets';
import {
  EVIDENCE_SCHEMA_VERSION,
  type EvidenceCache,
  type EvidenceCoverage,
  type EvidenceCoverageGap,
  type EvidenceEndpoint,
  type EvidenceFinding,
  type EvidenceModel,
  type EvidenceProbe,
  type EvidenceServiceCount,
  type EvidenceSummary,
  type EvidenceTarget,
  type EvidenceValue,
  type EvidenceZone,
  type EvidenceZoneGroup,
  type ScopeSource,
} from './model';

export interface EvidenceInput {
  readonly graph: PrivateLinkGraph;
  readonly findings: readonly Finding[];
  /** What was read and what was not, beyond what the graph records (files that failed to parse, …). */
  readonly coverage?: readonly CoverageEntry[];
  readonly scope: readonly ScopeSource[];
  /** Defaults to the graph's cloud, then AzureCloud. */
  readonly cloud?: CloudName;
  readonly tenant?: string;
  /** The export time; the only input allowed to differ between two otherwise identical exports. */
  readonly now?: Date;
  readonly maskSubscriptionIds?: boolean;
  /** File paths are shown relative to this folder (forward slashes), so bundles do not depend on the machine. */
  readonly relativeTo?: string;
  readonly probes?: readonly EvidenceProbe[];
  /** Tag keys whose values the bundle records (case-insensitive); default DEFAULT_EVIDENCE_TAGS. */
  readonly evidenceTags?: readonly string[];
  /** Ids of the rules that ran, recorded so an auditor sees which checks were applied. */
  readonly rulesChecked?: readonly string[];
}

export function buildEvidence(input: EvidenceInput): EvidenceModel {
  const { graph } = input;
  const sourceFindings = uniqueFindings(input.findings);
  const cloud = input.cloud ?? graph.cloud ?? 'AzureCloud';
  const showPath = pathShower(input.relativeTo);
  const findingsByNode = countBy(sourceFindings, (f) => f.nodeId.toLowerCase());

  // Two scopes may hold the same resource (a snapshot and the live subscription): one row each.
  const tagKeys = input.evidenceTags ?? DEFAULT_EVIDENCE_TAGS;
  const caches = uniqueById(graph.caches).map((cache) => cacheEvidence(graph, cache, findingsByNode, showPath, tagKeys, cloud));
  const targets = uniqueById(graph.serviceTargets).flatMap((target) => targetEvidence(graph, target, findingsByNode, showPath, tagKeys));
  const vnetOfSubnet = subnetOwners(graph);
  const endpoints = uniqueById(graph.endpoints).map((endpoint) => endpointEvidence(graph, endpoint, vnetOfSubnet, showPath));
  const zones = uniqueById(graph.zones).map((zone) => zoneEvidence(graph, zone, showPath));
  const findings = sourceFindings.map((f) => findingEvidence(f, showPath));
  const coverage = mergeCoverage([...graph.coverage, ...(input.coverage ?? [])], showPath);

  const raw: EvidenceModel = {
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    generatedAt: (input.now ?? new Date()).toISOString(),
    cloud,
    tenant: input.tenant ?? null,
    scope: { sources: input.scope, subscriptionIdsMasked: input.maskSubscriptionIds === true },
    coverage,
    coverageNotes: [...new Set(coverage.flatMap((c) => c.gaps.map(gapText)))].sort(compareStrings),
    summary: { ...summarise(caches, endpoints.length, zones.length, findings, coverage), targets: targets.length, services: serviceCounts(graph, sourceFindings) },
    rulesChecked: [...new Set(input.rulesChecked ?? [])].sort(compareStrings),
    caches,
    targets,
    endpoints,
    zones,
    findings,
    probes: input.probes ?? [],
  };

  // One pass over every string: redact, then mask. Ids repeat across rows, so each distinct string is done once.
  const mask = input.maskSubscriptionIds ? subscriptionMasker(subscriptionIdsIn(graph, raw)) : (text: string) => text;
  const model = mapStrings(raw, memoise((text) => mask(scrubText(text))));
  // Sorted last, by what the bundle shows (masked ids), so rows are in order in every file.
  return sortModel(withFingerprints(model));
}

function sortModel(model: EvidenceModel): EvidenceModel {
  return {
    ...model,
    scope: {
      ...model.scope,
      sources: model.scope.sources.map((s) => (s.kind === 'subscriptions' ? { kind: s.kind, ids: [...s.ids].sort(compareIds) } : s)),
    },
    coverage: [...model.coverage].sort((a, b) => compareStrings(`${a.kind}\u0000${a.scope.toLowerCase()}`, `${b.kind}\u0000${b.scope.toLowerCase()}`)),
    caches: sortById(
      model.caches.map((c) => ({
        ...c,
        endpointIds: [...c.endpointIds].sort(compareIds),
        firewallRules: [...c.firewallRules].sort((a, b) => compareStrings(JSON.stringify(a), JSON.stringify(b))),
      })),
    ),
    targets: sortById(model.targets.map((t) => ({ ...t, endpointIds: [...t.endpointIds].sort(compareIds) }))),
    endpoints: sortById(
      model.endpoints.map((e) => ({ ...e, zoneGroups: Array.isArray(e.zoneGroups) ? sortById([...e.zoneGroups]) : e.zoneGroups })),
    ),
    zones: sortById(model.zones.map((z) => ({ ...z, links: sortById([...z.links]), aRecords: sortById([...z.aRecords]) }))),
    findings: [...model.findings].sort((a, b) => compareStrings(findingSortKey(a), findingSortKey(b))),
    probes: [...model.probes].sort((a, b) => compareStrings(a.target, b.target)),
  };
}

// ---- rows -------------------------------------------------------------------------------------------------

function cacheEvidence(
  graph: PrivateLinkGraph,
  cache: CacheNode,
  findingsByNode: Map<string, number>,
  showPath: (p: string) => string,
  tagKeys: readonly string[],
  cloud: CloudName,
): EvidenceCache {
  const endpoints = uniqueById(graph.endpointsOf(cache));
  const parsed = parseResourceId(cache.id);
  return {
    id: cache.id,
    name: value(cache.name),
    subscriptionId: parsed?.subscriptionId ?? null,
    resourceGroup: parsed?.resourceGroup ?? null,
    type: cache.type,
    productFamily: value(productFamily(cache.type, cache.sku)),
    sku: value(cache.sku),
    location: value(cache.location),
    tags: tagsEvidence(cache.tags, tagKeys),
    publicNetworkAccess: value(cache.publicNetworkAccess),
    tls: { minimumTlsVersion: value(cache.minimumTlsVersion), enableNonSslPort: value(cache.enableNonSslPort) },
    vnetInjection: { subnetId: value(cache.subnetId) },
    firewallRules: cache.firewallRules.map((rule) => ({ name: value(childName(rule.name)), startIP: value(rule.startIP), endIP: value(rule.endIP) })),
    endpointIds: endpoints.map((e) => e.id),
    privateOnly: isPrivateOnly(graph, cache, endpoints, cloud),
    // A broken chain is the cache's problem even when the rule reports it on the endpoint (wrong group id, zone).
    findingCount: [cache.id, ...endpoints.map((e) => e.id)].reduce((n, id) => n + (findingsByNode.get(id.toLowerCase()) ?? 0), 0),
    origin: originText(cache.origin, showPath),
  };
}

function targetEvidence(
  graph: PrivateLinkGraph,
  target: ServiceTargetNode,
  findingsByNode: Map<string, number>,
  showPath: (p: string) => string,
  tagKeys: readonly string[],
): EvidenceTarget[] {
  const service = serviceOfType(target.type);
  if (!service) return [];
  const endpoints = uniqueById(graph.endpointsOf(target));
  const parsed = parseResourceId(target.id);
  const access = service.publicAccess;
  return [
    {
      id: target.id,
      name: value(target.name),
      subscriptionId: parsed?.subscriptionId ?? null,
      resourceGroup: parsed?.resourceGroup ?? null,
      type: service.resourceType,
      service: service.id,
      serviceName: service.displayName,
      sku: value(target.sku),
      location: value(target.location),
      tags: tagsEvidence(target.tags, tagKeys),
      publicAccess: {
        property: access?.property ?? null,
        value: switchValue(target.publicAccess),
        restrictionProperty: access?.restrictedWhen?.property ?? null,
        restriction: switchValue(target.publicAccessRestriction),
      },
      endpointIds: endpoints.map((e) => e.id),
      findingCount: [target.id, ...endpoints.map((e) => e.id)].reduce((n, id) => n + (findingsByNode.get(id.toLowerCase()) ?? 0), 0),
      origin: originText(target.origin, showPath),
    },
  ];
}

function switchValue(v: Maybe<string | boolean | null>): EvidenceValue<string | boolean> {
  return v === null ? null : value(v);
}

/**
 * Targets, endpoints and findings per catalog service. An endpoint counts under the service of each resource its
 * connections name (by the type in the id, so an endpoint whose target is outside the scope still counts); a
 * finding under the service of the target or endpoints it is about.
 */
function serviceCounts(graph: PrivateLinkGraph, findings: readonly Finding[]): Record<string, EvidenceServiceCount> {
  const counts = new Map<string, { displayName: string; targets: number; endpoints: number; findings: number }>();
  const entry = (key: string, displayName: string) => {
    let found = counts.get(key);
    if (!found) counts.set(key, (found = { displayName, targets: 0, endpoints: 0, findings: 0 }));
    return found;
  };
  /** Node id (lower case) → the service keys it belongs to. */
  const servicesOf = new Map<string, Set<string>>();
  const note = (id: string, key: string) => {
    const set = servicesOf.get(id.toLowerCase()) ?? new Set<string>();
    set.add(key);
    servicesOf.set(id.toLowerCase(), set);
  };
  for (const target of uniqueById<{ id: string; type: string }>([...graph.caches, ...graph.serviceTargets])) {
    const service = serviceOfType(target.type);
    if (!service) continue;
    entry(service.id, service.displayName).targets += 1;
    note(target.id, service.id);
  }
  for (const endpoint of uniqueById(graph.endpoints)) {
    const keys = new Set<string>();
    for (const c of endpoint.connections) {
      if (!isKnown(c.targetId)) continue;
      const service = serviceOfType(targetType(graph, c.targetId));
      if (!service || keys.has(service.id)) continue;
      keys.add(service.id);
      entry(service.id, service.displayName).endpoints += 1;
      note(endpoint.id, service.id);
    }
  }
  for (const finding of findings) {
    const keys = new Set(servicesOf.get(finding.nodeId.toLowerCase()) ?? []);
    const about = finding.facts.cacheIds;
    if (Array.isArray(about)) for (const id of about) for (const key of servicesOf.get(String(id).toLowerCase()) ?? []) keys.add(key);
    for (const key of keys) counts.get(key)!.findings += 1;
  }
  const result: Record<string, EvidenceServiceCount> = {};
  for (const key of [...counts.keys()].sort(compareStrings)) setOwn(result, key, counts.get(key)!);
  return result;
}

/** The ARM type of the node a connection names (the type in the id when the id is a key-resolved reference). */
function targetType(graph: PrivateLinkGraph, targetId: string): string {
  const node = graph.resolve(targetId);
  return node && (node.kind === 'cache' || node.kind === 'target') ? node.type : (parseResourceId(targetId)?.type ?? '');
}

/** Subnet id (lower case) → the id of the VNet in the graph that holds it: one pass, not a scan per endpoint. */
function subnetOwners(graph: PrivateLinkGraph): Map<string, string> {
  const owners = new Map<string, string>();
  for (const vnet of graph.vnets) for (const subnet of vnet.subnets) owners.set(subnet.id.toLowerCase(), vnet.id);
  return owners;
}

function endpointEvidence(
  graph: PrivateLinkGraph,
  endpoint: PrivateEndpointNode,
  vnetOfSubnet: Map<string, string>,
  showPath: (p: string) => string,
): EvidenceEndpoint {
  const parsed = parseResourceId(endpoint.id);
  const subnetId = endpoint.subnetId;
  return {
    id: endpoint.id,
    name: value(endpoint.name),
    subscriptionId: parsed?.subscriptionId ?? null,
    resourceGroup: parsed?.resourceGroup ?? null,
    location: value(endpoint.location),
    subnetId: value(subnetId),
    vnetId: isKnown(subnetId) ? (vnetOfSubnet.get(subnetId.toLowerCase()) ?? vnetIdOfSubnet(subnetId) ?? null) : null,
    privateIps: [...endpoint.privateIps].sort(compareStrings),
    connections: endpoint.connections.map((c) => ({
      name: value(c.name),
      type: c.manual ? ('manual' as const) : ('auto' as const),
      targetId: value(c.targetId),
      groupIds: isUnknown(c.groupIds) ? value(c.groupIds) : c.groupIds === undefined ? null : c.groupIds.map((g) => value(g)),
      state: value(c.status),
    })),
    zoneGroups: isUnknown(endpoint.zoneGroups) ? value(endpoint.zoneGroups) : endpoint.zoneGroups.map((group) => zoneGroupEvidence(graph, group)),
    origin: originText(endpoint.origin, showPath),
  };
}

function zoneGroupEvidence(graph: PrivateLinkGraph, group: ZoneGroup): EvidenceZoneGroup {
  return {
    id: group.id,
    name: value(group.name),
    zones: group.configs.map((config) => {
      const zone = isKnown(config.zoneId) ? graph.resolveKind(config.zoneId, 'dnsZone') : undefined;
      const zoneName = zone && isKnown(zone.name) ? zone.name : isKnown(config.zoneId) ? config.zoneId.split('/').pop() : undefined;
      return { zoneId: value(config.zoneId), zoneName: value(isUnknown(config.zoneId) ? config.zoneId : zoneName), inScope: zone !== undefined };
    }),
  };
}

function zoneEvidence(graph: PrivateLinkGraph, zone: DnsZoneNode, showPath: (p: string) => string): EvidenceZone {
  return {
    id: zone.id,
    name: value(zone.name),
    subscriptionId: subscriptionOf(zone.id) ?? null,
    links: graph.linksOf(zone).map((link) => ({
      id: link.id,
      name: value(link.name),
      vnetId: value(link.vnetId),
      registrationEnabled: value(link.registrationEnabled),
    })),
    aRecords: graph.recordsOf(zone).map((record) => ({
      id: record.id,
      name: value(record.recordName ?? record.name),
      ipv4Addresses: [...record.ipv4Addresses].sort(compareStrings),
    })),
    origin: originText(zone.origin, showPath),
  };
}

function findingEvidence(finding: Finding, showPath: (p: string) => string): EvidenceFinding {
  const { location } = finding;
  return {
    fingerprint: '', // set after scrubbing and masking, from what the bundle shows
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    source: finding.source,
    nodeId: finding.nodeId.startsWith('file:') ? `file:${showPath(finding.nodeId.slice(5))}` : finding.nodeId,
    location:
      location.kind === 'file'
        ? {
            kind: 'file',
            file: showPath(location.span.file),
            startLine: location.span.range.start.line + 1,
            startColumn: location.span.range.start.character + 1,
            endLine: location.span.range.end.line + 1,
            endColumn: location.span.range.end.character + 1,
            startOffset: location.span.range.start.offset,
            endOffset: location.span.range.end.offset,
          }
        : { kind: 'resource', resourceId: location.resourceId, subscriptionId: location.subscriptionId ?? null },
    facts: boundedFacts(finding.facts),
  };
}

/** Longest list a fact keeps in the bundle; the rest is counted, not listed. */
export const MAX_FACT_LIST = 25;

/**
 * A fact that lists every zone of an estate (duplicate zones across hundreds of subscriptions) would repeat
 * the estate inside each finding, and the bundle would grow with the square of the estate. Lists are cut at
 * MAX_FACT_LIST with a closing "… and N more"; the full sets are in the resource sections of the bundle.
 */
function boundedFacts(facts: Finding['facts']): Finding['facts'] {
  const bounded: Record<string, Finding['facts'][string]> = {};
  for (const [key, value] of Object.entries(facts)) {
    bounded[key] = Array.isArray(value) && value.length > MAX_FACT_LIST ? [...value.slice(0, MAX_FACT_LIST), `… and ${value.length - MAX_FACT_LIST} more`] : value;
  }
  return bounded;
}

/** Fingerprint = rule + node + the facts decided on: survives reformatting a file and re-running an export. */
export function findingFingerprint(f: Pick<EvidenceFinding, 'ruleId' | 'nodeId' | 'facts'>): string {
  return sha256Hex(`${f.ruleId}\u0000${f.nodeId.toLowerCase()}\u0000${canonicalJson(f.facts)}`).slice(0, 32);
}

function withFingerprints(model: EvidenceModel): EvidenceModel {
  return { ...model, findings: model.findings.map((f) => ({ ...f, fingerprint: findingFingerprint(f) })) };
}

/** The same finding reached through two scopes (same rule, node and facts) is kept once. */
function uniqueFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\u0000${f.nodeId.toLowerCase()}\u0000${canonicalJson(f.facts)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function findingSortKey(f: EvidenceFinding): string {
  const where =
    f.location.kind === 'file'
      ? `${f.location.file}\u0000${String(f.location.startOffset).padStart(10, '0')}`
      : f.location.resourceId.toLowerCase();
  return `${where}\u0000${f.ruleId}\u0000${f.message}\u0000${f.fingerprint}`;
}

// ---- coverage and summary ---------------------------------------------------------------------------------

function mergeCoverage(entries: readonly CoverageEntry[], showPath: (p: string) => string): EvidenceCoverage[] {
  const byKey = new Map<string, EvidenceCoverage>();
  const rank = { read: 0, partial: 1, failed: 2 } as const;
  for (const entry of entries) {
    const scope = entry.kind === 'file' ? showPath(entry.scope) : entry.scope;
    const key = `${entry.kind}\u0000${scope.toLowerCase()}`;
    const previous = byKey.get(key);
    // The worst status wins (a failure anywhere over a partial read over a read): never report a scope as covered
    // when part of it was not; the gaps of both are kept.
    const status = previous && rank[previous.status] > rank[entry.status] ? previous.status : entry.status;
    const gaps = [...(previous?.gaps ?? []), ...(entry.gaps ?? []).map((g) => ({ resourceId: g.resourceId, what: g.what, reason: g.reason }))];
    byKey.set(key, {
      scope,
      kind: entry.kind,
      status,
      reason: (status === previous?.status ? previous?.reason : undefined) ?? entry.reason ?? previous?.reason ?? null,
      displayName: entry.displayName ?? previous?.displayName ?? null,
      gaps: uniqueGaps(gaps),
    });
  }
  return [...byKey.values()].sort((a, b) => compareStrings(`${a.kind}\u0000${a.scope.toLowerCase()}`, `${b.kind}\u0000${b.scope.toLowerCase()}`));
}

function uniqueGaps(gaps: readonly EvidenceCoverageGap[]): EvidenceCoverageGap[] {
  const seen = new Map(gaps.map((g) => [`${g.resourceId.toLowerCase()}\u0000${g.what}\u0000${g.reason}`, g]));
  return [...seen.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, g]) => g);
}

function summarise(
  caches: readonly EvidenceCache[],
  endpointCount: number,
  zoneCount: number,
  findings: readonly EvidenceFinding[],
  coverage: readonly EvidenceCoverage[],
): Omit<EvidenceSummary, 'targets' | 'services'> {
  const findingsByRule: Record<string, number> = {};
  for (const f of findings) findingsByRule[f.ruleId] = (findingsByRule[f.ruleId] ?? 0) + 1;
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity] += 1;
  return {
    caches: caches.length,
    privateOnly: caches.filter((c) => c.privateOnly).length,
    withFindings: caches.filter((c) => c.findingCount > 0).length,
    endpoints: endpointCount,
    zones: zoneCount,
    findings: findings.length,
    findingsByRule,
    findingsBySeverity: bySeverity,
    unreadScopes: coverage.filter((c) => c.status === 'failed').map((c) => c.scope),
    partialScopes: coverage.filter((c) => c.status === 'partial').map((c) => c.scope),
  };
}

// ---- helpers ----------------------------------------------------------------------------------------------

function memoise(fn: (text: string) => string): (text: string) => string {
  const done = new Map<string, string>();
  return (text) => {
    let result = done.get(text);
    if (result === undefined) done.set(text, (result = fn(text)));
    return result;
  };
}

function value<T>(v: Maybe<T>): EvidenceValue<T> {
  if (v === undefined) return null;
  if (isUnknown(v)) return { unknown: true, why: v.why };
  return v;
}

/** ARM names child resources `parent/child`; the evidence lists them under the parent, so the child name suffices. */
function childName(name: Maybe<string>): Maybe<string> {
  return isKnown(name) && name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
}

function tagsEvidence(tags: CacheNode['tags'], allowed: readonly string[]): EvidenceValue<Record<string, EvidenceValue<string>>> {
  if (tags === undefined) return null;
  if (isUnknown(tags)) return { unknown: true, why: tags.why };
  const plain: Record<string, EvidenceValue<string>> = {};
  for (const [k, v] of Object.entries(tags)) setOwn(plain, k, value(v));
  return evidenceTags<EvidenceValue<string>>(plain, allowed, NOT_RECORDED);
}

function originText(origin: Origin, showPath: (p: string) => string): string {
  return origin.kind === 'live' ? 'live' : showPath(origin.span.file);
}

function pathShower(base: string | undefined): (path: string) => string {
  if (!base) return (path) => path.replace(/\\/g, '/');
  const prefix = base.replace(/\\/g, '/').replace(/\/+$/, '') + '/';
  return (path) => {
    const normal = path.replace(/\\/g, '/');
    return normal.startsWith(prefix) ? normal.slice(prefix.length) : normal;
  };
}

function compareIds(a: string, b: string): number {
  return compareStrings(a.toLowerCase(), b.toLowerCase()) || compareStrings(a, b);
}

function sortById<T extends { id: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => compareIds(a.id, b.id));
}

function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.id.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Every subscription id the bundle mentions: coverage scopes, requested scopes, and the ids inside resource ids. */
function subscriptionIdsIn(graph: PrivateLinkGraph, model: EvidenceModel): Set<string> {
  const ids = new Set<string>();
  for (const c of model.coverage) if (c.kind === 'subscription') ids.add(c.scope);
  for (const s of model.scope.sources) if (s.kind === 'subscriptions') s.ids.forEach((id) => ids.add(id));
  for (const node of graph.nodes) {
    const sub = subscriptionOf(node.id);
    if (sub) ids.add(sub);
  }
  // References to resources outside the graph (a VNet in another subscription) carry ids too.
  const scan = (text: string) => {
    for (const match of text.matchAll(/\/subscriptions\/([^/\s"]+)/gi)) ids.add(match[1]);
    return text;
  };
  mapStrings(model, scan);
  return ids;
}
