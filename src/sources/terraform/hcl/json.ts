// `.tf.json` (Terraform's JSON syntax) → the same syntax tree as native files, with the file's own offsets.
// Without the provider schemas JSON cannot tell a nested block from an object attribute, so nested objects stay
// attribute values (`"private_service_connection": {…}` or `[{…}]`); the provider table reads both shapes.
// Strings are templates (`"${var.name}-pe"`), numbers, booleans and null are literals.

import { parseTree, type Node as JsonNode, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { parseJsonStringTemplate } from './parser';
import type { Attribute, Block, Body, Expr, HclDiagnostic, HclFile, Label } from './syntax';

/** Block types and how many labels they take; the labels are the nested object keys. */
const LABELS: Record<string, number> = { resource: 2, data: 2, module: 1, variable: 1, output: 1, provider: 1, locals: 0, terraform: 0, moved: 0, import: 0, check: 1 };

export function parseTerraformJson(text: string, path: string): HclFile {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const diagnostics: HclDiagnostic[] = errors.map((e) => ({ start: e.offset, end: e.offset + e.length, message: `JSON: ${printParseErrorCode(e.error)}` }));
  const blocks: Block[] = [];
  const attributes: Attribute[] = [];
  const converter = new JsonConverter(text, diagnostics);
  if (root?.type === 'object') {
    for (const property of root.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      const type = String(key.value);
      const labelCount = LABELS[type];
      if (labelCount === undefined) {
        if (type !== '//') diagnostics.push({ start: key.offset, end: key.offset + key.length, message: `unknown top-level key '${type}' in a Terraform JSON file` });
        continue;
      }
      converter.blocks(type, key, value, labelCount, [], blocks);
    }
  } else if (root) {
    diagnostics.push({ start: root.offset, end: root.offset + root.length, message: 'a Terraform JSON file must be an object' });
  }
  const ref = { file: undefined as unknown as HclFile };
  ref.file = { path, text, body: { start: 0, end: text.length, attributes, blocks }, diagnostics, ref };
  return ref.file;
}

class JsonConverter {
  constructor(
    private readonly text: string,
    private readonly diagnostics: HclDiagnostic[],
  ) {}

  /** Nested objects give the labels; at the last level an object (or an array of objects) is one body each. */
  blocks(type: string, keyNode: JsonNode, value: JsonNode, labelsLeft: number, labels: Label[], out: Block[]): void {
    if (labelsLeft > 0) {
      if (value.type !== 'object') return;
      for (const property of value.children ?? []) {
        const [key, child] = property.children ?? [];
        if (!key || !child) continue;
        this.blocks(type, keyNode, child, labelsLeft - 1, [...labels, { start: key.offset, end: key.offset + key.length, value: String(key.value) }], out);
      }
      return;
    }
    const bodies = value.type === 'array' ? value.children ?? [] : [value];
    for (const body of bodies) {
      if (body.type !== 'object') continue;
      out.push({ start: labels[0]?.start ?? keyNode.offset, end: body.offset + body.length, type, typeStart: keyNode.offset, typeEnd: keyNode.offset + keyNode.length, labels, body: this.body(body), openBrace: body.offset });
    }
  }

  body(node: JsonNode): Body {
    const attributes: Attribute[] = [];
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      const name = String(key.value);
      if (name === '//') continue;
      attributes.push({ start: key.offset, end: value.offset + value.length, name, nameStart: key.offset, nameEnd: key.offset + key.length, expr: this.expr(value) });
    }
    return { start: node.offset, end: node.offset + node.length, attributes, blocks: [] };
  }

  expr(node: JsonNode): Expr {
    const start = node.offset;
    const end = node.offset + node.length;
    switch (node.type) {
      case 'string': {
        const { expr, diagnostics } = parseJsonStringTemplate(this.text, start);
        this.diagnostics.push(...diagnostics);
        return expr;
      }
      case 'number':
      case 'boolean':
      case 'null':
        return { type: 'literal', value: node.value as number | boolean | null, start, end };
      case 'array':
        return { type: 'tuple', items: (node.children ?? []).map((c) => this.expr(c)), start, end };
      case 'object':
        return {
          type: 'object',
          start,
          end,
          items: (node.children ?? []).flatMap((p) => {
            const [key, value] = p.children ?? [];
            return key && value ? [{ key: { type: 'literal' as const, value: String(key.value), start: key.offset, end: key.offset + key.length }, value: this.expr(value), start: key.offset, end: value.offset + value.length }] : [];
          }),
        };
      default:
        return { type: 'error', start, end };
    }
  }
}
