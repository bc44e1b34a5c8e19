// Bundles the extension, its engine, the CLI and the Azure SDK with esbuild (one call each, as rust-analyzer does).
// Activation loads only dist/extension.js: the engine (dist/engine.js) and the Azure SDK (dist/azure-sdk.js) are
// required on first use. With the SDK at activation it took ~200 ms, with the engine 157 ms; without both, ~6 ms
// (bench/activation.mjs; shared/reference/azure-sdk-notes.md).
import { build } from 'esbuild';
import { readFileSync, mkdirSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const production = process.argv.includes('--production') || process.env.CI === 'true';

/** The loader's `require('./azure-sdk')` (src/sources/live/sdk-loader.ts) becomes `require('./azure-sdk.js')` next to the bundle. */
const lazyAzureSdk = {
  name: 'lazy-azure-sdk',
  setup(b) {
    b.onResolve({ filter: /^\.\/azure-sdk$/ }, (args) =>
      args.importer.includes('src/sources/live/') ? { path: './azure-sdk.js', external: true } : undefined,
    );
  },
};

/** The extension's engine (parsers, rules, evidence, probe) is its own bundle, dist/engine.js, required on first use. */
const lazyEngine = {
  name: 'lazy-engine',
  setup(b) {
    b.onResolve({ filter: /^\.\/engine$/ }, (args) => (args.importer.includes('src/vscode/') ? { path: './engine.js', external: true } : undefined));
    // The language client likewise (dist/languageclient.js), required when the language server starts.
    b.onResolve({ filter: /^\.\/languageclient$/ }, (args) => (args.importer.includes('src/vscode/') ? { path: './languageclient.js', external: true } : undefined));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { __PLR_VERSION__: JSON.stringify(pkg.version) },
  // jsonc-parser's UMD main requires its own files at run time, which a bundle cannot follow: take its ES module build.
  mainFields: ['module', 'main'],
};

mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [lazyAzureSdk, lazyEngine] }),
  build({ ...common, entryPoints: ['src/vscode/engine.ts'], outfile: 'dist/engine.js', external: ['vscode'], plugins: [lazyAzureSdk] }),
  build({ ...common, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js', plugins: [lazyAzureSdk] }),
  build({ ...common, entryPoints: ['src/vscode/languageclient.ts'], outfile: 'dist/languageclient.js', external: ['vscode'] }),
  // The language server (started by the extension and by `plreview lsp`) and its analysis worker thread.
  build({ ...common, entryPoints: ['src/lsp/main.ts'], outfile: 'dist/lsp-server.js' }),
  build({ ...common, entryPoints: ['src/lsp/analysis-worker.ts'], outfile: 'dist/analysis-worker.js' }),
  build({ ...common, entryPoints: ['src/sources/live/azure-sdk.ts'], outfile: 'dist/azure-sdk.js', minify: true, sourcemap: false }),
]);
