// The cloud each design file is judged in, resolved per file like EditorConfig resolves a setting: the nearest
// `.plreview.yaml` above the file that names a `cloud:` wins; without one, the caller's fallback (the CLI's
// `--cloud`, else the editor setting or the `--config` file), else AzureCloud. So a Gov review folder's
// `.plreview.yaml` never changes the verdict on a commercial folder next to it, and no verdict depends on the
// order files are listed in. (A YAML design's own `cloud:` applies to that design only: sources/yaml.)

import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { CloudName } from '../graph/types';
import { CONFIG_FILE_NAME, parseConfig } from './config';

export interface CloudCascadeOptions {
  /** Relative design paths are relative to this folder (the CLI's working folder). */
  readonly baseDir: string;
  /** Reads a file, undefined when it does not exist or cannot be read (default: from disk). */
  readonly readText?: (path: string) => string | undefined;
  /** The cloud when no `.plreview.yaml` above a file names one. */
  readonly fallback?: CloudName;
}

/** A resolver `path → cloud`; each folder's `.plreview.yaml` is read once. */
export function cloudCascade(options: CloudCascadeOptions): (path: string) => CloudName {
  const fallback = options.fallback ?? 'AzureCloud';
  const byFolder = new Map<string, CloudName | undefined>();
  const cloudOfFolder = (folder: string): CloudName | undefined => {
    if (byFolder.has(folder)) return byFolder.get(folder);
    byFolder.set(folder, undefined); // guards the walk (a folder is its own parent at the root)
    const text = (options.readText ?? readFromDisk)(join(folder, CONFIG_FILE_NAME));
    // A file whose `cloud:` is invalid names none (its errors are reported where the file is loaded as config).
    const own = text === undefined ? undefined : parseConfig(text, []).config.cloud;
    const parent = dirname(folder);
    const cloud = own ?? (parent !== folder ? cloudOfFolder(parent) : undefined);
    byFolder.set(folder, cloud);
    return cloud;
  };
  return (path) => cloudOfFolder(dirname(isAbsolute(path) ? path : resolve(options.baseDir, path))) ?? fallback;
}

function readFromDisk(path: string): string | undefined {
  // Most folders have no .plreview.yaml: asked without an exception (a thrown ENOENT per folder was a twentieth
  // of linting the 2,330 files of a large repository).
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
