// `npm run bench`: every benchmark in one run, each against a peer measured in the same run, then the budgets.
// Benchmarks report numbers (medians, ratios); they are not tests and never fail the build.
// Each bench module exports `run()` resolving to { title, budgets: [{ name, value, unit, limit, ok }] }.
// The suites of the editor (keystrokes, the live tree, evidence export from the command palette) share this
// process, warm as a long-running extension host is. The AVM suite measures `plreview lint` on a repository, which
// a user always runs as a new process: it gets a process of its own (bench/suite-process.mjs), so the heap the
// other suites leave behind (a 2,000-cache estate, the live inventory) is not its to collect.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const OWN_PROCESS = new Set(['avm']);

const SUITES = ['activation', 'parser', 'terraform-parser', 'lint', 'live', 'evidence', 'avm'];
// `--avm <path>`: the Azure Verified Modules corpus for the avm suite (bench/avm.mjs); other arguments name suites.
const args = process.argv.slice(2);
const avmFlag = args.indexOf('--avm');
if (avmFlag >= 0) {
  process.env.PLREVIEW_AVM_CORPUS = args[avmFlag + 1] ?? '';
  args.splice(avmFlag, 2);
}
const only = args;
const results = [];
for (const name of SUITES) {
  if (only.length > 0 && !only.includes(name)) continue;
  const file = new URL(`./${name}.mjs`, import.meta.url);
  if (!existsSync(file)) {
    console.log(`\n== ${name}: bench/${name}.mjs missing`);
    continue;
  }
  console.log(`\n== ${name}`);
  if (!OWN_PROCESS.has(name)) {
    const mod = await import(pathToFileURL(file.pathname).href);
    results.push(await mod.run());
    continue;
  }
  // A suite that fails in its own process is a MISS in the budgets, never a silent gap.
  results.push((await runInOwnProcess(name)) ?? { title: name, budgets: [{ name: 'the suite failed (its output is above)', value: '', limit: 'a result', ok: false }] });
}
console.log('\n== budgets');
for (const result of results) {
  for (const b of result.budgets ?? []) {
    console.log(`${b.ok ? 'ok  ' : 'MISS'}  ${result.title}: ${b.name} = ${b.value}${b.unit ?? ''} (budget ${b.limit}${b.unit ?? ''})`);
  }
}

/** The suite's result, from a child process that runs it (its output goes to ours); undefined when it failed. */
function runInOwnProcess(name) {
  return new Promise((resolve) => {
    let result;
    const child = fork(new URL('./suite-process.mjs', import.meta.url), [name], { stdio: 'inherit' });
    child.on('message', (message) => (result = message));
    child.on('exit', () => resolve(result));
  });
}
