import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../support/paths';

// DESIGN.md: only src/vscode/ may import 'vscode'; the core runs in plain Node (CLI, tests, CI).
function tsFiles(dir: string, acc: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) tsFiles(path, acc);
    else if (name.endsWith('.ts')) acc.push(path);
  }
  return acc;
}

test("only src/vscode imports 'vscode'", () => {
  const root = repoRoot();
  const offenders = tsFiles(join(root, 'src'))
    .map((f) => relative(root, f))
    .filter((f) => !f.startsWith(join('src', 'vscode')))
    .filter((f) => /(from\s+['"]vscode['"])|(require\(\s*['"]vscode['"]\s*\))|(import\(\s*['"]vscode['"]\s*\))/.test(readFileSync(join(root, f), 'utf8')));
  assert.deepEqual(offenders, []);
});

test('the layer check itself sees src/vscode importing vscode', () => {
  const root = repoRoot();
  const inside = tsFiles(join(root, 'src', 'vscode')).filter((f) => /from\s+['"]vscode['"]/.test(readFileSync(f, 'utf8')));
  assert.ok(inside.length > 0, 'expected the extension layer to import vscode; the check would be vacuous');
});
