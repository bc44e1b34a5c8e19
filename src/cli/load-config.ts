// `--config <file>` or ./.plreview.yaml when present: shared by the commands that run rules.

import { dirname, resolve } from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, parseConfig, type ProjectConfig } from '../config/config';
import { confinedReader } from '../lint/confined-read';
import { allRuleIds } from '../rules/registry';
import { UsageError, type CliIo } from './io';
import { lockedRuleFindings } from '../config/config-findings';
import type { AnalysisMode, Finding } from '../rules/types';

export interface LoadedProjectConfig {
  readonly config: ProjectConfig;
  /**
   * Findings about the file itself, at their line: entries that try to switch off a fail-closed rule
   * (config-locked-rule). Commands that report findings list them with the others; the rest print them.
   */
  readonly findings: readonly Finding[];
}

export function loadProjectConfig(path: string | undefined, io: CliIo, command: string, source: AnalysisMode = 'design'): LoadedProjectConfig {
  const file = resolve(io.cwd, path ?? CONFIG_FILE_NAME);
  // Read as design files are: a FIFO or a device named .plreview.yaml must not hang or flood the run.
  const text = confinedReader(dirname(file))(file);
  if (text === undefined) {
    if (path) throw new UsageError(`${path}: no such file`);
    return { config: DEFAULT_CONFIG, findings: [] };
  }
  if (typeof text !== 'string') throw new UsageError(`${path ?? CONFIG_FILE_NAME}: not read: ${text.notRead}`);
  const { config, errors, lockedRules } = parseConfig(text, allRuleIds());
  for (const error of errors) io.err(`plreview ${command}: ${error}\n`);
  return { config, findings: lockedRuleFindings(file, lockedRules, source) };
}
