// Real code (issue 13): `plreview lint` on the Azure Verified Modules corpus (a checkout of
// Azure/bicep-registry-modules' `avm/` folder, kept outside this repository), each against a peer in the same run:
//   - the 2,330 `.bicep` files, named on the command line, against tree-sitter-bicep 1.1.0 (web-tree-sitter WASM)
//     merely parsing the same texts, in interleaved rounds; budget: ratio ≤ 0.07;
//   - the ARM templates (the `.json` files whose `$schema` is a deployment template), named on the command line,
//     against reading them and JSON.parse; budget: ratio ≤ 3;
//   - the whole folder as `plreview lint <folder>` (printed, no budget: the reference for later changes).
// The corpus path: `npm run bench -- --avm <path>` (or `node bench/avm.mjs <path>`) or PLREVIEW_AVM_CORPUS.
// Without it the suite prints a note and measures nothing. Wall-clock medians are the budgets; the CPU time of
// this process is printed beside them because on a shared machine the wall clock also measures the neighbours.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import { loadFromSource, root } from '../scripts/load-source.mjs';
import { treeSitterProcess } from './tree-sitter.mjs';
import { fmt, timeOnce as once, summary } from './stats.mjs';

const RUNS = 5;

function filesUnder(dir, suffix) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      if (name === 'node_modules' || name === '.git') continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(suffix)) out.push(path);
    }
  };
  walk(dir);
  return out;
}

/** Wall and CPU milliseconds of `runs` runs of `fn` (after one unmeasured run). */
async function measure(fn, runs) {
  await fn();
  const timed = [];
  for (let i = 0; i < runs; i++) timed.push(await once(fn));
  return summary(timed);
}

/**
 * `rounds` rounds of two runs of `fn` and one of `peer` (after one unmeasured run of each); medians of each.
 * `peer` times itself (it runs in another process) and resolves to { wall, cpu }.
 */
async function measureInterleaved(fn, peer, rounds) {
  await fn();
  await peer();
  const ours = [];
  const theirs = [];
  for (let i = 0; i < rounds; i++) {
    ours.push(await once(fn), await once(fn));
    theirs.push(await peer());
  }
  return { ...summary(ours), peer: summary(theirs) };
}

export function corpusPath(argv = process.argv.slice(2)) {
  const flag = argv.indexOf('--avm');
  if (flag >= 0 && argv[flag + 1]) return argv[flag + 1];
  return process.env.PLREVIEW_AVM_CORPUS || argv.find((a) => !a.startsWith('-') && existsSync(a));
}

