// The direct child expressions of an HCL expression, in source order: one place that knows the shape of every
// expression kind, for the passes that walk them all (shift.ts moves offsets, eval-reuse.ts collects references).
// Template parts and object items are not expressions but hold them and have offsets: `located` sees each.

import type { Expr, Located, TemplatePart } from './syntax';

export function forEachChild(expr: Expr, visit: (child: Expr) => void, located?: (node: Located) => void): void {
  switch (expr.type) {
    case 'literal':
    case 'variable':
    case 'splatItem':
    case 'error':
      return;
    case 'template':
      return forEachInParts(expr.parts, visit, located);
    case 'getattr':
      return visit(expr.object);
    case 'index':
      visit(expr.object);
      return visit(expr.key);
    case 'splat':
      visit(expr.source);
      return visit(expr.each);
    case 'call':
      for (const arg of expr.args) visit(arg);
      return;
    case 'tuple':
      for (const item of expr.items) visit(item);
      return;
    case 'object':
      for (const item of expr.items) {
        located?.(item);
        visit(item.key);
        visit(item.value);
      }
      return;
    case 'for':
      visit(expr.collection);
      if (expr.keyExpr) visit(expr.keyExpr);
      visit(expr.valueExpr);
      if (expr.condition) visit(expr.condition);
      return;
    case 'unary':
      return visit(expr.operand);
    case 'binary':
      visit(expr.left);
      return visit(expr.right);
    case 'conditional':
      visit(expr.condition);
      visit(expr.then);
      return visit(expr.else);
    case 'parens':
      return visit(expr.expr);
  }
}

function forEachInParts(parts: readonly TemplatePart[], visit: (child: Expr) => void, located: ((node: Located) => void) | undefined): void {
  for (const part of parts) {
    located?.(part);
    switch (part.type) {
      case 'text':
        break;
      case 'interpolation':
        visit(part.expr);
        break;
      case 'if':
        visit(part.condition);
        forEachInParts(part.then, visit, located);
        if (part.else) forEachInParts(part.else, visit, located);
        break;
      case 'for':
        visit(part.collection);
        forEachInParts(part.body, visit, located);
        break;
    }
  }
}
