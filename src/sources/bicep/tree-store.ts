// The syntax trees one analysis evaluates. Kept between analyses (the editor), trees live in the parse memo
// anyway and every tree of the analysis is held. In a one-shot analysis (the CLI) a tree is kept only while it
// is likely to be evaluated again, and at most ONE_SHOT_TREE_CHARS of them, oldest out first: the files of a
// repository are evaluated root by root, and a module's file is called by the roots next to it (AVM: `main.bicep`
// by each of its `tests/e2e/*/main.test.bicep`), so a small window saves nearly every second parse while the
// trees of the rest of the repository are garbage, collected young.
//
// A tree is held by its file's own record (TreeHolder), not in a Map by path. A Map whose entries come and go is
// re-hashed into new tables, and a discarded table in the old generation still points at the trees it held: V8's
// young-generation collector takes such pointers as live until the next full collection, so trees already dead
// were copied to the old generation (28 MB per lint of the 2,330 AVM files; docs/design-notes/performance.md).

import type { EvaluationTree } from './eval-file';

/** One-shot analyses keep at most this many characters of source as trees (~8 bytes of tree per character). */
export const ONE_SHOT_TREE_CHARS = 1_000_000;

/** A file's record that holds its tree while the store keeps it. */
export interface TreeHolder {
  readonly text: string;
  tree: EvaluationTree | undefined;
}

export class TreeStore {
  /** Holders in the order their trees were kept (one that dropped its tree is skipped when its turn comes). */
  private readonly order: TreeHolder[] = [];
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  keep(holder: TreeHolder, tree: EvaluationTree): void {
    if (holder.tree) this.chars -= holder.text.length;
    else this.order.push(holder);
    holder.tree = tree;
    this.chars += holder.text.length;
    // Oldest out first (never the tree just kept). A holder kept, dropped and kept again is listed twice, and may
    // lose its tree at the first listing's turn: that costs a second parse, never a wrong answer.
    const listed = this.order.length;
    let i = 0;
    while (this.chars > this.maxChars && i < listed) {
      const oldest = this.order[i++];
      if (oldest === holder) this.order.push(holder); // still listed, now as the newest
      else this.drop(oldest);
    }
    if (i > 0) this.order.splice(0, i);
  }

  drop(holder: TreeHolder | undefined): void {
    if (!holder?.tree) return;
    holder.tree = undefined;
    this.chars -= holder.text.length;
  }

  /** Drops every tree (the analysis is done: what the graph still refers to stays alive through it). */
  clear(): void {
    for (const holder of this.order) holder.tree = undefined;
    this.order.length = 0;
    this.chars = 0;
  }
}
