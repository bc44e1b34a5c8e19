// The shape of the tree: what the Bicep → graph code and the fixes read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allResources,
  bodyObject,
  commentsOnLine,
  condition,
  declarationsOf,
  descriptionOf,
  directivesOnLine,
  findDecorator,
  isLoop,
  objectPath,
  objectProperty,
  stringValue,
  unwrap,
} from '../../../src/sources/bicep/syntax';
import type {
  BinaryExpression,
  CallExpression,
  Expression,
  ObjectExpression,
  Statement,
  TypeExpression,
  VariableDeclaration,
} from '../../../src/sources/bicep/syntax';
import { parseBicep } from '../../../src/sources/bicep/parser';
import { parseValid, readCorpus, outline } from './support';

function only<K extends Statement['kind']>(text: string, kind: K, fileName?: string): Extract<Statement, { kind: K }> {
  const file = parseValid(text, fileName);
  assert.equal(file.statements.length, 1, `expected one statement, got ${outline(file).join(' ')}`);
  const s = file.statements[0];
  assert.equal(s.kind, kind);
  return s as Extract<Statement, { kind: K }>;
}

function varValue(text: string): Expression {
  return only(`var v = ${text}\n`, 'var').value;
}

/** A compact rendering of an expression tree, to assert precedence and associativity. */
function show(e: Expression): string {
  switch (e.kind) {
    case 'binary':
      return `(${show(e.left)} ${e.operator} ${show(e.right)})`;
    case 'unary':
      return `(${e.operator}${show(e.operand)})`;
    case 'ternary':
      return `(${show(e.condition)} ? ${show(e.whenTrue)} : ${show(e.whenFalse)})`;
    case 'identifier':
      return e.name;
    case 'integer':
      return String(e.value);
    case 'boolean':
      return String(e.value);
    case 'null':
      return 'null';
    case 'string':
      return JSON.stringify(e.value ?? e.segments.join('…'));
    case 'propertyAccess':
      return `${show(e.object)}${e.safe ? '.?' : '.'}${e.property.name}`;
    case 'resourceAccess':
      return `${show(e.object)}::${e.resource.name}`;
    case 'index':
      return `${show(e.object)}[${e.safe ? '?' : ''}${show(e.index)}]`;
    case 'nonNull':
      return `${show(e.expression)}!`;
    case 'call':
      return `${e.object ? show(e.object) + '.' : ''}${e.name.name}(${e.arguments.map(show).join(', ')})`;
    case 'parenthesized':
      return `(${show(e.expression)})`;
    case 'lambda':
      return `(${e.parameters.map((p) => p.name).join(', ')}) => ${show(e.body)}`;
    case 'array':
      return `[${e.items.map((i) => (i.kind === 'spread' ? '...' + show(i.expression) : show(i))).join(', ')}]`;
    case 'object':
      return `{${e.members.map((m) => (m.kind === 'property' ? `${m.name}: ${show(m.value)}` : m.kind === 'spread' ? '...' + show(m.expression) : 'resource')).join(', ')}}`;
    case 'for':
      return `[for ${e.item?.name}${e.index ? ',' + e.index.name : ''} in ${show(e.iterable)}: ${show(e.body)}]`;
    case 'if':
      return `if ${show(e.condition)} ${show(e.body)}`;
    case 'missing':
      return '<missing>';
  }
}

function showType(t: TypeExpression): string {
  switch (t.kind) {
    case 'typeReference':
      return (t.namespace ? t.namespace.name + '.' : '') + t.name.name;
    case 'unionType':
      return t.members.map(showType).join(' | ');
    case 'nullableType':
      return showType(t.base) + '?';
    case 'arrayType':
      return showType(t.element) + '[]';
    case 'literalType':
      return show(t.value);
    case 'objectType':
      return `{${t.properties.map((p) => `${p.name}: ${showType(p.type)}`).join(', ')}${t.additionalProperties ? `, *: ${showType(t.additionalProperties.type)}` : ''}}`;
    case 'tupleType':
      return `[${t.items.map((i) => showType(i.type)).join(', ')}]`;
    case 'parameterizedType':
      return `${t.name.name}<${t.arguments.map(showType).join(', ')}>`;
    case 'typePropertyAccess':
      return `${showType(t.base)}.${t.property.name}`;
    case 'typeIndexAccess':
      return `${showType(t.base)}[${t.index ? t.index.value : '*'}]`;
    case 'resourceType':
      return `resource ${show(t.typeString)}`;
    case 'parenthesizedType':
      return `(${showType(t.type)})`;
    case 'missingType':
      return '<missing>';
  }
}

