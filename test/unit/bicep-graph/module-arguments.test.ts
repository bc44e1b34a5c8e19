// A module call's arguments are evaluated in the caller when the module reads them (eval-arguments.ts), with
// the results evaluating the whole `params` object gave.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnknown } from '../../../src/graph/types';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { analyseDesign } from '../../../src/lint/analyse';
import { ModuleArguments } from '../../../src/sources/bicep/eval-arguments';
import { Evaluator, type SymbolResolver } from '../../../src/sources/bicep/eval-expr';
import { parseBicep } from '../../../src/sources/bicep/parser';
import type { Expression } from '../../../src/sources/bicep/syntax';
import { bicepToGraph } from '../../../src/sources/bicep/to-graph';
import { bySymbol } from './support';

/** The `params:` expression of `var p = …`, and an evaluator that counts what it evaluates from the top. */
function argumentsOf(paramsText: string) {
  const { syntax } = parseBicep(`var p = ${paramsText}\nvar other = 'o'\n`, { fileName: 'caller.bicep' });
  const statement = syntax.statements[0];
  assert.equal(statement.kind, 'var');
  const evaluated: string[] = [];
  const resolver: SymbolResolver = {
    file: 'caller.bicep',
    symbol: (name) => (name === 'other' ? { value: { kind: 'string', value: 'o' } } : undefined),
    nestedResource: () => undefined,
  };
  const evaluator = new (class extends Evaluator {
    override evaluate(expr: Expression, locals?: Parameters<Evaluator['evaluate']>[1]) {
      if (expr.kind === 'string' && expr.value !== undefined) evaluated.push(expr.value);
      return super.evaluate(expr, locals);
    }
  })(resolver);
  return { args: new ModuleArguments(evaluator, (statement as { value: Expression }).value, undefined), evaluated, evaluator, expression: (statement as { value: Expression }).value };
}

test('arguments written in an object literal are evaluated only when read, once', () => {
  const { args, evaluated } = argumentsOf("{\n  a: 'x'\n  b: 'y'\n  'c-d': other\n}");
  assert.equal(args.has('a'), true);
  assert.equal(args.has('c-d'), true);
  assert.equal(args.has('z'), false);
  assert.deepEqual(evaluated, [], 'has() evaluates nothing');
  assert.equal(args.get('b')?.kind, 'string');
  assert.deepEqual(evaluated, ['y'], 'only b was evaluated');
  args.get('b');
  assert.deepEqual(evaluated, ['y'], 'and only once');
  const cd = args.get('c-d');
  assert.ok(cd?.kind === 'string' && cd.value === 'o');
  assert.equal(args.get('z'), undefined);
});

test('an AVM module reading an argument that is not written, or written in another casing, reads as getProp does', () => {
  const { args, evaluated } = argumentsOf("{\n  a: 'x'\n  B: 'y'\n}");
  assert.equal(args.prop('skuName'), undefined);
  assert.deepEqual(evaluated, [], 'an optional argument left out evaluates nothing');
  const b = args.prop('b');
  assert.ok(b?.kind === 'string' && b.value === 'y', 'a differently cased key matches');
  const a = args.prop('a');
  assert.ok(a?.kind === 'string' && a.value === 'x');
});

test('arguments give what the whole params object gives: last key wins, spreads and computed params evaluated whole', () => {
  for (const params of ["{\n  a: 'first'\n  a: 'second'\n}", "{\n  ...{ a: 'spread' }\n  b: 'y'\n}", "union({ a: 'u' }, { b: 'v' })", 'unknownThing', "'not an object'"]) {
    const { args, evaluator, expression } = argumentsOf(params);
    const whole = evaluator.evaluate(expression);
    const entries = whole.kind === 'object' ? whole.entries : [];
    for (const name of ['a', 'b', 'z']) {
      const last = [...entries].reverse().find((e) => e.key === name)?.value;
      const opaque = whole.kind === 'unknown' ? whole : whole.kind === 'object' ? whole.open : { kind: 'unknown' as const };
      assert.equal(args.has(name), last !== undefined || opaque !== undefined, `${params}: has(${name})`);
      const value = args.get(name);
      if (last) assert.deepEqual(value && 'value' in value ? value.value : value?.kind, 'value' in last ? last.value : last.kind, `${params}: ${name}`);
      else assert.equal(value?.kind, opaque?.kind, `${params}: ${name}`);
    }
  }
});

test('an argument that reads the module it is passed to is Unknown, not an endless loop', () => {
  // The module does not read `zone` while it is instantiated; the caller's zone reads it through the output.
  const texts = new Map([
    [
      '/d/main.bicep',
      "module m 'm.bicep' = {\n  name: 'm'\n  params: {\n    zone: m.outputs.zone\n  }\n}\n" +
        "resource z 'Microsoft.Network/privateDnsZones@2020-06-01' = {\n  name: m.outputs.zone\n  location: 'global'\n}\n",
    ],
    ['/d/m.bicep', 'param zone string\noutput zone string = zone\n'],
  ]);
  const data = bicepToGraph([{ path: '/d/main.bicep', text: texts.get('/d/main.bicep')! }], { readFile: (path) => texts.get(path), oneShot: true });
  const name = bySymbol(data, 'z', 'dnsZone').name;
  assert.ok(isUnknown(name), 'the zone name depends on itself');
  assert.match(name.why, /argument 'zone' refers to itself/);
});

test('a file only named (an import never read, a module call never evaluated) still has its syntax checked', () => {
  const texts = new Map([
    ['/d/main.bicep', "import { unused } from 'types.bicep'\nmodule never 'never.bicep' = if (false) {\n  name: 'never'\n}\n"],
    ['/d/types.bicep', '@export()\nvar unused = {\n'],
    ['/d/never.bicep', 'resource r = {}\n'],
  ]);
  for (const oneShot of [true, false]) {
    const { findings } = analyseDesign([{ path: '/d/main.bicep', text: texts.get('/d/main.bicep')! }], DEFAULT_CONFIG, {
      readFile: (path) => texts.get(path),
      cloudOf: () => 'AzureCloud',
      oneShot,
    });
    const inError = new Set(findings.flatMap((f) => (f.ruleId === 'syntax-error' && 'span' in f.location ? [f.location.span.file] : [])));
    assert.deepEqual([...inError].sort(), ['/d/never.bicep', '/d/types.bicep'], `oneShot ${oneShot}`);
  }
});
