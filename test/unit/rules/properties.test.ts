// Properties over random graphs: the rules never throw, locate every finding where a user can see it, and say
// nothing at all when every value they could judge is unknown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CacheType, GraphNode, Maybe } from '../../../src/graph/types';
import { runRules } from '../../../src/rules/engine';
import type { AnalysisMode } from '../../../src/rules/types';
import { cache, cacheId, client, endpoint, graphOf, link, record, SUB, subnetId, unknown, vnet, vnetId, zone, zoneId } from './builders';

const U = unknown('generated');
const maybe = <T>(values: T[]): fc.Arbitrary<Maybe<T>> => fc.oneof(fc.constantFrom(...values), fc.constant(undefined), fc.constant(U));
const ZONES = ['privatelink.redis.cache.windows.net', 'privatelink.redisenterprise.cache.azure.net', 'privatelink.redis.azure.net', 'privatelink.redis.cache.usgovcloudapi.net', 'corp.internal'];
const TYPES: CacheType[] = ['Microsoft.Cache/redis', 'Microsoft.Cache/redisEnterprise'];

const graphArbitrary = (live: boolean) =>
  fc
    .record({
      caches: fc.array(
        fc.record({
          type: fc.constantFrom(...TYPES),
          sku: maybe(['Premium', 'Standard', 'Enterprise_E10', 'Balanced_B5', 'Weird_X1']),
          publicNetworkAccess: fc.oneof(maybe(['Enabled', 'Disabled']), fc.constant(null)),
          subnetId: maybe([subnetId('vnet-redis', 'snet-redis')]),
          shardCount: maybe([0, 2]),
          enableNonSslPort: maybe([true, false]),
          minimumTlsVersion: maybe(['1.0', '1.2']),
          firewall: fc.boolean(),
          apiVersion: fc.constantFrom(undefined, '2025-07-01', '2024-11-01'),
        }),
        { maxLength: 3 },
      ),
      endpoints: fc.array(
        fc.record({
          target: fc.integer({ min: -2, max: 3 }),
          groupId: maybe(['redisCache', 'redisEnterprise', 'RedisCache', 'redisEnterpriseCache']),
          manual: fc.boolean(),
          status: maybe(['Approved', 'Pending', 'Rejected', 'Disconnected']),
          vnet: fc.integer({ min: -1, max: 2 }),
          zones: fc.oneof(fc.constant(U), fc.array(fc.integer({ min: 0, max: ZONES.length - 1 }), { maxLength: 2 })),
        }),
        { maxLength: 4 },
      ),
      zones: fc.array(fc.record({ name: fc.integer({ min: 0, max: ZONES.length - 1 }), rg: fc.constantFrom('rg-a', 'rg-b') }), { maxLength: 3 }),
      links: fc.array(fc.record({ zone: fc.integer({ min: 0, max: 2 }), vnet: fc.integer({ min: -1, max: 2 }), registrationEnabled: maybe([true, false]) }), { maxLength: 4 }),
      clients: fc.array(fc.record({ vnet: fc.integer({ min: -1, max: 2 }), uses: fc.integer({ min: 0, max: 3 }) }), { maxLength: 2 }),
      records: fc.array(fc.record({ zone: fc.integer({ min: 0, max: 2 }), cache: fc.integer({ min: 0, max: 3 }), ip: fc.constantFrom('10.1.0.4', '10.9.9.9') }), { maxLength: 3 }),
    })
    .map((spec) => {
      const place = { live };
      const nodes: GraphNode[] = [];
      const caches = spec.caches.map((c, i) =>
        cache({ ...place, name: `cache-${i}`, ...c, firewallRules: c.firewall ? [{ name: 'office', startIP: '203.0.113.1', endIP: '203.0.113.1' }] : [] }),
      );
      nodes.push(...caches);
      const vnets = [0, 1, 2].map((i) => vnet(`vnet-${i}`, place));
      nodes.push(...vnets);
      const zones = spec.zones.map((z, i) => zone(ZONES[z.name], { ...place, rg: `${z.rg}-${i}` }));
      nodes.push(...zones);
      spec.endpoints.forEach((e, i) => {
        const target =
          e.target === -2 ? U : e.target === -1 ? cacheId('elsewhere', 'Microsoft.Cache/redisEnterprise') : caches[e.target]?.id ?? cacheId(`missing-${e.target}`);
        const zoneRefs = Array.isArray(e.zones) ? e.zones.map((z) => zones[z]?.id ?? zoneId(ZONES[z])) : e.zones;
        nodes.push(
          endpoint({ ...place, name: `pe-${i}`, target, groupId: e.groupId, manual: e.manual, status: e.status, subnet: e.vnet < 0 ? U : subnetId(`vnet-${e.vnet}`), zones: zoneRefs }),
        );
      });
      spec.links.forEach((l, i) => {
        const z = zones[l.zone];
        if (z) nodes.push(link(z.id, l.vnet < 0 ? U : vnetId(`vnet-${l.vnet}`), { ...place, name: `link-${i}`, registrationEnabled: l.registrationEnabled }));
      });
      spec.clients.forEach((c, i) => nodes.push(client(`client-${i}`, c.vnet < 0 ? U : vnetId(`vnet-${c.vnet}`), [caches[c.uses]?.id ?? cacheId('nobody')])));
      spec.records.forEach((r) => {
        const z = zones[r.zone];
        if (z) nodes.push(record(z.id, `cache-${r.cache}`, [r.ip]));
      });
      return nodes;
    });

