// Random edits of source text, seeded so a failing chain replays: typing (brackets, quotes, comment and string
// openers, whole declarations), deleting, duplicating and deleting lines, re-indenting. For the tests that check
// the keystroke path (reparse, reused evaluation) against a fresh analysis of the same text.

/** Small, seeded, good enough to spread edits over a file. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SNIPPETS = ["'''", '/*', '*/', '${', "'", '{', '}', '[', ']', '(', ')', '\n', '\n\n', ' ', 'x', ':', '=', '@', '//', '#disable-next-line BCP081\n',
  "resource extra 'Microsoft.Cache/redis@2024-11-01' = {\n  name: 'x'\n", "@description('d')\n", 'param p string\n', '}\n'];

/** Edits that change meaning rather than syntax: group ids, public access, zones, flags, symbol names. */
const SWAPS: readonly (readonly [string, string])[] = [
  ['redisCache', 'redisEnterprise'],
  ['redisEnterprise', 'redisCache'],
  ['Disabled', 'Enabled'],
  ['Enabled', 'Disabled'],
  ['cache\\.windows', 'azure'],
  ['true', 'false'],
  ['false', 'true'],
  ['location', 'region'],
  ['cache', 'cache2'],
  ['vnet', 'hub'],
  ['pe', 'endpoint'],
];

export function randomEdit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  switch (Math.floor(next() * 7)) {
    case 0:
      return typeSnippet(text, at, SNIPPETS, next);
    case 1:
      return deleteCharacters(text, at, next);
    case 2:
      return duplicateLine(text, lineStart, next);
    case 3:
      return deleteLine(text, at, lineStart);
    case 4:
      return reindentLine(text, lineStart, next);
    case 5: // change a value the rules care about, or the name of a symbol, at one of its occurrences
      return swapOne(text, at, SWAPS, next, (from) => new RegExp(`\\b${from}\\b`, 'g'), (to) => to);
    default: // replace one character
      return text.slice(0, at) + SNIPPETS[Math.floor(next() * SNIPPETS.length)].slice(0, 1) + text.slice(at + 1);
  }
}

// The kinds of edit every language's random edits make (tf-edits.ts too).

/** Type one of the snippets at `at`. */
export function typeSnippet(text: string, at: number, snippets: readonly string[], next: () => number): string {
  return text.slice(0, at) + snippets[Math.floor(next() * snippets.length)] + text.slice(at);
}

/** Delete 1–20 characters at `at`. */
export function deleteCharacters(text: string, at: number, next: () => number): string {
  return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 20));
}

/** Copy a line from somewhere else to the line starting at `lineStart`. */
export function duplicateLine(text: string, lineStart: number, next: () => number): string {
  const from = Math.floor(next() * text.length);
  const start = text.lastIndexOf('\n', from - 1) + 1;
  const end = text.indexOf('\n', from);
  const line = text.slice(start, end < 0 ? text.length : end + 1);
  return text.slice(0, lineStart) + line + (line.endsWith('\n') ? '' : '\n') + text.slice(lineStart);
}

/** Delete the line `at` is on. */
export function deleteLine(text: string, at: number, lineStart: number): string {
  const end = text.indexOf('\n', at);
  return text.slice(0, lineStart) + text.slice(end < 0 ? text.length : end + 1);
}

/**
 * Replace one occurrence, picked at random, of a random swap's `from` (as `pattern` reads it) by its `to`; where
 * there is none, type `missing(to)` at `at`.
 */
export function swapOne(
  text: string,
  at: number,
  swaps: readonly (readonly [string, string])[],
  next: () => number,
  pattern: (from: string) => RegExp,
  missing: (to: string) => string,
): string {
  const [from, to] = swaps[Math.floor(next() * swaps.length)];
  const found = [...text.matchAll(pattern(from))];
  if (found.length === 0) return text.slice(0, at) + missing(to) + text.slice(at);
  const hit = found[Math.floor(next() * found.length)];
  return text.slice(0, hit.index) + to + text.slice(hit.index! + hit[0].length);
}

/** Indent the line by two spaces more, or less. */
export function reindentLine(text: string, lineStart: number, next: () => number): string {
  return text.slice(0, lineStart) + (next() < 0.5 ? '  ' : '') + text.slice(lineStart).replace(/^ {1,2}/, '');
}
