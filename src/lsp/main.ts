// Entry of dist/lsp-server.js, the server the VS Code extension starts (vscode-languageclient passes the
// transport on the command line: --node-ipc or --stdio). Other editors run `plreview lsp --stdio`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
