// Runs one bench suite in this process and sends its result to the parent (bench/run.mjs): for a suite that
// measures a `plreview` command, which a user runs as a new process. Measured after the other suites in their
// process, it would share their heap (a 2,000-cache estate, the live inventory) and pay for their garbage.
import { pathToFileURL } from 'node:url';

const name = process.argv[2];
const mod = await import(pathToFileURL(new URL(`./${name}.mjs`, import.meta.url).pathname).href);
const result = await mod.run();
process.send?.(result);
