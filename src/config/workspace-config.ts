// The configuration the Private Link view and Export Evidence run the rules with: the workspace folder's
// `.plreview.yaml`, read exactly as `plreview audit` / `plreview evidence` read `./.plreview.yaml` when run in that
// folder. Before, the editor ran the estate rules with defaults (no required tags, no severities), so the same
// estate gave other findings in the view than in CI. Core code, so a plain-Node test proves the parity.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudName } from '../graph/types';
import { allRuleIds } from '../rules/registry';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, parseConfig, type ProjectConfig } from './config';

export interface WorkspaceConfig {
  readonly config: ProjectConfig;
  /** Problems with the file, each a readable sentence (the rest still applies). */
  readonly errors: readonly string[];
  /** The file read, when there is one. */
  readonly file: string | undefined;
}

/** `<folder>/.plreview.yaml`, or the defaults when the folder has none. */
export function readWorkspaceConfig(folder: string | undefined, readText: (path: string) => string | undefined = readFromDisk): WorkspaceConfig {
  if (!folder) return { config: DEFAULT_CONFIG, errors: [], file: undefined };
  const file = join(folder, CONFIG_FILE_NAME);
  const text = readText(file);
  if (text === undefined) return { config: DEFAULT_CONFIG, errors: [], file: undefined };
  const { config, errors } = parseConfig(text, allRuleIds());
  return { config, errors, file };
}

/**
 * The estate rules' configuration for a workspace folder: its `.plreview.yaml`, with a cloud the user chose
 * explicitly on top (the CLI's `--cloud`; in the editor, the `privateLinkReview.cloud` setting when it is set).
 */
export function estateRuleConfig(folder: string | undefined, explicitCloud?: CloudName, readText?: (path: string) => string | undefined): ProjectConfig {
  const { config } = readWorkspaceConfig(folder, readText);
  return explicitCloud ? { ...config, cloud: explicitCloud } : config;
}

function readFromDisk(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
