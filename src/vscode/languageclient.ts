// vscode-languageclient, bundled on its own as dist/languageclient.js and required when the language server
// starts (language-client.ts), so activation does not parse ~800 KB it may never use.
export { LanguageClient, TransportKind, RevealOutputChannelOn } from 'vscode-languageclient/node';
