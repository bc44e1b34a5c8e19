// `plreview`: the CLI over the same core as the extension. Exit status (io.ts): 0 clean; 1 error findings or
// incomplete coverage; 2 usage errors and inputs or output paths that cannot be used, with one line; 3 only for
// bugs (index.ts).

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
      io.err(`plreview ${command.name}: ${oneLine((error as Error).message)}\n`);
      return EXIT_USAGE;
    }
    const system = systemErrorText(error);
    if (system) {
      io.err(`plreview ${command.name}: ${system}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

/** Messages quote file contents and parser errors that span lines; the contract is one line. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * A file-system refusal (no such file, permission denied, a folder where a file was expected) on a path the user
 * named is their input to fix, not a bug: exit 2 with the path and the reason.
 */
function systemErrorText(error: unknown): string | undefined {
  const e = error as { code?: unknown; syscall?: unknown; path?: unknown; message?: unknown } | null;
  if (!e || typeof e.code !== 'string' || typeof e.syscall !== 'string') return undefined;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a folder, not a file',
    ENOTDIR: 'a part of the path is not a folder',
    EEXIST: 'already exists',
    ELOOP: 'too many symbolic links',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
  };
  const reason = reasons[e.code] ?? oneLine(String(e.message ?? e.code));
  return typeof e.path === 'string' ? `${e.path}: ${reason}` : `${e.syscall}: ${reason}`;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
