// `plreview evidence` and `plreview evidence diff` in-process: the bundle on disk, the summary line, the
// coverage gap on stderr, usage errors (exit 2, one line), and the design scope.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { BUNDLE_FILES, buildEvidence } from '../../../src/evidence/bundle';
import { evidenceInputFromParts, estatePart } from '../../../src/evidence/scope';
import { memoryIo } from '../../support/cli';
import { fixture } from '../../support/paths';
import { readFolder, tempDir } from './support';

const NOW = { PLREVIEW_NOW: '2026-11-25T12:00:00Z' };

test('evidence --estate writes a verifiable bundle, prints a summary and names the unread subscription', async () => {
  const out = join(tempDir(), 'bundle');
  const io = memoryIo(fixture('evidence'), NOW);
  const code = await main(['evidence', '--estate', 'sample-estate.json', '--out', out], io);
  assert.equal(code, 1, 'the snapshot recorded a subscription it could not read: written, but not complete');
  assert.deepEqual([...readFolder(out).keys()].sort(), [...BUNDLE_FILES].sort());
  assert.match(io.stdout(), /^Wrote 6 files to .*bundle: 3 caches \(1 private-only, \d with findings\), \d+ findings\.\n$/);
  assert.match(io.stderr(), /NOT COVERED: subscription 33333333-3333-3333-3333-333333333333: 403 AuthorizationFailed/);
  const json = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8'));
  assert.equal(json.generatedAt, '2026-11-25T12:00:00.000Z');
  assert.deepEqual(json.scope.sources, [{ kind: 'estate', file: 'sample-estate.json' }]);
  assert.equal(spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out }).status, 0);
});

test('evidence --mask-subscription-ids leaves no subscription id in the bundle', async () => {
  const out = join(tempDir(), 'bundle');
  const io = memoryIo(fixture('evidence'), NOW);
  assert.equal(await main(['evidence', '--estate', 'sample-estate.json', '--out', out, '--mask-subscription-ids', '--allow-partial'], io), 0);
  for (const [name, text] of readFolder(out)) assert.doesNotMatch(text, /11111111-1111|22222222-2222|33333333-3333/, name);
  assert.match(io.stderr(), /NOT COVERED: subscription sub-[0-9a-f]{8}:/, 'stderr masks too');
});

test('evidence diff lists the changes between two exports and exits 0', async () => {
  const root = tempDir();
  const cwd = fixture('evidence');
  assert.equal(await main(['evidence', '--estate', 'sample-estate.json', '--out', join(root, 'before')], memoryIo(cwd, NOW)), 1);
  assert.equal(await main(['evidence', '--estate', 'after-estate.json', '--out', join(root, 'after')], memoryIo(cwd, NOW)), 0);
  const io = memoryIo(root);
  assert.equal(await main(['evidence', 'diff', 'before', 'after'], io), 0);
  assert.match(io.stdout(), /Findings fixed \([1-9]\d*\)/);
  assert.match(io.stdout(), /Resources gone \(1\)\n {2}privateEndpoint .*pe-retired/);
  const json = memoryIo(root);
  assert.equal(await main(['evidence', 'diff', 'before', 'after', '--format', 'json'], json), 0);
  assert.equal(JSON.parse(json.stdout()).resourcesGone.length, 1);
});

test('usage errors exit 2 with one line', async () => {
  const cases: [string[], RegExp][] = [
    [['evidence', '--estate', 'x.json'], /--out <dir> is required/],
    [['evidence', '--out', 'x'], /choose a scope/],
    [['evidence', '--estate', 'x.json', '--out', 'o', '--cloud', 'Mars'], /--cloud must be one of/],
    [['evidence', 'diff', 'only-one'], /two bundles/],
    [['evidence', 'diff', 'nope-a', 'nope-b'], /nope-a: no such file or folder/],
    [['evidence', '--estate', 'x.json', '--out', 'o', '--bogus'], /bogus/],
  ];
  for (const [args, message] of cases) {
    const io = memoryIo(tempDir());
    assert.equal(await main(args, io), 2, args.join(' '));
    assert.match(io.stderr(), message);
    assert.equal(io.stderr().trim().split('\n').length, 1, io.stderr());
  }
});

test('an estate file that does not exist stops the export: exit 2, nothing written', async () => {
  const out = join(tempDir(), 'bundle');
  const io = memoryIo(tempDir(), NOW);
  assert.equal(await main(['evidence', '--estate', 'missing.json', '--out', out], io), 2);
  assert.match(io.stderr(), /missing\.json: no such file or folder/);
  assert.equal(existsSync(out), false);
});

