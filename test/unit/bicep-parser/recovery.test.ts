// Broken and half-typed input: one clear diagnostic at the right place, and the declarations after the error
// are still in the tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep } from '../../../src/sources/bicep/parser';
import { outline } from './support';

interface BrokenCase {
  readonly name: string;
  readonly text: string;
  readonly fileName?: string;
  readonly message: string;
  /** 0-based [startLine, startCharacter, endLine, endCharacter] of the diagnostic. */
  readonly range: readonly [number, number, number, number];
  /** The statements (kind:name) that must be in the tree, in order. */
  readonly outline: readonly string[];
}

const RES = "resource redis 'Microsoft.Cache/redis@2024-03-01' = {";

const cases: BrokenCase[] = [
  {
    name: 'object left open before the next resource',
    text: `${RES}\n  name: 'r'\n  properties: {\n    publicNetworkAccess: 'Disabled'\n\nresource pe 'Microsoft.Network/privateEndpoints@2023-11-01' = {\n  name: 'pe'\n}\n`,
    message: "expected '}' to close the object opened on line 3",
    range: [3, 25, 3, 35],
    outline: ['resource:redis', 'resource:pe'],
  },
  {
    name: 'half-typed property name',
    text: `${RES}\n  properties: {\n    publicNetworkAcc\n  }\n}\noutput id string = redis.id\n`,
    message: "expected ':' and a value after the property name 'publicNetworkAcc'",
    range: [2, 4, 2, 20],
    outline: ['resource:redis', 'output:id'],
  },
  {
    name: 'property without a value',
    text: `${RES}\n  properties: {\n    publicNetworkAccess:\n    minimumTlsVersion: '1.2'\n  }\n}\nparam after string\n`,
    message: "expected a value for 'publicNetworkAccess' after ':'",
    range: [2, 23, 2, 24],
    outline: ['resource:redis', 'param:after'],
  },
  {
    name: 'unterminated string',
    text: "param a string = 'abc\nparam b string = 'ok'\n",
    message: "unterminated string: add a closing ' before the end of the line",
    range: [0, 17, 0, 21],
    outline: ['param:a', 'param:b'],
  },
  {
    name: 'closing brace missing at the end of the file',
    text: "param x int = 1\nresource r 'Microsoft.Cache/redis@2024-03-01' = {\n  name: 'r'\n",
    message: "expected '}' to close the object opened on line 2",
    range: [2, 8, 2, 11],
    outline: ['param:x', 'resource:r'],
  },
  {
    name: 'var without a value',
    text: 'var x =\nvar y = 2\n',
    message: "expected a value after '='",
    range: [0, 6, 0, 7],
    outline: ['var:x', 'var:y'],
  },
  {
    name: 'var without =',
    text: 'var x\nvar y = 2\n',
    message: "expected '=' and a value",
    range: [0, 4, 0, 5],
    outline: ['var:x', 'var:y'],
  },
  {
    name: 'member access cut short',
    text: "output o string = redis.\noutput p string = 'x'\n",
    message: "expected a property name after '.'",
    range: [0, 23, 0, 24],
    outline: ['output:o', 'output:p'],
  },
  {
    name: 'half-typed member inside a resource body',
    text: "resource pe 'Microsoft.Network/privateEndpoints@2023-11-01' = {\n  properties: {\n    privateLinkServiceId: redis.\n    groupIds: [\n      'redisCache'\n    ]\n  }\n}\nparam q string\n",
    message: "expected a property name after '.'",
    range: [2, 31, 2, 32],
    outline: ['resource:pe', 'param:q'],
  },
  {
    name: 'unknown keyword',
    text: "reso r 'x@y' = {}\nparam p string\n",
    message: "unexpected 'reso': expected a declaration (param, var, resource, module, output, type, func, import, metadata, targetScope)",
    range: [0, 0, 0, 4],
    outline: ['error', 'param:p'],
  },
  {
    name: 'stray closing brace',
    text: '}\nparam p string\n',
    message: "unexpected '}': there is no matching '{'",
    range: [0, 0, 0, 1],
    outline: ['param:p'],
  },
  {
    name: 'parameter without a type',
    text: 'param p\nparam q string\n',
    message: "expected a type for parameter 'p' (string, int, bool, object, array or a type name)",
    range: [0, 6, 0, 7],
    outline: ['param:p', 'param:q'],
  },
  {
    name: 'resource type without an API version',
    text: "resource r 'Microsoft.Cache/redis' = {\n  name: 'r'\n}\nparam q string\n",
    message: "expected an API version in the resource type: 'Microsoft.Cache/redis@<api-version>'",
    range: [0, 11, 0, 34],
    outline: ['resource:r', 'param:q'],
  },
  {
    name: 'resource without =',
    text: "resource r 'Microsoft.Cache/redis@2024-03-01' {\n  name: 'r'\n}\nparam q string\n",
    message: "expected '=' and the resource body '{ … }'",
    range: [0, 46, 0, 47],
    outline: ['resource:r', 'param:q'],
  },
  {
    name: 'resource without a symbolic name',
    text: "resource 'Microsoft.Cache/redis@2024-03-01' = {\n  name: 'r'\n}\nparam q string\n",
    message: 'expected a symbolic name for the resource',
    range: [0, 9, 0, 43],
    outline: ['resource:', 'param:q'],
  },
  {
    name: 'module without a path',
    text: "module m = {\n  name: 'm'\n}\nparam q string\n",
    message: "expected the module path, e.g. './private-endpoint.bicep' or 'br/public:avm/res/…:1.0.0'",
    range: [0, 9, 0, 10],
    outline: ['module:m', 'param:q'],
  },
  {
    name: 'array left open',
    text: "var a = [\n  'x'\n  'y'\nparam q string\n",
    message: "expected ']' to close the array opened on line 1",
    range: [2, 2, 2, 5],
    outline: ['var:a', 'param:q'],
  },
  {
    name: 'call left open',
    text: "var a = concat('a', 'b'\nparam q string\n",
    message: "expected ')' to close the argument list of 'concat' opened on line 1",
    range: [0, 20, 0, 23],
    outline: ['var:a', 'param:q'],
  },
  {
    name: 'two declarations on one line',
    text: 'param a string param b string\nparam c string\n',
    message: "unexpected 'param': a declaration ends at the end of its line",
    range: [0, 15, 0, 20],
    outline: ['param:a', 'param:c'],
  },
  {
    name: 'property without a colon',
    text: "var o = {\n  name 'x'\n  other: 1\n}\nparam q string\n",
    message: "expected ':' and a value after the property name 'name'",
    range: [1, 7, 1, 10],
    outline: ['var:o', 'param:q'],
  },
  {
    name: 'character Bicep does not know',
    text: 'var a = 1 $ 2\nparam q string\n',
    message: "unexpected character '$'",
    range: [0, 10, 0, 11],
    outline: ['var:a', 'param:q'],
  },
  {
    name: 'unterminated multi-line string',
    text: "var a = '''abc\nparam q string\n",
    message: "unterminated multi-line string: add ''' to close it",
    range: [0, 8, 0, 11],
    outline: ['var:a', 'param:q'],
  },
  {
    name: 'unterminated block comment',
    text: 'param q string\n/* never closed\nparam r string\n',
    message: "unterminated comment: add '*/' to close the comment",
    range: [1, 0, 1, 2],
    outline: ['param:q', 'param:r'],
  },
  {
    name: 'interpolation hole left open',
    text: "var a = 'x${b'\nparam q string\n",
    message: "unterminated string: a '${' earlier on the line is not closed with '}'",
    range: [0, 13, 0, 14],
    outline: ['var:a', 'param:q'],
  },
  {
    name: 'unknown escape',
    text: "var a = 'x\\qy'\nparam q string\n",
    message: "unknown escape '\\q': use \\\\, \\', \\n, \\r, \\t, \\$ or \\u{…}",
    range: [0, 10, 0, 12],
    outline: ['var:a', 'param:q'],
  },
  {
    name: 'decorator without parentheses',
    text: '@secure\nparam q string\nparam r string\n',
    message: "expected '(' after the decorator 'secure': decorators are called like functions",
    range: [0, 1, 0, 7],
    outline: ['param:q', 'param:r'],
  },
  {
    name: 'decorator at the end of the file',
    text: "param q string\n@description('x')\n",
    message: 'expected a declaration after the decorator',
    range: [1, 0, 1, 17],
    outline: ['param:q', 'error'],
  },
  {
    name: "for loop without 'in'",
    text: 'var a = [for x items: x]\nparam q string\n',
    message: "expected 'in' and the collection to loop over",
    range: [0, 15, 0, 20],
    outline: ['var:a', 'param:q'],
  },
  {
    name: 'resource loop left open',
    text: "resource r 'Microsoft.Cache/redis@2024-03-01' = [for x in xs: {\n  name: x\n}\nparam q string\n",
    message: "expected ']' to close the loop opened on line 1",
    range: [2, 0, 2, 1],
    outline: ['resource:r', 'param:q'],
  },
  {
    name: 'if without parentheses',
    text: "resource r 'Microsoft.Cache/redis@2024-03-01' = if cond {\n  name: 'r'\n}\nparam q string\n",
    message: "expected '(' and a condition after 'if'",
    range: [0, 51, 0, 55],
    outline: ['resource:r', 'param:q'],
  },
  {
    name: "ternary without ':'",
    text: 'var a = b ? 1\nparam q string\n',
    message: "expected ':' and the value when the condition is false",
    range: [0, 12, 0, 13],
    outline: ['var:a', 'param:q'],
  },
  {
    name: 'lambda with a non-name parameter',
    text: 'var a = map(xs, (1, b) => b)\nparam q string\n',
    message: 'expected a parameter name in the lambda parameter list',
    range: [0, 17, 0, 18],
    outline: ['var:a', 'param:q'],
  },
  {
    name: "import without 'from'",
    text: "import { a } './x.bicep'\nparam q string\n",
    message: "expected 'from' and the path to import from",
    range: [0, 13, 0, 24],
    outline: ['import', 'param:q'],
  },
  {
    name: "import * without 'as'",
    text: "import * from './x.bicep'\nparam q string\n",
    message: "expected 'as' and a namespace name after 'import *'",
    range: [0, 9, 0, 13],
    outline: ['import', 'param:q'],
  },
  {
    name: 'using without a path',
    text: 'using\nparam q = 1\n',
    fileName: 'main.bicepparam',
    message: "expected the path of the Bicep file these parameters are for, e.g. using './main.bicep'",
    range: [0, 0, 0, 5],
    outline: ['using', 'paramAssignment:q'],
  },
  {
    name: 'parameter assignment in a .bicep file',
    text: 'param q = 1\nparam r string\n',
    message: "expected a type for parameter 'q' (e.g. 'param q string = …')",
    range: [0, 6, 0, 7],
    outline: ['paramAssignment:q', 'param:r'],
  },
  {
    name: 'binary operator without a right operand',
    text: 'var a = 1 +\nparam q string\n',
    message: "expected a value after '+'",
    range: [0, 10, 0, 11],
    outline: ['var:a', 'param:q'],
  },
  {
    name: "object type member without ':'",
    text: 'type t = {\n  name string\n}\nparam q string\n',
    message: "expected ':' and a type after 'name'",
    range: [1, 7, 1, 13],
    outline: ['type:t', 'param:q'],
  },
  {
    name: 'mismatched closing bracket',
    text: 'var a = [1, 2}\nparam q string\n',
    message: "expected ']' to close the array opened on line 1, found '}'",
    range: [0, 13, 0, 14],
    outline: ['var:a', 'param:q'],
  },
  {
    name: "func without '=>'",
    text: "func f() string 'x'\nparam q string\n",
    message: "expected '=>' and the function body",
    range: [0, 16, 0, 19],
    outline: ['func:f', 'param:q'],
  },
  {
    name: 'single ampersand',
    text: 'var a = b & c\nparam q string\n',
    message: "unexpected '&': did you mean '&&'?",
    range: [0, 10, 0, 11],
    outline: ['var:a', 'param:q'],
  },
  {
    name: 'nested child resource left open',
    text: "resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {\n  name: 'v'\n  resource sub 'subnets' = {\n    name: 's'\n}\nresource pe 'Microsoft.Network/privateEndpoints@2023-11-01' = {\n  name: 'pe'\n}\n",
    message: "expected '}' to close the object opened on line 1",
    range: [4, 0, 4, 1],
    outline: ['resource:vnet', 'resource:pe'],
  },
  {
    name: 'empty index',
    text: 'var a = b[]\nparam q string\n',
    message: "expected a value, found ']'",
    range: [0, 10, 0, 11],
    outline: ['var:a', 'param:q'],
  },
  {
    name: 'single-line object without a comma',
    text: 'var o = { a: 1 b: 2 }\nparam q string\n',
    message: "expected ',' or a new line after the item, found 'b'",
    range: [0, 15, 0, 16],
    outline: ['var:o', 'param:q'],
  },
  {
    name: 'garbage inside an interpolation',
    text: "var a = 'x${1 2}y'\nparam q string\n",
    message: "expected '}' to close the '${' in the string",
    range: [0, 14, 0, 15],
    outline: ['var:a', 'param:q'],
  },
  {
    name: 'safe index left open',
    text: 'var a = b[?0\nparam q string\n',
    message: "expected ']' to close the index opened on line 1",
    range: [0, 11, 0, 12],
    outline: ['var:a', 'param:q'],
  },
  {
    name: 'output without a type',
    text: 'output o = 1\nparam q string\n',
    message: "expected a type for output 'o' (string, int, bool, object, array or a type name)",
    range: [0, 9, 0, 10],
    outline: ['output:o', 'param:q'],
  },
  {
    name: 'unterminated string inside an object',
    text: "var o = {\n  a: 'open\n  b: 2\n}\nparam q string\n",
    message: "unterminated string: add a closing ' before the end of the line",
    range: [1, 5, 1, 10],
    outline: ['var:o', 'param:q'],
  },
];

