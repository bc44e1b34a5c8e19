// Which design files make up a document's design, and their current text: open documents (unsaved edits
// included) over the files on disk. A design may be split across files (zones in dns.bicep, endpoints in
// cache.bicep), so a document is analysed together with every design file of its workspace folder, as
// `plreview lint <folder>` does. Discovery and disk reads are cached and invalidated by a file watcher.
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import type { DesignFile } from '../lint/design-file';
import { classifyDesignFile, designFileGlob } from '../sources/formats';
import type { ProjectConfig } from '../config/config';
import type { NotRead, ReadFile } from '../sources/file-reader';
import { engine } from './engine-loader';
import type { Log } from './log';
import { errorMessage } from './log';

/** A set of files analysed as one graph: a workspace folder, or a lone file outside any folder. */
export interface DesignScope {
  /** The folder (absolute path), or the lone file's path. */
  readonly root: string;
  readonly folder: vscode.WorkspaceFolder | undefined;
}

export interface LoadedConfig {
  readonly config: ProjectConfig;
  readonly errors: readonly string[];
  readonly file: string | undefined;
}

export class DesignWorkspace implements vscode.Disposable {
  private readonly filesByRoot = new Map<string, Promise<string[]>>();
  private readonly diskText = new Map<string, Promise<string | undefined | NotRead>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a design or config file changes on disk (created, deleted, saved elsewhere). */
  readonly onDidChangeOnDisk = this.changed.event;

  constructor(private readonly log: Log) {
    const watcher = vscode.workspace.createFileSystemWatcher(designFileGlob());
    const invalidate = (uri: vscode.Uri, structural: boolean) => {
      this.diskText.delete(uri.fsPath);
      if (structural) this.filesByRoot.clear();
      this.changed.fire(uri);
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => invalidate(uri, true)),
      watcher.onDidDelete((uri) => invalidate(uri, true)),
      watcher.onDidChange((uri) => invalidate(uri, false)),
      this.changed,
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  scopeOf(uri: vscode.Uri): DesignScope {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return { root: folder ? folder.uri.fsPath : uri.fsPath, folder };
  }

  /** Whether the extension lints this document: a file on disk that a registered design format claims. */
  isDesignDocument(document: vscode.TextDocument): boolean {
    if (document.uri.scheme !== 'file') return false;
    return classifyDesignFile(document.uri.fsPath, document.getText()) !== undefined;
  }

  /** The paths of the scope's design files (cached until a file is created or deleted). */
  async designPaths(scope: DesignScope): Promise<string[]> {
    if (!scope.folder) return [scope.root];
    let paths = this.filesByRoot.get(scope.root);
    if (!paths) {
      paths = engine().discoverDesignFiles([scope.root], scope.root).catch((error: unknown) => {
        this.log.warn(`could not list the design files of ${scope.root}: ${errorMessage(error)}`);
        return [] as string[];
      });
      this.filesByRoot.set(scope.root, paths);
    }
    return paths;
  }

  /** The current text of a file: the open document's (unsaved edits included), else the file on disk. */
  openText(path: string): string | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path)?.getText();
  }

  /**
   * The current text of a file, or why it was not read: files on disk are read as `plreview lint` reads them
   * (regular files of at most 10 MB, confined-read.ts), so a FIFO or a huge file in the workspace never hangs
   * or floods the extension host.
   */
  async textOf(path: string): Promise<string | undefined | NotRead> {
    const open = this.openText(path);
    if (open !== undefined) return open;
    let text = this.diskText.get(path);
    if (!text) {
      text = Promise.resolve().then(() => engine().confinedReader(dirname(path))(path));
      this.diskText.set(path, text);
    }
    return text;
  }

  /**
   * Reads files a design of the scope names (Bicep modules, `using` targets): only inside the workspace folder
   * (the folder of a lone file), open documents' unsaved text first.
   */
  referenceReader(scope: DesignScope): ReadFile {
    const root = scope.folder ? scope.root : dirname(scope.root);
    return engine().confinedReader(root, { overlay: (path) => this.openText(path) });
  }

  /**
   * The scope's design files with their current text; open design documents of the scope are always included.
   * A design file that could not be read is listed with the reason (it becomes an analysis-incomplete error).
   */
  async designFiles(scope: DesignScope): Promise<{ files: DesignFile[]; notRead: { path: string; why: string }[] }> {
    const paths = new Set(await this.designPaths(scope));
    for (const document of vscode.workspace.textDocuments) {
      if (!this.isDesignDocument(document)) continue;
      const docScope = this.scopeOf(document.uri);
      if (docScope.root === scope.root) paths.add(document.uri.fsPath);
    }
    const files: DesignFile[] = [];
    const notRead: { path: string; why: string }[] = [];
    for (const path of [...paths].sort()) {
      const text = await this.textOf(path);
      if (typeof text === 'object') notRead.push({ path, why: text.notRead });
      else if (text !== undefined && classifyDesignFile(path, text) !== undefined) files.push({ path, text });
    }
    return { files, notRead };
  }

  /** `.plreview.yaml` at the folder root, shared with the CLI. */
  async config(scope: DesignScope): Promise<LoadedConfig> {
    const { CONFIG_FILE_NAME, DEFAULT_CONFIG, parseConfig, allRuleIds } = engine();
    if (!scope.folder) return { config: DEFAULT_CONFIG, errors: [], file: undefined };
    const file = vscode.Uri.joinPath(scope.folder.uri, CONFIG_FILE_NAME).fsPath;
    const text = await this.textOf(file);
    if (text === undefined) return { config: DEFAULT_CONFIG, errors: [], file: undefined };
    if (typeof text === 'object') return { config: DEFAULT_CONFIG, errors: [`${CONFIG_FILE_NAME} was not read: ${text.notRead}`], file };
    const parsed = parseConfig(text, allRuleIds());
    return { config: parsed.config, errors: parsed.errors, file };
  }
}
