// Transpiles src/ and test/ to out/ for `node --test`. esbuild only strips types (fast, one file per file);
// `npm run typecheck` (tsc --noEmit) is the type check, as in rust-analyzer's editors/code.
import { build } from 'esbuild';
import { rmSync, cpSync, existsSync } from 'node:fs';

// Clean only on request (CI starts from a fresh clone anyway): several developers building at once must not
// delete each other's compiled tests mid-run.
if (process.argv.includes('--clean')) rmSync('out', { recursive: true, force: true });
await build({
  entryPoints: ['src/**/*.ts', 'test/**/*.ts'],
  outdir: 'out',
  outbase: '.',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});
// Fixtures stay next to the compiled tests so tests can find them relative to __dirname.
if (existsSync('test/fixtures')) cpSync('test/fixtures', 'out/test/fixtures', { recursive: true });
