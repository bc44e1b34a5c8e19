// Activation time of the packaged extension (issue 2: under 20 ms, and the Azure SDK must not load).
// Each sample is a fresh Node process: require dist/extension.js with `vscode` resolved to bench/vscode-stub.cjs,
// call activate with a stub context, and report the milliseconds and which modules loaded. The peer is the same
// activation preceded by loading the Azure SDK bundle, which is what activation would cost with eager imports.
// Run alone: `node bench/activation.mjs` (after `npm run build`), or through `npm run bench`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { median, fmt } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXTENSION = join(root, 'dist', 'extension.js');
const SDK = join(root, 'dist', 'azure-sdk.js');
const STUB = join(root, 'bench', 'vscode-stub.cjs');
const RUNS = 9;
const BUDGET_MS = 20;

const child = (eagerSdk) => `
const Module = require('module');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? ${JSON.stringify(STUB)} : original.call(this, request, ...rest);
};
const { performance } = require('perf_hooks');
// VS Code has its API module ready before any extension loads: load the stand-in before the clock starts.
require('vscode');
const start = performance.now();
${eagerSdk ? `require(${JSON.stringify(SDK)});` : ''}
const extension = require(${JSON.stringify(EXTENSION)});
const subscriptions = [];
const context = { subscriptions, extensionUri: { fsPath: ${JSON.stringify(root)}, scheme: 'file' }, extensionPath: ${JSON.stringify(root)},
  extensionMode: 1, globalState: { get() {}, update: async () => {} }, workspaceState: { get() {}, update: async () => {} } };
extension.activate(context);
const ms = performance.now() - start;
const loaded = Object.keys(require.cache);
process.stdout.write(JSON.stringify({
  ms,
  sdkLoaded: loaded.some((f) => f.endsWith('azure-sdk.js') || f.includes('/@azure/')),
  modules: loaded.length,
  disposables: subscriptions.length,
  calls: require(${JSON.stringify(STUB)}).__calls,
}));
`;

function sample(eagerSdk) {
  const result = spawnSync(process.execPath, ['-e', child(eagerSdk)], { encoding: 'utf8', cwd: root });
  if (result.status !== 0) throw new Error(`activation failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

export async function run() {
  if (!existsSync(EXTENSION)) throw new Error('dist/extension.js is missing: run `npm run build` first');
  sample(false); // warm the file cache
  const ours = Array.from({ length: RUNS }, () => sample(false));
  const peer = Array.from({ length: RUNS }, () => sample(true));
  const oursMs = median(ours.map((s) => s.ms));
  const peerMs = median(peer.map((s) => s.ms));
  const sdkLoaded = ours.some((s) => s.sdkLoaded);
  const first = ours[0];
  console.log(`activate (lazy SDK):  median ${fmt(oursMs)} ms over ${RUNS} fresh processes; ${first.modules} modules, ${first.disposables} disposables`);
  console.log(`  registered: ${first.calls.join(', ')}`);
  console.log(`activate (eager SDK): median ${fmt(peerMs)} ms (peer: the SDK bundle required at activation)`);
  console.log(`ratio eager/lazy: ${(peerMs / oursMs).toFixed(1)}×; Azure SDK loaded at activation: ${sdkLoaded ? 'YES' : 'no'}`);
  return {
    title: 'activation',
    budgets: [
      { name: 'activate median', value: Number(fmt(oursMs)), unit: ' ms', limit: BUDGET_MS, ok: oursMs < BUDGET_MS },
      { name: 'Azure SDK loaded at activation', value: sdkLoaded ? 'yes' : 'no', limit: 'no', ok: !sdkLoaded },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  const missed = result.budgets.filter((b) => !b.ok);
  for (const b of result.budgets) console.log(`${b.ok ? 'ok  ' : 'MISS'}  ${b.name} = ${b.value}${b.unit ?? ''} (budget ${b.limit}${b.unit ?? ''})`);
  process.exitCode = missed.length > 0 ? 1 : 0;
}
