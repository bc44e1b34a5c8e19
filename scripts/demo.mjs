// `npm run demo`: the main job on the bundled sample, no Azure account needed.
//  1. lint the example design files (Bicep, ARM JSON, YAML) in examples/design, and examples/terraform;
//  2. start the local ARM emulator on examples/estate (one subscription refuses with 403, as real estates do);
//  3. audit that estate live, through the real Azure SDK clients over HTTPS;
//  4. export an evidence bundle from it into evidence-out/ and verify its SHA256SUMS.
// Exit codes of lint/audit are 1 on purpose (the samples contain broken chains); the demo itself fails only when
// a step cannot run.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFileSync, rmSync } from 'node:fs';
import { colourWanted } from './colour.mjs';

const FORBIDDEN = 'd4a6e8c0-3b5f-4a7d-8c9e-1f2a3b4c5d04'; // "Insurer Data Lake": the emulator answers 403
const SUBSCRIPTIONS = JSON.parse(readFileSync('examples/estate/subscriptions.json', 'utf8')).map((s) => s.subscriptionId);
const OUT = 'evidence-out';

// Bold step titles only where they show as bold (scripts/colour.mjs): piped output stays plain text.
const bold = colourWanted() ? (text) => `\u001b[1m${text}\u001b[0m` : (text) => text;

function step(title) {
  console.log(`\n${bold(`== ${title}`)}`);
}

function plreview(args, env = {}) {
  console.log(`$ plreview ${args.join(' ')}`);
  const result = spawnSync(process.execPath, ['bin/plreview.js', ...args], { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status === null || result.status > 1) throw new Error(`plreview ${args[0]} failed (exit ${result.status})`);
  return result.status;
}

async function startEmulator() {
  const child = spawn(process.execPath, ['scripts/emulator.mjs', '--estate', 'examples/estate', '--forbid', FORBIDDEN], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening`)));
  });
  return { child, ...JSON.parse(firstLine) };
}

step('1. Lint the example designs (examples/design) and a Terraform example (examples/terraform)');
plreview(['lint', 'examples/design']);
plreview(['lint', 'examples/terraform']);

step('2. Start the local ARM emulator with the sample estate (examples/estate)');
const emulator = await startEmulator();
console.log(`emulator listening on ${emulator.url} (subscription ${FORBIDDEN} answers 403)`);
try {
  const live = ['--arm-endpoint', emulator.url, '--ca-file', emulator.caFile, '--config', 'examples/estate/.plreview.yaml'];
  const env = { PLREVIEW_ACCESS_TOKEN: 'demo-token' };

  step('3. Audit the live estate through the emulator');
  plreview(['audit', ...live], env);

  step(`4. Export the evidence bundle to ${OUT}/`);
  rmSync(OUT, { recursive: true, force: true });
  plreview(['evidence', ...live, ...SUBSCRIPTIONS.flatMap((id) => ['--subscription', id]), '--out', OUT], env);
  const check = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: OUT, encoding: 'utf8' });
  console.log(check.stdout.trim());
  if (check.status !== 0) throw new Error('SHA256SUMS did not verify');
  console.log(`\nOpen ${OUT}/report.html in a browser, or read ${OUT}/report.md.`);
} finally {
  emulator.child.kill('SIGTERM');
}
