// Fix intents → text edits in Terraform files. A rule names an ARM path (`properties.publicNetworkAccess`); the
// provider table says which Terraform attribute sets it (`public_network_access_enabled`) and how the value
// converts ('Disabled' → false). A value written as a literal is replaced; an attribute left to the provider's
// default is inserted at the top of its block (or of the nested block the path goes through). A value written
// as an expression (a variable, a reference) is left alone: the fix would be somewhere else, and the rules say
// where (a zone referred to as `azurerm_private_dns_zone.x.id` is renamed at its own block, in its own file).
// Fixes that add what is missing write Terraform blocks: a `private_dns_zone_group` inside the endpoint, an
// `azurerm_private_dns_zone_virtual_network_link` after the zone, a zone of the right name; references to other
// resources are written as Terraform references (`azurerm_private_dns_zone.redis.id`, an AVM module's
// `module.zone.resource_id`) from the graph's addresses.

import type { PrivateLinkGraph } from '../../graph/graph';
import type { GraphNode } from '../../graph/types';
import type { FixIntent } from '../../rules/types';
import { LineIndex } from '../line-index';
import type { TextEdit } from '../text-edit';
import { parseHcl } from './hcl/parser';
import type { Block, Body, Expr } from './hcl/syntax';
import { attributeOf, literalString } from './hcl/syntax';
import type { PropertyRule, ResourceMapping } from './provider-table';
import { PROVIDER_TABLE } from './provider-table';
import { avmVariableFor } from './avm';
import { moduleSource } from './config';

type TextOf = (file: string) => string | undefined;

export function terraformEditsForFix(intent: FixIntent, node: GraphNode, graph: PrivateLinkGraph, text: string, textOf: TextOf = () => undefined): TextEdit[] {
  if (node.origin.kind !== 'file' || /\.json$/i.test(node.origin.span.file)) return [];
  try {
    switch (intent.kind) {
      case 'setProperty':
        return setProperty(intent.path, intent.value, node, graph, text, textOf);
      case 'useZone':
        return useZone(intent, node, graph, text, textOf);
      case 'insertZoneGroup':
        return insertZoneGroup(intent.zoneName, node, graph, text);
      case 'insertVnetLink':
        return insertVnetLink(intent.vnetId, intent.vnetName, node, graph, text);
    }
  } catch {
    // A fix that cannot be computed is not offered; it must never break the code-action request.
    return [];
  }
  return [];
}

function setProperty(path: string, intentValue: string | boolean, node: GraphNode, graph: PrivateLinkGraph, text: string, textOf: TextOf): TextEdit[] {
  if (node.origin.kind !== 'file') return [];
  const file = node.origin.span.file;
  const hcl = parseHcl(text, file);
  const lines = new LineIndex(text);
  const at = node.origin.span.range.start.offset;
  const found = findBlock(hcl.body, at);
  if (!found) return [];
  const { resource, block } = found;
  if (resource.type === 'module') return moduleArgument(path, intentValue, node, resource, text, lines);
  const mapping = PROVIDER_TABLE[resource.labels[0]?.value ?? ''];
  if (!mapping) return [];
  const target = attributeFor(mapping, block === resource ? undefined : block.type, path);
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
  const value = tfLiteral(target.rule, intentValue);
  if (value === undefined) return [];
  const names = typeof target.rule.tf === 'string' ? [target.rule.tf] : target.rule.tf;
  const existing = names.map((n) => attributeOf(body, n)).find((a) => a !== undefined);
  if (existing) {
    if (!isLiteral(existing.expr)) return [];
    const edit: TextEdit = { file, range: lines.range(existing.expr.start, existing.expr.end), newText: value };
    // A renamed zone: links and records that name it by a literal follow (a reference follows by itself).
    if (path === 'name' && node.kind === 'dnsZone' && typeof intentValue === 'string') {
      const old = literalString(existing.expr);
      return old === undefined ? [edit] : [edit, ...zoneNameUses(old, intentValue, node, graph, textOf, file, text)];
    }
    return [edit];
  }
  // Insert `name = value` as the first line of the body, indented like the block's contents.
  if (openBrace < 0) return [];
  const braceLine = lines.positionAt(openBrace).line;
  const indent = `${lines.indentOf(braceLine)}  `;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const insertAt = lines.lineEnd(braceLine);
  return [{ file, range: lines.range(insertAt, insertAt), newText: `${eol}${indent}${names[0]} = ${value}` }];
}

