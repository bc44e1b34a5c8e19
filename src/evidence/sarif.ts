// SARIF 2.1.0 for findings from designs and from live estates, shared by `plreview lint --format sarif` and
// the evidence bundle. Design findings carry a physical location (a file region); live findings a logical
// location (the resource id), as code-scanning tools expect. Fingerprints identify a finding across runs without
// depending on line numbers or message wording.

import { createHash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileSpan } from '../graph/types';
import { lastSegment } from '../graph/resource-id';
import { SOURCE_PROBLEM_RULES } from '../lint/source-problems';
import { ANALYSIS_INCOMPLETE, RULES } from '../rules/registry';
import { COVERAGE_INCOMPLETE } from '../rules/coverage-incomplete';
import { CONFIG_LOCKED_RULE } from '../config/config-findings';
import type { Finding, Rule, Severity, SeveritySetting } from '../rules/types';
import { TOOL_NAME, TOOL_VERSION } from '../version';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'plreview/v1';
const SRCROOT = 'SRCROOT';

export interface SarifOptions {
  /** Files under this folder get relative URIs against `%SRCROOT%` (the working directory or workspace root). */
  readonly baseDir?: string;
  /** Rule metadata to describe (default: every registered rule and the source-problem ids). */
  readonly rules?: readonly Rule[];
  /** The Markdown of a rule's documentation page (`docs/rules/<id>.md`), for `help.markdown`. */
  readonly ruleDoc?: (ruleId: string) => string | undefined;
  readonly toolVersion?: string;
  /** When the analysis ran (ISO 8601), recorded on the run's invocation. */
  readonly startTimeUtc?: string;
  readonly endTimeUtc?: string;
  /** Overrides the fingerprint (the evidence bundle passes its own stable identity). */
  readonly fingerprintOf?: (finding: Finding) => string;
}

export type SarifLog = Record<string, unknown>;

interface Descriptor {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly defaultSeverity: SeveritySetting;
  readonly sourceUrl?: string;
  readonly appliesTo?: 'any-target' | 'redis';
}

export function toSarif(findings: readonly Finding[], opts: SarifOptions = {}): SarifLog {
  const descriptors: Descriptor[] = [...(opts.rules ?? RULES), ...SOURCE_PROBLEM_RULES];
  if (findings.some((f) => f.ruleId === COVERAGE_INCOMPLETE.id)) descriptors.push(COVERAGE_INCOMPLETE);
  if (findings.some((f) => f.ruleId === CONFIG_LOCKED_RULE.id)) descriptors.push(CONFIG_LOCKED_RULE);
  // A finding of a rule the caller did not list still needs a descriptor for ruleIndex to point at.
  for (const finding of findings) {
    if (!descriptors.some((d) => d.id === finding.ruleId)) {
      descriptors.push({ id: finding.ruleId, title: finding.ruleId, description: finding.ruleId, defaultSeverity: finding.severity });
    }
  }
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const fingerprints = opts.fingerprintOf ? findings.map(opts.fingerprintOf) : fingerprintsOf(findings, opts.baseDir);
  // Fail closed (issue #12): a run that could not analyse everything did not succeed, whatever it found; each
  // such finding is also a notification naming the file, where code-scanning tools show tool problems.
  const incomplete = findings.filter((f) => INCOMPLETE_RULE_IDS.has(f.ruleId));
  const invocation: Record<string, unknown> = { executionSuccessful: incomplete.length === 0 };
  if (incomplete.length > 0) {
    invocation.toolExecutionNotifications = incomplete.map((f) => notificationOf(f, index.get(f.ruleId) ?? 0, opts.baseDir));
  }
  if (opts.startTimeUtc) invocation.startTimeUtc = opts.startTimeUtc;
  if (opts.endTimeUtc) invocation.endTimeUtc = opts.endTimeUtc;

  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: TOOL_NAME,
        fullName: 'Private Link Review',
        version: opts.toolVersion ?? TOOL_VERSION,
        semanticVersion: opts.toolVersion ?? TOOL_VERSION,
        rules: descriptors.map((d) => descriptorOf(d, opts.ruleDoc)),
      },
    },
    invocations: [invocation],
    columnKind: 'utf16CodeUnits',
    results: findings.map((finding, i) => resultOf(finding, index.get(finding.ruleId) ?? 0, fingerprints[i], opts.baseDir)),
  };
  if (opts.baseDir) run.originalUriBaseIds = { [SRCROOT]: { uri: directoryUri(opts.baseDir) } };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

