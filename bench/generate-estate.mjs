// A generated estate in the shape of the live-estate budget (issues 5 and 15): 200 subscriptions, 2,000 caches,
// 10,000 private endpoints across services (4,000 to caches, 6,000 to storage accounts, key vaults, SQL servers
// and Cosmos DB accounts, with their DNS zone groups), 2,600 private DNS zones and 9,000 VNet links, plus the
// VNets, A records and firewall rules that make it a realistic mix of intact and broken chains.
// Deterministic: the same options always give the same resources (no randomness), so benches are comparable.
// Usage as a script: node bench/generate-estate.mjs [--out estate.json] [--subscriptions 200]
// Reused by the evidence bench; the live helper's emulator bench may serve the same file.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const ZONES = {
  redis: 'privatelink.redis.cache.windows.net',
  enterprise: 'privatelink.redisenterprise.cache.azure.net',
  managed: 'privatelink.redis.azure.net',
};

/**
 * Per subscription: 10 caches, 20 endpoints to them, 5 Redis zones, 30 links (6 VNets linked to each zone); and
 * 9 targets of other services with 30 endpoints (otherServices below), 8 zones of theirs, 15 links.
 */
export function generateEstate({ subscriptions = 200, otherServices = true } = {}) {
  const resources = [];
  for (let s = 0; s < subscriptions; s++) {
    resources.push(...subscriptionResources(s));
    if (otherServices) resources.push(...otherServiceResources(s));
  }
  return resources;
}

/**
 * The other services of one subscription, as estates hold them: 4 storage accounts with an endpoint per
 * subresource (blob, file, queue, table, dfs), 2 key vaults, 2 SQL servers and a Cosmos DB account with an
 * endpoint from each of two VNets: 9 targets, 30 endpoints, and the A record their zone groups write (one per
 * target and zone, with the addresses of its endpoints there). Every 7th storage account still allows public
 * access, every 5th vault endpoint registers in privatelink.vault.azure.net (the wrong zone), and the SQL zone is
 * linked to one VNet only.
 */
function otherServiceResources(s) {
  const sub = `/subscriptions/${subscriptionId(s)}`;
  const out = [];
  const vnetId = (v) => `${sub}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-${v}`;
  const zoneId = (name) => `${sub}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${name}`;
  const zoneNames = ['blob', 'file', 'queue', 'table', 'dfs'].map((k) => `privatelink.${k}.core.windows.net`);
  zoneNames.push('privatelink.vaultcore.azure.net', 'privatelink.database.windows.net', 'privatelink.documents.azure.com');
  for (const name of zoneNames) {
    out.push({ id: zoneId(name), name, type: 'Microsoft.Network/privateDnsZones', location: 'global', tags: { owner: 'network' } });
    const linked = name === 'privatelink.database.windows.net' ? [0] : [0, 1];
    for (const v of linked) {
      out.push({
        id: `${zoneId(name)}/virtualNetworkLinks/link-vnet-${v}`,
        name: `link-vnet-${v}`,
        type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
        location: 'global',
        properties: { registrationEnabled: false, virtualNetwork: { id: vnetId(v) } },
      });
    }
  }
  const targets = [];
  for (let i = 0; i < 4; i++) targets.push({ type: 'Microsoft.Storage/storageAccounts', name: `st${s}x${i}`, groups: ['blob', 'file', 'queue', 'table', 'dfs'], open: (s * 4 + i) % 7 === 0 });
  for (let i = 0; i < 2; i++) targets.push({ type: 'Microsoft.KeyVault/vaults', name: `kv-${s}-${i}`, groups: ['vault', 'vault'] });
  for (let i = 0; i < 2; i++) targets.push({ type: 'Microsoft.Sql/servers', name: `sql-${s}-${i}`, groups: ['sqlServer', 'sqlServer'] });
  targets.push({ type: 'Microsoft.DocumentDB/databaseAccounts', name: `cosmos-${s}`, groups: ['Sql', 'Sql'] });
  const zoneOf = { vault: 'privatelink.vaultcore.azure.net', sqlServer: 'privatelink.database.windows.net', Sql: 'privatelink.documents.azure.com' };
  let n = 0;
  /** A record id → the record, so a target's endpoints in one zone share it. */
  const records = new Map();
  for (const target of targets) {
    const id = `${sub}/resourceGroups/rg-data/providers/${target.type}/${target.name}`;
    const endpoints = target.groups.map((group, e) => ({ group, name: `pe-${target.name}-${group}-${e}`, v: e % 2 }));
    const peId = (name) => `${sub}/resourceGroups/rg-data/providers/Microsoft.Network/privateEndpoints/${name}`;
    out.push({
      id,
      name: target.name,
      type: target.type,
      location: 'westeurope',
      tags: { owner: 'data' },
      properties: {
        publicNetworkAccess: target.open ? 'Enabled' : 'Disabled',
        privateEndpointConnections: endpoints.map((e) => ({
          id: `${id}/privateEndpointConnections/${e.name}`,
          properties: { privateEndpoint: { id: peId(e.name) }, privateLinkServiceConnectionState: { status: 'Approved' } },
        })),
      },
    });
    for (const e of endpoints) {
      const m = n++;
      const ip = `10.${e.v}.${200 + Math.floor(m / 250)}.${(m % 250) + 4}`;
      out.push({
        id: peId(e.name),
        name: e.name,
        type: 'Microsoft.Network/privateEndpoints',
        location: 'westeurope',
        tags: { owner: 'data' },
        properties: {
          subnet: { id: `${vnetId(e.v)}/subnets/pe` },
          privateLinkServiceConnections: [
            { name: e.name, properties: { privateLinkServiceId: id, groupIds: [e.group], privateLinkServiceConnectionState: { status: 'Approved' } } },
          ],
          customDnsConfigs: [{ fqdn: `${target.name}.example`, ipAddresses: [ip] }],
        },
      });
      const wrongVault = e.group === 'vault' && m % 5 === 0;
      const zone = wrongVault ? 'privatelink.vault.azure.net' : (zoneOf[e.group] ?? `privatelink.${e.group}.core.windows.net`);
      out.push({
        id: `${peId(e.name)}/privateDnsZoneGroups/default`,
        name: 'default',
        type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
        properties: { privateDnsZoneConfigs: [{ name: e.group, properties: { privateDnsZoneId: zoneId(zone) } }] },
      });
      if (wrongVault) continue; // a zone the estate does not hold: nothing registered
      const recordId = `${zoneId(zone)}/A/${target.name}`;
      const record = records.get(recordId);
      if (record) record.properties.aRecords.push({ ipv4Address: ip });
      else records.set(recordId, { id: recordId, name: target.name, type: 'Microsoft.Network/privateDnsZones/A', properties: { ttl: 10, aRecords: [{ ipv4Address: ip }] } });
    }
  }
  out.push(...records.values());
  return out;
}

