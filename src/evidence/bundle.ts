// The evidence bundle: render the five files from the model, add SHA256SUMS, and write them so that a reader
// never sees half a bundle. Files go to a temporary sibling folder first and are renamed into place at the end;
// a cancelled (AbortSignal) or failed export removes the temporary folder and leaves the target as it was.

import { lstat, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { canonicalJson, compareStrings, sha256Hex } from './canonical';
import type { EvidenceModel } from './model';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import { renderSarifText } from './render-sarif';

export { buildEvidence, type EvidenceInput } from './build';
export type { EvidenceModel } from './model';

export const CHECKSUM_FILE = 'SHA256SUMS';

const RENDERERS: readonly [string, (model: EvidenceModel) => string][] = [
  ['evidence.json', canonicalJson],
  ['findings.sarif', renderSarifText],
  ['report.html', renderHtml],
  ['report.md', renderMarkdown],
  ['resources.csv', renderCsv],
];

/** The bundle's file names, SHA256SUMS last. */
export const BUNDLE_FILES: readonly string[] = [...RENDERERS.map(([name]) => name), CHECKSUM_FILE];

/** Progress steps: render each file, write each file (SHA256SUMS included), move into place. */
const TOTAL_STEPS = RENDERERS.length + BUNDLE_FILES.length + 1;

export interface BundleProgress {
  readonly message: string;
  /** Steps done and total, for a progress bar (VS Code: increment = 100 / total per step). */
  readonly completed: number;
  readonly total: number;
}

export interface WriteBundleOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: BundleProgress) => void;
}

/** The target folder cannot take a bundle (a file, a symbolic link, a folder of other files): the user's to fix. */
export class BundleTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleTargetError';
  }
}

export interface WrittenBundle {
  readonly outDir: string;
  readonly files: readonly string[];
}

/** The bundle's files in memory, name → content, SHA256SUMS included. */
export function renderBundle(model: EvidenceModel, options: WriteBundleOptions = {}): Map<string, string> {
  const files = new Map<string, string>();
  const total = TOTAL_STEPS;
  RENDERERS.forEach(([name, render], index) => {
    options.signal?.throwIfAborted();
    options.onProgress?.({ message: `Rendering ${name}`, completed: index, total });
    files.set(name, render(model));
  });
  files.set(CHECKSUM_FILE, checksums(files));
  return files;
}

/** `sha256sum` format: `<hex>  <name>` per line, names sorted; `sha256sum -c SHA256SUMS` verifies it. */
export function checksums(files: ReadonlyMap<string, string | Buffer>): string {
  return [...files.keys()]
    .filter((name) => name !== CHECKSUM_FILE)
    .sort(compareStrings)
    .map((name) => `${sha256Hex(files.get(name)!)}  ${name}\n`)
    .join('');
}

/**
 * Writes the bundle into `outDir` (created, or replaced when it holds an earlier bundle). Refuses a folder that
 * holds anything else, so a mistyped `--out` never deletes someone's files.
 */
export async function writeBundle(model: EvidenceModel, outDir: string, options: WriteBundleOptions = {}): Promise<WrittenBundle> {
  const target = resolve(outDir);
  await assertReplaceable(target);
  const files = renderBundle(model, options);
  const total = TOTAL_STEPS;
  let completed = RENDERERS.length;
  const temp = await mkdtemp(join(dirname(target), `.${basename(target)}.partial-`));
  try {
    for (const [name, content] of files) {
      options.signal?.throwIfAborted();
      options.onProgress?.({ message: `Writing ${name}`, completed: completed++, total });
      await writeFile(join(temp, name), content, 'utf8');
    }
    options.signal?.throwIfAborted();
    options.onProgress?.({ message: `Moving the bundle into ${target}`, completed: total - 1, total });
    await moveIntoPlace(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  options.onProgress?.({ message: `Wrote ${target}`, completed: total, total });
  return { outDir: target, files: [...files.keys()] };
}

async function assertReplaceable(target: string): Promise<void> {
  // A symbolic link is refused, not followed: the swap would replace the link, or write where it points.
  const link = await lstat(target).then((s) => s.isSymbolicLink(), () => false);
  if (link) throw new BundleTargetError(`${target} is a symbolic link; give the folder itself`);
  const entries = await readdir(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    if (error.code === 'ENOTDIR') throw new BundleTargetError(`${target} exists and is not a folder`);
    throw error;
  });
  if (entries === undefined || entries.length === 0) return;
  if (!entries.includes(CHECKSUM_FILE) || entries.some((e) => !BUNDLE_FILES.includes(e))) {
    throw new BundleTargetError(`${target} is not empty and does not hold an earlier evidence bundle; choose an empty or new folder`);
  }
}

/** Swaps the finished folder in. An earlier bundle is moved aside first and removed only after the swap. */
async function moveIntoPlace(temp: string, target: string): Promise<void> {
  const exists = await stat(target).then(() => true, () => false);
  if (!exists) {
    await rename(temp, target);
    return;
  }
  const aside = `${temp}.previous`;
  await rename(target, aside);
  try {
    await rename(temp, target);
  } catch (error) {
    await rename(aside, target);
    throw error;
  }
  await rm(aside, { recursive: true, force: true });
}