for (const mode of ['design', 'live'] as AnalysisMode[]) {
  test(`properties (${mode}): rules never throw and every finding is located, explained and well-formed`, () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(graphArbitrary(mode === 'live'), fc.constantFrom('AzureCloud', 'AzureUSGovernment') as fc.Arbitrary<'AzureCloud' | 'AzureUSGovernment'>, (nodes, cloud) => {
        const graph = graphOf(nodes, { coverage: [{ scope: SUB, kind: 'subscription', status: 'read' }] });
        const findings = runRules(graph, { settings: { mode, cloud, requiredTags: ['owner'] }, severities: { 'required-tags-missing': 'warning' } });
        for (const f of findings) {
          seen.add(f.ruleId);
          assert.ok(f.message.length > 20 && /[.!]$/.test(f.message), `a sentence: ${f.message}`);
          assert.ok(!/undefined|\[object Object\]|NaN/.test(f.message), `no leaked values: ${f.message}`);
          if (mode === 'live') assert.equal(f.location.kind, 'resource');
          else assert.ok(f.location.kind === 'file' && f.location.span.range.end.offset >= f.location.span.range.start.offset);
          for (const fix of f.fixes) assert.ok(graph.resolve(fix.nodeId) || fix.kind === 'setProperty', `fix names a node: ${fix.nodeId}`);
          if (mode === 'live') assert.deepEqual(f.fixes, [], 'no text fixes on live resources');
        }
      }),
      { numRuns: 150 },
    );
    // Not vacuous: the random graphs exercise most rules.
    assert.ok(seen.size >= 10, `only ${[...seen].join(', ')} fired`);
  });
}

test('properties: when every value a rule could judge is unknown, no rule says anything', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 4 }), fc.constantFrom<AnalysisMode>('design', 'live'), (count, mode) => {
      const live = mode === 'live';
      const nodes: GraphNode[] = [];
      for (let i = 0; i < count; i++) {
        const c = cache({
          live,
          name: `cache-${i}`,
          type: TYPES[i % 2],
          sku: U,
          publicNetworkAccess: U,
          subnetId: U,
          shardCount: U,
          enableNonSslPort: U,
          minimumTlsVersion: U,
          tags: U,
        });
        nodes.push(c);
        nodes.push(endpoint({ live, name: `pe-${i}`, target: U, groupId: U, subnet: U, zones: U, status: U, tags: U }));
        const z = { ...zone(undefined, { live, rg: `rg-${i}` }), name: U };
        nodes.push(z, link(z.id, U, { live, name: `link-${i}`, registrationEnabled: U }));
        nodes.push(client(`client-${i}`, U, [c.id]));
      }
      const findings = runRules(graphOf(nodes), { settings: { mode, cloud: 'AzureCloud', requiredTags: ['owner'] }, severities: { 'required-tags-missing': 'warning' } });
      assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), []);
    }),
    { numRuns: 40 },
  );
});
