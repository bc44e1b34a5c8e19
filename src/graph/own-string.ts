// A string cut from a longer one (`slice`, `substring`, a regex match, or a concatenation of such pieces) is, in
// V8, a view that keeps the whole longer string alive. The caches that outlive one analysis (expression trees by
// text, resource keys by id) are keyed by such pieces of a design's text: in the editor every keystroke makes a
// new text, and each new key cut from it would keep that whole text, so caches bounded by entry count or by key
// length would still hold hundreds of megabytes of old texts. A cache keeps its own copy of the key instead.
// No library offers this: it is a property of one engine's string representation.

/** Strings shorter than this are copied by V8 when cut, never kept as a view. */
const V8_SLICED_STRING_MIN_LENGTH = 13;

/** A copy of `text` that holds no other string alive (a flat string of the same code units). */
export function ownString(text: string): string {
  if (text.length < V8_SLICED_STRING_MIN_LENGTH) return text;
  // UTF-16LE round-trips every code unit exactly, lone surrogates included.
  return Buffer.from(text, 'utf16le').toString('utf16le');
}
