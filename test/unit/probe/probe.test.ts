// The probe against real sockets on 127.0.0.1: a dns2 DNS server answering CNAME chains, TLS servers with
// certificates made at test time, a closed port and a port that never answers. Every verdict appears here.
// DNS answers name 10.x or public addresses; the probe connects to 127.0.0.1 (connectAddress) so no packet
// leaves the machine, while the TLS check still uses the cache's hostname, as a client would.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { probe as runProbe, formatProbeReport, ProbeInputError, type ProbeOptions, type ProbeReport, type ProbeTarget, type ProbeVerdict } from '../../../src/probe/probe';
import {
  closedPort,
  makeCertificates,
  startDns,
  startMute,
  startPlainText,
  startTls,
  startUnanswering,
  type Certificates,
  type LocalDns,
  type Running,
} from './loopback-servers';
import { ZONE } from './zone';

// Every verdict a test produced, checked by the last test of the file.
const verdictsSeen = new Set<ProbeVerdict>();
async function probe(target: ProbeTarget, options?: ProbeOptions): Promise<ProbeReport> {
  const report = await runProbe(target, options);
  verdictsSeen.add(report.verdict);
  return report;
}

let dns: LocalDns;
let silentDns: LocalDns;
let certs: Certificates;
let right: Running;
let wrong: Running;
let expired: Running;
let mute: Running;
let plain: Running;

before(async () => {
  certs = await makeCertificates();
  [dns, silentDns, right, wrong, expired, mute, plain] = await Promise.all([
    startDns(ZONE),
    startDns({}, { silent: true }),
    startTls(certs.right),
    startTls(certs.wrong),
    startTls(certs.expired),
    startMute(),
    startPlainText(),
  ]);
});

after(async () => {
  await Promise.all([dns, silentDns, right, wrong, expired, mute, plain].filter(Boolean).map((s) => s.close()));
});

/** Options for a probe that resolves with the local DNS server and connects to a loopback port. */
function local(port: number, extra: Partial<ProbeOptions> = {}): ProbeOptions {
  return { dnsServers: [dns.server], connectAddress: '127.0.0.1', port, ca: certs.caCert, timeoutMs: 1500, ...extra };
}

describe('reachable', () => {
  test('the CNAME chain passes the privatelink zone to the endpoint IP, TCP connects, TLS verifies', async () => {
    const report = await probe('cache1.redis.cache.windows.net', local(right.port, { expectedIps: ['10.1.2.4'] }));
    assert.equal(report.verdict, 'reachable', report.summary);
    assert.deepEqual(report.dns.chain, [{ name: 'cache1.redis.cache.windows.net', target: 'cache1.privatelink.redis.cache.windows.net' }]);
    assert.deepEqual(report.dns.addresses, [{ address: '10.1.2.4', family: 4, scope: 'private', range: 'RFC 1918 10.0.0.0/8' }]);
    assert.equal(report.dns.expectedZone, 'privatelink.redis.cache.windows.net');
    assert.equal(report.dns.viaExpectedZone, true);
    assert.equal(report.dns.matchesEndpoint, true);
    assert.equal(report.tcp[0].outcome, 'connected');
    assert.equal(typeof report.tcp[0].connectMs, 'number');
    assert.equal(report.tls.outcome, 'verified');
    assert.equal(report.tls.serverName, 'cache1.redis.cache.windows.net');
    assert.deepEqual(report.tls.certificate?.subjectAltNames, ['DNS:*.redis.cache.windows.net']);
    // The resolver really asked our server, step by step.
    assert.ok(dns.queries.includes('cache1.redis.cache.windows.net CNAME'), dns.queries.join('; '));
    assert.ok(dns.queries.includes('cache1.privatelink.redis.cache.windows.net A'), dns.queries.join('; '));
  });

  test('cache facts give the Managed Redis hostname and zone; an IPv6 ULA answer counts as private', async () => {
    const report = await probe(
      { name: 'amr1', type: 'Microsoft.Cache/redisEnterprise', sku: 'Balanced_B5', region: 'West Europe', endpointIps: ['10.2.0.5'] },
      local(right.port),
    );
    assert.equal(report.target.host, 'amr1.westeurope.redis.azure.net');
    assert.equal(report.dns.expectedZone, 'privatelink.redis.azure.net');
    assert.equal(report.dns.viaExpectedZone, true);
    assert.deepEqual(report.dns.addresses.map((a) => [a.address, a.scope]), [['10.2.0.5', 'private'], ['fd00:10:2::5', 'private']]);
    // The test certificate is for *.redis.cache.windows.net, so this host does not match: DNS passed, TLS did not.
    assert.equal(report.verdict, 'tls-failed');
    assert.equal(report.tls.outcome, 'name-mismatch');
  });
});

