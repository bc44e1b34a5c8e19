// `plreview evidence --subscription` through the real SDK clients against the local ARM emulator: a refused
// subscription is named in the report's first paragraph and in coverage, the others are exported, and the
// export never writes to Azure nor reads keys.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../src/sources/live/emulator';
import { main } from '../../../src/cli/main';
import { memoryIo } from '../../support/cli';
import { repoRoot } from '../../support/paths';
import { SUBSCRIPTIONS, startSampleEmulator, writesAndSecrets } from '../live/support';
import { readFolder, tempDir } from './support';

describe('plreview evidence on live subscriptions (emulator)', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startSampleEmulator({ faults: { forbiddenSubscriptions: [SUBSCRIPTIONS.datalake] } });
  });
  after(async () => {
    await emulator?.close();
  });

  it('exports the readable subscriptions and names the refused one first', async () => {
    emulator.requestLog.length = 0;
    const out = join(tempDir(), 'bundle');
    const io = memoryIo(repoRoot(), { PLREVIEW_ACCESS_TOKEN: 'ci-token', PLREVIEW_NOW: '2026-11-25T12:00:00Z' });
    const args = ['evidence', '--subscription', SUBSCRIPTIONS.trading, '--subscription', SUBSCRIPTIONS.datalake];
    const code = await main([...args, '--arm-endpoint', emulator.url, '--ca-file', emulator.caFile, '--out', out], io);
    assert.equal(code, 1, 'written, but a subscription was not read: the run fails (fail closed)');
    const json = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8'));
    const coverage = new Map(json.coverage.map((c: { scope: string; status: string }) => [c.scope, c.status]));
    assert.equal(coverage.get(SUBSCRIPTIONS.trading), 'read');
    assert.equal(coverage.get(SUBSCRIPTIONS.datalake), 'failed');
    assert.deepEqual(json.scope.sources, [{ kind: 'subscriptions', ids: [SUBSCRIPTIONS.trading, SUBSCRIPTIONS.datalake].sort() }]);
    assert.ok(json.caches.length > 0, 'the trading caches are exported');
    assert.ok(json.caches.every((c: { subscriptionId: string }) => c.subscriptionId === SUBSCRIPTIONS.trading));
    assert.ok(json.findings.every((f: { source: string }) => f.source === 'live'));
    const md = readFolder(out).get('report.md')!;
    assert.match(md.split('\n\n')[1], new RegExp(`^NOT COVERED: 1 scope could not be read.*subscription ${SUBSCRIPTIONS.datalake}`));
    assert.match(io.stderr(), new RegExp(`NOT COVERED: subscription ${SUBSCRIPTIONS.datalake}`));
    const incomplete = json.findings.filter((f: { ruleId: string }) => f.ruleId === 'coverage-incomplete');
    assert.deepEqual(incomplete.map((f: { severity: string; nodeId: string }) => [f.severity, f.nodeId]), [['error', `/subscriptions/${SUBSCRIPTIONS.datalake}`]]);
    assert.deepEqual(writesAndSecrets(emulator), []);
  });
});