test('operator precedence follows the Bicep documentation', () => {
  assert.equal(show(varValue('a || b && c == d')), '(a || (b && (c == d)))');
  assert.equal(show(varValue('1 + 2 * 3 - 4 % 5')), '((1 + (2 * 3)) - (4 % 5))');
  assert.equal(show(varValue('a < b == c >= d')), '((a < b) == (c >= d))');
  assert.equal(show(varValue('a ?? b || c')), '(a ?? (b || c))');
  assert.equal(show(varValue('a ?? b ?? c')), '((a ?? b) ?? c)');
  assert.equal(show(varValue('a ? b : c ? d : e')), '(a ? b : (c ? d : e))');
  assert.equal(show(varValue('x ?? y ? 1 : 2')), '((x ?? y) ? 1 : 2)');
  assert.equal(show(varValue('!a && -b < c')), '((!a) && ((-b) < c))');
  assert.equal(show(varValue("a =~ 'x' || b !~ 'y' && c != d")), `((a =~ "x") || ((b !~ "y") && (c != d)))`);
  assert.equal(show(varValue('(1 + 2) * 3')), '(((1 + 2)) * 3)');
  assert.equal(show(varValue('!!a')), '(!(!a))');
});

test('member access, safe dereference, index, non-null and calls', () => {
  assert.equal(show(varValue('redis.properties.hostName')), 'redis.properties.hostName');
  assert.equal(show(varValue('cfg.?network.?subnetId')), 'cfg.?network.?subnetId');
  assert.equal(show(varValue("xs[?0].?name ?? 'none'")), '(xs[?0].?name ?? "none")');
  assert.equal(show(varValue('cfg.network!.subnetId')), 'cfg.network!.subnetId');
  assert.equal(show(varValue('vnet::subnet.id')), 'vnet::subnet.id');
  assert.equal(show(varValue("az.resourceGroup().location")), 'az.resourceGroup().location');
  assert.equal(show(varValue('redis.listKeys().primaryKey')), 'redis.listKeys().primaryKey');
  assert.equal(show(varValue("resourceId('Microsoft.Cache/redis', name)")), 'resourceId("Microsoft.Cache/redis", name)');
  const call = varValue("sys.concat('a', 'b')") as CallExpression;
  assert.equal(call.kind, 'call');
  assert.equal(call.object?.kind, 'identifier');
  assert.equal(call.name.name, 'concat');
  assert.equal(call.arguments.length, 2);
  assert.equal(show(varValue('f()')), 'f()');
});

test('lambdas: one parameter, several, none, and parenthesised expressions stay expressions', () => {
  assert.equal(show(varValue('map(xs, x => x.name)')), 'map(xs, (x) => x.name)');
  assert.equal(show(varValue('reduce(xs, 0, (acc, x) => acc + x)')), 'reduce(xs, 0, (acc, x) => (acc + x))');
  assert.equal(show(varValue('() => 1')), '() => 1');
  assert.equal(show(varValue('(x) => x')), '(x) => x');
  assert.equal(show(varValue('(x)')), '(x)');
  assert.equal(show(varValue('map(xs, x => { n: x })')), 'map(xs, (x) => {n: x})');
});

test('strings: escapes, interpolation segments, multi-line', () => {
  const plain = varValue("'it\\'s \\\\ \\$ \\n \\t \\u{1F600}'");
  assert.equal(plain.kind, 'string');
  assert.equal(stringValue(plain), "it's \\ $ \n \t \u{1F600}");

  const interp = varValue("'pe-${redis.name}-${i}'");
  assert.equal(interp.kind, 'string');
  if (interp.kind !== 'string') return;
  assert.equal(interp.value, undefined);
  assert.deepEqual(interp.segments, ['pe-', '-', '']);
  assert.deepEqual(interp.expressions.map(show), ['redis.name', 'i']);

  const nested = varValue("'a${'b${c}'}d'");
  assert.equal(nested.kind, 'string');
  if (nested.kind === 'string') {
    assert.deepEqual(nested.segments, ['a', 'd']);
    assert.equal(nested.expressions[0].kind, 'string');
  }

  const multi = only("var m = '''\nline 1\n  ${not} interpolated\n'''\n", 'var').value;
  assert.equal(multi.kind, 'string');
  if (multi.kind === 'string') {
    assert.equal(multi.multiline, true);
    assert.equal(multi.value, 'line 1\n  ${not} interpolated\n');
  }
  assert.equal(stringValue(varValue("''")), '');
});

