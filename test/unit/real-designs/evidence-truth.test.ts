// Evidence and the extension say the same true thing (issue 13): "private-only" needs a clean chain; several
// --design folders are all kept; the Private Link view and Export Evidence honour the workspace's .plreview.yaml
// exactly as the CLI does (the extension's code path, src/config/workspace-config.ts, run in plain Node).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { estateRuleConfig } from '../../../src/config/workspace-config';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { buildEvidence } from '../../../src/evidence/build';
import { estatePart, evidenceInputFromParts } from '../../../src/evidence/scope';
import { analyseDesign } from '../../../src/lint/analyse';
import { EstateInventory } from '../../../src/sources/live/estate-inventory';
import { readEstatePath } from '../../../src/sources/snapshot/read';
import { EstateTreeModel } from '../../../src/tree/model';
import { memoryIo } from '../../support/cli';
import { repoRoot } from '../../support/paths';

const chain = (groupId: string, zone: string, linked: string) => `
resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-a'
  properties: { subnets: [ { name: 'snet-pe' } ] }
}
resource cache 'Microsoft.Cache/redis@2024-11-01' = {
  name: 'redis-a'
  properties: { sku: { name: 'Premium', family: 'P', capacity: 1 }, publicNetworkAccess: 'Disabled' }
}
resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: '${zone}'
}
resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: zone
  name: 'l'
  properties: { registrationEnabled: false, virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks', '${linked}') } }
}
resource pe 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-a'
  properties: {
    subnet: { id: vnet.properties.subnets[0].id }
    privateLinkServiceConnections: [ { name: 'c', properties: { privateLinkServiceId: cache.id, groupIds: [ '${groupId}' ] } } ]
  }
}
resource group 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: pe
  name: 'default'
  properties: { privateDnsZoneConfigs: [ { name: 'z', properties: { privateDnsZoneId: zone.id } } ] }
}
`;

function privateOnly(text: string): boolean {
  const { graph, findings } = analyseDesign([{ path: 'main.bicep', text }], DEFAULT_CONFIG);
  const model = buildEvidence({ graph, findings, scope: [{ kind: 'design', folder: '.' }], now: new Date(0) });
  assert.equal(model.caches.length, 1);
  return model.caches[0].privateOnly;
}

test('private-only needs public access disabled and one endpoint with a clean chain', () => {
  const zone = 'privatelink.redis.cache.windows.net';
  assert.equal(privateOnly(chain('redisCache', zone, 'vnet-a')), true, 'a clean chain');
  assert.equal(privateOnly(chain('redisEnterprise', zone, 'vnet-a')), false, 'the only endpoint has the wrong group id');
  assert.equal(privateOnly(chain('redisCache', 'privatelink.redis.azure.net', 'vnet-a')), false, 'the wrong zone');
  assert.equal(privateOnly(chain('redisCache', zone, 'vnet-b')), false, "the zone is not linked to the endpoint's VNet");
});

const ESTATE = join(repoRoot(), 'examples', 'estate');
const WORKSPACE = join(repoRoot(), 'examples', 'design');

async function cliEvidence(args: string[], cwd = WORKSPACE): Promise<{ code: number; bundle: { findings: { ruleId: string; message: string }[]; rulesChecked: string[]; scope: { sources: { kind: string }[] } } }> {
  const out = mkdtempSync(join(tmpdir(), 'plr-evidence-truth-'));
  try {
    const io = memoryIo(cwd, { PLREVIEW_NOW: '2026-01-01T00:00:00Z' });
    const code = await main(['evidence', ...args, '--out', join(out, 'bundle')], io);
    assert.equal(code, 0, io.stderr());
    return { code, bundle: JSON.parse(readFileSync(join(out, 'bundle', 'evidence.json'), 'utf8')) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test('plreview evidence --design a --design b keeps both scopes', async () => {
  const { bundle } = await cliEvidence(['--design', 'infra', '--design', 'review']);
  assert.deepEqual(bundle.scope.sources.map((s) => s.kind), ['design', 'design']);
  assert.deepEqual((bundle.scope.sources as unknown as { folder: string }[]).map((s) => s.folder).sort(), ['infra', 'review']);
});

const key = (f: { ruleId: string; message: string }) => `${f.ruleId}: ${f.message}`;

test("the extension's estate config gives the CLI's findings and checks on the sample estate (the workspace's .plreview.yaml)", async () => {
  const { bundle } = await cliEvidence(['--estate', ESTATE]);
  // The path Export Evidence takes in the editor, with the workspace folder the e2e suite opens.
  const config = estateRuleConfig(WORKSPACE, undefined);
  const input = evidenceInputFromParts({ parts: [estatePart(ESTATE, { cloud: config.cloud })], config, now: new Date('2026-01-01T00:00:00Z') });
  const extension = buildEvidence(input);
  assert.deepEqual(extension.findings.map(key).sort(), bundle.findings.map(key).sort());
  assert.deepEqual([...extension.rulesChecked].sort(), [...bundle.rulesChecked].sort());
  assert.ok(bundle.findings.some((f) => f.ruleId === 'required-tags-missing'), 'the workspace requires an owner tag');
  // The Private Link view runs the same rules with the same configuration.
  const estate = readEstatePath(ESTATE);
  const model = new EstateTreeModel(new EstateInventory(estate.resources, estate.coverage), config);
  const subscriptions = await new EstateInventory(estate.resources, estate.coverage).listSubscriptions();
  await model.load(subscriptions);
  assert.deepEqual(model.current!.findings.map(key).sort(), bundle.findings.map(key).sort());
});
