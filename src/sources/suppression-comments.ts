// `plreview-disable-next-line [rule-id …]` comments, in every format that has comments: `//` in Bicep and
// ARM JSON (jsonc), `#` in YAML and Terraform; none in strict JSON (formats.ts says which file has which). Rule ids are separated by spaces or commas; none means every rule.
// Stacked comments all apply to the first line below them that is not itself such a comment.

import type { Suppression } from '../graph/types';

export type CommentPrefix = '//' | '#';

export const SUPPRESSION_DIRECTIVE = 'plreview-disable-next-line';

const PATTERNS: Record<CommentPrefix, RegExp> = {
  '//': /^[ \t]*\/\/[ \t]*plreview-disable-next-line\b(.*)$/,
  '#': /^[ \t]*#[ \t]*plreview-disable-next-line\b(.*)$/,
};

/** The rule ids a comment line names, or undefined when the line is not a suppression comment. */
export function parseSuppressionLine(lineText: string, prefix: CommentPrefix): string[] | undefined {
  const match = PATTERNS[prefix].exec(lineText);
  if (!match) return undefined;
  // Anything after ` -- ` is a free-text reason, as in eslint's directives.
  const ids = match[1].split(/\s--\s/)[0];
  return ids.split(/[\s,]+/).filter((id) => id.length > 0);
}

export function findSuppressions(file: string, text: string, prefix: CommentPrefix | undefined): Suppression[] {
  if (!prefix || !text.includes(SUPPRESSION_DIRECTIVE)) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const result: Suppression[] = [];
  let pending: string[][] = [];
  lines.forEach((line, index) => {
    const ids = parseSuppressionLine(line, prefix);
    if (ids) {
      pending.push(ids);
      return;
    }
    for (const ruleIds of pending) result.push({ file, line: index, ruleIds });
    pending = [];
  });
  return result;
}

/** The comment line that suppresses `ruleId` on the line below it, indented like that line. */
export function suppressionComment(ruleId: string, prefix: CommentPrefix, indent: string): string {
  return `${indent}${prefix} ${SUPPRESSION_DIRECTIVE} ${ruleId}`;
}
