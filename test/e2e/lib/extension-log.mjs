// The extension's own log channel ("Private Link Review"), as VS Code writes it to the window's log folder:
// the suite reads it to prove the order of events (activated, view opened, Azure SDK loaded).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'Private Link Review.log';

function find(dir) {
  if (!existsSync(dir)) return undefined;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === FILE) return path;
    if (statSync(path).isDirectory()) {
      const found = find(path);
      if (found) return found;
    }
  }
  return undefined;
}

export class ExtensionLog {
  constructor(userDataDir) {
    this.logsDir = join(userDataDir, 'logs');
  }

  get path() {
    return find(this.logsDir);
  }

  text() {
    const path = this.path;
    return path ? readFileSync(path, 'utf8') : '';
  }

  /** Index of the first line matching `pattern`, or -1. */
  lineOf(pattern) {
    return this.text().split('\n').findIndex((line) => pattern.test(line));
  }

  async waitFor(pattern, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.lineOf(pattern) >= 0) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the extension log never showed ${pattern} within ${timeoutMs} ms`);
  }

  /** The log for a failure report: the path and the last lines. */
  excerpt(lines = 30) {
    const path = this.path;
    if (!path) return `(no extension log under ${this.logsDir})`;
    return `extension log ${path}:\n${this.text().trimEnd().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n')}`;
  }
}
