import type { CliIo } from './io';

/** One `plreview` subcommand. Commands parse their own flags with node's util.parseArgs. */
export interface CliCommand {
  readonly name: string;
  /** One line for `plreview --help`. */
  readonly summary: string;
  /** The full usage text for `plreview <name> --help`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}
