// A keystroke re-parses the top-level blocks it touched, not the whole file (the editor's budget is 16 ms for a
// 10,000-line file, and a full parse alone is 5 ms of it plus the garbage it leaves).
//
// Why it is exact: the parser reads a top-level item (block or attribute) in one state whatever came before it
// (no open bracket, no heredoc, newlines significant, nothing reported). So:
//   - the items that start before the item the edit is in read only unchanged text: they are kept as they are;
//   - parsing restarts at the start of the last item that starts before the first changed character, in the new
//     text, and stops at the first item start that lies in the unchanged text after the edit and is the start of
//     an old item there: from that point on, the old parse read the same text in the same state, so its items
//     are the new ones, moved by the edit's length (shift.ts moves them in place);
//   - a parsing step that reported something may have read past its item (recovery skips to the end of a line or
//     to the next top-level keyword; a broken bracket is read to its error, then parsing rewinds to the next
//     line), and a message names lines: so the kept items, before and after, must come from steps that reported
//     nothing (`reportedFrom`); otherwise the whole file is parsed again. Reports in the re-parsed text are the
//     new parse's own, made on the new text.
// The previous tree is consumed: its moved blocks now describe the new text. Only the parse memo calls this, with
// the previous version of the same path.

import { parseHcl, parseTopLevelFrom } from './parser';
import { shiftAttribute, shiftBlock } from './shift';
import type { Attribute, Block, FileRef, HclFile } from './syntax';

const CHUNK = 1024;

/**
 * Where two versions of a text differ: the text before `prefix` is the same, and so is the text from `oldEnd`
 * (old offsets) to the end.
 */
export interface TextEdit {
  readonly prefix: number;
  readonly oldEnd: number;
}

export function textEdit(old: string, text: string): TextEdit {
  const limit = Math.min(old.length, text.length);
  // Whole chunks first: comparing substrings runs in the engine, a character loop over 400 KB took 1.5 ms.
  let prefix = 0;
  while (prefix + CHUNK <= limit && old.slice(prefix, prefix + CHUNK) === text.slice(prefix, prefix + CHUNK)) prefix += CHUNK;
  while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix + CHUNK <= limit - prefix && old.slice(old.length - suffix - CHUNK, old.length - suffix) === text.slice(text.length - suffix - CHUNK, text.length - suffix)) suffix += CHUNK;
  while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { prefix, oldEnd: old.length - suffix };
}

export function reparseHcl(previous: HclFile, text: string, path: string, edit: TextEdit = textEdit(previous.text, text)): HclFile {
  const old = previous.text;
  if (previous.path !== path || !previous.ref) return parseHcl(text, path);
  const { prefix, oldEnd } = edit;
  const delta = text.length - old.length;

  const items = topLevelItems(previous);
  // The last item that starts before the edit: parsing restarts there (0 when the edit is before every item).
  let restart = -1;
  for (let low = 0, high = items.length - 1; low <= high; ) {
    const mid = (low + high) >> 1;
    if (items[mid].start < prefix) {
      restart = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  const from = restart < 0 ? 0 : items[restart].start;
  const reported = previous.reportedFrom ?? (previous.diagnostics.length > 0 ? [0] : []);
  if (reported.some((step) => step < from)) return parseHcl(text, path);
  // Old items that start in the unchanged text after the edit, by their new start.
  let firstAfter = restart + 1;
  while (firstAfter < items.length && items[firstAfter].start < oldEnd) firstAfter++;
  const resumeAt = (start: number) => {
    const oldStart = start - delta;
    if (oldStart < oldEnd) return false;
    while (firstAfter < items.length && items[firstAfter].start < oldStart) firstAfter++;
    return firstAfter < items.length && items[firstAfter].start === oldStart;
  };
  const parsed = parseTopLevelFrom(text, from, resumeAt);
  if (parsed.resumedAt !== undefined && reported.some((step) => step >= items[firstAfter].start)) return parseHcl(text, path);

  const attributes: Attribute[] = [];
  const blocks: Block[] = [];
  for (let i = 0; i < restart; i++) push(items[i], attributes, blocks);
  attributes.push(...parsed.body.attributes);
  blocks.push(...parsed.body.blocks);
  if (parsed.resumedAt !== undefined) {
    for (let i = firstAfter; i < items.length; i++) {
      const item = items[i];
      if (delta !== 0) {
        if ('type' in item) shiftBlock(item, delta);
        else shiftAttribute(item, delta);
      }
      push(item, attributes, blocks);
    }
  }
  const body = {
    start: restart < 0 ? parsed.body.start : previous.body.start,
    end: parsed.resumedAt === undefined ? parsed.body.end : previous.body.end + delta,
    attributes,
    blocks,
  };
  const ref: FileRef = previous.ref;
  const file: HclFile = { path, text, body, diagnostics: parsed.diagnostics, work: parsed.work, ref, reportedFrom: parsed.reportedFrom };
  ref.file = file;
  return file;
}

/** The top-level attributes and blocks of a file in text order. */
function topLevelItems(file: HclFile): (Attribute | Block)[] {
  const { attributes, blocks } = file.body;
  if (attributes.length === 0) return blocks.slice();
  if (blocks.length === 0) return attributes.slice();
  const out: (Attribute | Block)[] = [];
  let a = 0;
  let b = 0;
  while (a < attributes.length || b < blocks.length) {
    if (b >= blocks.length || (a < attributes.length && attributes[a].start < blocks[b].start)) out.push(attributes[a++]);
    else out.push(blocks[b++]);
  }
  return out;
}

function push(item: Attribute | Block, attributes: Attribute[], blocks: Block[]): void {
  if ('type' in item) blocks.push(item);
  else attributes.push(item);
}
