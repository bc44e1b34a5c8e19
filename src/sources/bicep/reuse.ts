// Which top-level units of the previous parse of a file an edit left intact, for reparseBicep (parser.ts).
//
// The parser is a function of the token stream: a unit's statement depends on its own tokens, the two tokens
// after it (a declaration ends where the next line starts one; `startsDeclaration` reads two tokens) and, when
// it recovers from an unclosed bracket, the columns of its lines. So a unit can be reused when:
//   - before the edit: its tokens and the two after them are the same tokens (kind, flags, offsets) in both
//     versions and end before the first changed character;
//   - after the edit: its tokens and every token after them are the same tokens moved by the edit's length, and
//     its first line starts after the last changed character, strictly (an insertion at the very start of the
//     line moves its columns), so its text and columns are unchanged.
// Which tokens are the same comes from re-lexing (relex.ts), the positions from the text comparison done there.
// A unit that produced a diagnostic is never reused (diagnostic messages name lines, which an edit above moves).

import type { TokenEdit } from './relex';

/** The previous parse, as reparseBicep keeps it (structural: parser.ts owns the real types). */
export interface PreviousParse {
  readonly src: { readonly lineStarts: readonly number[]; positionAt(offset: number): { line: number } };
  readonly lexed: { readonly tokens: { readonly data: Int32Array; readonly count: number } };
  readonly units: readonly { readonly seg: { readonly firstToken: number }; readonly tokenCount: number; readonly clean: boolean }[];
}

export interface ReusableUnit {
  /** Index of the unit in the previous parse's units. */
  readonly unit: number;
  /** Index of its first token in the new token stream. */
  readonly newIndex: number;
  /** How far its text moved (0 before the edit, the edit's length change after it). */
  readonly shift: number;
}

/** The previous units the new version can reuse, in order of their new position. */
export function reusableUnits(previous: PreviousParse, edit: TokenEdit): ReusableUnit[] {
  const od = previous.lexed.tokens.data;
  const lastOld = previous.lexed.tokens.count - 1;
  const out: ReusableUnit[] = [];
  previous.units.forEach((unit, index) => {
    if (!unit.clean || unit.tokenCount === 0) return;
    const first = unit.seg.firstToken;
    const lookahead = Math.min(first + unit.tokenCount + 1, lastOld);
    if (lookahead < edit.sameUntil && od[lookahead * 3 + 2] <= edit.prefix) {
      out.push({ unit: index, newIndex: first, shift: 0 });
    } else if (first >= edit.sameFrom && lineStart(previous, od[first * 3 + 1]) > edit.oldChangeEnd) {
      out.push({ unit: index, newIndex: first + edit.indexShift, shift: edit.shift });
    }
  });
  return out;
}

function lineStart(previous: PreviousParse, offset: number): number {
  return previous.src.lineStarts[previous.src.positionAt(offset).line];
}
