// Fix intents → YAML design text edits. Values are replaced where the graph recorded their span; missing keys
// are added to the node's mapping in its own style: `, key: value` inside a flow mapping `{ … }`, a new line
// indented like its sibling keys in a block mapping. Comments and layout elsewhere stay untouched.

import { withDuplicateKeyErrors } from './duplicate-keys';
import { isMap, isScalar, isSeq, parseDocument, visit, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import type { PrivateLinkGraph } from '../../graph/graph';
import type { GraphNode } from '../../graph/types';
import { isKnown } from '../../graph/types';
import { parseResourceId } from '../../graph/resource-id';
import type { FixIntent } from '../../rules/types';
import { findPropertySpan } from '../bicep/fixes';
import { LineIndex } from '../line-index';
import type { TextEdit } from '../text-edit';
import { yamlKeyFor } from './paths';
import { pairOf } from './yaml-nodes';

type YMap = YAMLMap<YamlNode, YamlNode | null>;

interface EditContext {
  readonly file: string;
  readonly text: string;
  readonly lines: LineIndex;
}

export function yamlEditsForFix(intent: FixIntent, node: GraphNode, graph: PrivateLinkGraph, text: string): TextEdit[] {
  if (node.origin.kind !== 'file') return [];
  const context: EditContext = { file: node.origin.span.file, text, lines: new LineIndex(text) };
  try {
    if (intent.kind === 'setProperty') {
      const existing = findPropertySpan(node, intent.path);
      if (existing) return [{ file: existing.file, range: existing.range, newText: yamlScalar(intent.value) }];
    }
    // As the analysis parses it (to-graph.ts): the library's duplicate-key check is quadratic.
    const doc = parseDocument(text, { uniqueKeys: false });
    if (withDuplicateKeyErrors(doc).length > 0) return [];
    const map = mapAt(doc.contents, node.origin.span.range.start.offset);
    if (!map) return [];
    switch (intent.kind) {
      case 'setProperty': {
        const keys = yamlKeyFor(node.kind, intent.path);
        if (!keys) return [];
        if (keys.length === 2) {
          const inner = pairOf(map, keys[0])?.value;
          if (isMap(inner)) return insertIntoMap(context, inner as YMap, keys[1], yamlScalar(intent.value));
          if (inner) return [];
          return insertIntoMap(context, map, keys[0], `{ ${yamlKey(keys[1])}: ${yamlScalar(intent.value)} }`);
        }
        return insertIntoMap(context, map, keys[0], yamlScalar(intent.value));
      }
      case 'insertZoneGroup':
        return appendToList(context, map, 'dnsZones', yamlScalar(intent.zoneName));
      case 'insertVnetLink':
        return appendToList(context, map, 'links', `{ network: ${yamlScalar(networkReference(graph, intent.vnetId, intent.vnetName))}, registrationEnabled: false }`);
    }
  } catch {
    // A fix that cannot be computed is not offered; it must never break the code-action request.
    return [];
  }
  return [];
}

/** How the design names a network: its name when the design declares it by name, else its full id. */
function networkReference(graph: PrivateLinkGraph, vnetId: string, vnetName: string): string {
  const vnet = graph.resolveKind(vnetId, 'vnet');
  if (vnet && isKnown(vnet.name) && !vnet.id.startsWith('/subscriptions/')) return vnet.name;
  return parseResourceId(vnetId)?.subscriptionId ? vnetId : vnetName;
}

function mapAt(root: unknown, offset: number): YMap | undefined {
  let found: YMap | undefined;
  visit(root as YamlNode, {
    Map(_key, node) {
      if (node.range?.[0] === offset) {
        found = node as YMap;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** `key: value` into a mapping, after its last entry. */
function insertIntoMap(context: EditContext, map: YMap, key: string, value: string): TextEdit[] {
  const entry = `${yamlKey(key)}: ${value}`;
  if (map.flow) return insertIntoFlow(context, map, entry);
  const last = map.items[map.items.length - 1];
  const first = map.items[0];
  if (!last || !first?.key) return [];
  const firstKey = first.key as YamlNode;
  const indent = ' '.repeat(context.lines.positionAt(firstKey.range![0]).character);
  const end = endOf((last.value ?? last.key) as YamlNode);
  return [insertAfterLine(context, end, `${indent}${entry}`)];
}

/** An item at the end of the list under `key`, creating the key (as a flow list) when absent. */
function appendToList(context: EditContext, map: YMap, key: string, item: string): TextEdit[] {
  const pair = pairOf(map, key);
  if (!pair) return insertIntoMap(context, map, key, `[${item}]`);
  const list = pair.value;
  if (!isSeq(list)) {
    // `key:` with no value yet: give it the list.
    if (list !== null && !(isScalar(list) && list.value === null)) return [];
    const colon = context.text.indexOf(':', endOf(pair.key as YamlNode));
    if (colon < 0) return [];
    // Replace a written `null`/`~`, or the blanks after the colon; a trailing comment stays, one space away.
    let end = list?.range && list.range[1] > list.range[0] ? list.range[1] : colon + 1;
    while (context.text[end] === ' ' || context.text[end] === '\t') end++;
    return [edit(context, colon, end, `: [${item}]${context.text[end] === '#' ? ' ' : ''}`)];
  }
  const seq = list as YAMLSeq<YamlNode>;
  if (seq.flow) return insertIntoFlow(context, seq, item);
  const lastItem = seq.items[seq.items.length - 1];
  const firstItem = seq.items[0];
  if (!lastItem || !firstItem?.range) return [];
  // New items line up with the existing items' dash.
  const dash = context.text.lastIndexOf('-', firstItem.range[0]);
  const indent = ' '.repeat(dash >= 0 ? context.lines.positionAt(dash).character : 0);
  return [insertAfterLine(context, endOf(lastItem), `${indent}- ${item}`)];
}

/** `, entry` before the closing bracket of a flow collection (`entry` alone when it is empty). */
function insertIntoFlow(context: EditContext, collection: YMap | YAMLSeq<YamlNode>, entry: string): TextEdit[] {
  const range = collection.range;
  if (!range) return [];
  const close = context.text.lastIndexOf(isMap(collection) ? '}' : ']', range[1] - 1);
  if (close < range[0]) return [];
  const items = collection.items as unknown[];
  if (items.length === 0) return [edit(context, range[0] + 1, close, isMap(collection) ? ` ${entry} ` : entry)];
  const lastItem = items[items.length - 1] as { value?: YamlNode | null; key?: YamlNode } | YamlNode;
  const lastNode = (isMap(collection) ? ((lastItem as { value?: YamlNode | null }).value ?? (lastItem as { key: YamlNode }).key) : lastItem) as YamlNode;
  const at = endOf(lastNode);
  return [edit(context, at, at, `, ${entry}`)];
}

function endOf(node: YamlNode): number {
  if (!node.range) throw new Error('node without range');
  return node.range[1];
}

/** A new line after the line that holds `offset - 1` (the end of the previous entry). */
function insertAfterLine(context: EditContext, offset: number, lineText: string): TextEdit {
  const line = context.lines.positionAt(Math.max(0, offset - 1)).line;
  const at = context.lines.lineEnd(line);
  const eol = context.text.includes('\r\n') ? '\r\n' : '\n';
  return edit(context, at, at, `${eol}${lineText}`);
}

function edit(context: EditContext, start: number, end: number, newText: string): TextEdit {
  return { file: context.file, range: context.lines.range(start, end), newText };
}

const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

/** A YAML scalar: plain when unambiguous (`Disabled`, `redisCache`), single-quoted otherwise (`'1.2'`). */
export function yamlScalar(value: string | boolean): string {
  if (typeof value === 'boolean') return String(value);
  if (/^[A-Za-z_/][\w./-]*$/.test(value) && !RESERVED.test(value)) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

function yamlKey(key: string): string {
  return /^[A-Za-z_][\w-]*$/.test(key) ? key : yamlScalar(key);
}
