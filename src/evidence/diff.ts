// `plreview evidence diff <old> <new>`: what changed between two bundles. Findings are matched by fingerprint
// (rule + node + facts), resources by id (case-insensitive), so a before/after migration reads as a list of
// fixed and new findings and added, gone and changed resources.

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, compareStrings } from './canonical';
import { EVIDENCE_SCHEMA_VERSION, type EvidenceFinding, type EvidenceModel } from './model';

export type ResourceKind = 'cache' | 'target' | 'privateEndpoint' | 'dnsZone' | 'vnetLink' | 'aRecord';

export interface ResourceRef {
  readonly kind: ResourceKind;
  readonly id: string;
}

export interface ResourceChange extends ResourceRef {
  /** Top-level fields whose value differs, e.g. `publicNetworkAccess`. */
  readonly fields: readonly string[];
}

export interface EvidenceDiff {
  readonly findingsFixed: readonly EvidenceFinding[];
  readonly findingsNew: readonly EvidenceFinding[];
  readonly resourcesAdded: readonly ResourceRef[];
  readonly resourcesGone: readonly ResourceRef[];
  readonly resourcesChanged: readonly ResourceChange[];
  /** Scopes read in one bundle and not in the other (a gap that explains "gone" resources). */
  readonly coverageChanges: readonly string[];
  /** Reasons the comparison may mislead (one bundle masked, the other not). */
  readonly warnings: readonly string[];
}

/** Reads a bundle folder or an `evidence.json` file; throws an Error with a one-line message on bad input. */
export function readEvidence(path: string): EvidenceModel {
  let file = path;
  try {
    if (statSync(path).isDirectory()) file = join(path, 'evidence.json');
  } catch {
    throw new Error(`${path}: no such file or folder`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${file}: not found (is ${path} an evidence bundle?)` : `${file}: not valid JSON (${(error as Error).message})`);
  }
  const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version !== 'string' || version.split('.')[0] !== EVIDENCE_SCHEMA_VERSION.split('.')[0]) {
    throw new Error(`${file}: not an evidence.json of schema version ${EVIDENCE_SCHEMA_VERSION} (found ${JSON.stringify(version)})`);
  }
  return parsed as EvidenceModel;
}

export function diffEvidence(before: EvidenceModel, after: EvidenceModel): EvidenceDiff {
  const oldFindings = new Map(before.findings.map((f) => [f.fingerprint, f]));
  const newFindings = new Map(after.findings.map((f) => [f.fingerprint, f]));
  const oldResources = resourcesOf(before);
  const newResources = resourcesOf(after);
  const changed: ResourceChange[] = [];
  for (const [key, next] of newResources) {
    const previous = oldResources.get(key);
    if (!previous) continue;
    const fields = changedFields(previous.row, next.row);
    if (fields.length > 0) changed.push({ kind: next.kind, id: next.id, fields });
  }
  const warnings: string[] = [];
  if (before.scope.subscriptionIdsMasked !== after.scope.subscriptionIdsMasked) {
    warnings.push('one bundle masks subscription ids and the other does not: resource ids cannot match');
  }
  if (before.cloud !== after.cloud) warnings.push(`the bundles are for different clouds (${before.cloud}, ${after.cloud})`);
  return {
    findingsFixed: before.findings.filter((f) => !newFindings.has(f.fingerprint)),
    findingsNew: after.findings.filter((f) => !oldFindings.has(f.fingerprint)),
    resourcesAdded: refsMissingFrom(newResources, oldResources),
    resourcesGone: refsMissingFrom(oldResources, newResources),
    resourcesChanged: changed,
    coverageChanges: coverageChanges(before, after),
    warnings,
  };
}

export function renderDiffText(diff: EvidenceDiff, oldName: string, newName: string): string {
  const out: string[] = [`Evidence diff: ${oldName} → ${newName}`];
  for (const w of diff.warnings) out.push(`warning: ${w}`);
  const section = (title: string, lines: readonly string[]) => {
    out.push('', `${title} (${lines.length})`);
    out.push(...(lines.length === 0 ? ['  none'] : lines.map((l) => `  ${l}`)));
  };
  const findingLine = (f: EvidenceFinding) =>
    `${f.severity} ${f.ruleId} ${f.location.kind === 'file' ? f.location.file : f.location.resourceId}: ${f.message}`;
  section('Findings fixed', diff.findingsFixed.map(findingLine));
  section('Findings new', diff.findingsNew.map(findingLine));
  section('Resources added', diff.resourcesAdded.map((r) => `${r.kind} ${r.id}`));
  section('Resources gone', diff.resourcesGone.map((r) => `${r.kind} ${r.id}`));
  section('Resources changed', diff.resourcesChanged.map((r) => `${r.kind} ${r.id}: ${r.fields.join(', ')}`));
  section('Coverage changed', diff.coverageChanges);
  return `${out.join('\n')}\n`;
}

interface ResourceEntry extends ResourceRef {
  readonly row: Readonly<Record<string, unknown>>;
}

function resourcesOf(model: EvidenceModel): Map<string, ResourceEntry> {
  const map = new Map<string, ResourceEntry>();
  const add = (kind: ResourceKind, row: { id: string }) => map.set(`${kind}\u0000${row.id.toLowerCase()}`, { kind, id: row.id, row });
  for (const cache of model.caches) add('cache', { ...cache, findingCount: undefined } as never);
  // Bundles of schema 1.1 have no targets (the same major version: they still compare).
  for (const target of model.targets ?? []) add('target', { ...target, findingCount: undefined } as never);
  for (const endpoint of model.endpoints) add('privateEndpoint', endpoint);
  for (const zone of model.zones) {
    add('dnsZone', { ...zone, links: zone.links.map((l) => l.id), aRecords: zone.aRecords.map((r) => r.id) } as never);
    for (const link of zone.links) add('vnetLink', link);
    for (const record of zone.aRecords) add('aRecord', record);
  }
  return map;
}

function refsMissingFrom(from: Map<string, ResourceEntry>, other: Map<string, ResourceEntry>): ResourceRef[] {
  return [...from.entries()]
    .filter(([key]) => !other.has(key))
    .map(([, { kind, id }]) => ({ kind, id }))
    .sort((a, b) => compareStrings(`${a.kind}\u0000${a.id.toLowerCase()}`, `${b.kind}\u0000${b.id.toLowerCase()}`));
}

function changedFields(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null)).sort(compareStrings);
}

function coverageChanges(before: EvidenceModel, after: EvidenceModel): string[] {
  const status = (m: EvidenceModel) => new Map(m.coverage.map((c) => [`${c.kind} ${c.scope}`, c.status]));
  const a = status(before);
  const b = status(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort(compareStrings);
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => `${k}: ${a.get(k) ?? 'absent'} → ${b.get(k) ?? 'absent'}`);
}
