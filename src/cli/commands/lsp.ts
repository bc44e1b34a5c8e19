// `plreview lsp --stdio`: the language server (src/lsp/server.ts) over standard input and output, for any LSP
// editor (Neovim, Helix, Emacs, Zed, …); the VS Code extension starts the same server.

import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError, type CliIo } from '../io';

export const lspCommand: CliCommand = {
  name: 'lsp',
  summary: 'run the language server (diagnostics, quick fixes, hovers) for any LSP editor',
  usage: [
    'Usage: plreview lsp --stdio',
    '',
    'Starts a Language Server Protocol server on standard input and output. Design files (Bicep, .bicepparam,',
    'ARM JSON, YAML designs) are checked as you type, with the other design files of their workspace folder;',
    'diagnostics are pushed (or pulled where the client supports it), quick fixes and disable comments are code',
    'actions, and hovers explain a finding. It reads .plreview.yaml and never contacts Azure.',
    '',
    'Options:',
    '  --stdio  talk LSP over standard input and output (the only transport)',
    '',
  ].join('\n'),
  async run(args: readonly string[], _io: CliIo): Promise<number> {
    const { values } = parseArgs({ args: [...args], options: { stdio: { type: 'boolean' } }, strict: true });
    if (!values.stdio) throw new UsageError('--stdio is required (the server talks LSP over standard input and output)');
    // Loaded here so the other commands do not pay for the protocol library.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startStdioServer } = require('../../lsp/stdio') as typeof import('../../lsp/stdio');
    startStdioServer();
    // The connection ends the process on `exit`; until then the command does not return.
    return new Promise<number>(() => undefined);
  },
};
