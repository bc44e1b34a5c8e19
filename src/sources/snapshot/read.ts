// Reads an estate from disk: one JSON file, or a folder of them (examples/estate is one estate split by owner).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseEstate, type ParsedEstate } from './estate';

export function readEstatePath(path: string): ParsedEstate {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return { resources: [], coverage: [], errors: [`${path}: no such file or folder`] };
  }
  const files = stats.isDirectory()
    ? readdirSync(path).filter((name) => name.toLowerCase().endsWith('.json')).sort().map((name) => join(path, name))
    : [path];
  const merged: ParsedEstate = { resources: [], coverage: [], errors: [] };
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      merged.errors.push(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    const parsed = parseEstate(text, file);
    merged.resources.push(...parsed.resources);
    merged.coverage.push(...parsed.coverage);
    merged.errors.push(...parsed.errors);
  }
  if (files.length === 0) merged.errors.push(`${path}: no .json estate files in this folder`);
  return merged;
}