describe('DNS verdicts', () => {
  test('resolves-public: the chain passes the privatelink name but public DNS answers', async () => {
    const report = await probe('public1.redis.cache.windows.net', local(right.port));
    assert.equal(report.verdict, 'resolves-public');
    assert.equal(report.dns.privatelinkZone, 'privatelink.redis.cache.windows.net');
    assert.deepEqual(report.dns.addresses.map((a) => a.scope), ['public']);
    assert.match(report.summary, /203\.0\.113\.10/);
    assert.match(report.nextStep, /privatelink\.redis\.cache\.windows\.net/);
    assert.match(report.nextStep, /168\.63\.129\.16/);
    // The probe still connected (to loopback here): the verdict is about DNS, the evidence is complete.
    assert.equal(report.tls.outcome, 'verified');
  });

  test('stale-record: private, but not the endpoint IP from the inventory', async () => {
    const report = await probe('stale1.redis.cache.windows.net', local(right.port, { expectedIps: ['10.1.2.4'] }));
    assert.equal(report.verdict, 'stale-record');
    assert.equal(report.dns.matchesEndpoint, false);
    assert.match(report.summary, /10\.1\.2\.99/);
    assert.match(report.nextStep, /10\.1\.2\.4/);
  });

  test('without the endpoint IP the same answer is not called stale, and a note says it was not compared', async () => {
    const report = await probe('stale1.redis.cache.windows.net', local(right.port));
    assert.equal(report.verdict, 'reachable');
    assert.equal(report.dns.matchesEndpoint, null);
    assert.ok(report.notes.some((n) => /not compared/.test(n)), report.notes.join('\n'));
  });

  test('name-does-not-resolve: the privatelink zone answers NXDOMAIN (record missing)', async () => {
    const report = await probe('gone1.redis.cache.windows.net', local(right.port, { connectAddress: undefined }));
    assert.equal(report.verdict, 'name-does-not-resolve');
    assert.equal(report.dns.outcome, 'nxdomain');
    assert.equal(report.dns.finalName, 'gone1.privatelink.redis.cache.windows.net');
    assert.match(report.nextStep, /zone group/);
    assert.equal(report.tcp[0].outcome, 'skipped');
    assert.equal(report.tls.outcome, 'skipped');
  });

  test('name-does-not-resolve: an unknown name is NXDOMAIN', async () => {
    const report = await probe('nosuch1.redis.cache.windows.net', local(right.port));
    assert.equal(report.verdict, 'name-does-not-resolve');
    assert.equal(report.dns.outcome, 'nxdomain');
    assert.equal(report.dns.chain.length, 0);
  });

  test('name-does-not-resolve: a CNAME loop is cut', async () => {
    const report = await probe('loop1.redis.cache.windows.net', local(right.port));
    assert.equal(report.verdict, 'name-does-not-resolve');
    assert.equal(report.dns.outcome, 'cname-loop');
    assert.equal(report.dns.chain.length, 2);
  });

  test('name-does-not-resolve: a DNS server that never answers times out', async () => {
    const report = await probe('cache1.redis.cache.windows.net', local(right.port, { dnsServers: [silentDns.server], timeoutMs: 300 }));
    assert.equal(report.verdict, 'name-does-not-resolve');
    assert.equal(report.dns.outcome, 'dns-error');
    assert.equal(report.dns.errorCode, 'ETIMEOUT');
    assert.ok(silentDns.queries.length > 0, 'the silent server saw the query');
  });

  test("this machine's resolver (hosts file) is asked too, and the probe connects where it points", async () => {
    // /etc/hosts maps localhost to 127.0.0.1; the local DNS server says 10.9.9.9. A client here uses the former.
    const report = await probe('localhost', { dnsServers: [dns.server], systemResolver: true, port: right.port, ca: certs.caCert, timeoutMs: 1500 });
    assert.deepEqual(report.dns.addresses.map((a) => a.address), ['10.9.9.9']);
    assert.ok(report.dns.system?.addresses.includes('127.0.0.1'), JSON.stringify(report.dns.system));
    assert.equal(report.dns.system?.differs, true);
    assert.equal(report.tcp[0].address, '127.0.0.1');
    assert.equal(report.tcp[0].outcome, 'connected');
    assert.ok(report.notes.some((n) => /hosts-file entry/.test(n)), report.notes.join('\n'));
    // An alias the certificate does not name: TLS fails, and the advice says why.
    assert.equal(report.verdict, 'tls-failed');
    assert.match(report.nextStep, /alias/);
  });

  test('with explicit DNS servers the system resolver is not asked unless requested', async () => {
    const report = await probe('cache1.redis.cache.windows.net', local(right.port));
    assert.equal(report.dns.system, null);
  });

  test('a loopback answer (tunnel or hosts entry) is not public and is noted', async () => {
    const report = await probe('tunnel1.redis.cache.windows.net', local(right.port, { expectedIps: ['10.1.2.4'] }));
    assert.equal(report.verdict, 'reachable');
    assert.ok(report.notes.some((n) => /loopback/.test(n)), report.notes.join('\n'));
  });
});

