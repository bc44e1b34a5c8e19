// Finds the design files under the paths the user named. Folders are searched recursively for Bicep files,
// ARM templates (JSON whose `$schema` is a deployment template) and YAML designs; named files are taken as
// they are. Returned paths keep the form they were given in (`infra` → `infra/cache.bicep`), sorted.

import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { classifyDesignFile, isNamedYamlDesign, isTerraformFile } from './design-file';

/** Folders never searched: dependencies and VCS data are not the user's design. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.terraform']);

/** Enough of a file to see an ARM `$schema` or a YAML design marker (`privateLinkDesign:`) near its top. */
const SNIFF_BYTES = 65536;

export class DiscoveryError extends Error {}

export async function discoverDesignFiles(pathsOrFolders: string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const given of pathsOrFolders.length > 0 ? pathsOrFolders : ['.']) {
    const absolute = resolve(cwd, given);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new DiscoveryError(`${given}: no such file or folder`);
    if (info.isDirectory()) await walk(absolute, given === '.' ? '' : given, found);
    else found.add(given);
  }
  return [...found].sort();
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
  const lower = name.toLowerCase();
  if (lower.endsWith('.bicep') || lower.endsWith('.bicepparam') || isNamedYamlDesign(name) || isTerraformFile(lower)) return true;
  if (!/\.(json|jsonc|ya?ml)$/.test(lower)) return false;
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
