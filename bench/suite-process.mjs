// Runs one bench suite in this process and sends its result to the parent (bench/run.mjs). Each suite gets a
// process of its own, as each `plreview` command a user runs does: a suite measured after others would share
// their heap (a 2,000-cache estate, the live inventory) and pay for their garbage.
import { pathToFileURL } from 'node:url';

const name = process.argv[2];
const mod = await import(pathToFileURL(new URL(`./${name}.mjs`, import.meta.url).pathname).href);
const result = await mod.run();
process.send?.(result);
