// The configuration the Private Link view and Export Evidence run the rules with: the workspace folder's
// `.plreview.yaml`, read exactly as `plreview audit` / `plreview evidence` read `./.plreview.yaml` when run in that
// folder. Before, the editor ran the estate rules with defaults (no required tags, no severities), so the same
// estate gave other findings in the view than in CI. Core code, so a plain-Node test proves the parity.

import { join } from 'node:path';
import { confinedReader } from '../lint/confined-read';
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
  let text: string | undefined;
  try {
    text = readText(file);
  } catch (error) {
    if (error instanceof ConfigNotRead) return { config: DEFAULT_CONFIG, errors: [error.message], file };
    throw error;
  }
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

/**
 * Read as the CLI reads it (cli/load-config.ts): a regular file of at most 10 MB, so a FIFO or a device named
 * .plreview.yaml cannot hang the editor's extension host. A file that is there but not read is not silently
 * treated as absent: its reason becomes a problem, and the defaults apply.
 */
function readFromDisk(path: string): string | undefined {
  const text = confinedReader(join(path, '..'))(path);
  if (typeof text === 'object') throw new ConfigNotRead(`${CONFIG_FILE_NAME} was not read: ${text.notRead}`);
  return text;
}

class ConfigNotRead extends Error {}
