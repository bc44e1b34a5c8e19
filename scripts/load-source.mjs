// Loads parts of the extension straight from src/ for development scripts and benchmarks: bundled in memory with
// esbuild the way scripts/build.mjs ships them (same main fields), so no build step is needed first.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** `exports` is TypeScript export statements with paths relative to the repository root. */
export async function loadFromSource(exports) {
  const result = await build({
    stdin: { contents: exports, resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  const module = { exports: {} };
  // __dirname of the bundle is the repository root, where schemas/ and docs/ are found.
  new Function('module', 'exports', 'require', '__dirname', result.outputFiles[0].text)(module, module.exports, require, root);
  return module.exports;
}
