import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { Workspace } from './support';

// YAML designs declare non-Redis targets under `targets:` (`caches:` keeps working); an endpoint in another file
// names them, and the generic rules judge the chain.

const targets = `privateLinkDesign: v1
cloud: AzureUSGovernment
targets:
  - name: stdata
    type: Microsoft.Storage/storageAccounts
    region: usgovvirginia
    publicNetworkAccess: Enabled
  - name: kv-orders
    type: Microsoft.KeyVault/vaults
    publicNetworkAccess: Disabled
caches:
  - name: redis-orders
    type: Microsoft.Cache/redis
    sku: Premium
    publicNetworkAccess: Disabled
`;

const endpoints = (blobZone: string) => `privateLinkDesign: v1
cloud: AzureUSGovernment
networks:
  - name: vnet-app
    subnets: [endpoints]
privateEndpoints:
  - name: pe-stdata
    target: stdata
    groupId: blob
    subnet: vnet-app/endpoints
    dnsZones: [${blobZone}]
  - name: pe-kv
    target: kv-orders
    groupId: vault
    subnet: vnet-app/endpoints
    dnsZones: [privatelink.vaultcore.usgovcloudapi.net]
  - name: pe-redis
    target: redis-orders
    groupId: redisCache
    subnet: vnet-app/endpoints
    dnsZones: [privatelink.redis.cache.usgovcloudapi.net]
`;

const workspace = (blobZone: string) =>
  new Workspace(
    [
      { path: '/w/targets.plink.yaml', text: targets },
      { path: '/w/endpoints.plink.yaml', text: endpoints(blobZone) },
    ],
    DEFAULT_CONFIG,
  );

test('YAML targets: a Government storage account in the commercial blob zone, and left open', () => {
  const ws = workspace('privatelink.blob.core.windows.net');
  const byRule = new Map(ws.findings().map((f) => [f.ruleId, f]));
  assert.deepEqual([...byRule.keys()].sort(), ['dns-zone-mismatch', 'public-network-access-enabled']);
  assert.match(byRule.get('dns-zone-mismatch')!.message, /needs privatelink\.blob\.core\.usgovcloudapi\.net/);
  const open = byRule.get('public-network-access-enabled')!;
  assert.ok(open.location.kind === 'file' && open.location.span.file === '/w/targets.plink.yaml');
  // The fixes write the YAML keys: the zone in one file, the access in the other.
  assert.ok(ws.apply(byRule.get('dns-zone-mismatch')!.fixes[0]) > 0);
  assert.ok(ws.apply(open.fixes[0]) > 0);
  assert.match(ws.text('/w/targets.plink.yaml'), /publicNetworkAccess: Disabled\n {2}- name: kv-orders/);
  assert.deepEqual(ws.findings(), []);
});

test('YAML targets: the correct design is silent; caches keep working beside targets', () => {
  assert.deepEqual(
    workspace('privatelink.blob.core.usgovcloudapi.net').findings().filter((f) => f.ruleId !== 'public-network-access-enabled'),
    [],
  );
});
