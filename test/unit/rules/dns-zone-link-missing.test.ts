import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cache, cacheId, client, endpoint, graphOf, link, run, spanOf, unknown, vnet, vnetId, zone, zoneGroupOf, zoneId } from './builders';
import { assertNone, assertResource, assertSpan, single } from './assertions';
import type { GraphNode } from '../../../src/graph/types';

const ID = 'dns-zone-link-missing';
const ZONE = 'privatelink.redis.cache.windows.net';
const CONFIG_PATH = 'properties.privateDnsZoneConfigs[0].properties.privateDnsZoneId';

/** Hub endpoint, zone linked to the hub only unless told, a client in the API spoke. */
function design(options: { linkHub?: boolean; linkApi?: boolean; apiDns?: string[] } = {}): { nodes: GraphNode[]; z: ReturnType<typeof zone>; pe: ReturnType<typeof endpoint> } {
  const z = zone(ZONE, { file: 'infra/dns.bicep' });
  const pe = endpoint({ file: 'infra/cache.bicep' });
  const nodes: GraphNode[] = [
    cache({ file: 'infra/cache.bicep' }),
    pe,
    z,
    vnet('vnet-hub-weu'),
    vnet('vnet-api-weu', { subnets: ['snet-app'], ...(options.apiDns ? { dnsServers: options.apiDns } : {}) }),
    client('pricing-api', vnetId('vnet-api-weu'), [cacheId('trading-prices-weu')]),
  ];
  if (options.linkHub ?? true) nodes.push(link(z.id, vnetId('vnet-hub-weu'), { file: 'infra/dns.bicep' }));
  if (options.linkApi ?? false) nodes.push(link(z.id, vnetId('vnet-api-weu'), { file: 'infra/dns.bicep' }));
  return { nodes, z, pe };
}

test(`${ID}: fires when a client's VNet is not linked, names the client, points at the endpoint, offers the link`, () => {
  const { nodes, z, pe } = design();
  const f = single(run(ID, graphOf(nodes)));
  assert.equal(f.severity, 'error');
  assert.equal(
    f.message,
    'Zone privatelink.redis.cache.windows.net is not linked to vnet-api-weu, where pricing-api resolves trading-prices-weu: clients there get the public address.',
  );
  assertSpan(f, spanOf(z, 'name'));
  assert.deepEqual(f.related[0], {
    message: `private endpoint pe-trading registers in ${ZONE}`,
    origin: zoneGroupOf(pe).origin,
    span: spanOf(zoneGroupOf(pe), CONFIG_PATH),
  });
  assert.match(f.related[1].message, /client pricing-api in vnet-api-weu/);
  assert.deepEqual(f.fixes, [{ kind: 'insertVnetLink', title: `Link ${ZONE} to vnet-api-weu`, nodeId: z.id, vnetId: vnetId('vnet-api-weu'), vnetName: 'vnet-api-weu' }]);
  assert.equal(f.facts.vnetName, 'vnet-api-weu');
  assert.deepEqual(f.facts.clients, ['pricing-api']);
  assert.deepEqual(f.facts.cacheIds, [cacheId('trading-prices-weu')]);
});

test(`${ID}: fires when the endpoint's own VNet is not linked`, () => {
  const { nodes } = design({ linkHub: false, linkApi: true });
  const f = single(run(ID, graphOf(nodes)));
  assert.equal(
    f.message,
    'Zone privatelink.redis.cache.windows.net is not linked to vnet-hub-weu, the network of private endpoint pe-trading: clients there resolve trading-prices-weu to its public address.',
  );
  assert.equal(f.facts.endpointVnet, true);
});

test(`${ID}: one finding per zone and VNet, however many endpoints need it`, () => {
  const { nodes, z } = design({ linkHub: false, linkApi: true });
  const second = endpoint({ name: 'pe-trading-2', zones: [z.id] });
  const f = single(run(ID, graphOf([...nodes, second])));
  assert.match(f.message, /private endpoint pe-trading and pe-trading-2/);
});

test(`${ID}: a link declared in another file, by a VNet id without subscription, satisfies the endpoint`, () => {
  const { nodes, z } = design();
  const crossFile = link(z.id, '/providers/Microsoft.Network/virtualNetworks/vnet-api-weu', { file: 'infra/spoke.bicep' });
  assertNone(run(ID, graphOf([...nodes, crossFile])));
});

test(`${ID}: VNets outside the graph match by name whatever scope each side writes`, () => {
  const z = zone(ZONE);
  const scoped = link(z.id, vnetId('vnet-hub-weu'));
  const unscoped = endpoint({ subnet: '/providers/Microsoft.Network/virtualNetworks/vnet-hub-weu/subnets/snet-pe' });
  assertNone(run(ID, graphOf([cache(), unscoped, z, scoped])));
  single(run(ID, graphOf([cache(), unscoped, z, link(z.id, vnetId('vnet-other'))])));
});

test(`${ID}: live findings are located on the zone resource`, () => {
  const z = zone(ZONE, { live: true });
  const f = single(run(ID, graphOf([cache({ live: true }), endpoint({ live: true }), z, vnet('vnet-hub-weu', { live: true })]), { mode: 'live' }));
  assertResource(f, z.id);
  assert.deepEqual(f.fixes, []);
});

test(`${ID}: silent when correct`, () => {
  assertNone(run(ID, graphOf(design({ linkApi: true }).nodes)));
});

test(`${ID}: silent when the zone lives elsewhere (not declared, or existing) or its links were not read`, () => {
  const elsewhere = [cache(), endpoint({ zones: [zoneId(ZONE, 'rg-hub-dns')] }), vnet('vnet-hub-weu')];
  assertNone(run(ID, graphOf(elsewhere)));
  const existing = zone(ZONE, { existing: true });
  assertNone(run(ID, graphOf([cache(), endpoint(), existing, vnet('vnet-hub-weu')])));
  const unread = zone(ZONE, { live: true, linksRead: false });
  assertNone(run(ID, graphOf([cache({ live: true }), endpoint({ live: true }), unread]), { mode: 'live' }));
});

test(`${ID}: silent when a link's VNet, the endpoint's subnet or the client's VNet is unknown`, () => {
  const { nodes, z } = design();
  assertNone(run(ID, graphOf([...nodes, link(z.id, unknown('loop variable'), { name: 'link-loop' })])));
  const z2 = zone(ZONE);
  const noSubnet = [cache(), endpoint({ subnet: unknown('module output') }), z2, client('pricing-api', unknown('parameter'), [cacheId('trading-prices-weu')])];
  assertNone(run(ID, graphOf(noSubnet)));
});

test(`${ID}: silent for VNets with custom DNS servers (their forwarder resolves) and for zones that are wrong anyway`, () => {
  assertNone(run(ID, graphOf(design({ apiDns: ['10.0.0.4'] }).nodes)));
  const wrong = zone('privatelink.redis.azure.net');
  const pe = endpoint({ zones: [wrong.id] });
  assertNone(run(ID, graphOf([cache(), pe, wrong, vnet('vnet-hub-weu')])));
});
