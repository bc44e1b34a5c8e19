// `.plreview.yaml` at the workspace root, shared by the editor and the CLI:
//   rules: { <rule-id>: off | info | warning | error }
//   requiredTags: [owner]
//   cloud: AzureCloud | AzureUSGovernment | AzureChinaCloud
//   evidenceTags: [owner, environment]   (tag keys whose values evidence bundles record)

import { parseDocument } from 'yaml';
import { CLOUDS } from '../catalog/services';
import type { CloudName } from '../graph/types';
import { ANALYSIS_INCOMPLETE } from '../rules/registry';
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
}

const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

export const DEFAULT_CONFIG: ProjectConfig = { severities: {}, requiredTags: [] };

export function parseConfig(text: string, knownRuleIds: readonly string[]): ConfigResult {
  const errors: string[] = [];
  const doc = parseDocument(text);
  for (const e of doc.errors) errors.push(`${CONFIG_FILE_NAME}: ${e.message.split('\n')[0]}`);
  const raw = doc.toJS() as unknown;
  if (raw === null || raw === undefined) return { config: DEFAULT_CONFIG, errors };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { config: DEFAULT_CONFIG, errors: [...errors, `${CONFIG_FILE_NAME}: expected a mapping at the top level`] };
  }
  const top = raw as Record<string, unknown>;
  const severities: Record<string, SeveritySetting> = {};
  if (top.rules !== undefined) {
    if (typeof top.rules !== 'object' || top.rules === null || Array.isArray(top.rules)) {
      errors.push(`${CONFIG_FILE_NAME}: 'rules' must map rule ids to off, info, warning or error`);
    } else {
      for (const [id, value] of Object.entries(top.rules as Record<string, unknown>)) {
        if (!knownRuleIds.includes(id)) errors.push(`${CONFIG_FILE_NAME}: unknown rule '${id}'`);
        else if (id === ANALYSIS_INCOMPLETE) {
          errors.push(`${CONFIG_FILE_NAME}: rule '${id}' cannot be changed: a review never passes files it could not analyse`);
        }
        else if (typeof value !== 'string' || !SEVERITIES.includes(value as SeveritySetting)) {
          errors.push(`${CONFIG_FILE_NAME}: rule '${id}' must be off, info, warning or error, not '${String(value)}'`);
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
  return { config: { severities, requiredTags, cloud, ...(evidenceTags ? { evidenceTags } : {}) }, errors };
}
