import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';
import { sourceFiles } from '../support/source-files';

// DESIGN.md: only src/vscode/ may import 'vscode'; the core runs in plain Node (CLI, tests, CI).

test("only src/vscode imports 'vscode'", () => {
  const root = repoRoot();
  const offenders = sourceFiles()
    .filter((f) => !f.startsWith(join('src', 'vscode')))
    .filter((f) => /(from\s+['"]vscode['"])|(require\(\s*['"]vscode['"]\s*\))|(import\(\s*['"]vscode['"]\s*\))/.test(readFileSync(join(root, f), 'utf8')));
  assert.deepEqual(offenders, []);
});

test('the layer check itself sees src/vscode importing vscode', () => {
  const root = repoRoot();
  const inside = sourceFiles(join('src', 'vscode')).filter((f) => /from\s+['"]vscode['"]/.test(readFileSync(join(root, f), 'utf8')));
  assert.ok(inside.length > 0, 'expected the extension layer to import vscode; the check would be vacuous');
});
