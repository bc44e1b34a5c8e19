// Fix intents → Bicep text edits. Replacing a value uses the span the graph recorded for it; inserting finds
// the object to insert into (the `properties` object, an AVM call's `params`, a `privateEndpoints[]` element)
// and writes a new line indented like its neighbours, so the fixed file re-parses and reads as hand-written.

import type { FileSpan, GraphNode, Origin } from '../../graph/types';
import { parseResourceId } from '../../graph/resource-id';
import type { FixIntent } from '../../rules/types';
import type { TextEdit } from '../text-edit';
import { LineIndex } from '../line-index';
import { parseBicep } from './parser';
import type { BicepFile, ModuleDeclaration, ResourceDeclaration } from './syntax';
import { allResources, bodyObject, objectProperty } from './syntax';

type FileOrigin = Extract<Origin, { kind: 'file' }>;

/**
 * The edits for a fix on a node declared in Bicep. `text` is the text of the file the node's declaration is
 * in (`node.origin.span.file`); a replaced value may sit in another file (a module argument, a .bicepparam
 * value): the edit names its own file, and replacing needs no text.
 */
export function bicepEditsForFix(intent: FixIntent, node: GraphNode, text: string): TextEdit[] {
  const origin = node.origin;
  if (origin.kind !== 'file') return [];
  try {
    switch (intent.kind) {
      case 'setProperty':
        return setProperty(node, origin, intent.path, intent.value, text);
      case 'insertZoneGroup':
        return insertZoneGroup(origin, intent.zoneName, text);
      case 'insertVnetLink':
        return insertVnetLink(origin, intent.vnetId, intent.vnetName, text);
    }
  } catch {
    // A fix that cannot be computed is not offered; it must never break the code-action request.
    return [];
  }
  return [];
}

/** A Bicep literal for a value: `'Disabled'` (escaped) or `true`/`false`. */
export function bicepLiteral(value: string | boolean): string {
  if (typeof value === 'boolean') return String(value);
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${')}'`;
}

// ---------------------------------------------------------------------------------------------------------
// setProperty
// ---------------------------------------------------------------------------------------------------------

/** The span of a property of a node, also inside its zone groups (zone ids live on the group declaration). */
export function findPropertySpan(node: GraphNode, path: string): FileSpan | undefined {
  if (node.origin.kind !== 'file') return undefined;
  const own = node.origin.properties[path];
  if (own) return own;
  if (node.kind === 'privateEndpoint' && Array.isArray(node.zoneGroups)) {
    for (const group of node.zoneGroups) {
      if (group.origin.kind === 'file' && group.origin.properties[path]) return group.origin.properties[path];
    }
  }
  return undefined;
}

function setProperty(node: GraphNode, origin: FileOrigin, path: string, value: string | boolean, text: string): TextEdit[] {
  const literal = bicepLiteral(value);
  const span = findPropertySpan(node, path);
  if (span) return [{ file: span.file, range: span.range, newText: literal }];

  const segments = path.split('.');
  const key = segments[segments.length - 1];
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return [];
  const parentPath = segments.slice(0, -1).join('.');
  const member = [`${key}: ${literal}`];
  const file = origin.span.file;

  const parentSpan = parentPath ? origin.properties[parentPath] : undefined;
  if (parentSpan && parentSpan.file === file && text[parentSpan.range.start.offset] === '{') {
    return insertMembers(text, file, parentSpan.range.start.offset, parentSpan.range.end.offset, member);
  }
  if (parentPath === 'properties' && origin.propertiesObject && origin.propertiesObject.file === file) {
    const object = origin.propertiesObject;
    return insertMembers(text, file, object.range.start.offset, object.range.end.offset, member);
  }
  // No object to put it in yet: create `properties: { … }` (or put a top-level key) in the resource body.
  const body = declarationBody(text, file, origin);
  if (!body) return [];
  if (parentPath === '') return insertMembers(text, file, body.pos, body.end, member);
  if (parentPath === 'properties') return insertMembers(text, file, body.pos, body.end, ['properties: {', `  ${member[0]}`, '}']);
  return [];
}

// ---------------------------------------------------------------------------------------------------------
// insertZoneGroup / insertVnetLink
// ---------------------------------------------------------------------------------------------------------

function zoneIdExpression(zoneName: string): string {
  return `resourceId('Microsoft.Network/privateDnsZones', ${bicepLiteral(zoneName)})`;
}

function insertZoneGroup(origin: FileOrigin, zoneName: string, text: string): TextEdit[] {
  const file = origin.span.file;
  const start = origin.span.range.start.offset;
  const configName = bicepLiteral(zoneName.replace(/\./g, '-'));
  const avmGroup = [
    'privateDnsZoneGroup: {',
    '  privateDnsZoneGroupConfigs: [',
    '    {',
    `      privateDnsZoneResourceId: ${zoneIdExpression(zoneName)}`,
    '    }',
    '  ]',
    '}',
  ];
  // An element of an AVM cache module's `privateEndpoints[]`.
  if (text[start] === '{') return insertMembers(text, file, start, origin.span.range.end.offset, avmGroup);
  const decl = declarationAt(text, file, start);
  if (!decl) return [];
  if (decl.kind === 'module') {
    const params = origin.propertiesObject;
    return params && params.file === file ? insertMembers(text, file, params.range.start.offset, params.range.end.offset, avmGroup) : [];
  }
  // A nested child resource cannot sit in a looped resource (BCP160) and a `parent:` cannot name one
  // iteration: no fix for loop bodies rather than a fix that does not compile.
  if (origin.inLoop) return [];
  const apiVersion = decl.apiVersion ?? '2024-05-01';
  const properties = [
    'properties: {',
    '  privateDnsZoneConfigs: [',
    '    {',
    `      name: ${configName}`,
    '      properties: {',
    `        privateDnsZoneId: ${zoneIdExpression(zoneName)}`,
    '      }',
    '    }',
    '  ]',
    '}',
  ];
  const symbol = uniqueSymbol(text, `${decl.name.name}DnsZoneGroup`);
  if (isNested(origin)) {
    const body = bodyObject(decl);
    if (!body) return [];
    return insertMembers(text, file, body.pos, body.end, [
      `resource ${symbol} 'privateDnsZoneGroups@${apiVersion}' = {`,
      `  name: 'default'`,
      ...properties.map((l) => `  ${l}`),
      '}',
    ]);
  }
  return insertAfter(text, file, decl.end, [
    `resource ${symbol} 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@${apiVersion}' = {`,
    `  parent: ${decl.name.name}`,
    `  name: 'default'`,
    ...properties.map((l) => `  ${l}`),
    '}',
  ]);
}