export async function run(corpus = corpusPath()) {
  const title = 'AVM corpus';
  if (!corpus || !existsSync(corpus)) {
    console.log(
      'skipped: no AVM corpus. Clone https://github.com/Azure/bicep-registry-modules outside this repository and run ' +
        '`npm run bench -- --avm <clone>/avm` (or set PLREVIEW_AVM_CORPUS).',
    );
    return { title, budgets: [] };
  }
  const { main, classifyDesignFile } = await loadFromSource(`
    export { main } from './src/cli/main';
    export { classifyDesignFile } from './src/sources/formats';
  `);
  const lint = async (args) => {
    let out = '';
    const io = { cwd: corpus, env: {}, out: (t) => void (out += t), err: () => {} };
    const status = await main(['lint', ...args, '--format', 'json'], io);
    if (status === 2 || !out) throw new Error(`plreview lint exited with ${status}`);
    return JSON.parse(out).findings;
  };
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores; medians of ${RUNS} runs after one`);
  const budgets = [];

  // Bicep: the linter against tree-sitter-bicep parsing the same texts.
  const bicepFiles = filesUnder(corpus, '.bicep');
  const bicepBytes = bicepFiles.reduce((n, path) => n + statSync(path).size, 0);
  let syntaxErrors = 0;
  const lintBicep = async () => {
    syntaxErrors = (await lint(bicepFiles)).filter((f) => f.ruleId === 'syntax-error').length;
  };
  // The peer parses in a process of its own, so neither side's memory and garbage burden the other's runs.
  const treeSitter = await treeSitterProcess('tree-sitter-bicep/tree-sitter-bicep.wasm', bicepFiles);
  let rejected = 0;
  const parseAll = async () => {
    const run = await treeSitter.run();
    rejected = run.rejected;
    return run;
  };
  // Interleaved rounds (two lint runs, then one tree-sitter run: it takes ten times longer), so both sides see the
  // same neighbours on a shared machine, as the ARM comparison below does.
  const ours = await measureInterleaved(lintBicep, parseAll, 3);
  treeSitter.close();
  const theirs = ours.peer;
  const bicepRatio = ours.wall / theirs.wall;
  console.log(
    `${bicepFiles.length} .bicep files (${(bicepBytes / 1e6).toFixed(1)} MB; 3 rounds of 2 lint runs and 1 parse run): plreview lint ${fmt(ours.wall)} ms (${fmt(ours.cpu)} ms CPU, fastest ${fmt(ours.min)}; ` +
      `${syntaxErrors} syntax errors); tree-sitter-bicep parse only ${fmt(theirs.wall)} ms (${fmt(theirs.cpu)} ms CPU; rejects ${rejected} files); ` +
      `ratio ${bicepRatio.toFixed(3)} (CPU ${(ours.cpu / theirs.cpu).toFixed(3)})`,
  );
  budgets.push({ name: `plreview lint on ${bicepFiles.length} AVM .bicep files / tree-sitter-bicep parsing them`, value: Number(bicepRatio.toFixed(3)), unit: '', limit: '≤ 0.07', ok: bicepRatio <= 0.07 });

  // ARM: the linter against reading the same templates and JSON.parse.
  const templates = filesUnder(corpus, '.json').filter((path) => classifyDesignFile(path, readFileSync(path, 'utf8')) === 'arm');
  const armBytes = templates.reduce((n, path) => n + statSync(path).size, 0);
  let armSyntaxErrors = 0;
  // Alternating runs, so both see the same neighbours.
  const armOurs = [];
  const armPeer = [];
  const lintTemplates = async () => {
    armSyntaxErrors = (await lint(templates)).filter((f) => f.ruleId === 'syntax-error').length;
  };
  const readAndParse = () => {
    for (const path of templates) JSON.parse(readFileSync(path, 'utf8'));
  };
  await lintTemplates();
  readAndParse();
  for (let i = 0; i < RUNS; i++) {
    armPeer.push(await once(readAndParse));
    armOurs.push(await once(lintTemplates));
  }
  const arm = summary(armOurs);
  const peer = summary(armPeer);
  const armRatio = arm.wall / peer.wall;
  console.log(
    `${templates.length} ARM templates (${(armBytes / 1e6).toFixed(1)} MB): plreview lint ${fmt(arm.wall)} ms (${fmt(arm.cpu)} ms CPU; ` +
      `${armSyntaxErrors} syntax errors); read + JSON.parse ${fmt(peer.wall)} ms (${fmt(peer.cpu)} ms CPU); ratio ${armRatio.toFixed(2)}× (CPU ${(arm.cpu / peer.cpu).toFixed(2)}×)`,
  );
  budgets.push({ name: `plreview lint on ${templates.length} AVM ARM templates / read + JSON.parse`, value: Number(armRatio.toFixed(2)), unit: '×', limit: '≤ 3', ok: armRatio <= 3 });

  // The whole folder, as a user runs it: the reference wall time for later changes (no budget).
  const folder = await measure(() => lint([corpus]), 3);
  console.log(`plreview lint <corpus folder>: ${fmt(folder.wall)} ms median of 3 (${fmt(folder.cpu)} ms CPU)`);
  return { title, budgets };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  for (const b of result.budgets) console.log(`${b.ok ? 'ok  ' : 'MISS'}  ${b.name} = ${b.value}${b.unit} (budget ${b.limit}${b.unit})`);
}
