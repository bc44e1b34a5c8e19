// Reads the files a design names (Bicep modules, `using`/`import`/`extends` targets) and the design files
// themselves, fail closed: only regular files inside the analysed root, at most MAX_DESIGN_FILE_BYTES.
// Anything else is not opened at all, and the reason says why (never what the file holds): a module path like
// '../../../../dev/zero' would otherwise read forever, a FIFO would hang the run, and a path out of the
// repository would print the first token of whatever it names (a secret) in a syntax error.
//
// Node has no "open only if regular and inside this folder" call, so this is the usual sequence: check the path
// lexically, stat it and resolve its real path against the root's, then open without blocking (and without
// following a link where there was none), check the opened file again (fstat: a swap between the checks is
// caught) and read at most the limit.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAscii } from 'node:buffer';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { NotRead, ReadFile } from '../sources/file-reader';

/** 10 MB: far above any real design, far below what hurts an editor or a CI runner. Stated in the README. */
export const MAX_DESIGN_FILE_BYTES = 10 * 1024 * 1024;

export interface ConfinedReadOptions {
  /** Text the editor holds for a path (unsaved edits), used instead of the disk once the path passed the checks. */
  readonly overlay?: (path: string) => string | undefined;
  readonly maxBytes?: number;
}

/** A reader for paths inside `root` (relative paths resolve against it). */
export function confinedReader(root: string, options: ConfinedReadOptions = {}): ReadFile {
  const rootPath = resolve(root);
  const maxBytes = options.maxBytes ?? MAX_DESIGN_FILE_BYTES;
  // Real paths of folders, found once per folder (per reader, that is per analysis): the real path of a file that
  // is not itself a link is its folder's real path and its name, and so is a folder's below the root. So each
  // folder costs one lstat, and only the root and linked folders are resolved whole. (One realpath per file was
  // half of reading them; one per folder still read every component of its path as a link: 19,600 readlink
  // calls for the 2,330 files of the AVM corpus.)
  const realFolders = new Map<string, string>();
  const realFolderOf = (folder: string): string => {
    let real = realFolders.get(folder);
    if (real !== undefined) return real;
    const parent = dirname(folder);
    if (folder === rootPath || parent === folder) real = realOrSelf(folder);
    else real = isLinkOrGone(folder) ? realOrSelf(folder) : join(realFolderOf(parent), basename(folder));
    realFolders.set(folder, real);
    return real;
  };
  const realPathOf = (absolute: string, isLink: boolean): string => (isLink ? realOrSelf(absolute) : join(realFolderOf(dirname(absolute)), basename(absolute)));
  return (path: string) => {
    const absolute = resolve(rootPath, path);
    if (!isInside(rootPath, absolute)) return notRead(`it is outside the analysed folder ${rootPath}`);
    let info: Stats;
    let isLink: boolean;
    try {
      info = lstatSync(absolute);
      isLink = info.isSymbolicLink();
      if (isLink) info = statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return options.overlay?.(absolute);
      return notRead(`it could not be read (${code ?? 'error'})`);
    }
    if (!isInside(realFolderOf(rootPath), realPathOf(absolute, isLink))) return notRead(`it is a link to a file outside the analysed folder ${rootPath}`);
    const kind = unusualKind(info);
    if (kind) return notRead(`it is not a regular file (${kind})`);
    if (info.size > maxBytes) return notRead(`it is larger than ${describeBytes(maxBytes)}`);
    const open = options.overlay?.(absolute);
    if (open !== undefined) return open;
    // A file that was no link when checked must be none when opened (a swap to a link fails the open).
    return readBounded(absolute, maxBytes, !isLink);
  };
}

/** Whether `path` is `root` or inside it (both absolute and normalised). */
export function isInside(root: string, path: string): boolean {
  // POSIX paths compare as strings once normalised (path.relative splits both: a tenth of reading 2,330 files).
  // Windows paths compare without case, as path.win32.relative does.
  if (sep === '/') return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function readBounded(path: string, maxBytes: number, noLink: boolean): string | NotRead {
  let fd: number;
  try {
    // Non-blocking: a FIFO swapped in after the stat must not hang the open (it is refused by fstat below).
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (noLink ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (error) {
    return notRead(`it could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const info = fstatSync(fd);
    const kind = unusualKind(info);
    if (kind) return notRead(`it is not a regular file (${kind})`);
    // One byte more than allowed tells "at the limit" from "over it" (the file may have grown since the stat).
    const buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return notRead(`it is larger than ${describeBytes(maxBytes)}`);
    if (length > info.size) return notRead('it grew while it was read');
    const bytes = buffer.subarray(0, length);
    // ASCII is its own UTF-8: decoded as Latin-1 it is copied, not decoded (half the time of reading a 71 MB
    // folder of ARM templates).
    return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  } catch (error) {
    return notRead(`it could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    closeSync(fd);
  }
}

function unusualKind(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

/** Whether the path is a link (or no longer there: then it is resolved whole, as a link is). */
function isLinkOrGone(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return true;
  }
}

function realOrSelf(path: string): string {
  try {
    // The native call is one system call; the JavaScript one stats every component of the path (a tenth of
    // linting 2,330 files named on the command line).
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

function describeBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}

function notRead(reason: string): NotRead {
  return { notRead: reason };
}