/**
 * A value of a resource an Azure Verified Module call creates (avm.ts): the argument the user wrote is replaced
 * when it is a literal (`subresource_name = "blobx"` in `private_endpoints`, `autoregistration = true`); a value
 * left to the module's default becomes an argument of the call, when the module passes it on by a known variable
 * (`public_network_access_enabled = false`).
 */
function moduleArgument(path: string, value: string | boolean, node: GraphNode, call: Block, text: string, lines: LineIndex): TextEdit[] {
  if (node.origin.kind !== 'file') return [];
  const file = node.origin.span.file;
  const source = moduleSource(call.body);
  const type = /\.([A-Za-z0-9_]+)\.[A-Za-z0-9_]+(?:\[[^\]]*\])?$/.exec(addressOf(node) ?? '')?.[1];
  const mapping = type ? PROVIDER_TABLE[type] : undefined;
  const target = mapping ? attributeFor(mapping, undefined, path) : undefined;
  if (!source || !target) return [];
  const literal = tfLiteral(target.rule, value);
  const span = node.origin.properties[path];
  if (span && span.file === file && span.range.start.offset > call.start && span.range.end.offset < call.end) {
    const written = text.slice(span.range.start.offset, span.range.end.offset);
    if (/^"[^"\\$%]*"$/.test(written) && typeof value === 'string') return [{ file, range: span.range, newText: JSON.stringify(value) }];
    if (/^(true|false)$/.test(written) && (literal === 'true' || literal === 'false')) return [{ file, range: span.range, newText: literal }];
    return [];
  }
  if (target.block || literal === undefined || call.openBrace < 0) return [];
  const names = typeof target.rule.tf === 'string' ? [target.rule.tf] : target.rule.tf;
  const variable = names.map((n) => avmVariableFor(source, n)).find((v) => v !== undefined);
  if (!variable || attributeOf(call.body, variable)) return [];
  const braceLine = lines.positionAt(call.openBrace).line;
  const insertAt = lines.lineEnd(braceLine);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return [{ file, range: lines.range(insertAt, insertAt), newText: `${eol}${lines.indentOf(braceLine)}  ${variable} = ${literal}` }];
}

/** The resource (or module) block containing `offset`, and the block the node was declared by (itself or a nested one). */
function findBlock(body: Body, offset: number): { resource: Block; block: Block } | undefined {
  for (const resource of body.blocks) {
    if ((resource.type !== 'resource' && resource.type !== 'module') || offset < resource.start || offset >= Math.max(resource.end, resource.start + 1)) continue;
    if (resource.start === offset) return { resource, block: resource };
    const nested = resource.body.blocks.find((b) => b.start === offset);
    return { resource, block: nested ?? resource };
  }
  return undefined;
}

/** The table rule that writes `path`, and the nested block (with its index) the attribute lives in. */
function attributeFor(mapping: ResourceMapping, childBlock: string | undefined, path: string): { rule: PropertyRule; block?: string; index: number } | undefined {
  if (path === 'name' && !childBlock) return { rule: { arm: 'name', tf: mapping.nameAttribute }, index: 0 };
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

// ---------------------------------------------------------------------------------------------------------
// References between resources, from the addresses the graph keeps (origin.symbol)
// ---------------------------------------------------------------------------------------------------------

const ADDRESS = /^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*)(.+)$/;

/** `module.a.module.b.azurerm_x.y[0]` → the module path (`module.a.module.b.`) and the resource (`azurerm_x.y[0]`). */
function splitAddress(address: string): { prefix: string; rest: string } {
  const match = ADDRESS.exec(address);
  return match ? { prefix: match[1], rest: match[2] } : { prefix: '', rest: address };
}

