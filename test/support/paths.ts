// Paths tests need: the repository root from out/test/** (compiled) or test/** (source).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

/** A fixture under test/fixtures (copied to out/test/fixtures by the test build; the source copy is used). */
export function fixture(...parts: string[]): string {
  return resolve(repoRoot(), 'test', 'fixtures', ...parts);
}
