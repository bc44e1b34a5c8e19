// The syntax trees one analysis evaluates, by path. Kept between analyses (the editor), trees live in the parse
// memo anyway and every tree of the analysis is held. In a one-shot analysis (the CLI) a tree is kept only while
// it is likely to be evaluated again, least recently used out first: the files of a repository are evaluated
// root by root, and a module's file is called by the roots next to it (AVM: `main.bicep` by each of its
// `tests/e2e/*/main.test.bicep`), so a small window saves nearly every second parse while the trees of the rest
// of the repository are garbage, collected young.

import type { BicepFile } from './syntax';

/** One-shot analyses keep at most this many characters of source as trees (~12 bytes of tree per character). */
export const ONE_SHOT_TREE_CHARS = 1_000_000;

export class TreeStore {
  private readonly trees = new Map<string, BicepFile>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(path: string): BicepFile | undefined {
    const tree = this.trees.get(path);
    if (tree && this.maxChars !== Infinity) {
      // Refresh its place in the least-recently-used order.
      this.trees.delete(path);
      this.trees.set(path, tree);
    }
    return tree;
  }

  set(path: string, tree: BicepFile): void {
    const old = this.trees.get(path);
    if (old) {
      this.trees.delete(path);
      this.chars -= old.text.length;
    }
    this.trees.set(path, tree);
    this.chars += tree.text.length;
    for (const [oldest, kept] of this.trees) {
      if (this.chars <= this.maxChars || oldest === path) break;
      this.trees.delete(oldest);
      this.chars -= kept.text.length;
    }
  }

  delete(path: string): void {
    const tree = this.trees.get(path);
    if (!tree) return;
    this.trees.delete(path);
    this.chars -= tree.text.length;
  }

  /** Drops every tree (the analysis is done: what the graph still refers to stays alive through it). */
  clear(): void {
    this.trees.clear();
    this.chars = 0;
  }
}
