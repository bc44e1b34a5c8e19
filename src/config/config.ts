// `.plreview.yaml` at the workspace root, shared by the editor and the CLI:
//   rules: { <rule-id>: off | info | warning | error }
//   requiredTags: [owner]
//   cloud: AzureCloud | AzureUSGovernment | AzureChinaCloud
//   evidenceTags: [owner, environment]   (tag keys whose values evidence bundles record)

import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { CLOUDS } from '../catalog/services';
import type { CloudName } from '../graph/types';
import { LOCKED_RULE_IDS } from '../rules/registry';
import type { Range } from '../graph/types';
import type { SeveritySetting } from '../rules/types';

export const CONFIG_FILE_NAME = '.plreview.yaml';

export interface ProjectConfig {
  readonly severities: Readonly<Record<string, SeveritySetting>>;
  readonly requiredTags: readonly string[];
  readonly cloud?: CloudName;
  /** Tag keys whose values evidence records (case-insensitive); absent: the default list (evidence/secrets.ts). */
  readonly evidenceTags?: readonly string[];
}

export interface ConfigResult {
  readonly config: ProjectConfig;
  /** Problems with the file, each a readable sentence; the rest of the file still applies. */
  readonly errors: readonly string[];
  /**
   * Entries that try to switch off or re-level a rule that keeps reviews fail closed (LOCKED_RULE_IDS). They are
   * ignored, and reported where they are written (config-findings.ts), so the user is not left believing them.
   */
  readonly lockedRules: readonly LockedRuleSetting[];
}

export interface LockedRuleSetting {
  readonly ruleId: string;
  readonly value: string;
  /** The `<rule>: <value>` entry in the file (0-based lines, UTF-16 characters). */
  readonly range: Range;
}

const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

export const DEFAULT_CONFIG: ProjectConfig = { severities: {}, requiredTags: [] };

export function parseConfig(text: string, knownRuleIds: readonly string[]): ConfigResult {
  const errors: string[] = [];
  const lockedRules: LockedRuleSetting[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  for (const e of doc.errors) errors.push(`${CONFIG_FILE_NAME}: ${e.message.split('\n')[0]}`);
  const raw = doc.toJS() as unknown;
  if (raw === null || raw === undefined) return { config: DEFAULT_CONFIG, errors, lockedRules };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { config: DEFAULT_CONFIG, errors: [...errors, `${CONFIG_FILE_NAME}: expected a mapping at the top level`], lockedRules };
  }
  const top = raw as Record<string, unknown>;
  const severities: Record<string, SeveritySetting> = {};
  if (top.rules !== undefined) {
    if (typeof top.rules !== 'object' || top.rules === null || Array.isArray(top.rules)) {
      errors.push(`${CONFIG_FILE_NAME}: 'rules' must map rule ids to off, info, warning or error`);
    } else {
      for (const [id, value] of Object.entries(top.rules as Record<string, unknown>)) {
        if (!knownRuleIds.includes(id) && !LOCKED_RULE_IDS.includes(id)) errors.push(`${CONFIG_FILE_NAME}: unknown rule '${id}'`);
        else if (typeof value !== 'string' || !SEVERITIES.includes(value as SeveritySetting)) {
          errors.push(`${CONFIG_FILE_NAME}: rule '${id}' must be off, info, warning or error, not '${String(value)}'`);
        } else if (LOCKED_RULE_IDS.includes(id)) {
          // Never applied, whatever the value; saying 'error' (what it is anyway) changes nothing, so no warning.
          if (value !== 'error') lockedRules.push({ ruleId: id, value, range: entryRange(doc, id, lineCounter) });
        } else severities[id] = value as SeveritySetting;
      }
    }
  }
  let requiredTags: string[] = [];
  if (top.requiredTags !== undefined) {
    if (Array.isArray(top.requiredTags) && top.requiredTags.every((t) => typeof t === 'string')) requiredTags = top.requiredTags;
    else errors.push(`${CONFIG_FILE_NAME}: 'requiredTags' must be a list of tag names`);
  }
  let cloud: CloudName | undefined;
  if (top.cloud !== undefined) {
    if (CLOUDS.includes(top.cloud as CloudName)) cloud = top.cloud as CloudName;
    else errors.push(`${CONFIG_FILE_NAME}: 'cloud' must be one of ${CLOUDS.join(', ')}`);
  }
  let evidenceTags: string[] | undefined;
  if (top.evidenceTags !== undefined) {
    if (Array.isArray(top.evidenceTags) && top.evidenceTags.every((t) => typeof t === 'string')) evidenceTags = top.evidenceTags;
    else errors.push(`${CONFIG_FILE_NAME}: 'evidenceTags' must be a list of tag names`);
  }
  for (const key of Object.keys(top)) {
    if (!['rules', 'requiredTags', 'cloud', 'evidenceTags'].includes(key)) errors.push(`${CONFIG_FILE_NAME}: unknown setting '${key}'`);
  }
  return { config: { severities, requiredTags, cloud, ...(evidenceTags ? { evidenceTags } : {}) }, errors, lockedRules };
}

/** Where `rules: { <id>: … }` is written: from the key to the end of its value. */
function entryRange(doc: ReturnType<typeof parseDocument>, id: string, lineCounter: LineCounter): Range {
  const rules = doc.get('rules', true);
  const pair = isMap(rules) ? rules.items.find((p) => isScalar(p.key) && p.key.value === id) : undefined;
  const start = (isScalar(pair?.key) ? pair.key.range?.[0] : undefined) ?? 0;
  const end = (isScalar(pair?.value) ? pair.value.range?.[1] : undefined) ?? start;
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line - 1, character: col - 1, offset };
  };
  return { start: at(start), end: at(end) };
}