describe('TCP verdicts', () => {
  test('connection-refused: nothing listens on the port', async () => {
    const port = await closedPort();
    const report = await probe('cache1.redis.cache.windows.net', local(port));
    assert.equal(report.verdict, 'connection-refused');
    assert.equal(report.tcp[0].outcome, 'refused');
    assert.equal(report.tcp[0].errorCode, 'ECONNREFUSED');
    assert.equal(report.tls.outcome, 'skipped');
  });

  test('timed-out: SYNs to a full accept queue are dropped, as behind an NSG', async (t) => {
    const unanswering = await startUnanswering();
    t.after(() => unanswering.close());
    const completed = await unanswering.fill();
    assert.ok(completed >= 1, 'the kernel completed the backlog handshakes before dropping');
    const started = Date.now();
    const report = await probe('cache1.redis.cache.windows.net', local(unanswering.port, { timeoutMs: 300 }));
    assert.equal(report.verdict, 'timed-out');
    assert.equal(report.tcp[0].outcome, 'timed-out');
    assert.equal(report.tcp[0].connectMs, null);
    assert.ok(Date.now() - started >= 290, 'waited for the timeout');
    assert.match(report.nextStep, /NSG/);
  });
});

describe('the non-TLS port', () => {
  test('is connected to (never handshaken) when the facts say it is on, and reported as a note', async () => {
    const closed = await closedPort();
    const report = await probe(
      { name: 'cache1', type: 'Microsoft.Cache/redis', enableNonSslPort: true, endpointIps: ['10.1.2.4'] },
      local(right.port, { nonTlsPort: closed }),
    );
    assert.equal(report.verdict, 'reachable', 'the verdict follows the TLS port');
    assert.deepEqual(report.tcp.map((t) => [t.tlsPort, t.outcome]), [[true, 'connected'], [false, 'refused']]);
    assert.ok(report.notes.some((n) => n.startsWith(`Non-TLS port ${closed}:`) && /refused/.test(n)), report.notes.join('\n'));
  });
});

