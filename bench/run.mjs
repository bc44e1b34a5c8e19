// `npm run bench`: every benchmark in one run, each against a peer measured in the same run, then the budgets.
// Benchmarks report numbers (medians, ratios); they are not tests and never fail the build.
// Each bench module exports `run()` resolving to { title, budgets: [{ name, value, unit, limit, ok }] }.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

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
  const mod = await import(pathToFileURL(file.pathname).href);
  results.push(await mod.run());
}
console.log('\n== budgets');
for (const result of results) {
  for (const b of result.budgets ?? []) {
    console.log(`${b.ok ? 'ok  ' : 'MISS'}  ${result.title}: ${b.name} = ${b.value}${b.unit ?? ''} (budget ${b.limit}${b.unit ?? ''})`);
  }
}
