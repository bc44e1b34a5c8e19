// Entry of dist/cli.js (bin/plreview.js). Unexpected failures print one line plus a hint, not a raw trace,
// unless PLREVIEW_DEBUG is set.
import { main } from './main';
import { EXIT_INTERNAL, processIo } from './io';

export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  try {
    process.exitCode = await main(argv, processIo());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`plreview: ${message}\n`);
    if (process.env.PLREVIEW_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    else process.stderr.write('plreview: set PLREVIEW_DEBUG=1 for details\n');
    process.exitCode = EXIT_INTERNAL; // only bugs get here: main() turns every user-side problem into 2
  }
}
