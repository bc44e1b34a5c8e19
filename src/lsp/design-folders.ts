// Which files make up a design, for the language server: a document is analysed with every design file of its
// workspace folder (a link in dns.bicep satisfies an endpoint in cache.bicep), open documents' text (unsaved
// edits included) over the disk's. Discovery and disk reads are cached and dropped when the client reports
// a file change (workspace/didChangeWatchedFiles) — the same model as the extension had in-process.

import { dirname, join, relative, isAbsolute } from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, parseConfig, type LockedRuleSetting, type ProjectConfig } from '../config/config';
import type { DesignFile } from '../lint/design-file';
import { classifyDesignFile } from '../sources/formats';
import { confinedReader } from '../lint/confined-read';
import { discoverDesignFiles } from '../lint/discover';
import type { NotRead } from '../sources/file-reader';
import { allRuleIds } from '../rules/registry';

export interface LoadedConfig {
  readonly config: ProjectConfig;
  readonly errors: readonly string[];
  /** Ignored entries for fail-closed rules, reported on the file at their line (config-locked-rule). */
  readonly lockedRules: readonly LockedRuleSetting[];
  /** The `.plreview.yaml` read, if any (its errors are reported on it). */
  readonly file: string | undefined;
}

export class DesignFolders {
  private roots: string[] = [];
  private readonly pathsByRoot = new Map<string, Promise<string[]>>();
  private readonly diskText = new Map<string, Promise<string | undefined | NotRead>>();

  /** `openText` gives an open document's current text; undefined when it is not open. */
  constructor(private readonly openText: (path: string) => string | undefined) {}

  setRoots(roots: readonly string[]): void {
    this.roots = [...roots].sort((a, b) => b.length - a.length); // innermost first: nested folders win
    this.pathsByRoot.clear();
  }

  /** The folder a file is analysed in: its innermost workspace folder, or the file alone outside any. */
  scopeOf(path: string): string {
    return this.roots.find((root) => isInside(path, root)) ?? path;
  }

  isFolder(scope: string): boolean {
    return this.roots.includes(scope);
  }

  /** A file was created, changed or deleted behind the editor. */
  fileChanged(path: string, structural: boolean): void {
    this.diskText.delete(path);
    if (structural) this.pathsByRoot.clear();
  }

  /**
   * The current text of a file, or why it was not read: files on disk are read as `plreview lint` reads them
   * (regular files of at most 10 MB, confined-read.ts), so a FIFO or a huge file never hangs the server.
   */
  async textOf(path: string): Promise<string | undefined | NotRead> {
    const open = this.openText(path);
    if (open !== undefined) return open;
    let text = this.diskText.get(path);
    if (!text) {
      text = Promise.resolve().then(() => confinedReader(dirname(path))(path));
      this.diskText.set(path, text);
    }
    return text;
  }

  /**
   * The scope's design files with their current text; `openPaths` of the scope are always included. A design
   * file that could not be read is listed with the reason (it becomes an analysis-incomplete error).
   */
  async designFiles(scope: string, openPaths: readonly string[]): Promise<{ files: DesignFile[]; notRead: { path: string; why: string }[] }> {
    const paths = new Set(this.isFolder(scope) ? await this.designPaths(scope) : [scope]);
    for (const path of openPaths) if (this.scopeOf(path) === scope) paths.add(path);
    const files: DesignFile[] = [];
    const notRead: { path: string; why: string }[] = [];
    for (const path of [...paths].sort()) {
      const text = await this.textOf(path);
      if (typeof text === 'object') notRead.push({ path, why: text.notRead });
      else if (text !== undefined && classifyDesignFile(path, text) !== undefined) files.push({ path, text });
    }
    return { files, notRead };
  }

  /** The folder references of the scope's designs may be read from: the workspace folder, or a lone file's. */
  readRoot(scope: string): string {
    return this.isFolder(scope) ? scope : dirname(scope);
  }

  /** `.plreview.yaml` at the folder root, shared with the CLI and the extension. */
  async config(scope: string): Promise<LoadedConfig> {
    if (!this.isFolder(scope)) return { config: DEFAULT_CONFIG, errors: [], lockedRules: [], file: undefined };
    const file = join(scope, CONFIG_FILE_NAME);
    const text = await this.textOf(file);
    if (text === undefined) return { config: DEFAULT_CONFIG, errors: [], lockedRules: [], file: undefined };
    if (typeof text === 'object') return { config: DEFAULT_CONFIG, errors: [`${CONFIG_FILE_NAME} was not read: ${text.notRead}`], lockedRules: [], file };
    const parsed = parseConfig(text, allRuleIds());
    return { config: parsed.config, errors: parsed.errors, lockedRules: parsed.lockedRules, file };
  }

  private designPaths(root: string): Promise<string[]> {
    let paths = this.pathsByRoot.get(root);
    if (!paths) {
      paths = discoverDesignFiles([root], root).catch(() => [] as string[]);
      this.pathsByRoot.set(root, paths);
    }
    return paths;
  }
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
