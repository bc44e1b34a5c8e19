// Reads a rule's documentation page (`docs/rules/<id>.md`) from the installation, for SARIF `help.markdown`.
// The page ships next to the code (repository, test build and .vsix keep `docs/` at the root).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let docsRoot: string | null | undefined;

function findDocsRoot(): string | null {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'docs', 'rules'))) return join(dir, 'docs', 'rules');
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function readRuleDoc(ruleId: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  docsRoot ??= findDocsRoot();
  if (!docsRoot) return undefined;
  try {
    return readFileSync(join(docsRoot, `${ruleId}.md`), 'utf8');
  } catch {
    return undefined;
  }
}
