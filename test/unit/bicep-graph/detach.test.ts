// A one-shot analysis keeps no syntax tree alive through its graph (detach.ts): the spans of the values it keeps
// hold offsets, not the nodes that produced them, and point at the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detachedSpan, parseBicep } from '../../../src/sources/bicep/parser';
import { detached } from '../../../src/sources/bicep/detach';
import type { Value } from '../../../src/sources/bicep/eval-value';
import type { FileSpan } from '../../../src/graph/types';
import type { ObjectExpression, VariableDeclaration } from '../../../src/sources/bicep/syntax';

const TEXT = "var zone = {\n  name: 'privatelink.redis.cache.windows.net'\n  links: [\n    'vnet-a'\n  ]\n}\n";

function parsed() {
  const { syntax } = parseBicep(TEXT, { fileName: '/d/main.bicep' });
  const object = (syntax.statements[0] as VariableDeclaration).value as ObjectExpression;
  const name = object.properties[0].value;
  const links = object.properties[1].value as Extract<ObjectExpression['properties'][number]['value'], { kind: 'array' }>;
  return { object, name, links, item: links.items[0] };
}

/** Whether an object is a syntax node (nodes have a kind; spans do not). */
const isNode = (span: FileSpan | undefined) => span !== undefined && 'kind' in span;

test('a detached span is not the node: the same file and range, offsets only', () => {
  const { object } = parsed();
  const span = detachedSpan(object as unknown as FileSpan);
  assert.notEqual(span, object as unknown);
  assert.equal(isNode(span), false);
  assert.equal(span.file, '/d/main.bicep');
  assert.deepEqual(span.range, object.range);
  assert.equal(TEXT.slice(span.range.start.offset, span.range.end.offset), TEXT.slice(object.pos, object.end));
  // Nothing it holds is a node.
  assert.ok(Object.values(span).every((v) => typeof v !== 'object' || v === null || !('kind' in v)));
  // A span that is no syntax node is kept as it is.
  const plain: FileSpan = { file: '/d/main.bicep', range: object.range };
  assert.equal(detachedSpan(plain), plain);
});

test('detached values lose their syntax nodes in a one-shot analysis, and keep them for the editor', () => {
  const { object, name, links, item } = parsed();
  const span = (node: unknown) => node as FileSpan;
  const value: Value = {
    kind: 'object',
    span: span(object),
    open: { kind: 'unknown', why: 'spread', span: span(links) },
    entries: [
      { key: 'name', value: { kind: 'string', value: 'privatelink.redis.cache.windows.net', span: span(name) } },
      { key: 'links', value: { kind: 'array', span: span(links), items: [{ kind: 'string', value: 'vnet-a', span: span(item) }] } },
    ],
  };
  assert.equal(detached(value), value, 'the editor keeps node spans: they move with reused statements');

  const without = detached(value, true);
  const spans: [FileSpan | undefined, FileSpan | undefined][] = [];
  const pair = (a: Value, b: Value) => {
    spans.push([a.span, b.span]);
    if (a.kind === 'object' && b.kind === 'object') {
      if (a.open && b.open) pair(a.open, b.open);
      a.entries.forEach((e, i) => pair(e.value, b.entries[i].value));
    }
    if (a.kind === 'array' && b.kind === 'array') a.items.forEach((v, i) => pair(v, b.items[i]));
  };
  pair(without, value);
  assert.equal(spans.length, 5);
  for (const [after, before] of spans) {
    assert.equal(isNode(after), false);
    assert.equal(isNode(before), true);
    assert.equal(after!.file, before!.file);
    assert.deepEqual(after!.range, before!.range);
  }
  assert.deepEqual(JSON.parse(JSON.stringify(without, (k, v) => (k === 'span' ? undefined : v))), JSON.parse(JSON.stringify(value, (k, v) => (k === 'span' ? undefined : v))));
});
