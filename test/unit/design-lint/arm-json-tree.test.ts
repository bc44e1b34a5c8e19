// The indexed JSON tree (src/sources/arm/json-tree.ts) must be jsonc-parser's tree for every plain JSON text,
// and must give up (so the template is read by jsonc-parser) on anything else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { indexJson, rootNode } from '../../../src/sources/arm/json-tree';
import { readTemplate } from '../../../src/sources/arm/template';
import { fixture } from '../../support/paths';

/** Everything observable about a node, recursively, as plain data. */
function shape(node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  return {
    type: node.type,
    offset: node.offset,
    length: node.length,
    value: node.value,
    children: node.children?.map(shape),
  };
}

function sameAsJsonc(text: string): void {
  const index = indexJson(text);
  assert.ok(index, `indexed: ${text.slice(0, 80)}`);
  const errors: unknown[] = [];
  const expected = parseTree(text, errors as never, { allowTrailingComma: true, disallowComments: false });
  assert.deepEqual(errors, []);
  assert.deepEqual(shape(rootNode(index)), shape(expected));
}

const PLAIN = [
  '{}',
  '[]',
  ' \r\n\t{ } ',
  '{"a":1,"b":[true,false,null],"c":{"d":"e"}}',
  '{"n": [0, -0, 1.5, -2e10, 3E-2, 4.25e+3, 123456789012345]}',
  '{"s": "quote \\" backslash \\\\ slash \\/ \\b\\f\\n\\r\\t \\u00e9\\u20AC", "k\\u0065y": "v"}',
  '{"unicode": "é € 😀", "dup": 1, "dup": 2}',
  '"just a string"',
  '42',
  '[[[[[]]]], {"a": [{}]}]',
  '{"expr": "[concat(\'a\', parameters(\'b\'))]", "escaped": "[[not an expression]"}',
];

test('plain JSON: the indexed tree is jsonc-parser\'s tree (types, offsets, lengths, values, children)', () => {
  for (const text of PLAIN) sameAsJsonc(text);
});

test('every ARM fixture: the indexed tree is jsonc-parser\'s tree', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) files.push(path);
    }
  };
  walk(fixture('design'));
  let compared = 0;
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    if (!indexJson(text)) continue; // comments or errors: jsonc-parser reads those (checked below)
    sameAsJsonc(text);
    sameAsJsonc(text.replace(/\n/g, '\r\n'));
    compared++;
  }
  assert.ok(compared >= 5, `only ${compared} fixtures compared`);
});

test('anything but plain JSON is left to jsonc-parser', () => {
  const notPlain = [
    '',
    '   ',
    '{"a": 1,}',
    '[1, 2,]',
    '{"a": 1} // comment',
    '/* c */ {}',
    '\ufeff{}',
    '{"a": "line\nbreak"}',
    '{"a": "tab\there"}',
    '{"a": "\\x41"}',
    '{"a": "\\u12G4"}',
    '{"a": 01}',
    '{"a": 1.}',
    '{"a": -}',
    '{"a": .5}',
    '{"a": 1e}',
    '{"a" 1}',
    '{a: 1}',
    "{'a': 1}",
    '{"a": tru}',
    '{"a": NaN}',
    '{"a": [1 2]}',
    '{"a": 1 "b": 2}',
    '{"a": "unterminated}',
    '{"a": {}',
    '{"a": 1}}',
    '[1] [2]',
  ];
  for (const text of notPlain) assert.equal(indexJson(text), undefined, JSON.stringify(text));
});

test('a template nested 100,000 levels deep is indexed without a stack overflow', () => {
  const depth = 100_000;
  const text = '['.repeat(depth) + ']'.repeat(depth);
  const index = indexJson(text);
  assert.ok(index);
  assert.equal(index.count, depth);
  assert.equal(index.next[0], depth, 'the root\'s subtree holds every value');
});

test('templates jsonc-parser must read still report their JSON errors and read the rest', () => {
  const text = '{\n  // a comment\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": [\n    { "type": "Microsoft.Network/privateDnsZones", "apiVersion": "2024-06-01", "name": "privatelink.redis.cache.windows.net", },\n  ],\n}\n';
  const template = readTemplate('/w/commented.json', text);
  assert.deepEqual(template.problems, [], 'comments and trailing commas are accepted, as ARM does');
  assert.deepEqual(template.resources.map((r) => r.id), ['/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net']);
  const broken = readTemplate('/w/broken.json', '{\n  "resources": [\n    { "type": "Microsoft.Network/privateDnsZones" "name": "z" }\n  ]\n}\n');
  assert.deepEqual(
    broken.problems.map((p) => `${p.span.range.start.line}:${p.span.range.start.character} ${p.message}`),
    ["2:50 JSON syntax error: a ',' is expected."],
  );
});

test('expression errors are found in place, also in strings with escapes, and located on the string', () => {
  const text = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    variables: { ok: "[concat('a', 'b')]", broken: "[concat('a', ]", escaped: "[concat('\u00e9', ]", literal: '[[concat(]', notOne: 'x[concat(]' },
    resources: [],
  }).replace('\u00e9', '\\u00e9');
  assert.ok(text.includes('\\u00e9'), 'the JSON text holds an escape');
  const template = readTemplate('/w/expressions.json', text);
  const located = template.problems.map((p) => `${text.slice(p.span.range.start.offset, p.span.range.end.offset)} ${p.message}`);
  assert.deepEqual(located, [
    `"[concat('a', ]" Template expression error: expected a name at 'end'.`,
    `"[concat('\\u00e9', ]" Template expression error: expected a name at 'end'.`,
  ]);
});
