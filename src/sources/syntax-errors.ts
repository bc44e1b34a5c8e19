// How many syntax errors a file reports. A broken file (900 KB of `${`, a binary file named .bicep) can have
// millions; past the first ones they say nothing new, and reporting them all costs seconds and megabytes of
// output. Every source reports the first MAX_SYNTAX_ERRORS by position, then one problem that says how many more.

import type { FileSpan, SourceProblem } from '../graph/types';

export const MAX_SYNTAX_ERRORS = 100;

/** The problem that stands for the syntax errors not reported, at the last one reported. */
export function moreSyntaxErrors(omitted: number, span: FileSpan): SourceProblem {
  return {
    ruleId: 'syntax-error',
    message: `${withThousands(omitted)} more syntax error${omitted === 1 ? '' : 's'} in this file are not reported (only the first ${MAX_SYNTAX_ERRORS} are).`,
    span,
  };
}

/**
 * The first MAX_SYNTAX_ERRORS problems by position (input in any order), and the summary of the rest and of
 * `omitted` more found before (all after the ones given).
 */
export function capSyntaxErrors(problems: readonly SourceProblem[], omitted = 0): SourceProblem[] {
  if (problems.length <= MAX_SYNTAX_ERRORS && omitted === 0) return [...problems];
  const sorted = [...problems].sort((a, b) => a.span.range.start.offset - b.span.range.start.offset);
  const kept = sorted.slice(0, MAX_SYNTAX_ERRORS);
  const more = omitted + sorted.length - kept.length;
  return kept.length > 0 ? [...kept, moreSyntaxErrors(more, kept[kept.length - 1].span)] : kept;
}

/** 2600000 → 2,600,000 (toLocaleString asks ICU, which costs more than the rest of a small file's analysis). */
function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
