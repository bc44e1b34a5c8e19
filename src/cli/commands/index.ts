// The subcommands, in the order `plreview --help` lists them.
import type { CliCommand } from '../command';
import { lintCommand } from './lint';
import { probeCommand } from './probe';
import { auditCommand } from './audit';
import { snapshotCommand } from './snapshot';
import { evidenceCommand } from './evidence';
import { lspCommand } from './lsp';

export const COMMANDS: readonly CliCommand[] = [lintCommand, auditCommand, snapshotCommand, probeCommand, evidenceCommand, lspCommand];
