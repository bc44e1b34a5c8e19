// The reason recorded when the analyser itself fails on a file (a bug, or input nested deeper than the stack):
// it becomes an `analysis-incomplete` finding, so it is worded for the person reading lint output, who cannot
// act on a stack trace but can flatten a file or report it.

export function analyserFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return 'the analyser gave up on this file because it is nested too deeply; flatten the deepest part';
  }
  return `the analyser stopped on this file (${message}); if the file is valid, please report it with the file`;
}