test('objects: newline and comma separated members, quoted keys, spreads', () => {
  const obj = varValue("{\n  a: 1\n  'b-c': 2, d: 3\n  ...rest\n  if: 4\n}") as ObjectExpression;
  assert.equal(obj.kind, 'object');
  assert.deepEqual(obj.properties.map((p) => p.name), ['a', 'b-c', 'd', 'if']);
  assert.deepEqual(obj.members.map((m) => m.kind), ['property', 'property', 'property', 'spread', 'property']);
  assert.equal(objectProperty(obj, 'b-c')?.value.kind, 'integer');
  assert.equal(objectProperty(obj, 'missing'), undefined);
  const inline = varValue("{ a: 1, b: { c: 'x' } }") as ObjectExpression;
  assert.equal(stringValue(objectPath(inline, ['b', 'c'])), 'x');
  assert.equal(objectPath(inline, ['a', 'c']), undefined);
  assert.equal(show(varValue('[\n  1\n  -1\n  ...xs\n]')), '[1, (-1), ...xs]');
  assert.equal(show(varValue('[1, 2, 3]')), '[1, 2, 3]');
});

test('resources: type string and api version, existing, if and for bodies, nested children', () => {
  const file = parseValid(readCorpus('valid/nested-children.bicep'));
  const resources = allResources(file);
  assert.deepEqual(
    resources.map((r) => `${r.name.name} ${r.resourceType}@${r.apiVersion ?? '-'}`),
    [
      'vnet Microsoft.Network/virtualNetworks@2023-09-01',
      'appSubnet subnets@-',
      'peSubnet subnets@-',
      'zone Microsoft.Network/privateDnsZones@2020-06-01',
      'link virtualNetworkLinks@-',
      'legacyRecord A@-',
      'cluster Microsoft.Cache/redisEnterprise@2024-02-01',
      'db databases@-',
    ],
  );
  const legacy = resources.find((r) => r.name.name === 'legacyRecord')!;
  assert.equal(descriptionOf(legacy), 'A record kept for a legacy client.');

  const loops = parseValid(readCorpus('valid/loops-with-conditions.bicep'));
  const [caches, endpoints] = declarationsOf(loops, 'resource');
  assert.equal(isLoop(caches), true);
  assert.equal(condition(caches), undefined);
  assert.equal(show(condition(endpoints)!), 'cache.private');
  const body = bodyObject(endpoints)!;
  assert.equal(show(objectPath(body, ['properties', 'subnet', 'id'])!), 'subnetIds[cache.location]');
  if (endpoints.body.kind === 'for') {
    assert.equal(endpoints.body.item?.name, 'cache');
    assert.equal(endpoints.body.index?.name, 'i');
  } else assert.fail('expected a for body');

  const existing = only("resource r 'Microsoft.Cache/redis@2024-03-01' existing = {\n  name: 'x'\n}\n", 'resource');
  assert.equal(existing.existing, true);
  assert.equal(stringValue(objectProperty(bodyObject(existing)!, 'name')!.value), 'x');
});

test('modules: paths of every kind', () => {
  const file = parseValid(readCorpus('valid/avm-registry-modules.bicep'));
  assert.deepEqual(
    declarationsOf(file, 'module').map((m) => stringValue(m.path)),
    [
      'br/public:avm/res/network/private-dns-zone:0.7.0',
      'br/public:avm/res/cache/redis:0.9.0',
      'br:contosoregistry.azurecr.io/bicep/modules/tags:v1.2.0',
      'ts:00000000-0000-0000-0000-000000000000/rg-templates/redisSpec:1.0',
    ],
  );
});

