// Whether to write ANSI colour: on a terminal only, unless NO_COLOR is set (https://no-color.org); FORCE_COLOR
// forces it (a CI log viewer that renders colour), and FORCE_COLOR=0 or false turns it off, as node reads them.
export function colourWanted(env = process.env, isTTY = process.stdout.isTTY === true) {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return !['0', 'false'].includes(env.FORCE_COLOR);
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}
