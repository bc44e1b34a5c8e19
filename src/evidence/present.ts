// Words and groupings both human reports share (report.md and report.html say the same things).

import { compareStrings } from './canonical';
import { gapText } from '../graph/coverage';
import type { EvidenceCache, EvidenceCoverage, EvidenceModel, EvidenceTarget, EvidenceValue } from './model';

/** A value as a reader sees it: absent is `—`, unknown says so and why. */
export function show(value: EvidenceValue<string | boolean | number> | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return `unknown (${value.why})`;
  return String(value);
}

export const FAMILY_NAMES: Readonly<Record<string, string>> = {
  AzureCacheForRedis: 'Azure Cache for Redis',
  RedisEnterprise: 'Redis Enterprise',
  ManagedRedis: 'Azure Managed Redis',
};

export function familyName(cache: EvidenceCache): string {
  const family = cache.productFamily;
  return typeof family === 'string' ? (FAMILY_NAMES[family] ?? family) : show(family);
}

export const NO_SUBSCRIPTION = 'Design files (no subscription)';

/** Caches and other targets grouped by subscription, groups in id order: one section per subscription. */
export function subscriptionSections(model: EvidenceModel): [string, EvidenceCache[], EvidenceTarget[]][] {
  const groups = new Map<string, { caches: EvidenceCache[]; targets: EvidenceTarget[] }>();
  const group = (key: string) => {
    let found = groups.get(key);
    if (!found) groups.set(key, (found = { caches: [], targets: [] }));
    return found;
  };
  for (const cache of model.caches) group(cache.subscriptionId ?? NO_SUBSCRIPTION).caches.push(cache);
  for (const target of model.targets) group(target.subscriptionId ?? NO_SUBSCRIPTION).targets.push(target);
  const names = new Map(model.coverage.filter((c) => c.kind === 'subscription').map((c) => [c.scope.toLowerCase(), c.displayName]));
  return [...groups.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([key, { caches, targets }]) => {
      const display = names.get(key.toLowerCase());
      return [display ? `${display} (${key})` : key, caches, targets];
    });
}

/** One row per service the bundle holds something of: name (key), targets, endpoints, findings. */
export function serviceRows(model: EvidenceModel): [string, string, string, string][] {
  return Object.entries(model.summary.services).map(([key, c]) => [`${c.displayName} (${key})`, String(c.targets), String(c.endpoints), String(c.findings)]);
}

/** A target's public access as read: the switch's value, then the restriction when it is set. */
export function targetAccess(target: EvidenceTarget): string {
  const { property, value, restrictionProperty, restriction } = target.publicAccess;
  if (!property) return 'not catalogued';
  const leaf = (path: string) => path.replace(/^properties\./, '');
  const main = `${leaf(property)}: ${value === null ? 'not set' : show(value)}`;
  return restrictionProperty && restriction !== null ? `${main}; ${leaf(restrictionProperty)}: ${show(restriction)}` : main;
}

/** The report's opening sentences: what could not be read, or was read only in part, comes first, never buried. */
export function coverageSentence(model: EvidenceModel): string {
  const failed = model.coverage.filter((c) => c.status === 'failed');
  const partial = model.coverage.filter((c) => c.status === 'partial');
  if (failed.length === 0 && partial.length === 0) {
    const n = model.coverage.length;
    return n === 0 ? 'Coverage: no coverage was recorded for this scope.' : `Coverage: all ${n} ${plural(n, 'scope')} in scope were read.`;
  }
  const name = (c: EvidenceCoverage) => `${c.kind} ${c.scope}${c.displayName ? ` (${c.displayName})` : ''}`;
  const parts: string[] = [];
  if (failed.length > 0) {
    const which = failed.map((c) => `${name(c)}: ${c.reason ?? 'no reason given'}`);
    parts.push(`${failed.length} ${plural(failed.length, 'scope')} could not be read, so ${failed.length === 1 ? 'its' : 'their'} caches are missing from this evidence: ${which.join('; ')}`);
  }
  if (partial.length > 0) {
    const which = partial.map((c) => `${name(c)}: ${c.gaps.length} ${plural(c.gaps.length, 'read')} failed (${c.gaps.map(gapText).join('; ')})`);
    parts.push(`${partial.length} ${plural(partial.length, 'scope')} ${partial.length === 1 ? 'was' : 'were'} read only in part, so findings that depend on the failed reads may be missing: ${which.join('; ')}`);
  }
  return `NOT COVERED: ${parts.join('. ')}.`;
}

export function summarySentence(model: EvidenceModel): string {
  const s = model.summary;
  return (
    `${s.caches} ${plural(s.caches, 'cache')} in scope: ${s.privateOnly} private-only (public network access disabled and at least one endpoint with a clean chain), ` +
    `${s.withFindings} with findings. ${s.findings} ${plural(s.findings, 'finding')} ` +
    `(${s.findingsBySeverity.error} error, ${s.findingsBySeverity.warning} warning, ${s.findingsBySeverity.info} info) ` +
    `across ${s.endpoints} private ${plural(s.endpoints, 'endpoint')} and ${s.zones} private DNS ${plural(s.zones, 'zone')}.` +
    (s.targets > 0 ? ` ${s.targets} Private Link ${plural(s.targets, 'target')} of other services in scope.` : '')
  );
}

export function rulesByCount(model: EvidenceModel): [string, number][] {
  return Object.entries(model.summary.findingsByRule).sort(([a, x], [b, y]) => y - x || compareStrings(a, b));
}

export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

export function findingWhere(model: EvidenceModel, index: number): string {
  const f = model.findings[index];
  return f.location.kind === 'file' ? `${f.location.file}:${f.location.startLine}:${f.location.startColumn}` : f.location.resourceId;
}

/** Which checks ran: an auditor must be able to tell "no finding" from "not checked". */
export function rulesCheckedSentence(model: EvidenceModel): string {
  if (model.rulesChecked.length === 0) return 'Checks applied: none (no rule ran).';
  return `Checks applied (${model.rulesChecked.length}): ${model.rulesChecked.join(', ')}.`;
}

/** The scope in words: `estate file x; design folder y; subscriptions a, b`. */
export function scopeText(model: EvidenceModel): string {
  if (model.scope.sources.length === 0) return 'none';
  return model.scope.sources
    .map((s) => (s.kind === 'subscriptions' ? `subscriptions ${s.ids.join(', ')}` : s.kind === 'estate' ? `estate file ${s.file}` : `design folder ${s.folder}`))
    .join('; ');
}