test('declarations: targetScope, metadata, typed var, output, param defaults, func, assert', () => {
  assert.equal(stringValue(only("targetScope = 'subscription'\n", 'targetScope').value), 'subscription');
  assert.equal(only("metadata owner = 'x'\n", 'metadata').name.name, 'owner');
  const typed = only('var ok bool = true\n', 'var') as VariableDeclaration;
  assert.equal(typed.type?.kind, 'typeReference');
  assert.equal(only('var ok = true\n', 'var').type, undefined);
  const param = only("@secure()\n@sys.description('k')\nparam key string = 'x'\n", 'param');
  assert.equal(findDecorator(param, 'secure')?.arguments.length, 0);
  assert.equal(findDecorator(param, 'description')?.namespace?.name, 'sys');
  assert.equal(descriptionOf(param), 'k');
  assert.equal(stringValue(param.defaultValue), 'x');
  assert.equal(only('param p string?\n', 'param').defaultValue, undefined);
  const fn = only("func f(a string, b int) string => '${a}${b}'\n", 'func');
  assert.deepEqual(fn.parameters.map((p) => `${p.name.name}:${showType(p.type)}`), ['a:string', 'b:int']);
  assert.equal(showType(fn.returnType), 'string');
  assert.equal(only('assert ok = 1 < 2\n', 'assert').name.name, 'ok');
  assert.equal(showType(only("output r resource 'Microsoft.Cache/redis@2024-03-01' = redis\n", 'output').type), 'resource "Microsoft.Cache/redis@2024-03-01"');
});

test('types: unions, nullable, arrays, tuples, objects, resourceInput, access', () => {
  const t = (text: string) => showType(only(`type t = ${text}\n`, 'type').value);
  assert.equal(t("'Enabled' | 'Disabled'"), '"Enabled" | "Disabled"');
  assert.equal(t('string[]?'), 'string[]?');
  assert.equal(t('(string | int)[]'), '(string | int)[]');
  assert.equal(t('[string, int]'), '[string, int]');
  assert.equal(t('{\n  a: string\n  b: int?\n  *: bool\n}'), '{a: string, b: int?, *: bool}');
  assert.equal(t("resourceInput<'Microsoft.Cache/redis@2024-03-01'>.properties"), 'resourceInput<"Microsoft.Cache/redis@2024-03-01">.properties');
  assert.equal(t("resourceOutput<'Microsoft.Cache/redis@2024-03-01'>"), 'resourceOutput<"Microsoft.Cache/redis@2024-03-01">');
  assert.equal(t('shared.config'), 'shared.config');
  assert.equal(t('limits.ports[*]'), 'limits.ports[*]');
  assert.equal(t('limits.tuple[0]'), 'limits.tuple[0]');
  assert.equal(t('-1 | 1 | true | null'), '(-1) | 1 | true | null');
  assert.equal(t("\n  | 'a'\n  | 'b'"), '"a" | "b"');
  const disc = only("@discriminator('kind')\ntype u = a | b\n", 'type');
  assert.equal(stringValue(findDecorator(disc, 'discriminator')?.arguments[0]), 'kind');
});

test('import, extension, provider, using, extends and param assignments', () => {
  const named = only("import { a, b as c, 'd-e' as f } from './x.bicep'\n", 'import');
  assert.deepEqual(named.symbols?.map((s) => `${s.name.kind === 'identifier' ? s.name.name : s.name.value}>${s.alias?.name ?? ''}`), ['a>', 'b>c', 'd-e>f']);
  assert.equal(stringValue(named.from), './x.bicep');
  const wildcard = only("import * as shared from 'shared.bicep'\n", 'import');
  assert.equal(wildcard.wildcardAlias?.name, 'shared');
  const legacy = only("import 'kubernetes@1.0.0' with {\n  namespace: 'x'\n} as k8s\n", 'import');
  assert.equal(legacy.alias?.name, 'k8s');
  assert.equal(legacy.config?.kind, 'object');
  const ext = only("extension 'br:mcr.microsoft.com/bicep/extensions/graph:1.0' as graph\n", 'extension');
  assert.equal(ext.alias?.name, 'graph');
  assert.equal(only('provider microsoftGraph\n', 'extension').specification.kind, 'identifier');

  const params = parseValid("using './main.bicep'\n\nparam location = 'westeurope'\nvar x = 1\n", 'main.bicepparam');
  assert.equal(params.isParamsFile, true);
  assert.deepEqual(outline(params), ['using', 'paramAssignment:location', 'var:x']);
  const using = params.statements[0];
  assert.equal(using.kind === 'using' ? stringValue(using.path) : undefined, './main.bicep');
  const none = parseValid("using none\nextends './base.bicepparam'\n", 'a.bicepparam');
  assert.deepEqual(outline(none), ['using', 'extends']);
  assert.equal(none.statements[0].kind === 'using' ? none.statements[0].path : 'x', undefined);
  // Without a file name, a `using` declaration makes it a parameters file.
  const unnamed = parseBicep("using './main.bicep'\nparam a = 1\n");
  assert.deepEqual(unnamed.diagnostics, []);
  assert.equal(unnamed.syntax.isParamsFile, true);
});