function insertVnetLink(origin: FileOrigin, vnetId: string, vnetName: string, text: string): TextEdit[] {
  const file = origin.span.file;
  const decl = declarationAt(text, file, origin.span.range.start.offset);
  if (!decl) return [];
  const vnetExpression = vnetIdExpression(vnetId, vnetName);
  const linkName = bicepLiteral(`link-${vnetName}`);
  if (decl.kind === 'module') return insertAvmLink(text, file, decl, vnetExpression, linkName);
  if (origin.inLoop) return [];
  const symbol = uniqueSymbol(text, `${decl.name.name}Link${vnetName.replace(/[^A-Za-z0-9]/g, '').replace(/^./, (c) => c.toUpperCase())}`);
  const lines = [
    `  name: ${linkName}`,
    `  location: 'global'`,
    '  properties: {',
    '    registrationEnabled: false',
    '    virtualNetwork: {',
    `      id: ${vnetExpression}`,
    '    }',
    '  }',
    '}',
  ];
  if (isNested(origin)) {
    const body = bodyObject(decl);
    if (!body) return [];
    return insertMembers(text, file, body.pos, body.end, [`resource ${symbol} 'virtualNetworkLinks@2024-06-01' = {`, ...lines]);
  }
  return insertAfter(text, file, decl.end, [
    `resource ${symbol} 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {`,
    `  parent: ${decl.name.name}`,
    ...lines,
  ]);
}

/** An AVM private-dns-zone call: add an element to `virtualNetworkLinks` (creating the array if needed). */
function insertAvmLink(text: string, file: string, decl: ModuleDeclaration, vnetExpression: string, linkName: string): TextEdit[] {
  const body = bodyObject(decl);
  const paramsProp = body ? objectProperty(body, 'params') : undefined;
  if (!paramsProp || paramsProp.value.kind !== 'object') return [];
  const element = ['{', `  name: ${linkName}`, `  virtualNetworkResourceId: ${vnetExpression}`, '  registrationEnabled: false', '}'];
  const links = objectProperty(paramsProp.value, 'virtualNetworkLinks');
  if (links && links.value.kind === 'array') return insertMembers(text, file, links.value.pos, links.value.end, element);
  if (links) return [];
  return insertMembers(text, file, paramsProp.value.pos, paramsProp.value.end, ['virtualNetworkLinks: [', ...element.map((l) => `  ${l}`), ']']);
}

/** A literal id when it is a full id; `resourceId(...)` for design ids without subscription or group. */
function vnetIdExpression(vnetId: string, vnetName: string): string {
  const parsed = parseResourceId(vnetId);
  if (parsed?.subscriptionId && parsed.resourceGroup) return bicepLiteral(vnetId);
  if (parsed) return `resourceId(${[parsed.type, ...parsed.names].map(bicepLiteral).join(', ')})`;
  return `resourceId('Microsoft.Network/virtualNetworks', ${bicepLiteral(vnetName)})`;
}

