// Fix intents → ARM JSON text edits. Edits go through jsonc-parser's `modify`, which keeps comments and formats
// what it inserts with the file's own indentation; values written as template expressions are never replaced
// by literals (that would silently bypass a parameter), so no fix is offered there.

import { limitJsonNesting, MAX_NESTING } from '../nesting';
import { findNodeAtOffset, getNodePath, modify, parseTree, type JSONPath, type Node as JsonNode } from 'jsonc-parser';
import type { PrivateLinkGraph } from '../../graph/graph';
import type { GraphNode } from '../../graph/types';
import { parseResourceId } from '../../graph/resource-id';
import type { FixIntent } from '../../rules/types';
import { findPropertySpan } from '../bicep/fixes';
import { LineIndex } from '../line-index';
import type { TextEdit } from '../text-edit';
import { isExpression } from './expression';

const DEFAULT_API = { zoneGroup: '2024-05-01', link: '2024-06-01' };

export function armEditsForFix(intent: FixIntent, node: GraphNode, graph: PrivateLinkGraph, text: string): TextEdit[] {
  if (node.origin.kind !== 'file') return [];
  const file = node.origin.span.file;
  // jsonc-parser (parseTree, and modify below) recurses: a template nested too deep to read in full gets no fix.
  if (limitJsonNesting(text, MAX_NESTING / 2).cuts.length > 0) return [];
  const root = parseTree(text, [], { allowTrailingComma: true });
  const resource = root ? findNodeAtOffset(root, node.origin.span.range.start.offset) : undefined;
  if (!root || !resource || resource.type !== 'object' || resource.offset !== node.origin.span.range.start.offset) return [];
  const resourcePath = getNodePath(resource);
  const context: EditContext = { file, text, root, resource, resourcePath, lines: new LineIndex(text) };
  try {
    switch (intent.kind) {
      case 'setProperty':
        return setProperty(context, node, intent.path, intent.value);
      case 'insertZoneGroup':
        return insertChild(context, zoneGroupResource(context, graph, intent.zoneName));
      case 'insertVnetLink':
        return insertChild(context, vnetLinkResource(context, graph, intent.vnetId, intent.vnetName));
    }
  } catch {
    // A fix that cannot be computed is not offered; it must never break the code-action request.
    return [];
  }
  return [];
}

interface EditContext {
  readonly file: string;
  readonly text: string;
  readonly root: JsonNode;
  readonly resource: JsonNode;
  readonly resourcePath: JSONPath;
  readonly lines: LineIndex;
}

function setProperty(context: EditContext, node: GraphNode, path: string, value: string | boolean): TextEdit[] {
  const existing = findPropertySpan(node, path);
  if (existing) {
    const written = context.text.slice(existing.range.start.offset, existing.range.end.offset);
    if (written.startsWith('"') && isExpression(safeParse(written))) return [];
    return [{ file: existing.file, range: existing.range, newText: JSON.stringify(value) }];
  }
  // Insert: every existing ancestor on the way must be a written object (not an expression).
  const segments = pathSegments(path);
  let current: JsonNode | undefined = context.resource;
  for (const segment of segments.slice(0, -1)) {
    const next: JsonNode | undefined = childOf(current, segment);
    if (!next) break;
    if (next.type !== 'object' && next.type !== 'array') return [];
    current = next;
  }
  return edit(context, [...context.resourcePath, ...segments], value);
}

function insertChild(context: EditContext, child: object): TextEdit[] {
  const resources = childOf(context.resource, 'resources');
  if (resources && resources.type !== 'array') return [];
  return resources ? edit(context, [...context.resourcePath, 'resources', -1], child) : edit(context, [...context.resourcePath, 'resources'], [child]);
}

function edit(context: EditContext, path: JSONPath, value: unknown): TextEdit[] {
  const edits = modify(context.text, path, value, { formattingOptions: formattingOf(context.text) });
  return edits.map((e) => ({ file: context.file, range: context.lines.range(e.offset, e.offset + e.length), newText: e.content }));
}

