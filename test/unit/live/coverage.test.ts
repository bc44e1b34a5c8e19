// Fail closed when detail reads fail: through the real @azure/arm-* clients against the emulator, every DNS
// zone-group GET answering 500, a zone-group list of the wrong shape, or an empty firewall-rules body used to leave
// the subscription "read", the findings that depended on those reads silently gone, and exit 0. Now the
// subscription is `partial` with its gaps, an error finding `coverage-incomplete` says so, and the run fails
// unless --allow-partial is given.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { RunningEmulator } from '../../../src/sources/live/emulator';
import { main } from '../../../src/cli/main';
import { EstateTreeModel } from '../../../src/tree';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { memoryIo } from '../../support/cli';
import { repoRoot } from '../../support/paths';
import { tempDir } from '../evidence/support';
import { SAMPLE_ESTATE, SUBSCRIPTIONS, inventoryFor, startSampleEmulator, writesAndSecrets } from './support';

const CONFIG = join(SAMPLE_ESTATE, '.plreview.yaml');
const env = { PLREVIEW_ACCESS_TOKEN: 'ci-token', PLREVIEW_NOW: '2026-11-25T12:00:00Z' };
const ZONE_GROUPS = '/privateDnsZoneGroups';
const INSURER_FIREWALL = `/subscriptions/${SUBSCRIPTIONS.insurer}/resourceGroups/rg-claims/providers/Microsoft.Cache/Redis/redis-claims/firewallRules`;

interface Json {
  findings: { ruleId: string; severity: string; message: string; resourceId: string }[];
  coverage: { subscriptions: { id: string; status: string; reason: string | null; gaps: { resourceId: string; what: string; reason: string }[] }[] };
}

