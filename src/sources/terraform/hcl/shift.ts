// Moves a reused syntax subtree by `delta` characters, in place (reparse.ts: the blocks after an edit keep their
// objects, so what was derived from them, evaluated values and their spans, stays valid). Every offset field of
// every node kind in syntax.ts is listed here: a field left out would leave a stale position behind, which the
// keystroke tests catch (they compare every range with a fresh parse's).

import type { Attribute, Block, Body, Expr, Located } from './syntax';
import { forEachChild } from './children';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function shiftBody(body: Body, delta: number): void {
  const b = body as Mutable<Body>;
  b.start += delta;
  b.end += delta;
  for (const attribute of body.attributes) shiftAttribute(attribute, delta);
  for (const block of body.blocks) shiftBlock(block, delta);
}

export function shiftAttribute(attribute: Attribute, delta: number): void {
  const a = attribute as Mutable<Attribute>;
  a.start += delta;
  a.end += delta;
  a.nameStart += delta;
  a.nameEnd += delta;
  shiftExpr(attribute.expr, delta);
}

export function shiftBlock(block: Block, delta: number): void {
  const b = block as Mutable<Block>;
  b.start += delta;
  b.end += delta;
  b.typeStart += delta;
  b.typeEnd += delta;
  if (b.openBrace >= 0) b.openBrace += delta;
  for (const label of block.labels) {
    const l = label as Mutable<typeof label>;
    l.start += delta;
    l.end += delta;
  }
  shiftBody(block.body, delta);
}

function shiftExpr(expr: Expr, delta: number): void {
  shiftLocated(expr, delta);
  // Template parts and object items carry offsets of their own.
  forEachChild(expr, (child) => shiftExpr(child, delta), (node) => shiftLocated(node, delta));
}

function shiftLocated(node: Located, delta: number): void {
  const n = node as Mutable<Located>;
  n.start += delta;
  n.end += delta;
}
