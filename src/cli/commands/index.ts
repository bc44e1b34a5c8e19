// The subcommands, in the order `plreview --help` lists them.
import type { CliCommand } from '../command';

export const COMMANDS: readonly CliCommand[] = [];
