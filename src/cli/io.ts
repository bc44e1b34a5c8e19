// The CLI's contact with the world, injected so tests run commands in-process and read what they print.

export interface CliIo {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}

export const processIo = (): CliIo => ({
  cwd: process.cwd(),
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});

/**
 * A mistake the user made on the command line, or an input they named that cannot be used: one line on stderr,
 * exit 2, never a stack trace.
 */
export class UsageError extends Error {}

// The exit-status contract (README "Exit status"): 0 clean; 1 findings of error severity or coverage that is not
// complete; 2 a usage error or an input (or output path) that cannot be used; 3 an internal error, i.e. a bug.
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;
