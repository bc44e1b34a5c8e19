// How far loops over known collections are expanded, one iteration at a time (Bicep `[for …]`, ARM `copy`).
// Expanding is what lets a rule see that a VNet is missing from a zone's link list; the bounds keep generated or
// hostile input from turning one line into a million nodes. Beyond them a loop body stands for every iteration,
// its loop variables Unknown with a reason that says why.

/** Items of one loop evaluated one by one. */
export const MAX_LOOP_ITEMS = 1_000;

/** All loops of one analysis together (loops inside module loops and nested deployments multiply). */
export const MAX_DESIGN_ITERATIONS = 20_000;

/** Counts the iterations one analysis has expanded. */
export class IterationBudget {
  private left = MAX_DESIGN_ITERATIONS;

  /** The reason a loop of `count` items is not expanded, or undefined when it is (and the items are spent). */
  refuse(count: number): string | undefined {
    if (count > MAX_LOOP_ITEMS) return `the loop has ${count} items, more than the ${MAX_LOOP_ITEMS} evaluated one by one`;
    if (count > this.left) return `the design's loops have more than ${MAX_DESIGN_ITERATIONS} items in all, more than are evaluated one by one`;
    this.left -= count;
    return undefined;
  }
}
