import { test } from 'node:test';
import assert from 'node:assert/strict';
import { designFixture, only, Workspace } from './support';

const files = () => [designFixture('cross', 'cache.json'), designFixture('cross', 'dns.bicep'), designFixture('cross', 'clients.plink.yaml')];

test('cross-file: a Bicep zone, an ARM endpoint and a YAML client form one chain', () => {
  const ws = new Workspace(files());
  const { graph, findings } = ws.analyse();
  // The ARM endpoint's zone group resolves to the zone the Bicep file declares, and its link counts.
  const endpoint = only(graph.endpoints, 'endpoint');
  const zone = only(graph.zones, 'zone');
  assert.equal(zone.origin.kind === 'file' && zone.origin.format, 'bicep');
  assert.equal(endpoint.origin.kind === 'file' && endpoint.origin.format, 'arm');
  // The YAML client names the ARM cache by name.
  const client = only(graph.clients, 'client');
  assert.equal(graph.resolveKind(client.uses[0], 'cache'), only(graph.caches, 'cache'));
  // The hub is linked (in dns.bicep), the checkout network is not: one finding, on the zone in dns.bicep.
  const finding = only(findings, 'finding');
  assert.equal(finding.ruleId, 'dns-zone-link-missing');
  assert.ok(finding.location.kind === 'file' && finding.location.span.file.endsWith('dns.bicep'));
  assert.match(finding.message, /vnet-checkout/);
});

test('cross-file: without the client file the design is clean; without the DNS file the endpoint has no linked zone', () => {
  const [cache, dns, clients] = files();
  assert.deepEqual(new Workspace([cache, dns]).analyse().findings, []);
  const withoutDns = new Workspace([cache, clients]).analyse().findings.map((f) => f.ruleId);
  // The zone is not declared anywhere: nothing can be said about its links, and nothing false is said.
  assert.ok(!withoutDns.includes('dns-zone-link-missing'), withoutDns.join(', '));
});

test('cross-file: the fix for a zone declared in another file edits that file', () => {
  const ws = new Workspace(files());
  const finding = only(ws.findings('dns-zone-link-missing'), 'finding');
  assert.ok(ws.apply(finding.fixes[0]) > 0);
  assert.match(ws.text(designFixture('cross', 'dns.bicep').path), /vnet-checkout/);
  assert.deepEqual(ws.findings(), []);
});