/** The address of the resource a node was read from (a zone group's `….private_dns_zone_group[0]` is its endpoint's). */
function addressOf(node: GraphNode): string | undefined {
  if (node.origin.kind !== 'file' || !node.origin.symbol) return undefined;
  return node.origin.symbol.replace(/\.private_dns_zone_group\[\d+\]$/, '');
}

const dirOf = (path: string) => path.replace(/[\\/][^\\/]*$/, '');

/**
 * How Terraform code in the module of `from` refers to `target`'s `attribute`: `azurerm_private_dns_zone.z.id`
 * in the same module, `module.zone.resource_id` for a resource an Azure Verified Module call beside it creates
 * (its outputs are `resource_id` and `name`); undefined otherwise (a resource inside a local child module is not
 * reachable from its caller without an output).
 */
function referenceTo(target: GraphNode, from: GraphNode, attribute: 'id' | 'name'): string | undefined {
  const targetAddress = addressOf(target);
  const fromAddress = addressOf(from);
  if (!targetAddress || !fromAddress || target.origin.kind !== 'file' || from.origin.kind !== 'file') return undefined;
  if (target.origin.format !== 'terraform') return undefined;
  const t = splitAddress(targetAddress);
  const f = splitAddress(fromAddress);
  if (t.prefix === f.prefix) return `${t.rest}.${attribute}`;
  const avm = /^(module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?)\.$/.exec(t.prefix.slice(f.prefix.length));
  const declaredBeside = dirOf(target.origin.span.file) === dirOf(from.origin.span.file);
  if (t.prefix.startsWith(f.prefix) && avm && declaredBeside && /\.this$/.test(t.rest)) return `${avm[1]}.${attribute === 'id' ? 'resource_id' : 'name'}`;
  return undefined;
}

