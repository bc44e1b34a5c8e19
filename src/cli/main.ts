// `plreview`: the CLI over the same core as the extension. Usage errors exit 2 with one line; findings of error
// severity exit 1; success exits 0.

import { COMMANDS } from './commands';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import { unknownOptionMessage, unknownOptionOf } from './unknown-option';

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `${TOOL_NAME} ${TOOL_VERSION}: review Azure Private Link for Redis in design files and live estates`,
    '',
    'Usage: plreview <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  --help, -h     show help (also: plreview <command> --help)',
    '  --version, -v  print the version',
    '',
  ].join('\n');
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(helpText());
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.out(`${TOOL_VERSION}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    io.err(`plreview: unknown command '${first}' (try 'plreview --help')\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const unknown = unknownOptionOf(error);
    if (unknown !== undefined) {
      io.err(`${unknownOptionMessage(command.name, unknown, command.usage)}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`plreview ${command.name}: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
