// Moves a reused syntax subtree by `delta` characters, in place (reparse.ts: the blocks after an edit keep their
// objects, so what was derived from them, evaluated values and their spans, stays valid). Every offset field of
// every node kind in syntax.ts is listed here: a field left out would leave a stale position behind, which the
// keystroke tests catch (they compare every range with a fresh parse's).

import type { Attribute, Block, Body, Expr, TemplatePart } from './syntax';

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

function shiftParts(parts: readonly TemplatePart[], delta: number): void {
  for (const part of parts) {
    const p = part as Mutable<TemplatePart>;
    p.start += delta;
    p.end += delta;
    switch (part.type) {
      case 'text':
        break;
      case 'interpolation':
        shiftExpr(part.expr, delta);
        break;
      case 'if':
        shiftExpr(part.condition, delta);
        shiftParts(part.then, delta);
        if (part.else) shiftParts(part.else, delta);
        break;
      case 'for':
        shiftExpr(part.collection, delta);
        shiftParts(part.body, delta);
        break;
    }
  }
}

function shiftExpr(expr: Expr, delta: number): void {
  const e = expr as Mutable<Expr>;
  e.start += delta;
  e.end += delta;
  switch (expr.type) {
    case 'literal':
    case 'variable':
    case 'splatItem':
    case 'error':
      return;
    case 'template':
      return shiftParts(expr.parts, delta);
    case 'getattr':
      return shiftExpr(expr.object, delta);
    case 'index':
      shiftExpr(expr.object, delta);
      return shiftExpr(expr.key, delta);
    case 'splat':
      shiftExpr(expr.source, delta);
      return shiftExpr(expr.each, delta);
    case 'call':
      for (const arg of expr.args) shiftExpr(arg, delta);
      return;
    case 'tuple':
      for (const item of expr.items) shiftExpr(item, delta);
      return;
    case 'object':
      for (const item of expr.items) {
        const i = item as Mutable<typeof item>;
        i.start += delta;
        i.end += delta;
        shiftExpr(item.key, delta);
        shiftExpr(item.value, delta);
      }
      return;
    case 'for':
      shiftExpr(expr.collection, delta);
      if (expr.keyExpr) shiftExpr(expr.keyExpr, delta);
      shiftExpr(expr.valueExpr, delta);
      if (expr.condition) shiftExpr(expr.condition, delta);
      return;
    case 'unary':
      return shiftExpr(expr.operand, delta);
    case 'binary':
      shiftExpr(expr.left, delta);
      return shiftExpr(expr.right, delta);
    case 'conditional':
      shiftExpr(expr.condition, delta);
      shiftExpr(expr.then, delta);
      return shiftExpr(expr.else, delta);
    case 'parens':
      return shiftExpr(expr.expr, delta);
  }
}