/** A reference expression as written (`azurerm_private_dns_zone.x.id`, `module.zone.resource_id`, `data.x.y[0].id`). */
const REFERENCE = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[(?:\d+|"[^"]*")\])+$/;

/** A label for a new block that no resource of `type` in the module uses yet. */
function freshLabel(graph: PrivateLinkGraph, near: GraphNode, type: string, wanted: string, text: string): string {
  const base = wanted.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, 'z_') || 'new';
  const prefix = splitAddress(addressOf(near) ?? '').prefix;
  const taken = new Set<string>();
  for (const n of graph.nodes) {
    const address = addressOf(n);
    if (!address) continue;
    const { prefix: p, rest } = splitAddress(address);
    if (p === prefix && rest.startsWith(`${type}.`)) taken.add(rest.slice(type.length + 1).replace(/\[.*$/, ''));
  }
  const free = (label: string) => !taken.has(label) && !text.includes(`"${type}" "${label}"`);
  if (free(base)) return base;
  for (let i = 2; ; i++) if (free(`${base}_${i}`)) return `${base}_${i}`;
}

// ---------------------------------------------------------------------------------------------------------
// Zones: rename (links that name it follow), point a reference at another zone, declare one
// ---------------------------------------------------------------------------------------------------------

/** Links and A records that name the zone with the literal `oldName` (`private_dns_zone_name`, `zone_name`). */
function zoneNameUses(oldName: string, newName: string, zone: GraphNode, graph: PrivateLinkGraph, textOf: TextOf, zoneFile: string, zoneText: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const parsed = new Map<string, { body: Body; lines: LineIndex } | undefined>();
  for (const node of graph.nodes) {
    if ((node.kind !== 'vnetLink' && node.kind !== 'aRecord') || node.origin.kind !== 'file' || node.origin.format !== 'terraform') continue;
    if (typeof node.zoneId !== 'string' || graph.resolve(node.zoneId) !== zone) continue;
    const file = node.origin.span.file;
    if (/\.json$/i.test(file)) continue;
    if (!parsed.has(file)) {
      const text = file === zoneFile ? zoneText : textOf(file);
      parsed.set(file, text === undefined ? undefined : { body: parseHcl(text, file).body, lines: new LineIndex(text) });
    }
    const source = parsed.get(file);
    const block = source ? findBlock(source.body, node.origin.span.range.start.offset)?.resource : undefined;
    if (!source || !block || block.type !== 'resource') continue;
    for (const name of ['private_dns_zone_name', 'zone_name']) {
      const attribute = attributeOf(block.body, name);
      if (attribute && literalString(attribute.expr) === oldName) {
        edits.push({ file, range: source.lines.range(attribute.expr.start, attribute.expr.end), newText: JSON.stringify(newName) });
      }
    }
  }
  return edits;
}

function useZone(intent: Extract<FixIntent, { kind: 'useZone' }>, node: GraphNode, graph: PrivateLinkGraph, text: string, textOf: TextOf): TextEdit[] {
  if (node.origin.kind !== 'file') return [];
  const span = node.origin.properties[intent.path];
  if (!span || span.file !== node.origin.span.file) return [];
  const written = text.slice(span.range.start.offset, span.range.end.offset);
  if (!REFERENCE.test(written)) return [];
  const replace = (reference: string): TextEdit => ({ file: span.file, range: span.range, newText: reference });
  if (intent.zoneId) {
    const target = graph.resolveKind(intent.zoneId, 'dnsZone');
    const reference = target ? referenceTo(target, node, 'id') : undefined;
    return reference ? [replace(reference)] : [];
  }
  // No zone of the right name: declare one beside the zone referred to now, in the same resource group.
  const beside = graph.resolveKind(intent.besideZoneId, 'dnsZone');
  if (!beside || beside.origin.kind !== 'file' || beside.origin.inLoop || !referenceTo(beside, node, 'id')?.startsWith('azurerm_private_dns_zone.')) return [];
  const zoneFile = beside.origin.span.file;
  const zoneText = zoneFile === span.file ? text : textOf(zoneFile);
  if (zoneText === undefined) return [];
  const found = findBlock(parseHcl(zoneText, zoneFile).body, beside.origin.span.range.start.offset);
  const block = found?.resource.type === 'resource' ? found.resource : undefined;
  const group = block ? attributeOf(block.body, 'resource_group_name') : undefined;
  if (!block || !group || attributeOf(block.body, 'count') || attributeOf(block.body, 'for_each')) return [];
  const label = freshLabel(graph, beside, 'azurerm_private_dns_zone', intent.zoneName.replace(/^privatelink\./, '').split('.')[0], zoneText);
  const lines = new LineIndex(zoneText);
  const eol = zoneText.includes('\r\n') ? '\r\n' : '\n';
  const indent = lines.indentOf(lines.positionAt(block.start).line);
  const declaration = [
    `resource "azurerm_private_dns_zone" "${label}" {`,
    `  name                = ${JSON.stringify(intent.zoneName)}`,
    `  resource_group_name = ${zoneText.slice(group.expr.start, group.expr.end)}`,
    '}',
  ].map((l) => `${indent}${l}`);
  const { prefix } = splitAddress(addressOf(beside) ?? '');
  const reference = `${splitAddress(`${prefix}azurerm_private_dns_zone.${label}`).rest}.id`;
  return [replace(reference), { file: zoneFile, range: lines.range(block.end, block.end), newText: `${eol}${eol}${declaration.join(eol)}` }];
}

// ---------------------------------------------------------------------------------------------------------
// What is missing: a zone group in an endpoint, a VNet link of a zone
// ---------------------------------------------------------------------------------------------------------

function insertZoneGroup(zoneName: string, endpoint: GraphNode, graph: PrivateLinkGraph, text: string): TextEdit[] {
  if (endpoint.origin.kind !== 'file') return [];
  const file = endpoint.origin.span.file;
  const found = findBlock(parseHcl(text, file).body, endpoint.origin.span.range.start.offset);
  const block = found?.resource;
  if (!block || found.block !== block || block.type !== 'resource' || block.labels[0]?.value !== 'azurerm_private_endpoint') return [];
  if (block.body.blocks.some((b) => b.type === 'private_dns_zone_group' || (b.type === 'dynamic' && b.labels[0]?.value === 'private_dns_zone_group'))) return [];
  const zones = graph.zonesNamed(zoneName).flatMap((zone) => {
    const reference = referenceTo(zone, endpoint, 'id');
    return reference ? [reference] : [];
  });
  const lines = new LineIndex(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = `${lines.indentOf(lines.positionAt(block.start).line)}  `;
  const content =
    zones.length > 0
      ? [`  name                 = "default"`, `  private_dns_zone_ids = [${zones[0]}]`]
      : [
          `  name = "default"`,
          `  # plreview: put the id of the private DNS zone ${zoneName} here (no azurerm_private_dns_zone of that name in this module)`,
          `  private_dns_zone_ids = []`,
        ];
  const group = ['private_dns_zone_group {', ...content, '}'].map((l) => `${indent}${l}`);
  return insertBeforeClose(text, lines, file, block, group, eol);
}

function insertVnetLink(vnetId: string, vnetName: string, zone: GraphNode, graph: PrivateLinkGraph, text: string): TextEdit[] {
  if (zone.origin.kind !== 'file' || zone.origin.inLoop) return [];
  const file = zone.origin.span.file;
  const found = findBlock(parseHcl(text, file).body, zone.origin.span.range.start.offset);
  const block = found?.resource;
  if (!block || found.block !== block || block.type !== 'resource' || block.labels[0]?.value !== 'azurerm_private_dns_zone') return [];
  if (attributeOf(block.body, 'count') || attributeOf(block.body, 'for_each')) return [];
  const zoneRef = referenceTo(zone, zone, 'name')?.replace(/\.name$/, '');
  if (!zoneRef) return [];
  const vnet = graph.resolveKind(vnetId, 'vnet');
  const vnetRef = vnet ? referenceTo(vnet, zone, 'id') : undefined;
  const literalId = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\//i.test(vnetId) ? JSON.stringify(vnetId) : undefined;
  const vnetValue = vnetRef ?? literalId;
  if (!vnetValue) return [];
  const label = freshLabel(graph, zone, 'azurerm_private_dns_zone_virtual_network_link', `${block.labels[1]?.value ?? 'zone'}_${vnetName}`, text);
  const lines = new LineIndex(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = lines.indentOf(lines.positionAt(block.start).line);
  const link = [
    `resource "azurerm_private_dns_zone_virtual_network_link" "${label}" {`,
    `  name                  = ${JSON.stringify(`link-${vnetName}`)}`,
    `  resource_group_name   = ${zoneRef}.resource_group_name`,
    `  private_dns_zone_name = ${zoneRef}.name`,
    `  virtual_network_id    = ${vnetValue}`,
    `  registration_enabled  = false`,
    '}',
  ].map((l) => `${indent}${l}`);
  return [{ file, range: lines.range(block.end, block.end), newText: `${eol}${eol}${link.join(eol)}` }];
}

/** Lines inserted as the last lines of a block's body, before its closing brace. */
function insertBeforeClose(text: string, lines: LineIndex, file: string, block: Block, content: readonly string[], eol: string): TextEdit[] {
  const close = block.end - 1;
  if (text[close] !== '}') return [];
  const closeLine = lines.positionAt(close).line;
  const beforeBrace = text.slice(lines.lineStart(closeLine), close);
  if (beforeBrace.trim() !== '') {
    // `… }` on one line: break the line before the brace.
    return [{ file, range: lines.range(close, close), newText: `${eol}${content.join(eol)}${eol}${lines.indentOf(lines.positionAt(block.start).line)}` }];
  }
  const previousBlank = closeLine > 0 && lines.lineText(closeLine - 1).trim() === '';
  const at = lines.lineStart(closeLine);
  return [{ file, range: lines.range(at, at), newText: `${previousBlank ? '' : eol}${content.join(eol)}${eol}` }];
}
