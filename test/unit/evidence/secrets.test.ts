// Nothing secret: a poisoned estate (access keys, connection strings, SAS tokens, passwords, JWTs in properties,
// tags and a firewall rule's name) exports without a single one of those values in any bundle file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeBundle } from '../../../src/evidence/bundle';
import { isSecretKey, NOT_RECORDED, REDACTED, scrubText } from '../../../src/evidence/secrets';
import { fixture } from '../../support/paths';
import { estateModel, readFolder, tempDir } from './support';

/** Every distinctive secret value planted in poisoned-estate.json (each contains "Poison"). */
function plantedSecrets(): string[] {
  const text = readFileSync(fixture('evidence', 'poisoned-estate.json'), 'utf8');
  const values = [...text.matchAll(/Poison[A-Za-z0-9]+/g)].map((m) => m[0]);
  return [...new Set(values)];
}

test('the poisoned estate plants at least a dozen distinct secrets (the test has teeth)', () => {
  assert.ok(plantedSecrets().length >= 12, plantedSecrets().join(', '));
});

test('no planted secret appears in any file of the bundle, masked or not', async () => {
  for (const mask of [false, true]) {
    const out = join(tempDir(), 'bundle');
    await writeBundle(estateModel({ file: 'poisoned-estate.json', mask }), out);
    const files = readFolder(out);
    assert.equal(files.size, 6);
    for (const [name, content] of files) {
      for (const secret of plantedSecrets()) {
        assert.ok(!content.toLowerCase().includes(secret.toLowerCase()), `${name} contains '${secret}'`);
      }
      for (const key of ['accessKeys', 'primaryKey', 'secondaryKey', 'connectionString', 'sasToken', 'sharedAccessKey', 'requestMessage']) {
        assert.ok(!content.includes(`"${key}"`), `${name} has a '${key}' field`);
      }
    }
  }
});

test('what is not secret still arrives: the cache, its allow-listed tag, its firewall rules (names redacted)', () => {
  const model = estateModel({ file: 'poisoned-estate.json' });
  const cache = model.caches[0];
  assert.equal(cache.name, 'cache-poison');
  // owner is on the allow-list; the other tags keep their key, not their value; secret-named keys are left out
  assert.deepEqual(cache.tags, { note: NOT_RECORDED, owner: 'platform', backup: NOT_RECORDED, deploy: NOT_RECORDED });
  assert.deepEqual(
    cache.firewallRules.map((r) => [r.name, r.startIP]),
    [
      [REDACTED, '198.51.100.1'],
      [REDACTED, '198.51.100.2'],
    ],
  );
  assert.equal('tags' in model.endpoints[0], false, 'endpoint tags are not part of the evidence');
});

test('secret-shaped text is redacted; ordinary ids, names and messages are not', () => {
  for (const secret of [
    'Endpoint=sb://x/;SharedAccessKey=abc123',
    'a.redis.cache.windows.net:6380,password=hunter2,ssl=True',
    'https://acct.blob.core.windows.net/c?sv=2024&sig=abcDEF%2B',
    'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl',
    'k: YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0NTY3ODkw==',
  ]) {
    assert.ok(scrubText(secret).includes(REDACTED), secret);
  }
  for (const plain of [
    '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-trading/providers/Microsoft.Cache/Redis/cache-trading-weu',
    "Group id 'redisCache' does not match amr-trading (Microsoft.Cache/redisEnterprise): use 'redisEnterprise'.",
    'privatelink.redisenterprise.cache.azure.net',
    'Minimum TLS version 1.0; set minimumTlsVersion to 1.2',
  ]) {
    assert.equal(scrubText(plain), plain);
  }
  assert.ok(isSecretKey('connectionString') && isSecretKey('SAS') && isSecretKey('db-password') && isSecretKey('primary_key'));
  assert.ok(isSecretKey('adminPassword2') && isSecretKey('ClientSecret') && isSecretKey('storage_key_1'));
  assert.ok(!isSecretKey('owner') && !isSecretKey('costCenter') && !isSecretKey('keyvault-name'));
});
