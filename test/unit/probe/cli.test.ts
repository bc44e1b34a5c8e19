// `plreview probe` in-process against the same loopback servers: exit codes, JSON and text output, the estate
// lookup (resource id → type, SKU, region and endpoint IP), and usage errors that exit 2 with one line.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { ProbeReport } from '../../../src/probe/probe';
import { memoryIo } from '../../support/cli';
import { fixture } from '../../support/paths';
import { closedPort, makeCertificates, startDns, startTls, type LocalDns, type Running } from './loopback-servers';
import { ZONE } from './zone';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-cache/providers';
const CACHE1 = `${SUB}/Microsoft.Cache/Redis/cache1`;
const ESTATE = fixture('probe', 'estate.json');

let dns: LocalDns;
let tls: Running;
let dir: string;
let caFile: string;

before(async () => {
  const certs = await makeCertificates();
  [dns, tls] = await Promise.all([startDns(ZONE), startTls(certs.right)]);
  dir = mkdtempSync(join(tmpdir(), 'plreview-probe-'));
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, certs.caCert);
});

after(async () => {
  await Promise.all([dns, tls].filter(Boolean).map((s) => s.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function loopbackFlags(port = tls.port): string[] {
  return ['--dns-server', dns.server, '--connect-address', '127.0.0.1', '--port', String(port), '--ca-file', caFile, '--timeout', '1500'];
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(process.cwd());
  const code = await main(['probe', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('plreview probe', () => {
  test('a reachable cache found in the estate by resource id exits 0 and compares with its endpoint IP', async () => {
    const { code, out, err } = await run([CACHE1, '--estate', ESTATE, '--format', 'json', ...loopbackFlags()]);
    assert.equal(err, '');
    const report = JSON.parse(out) as ProbeReport;
    assert.equal(report.verdict, 'reachable', report.summary);
    assert.equal(code, 0);
    assert.equal(report.target.host, 'cache1.redis.cache.windows.net');
    assert.equal(report.target.resourceId, CACHE1);
    assert.deepEqual(report.target.expectedIps, ['10.1.2.4']);
    assert.equal(report.dns.matchesEndpoint, true);
  });

  test('the estate turns a private answer into stale-record (exit 1) when it is not the endpoint IP', async () => {
    const { code, out } = await run([`${SUB}/Microsoft.Network/privateEndpoints/pe-stale1`, '--estate', ESTATE, '--format', 'json', ...loopbackFlags()]);
    const report = JSON.parse(out) as ProbeReport;
    assert.equal(report.verdict, 'stale-record');
    assert.equal(code, 1);
    assert.deepEqual(report.target.expectedIps, ['10.1.2.7']);
    assert.equal(report.target.host, 'stale1.redis.cache.windows.net');
  });

  test('a Managed Redis cache in the estate gets its regional hostname from SKU and region', async () => {
    const { out } = await run([`${SUB}/Microsoft.Cache/redisEnterprise/amr1`, '--estate', ESTATE, '--format', 'json', ...loopbackFlags()]);
    const report = JSON.parse(out) as ProbeReport;
    assert.equal(report.target.host, 'amr1.westeurope.redis.azure.net');
    assert.equal(report.target.family, 'ManagedRedis');
    assert.deepEqual(report.target.expectedIps, ['10.2.0.5']);
    assert.equal(report.dns.matchesEndpoint, true);
  });

  test('with --estate a hostname finds its cache and the endpoint IP to expect', async () => {
    const { code, out } = await run(['cache1.redis.cache.windows.net', '--estate', ESTATE, '--format', 'json', ...loopbackFlags()]);
    const report = JSON.parse(out) as ProbeReport;
    assert.equal(code, 0);
    assert.equal(report.target.resourceId, CACHE1);
    assert.deepEqual(report.target.expectedIps, ['10.1.2.4']);
  });

  test('text output leads with the verdict; refused exits 1', async () => {
    const { code, out } = await run(['cache1.redis.cache.windows.net', ...loopbackFlags(await closedPort())]);
    assert.equal(code, 1);
    assert.match(out, /^Probe of cache1\.redis\.cache\.windows\.net/);
    assert.match(out, /Verdict: +connection-refused/);
    assert.match(out, /Next step: /);
  });

  test('the command is listed in plreview --help', async () => {
    const io = memoryIo();
    assert.equal(await main(['--help'], io), 0);
    assert.match(io.stdout(), /\n {2}probe +test DNS, TCP and TLS/);
  });
});

describe('plreview probe usage errors exit 2 with one line', () => {
  const cases: [string, string[], RegExp][] = [
    ['no target', [], /exactly one/],
    ['two targets', ['a.redis.cache.windows.net', 'b.redis.cache.windows.net'], /exactly one/],
    ['a bad port', ['cache1.redis.cache.windows.net', '--port', '70000'], /--port must be a whole number/],
    ['a bad DNS server', ['cache1.redis.cache.windows.net', '--dns-server', 'dns.example:53'], /not an IP address/],
    ['a bad format', ['cache1.redis.cache.windows.net', '--format', 'xml'], /--format/],
    ['a missing CA file', ['cache1.redis.cache.windows.net', '--ca-file', 'no/such.pem'], /no such file/],
    ['a CA file that does not parse', ['cache1.redis.cache.windows.net', '--ca-file', fixture('probe', 'broken-ca.pem')], /CA certificate cannot be used/],
    ['an unknown host without a port', ['redis.contoso.example'], /pass the port/],
    ['a redisEnterprise id without an estate', [`${SUB}/Microsoft.Cache/redisEnterprise/amr1`], /--estate/],
    ['an id the estate does not hold', [`${SUB}/Microsoft.Cache/Redis/nope`, '--estate', ESTATE], /not a cache or private endpoint/],
    ['a missing estate', [CACHE1, '--estate', 'no/such/estate.json'], /no such file/],
    ['an unknown flag', ['cache1.redis.cache.windows.net', '--frobnicate'], /frobnicate/],
  ];
  for (const [label, args, message] of cases) {
    test(label, async () => {
      // The local DNS server keeps any lookup on loopback should a case ever get past validation.
      const { code, out, err } = await run([...args, '--dns-server', dns.server]);
      assert.equal(code, 2, out + err);
      assert.equal(out, '');
      assert.equal(err.trim().split('\n').length, 1, err);
      assert.match(err, message);
    });
  }
});