/** A nested `privateDnsZoneGroups` child naming the zone (by the zone's own name expression when declared here). */
function zoneGroupResource(context: EditContext, graph: PrivateLinkGraph, zoneName: string): object {
  const endpointRef = resourceIdExpression('Microsoft.Network/privateEndpoints', nameArgument(context, context.resource));
  const zone = graph.zonesNamed(zoneName).find((z) => z.origin.kind === 'file' && z.origin.span.file === context.file);
  const zoneNode = zone && zone.origin.kind === 'file' ? objectAt(context, zone.origin.span.range.start.offset) : undefined;
  const zoneRef = resourceIdExpression('Microsoft.Network/privateDnsZones', zoneNode ? nameArgument(context, zoneNode) : quote(zoneName));
  return {
    type: 'privateDnsZoneGroups',
    apiVersion: stringProperty(context.resource, 'apiVersion') ?? DEFAULT_API.zoneGroup,
    name: 'default',
    dependsOn: zoneNode ? [endpointRef, zoneRef] : [endpointRef],
    properties: {
      privateDnsZoneConfigs: [{ name: zoneName.replace(/\./g, '-'), properties: { privateDnsZoneId: zoneRef } }],
    },
  };
}

/** A nested `virtualNetworkLinks` child of the zone, without autoregistration. */
function vnetLinkResource(context: EditContext, graph: PrivateLinkGraph, vnetId: string, vnetName: string): object {
  const zoneRef = resourceIdExpression('Microsoft.Network/privateDnsZones', nameArgument(context, context.resource));
  const vnet = graph.resolveKind(vnetId, 'vnet');
  const vnetNode = vnet && vnet.origin.kind === 'file' && vnet.origin.span.file === context.file ? objectAt(context, vnet.origin.span.range.start.offset) : undefined;
  const parsed = parseResourceId(vnetId);
  const vnetRef = vnetNode
    ? resourceIdExpression('Microsoft.Network/virtualNetworks', nameArgument(context, vnetNode))
    : parsed?.subscriptionId
      ? vnetId // a VNet of another subscription or group: its full id is the only correct reference
      : resourceIdExpression('Microsoft.Network/virtualNetworks', quote(vnetName));
  return {
    type: 'virtualNetworkLinks',
    apiVersion: stringProperty(context.resource, 'apiVersion') ?? DEFAULT_API.link,
    name: `link-${vnetName}`.replace(/[^A-Za-z0-9_.-]/g, '-'),
    location: 'global',
    dependsOn: vnetNode ? [zoneRef, resourceIdExpression('Microsoft.Network/virtualNetworks', nameArgument(context, vnetNode))] : [zoneRef],
    properties: { registrationEnabled: false, virtualNetwork: { id: vnetRef } },
  };
}

/** The resource's `name` as an expression argument: `'pe-x'` for a literal, the inner expression otherwise. */
function nameArgument(context: EditContext, resource: JsonNode): string {
  const name = stringProperty(resource, 'name');
  if (name === undefined) throw new Error('the resource has no literal or expression name');
  return isExpression(name) ? name.slice(1, -1).trim() : quote(name.startsWith('[[') ? name.slice(1) : name);
}

function resourceIdExpression(type: string, nameArg: string): string {
  return `[resourceId('${type}', ${nameArg})]`;
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function objectAt(context: EditContext, offset: number): JsonNode | undefined {
  const node = findNodeAtOffset(context.root, offset);
  return node && node.type === 'object' && node.offset === offset ? node : undefined;
}

function childOf(node: JsonNode | undefined, segment: string | number): JsonNode | undefined {
  if (!node) return undefined;
  if (typeof segment === 'number') return node.type === 'array' ? node.children?.[segment] : undefined;
  if (node.type !== 'object') return undefined;
  return node.children?.find((p) => p.children?.[0]?.value === segment)?.children?.[1];
}

function stringProperty(node: JsonNode, key: string): string | undefined {
  const value = childOf(node, key);
  return value?.type === 'string' ? String(value.value) : undefined;
}

/** `properties.groupIds[0]` → `['properties', 'groupIds', 0]`. */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw new Error(`bad path ${path}`);
    if (match[1]) segments.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

function safeParse(jsonString: string): string {
  try {
    const value = JSON.parse(jsonString) as unknown;
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}

/** The file's indentation: tabs, or the smallest step of leading spaces (2 when the file gives no hint). */
function formattingOf(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (/^\t+\S/m.test(text)) return { insertSpaces: false, tabSize: 1, eol };
  let step = 0;
  for (const match of text.matchAll(/^( +)\S/gm)) {
    const width = match[1].length;
    if (step === 0 || width < step) step = width;
    if (step === 1) break;
  }
  return { insertSpaces: true, tabSize: step || 2, eol };
}
