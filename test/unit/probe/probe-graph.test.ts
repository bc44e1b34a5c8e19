// Probing every cache of an estate (for the evidence bundle's --probe) against the loopback servers.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PrivateLinkGraph } from '../../../src/graph/graph';
import { estateToGraph, parseEstate } from '../../../src/sources/snapshot/estate';
import { probeCaches, probeFacts } from '../../../src/probe/probe-graph';
import { fixture } from '../../support/paths';
import { makeCertificates, startDns, startTls, type LocalDns, type Running } from './loopback-servers';
import { ZONE } from './zone';

let dns: LocalDns;
let tls: Running;
let ca: string;

before(async () => {
  const certs = await makeCertificates();
  ca = certs.caCert;
  [dns, tls] = await Promise.all([startDns(ZONE), startTls(certs.right)]);
});

after(async () => {
  await Promise.all([dns, tls].filter(Boolean).map((s) => s.close()));
});

test('every cache of the estate is probed with its own hostname and endpoint IP', async () => {
  const path = fixture('probe', 'estate.json');
  const estate = parseEstate(readFileSync(path, 'utf8'), path);
  const graph = PrivateLinkGraph.from(estateToGraph(estate.resources));
  const results = await probeCaches(graph, { dnsServers: [dns.server], connectAddress: '127.0.0.1', port: tls.port, ca, timeoutMs: 1500 });
  const verdicts = Object.fromEntries(results.map((r) => [r.cacheId.split('/').pop(), r.report?.verdict ?? r.error]));
  assert.deepEqual(verdicts, {
    cache1: 'reachable',
    stale1: 'stale-record',
    // The test certificate is for *.redis.cache.windows.net; DNS and TCP pass, the name check does not.
    amr1: 'tls-failed',
  });
  const amr = results.find((r) => r.cacheId.endsWith('/amr1'))!.report!;
  assert.equal(amr.dns.matchesEndpoint, true);

  const facts = probeFacts(results[0].report!);
  assert.equal(facts.verdict, 'reachable');
  assert.deepEqual(facts.cnameChain, ['cache1.redis.cache.windows.net -> cache1.privatelink.redis.cache.windows.net']);
  assert.deepEqual(facts.addresses, ['10.1.2.4 (private)']);
  assert.equal(facts.matchesEndpoint, true);
});

test('a cache whose hostname cannot be derived is reported, not thrown', async () => {
  const graph = PrivateLinkGraph.from(
    estateToGraph([{ id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Cache/redisEnterprise/nosku', type: 'Microsoft.Cache/redisEnterprise', name: 'nosku', location: 'westeurope' }]),
  );
  const [result] = await probeCaches(graph, { dnsServers: [dns.server] });
  assert.equal(result.report, null);
  assert.match(result.error ?? '', /SKU/);
});