describe('TLS verdicts', () => {
  test('tls-failed: the certificate is for another name', async () => {
    const report = await probe('cache1.redis.cache.windows.net', local(wrong.port));
    assert.equal(report.verdict, 'tls-failed');
    assert.equal(report.tls.outcome, 'name-mismatch');
    assert.equal(report.tls.trusted, true);
    assert.equal(report.tls.nameMatches, false);
    assert.equal(report.tls.errorCode, 'ERR_TLS_CERT_ALTNAME_INVALID');
  });

  test('tls-failed: the privatelink name does not match the public wildcard, and the advice names the public host', async () => {
    const report = await probe('cache1.privatelink.redis.cache.windows.net', local(right.port));
    assert.equal(report.target.hostKind, 'privatelink-name');
    assert.equal(report.dns.outcome, 'resolved');
    assert.equal(report.verdict, 'tls-failed');
    assert.equal(report.tls.outcome, 'name-mismatch');
    assert.match(report.nextStep, /cache1\.redis\.cache\.windows\.net/);
    assert.match(report.nextStep, /one label/);
  });

  test('tls-failed: connecting by IP sends no SNI and the certificate does not list the IP', async () => {
    const report = await probe('127.0.0.1', { port: right.port, ca: certs.caCert, timeoutMs: 1500 });
    assert.equal(report.dns.outcome, 'skipped');
    assert.equal(report.tls.serverName, null);
    assert.equal(report.tls.outcome, 'name-mismatch');
    assert.equal(report.verdict, 'tls-failed');
    assert.match(report.nextStep, /Connect by name, not by IP/);
  });

  test('tls-failed: without the CA the certificate is untrusted (as behind a TLS-inspecting proxy)', async () => {
    const report = await probe('cache1.redis.cache.windows.net', local(right.port, { ca: undefined }));
    assert.equal(report.tls.outcome, 'untrusted');
    assert.equal(report.tls.nameMatches, true);
    assert.equal(report.tls.trusted, false);
    assert.equal(report.verdict, 'tls-failed');
  });

  test('tls-failed: an expired certificate', async () => {
    const report = await probe('cache1.redis.cache.windows.net', local(expired.port));
    assert.equal(report.tls.outcome, 'expired');
    assert.equal(report.tls.errorCode, 'CERT_HAS_EXPIRED');
  });

  test('tls-failed: TCP connects but the server never answers the ClientHello', async () => {
    const report = await probe('cache1.redis.cache.windows.net', local(mute.port, { timeoutMs: 300 }));
    assert.equal(report.tcp[0].outcome, 'connected');
    assert.equal(report.tls.outcome, 'timed-out');
    assert.equal(report.verdict, 'tls-failed');
    assert.match(report.tls.message, /did not complete a TLS handshake/);
  });

  test('tls-failed: the port answers in plain text (a non-TLS port)', async () => {
    const report = await probe('cache1.redis.cache.windows.net', local(plain.port));
    assert.equal(report.tls.outcome, 'not-tls', report.tls.message);
    assert.equal(report.verdict, 'tls-failed');
  });
});

describe('the report', () => {
  let report: ProbeReport;
  before(async () => {
    report = await probe('cache1.redis.cache.windows.net', local(right.port, { expectedIps: ['10.1.2.4'] }));
  });

  test('is plain JSON with a fixed key order', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
    assert.deepEqual(Object.keys(report), [
      'schema', 'target', 'verdict', 'summary', 'nextStep', 'dns', 'tcp', 'tls', 'notes', 'startedAt', 'durationMs',
    ]);
    assert.deepEqual(Object.keys(report.dns), [
      'outcome', 'servers', 'chain', 'finalName', 'addresses', 'expectedZone', 'privatelinkZone', 'viaExpectedZone',
      'matchesEndpoint', 'errorCode', 'message', 'system', 'durationMs',
    ]);
  });

  test('formats as text with the verdict first and the chain', () => {
    const text = formatProbeReport(report);
    const lines = text.split('\n');
    assert.match(lines[1], /^Verdict: +reachable$/);
    assert.match(text, /CNAME cache1\.privatelink\.redis\.cache\.windows\.net/);
    assert.match(text, /10\.1\.2\.4 +private/);
    assert.match(text, /endpoint IP 10\.1\.2\.4: matches/);
    assert.match(text, /No Redis command was sent/);
  });

  test('bad targets reject with ProbeInputError, not a network attempt', async () => {
    await assert.rejects(probe('not a host!'), ProbeInputError);
    await assert.rejects(probe('10.0.0.1'), /pass the port/);
  });
});

test('every verdict was produced by at least one test above', () => {
  const all: ProbeVerdict[] = ['name-does-not-resolve', 'resolves-public', 'stale-record', 'connection-refused', 'timed-out', 'tls-failed', 'reachable'];
  assert.deepEqual(all.filter((v) => !verdictsSeen.has(v)), []);
});
