// The TypeScript files under src/, as paths relative to the repository root, for tests that check house rules.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './paths';

export function sourceFiles(folder = 'src'): string[] {
  const root = repoRoot();
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) files.push(relative(root, path));
    }
  };
  walk(join(root, folder));
  return files.sort();
}
