// The model's decisions: private-only, findings attributed to caches, long fact lists capped, unknown values kept
// apart from absent ones.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEvidence, MAX_FACT_LIST } from '../../../src/evidence/build';
import { PrivateLinkGraph } from '../../../src/graph/graph';
import { unknown, type CacheNode } from '../../../src/graph/types';
import type { Finding } from '../../../src/rules/types';
import { estateModel } from './support';

test('private-only needs public access Disabled and a private path; findings on endpoints count for their cache', () => {
  const model = estateModel();
  const byName = new Map(model.caches.map((c) => [c.name, c]));
  assert.equal(byName.get('cache-trading-weu')!.privateOnly, true);
  assert.equal(byName.get('amr-trading')!.privateOnly, false, 'public access Enabled');
  assert.equal(byName.get('cache-legacy')!.privateOnly, false, 'no private endpoint');
  assert.equal(byName.get('amr-trading')!.findingCount, 1, 'the group-id finding is reported on its endpoint');
  assert.equal(model.summary.withFindings, 1);
});

const span = { file: '/repo/infra/cache.bicep', range: { start: { line: 2, character: 0, offset: 40 }, end: { line: 9, character: 1, offset: 200 } } };

const designCache: CacheNode = {
  kind: 'cache',
  id: 'design:infra/cache.bicep#cache',
  name: 'cache-design',
  origin: { kind: 'file', format: 'bicep', span, properties: {} },
  type: 'Microsoft.Cache/redis',
  sku: 'Premium',
  location: unknown("parameter 'location' has no default"),
  tags: undefined,
  publicNetworkAccess: undefined,
  subnetId: undefined,
  shardCount: undefined,
  enableNonSslPort: undefined,
  minimumTlsVersion: unknown('module output'),
  firewallRules: [],
};

function finding(facts: Finding['facts']): Finding {
  return {
    ruleId: 'some-rule',
    severity: 'warning',
    message: 'a message',
    location: { kind: 'file', span },
    related: [],
    facts,
    fixes: [],
    source: 'design',
    nodeId: designCache.id,
  };
}

test('unknown stays unknown (with why), absent is null, file paths are relative, positions are 1-based', () => {
  const graph = PrivateLinkGraph.from({ nodes: [designCache], problems: [], coverage: [] });
  const model = buildEvidence({ graph, findings: [finding({ a: 1 })], scope: [{ kind: 'design', folder: 'infra' }], relativeTo: '/repo' });
  const cache = model.caches[0];
  assert.deepEqual(cache.location, { unknown: true, why: "parameter 'location' has no default" });
  assert.deepEqual(cache.tls, { minimumTlsVersion: { unknown: true, why: 'module output' }, enableNonSslPort: null });
  assert.equal(cache.publicNetworkAccess, null);
  assert.equal(cache.privateOnly, false);
  assert.equal(cache.origin, 'infra/cache.bicep');
  assert.deepEqual(model.findings[0].location, {
    kind: 'file',
    file: 'infra/cache.bicep',
    startLine: 3,
    startColumn: 1,
    endLine: 10,
    endColumn: 2,
    startOffset: 40,
    endOffset: 200,
  });
});

test(`fact lists longer than ${MAX_FACT_LIST} are cut, with the rest counted`, () => {
  const graph = PrivateLinkGraph.from({ nodes: [designCache], problems: [], coverage: [] });
  const long = Array.from({ length: 40 }, (_, i) => `zone-${i}`);
  const short = ['a', 'b'];
  const model = buildEvidence({ graph, findings: [finding({ zoneIds: long, other: short })], scope: [] });
  const facts = model.findings[0].facts;
  assert.deepEqual(facts.zoneIds, [...long.slice(0, MAX_FACT_LIST), '… and 15 more']);
  assert.deepEqual(facts.other, short);
});
