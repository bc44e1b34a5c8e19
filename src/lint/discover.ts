// Finds the design files under the paths the user named. Folders are searched recursively for the files some
// registered format claims (src/sources/formats.ts), looking at a file's start only when its name is not enough;
// named files are taken as they are. Returned paths keep the form they were given in (`infra` → `infra/cache.bicep`), sorted.

import { statSync, type Stats } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { classifyDesignFile, isDesignFileByName, mayBeDesignFile, SNIFF_BYTES } from '../sources/formats';

/** Folders never searched: dependencies and VCS data are not the user's design. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.terraform']);

export class DiscoveryError extends Error {}

/** `givenFolders` receives the absolute paths of the given paths that are folders (so callers need not stat them again). */
export async function discoverDesignFiles(pathsOrFolders: string[], cwd: string, givenFolders?: Set<string>): Promise<string[]> {
  const found = new Set<string>();
  const givenPaths = pathsOrFolders.length > 0 ? pathsOrFolders : ['.'];
  // Named paths are stat'ed synchronously: awaited one by one, 2,330 files named on the command line waited on
  // the thread pool 2,330 times (a third of linting them); all at once, they still cost a promise and a thread
  // hop each.
  for (const given of givenPaths) {
    const absolute = resolve(cwd, given);
    const info = statOrUndefined(absolute);
    if (!info) throw new DiscoveryError(`${given}: no such file or folder`);
    if (info.isDirectory()) {
      givenFolders?.add(absolute);
      await walk(absolute, given === '.' ? '' : given, found);
    } else found.add(given);
  }
  return [...found].sort();
}

/** The path's stat (links followed), or undefined when it is not there for us. Synchronous: see discoverDesignFiles. */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // not a folder on the way, no permission: not there for us
  }
}

async function walk(absolute: string, shown: string, found: Set<string>): Promise<void> {
  const entries = await readdir(absolute, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const childAbsolute = join(absolute, entry.name);
    const childShown = shown ? join(shown, entry.name) : entry.name;
    // Symbolic links to folders are not followed (no cycles, no walking out of the workspace).
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(childAbsolute, childShown, found);
    } else if (entry.isFile() && (await isDesignFile(childAbsolute, entry.name))) {
      found.add(childShown);
    }
  }
}

async function isDesignFile(path: string, name: string): Promise<boolean> {
  if (isDesignFileByName(name)) return true;
  if (!mayBeDesignFile(name)) return false;
  return classifyDesignFile(name, await head(path)) !== undefined;
}

async function head(path: string): Promise<string> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return '';
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