// ---------------------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------------------

function isNested(origin: FileOrigin): boolean {
  return (origin.symbol ?? '').includes('::');
}

function parse(text: string, file: string): BicepFile {
  return parseBicep(text, { fileName: file }).syntax;
}

/** The resource or module declaration starting at `offset` (nested resources included). */
function declarationAt(text: string, file: string, offset: number): ResourceDeclaration | ModuleDeclaration | undefined {
  const syntax = parse(text, file);
  const resource = allResources(syntax).find((r) => r.pos === offset);
  if (resource) return resource;
  return syntax.statements.find((s): s is ModuleDeclaration => s.kind === 'module' && s.pos === offset);
}

function declarationBody(text: string, file: string, origin: FileOrigin): { pos: number; end: number } | undefined {
  const decl = declarationAt(text, file, origin.span.range.start.offset);
  return decl ? bodyObject(decl) : undefined;
}

function uniqueSymbol(text: string, wanted: string): string {
  const taken = (name: string) => new RegExp(`\\b${name}\\b`).test(text);
  if (!taken(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken(`${wanted}${i}`)) return `${wanted}${i}`;
}

function newline(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The indentation unit the file uses (two spaces when it does not say). */
function indentUnit(lines: LineIndex): string {
  for (let line = 0; line < Math.min(lines.lineCount, 200); line++) {
    const indent = lines.indentOf(line);
    if (indent.length > 0 && lines.lineText(line).trim().length > 0) return indent.startsWith('\t') ? '\t' : indent.length >= 4 ? ' '.repeat(Math.min(indent.length, 4)) : indent;
  }
  return '  ';
}

/** Re-indents snippet lines written with two-space steps to the file's unit. */
function reindent(line: string, unit: string): string {
  const match = /^( *)(.*)$/.exec(line) as RegExpExecArray;
  return unit.repeat(match[1].length / 2) + match[2];
}

/**
 * Inserts members (lines, relative indentation in two-space steps) into the object or array spanning
 * [open, end) — `{`/`[` at `open`, the closing bracket at `end - 1` — one per line, like its other members.
 */
function insertMembers(text: string, file: string, open: number, end: number, member: readonly string[]): TextEdit[] {
  const lines = new LineIndex(text);
  const nl = newline(text);
  const unit = indentUnit(lines);
  const close = end - 1;
  const openLine = lines.positionAt(open).line;
  const closePos = lines.positionAt(close);
  const baseIndent = lines.indentOf(openLine);
  const inner = text.slice(open + 1, close);
  if (!inner.includes('\n')) {
    const memberIndent = baseIndent + unit;
    const body = member.map((l) => memberIndent + reindent(l, unit)).join(nl);
    if (inner.trim() === '') {
      return [{ file, range: lines.range(open + 1, close), newText: nl + body + nl + baseIndent }];
    }
    // A single-line object `{ a: 1 }` takes a single-line member after a comma; longer snippets would need the
    // object rewritten on several lines, which is not offered.
    if (member.length !== 1) return [];
    const lastContent = open + 1 + inner.trimEnd().length;
    return [{ file, range: lines.range(lastContent, lastContent), newText: `, ${member[0].trim()}` }];
  }
  // Indent like the first existing member, else one unit deeper than the closing bracket's line.
  let memberIndent: string | undefined;
  for (let line = openLine + 1; line < closePos.line; line++) {
    if (lines.lineText(line).trim().length > 0) {
      memberIndent = lines.indentOf(line);
      break;
    }
  }
  const closeIndent = lines.indentOf(closePos.line);
  memberIndent = memberIndent ?? closeIndent + unit;
  const body = member.map((l) => memberIndent + reindent(l, unit)).join(nl);
  const beforeClose = text.slice(lines.lineStart(closePos.line), close);
  if (beforeClose.trim() === '') {
    const at = lines.lineStart(closePos.line);
    return [{ file, range: lines.range(at, at), newText: body + nl }];
  }
  return [{ file, range: lines.range(close, close), newText: nl + body + nl + closeIndent }];
}

/** Inserts a declaration after another one (at `end`), separated by a blank line, at the same indentation. */
function insertAfter(text: string, file: string, end: number, declaration: readonly string[]): TextEdit[] {
  const lines = new LineIndex(text);
  const nl = newline(text);
  const unit = indentUnit(lines);
  const indent = lines.indentOf(lines.positionAt(end).line);
  const body = declaration.map((l) => indent + reindent(l, unit)).join(nl);
  return [{ file, range: lines.range(end, end), newText: nl + nl + body }];
}
