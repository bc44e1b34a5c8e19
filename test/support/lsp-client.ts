// A language client for tests: starts `plreview lsp --stdio` as a child process (the compiled CLI entry) and
// talks JSON-RPC to it over its standard input and output, as Neovim or Helix would.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from 'vscode-languageserver/node';
import { repoRoot } from './paths';

export class LspTestClient {
  readonly connection: ProtocolConnection;
  readonly stderr: string[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly latest = new Map<string, Diagnostic[]>();
  private readonly waiters: { uri: string; test: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];

  private constructor(private readonly child: ChildProcess) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.latest.set(params.uri, params.diagnostics);
      this.notifications.push({ method: 'textDocument/publishDiagnostics', params });
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.test(params.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    for (const method of ['privateLinkReview/analysisStopped', 'window/showMessage', 'window/logMessage']) {
      this.connection.onNotification(method, (params: unknown) => void this.notifications.push({ method, params }));
    }
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    this.connection.listen();
  }

  /** Starts the server (the compiled CLI's `lsp --stdio`) and initializes it for one workspace folder. */
  static async start(folder: string, options: { capabilities?: ClientCapabilities; initializationOptions?: unknown } = {}): Promise<LspTestClient> {
    const cli = join(repoRoot(), 'out', 'src', 'cli', 'index.js');
    const child = spawn(process.execPath, ['-e', `require(${JSON.stringify(cli)}).run(['lsp', '--stdio'])`], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new LspTestClient(child);
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri(folder),
      workspaceFolders: [{ uri: uri(folder), name: 'design' }],
      capabilities: options.capabilities ?? { textDocument: { publishDiagnostics: { relatedInformation: true } } },
      initializationOptions: { debounceMs: 0, ...((options.initializationOptions as object) ?? {}) },
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves with the file's diagnostics once a publication satisfies `test` (the latest one, if it already does). */
  diagnostics(path: string, test: (d: Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<Diagnostic[]> {
    const key = uri(path);
    const now = this.latest.get(key);
    if (now && test(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${path} within ${timeoutMs} ms; last: ${JSON.stringify(this.latest.get(key))}; stderr: ${this.stderr.join('')}`)), timeoutMs);
      this.waiters.push({ uri: key, test, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
  }

  open(path: string, text: string, languageId = 'bicep'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(path), languageId, version: 1, text } });
  }

  change(path: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(path), version }, contentChanges: [{ text }] });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone: the test has said why.
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => (this.child.kill('SIGKILL'), resolve()), 3_000);
      this.child.once('exit', () => (clearTimeout(timer), resolve()));
    });
    this.connection.dispose();
  }
}

export function uri(path: string): string {
  return pathToFileURL(path).href;
}

/** Applies LSP text edits to a text (edits do not overlap; applied from the end). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => lineStarts[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}
