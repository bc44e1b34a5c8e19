// Fix intents → text edits in Terraform files. A rule names an ARM path (`properties.publicNetworkAccess`); the
// provider table says which Terraform attribute sets it (`public_network_access_enabled`) and how the value
// converts ('Disabled' → false). A value written as a literal is replaced; an attribute left to the provider's
// default is inserted at the top of its block (or of the nested block the path goes through). A value written
// as an expression (a variable, a reference) is left alone: the fix would be somewhere else.

import type { GraphNode } from '../../graph/types';
import type { FixIntent } from '../../rules/types';
import { LineIndex } from '../line-index';
import type { TextEdit } from '../text-edit';
import { parseHcl } from './hcl/parser';
import type { Block, Body, Expr } from './hcl/syntax';
import { attributeOf } from './hcl/syntax';
import type { PropertyRule, ResourceMapping } from './provider-table';
import { PROVIDER_TABLE } from './provider-table';

export function terraformEditsForFix(intent: FixIntent, node: GraphNode, text: string): TextEdit[] {
  if (intent.kind !== 'setProperty' || node.origin.kind !== 'file') return [];
  const file = node.origin.span.file;
  if (/\.json$/i.test(file)) return [];
  const hcl = parseHcl(text, file);
  const lines = new LineIndex(text);
  const at = node.origin.span.range.start.offset;
  const found = findBlock(hcl.body, at);
  if (!found) return [];
  const { resource, block } = found;
  const mapping = PROVIDER_TABLE[resource.labels[0]?.value ?? ''];
  if (!mapping) return [];
  const target = attributeFor(mapping, block === resource ? undefined : block.type, intent.path);
  if (!target) return [];
  // The nested block the path names (`…Connections[1]…` → the second private_service_connection).
  let body = block.body;
  let openBrace = block.openBrace;
  if (target.block) {
    const nested = body.blocks.filter((b) => b.type === target.block);
    const chosen = nested[target.index];
    if (!chosen) return [];
    body = chosen.body;
    openBrace = chosen.openBrace;
  }
  const value = tfLiteral(target.rule, intent.value);
  if (value === undefined) return [];
  const names = typeof target.rule.tf === 'string' ? [target.rule.tf] : target.rule.tf;
  const existing = names.map((n) => attributeOf(body, n)).find((a) => a !== undefined);
  if (existing) {
    if (!isLiteral(existing.expr)) return [];
    return [{ file, range: lines.range(existing.expr.start, existing.expr.end), newText: value }];
  }
  // Insert `name = value` as the first line of the body, indented like the block's contents.
  if (openBrace < 0) return [];
  const braceLine = lines.positionAt(openBrace).line;
  const indent = `${lines.indentOf(braceLine)}  `;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const insertAt = lines.lineEnd(braceLine);
  return [{ file, range: lines.range(insertAt, insertAt), newText: `${eol}${indent}${names[0]} = ${value}` }];
}

/** The resource block containing `offset`, and the block the node was declared by (itself or a nested one). */
function findBlock(body: Body, offset: number): { resource: Block; block: Block } | undefined {
  for (const resource of body.blocks) {
    if (resource.type !== 'resource' || offset < resource.start || offset >= Math.max(resource.end, resource.start + 1)) continue;
    if (resource.start === offset) return { resource, block: resource };
    const nested = resource.body.blocks.find((b) => b.start === offset);
    return { resource, block: nested ?? resource };
  }
  return undefined;
}

/** The table rule that writes `path`, and the nested block (with its index) the attribute lives in. */
function attributeFor(mapping: ResourceMapping, childBlock: string | undefined, path: string): { rule: PropertyRule; block?: string; index: number } | undefined {
  if (childBlock) {
    const child = mapping.children?.find((c) => c.block === childBlock);
    const rule = child?.properties.find((p) => path === p.arm || path.startsWith(`${p.arm}[`) || path.startsWith(`${p.arm}.`));
    return rule ? { rule, index: 0 } : undefined;
  }
  const direct = mapping.properties?.find((p) => p.arm === path);
  if (direct) return { rule: direct, index: 0 };
  for (const list of mapping.blockLists ?? []) {
    const match = new RegExp(`^${list.arm.replace(/\./g, '\\.')}\\[(\\d+)\\]\\.(.+)$`).exec(path);
    if (!match) continue;
    const rest = match[2].replace(/\[\d+\]$/, '');
    const rule = list.item.find((p) => p.arm === rest);
    if (rule) return { rule, block: list.block, index: Number(match[1]) };
  }
  return undefined;
}

/** The Terraform text of an ARM value, converted back through the rule. */
function tfLiteral(rule: PropertyRule, value: string | boolean): string | undefined {
  if (rule.convert === 'enabledDisabled') {
    if (value === 'Enabled' || value === 'Disabled') return value === 'Enabled' ? 'true' : 'false';
    return undefined;
  }
  if (rule.convert) return typeof value === 'boolean' ? String(value) : undefined;
  if (rule.arm.endsWith('groupIds')) return typeof value === 'string' ? `[${JSON.stringify(value)}]` : undefined;
  return typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function isLiteral(expr: Expr): boolean {
  if (expr.type === 'literal') return true;
  if (expr.type === 'template') return expr.parts.every((p) => p.type === 'text');
  if (expr.type === 'tuple') return expr.items.every(isLiteral);
  return false;
}
