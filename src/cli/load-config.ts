// `--config <file>` or ./.plreview.yaml when present: shared by the commands that run rules.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, parseConfig, type ProjectConfig } from '../config/config';
import { allRuleIds } from '../rules/registry';
import { UsageError, type CliIo } from './io';

export function loadProjectConfig(path: string | undefined, io: CliIo, command: string): ProjectConfig {
  const file = resolve(io.cwd, path ?? CONFIG_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    if (path) throw new UsageError(`${path}: no such file`);
    return DEFAULT_CONFIG;
  }
  const { config, errors } = parseConfig(text, allRuleIds());
  for (const error of errors) io.err(`plreview ${command}: ${error}\n`);
  return config;
}
