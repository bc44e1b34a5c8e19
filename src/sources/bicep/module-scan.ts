// The module paths a Bicep file names, read from its tokens without parsing it. `plreview lint` must know which
// files other files call as modules before it evaluates any (those are analysed through their calls, not as
// roots), and parsing every file for that, then again to evaluate it, was a sixth of linting a repository. The
// tokens are kept and parsed as they are (parseLexed), so a file is lexed once and parsed once.
//
// A superset of the parser's module statements, on purpose: the parser reads `module` [name] 'path' with the name
// and the path on the keyword's line, after decorators on any line. Every such statement is found here (no
// bracket or statement context is needed, so error recovery cannot hide one). A `module` word that is not a
// statement (a stray line inside an unclosed object) may add a path too: the file it names is then not a root at
// first, and bicepToGraph still analyses every file that no evaluated call instantiated.

import { FLAG_NEWLINE_BEFORE, TK, type TokenStream } from './lexer';
import { stringTokenValue } from './parser';

export function modulePaths(text: string, tokens: TokenStream): string[] {
  const paths: string[] = [];
  const d = tokens.data;
  const count = tokens.count;
  for (let t = 0; t < count; t++) {
    if ((d[t * 3] & 0xff) !== TK.Identifier || d[t * 3 + 2] - d[t * 3 + 1] !== 6 || !text.startsWith('module', d[t * 3 + 1])) continue;
    let next = t + 1;
    // The symbolic name, when there is one (the parser reads a path after a missing name too).
    if (next < count && !onNewLine(d, next) && stringTokenValue(text, tokens, next) === undefined) next++;
    if (next >= count || onNewLine(d, next)) continue;
    const path = stringTokenValue(text, tokens, next);
    if (path !== undefined) paths.push(path);
  }
  return paths;
}

function onNewLine(d: Int32Array, t: number): boolean {
  return ((d[t * 3] >> 8) & FLAG_NEWLINE_BEFORE) !== 0;
}
