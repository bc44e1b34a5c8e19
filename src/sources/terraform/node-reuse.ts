// Graph nodes kept from one keystroke to the next (the editor only). Building the 650 nodes of a 10,000-line file
// was a third of a keystroke once evaluation was reused (eval-reuse.ts); a keystroke changes one or two of them.
//
// A node is a function of its resource's declaration and of the children it reads (`children.of(resource, type)`:
// zone groups, subnets, firewall rules, databases; arm-shape/to-nodes.ts). The declarations of a resource whose
// evaluation was reused are the same objects (to-graph.ts keeps them by values), so a node is kept when its
// declaration is the same object and each children list it read holds the same declarations, in order. Its spans
// stay right: they are read when asked (`movable` declarations get a LiveOrigin), and the evaluator's spans follow
// the syntax nodes an edit moved.

import type { GraphNode } from '../../graph/types';
import { ChildIndex } from '../arm-shape/children';
import { nodeOf } from '../arm-shape/to-nodes';
import type { ArmResourceView } from '../arm-shape/view';
import type { Value } from '../bicep/eval-value';
import type { DeclaredResource } from '../bicep/graph-declared';
import { viewOf } from '../bicep/graph-nodes';

interface Built {
  readonly node: GraphNode | undefined;
  /** The children lists the node was built from; undefined when it asked about another resource than its own. */
  readonly reads: readonly ChildRead[] | undefined;
}

interface ChildRead {
  readonly type: string;
  readonly children: readonly DeclaredResource[];
}

const built = new WeakMap<DeclaredResource, Built>();

/** The nodes of `declared`, in order, as `buildNodes` gives them, kept where nothing they read changed. */
export function keptNodes(declared: readonly DeclaredResource[]): GraphNode[] {
  const views = declared.map(viewOf);
  const declarationOf = new Map<ArmResourceView<Value>, DeclaredResource>();
  for (let i = 0; i < views.length; i++) declarationOf.set(views[i], declared[i]);
  const children = new ChildIndex(views);
  const nodes: GraphNode[] = [];
  for (let i = 0; i < views.length; i++) {
    const view = views[i];
    const last = built.get(declared[i]);
    if (last?.reads && last.reads.every((read) => same(children.of(view, read.type), read.children, declarationOf))) {
      if (last.node) nodes.push(last.node);
      continue;
    }
    let reads: ChildRead[] | undefined = [];
    const recording = {
      of: (parent: ArmResourceView<Value>, type: string) => {
        const list = children.of(parent, type);
        if (parent !== view) reads = undefined;
        reads?.push({ type, children: list.map((child) => declarationOf.get(child)!) });
        return list;
      },
    } as ChildIndex<Value>;
    const node = nodeOf(view, recording);
    built.set(declared[i], { node, reads });
    if (node) nodes.push(node);
  }
  return nodes;
}

function same(views: readonly ArmResourceView<Value>[], before: readonly DeclaredResource[], declarationOf: ReadonlyMap<ArmResourceView<Value>, DeclaredResource>): boolean {
  return views.length === before.length && views.every((view, i) => declarationOf.get(view) === before[i]);
}
