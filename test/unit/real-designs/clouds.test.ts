// Each file keeps its own cloud (issue 13): a YAML design's `cloud:` applies to what it declares; Bicep and ARM
// files take the nearest `.plreview.yaml` above them, else `--cloud`, else AzureCloud; environment() is evaluated
// for that cloud. Run through `plreview lint`, as CI runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { memoryIo } from '../../support/cli';
import { fixture } from '../../support/paths';

const root = fixture('real-designs', 'clouds');

async function lint(args: string[], cwd = root): Promise<{ code: number; findings: { ruleId: string; file: string; message: string }[]; err: string }> {
  const io = memoryIo(cwd);
  const code = await main(['lint', '--format', 'json', ...args], io);
  const out = io.stdout();
  return { code, findings: out ? (JSON.parse(out) as { findings: { ruleId: string; file: string; message: string }[] }).findings : [], err: io.stderr() };
}

const summary = (findings: { ruleId: string; file: string }[]) => findings.map((f) => `${f.ruleId} ${f.file}`);

test('a commercial Bicep chain next to an unrelated US Government YAML review stays clean', async () => {
  const { code, findings } = await lint(['commercial', 'gov-review']);
  assert.deepEqual(summary(findings), []);
  assert.equal(code, 0);
});

test('two YAML designs naming different clouds: each is judged in its own, whatever the order of the files', async () => {
  const forward = await lint(['two-yaml/a-gov.plink.yaml', 'two-yaml/b-commercial.plink.yaml']);
  const backward = await lint(['two-yaml/b-commercial.plink.yaml', 'two-yaml/a-gov.plink.yaml']);
  assert.deepEqual(summary(forward.findings), []);
  assert.deepEqual(summary(backward.findings), []);
});

test("a Bicep file takes the cloud of the nearest .plreview.yaml above it; its neighbour folder keeps the default", async () => {
  assert.deepEqual(summary((await lint(['gov-bicep', 'commercial'])).findings), []);
});

test('--cloud is the cloud of files no .plreview.yaml names one for; a nearer .plreview.yaml still wins', async () => {
  const gov = await lint(['commercial', '--cloud', 'AzureUSGovernment']);
  assert.deepEqual(summary(gov.findings), ['dns-zone-mismatch commercial/chain.bicep']);
  assert.match(gov.findings[0].message, /privatelink\.redis\.cache\.usgovcloudapi\.net/);
  assert.deepEqual(summary((await lint(['gov-bicep', '--cloud', 'AzureChinaCloud'])).findings), []);
  const bad = await lint(['commercial', '--cloud', 'Mars']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--cloud must be one of AzureCloud, AzureUSGovernment, AzureChinaCloud/);
});

test("environment() is evaluated for each file's cloud: a Redis zone built from the storage suffix is wrong in every cloud", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plr-env-'));
  try {
    const chain = (zone: string, id: string) =>
      (
      `var zoneName = ${zone}\n` +
      `resource cache 'Microsoft.Cache/redis@2024-11-01' = {\n  name: 'redis-env'\n  location: 'westeurope'\n  properties: { sku: { name: 'Premium', family: 'P', capacity: 1 }, publicNetworkAccess: 'Disabled' }\n}\n` +
      `resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {\n  name: zoneName\n  location: 'global'\n}\n` +
      `resource pe 'Microsoft.Network/privateEndpoints@2024-05-01' = {\n  name: 'pe-env'\n  location: 'westeurope'\n  properties: {\n` +
      `    subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-env', 'snet-pe') }\n` +
      `    privateLinkServiceConnections: [ { name: 'c', properties: { privateLinkServiceId: cache.id, groupIds: [ 'redisCache' ] } } ]\n  }\n}\n` +
      `resource group 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {\n  parent: pe\n  name: 'default'\n` +
      `  properties: { privateDnsZoneConfigs: [ { name: 'z', properties: { privateDnsZoneId: zone.id } } ] }\n}\n` +
      `resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {\n  parent: zone\n  name: 'l'\n` +
      `  properties: { registrationEnabled: false, virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks', 'vnet-env') } }\n}\n`
      ).replace(/-env\b/g, `-${id}`);
    const clouds = { AzureCloud: 'windows.net', AzureUSGovernment: 'usgovcloudapi.net', AzureChinaCloud: 'chinacloudapi.cn' };
    for (const cloud of Object.keys(clouds)) {
      mkdirSync(join(dir, cloud));
      writeFileSync(join(dir, cloud, '.plreview.yaml'), `cloud: ${cloud}\n`);
      writeFileSync(join(dir, cloud, 'wrong.bicep'), chain("'privatelink.redis.cache.${environment().suffixes.storage}'", `${cloud}-wrong`.toLowerCase()));
      mkdirSync(join(dir, cloud, 'right'));
      // The right zone, built from another documented member: sqlServerHostname is `.database.<suffix>`.
      writeFileSync(join(dir, cloud, 'right', 'right.bicep'), chain("'privatelink.redis.cache.${substring(environment().suffixes.sqlServerHostname, 10)}'", `${cloud}-right`.toLowerCase()));
    }
    const { findings } = await lint(['.'], dir);
    const mismatches = findings.filter((f) => f.ruleId === 'dns-zone-mismatch');
    assert.deepEqual(mismatches.map((f) => f.file).sort(), Object.keys(clouds).map((c) => `${c}/wrong.bicep`).sort(), JSON.stringify(findings, null, 1));
    for (const [cloud, suffix] of Object.entries(clouds)) {
      const finding = mismatches.find((f) => f.file === `${cloud}/wrong.bicep`)!;
      assert.match(finding.message, new RegExp(`needs privatelink\\.redis\\.cache\\.${suffix.replace(/\./g, '\\.')}`), `${cloud}: ${finding.message}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