test('ranges: 0-based line/character and offsets, for nodes and property values', () => {
  const text = "param a string\n\nresource r 'Microsoft.Cache/redis@2024-03-01' = {\n  properties: {\n    publicNetworkAccess: 'Enabled'\n  }\n}\n";
  const file = parseValid(text);
  const r = declarationsOf(file, 'resource')[0];
  assert.deepEqual(r.range.start, { line: 2, character: 0, offset: text.indexOf('resource') });
  assert.deepEqual(r.range.end, { line: 6, character: 1, offset: text.lastIndexOf('}') + 1 });
  assert.deepEqual(r.name.range.start, { line: 2, character: 9, offset: text.indexOf(' r ') + 1 });
  const pna = objectPath(bodyObject(r)!, ['properties', 'publicNetworkAccess'])!;
  assert.equal(text.slice(pna.pos, pna.end), "'Enabled'");
  assert.deepEqual(pna.range.start, { line: 4, character: 25, offset: pna.pos });
  assert.deepEqual(pna.range.end, { line: 4, character: 34, offset: pna.end });
  const props = objectProperty(bodyObject(r)!, 'properties')!;
  assert.equal(text.slice(props.key.pos, props.key.end), 'properties');
  assert.equal(r.keyword.text, 'resource');
  assert.deepEqual(r.keyword.range.start, { line: 2, character: 0, offset: r.pos });
});

test('CRLF and lone CR line breaks count as one line each', () => {
  const text = "param a string\r\nparam b string\rparam c string\n";
  const file = parseValid(text);
  assert.deepEqual(file.statements.map((s) => s.range.start.line), [0, 1, 2]);
  assert.deepEqual(file.lineStarts, [0, 16, 31, 46]);
});

test('comments and directives are kept with ranges, for suppressions and fixes', () => {
  const text = readCorpus('valid/directives.bicep');
  const file = parseValid(text, 'directives.bicep');
  assert.deepEqual(
    file.directives.map((d) => `${d.range.start.line}:${d.name}:${d.codes.join(',')}`),
    ['0:disable-diagnostics:no-hardcoded-env-urls,no-unused-params', '2:restore-diagnostics:no-unused-params', '10:disable-next-line:BCP081', '15:disable-next-line:BCP037'],
  );
  const zone = declarationsOf(file, 'resource')[0];
  const above = commentsOnLine(file, zone.range.start.line - 1);
  assert.deepEqual(above.map((c) => c.body), ['plreview-disable-next-line dns-zone-not-linked']);
  assert.equal(above[0].style, 'line');
  assert.deepEqual(directivesOnLine(file, 10).map((d) => d.codes), [['BCP081']]);
  const block = file.comments.find((c) => c.style === 'block' && c.text.includes('spanning'))!;
  assert.equal(block.body, 'A block comment\n   spanning lines, before an output.');
  assert.equal(block.range.start.line, 25);
  assert.equal(block.range.end.line, 26);
  assert.equal(commentsOnLine(file, 27).length, 2);
});

test('decorators on object type members and tuple items', () => {
  const file = parseValid(readCorpus('valid/types-advanced.bicep'));
  const limits = declarationsOf(file, 'type').find((t) => t.name.name === 'limits')!;
  assert.equal(limits.value.kind, 'objectType');
  if (limits.value.kind !== 'objectType') return;
  const shards = limits.value.properties.find((p) => p.name === 'shards')!;
  assert.equal(findDecorator(shards, 'minValue')?.arguments[0].kind, 'integer');
  const tuple = limits.value.properties.find((p) => p.name === 'tuple')!.type;
  assert.equal(tuple.kind === 'tupleType' ? descriptionOf(tuple.items[0]) : undefined, 'host');
});

test('unwrap looks through parentheses and non-null', () => {
  assert.equal(show(unwrap(varValue('((a!))'))), 'a');
  const sum = varValue('1 + 2') as BinaryExpression;
  assert.equal(unwrap(sum), sum);
});
