// The Bicep graph under the real rule set: what a user sees for each construct.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { analyseDesign } from '../../../src/lint/analyse';
import type { Finding } from '../../../src/rules/types';
import { bicepToGraph } from '../../../src/sources/bicep/to-graph';
import { PrivateLinkGraph } from '../../../src/graph/graph';
import { runRules } from '../../../src/rules/engine';
import { readFixture, readFromDisk } from './support';

function lint(...names: string[]): Finding[] {
  const files = names.map((n) => readFixture(...n.split('/')));
  return analyseDesign(files, DEFAULT_CONFIG, { readFile: readFromDisk }).findings;
}

const ids = (findings: Finding[]) => findings.map((f) => f.ruleId);
const line = (f: Finding) => (f.location.kind === 'file' ? f.location.span.range.start.line : -1);

test('a finding in a loop body is reported once, at the body', () => {
  const findings = lint('loops.bicep').filter((f) => f.ruleId === 'group-id-mismatch');
  assert.equal(findings.length, 1);
  assert.equal(line(findings[0]), 34, "the 'redis' group id inside the loop body (0-based line 34)");
});

test('values from parameters without default produce no finding', () => {
  const findings = lint('unknown-params.bicep');
  for (const rule of ['group-id-mismatch', 'public-network-access-enabled', 'cache-unreachable']) {
    assert.ok(!ids(findings).includes(rule), `${rule} stays silent on unknown values: ${findings.map((f) => f.message).join('; ')}`);
  }
});

test('cross-file: the zone and link of dns.bicep satisfy the endpoint of cache.bicep', () => {
  const findings = lint('cross-file/dns.bicep', 'cross-file/cache.bicep');
  assert.deepEqual(ids(findings), []);
  // Alone, cache.bicep names a zone that is declared nowhere: no link can be judged, the group is present.
  assert.ok(!ids(lint('cross-file/cache.bicep')).includes('dns-zone-group-missing'));
});

test('a correct design is silent', () => {
  const findings = lint('basic.bicep').filter((f) => f.ruleId !== 'firewall-rules-with-private-endpoint');
  assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), []);
});

test('suppression comments silence exactly the named rules on the next line', () => {
  const findings = lint('suppressed.bicep');
  assert.ok(!ids(findings).includes('group-id-mismatch'));
  assert.ok(!ids(findings).includes('public-network-access-enabled'));
  assert.ok(ids(findings).includes('dns-zone-group-missing'), 'other rules still report');
});

test('AVM findings land on the arguments in the user file', () => {
  const findings = lint('avm/main.bicep');
  const mismatch = findings.find((f) => f.ruleId === 'group-id-mismatch' && f.message.includes('redis-avm'));
  assert.ok(mismatch && mismatch.location.kind === 'file');
  assert.ok(mismatch.location.span.file.endsWith('avm/main.bicep'));
  assert.equal(line(mismatch), 29, "the `service: 'redisEnterprise'` argument");
  const tls = findings.find((f) => f.ruleId === 'minimum-tls-version');
  assert.ok(tls && line(tls) === 47);
});

test('modules: findings about module resources point where the value was written', () => {
  const findings = lint('modules/main.bicep');
  const pna = findings.find((f) => f.ruleId === 'public-network-access-enabled');
  assert.ok(pna && pna.location.kind === 'file');
  assert.ok(pna.location.span.file.endsWith('modules/main.bicep'), 'the argument in the caller');
  assert.ok(ids(findings).includes('syntax-error'), 'the module cycle');
});

test('mutated fixtures never throw and keep yielding graph data', () => {
  const sources = ['basic.bicep', 'enterprise.bicep', 'loops.bicep', 'avm/main.bicep', 'modules/main.bicep'].map((n) => readFixture(...n.split('/')));
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: sources.length - 1 }),
      fc.nat(),
      fc.nat(),
      fc.string({ maxLength: 8 }),
      (which, at, length, insert) => {
        const { path, text } = sources[which];
        const start = at % (text.length + 1);
        const mutated = text.slice(0, start) + insert + text.slice(start + (length % 40));
        const data = bicepToGraph([{ path, text: mutated }], { readFile: readFromDisk });
        for (const node of data.nodes) {
          assert.equal(typeof node.id, 'string');
          assert.ok(node.id.length > 0);
          assert.ok(node.origin.kind === 'file' && typeof node.origin.properties === 'object');
        }
        // The whole pipeline, rules included, takes the result.
        assert.doesNotThrow(() => runRules(PrivateLinkGraph.from(data), { settings: { cloud: 'AzureCloud', requiredTags: [], mode: 'design' } }));
      },
    ),
    { numRuns: 300 },
  );
});

test('AVM virtual-network: its subnets and outputs complete the chain; without the zone link the endpoint VNet is unlinked', () => {
  const file = readFixture('avm-network', 'main.bicep');
  const analysis = analyseDesign([file], DEFAULT_CONFIG);
  const vnet = analysis.graph.vnets.find((v) => v.name === 'vnet-avm');
  assert.ok(vnet, 'the module call is a VNet node');
  assert.deepEqual(vnet.subnets.map((s) => s.name), ['snet-app', 'snet-pe']);
  const endpoint = analysis.graph.endpoints[0];
  assert.equal(endpoint.subnetId, '/providers/Microsoft.Network/virtualNetworks/vnet-avm/subnets/snet-pe');
  assert.equal(analysis.graph.links[0].vnetId, vnet.id);
  assert.deepEqual(ids(analysis.findings), [], 'linked, right zone, right group id, public access disabled by the module');

  const unlinked = { path: file.path, text: file.text.replace(/virtualNetworkLinks: \[[\s\S]*?\n {4}\]/, 'virtualNetworkLinks: []') };
  assert.notEqual(unlinked.text, file.text);
  const missing = analyseDesign([unlinked], DEFAULT_CONFIG).findings.filter((f) => f.ruleId === 'dns-zone-link-missing');
  assert.equal(missing.length, 1);
  assert.match(missing[0].message, /vnet-avm/);
});
