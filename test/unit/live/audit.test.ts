import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../src/sources/live/emulator';
import { main } from '../../../src/cli/main';
import { memoryIo } from '../../support/cli';
import { repoRoot } from '../../support/paths';
import { SAMPLE_ESTATE, SUBSCRIPTIONS, startSampleEmulator, writesAndSecrets } from './support';

const CONFIG = join(SAMPLE_ESTATE, '.plreview.yaml');
const env = { PLREVIEW_ACCESS_TOKEN: 'ci-token' };

/**
 * Every finding of the sample estate, as [rule id, severity, resource group/…/type/name]. Disconnected and orphaned
 * endpoints get endpoint-disconnected only: their stale DNS is part of the same clean-up, not a second finding.
 */
const EXPECTED: [string, string, string][] = [
  ['endpoint-disconnected', 'warning', 'rg-chem-lab/.../privateEndpoints/pe-redis-chem-lab'],
  ['required-tags-missing', 'warning', 'rg-chem-lab/.../privateEndpoints/pe-redis-chem-lab'],
  ['required-tags-missing', 'warning', 'rg-chem-lab/.../Redis/redis-chem-lab'],
  ['dns-zone-unlinked', 'warning', 'rg-old-genomics/.../privateDnsZones/privatelink.redis.cache.windows.net'],
  ['endpoint-disconnected', 'warning', 'rg-old-genomics/.../privateEndpoints/pe-genomics-redis'],
  ['required-tags-missing', 'warning', 'rg-old-genomics/.../privateEndpoints/pe-genomics-redis'],
  ['dns-zone-group-missing', 'warning', 'rg-physics/.../privateEndpoints/pe-physics-batch'],
  ['manual-connection-not-approved', 'warning', 'rg-physics/.../privateEndpoints/pe-physics-batch'],
  ['duplicate-private-dns-zone', 'warning', 'rg-uni-network/.../privateDnsZones/privatelink.redis.cache.windows.net'],
  ['firewall-rules-with-private-endpoint', 'warning', 'rg-claims/.../Redis/redis-claims'],
  ['firewall-rules-with-private-endpoint', 'warning', 'rg-claims/.../Redis/redis-claims'],
  ['public-network-access-enabled', 'warning', 'rg-claims/.../Redis/redis-claims'],
  ['dns-record-mismatch', 'error', 'rg-claims/.../privateEndpoints/pe-redis-claims-batch'],
  // A Key Vault endpoint registered in privatelink.vault.azure.net (the vault's zone is vaultcore); the storage
  // account's blob endpoint next to it is right and stays silent.
  ['dns-zone-mismatch', 'error', 'rg-claims/.../privateEndpoints/pe-kv-claims'],
  ['dns-zone-link-missing', 'error', 'rg-hub-dns/.../privateDnsZones/privatelink.redis.cache.windows.net'],
  ['duplicate-private-dns-zone', 'warning', 'rg-hub-dns/.../privateDnsZones/privatelink.redis.cache.windows.net'],
];

function shortId(id: string): string {
  const parts = id.split('/');
  return `${parts[4]}/.../${parts.slice(-2).join('/')}`;
}

interface AuditJson {
  findings: { ruleId: string; severity: string; message: string; resourceId: string; subscriptionId: string }[];
  coverage: { subscriptions: { id: string; status: string; reason: string | null; gaps: unknown[] }[] };
}

/** The rule findings; the coverage finding of the refused subscription is checked on its own (coverageFindingOf). */
function summary(json: AuditJson): [string, string, string][] {
  return json.findings
    .filter((f) => f.ruleId !== 'coverage-incomplete')
    .map((f) => [f.ruleId, f.severity, shortId(f.resourceId)] as [string, string, string])
    .sort();
}

function coverageFindingsOf(json: AuditJson): [string, string, string][] {
  return json.findings.filter((f) => f.ruleId === 'coverage-incomplete').map((f) => [f.severity, f.resourceId, f.subscriptionId]);
}