test('evidence --design exports the design files of a folder with file locations', async () => {
  const out = join(tempDir(), 'bundle');
  const io = memoryIo(fixture('evidence'), NOW);
  assert.equal(await main(['evidence', '--design', 'design', '--out', out], io), 0, io.stderr());
  const json = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8'));
  assert.deepEqual(json.coverage, [{ scope: 'design/cache.bicep', kind: 'file', status: 'read', reason: null, displayName: null, gaps: [] }]);
  assert.equal(json.caches.length, 1);
  const finding = json.findings.find((f: { ruleId: string }) => f.ruleId === 'group-id-mismatch');
  assert.ok(finding, JSON.stringify(json.findings));
  assert.equal(finding.source, 'design');
  assert.equal(finding.location.kind, 'file');
  assert.equal(finding.location.file, 'design/cache.bicep');
  const sarif = JSON.parse(readFileSync(join(out, 'findings.sarif'), 'utf8'));
  const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'group-id-mismatch');
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'design/cache.bicep');
});

test('evidence --probe records one probe per cache (DNS asked only of a local server that answers nothing)', async () => {
  // A UDP port on 127.0.0.1 that nobody listens on: every query is refused at once, no traffic leaves the host.
  const socket = createSocket('udp4');
  await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done));
  const port = socket.address().port;
  await new Promise<void>((done) => socket.close(() => done()));
  const out = join(tempDir(), 'bundle');
  const io = memoryIo(fixture('evidence'), NOW);
  const args = ['evidence', '--estate', 'sample-estate.json', '--allow-partial', '--out', out, '--probe', '--dns-server', `127.0.0.1:${port}`, '--probe-timeout', '500'];
  assert.equal(await main(args, io), 0, io.stderr());
  const json = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8'));
  assert.equal(json.probes.length, 3);
  for (const p of json.probes) {
    assert.match(p.target, /^\/subscriptions\/.*\/providers\/Microsoft\.Cache\//);
    assert.equal(p.verdict, 'name-does-not-resolve', JSON.stringify(p));
    assert.deepEqual(p.facts.dnsServers, [`127.0.0.1:${port}`]);
  }
  assert.match(readFileSync(join(out, 'report.md'), 'utf8'), /## Connectivity probes\n\n\| Target \| Verdict \|/);
  const usage = memoryIo(fixture('evidence'));
  assert.equal(await main(['evidence', '--estate', 'sample-estate.json', '--out', out, '--dns-server', '1.2.3.4'], usage), 2);
});

test('evidence --estate reports exactly the findings `plreview audit --estate` reports', async () => {
  const cwd = fixture('evidence');
  const audit = memoryIo(cwd);
  await main(['audit', '--estate', 'sample-estate.json', '--format', 'json'], audit);
  const audited = (JSON.parse(audit.stdout()).findings as { ruleId: string; resourceId: string; message: string }[])
    .map((f) => `${f.ruleId} ${f.resourceId} ${f.message}`)
    .sort();
  const out = join(tempDir(), 'bundle');
  assert.equal(await main(['evidence', '--estate', 'sample-estate.json', '--out', out], memoryIo(cwd, NOW)), 1);
  const json = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8'));
  const exported = (json.findings as { ruleId: string; location: { resourceId: string }; message: string }[])
    .map((f) => `${f.ruleId} ${f.location.resourceId} ${f.message}`)
    .sort();
  assert.ok(audited.length > 0);
  assert.deepEqual(exported, audited);
});

test('two scopes holding the same resources give one row per resource', async () => {
  const out = join(tempDir(), 'bundle');
  const io = memoryIo(fixture('evidence'), NOW);
  assert.equal(await main(['evidence', '--estate', 'sample-estate.json', '--design', 'design', '--out', out, '--allow-partial'], io), 0, io.stderr());
  const json = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8'));
  assert.deepEqual(json.scope.sources, [
    { kind: 'estate', file: 'sample-estate.json' },
    { kind: 'design', folder: 'design' },
  ]);
  assert.equal(json.caches.length, 4, 'three from the estate, one from the design');
  assert.ok(json.findings.some((f: { source: string }) => f.source === 'design'));
  assert.ok(json.findings.some((f: { source: string }) => f.source === 'live'));
  const twice = evidenceInputFromParts({ parts: [estatePart(fixture('evidence', 'sample-estate.json')), estatePart(fixture('evidence', 'sample-estate.json'))] });
  const model = buildEvidence(twice);
  assert.equal(twice.graph.caches.length, 6, 'the merged graph holds each cache twice');
  assert.deepEqual([model.caches.length, model.endpoints.length, model.zones.length], [3, 3, 2]);
  const once = buildEvidence(evidenceInputFromParts({ parts: [estatePart(fixture('evidence', 'sample-estate.json'))] }));
  assert.ok(twice.findings.length === 2 * once.findings.length && once.findings.length > 0);
  assert.deepEqual(model.findings, once.findings, 'each finding once');
  assert.deepEqual([model.summary, model.caches.map((c) => c.findingCount)], [once.summary, once.caches.map((c) => c.findingCount)]);
});
