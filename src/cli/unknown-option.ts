// Unknown options in the CLI's own voice: node's parseArgs says "Unknown option '--bogus'. To specify a positional
// argument starting with a '-', place it at the end of the command after '--', as in '-- "--bogus"" (an
// unbalanced quote, and no hint of what was meant). plreview names the option, the command, the nearest valid
// option and `--help` instead.

/** The option a parseArgs ERR_PARSE_ARGS_UNKNOWN_OPTION error is about, or undefined for any other error. */
export function unknownOptionOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (e?.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || typeof e.message !== 'string') return undefined;
  return /^Unknown option '([^']*)'/.exec(e.message)?.[1];
}

/** The long options a command documents in its usage text (its `--help`): the one list of what it accepts. */
export function documentedOptions(usage: string): string[] {
  return [...new Set([...usage.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]))];
}

/** The documented option nearest to what was typed, when it is near enough to be a likely typo. */
export function nearestOption(typed: string, options: readonly string[]): string | undefined {
  const name = typed.replace(/=.*$/, '');
  let best: { option: string; distance: number } | undefined;
  for (const option of options) {
    const distance = editDistance(name, option);
    if (!best || distance < best.distance) best = { option, distance };
  }
  // A third of the option's letters (at least two) may differ: '--fromat' → '--format', '--x' → nothing.
  const letters = name.replace(/^-+/, '').length;
  return best && best.distance <= Math.max(2, Math.floor(letters / 3)) ? best.option : undefined;
}

export function unknownOptionMessage(command: string, typed: string, usage: string): string {
  const near = nearestOption(typed, documentedOptions(usage));
  const hint = near ? ` Did you mean '${near}'?` : '';
  return `plreview ${command}: unknown option '${typed}'.${hint} See 'plreview ${command} --help'.`;
}

/** Levenshtein distance; by hand because a dozen lines do not justify a runtime dependency of the CLI bundle. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
