#!/usr/bin/env node
// Starts the local ARM emulator (src/sources/live/emulator) for the demo, the e2e suite and manual runs:
//   node scripts/emulator.mjs --estate examples/estate [--port 0] [--forbid <subscription id>]… [--latency ms]
//        [--page-size n] [--token t]
// Prints one JSON line {"url","caFile","pid"} once listening, then serves until SIGINT/SIGTERM.
// The TypeScript is bundled with esbuild into a temporary file first, so no build step is needed.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    estate: { type: 'string', default: 'examples/estate' },
    port: { type: 'string', default: '0' },
    forbid: { type: 'string', multiple: true, default: [] },
    latency: { type: 'string', default: '0' },
    'page-size': { type: 'string', default: '100' },
    token: { type: 'string' },
  },
});

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'plreview-emulator-bundle-'));
const outfile = join(dir, 'emulator.cjs');
await build({
  entryPoints: [join(root, 'src/sources/live/emulator/index.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  nodePaths: [join(root, 'node_modules')],
});
const { startEmulator } = createRequire(import.meta.url)(outfile);
const emulator = await startEmulator({
  estate: resolve(values.estate),
  port: Number(values.port),
  latencyMs: Number(values.latency),
  pageSize: Number(values['page-size']),
  token: values.token,
  faults: { forbiddenSubscriptions: values.forbid },
});
process.stdout.write(`${JSON.stringify({ url: emulator.url, caFile: emulator.caFile, pid: process.pid })}\n`);

const stop = async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