function descriptorOf(d: Descriptor, ruleDoc: SarifOptions['ruleDoc']): Record<string, unknown> {
  const descriptor: Record<string, unknown> = {
    id: d.id,
    name: pascalCase(d.id),
    shortDescription: { text: d.title },
    fullDescription: { text: d.description },
    defaultConfiguration: d.defaultSeverity === 'off' ? { enabled: false, level: 'none' } : { level: levelOf(d.defaultSeverity) },
  };
  if (d.sourceUrl) descriptor.helpUri = d.sourceUrl;
  // Rules that judge only Redis caches say so, so a reader of a Storage finding list knows why they are absent.
  if (d.appliesTo === 'redis') descriptor.properties = { tags: ['redis-only'] };
  const markdown = ruleDoc?.(d.id);
  descriptor.help = markdown ? { text: d.description, markdown } : { text: d.description };
  return descriptor;
}

/** Findings that say the run did not see everything: the invocation did not succeed. */
const INCOMPLETE_RULE_IDS: ReadonlySet<string> = new Set([ANALYSIS_INCOMPLETE, COVERAGE_INCOMPLETE.id]);

function notificationOf(finding: Finding, ruleIndex: number, baseDir: string | undefined): Record<string, unknown> {
  const location =
    finding.location.kind === 'file'
      ? { physicalLocation: physicalLocation(finding.location.span, baseDir) }
      : { logicalLocations: [{ fullyQualifiedName: finding.location.resourceId, kind: 'resource' }] };
  return { level: 'error', message: { text: finding.message }, locations: [location], associatedRule: { id: finding.ruleId, index: ruleIndex } };
}

function resultOf(finding: Finding, ruleIndex: number, fingerprint: string, baseDir: string | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: levelOf(finding.severity),
    message: { text: finding.message },
  };
  if (finding.location.kind === 'file') {
    result.locations = [{ physicalLocation: physicalLocation(finding.location.span, baseDir) }];
  } else {
    const { resourceId } = finding.location;
    result.locations = [{ logicalLocations: [{ fullyQualifiedName: resourceId, name: lastSegment(resourceId), kind: 'resource' }] }];
  }
  const related = finding.related.flatMap((r, i): Record<string, unknown>[] => {
    const span = r.span ?? (r.origin.kind === 'file' ? r.origin.span : undefined);
    if (span) return [{ id: i + 1, message: { text: r.message }, physicalLocation: physicalLocation(span, baseDir) }];
    if (r.origin.kind === 'live') {
      return [{ id: i + 1, message: { text: r.message }, logicalLocations: [{ fullyQualifiedName: r.origin.resourceId, kind: 'resource' }] }];
    }
    return [];
  });
  if (related.length > 0) result.relatedLocations = related;
  result.partialFingerprints = { [FINGERPRINT_KEY]: fingerprint };
  result.properties = { source: finding.source === 'live' ? 'live' : 'design', nodeId: finding.nodeId };
  return result;
}

function physicalLocation(span: FileSpan, baseDir: string | undefined): Record<string, unknown> {
  const { start, end } = span.range;
  return {
    artifactLocation: artifactLocation(span.file, baseDir),
    region: {
      startLine: start.line + 1,
      startColumn: start.character + 1,
      endLine: Math.max(end.line, start.line) + 1,
      endColumn: end.character + 1,
      charOffset: start.offset,
      charLength: Math.max(0, end.offset - start.offset),
    },
  };
}

function artifactLocation(file: string, baseDir: string | undefined): Record<string, unknown> {
  const inside = relativeInside(file, baseDir);
  if (inside !== undefined) return { uri: inside.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split(/[\\/]/).map(encodeURIComponent).join('/') };
}

/** The path relative to baseDir when the file is inside it. */
function relativeInside(file: string, baseDir: string | undefined): string | undefined {
  if (!baseDir || !isAbsolute(file)) return undefined;
  const rel = relative(baseDir, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : undefined;
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

export function levelOf(severity: Severity | SeveritySetting): 'error' | 'warning' | 'note' | 'none' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : severity === 'info' ? 'note' : 'none';
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _dash, ch: string) => ch.toUpperCase());
}

/**
 * The identity of a finding across runs: rule, where (file relative to baseDir, or resource id) and which node,
 * never the line or the wording. Findings that would share one (two wrong group ids on one endpoint) are told
 * apart by their order of appearance, which moves only when such findings are added or removed.
 */
export function fingerprintsOf(findings: readonly Finding[], baseDir?: string): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const where =
      finding.location.kind === 'file'
        ? (relativeInside(finding.location.span.file, baseDir) ?? finding.location.span.file).split(sep).join('/')
        : finding.location.resourceId.toLowerCase();
    const node = baseDir ? finding.nodeId.split(baseDir + sep).join('') : finding.nodeId;
    const key = `${finding.ruleId}\u0000${where}\u0000${node.toLowerCase()}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}
