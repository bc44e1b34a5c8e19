// Constructs of real-world modules (Azure Verified Modules, as the Bicep formatter writes them) that Bicep
// accepts: each was a false syntax error on the AVM corpus (issue 13). Grammar: Azure/bicep docs/grammar.md,
// `unionTypeExpression -> "|"? singularTypeExpression ("|" singularTypeExpression)*` and
// `importedSymbolsList -> "{" ( NL+ ( importedSymbolsListItem NL+ )* )? "}"`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep } from '../../../src/sources/bicep/parser';
import type { Statement, TypeExpression } from '../../../src/sources/bicep/syntax';
import { outline, parseValid } from './support';

/** Union members and object type properties, compactly: `{sku: 'S0' | 'S1'}`. */
function showType(t: TypeExpression): string {
  switch (t.kind) {
    case 'unionType':
      return t.members.map(showType).join(' | ');
    case 'literalType':
      return t.value.kind === 'string' ? `'${t.value.value}'` : t.value.kind === 'integer' ? String(t.value.value) : t.value.kind;
    case 'typeReference':
      return t.name.name;
    case 'nullableType':
      return `${showType(t.base)}?`;
    case 'objectType':
      return `{${t.properties.map((p) => `${p.name}: ${showType(p.type)}`).join(', ')}}`;
    default:
      return `<${t.kind}>`;
  }
}

function single<K extends Statement['kind']>(text: string, kind: K): Extract<Statement, { kind: K }> {
  const file = parseValid(text);
  assert.deepEqual(file.statements.map((s) => s.kind), [kind]);
  return file.statements[0] as Extract<Statement, { kind: K }>;
}

test('a union whose first member starts the next line with | is the type of a parameter', () => {
  const param = single("@description('Optional.')\nparam createMode\n  | 'Default'\n  | 'Copy'\n  | 'Restore' = 'Default'\n", 'param');
  assert.equal(showType(param.type), "'Default' | 'Copy' | 'Restore'");
  assert.equal(param.defaultValue?.kind, 'string');
  const withoutDefault = single("param tier\n  | 'Basic'\n  | 'Premium'\n", 'param');
  assert.equal(showType(withoutDefault.type), "'Basic' | 'Premium'");
});

test('a union whose first member starts the next line with | is the type of an object type property, at any depth', () => {
  const type = single(
    "type settings = {\n  @description('The SKU.')\n  sku:\n    | null\n    | 'S0'\n    | 'S1'\n  name: string\n  network: {\n    access:\n      | 'Enabled'\n      | 'Disabled' // a comment after a member\n  }?\n}\n",
    'type',
  );
  assert.equal(showType(type.value), "{sku: null | 'S0' | 'S1', name: string, network: {access: 'Enabled' | 'Disabled'}?}");
});

test('a union written as one member with a leading | and the usual unions still parse', () => {
  assert.equal(showType(single("type t = | 'alone'\n", 'type').value), "'alone'");
  assert.equal(showType(single("type t =\n  | 'a'\n  | 'b'\n", 'type').value), "'a' | 'b'");
  assert.equal(showType(single("param p 'a' | 'b'\n", 'param').type), "'a' | 'b'");
  assert.equal(showType(single("type t = {\n  p: 1 | 2\n}\n", 'type').value), '{p: 1 | 2}');
});

test('an import list may put each symbol on its own line, with or without aliases', () => {
  const imported = single("import {\n  privateEndpointType\n  lockType as lock\n  roleAssignmentType, tagsType\n} from 'br/public:avm/utl/types/avm-common-types:0.6.0'\n", 'import');
  assert.deepEqual(
    imported.symbols?.map((s) => `${s.name.kind === 'identifier' ? s.name.name : s.name.value}${s.alias ? ` as ${s.alias.name}` : ''}`),
    ['privateEndpointType', 'lockType as lock', 'roleAssignmentType', 'tagsType'],
  );
  assert.equal(imported.from?.kind, 'string');
});

/** Broken versions of the same constructs: one diagnostic at the right place, the next declaration intact. */
const broken: { name: string; text: string; message: string; range: [number, number, number, number]; outline: string[] }[] = [
  {
    name: 'a parameter union with a | and nothing after it',
    text: "param p\n  |\nparam q string\n",
    message: "expected a type after '|'",
    range: [1, 2, 1, 3],
    outline: ['param:p', 'param:q'],
  },
  {
    name: 'a property union ending with a | ',
    text: "type t = {\n  sku:\n    | 'a'\n    |\n  name: string\n}\nparam q string\n",
    message: "expected a type after '|'",
    range: [3, 4, 3, 5],
    outline: ['type:t', 'param:q'],
  },
  {
    name: 'a property without a type (no | on the next line)',
    text: "type t = {\n  sku:\n  name: string\n}\nparam q string\n",
    message: "expected a type for 'sku' after ':'",
    range: [1, 5, 1, 6],
    outline: ['type:t', 'param:q'],
  },
  {
    name: 'an import list left open',
    text: "import {\n  a\n  b\n\nparam q string\n",
    message: "expected '}' to close the import list opened on line 1",
    range: [2, 2, 2, 3],
    outline: ['import', 'param:q'],
  },
  {
    name: 'two symbols on one line of an import list without a comma',
    text: "import {\n  a\n  b c\n} from './types.bicep'\nparam q string\n",
    message: "expected ',' or a new line after the item, found 'c'",
    range: [2, 4, 2, 5],
    outline: ['import', 'param:q'],
  },
];

for (const c of broken) {
  test(`broken: ${c.name}`, () => {
    const { syntax, diagnostics } = parseBicep(c.text, { fileName: 'broken.bicep' });
    assert.deepEqual(
      diagnostics.map((d) => ({ message: d.message, range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character] })),
      [{ message: c.message, range: c.range }],
    );
    assert.deepEqual(outline(syntax), c.outline);
  });
}
