// `npm run bench`: every benchmark in one run, each against a peer measured in the same run, then the budgets.
// Benchmarks report numbers (medians, ratios); they are not tests and never fail the build.
// Each bench module exports `run()` resolving to { title, budgets: [{ name, value, unit, limit, ok }] }, and runs
// in a process of its own (bench/suite-process.mjs).
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';

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
  // A suite that fails is a MISS in the budgets, never a silent gap.
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
