import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { startEmulator, type RunningEmulator } from '../../../src/sources/live/emulator';
import { compileKql, KqlError } from '../../../src/sources/live/emulator/kql';
import { SAMPLE_ESTATE, SUBSCRIPTIONS } from './support';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

function call(emulator: RunningEmulator, method: string, path: string, options: { token?: string | null; body?: unknown } = {}): Promise<Reply> {
  const url = new URL(path, emulator.url);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? 'test'}`;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ca: emulator.ca }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : {} }));
    });
    req.on('error', reject);
    req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
  });
}

describe('the ARM emulator', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ estate: SAMPLE_ESTATE, pageSize: 2, faults: { forbiddenSubscriptions: [SUBSCRIPTIONS.datalake] } });
  });
  after(async () => emulator?.close());

  it('serves HTTPS on 127.0.0.1 with a CA file and refuses requests without a bearer token', async () => {
    assert.match(emulator.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const reply = await call(emulator, 'GET', '/subscriptions?api-version=2022-12-01', { token: null });
    assert.equal(reply.status, 401);
    assert.equal((reply.body.error as { code: string }).code, 'InvalidAuthenticationToken');
  });

  it('pages ARM lists with absolute https nextLinks that keep api-version', async () => {
    const path = `/subscriptions/${SUBSCRIPTIONS.insurer}/providers/Microsoft.Network/virtualNetworks?api-version=2024-05-01`;
    const first = await call(emulator, 'GET', path);
    assert.equal((first.body.value as unknown[]).length, 2);
    const next = String(first.body.nextLink);
    assert.ok(next.startsWith(`${emulator.url}/subscriptions/`), next);
    assert.match(next, /api-version=2024-05-01/);
    const second = await call(emulator, 'GET', next.slice(emulator.url.length));
    assert.deepEqual((second.body.value as { name: string }[]).map((v) => v.name), ['vnet-claims-batch']);
    assert.equal(second.body.nextLink, undefined);
  });

  it('lists children of a resource and answers GETs by id, 404 for the unknown', async () => {
    const zone = `/subscriptions/${SUBSCRIPTIONS.insurer}/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net`;
    const links = await call(emulator, 'GET', `${zone}/virtualNetworkLinks?api-version=2024-06-01`);
    assert.deepEqual((links.body.value as { name: string }[]).map((l) => l.name).sort(), ['link-vnet-claims-app', 'link-vnet-hub']);
    const records = await call(emulator, 'GET', `${zone}/A?api-version=2024-06-01`);
    assert.deepEqual((records.body.value as { name: string }[]).map((l) => l.name), ['redis-claims']);
    const one = await call(emulator, 'GET', `${zone}?api-version=2024-06-01`);
    assert.equal(one.body.name, 'privatelink.redis.cache.windows.net');
    const missing = await call(emulator, 'GET', `${zone}-nope?api-version=2024-06-01`);
    assert.equal(missing.status, 404);
    assert.ok(missing.headers['x-ms-request-id']);
  });

  it('refuses every write and listKeys with 405, and logs them', async () => {
    const cache = `/subscriptions/${SUBSCRIPTIONS.insurer}/resourceGroups/rg-claims/providers/Microsoft.Cache/Redis/redis-claims`;
    for (const [method, path] of [
      ['POST', `${cache}/listKeys?api-version=2024-11-01`],
      ['PUT', `${cache}?api-version=2024-11-01`],
      ['PATCH', `${cache}?api-version=2024-11-01`],
      ['DELETE', `${cache}?api-version=2024-11-01`],
    ]) {
      const reply = await call(emulator, method, path, method === 'DELETE' ? {} : { body: {} });
      assert.equal(reply.status, 405, `${method} ${path}`);
    }
    assert.deepEqual(
      emulator.requestLog.filter((r) => r.status === 405).map((r) => r.method),
      ['POST', 'PUT', 'PATCH', 'DELETE'],
    );
  });

  it('answers 403 AuthorizationFailed for a refused subscription, and Resource Graph silently skips it', async () => {
    const refused = await call(emulator, 'GET', `/subscriptions/${SUBSCRIPTIONS.datalake}/providers/Microsoft.Cache/redis?api-version=2024-11-01`);
    assert.equal(refused.status, 403);
    assert.equal((refused.body.error as { code: string }).code, 'AuthorizationFailed');
    const graph = await call(emulator, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
      body: { subscriptions: [SUBSCRIPTIONS.datalake, SUBSCRIPTIONS.trading], query: "resources | where type =~ 'microsoft.cache/redis' or type =~ 'microsoft.cache/redisenterprise' | project name" },
    });
    assert.equal(graph.status, 200);
    assert.deepEqual((graph.body.data as { name: string }[]).map((d) => d.name).sort(), ['amr-quotes-neu', 'amr-quotes-weu']);
  });

  it('pages Resource Graph with $skipToken and keeps zone groups out of its tables', async () => {
    const body = (skipToken?: string) => ({
      subscriptions: [SUBSCRIPTIONS.insurer],
      query: "resources | where type =~ 'microsoft.network/privatednszones/virtualnetworklinks' and id contains 'privatelink.redis' | order by id asc | project id",
      options: { $top: 3, ...(skipToken ? { $skipToken: skipToken } : {}) },
    });
    const first = await call(emulator, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', { body: body() });
    assert.equal(first.body.totalRecords, 4);
    assert.equal(first.body.count, 3);
    const second = await call(emulator, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', { body: body(String(first.body.$skipToken)) });
    assert.equal(second.body.count, 1);
    assert.equal(second.body.$skipToken, undefined);
    const groups = await call(emulator, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
      body: { query: "resources | where type =~ 'microsoft.network/privateendpoints/privatednszonegroups'" },
    });
    assert.deepEqual(groups.body.data, []);
    const records = await call(emulator, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
      body: { subscriptions: [SUBSCRIPTIONS.insurer], query: "dnsresources | where type =~ 'microsoft.network/privatednszones/a' | project name" },
    });
    assert.deepEqual((records.body.data as { name: string }[]).map((d) => d.name).sort(), ['kv-claims', 'redis-claims', 'redisent-policy-quotes.westeurope', 'stclaimsdocs']);
    // The targets query: catalogued types that list private endpoint connections (array_length, a number compare).
    const targets = await call(emulator, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
      body: {
        subscriptions: [SUBSCRIPTIONS.insurer],
        query: "resources | where type in~ ('microsoft.storage/storageaccounts', 'microsoft.keyvault/vaults') | where array_length(properties.privateEndpointConnections) > 0 | project name",
      },
    });
    assert.deepEqual((targets.body.data as { name: string }[]).map((d) => d.name).sort(), ['kv-claims', 'stclaimsdocs']);
    const none = await call(emulator, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
      body: { subscriptions: [SUBSCRIPTIONS.insurer], query: "resources | where array_length(properties.privateEndpointConnections) > 5 | project name" },
    });
    assert.deepEqual(none.body.data, []);
    const bad = await call(emulator, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', { body: { query: 'resources | summarize count() by type' } });
    assert.equal(bad.status, 400);
    assert.equal((bad.body.error as { code: string }).code, 'InvalidQuery');
  });
});

describe('the emulator KQL subset', () => {
  const rows = [
    { id: '/a', name: 'privatelink.redis.cache.windows.net', type: 'microsoft.network/privatednszones', properties: { n: 1, conns: [{ target: 'Microsoft.Cache/Redis/x' }] } },
    { id: '/b', name: 'privatelink.blob.core.windows.net', type: 'microsoft.network/privatednszones', properties: { n: 2 } },
    { id: '/c', name: 'redis-1', type: 'microsoft.cache/redis', properties: { n: 3 } },
  ];
  const run = (q: string) => compileKql(q).run(rows);

  it('filters with =~, in~, startswith, contains, and/or, not() and tostring() of dynamic values', () => {
    assert.deepEqual(run("resources | where type =~ 'Microsoft.Network/privateDnsZones'").map((r) => r.id), ['/a', '/b']);
    assert.deepEqual(run("resources | where type in~ ('MICROSOFT.CACHE/REDIS')").map((r) => r.id), ['/c']);
    assert.deepEqual(run("resources | where name startswith 'privatelink.' and name contains 'REDIS'").map((r) => r.id), ['/a']);
    assert.deepEqual(run("resources | where tostring(properties.conns) contains 'microsoft.cache/' or name == 'redis-1'").map((r) => r.id), ['/a', '/c']);
    assert.deepEqual(run("resources | where not(name startswith 'privatelink.')").map((r) => r.id), ['/c']);
    assert.deepEqual(run("resources | where type !in~ ('microsoft.cache/redis') | where isnotempty(properties.conns)").map((r) => r.id), ['/a']);
  });

  it('projects with aliases, orders and takes', () => {
    assert.deepEqual(run('resources | project id, n = properties.n | order by id desc | take 2'), [
      { id: '/c', n: 3 },
      { id: '/b', n: 2 },
    ]);
  });

  it('refuses what it does not implement instead of answering wrongly', () => {
    assert.throws(() => compileKql('resources | summarize count() by type'), KqlError);
    assert.throws(() => compileKql("resources | where name matches regex 'x'"), KqlError);
    assert.throws(() => compileKql("resources | where name == 'unterminated"), KqlError);
  });
});