test('at least 30 broken inputs are covered', () => {
  assert.ok(cases.length >= 30, `only ${cases.length}`);
});

for (const c of cases) {
  test(`broken: ${c.name}`, () => {
    const { syntax, diagnostics } = parseBicep(c.text, { fileName: c.fileName ?? 'broken.bicep' });
    assert.deepEqual(
      diagnostics.map((d) => ({
        message: d.message,
        range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      })),
      [{ message: c.message, range: c.range }],
    );
    assert.deepEqual(outline(syntax), c.outline);
    let printed = '';
    for (const t of syntax.tokens) printed += c.text.slice(t.fullPos, t.end);
    assert.equal(printed, c.text, 'tokens must reproduce even broken text');
  });
}

test('a broken declaration keeps what it could read', () => {
  const text = "resource redis 'Microsoft.Cache/redis@2024-03-01' = {\n  name: 'r'\n  properties: {\n    publicNetworkAccess: 'Enabled'\n    sku: \n  }\n}\n";
  const { syntax, diagnostics } = parseBicep(text, { fileName: 'a.bicep' });
  assert.equal(diagnostics.length, 1);
  const redis = syntax.statements[0];
  assert.equal(redis.kind, 'resource');
  if (redis.kind !== 'resource' || redis.body.kind !== 'object') return assert.fail('resource with an object body expected');
  const props = redis.body.properties.find((p) => p.name === 'properties')!.value;
  assert.equal(props.kind, 'object');
  if (props.kind !== 'object') return;
  assert.deepEqual(props.properties.map((p) => `${p.name}=${p.value.kind}`), ['publicNetworkAccess=string', 'sku=missing']);
});