export function subscriptionId(s) {
  const hex = s.toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${hex.padStart(12, '0')}`;
}

function subscriptionResources(s) {
  const sub = `/subscriptions/${subscriptionId(s)}`;
  const out = [];
  const vnetId = (v) => `${sub}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-${v}`;
  for (let v = 0; v < 7; v++) {
    out.push({
      id: vnetId(v),
      name: `vnet-${v}`,
      type: 'Microsoft.Network/virtualNetworks',
      location: 'westeurope',
      properties: { addressSpace: { addressPrefixes: [`10.${v}.0.0/16`] }, subnets: [{ id: `${vnetId(v)}/subnets/pe`, name: 'pe' }] },
    });
  }
  // Five zones: the three Redis zones in rg-dns, and a second copy of two of them in rg-legacy (split-brain DNS).
  const zones = [
    ['rg-dns', ZONES.redis],
    ['rg-dns', ZONES.enterprise],
    ['rg-dns', ZONES.managed],
    ['rg-legacy', ZONES.redis],
    ['rg-legacy', ZONES.managed],
  ].map(([rg, name]) => ({ rg, name, id: `${sub}/resourceGroups/${rg}/providers/Microsoft.Network/privateDnsZones/${name}` }));
  for (const zone of zones) {
    out.push({ id: zone.id, name: zone.name, type: 'Microsoft.Network/privateDnsZones', location: 'global', tags: { owner: 'network' } });
    // Six links per zone, to vnet-0..vnet-5; vnet-6 is never linked (its endpoints resolve publicly).
    for (let v = 0; v < 6; v++) {
      out.push({
        id: `${zone.id}/virtualNetworkLinks/link-vnet-${v}`,
        name: `link-vnet-${v}`,
        type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
        location: 'global',
        properties: { registrationEnabled: v === 5 && zone.rg === 'rg-legacy', virtualNetwork: { id: vnetId(v) } },
      });
    }
  }
  for (let c = 0; c < 10; c++) {
    const n = s * 10 + c;
    const kind = c < 6 ? 'redis' : c < 8 ? 'enterprise' : 'managed';
    const type = kind === 'redis' ? 'Microsoft.Cache/Redis' : 'Microsoft.Cache/redisEnterprise';
    const name = `cache-${s}-${c}`;
    const cacheId = `${sub}/resourceGroups/rg-app-${c % 3}/providers/${type}/${name}`;
    const publicAccess = n % 7 === 0 ? 'Enabled' : 'Disabled';
    out.push({
      id: cacheId,
      name,
      type,
      location: c % 2 === 0 ? 'westeurope' : 'northeurope',
      tags: n % 11 === 0 ? {} : { owner: `team-${c}`, env: 'prod' },
      sku: kind === 'redis' ? { name: c % 2 === 0 ? 'Premium' : 'Standard', family: c % 2 === 0 ? 'P' : 'C', capacity: 1 } : { name: kind === 'enterprise' ? 'Enterprise_E10' : 'Balanced_B5' },
      properties: {
        publicNetworkAccess: publicAccess,
        minimumTlsVersion: n % 19 === 0 ? '1.0' : '1.2',
        ...(kind === 'redis' ? { enableNonSslPort: n % 23 === 0, shardCount: c === 0 ? 2 : undefined } : {}),
        provisioningState: 'Succeeded',
      },
    });
    if (publicAccess === 'Enabled' && kind === 'redis') {
      out.push({
        id: `${cacheId}/firewallRules/office`,
        name: `${name}/office`,
        type: 'Microsoft.Cache/Redis/firewallRules',
        properties: { startIP: '203.0.113.0', endIP: '203.0.113.255' },
      });
    }
    const zone = zones.find((z) => z.rg === 'rg-dns' && z.name === ZONES[kind]);
    for (let e = 0; e < 2; e++) {
      const m = n * 2 + e;
      const v = m % 17 === 0 ? 6 : (c + e) % 6;
      const peName = `pe-${name}-${e}`;
      const peId = `${sub}/resourceGroups/rg-app-${c % 3}/providers/Microsoft.Network/privateEndpoints/${peName}`;
      const ip = `10.${v}.${Math.floor(m / 250) % 250}.${(m % 250) + 4}`;
      const manual = m % 13 === 0;
      const connection = {
        name: peName,
        properties: {
          privateLinkServiceId: cacheId,
          groupIds: [m % 50 === 0 ? 'redisEnterpriseCache' : kind === 'redis' ? 'redisCache' : 'redisEnterprise'],
          privateLinkServiceConnectionState: { status: manual ? 'Pending' : 'Approved' },
        },
      };
      out.push({
        id: peId,
        name: peName,
        type: 'Microsoft.Network/privateEndpoints',
        location: 'westeurope',
        tags: { owner: `team-${c}` },
        properties: {
          subnet: { id: `${vnetId(v)}/subnets/pe` },
          [manual ? 'manualPrivateLinkServiceConnections' : 'privateLinkServiceConnections']: [connection],
          customDnsConfigs: [{ fqdn: `${name}.example`, ipAddresses: [ip] }],
        },
      });
      // Every 29th endpoint has lost its zone group.
      if (m % 29 !== 0) {
        out.push({
          id: `${peId}/privateDnsZoneGroups/default`,
          name: 'default',
          type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
          properties: { privateDnsZoneConfigs: [{ name: 'redis', properties: { privateDnsZoneId: zone.id } }] },
        });
      }
      if (e === 0) {
        const record = kind === 'redis' ? name : `${name}.westeurope`;
        out.push({
          id: `${zone.id}/A/${record}`,
          name: record,
          type: 'Microsoft.Network/privateDnsZones/A',
          properties: { ttl: 10, aRecords: [{ ipv4Address: ip }] },
        });
      }
    }
  }
  return out;
}

/** Counts by kind, to check the shape against the budget's numbers. */
export function estateShape(resources) {
  const count = (type) => resources.filter((r) => r.type.toLowerCase() === type).length;
  const otherTargets = new Set(['microsoft.storage/storageaccounts', 'microsoft.keyvault/vaults', 'microsoft.sql/servers', 'microsoft.documentdb/databaseaccounts']);
  return {
    subscriptions: new Set(resources.map((r) => r.id.split('/')[2])).size,
    caches: count('microsoft.cache/redis') + count('microsoft.cache/redisenterprise'),
    targets: resources.filter((r) => otherTargets.has(r.type.toLowerCase())).length,
    endpoints: count('microsoft.network/privateendpoints'),
    zones: count('microsoft.network/privatednszones'),
    links: count('microsoft.network/privatednszones/virtualnetworklinks'),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const resources = generateEstate({ subscriptions: Number(option('subscriptions', '200')) });
  const out = option('out', undefined);
  const text = JSON.stringify({ value: resources });
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
  console.error(JSON.stringify(estateShape(resources)));
}
