// How far loops over known collections are expanded, one iteration at a time (Bicep `[for …]`, ARM `copy`).
// Expanding is what lets a rule see that a VNet is missing from a zone's link list; the bounds keep generated or
// hostile input from turning one line into a million nodes. Beyond them a loop body stands for every iteration,
// its loop variables Unknown with a reason that says why.

/** Items of one loop evaluated one by one. */
export const MAX_LOOP_ITEMS = 1_000;

/**
 * All loops of one analysis together (loops inside module loops, child resources and nested deployments multiply).
 * An expanded iteration costs about 0.1 ms of CPU (its expressions, its node, the garbage it leaves): 4,000 keep a
 * 15 KB template of loops nested 19 deep (fuzz seed 1, input 38135: 2 s at 20,000) within the 1 s budget per
 * input, and still cover a hub linking 60 zones to 60 spokes.
 */
export const MAX_DESIGN_ITERATIONS = 4_000;

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