describe('plreview audit on the sample estate', () => {
  let emulator: RunningEmulator;
  let dir: string;
  before(async () => {
    emulator = await startSampleEmulator({ faults: { forbiddenSubscriptions: [SUBSCRIPTIONS.datalake] } });
    dir = mkdtempSync(join(tmpdir(), 'plreview-audit-'));
  });
  after(async () => {
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const live = () => ['--arm-endpoint', emulator.url, '--ca-file', emulator.caFile, '--config', CONFIG];

  it('reports exactly the expected findings through the emulator, the refused subscription as failed, exit 1', async () => {
    emulator.requestLog.length = 0;
    const io = memoryIo(repoRoot(), env);
    const code = await main(['audit', ...live(), '--format', 'json'], io);
    assert.equal(code, 1);
    const json = JSON.parse(io.stdout()) as AuditJson;
    assert.deepEqual(Object.keys(json), ['findings', 'coverage']);
    assert.deepEqual(Object.keys(json.findings[0]), ['ruleId', 'severity', 'message', 'resourceId', 'subscriptionId']);
    assert.deepEqual(summary(json), [...EXPECTED].sort());
    // What was not read is an error finding too, so JSON and SARIF consumers see it.
    assert.deepEqual(coverageFindingsOf(json), [['error', `/subscriptions/${SUBSCRIPTIONS.datalake}`, SUBSCRIPTIONS.datalake]]);
    for (const f of json.findings) assert.equal(f.subscriptionId, f.resourceId.split('/')[2]);
    assert.ok(!json.findings.some((f) => f.subscriptionId === SUBSCRIPTIONS.trading), 'the trading platform is clean');
    const coverage = Object.fromEntries(json.coverage.subscriptions.map((s) => [s.id, s]));
    assert.deepEqual(Object.keys(json.coverage.subscriptions[0]), ['id', 'status', 'reason', 'gaps']);
    assert.equal(coverage[SUBSCRIPTIONS.trading].status, 'read');
    assert.equal(coverage[SUBSCRIPTIONS.trading].reason, null);
    assert.equal(coverage[SUBSCRIPTIONS.datalake].status, 'failed');
    assert.match(coverage[SUBSCRIPTIONS.datalake].reason ?? '', /403 AuthorizationFailed/);
    assert.match(io.stderr(), /NOT READ: subscription d4a6e8c0/);
    // the token from PLREVIEW_ACCESS_TOKEN was used, and nothing but reads went out
    assert.ok(emulator.requestLog.length > 0);
    assert.deepEqual(writesAndSecrets(emulator), []);
  });

  it('prints text grouped by subscription, and SARIF with logical locations', async () => {
    const text = memoryIo(repoRoot(), env);
    assert.equal(await main(['audit', ...live(), '--subscription', SUBSCRIPTIONS.trading], text), 0, text.stderr());
    assert.match(text.stdout(), /^Trading Platform \(prod\) \(6a1d2f38-41c7-4b5e-9f0a-7c3e2b1d0a01\): 2 caches, 0 findings$/m);
    assert.match(text.stdout(), /0 findings \(0 errors, 0 warnings\) in 1 subscription read via Resource Graph\./);

    const sarif = memoryIo(repoRoot(), env);
    await main(['audit', ...live(), '--format', 'sarif', '--subscription', SUBSCRIPTIONS.insurer], sarif);
    const log = JSON.parse(sarif.stdout()) as { version: string; runs: { results: { ruleId: string; locations: { logicalLocations?: unknown[] }[] }[] }[] };
    assert.equal(log.version, '2.1.0');
    const results = log.runs[0].results;
    // The insurer alone: its hub zone has no namesake in the other subscriptions, so no duplicate-zone finding.
    const insurer = memoryIo(repoRoot(), env);
    await main(['audit', ...live(), '--subscription', SUBSCRIPTIONS.insurer], insurer);
    assert.match(insurer.stdout(), /^Insurer Claims \(c3f5d7b9-2a4e-4f6c-9b8d-0e1f2a3b4c03\): 2 caches, 2 other Private Link targets, 6 findings$/m);
    assert.match(insurer.stdout(), /dns-zone-mismatch: Private endpoint pe-kv-claims registers kv-claims in zone privatelink\.vault\.azure\.net, but kv-claims \(Microsoft\.KeyVault\/vaults vault, AzureCloud\) needs privatelink\.vaultcore\.azure\.net/);
    const insurerOnly = EXPECTED.filter(([rule, , id]) => /rg-claims|rg-hub-dns/.test(id) && rule !== 'duplicate-private-dns-zone');
    assert.deepEqual(results.map((r) => r.ruleId).sort(), insurerOnly.map(([rule]) => rule).sort());
    assert.ok(results.every((r) => (r.locations[0].logicalLocations ?? []).length > 0));
  });

  it('snapshot writes an estate file that audits offline to the same findings', async () => {
    const out = join(dir, 'estate.json');
    const snap = memoryIo(repoRoot(), env);
    assert.equal(await main(['snapshot', ...live(), '--out', out], snap), 1, 'one subscription was not read');
    assert.match(snap.stdout(), /^Wrote \d+ resources from 3 subscription\(s\)/);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { value: { type: string }[]; coverage: { scope: string; status: string }[] };
    assert.ok(file.value.some((r) => r.type === 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups'));
    assert.equal(file.coverage.find((c) => c.scope === SUBSCRIPTIONS.datalake)?.status, 'failed');

    const offline = memoryIo(repoRoot(), {});
    const code = await main(['audit', '--estate', out, '--config', CONFIG, '--format', 'json'], offline);
    assert.equal(code, 1, offline.stderr());
    const json = JSON.parse(offline.stdout()) as AuditJson;
    assert.deepEqual(summary(json), [...EXPECTED].sort());
    assert.equal(json.coverage.subscriptions.find((s) => s.id === SUBSCRIPTIONS.datalake)?.status, 'failed');
    assert.deepEqual(coverageFindingsOf(json), [['error', `/subscriptions/${SUBSCRIPTIONS.datalake}`, SUBSCRIPTIONS.datalake]]);
  });

  it('audits the sample estate folder offline with the same findings (no sign-in, no Azure)', async () => {
    const io = memoryIo(repoRoot(), {});
    const code = await main(['audit', '--estate', SAMPLE_ESTATE, '--config', CONFIG, '--format', 'json'], io);
    assert.equal(code, 1);
    const json = JSON.parse(io.stdout()) as AuditJson;
    // The folder also holds the data lake (refused only by the demo's emulator): a public cache without endpoints,
    // which is no Private Link finding. Which copy of a duplicated zone is "the other" follows reading order.
    const withoutDuplicates = (rows: [string, string, string][]) => rows.filter(([rule]) => rule !== 'duplicate-private-dns-zone');
    assert.deepEqual(withoutDuplicates(summary(json)), withoutDuplicates([...EXPECTED].sort()));
    assert.equal(summary(json).filter(([rule]) => rule === 'duplicate-private-dns-zone').length, 2);
    assert.equal(json.coverage.subscriptions.length, 4);
    assert.ok(json.coverage.subscriptions.every((s) => s.status === 'read'));
  });

  it('--service limits the findings to some services; coverage findings stay', async () => {
    const vaults = memoryIo(repoRoot(), env);
    assert.equal(await main(['audit', ...live(), '--format', 'json', '--service', 'keyVault'], vaults), 1);
    const json = JSON.parse(vaults.stdout()) as AuditJson;
    assert.deepEqual(summary(json), [['dns-zone-mismatch', 'error', 'rg-claims/.../privateEndpoints/pe-kv-claims']]);
    assert.deepEqual(coverageFindingsOf(json), [['error', `/subscriptions/${SUBSCRIPTIONS.datalake}`, SUBSCRIPTIONS.datalake]]);
    const storage = memoryIo(repoRoot(), env);
    await main(['audit', ...live(), '--format', 'json', '--service', 'storage', '--subscription', SUBSCRIPTIONS.insurer], storage);
    assert.deepEqual(summary(JSON.parse(storage.stdout()) as AuditJson), [], 'the storage account is right');
    const caches = memoryIo(repoRoot(), env);
    await main(['audit', ...live(), '--format', 'json', '--service', 'redis', '--service', 'redisEnterprise'], caches);
    assert.deepEqual(summary(JSON.parse(caches.stdout()) as AuditJson), EXPECTED.filter(([rule]) => rule !== 'dns-zone-mismatch').sort());
    const bad = memoryIo(repoRoot(), env);
    assert.equal(await main(['audit', ...live(), '--service', 'vault'], bad), 2);
    assert.match(bad.stderr(), /--service: 'vault' is not a catalogued service key/);
  });

  it('usage errors exit 2 with one line', async () => {
    const bad = memoryIo(repoRoot(), env);
    assert.equal(await main(['audit', '--format', 'xml'], bad), 2);
    assert.match(bad.stderr(), /--format must be text, json or sarif/);
    const http = memoryIo(repoRoot(), env);
    assert.equal(await main(['audit', '--arm-endpoint', 'http://127.0.0.1:1'], http), 2);
    assert.match(http.stderr(), /must be https/);
    const ca = memoryIo(repoRoot(), env);
    assert.equal(await main(['audit', '--arm-endpoint', emulator.url, '--ca-file', join(dir, 'missing.pem')], ca), 2);
    assert.match(ca.stderr(), /--ca-file .*no such file/);
  });
});
