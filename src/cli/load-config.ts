// `--config <file>` or ./.plreview.yaml when present: shared by the commands that run rules.

import { dirname, resolve } from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, parseConfig, type ProjectConfig } from '../config/config';
import { confinedReader } from '../lint/confined-read';
import { allRuleIds } from '../rules/registry';
import { UsageError, type CliIo } from './io';

export function loadProjectConfig(path: string | undefined, io: CliIo, command: string): ProjectConfig {
  const file = resolve(io.cwd, path ?? CONFIG_FILE_NAME);
  // Read as design files are: a FIFO or a device named .plreview.yaml must not hang or flood the run.
  const text = confinedReader(dirname(file))(file);
  if (text === undefined) {
    if (path) throw new UsageError(`${path}: no such file`);
    return DEFAULT_CONFIG;
  }
  if (typeof text !== 'string') throw new UsageError(`${path ?? CONFIG_FILE_NAME}: not read: ${text.notRead}`);
  const { config, errors } = parseConfig(text, allRuleIds());
  for (const error of errors) io.err(`plreview ${command}: ${error}\n`);
  return config;
}
