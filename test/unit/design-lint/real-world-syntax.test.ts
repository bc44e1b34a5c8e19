// ARM templates and Bicep modules as real-world modules write them (Azure Verified Modules, compiled by Bicep):
// each was a false syntax error on the AVM corpus (issue 13).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, parseExpression } from '../../../src/sources/arm/expression';
import { isUnknown } from '../../../src/graph/types';
import { Workspace } from './support';

/** What Bicep compiles a `func` declaration to, and a zone name built by calling it. */
const COMPILED_WITH_FUNCTIONS = JSON.stringify(
  {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    languageVersion: '2.0',
    contentVersion: '1.0.0.0',
    functions: [
      {
        namespace: '__bicep',
        members: {
          zoneFor: { parameters: [{ type: 'string', name: 'suffix' }], output: { type: 'string', value: "[format('privatelink.redis.{0}', parameters('suffix'))]" } },
        },
      },
    ],
    parameters: { suffix: { type: 'string', defaultValue: 'cache.windows.net' } },
    resources: {
      zone: {
        type: 'Microsoft.Network/privateDnsZones',
        apiVersion: '2024-06-01',
        name: "[__bicep.zoneFor(parameters('suffix'))]",
        location: 'global',
      },
      parts: {
        type: 'Microsoft.Network/privateDnsZones',
        apiVersion: '2024-06-01',
        name: "[ __bicep . zoneFor ( 'x' ) ]",
        location: 'global',
      },
    },
  },
  null,
  2,
);

test('ARM: expressions calling namespaced user-defined functions parse; their value stays unknown', () => {
  const expr = parseExpression("__bicep.getResourceParts(parameters('id'))[0]");
  assert.equal(expr.kind, 'index');
  if (expr.kind !== 'index' || expr.target.kind !== 'call') return assert.fail('an index into a call expected');
  assert.equal(expr.target.name, '__bicep.getResourceParts');
  assert.equal(expr.target.args.length, 1);
  const value = evaluate(parseExpression("contoso.uniqueName('a')"), {
    parameter: () => 'p',
    variable: () => 'v',
    resourceId: () => 'id',
  });
  assert.ok(isUnknown(value), 'a user-defined function is not evaluated');
  assert.match(value.why, /user-defined function 'contoso\.uniqueName'/);
  assert.throws(() => parseExpression('__bicep.(1)'), /expected a name/);
});

test('ARM: a template with user-defined functions lints without syntax errors', () => {
  const workspace = new Workspace([{ path: '/w/main.json', text: COMPILED_WITH_FUNCTIONS }]);
  const { graph, findings } = workspace.analyse();
  assert.deepEqual(findings.filter((f) => f.ruleId === 'syntax-error').map((f) => f.message), []);
  assert.equal(graph.nodes.filter((n) => n.kind === 'dnsZone').length, 2, 'both zones are read');
});

const ROLE_TEMPLATE = JSON.stringify({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: { name: { type: 'string' } },
  resources: [],
  outputs: { name: { type: 'string', value: "[parameters('name')]" } },
});

const CALLER = `module roles './modules/nested_roleAssignment.json' = {
  name: 'roles'
  params: {
    name: 'x'
  }
}

output rolesName string = roles.outputs.name
`;

test('Bicep: a module that is a JSON ARM template is not parsed as Bicep', () => {
  const workspace = new Workspace([
    { path: '/w/main.bicep', text: CALLER },
    { path: '/w/modules/nested_roleAssignment.json', text: ROLE_TEMPLATE },
  ]);
  const { graph, findings } = workspace.analyse();
  assert.deepEqual(findings.filter((f) => f.ruleId === 'syntax-error').map((f) => `${f.location.kind === 'file' ? f.location.span.file : ''}: ${f.message}`), []);
  assert.deepEqual(graph.coverage.filter((c) => c.status === 'failed'), [], 'the template is one of the design files: nothing left unread');
});

test('Bicep: a JSON ARM template module outside the design files is a coverage gap, not a syntax error', () => {
  const workspace = new Workspace([{ path: '/w/main.bicep', text: CALLER }]);
  const { graph, findings } = workspace.analyse();
  assert.deepEqual(findings.filter((f) => f.ruleId === 'syntax-error'), []);
  const gaps = graph.coverage.filter((c) => c.status === 'failed');
  assert.equal(gaps.length, 1);
  assert.equal(gaps[0].scope, '/w/modules/nested_roleAssignment.json');
  assert.match(gaps[0].reason ?? '', /module '\w+' refers to '\.\/modules\/nested_roleAssignment\.json', which was not read: it is an ARM template that is not one of the analysed design files/);
  assert.equal(gaps[0].at?.file, '/w/main.bicep', 'at the module path');
});