describe('coverage when detail reads fail (emulator faults)', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startSampleEmulator();
  });
  after(async () => emulator?.close());

  const live = () => ['--arm-endpoint', emulator.url, '--ca-file', emulator.caFile, '--config', CONFIG];
  async function audit(args: string[]) {
    const io = memoryIo(repoRoot(), env);
    const code = await main(['audit', ...live(), ...args], io);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  }

  it('every zone-group GET answering 500: the clean trading subscription is partial, exit 1 with coverage-incomplete', async () => {
    emulator.setFaults({ rules: [{ kind: 'error', status: 500, match: ZONE_GROUPS }] });
    const run = await audit(['--subscription', SUBSCRIPTIONS.trading, '--format', 'json']);
    assert.equal(run.code, 1, run.stderr);
    const json = JSON.parse(run.stdout) as Json;
    const [trading] = json.coverage.subscriptions;
    assert.equal(trading.status, 'partial');
    assert.equal(trading.reason, null);
    assert.deepEqual(trading.gaps.map((g) => [g.resourceId.split('/').pop(), g.what]).sort(), [
      ['pe-amr-quotes-neu', 'DNS zone groups'],
      ['pe-amr-quotes-weu', 'DNS zone groups'],
    ]);
    for (const gap of trading.gaps) assert.match(gap.reason, /Azure answered 500 InternalServerError after retries \(request id [0-9a-f-]+\)/);
    const coverage = json.findings.filter((f) => f.ruleId === 'coverage-incomplete');
    assert.equal(coverage.length, 1);
    assert.equal(coverage[0].severity, 'error');
    assert.equal(coverage[0].resourceId, `/subscriptions/${SUBSCRIPTIONS.trading}`);
    assert.match(coverage[0].message, /read only in part: 2 reads failed \(DNS zone groups of pe-amr-quotes-(neu|weu): Azure answered 500/);
    assert.match(run.stderr, /NOT READ: DNS zone groups of pe-amr-quotes-neu: Azure answered 500/);
  });

  it('text rows and SARIF name the gaps; --allow-partial keeps them visible as a warning and exits 0', async () => {
    emulator.setFaults({ rules: [{ kind: 'error', status: 500, match: ZONE_GROUPS }] });
    const text = await audit(['--subscription', SUBSCRIPTIONS.trading]);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^Trading Platform \(prod\) \(6a1d2f38-[^)]+\): 2 caches, 0 findings; READ IN PART: 2 reads failed$/m);
    assert.match(text.stdout, /^ {2}NOT READ DNS zone groups of pe-amr-quotes-weu: Azure answered 500/m);
    assert.match(text.stdout, /1 subscription READ IN PART\./);

    const sarif = await audit(['--subscription', SUBSCRIPTIONS.trading, '--format', 'sarif']);
    assert.equal(sarif.code, 1);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; level: string; message: { text: string } }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const result = log.runs[0].results.find((r) => r.ruleId === 'coverage-incomplete');
    assert.ok(result, 'a SARIF result for the partial subscription');
    assert.equal(result.level, 'error');
    assert.match(result.message.text, /DNS zone groups of pe-amr-quotes/);
    assert.ok(log.runs[0].tool.driver.rules.some((r) => r.id === 'coverage-incomplete'));
    const invocation = (log.runs[0] as unknown as { invocations: { executionSuccessful: boolean; toolExecutionNotifications?: unknown[] }[] }).invocations[0];
    assert.equal(invocation.executionSuccessful, false, 'the run did not see everything');
    assert.equal(invocation.toolExecutionNotifications?.length, 1);

    const allowed = await audit(['--subscription', SUBSCRIPTIONS.trading, '--format', 'json', '--allow-partial']);
    assert.equal(allowed.code, 0, allowed.stderr);
    const json = JSON.parse(allowed.stdout) as Json;
    assert.equal(json.coverage.subscriptions[0].status, 'partial');
    assert.deepEqual(json.findings.map((f) => [f.ruleId, f.severity]), [['coverage-incomplete', 'warning']]);
  });

  it('a zone-group list of the wrong shape ({"value":"not-an-array"}, not JSON, an item without id) is a failed read, never an empty list', async () => {
    for (const [body, reason] of [
      ['{"value":"not-an-array"}', /malformed response: no 'value' list \(a string\)/],
      ['<html>proxy error</html>', /malformed response: a body that is not JSON/],
      ['{"value":[{"name":"default"}]}', /malformed response: item 1 of 'value' without a string 'id'/],
    ] as const) {
      emulator.setFaults({ rules: [{ kind: 'body', match: ZONE_GROUPS, body }] });
      const estate = await inventoryFor(emulator).loadDetails(await inventoryFor(emulator).loadEstate([SUBSCRIPTIONS.trading]));
      const [trading] = estate.coverage;
      assert.equal(trading.status, 'partial', body);
      assert.equal(trading.gaps?.length, 2, body);
      for (const gap of trading.gaps ?? []) assert.match(gap.reason, reason);
      assert.equal(estate.zoneGroupsFetched.size, 0, 'zone groups stay Unknown, not "none"');
    }
  });

  it('an empty firewall-rules body: the insurer is partial and its firewall warnings are not silently dropped', async () => {
    emulator.setFaults({ rules: [{ kind: 'body', match: INSURER_FIREWALL, body: '' }] });
    const run = await audit(['--subscription', SUBSCRIPTIONS.insurer, '--format', 'json']);
    assert.equal(run.code, 1);
    const json = JSON.parse(run.stdout) as Json;
    const [insurer] = json.coverage.subscriptions;
    assert.equal(insurer.status, 'partial');
    assert.deepEqual(insurer.gaps.map((g) => [g.resourceId, g.what]), [[INSURER_FIREWALL.replace(/\/firewallRules$/, ''), 'firewall rules']]);
    assert.match(insurer.gaps[0].reason, /malformed response: an empty body \(request id [0-9a-f-]+\)/);
    assert.ok(!json.findings.some((f) => f.ruleId === 'firewall-rules-with-private-endpoint'), 'the rules were not read');
    assert.ok(json.findings.some((f) => f.ruleId === 'coverage-incomplete' && f.severity === 'error'));
  });

  it('Resource Graph rows of the wrong shape make the inventory fall back to ARM, which reads everything', async () => {
    emulator.setFaults({ rules: [{ kind: 'body', match: 'resourcegraph', body: '{"totalRecords":1,"count":1,"data":"not-rows"}' }] });
    const estate = await inventoryFor(emulator).loadEstate([SUBSCRIPTIONS.trading]);
    assert.equal(estate.source, 'arm');
    assert.match(estate.fallbackReason ?? '', /Resource Graph: Azure answered with a malformed response: 'data' is a string, not a list of rows/);
    assert.deepEqual(estate.coverage.map((c) => c.status), ['read']);
    assert.ok(estate.resources.some((r) => /redisEnterprise/i.test(r.type)));
  });

  it('an ARM list of the wrong shape in the fallback fails its subscription with the reason', async () => {
    emulator.setFaults({
      resourceGraph: 'unavailable',
      rules: [{ kind: 'body', match: `/subscriptions/${SUBSCRIPTIONS.trading}/providers/Microsoft.Network/privateEndpoints`, body: '{"value":[42]}' }],
    });
    const estate = await inventoryFor(emulator).loadEstate([SUBSCRIPTIONS.trading]);
    assert.equal(estate.coverage[0].status, 'failed');
    assert.match(estate.coverage[0].reason ?? '', /malformed response: item 1 of 'value' without a string 'id'/);
  });

  it('snapshot records the gaps, and an offline audit of the file fails the same way', async () => {
    emulator.setFaults({ rules: [{ kind: 'error', status: 500, match: ZONE_GROUPS }] });
    const out = join(tempDir(), 'estate.json');
    const snap = memoryIo(repoRoot(), env);
    assert.equal(await main(['snapshot', ...live(), '--subscription', SUBSCRIPTIONS.trading, '--out', out], snap), 1, snap.stderr());
    const file = JSON.parse(readFileSync(out, 'utf8')) as { coverage: { status: string; gaps: unknown[] }[] };
    assert.equal(file.coverage[0].status, 'partial');
    assert.equal(file.coverage[0].gaps.length, 2);
    const offline = memoryIo(repoRoot(), {});
    assert.equal(await main(['audit', '--estate', out, '--config', CONFIG, '--format', 'json'], offline), 1);
    const json = JSON.parse(offline.stdout()) as Json;
    assert.equal(json.coverage.subscriptions[0].status, 'partial');
    assert.equal(json.coverage.subscriptions[0].gaps.length, 2);
    assert.ok(json.findings.some((f) => f.ruleId === 'coverage-incomplete' && f.severity === 'error'));
  });

  it('evidence from live: the bundle is written, says NOT COVERED with the gaps in every format, and the run exits 1', async () => {
    emulator.setFaults({ rules: [{ kind: 'error', status: 500, match: ZONE_GROUPS }] });
    const out = join(tempDir(), 'bundle');
    const io = memoryIo(repoRoot(), env);
    const args = ['evidence', '--subscription', SUBSCRIPTIONS.trading, '--arm-endpoint', emulator.url, '--ca-file', emulator.caFile, '--out', out];
    assert.equal(await main(args, io), 1, io.stderr());
    const json = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8'));
    assert.equal(json.coverage[0].status, 'partial');
    assert.equal(json.coverage[0].gaps.length, 2);
    assert.deepEqual(json.summary.partialScopes, [SUBSCRIPTIONS.trading]);
    assert.ok(json.findings.some((f: { ruleId: string; severity: string }) => f.ruleId === 'coverage-incomplete' && f.severity === 'error'));
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    assert.match(md.split('\n\n')[1], /^NOT COVERED: 1 scope was read only in part.*DNS zone groups of pe-amr-quotes-neu: Azure answered 500/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    assert.match(html, /class="not-covered">NOT COVERED: 1 scope was read only in part/);
    const sarif = readFileSync(join(out, 'findings.sarif'), 'utf8');
    assert.match(sarif, /"ruleId": "coverage-incomplete"/);
    assert.match(io.stderr(), /NOT COVERED: DNS zone groups of pe-amr-quotes-weu: Azure answered 500/);

    const allowed = memoryIo(repoRoot(), env);
    assert.equal(await main([...args, '--allow-partial'], allowed), 0, allowed.stderr());
    assert.deepEqual(writesAndSecrets(emulator), []);
  });

  it('the Private Link tree shows the partial subscription, and the reads that failed under it', async () => {
    emulator.setFaults({ rules: [{ kind: 'error', status: 500, match: ZONE_GROUPS }] });
    const inventory = inventoryFor(emulator);
    const model = new EstateTreeModel(inventory, DEFAULT_CONFIG);
    await model.load([SUBSCRIPTIONS.trading]);
    const failed = await model.loadDetails();
    assert.equal(failed.length, 2);
    const [trading] = await model.getChildren();
    assert.match(String(trading.description), /read in part: 2 reads failed/);
    assert.equal(trading.status, 'error');
    const children = await model.getChildren(trading);
    const notRead = children.filter((c) => /^Not read: DNS zone groups of pe-amr-quotes-(neu|weu): Azure answered 500/.test(c.label));
    assert.equal(notRead.length, 2, children.map((c) => c.label).join(' | '));

    emulator.setFaults({});
    assert.deepEqual(await model.loadDetails(), [], 'a read that succeeds clears the gaps');
    const [again] = await model.getChildren();
    assert.doesNotMatch(String(again.description), /read in part/);
  });
});
