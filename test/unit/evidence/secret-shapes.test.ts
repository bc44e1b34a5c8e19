// Secrets never reach evidence: 28 credential shapes planted where free text reaches a bundle (tag values of
// allow-listed keys, tag keys, tags off the list, firewall-rule and connection names), exported through the real
// CLI. Not one secret part may appear in any bundle file (json, md, html, sarif, csv, SHA256SUMS) nor on the CLI's
// stdout or stderr. These shapes used to reach evidence.json through tags and free text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { BUNDLE_FILES } from '../../../src/evidence/bundle';
import { NOT_RECORDED, REDACTED, scrubText } from '../../../src/evidence/secrets';
import { memoryIo } from '../../support/cli';
import { readFolder, tempDir } from './support';

/** [shape, text as people paste it, the secret parts that must never appear]. */
const SHAPES: readonly [string, string, readonly string[]][] = [
  ['password="…"', 'db password="PoisonPassQuoted1" set', ['PoisonPassQuoted1']],
  ["pwd = '…'", "legacy pwd = 'PoisonPwdSpaced2' in use", ['PoisonPwdSpaced2']],
  ['URL-encoded sig%3D', 'https://acct.blob.core.windows.net/c?sv%3D2024%26sig%3DPoisonSigEncoded3%26se%3D2030', ['PoisonSigEncoded3']],
  ['JSON AccountKey', '{"AccountKey":"PoisonJsonAccountKey4"}', ['PoisonJsonAccountKey4']],
  ['Authorization: Basic', 'Authorization: Basic UG9pc29uQmFzaWM1OnBhc3M=', ['UG9pc29uQmFzaWM1OnBhc3M']],
  ['unpadded base64 key', 'key k3Y9PoisonNoPad6aBcDeFgH1jK2LmN3pQ4rS5tU6vW7 rotated', ['PoisonNoPad6', 'aBcDeFgH1jK2LmN3pQ4rS5tU6vW7']],
  ['unpadded base64 with slash', 'k3Y9PoisonSlash7aBcD/eFgH1jK2LmN3pQ4rS5tU6vW7xZ', ['PoisonSlash7', 'eFgH1jK2LmN3pQ4rS5tU6vW7xZ']],
  ['storage connection string', 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=PoisonAccountKey8;EndpointSuffix=core.windows.net', ['PoisonAccountKey8']],
  ['SharedAccessKey', 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=PoisonSharedKey9', ['PoisonSharedKey9']],
  ['SAS sig=', 'https://acct.blob.core.windows.net/c?sv=2024-05-04&ss=b&sig=PoisonSig10&se=2030', ['PoisonSig10']],
  ['Bearer opaque token', 'Authorization: Bearer PoisonBearerOpaque11abcdef', ['PoisonBearerOpaque11']],
  ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJQb2lzb24xMiJ9.PoisonJwt12Signature', ['eyJzdWIiOiJQb2lzb24xMiJ9', 'PoisonJwt12Signature']],
  ['URL user:password@', 'https://admin:PoisonUrlPass13@db.example.com/x', ['PoisonUrlPass13']],
  ['redis://:password@', 'redis://:PoisonRedisPass14@cache.example.com:6380', ['PoisonRedisPass14']],
  ['client_secret: (YAML)', 'client_secret: PoisonClientSecret15', ['PoisonClientSecret15']],
  ['x-api-key header', 'x-api-key: PoisonApiKey16', ['PoisonApiKey16']],
  ['PEM private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAPoisonPem17\n-----END RSA PRIVATE KEY-----', ['PoisonPem17', 'MIIEpAIBAAKCAQEA']],
  ['truncated PEM', 'key: -----BEGIN PRIVATE KEY----- MIIEvQIBADANPoisonPemCut18', ['PoisonPemCut18']],
  ['GitHub token', 'ghp_Poison19aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', ['ghp_Poison19']],
  ['AWS access key id', 'aws AKIAPOISON2000000000', ['AKIAPOISON2000000000']],
  ['Slack token', 'xoxb-Poison21-1234567890-abcdef', ['xoxb-Poison21']],
  ['hex key', 'hmac 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08']],
  ['JSON client_secret', '{"client_secret": "PoisonJsonClientSecret23"}', ['PoisonJsonClientSecret23']],
  ['SQL connection string', 'Server=tcp:x.database.windows.net;User ID=sa;Password=PoisonSqlPass24;', ['PoisonSqlPass24']],
  ['token= query parameter', 'https://x.example.com/api?token=PoisonQueryToken25&page=1', ['PoisonQueryToken25']],
  ['apikey:value', 'apikey:PoisonApiKeyNoSpace26', ['PoisonApiKeyNoSpace26']],
  ['quoted passphrase with spaces', 'passphrase = "Poison Phrase 27"', ['Poison Phrase 27']],
  ['Google API key', 'AIzaPoison28aaaaaaaaaaaaaaaaaaaaaaaaaaaaa', ['AIzaPoison28']],
];
const ALLOWED = ['owner', 'environment', 'costCenter', 'application', 'dataClassification'];
const SUB = '/subscriptions/55555555-5555-5555-5555-555555555555/resourceGroups/rg-s';

/** Caches whose allow-listed tags carry the shapes (their values are recorded, so only the redactor stands between). */
function poisonedEstate(): unknown[] {
  const resources: unknown[] = [];
  const perCache = ALLOWED.length;
  for (let c = 0; c * perCache < SHAPES.length; c++) {
    const tags: Record<string, string> = {};
    SHAPES.slice(c * perCache, (c + 1) * perCache).forEach(([, text], i) => (tags[ALLOWED[i]] = text));
    const id = `${SUB}/providers/Microsoft.Cache/Redis/cache-${c}`;
    resources.push({ id, name: `cache-${c}`, type: 'Microsoft.Cache/Redis', location: 'westeurope', sku: { name: 'Premium', family: 'P', capacity: 1 }, tags, properties: { publicNetworkAccess: 'Enabled' } });
  }
  const first = `${SUB}/providers/Microsoft.Cache/Redis/cache-0`;
  resources.push({
    id: `${SUB}/providers/Microsoft.Cache/Redis/cache-tags`,
    name: 'cache-tags',
    type: 'Microsoft.Cache/Redis',
    location: 'westeurope',
    // adminPassword2 names a secret: dropped; notes is off the allow-list: its value is not recorded
    tags: { OWNER: 'platform-team', adminPassword2: 'PoisonAdminPasswordTag29', notes: 'call PoisonNotRecorded30 first', 'AccountKey=PoisonTagKey31': 'x' },
    properties: { publicNetworkAccess: 'Disabled' },
  });
  // Names of things that are not resources in their own right: firewall rules, connections.
  resources.push({
    id: `${first}/firewallRules/sig=PoisonFirewallName32`,
    name: 'cache-0/sig=PoisonFirewallName32',
    type: 'Microsoft.Cache/Redis/firewallRules',
    properties: { startIP: '198.51.100.1', endIP: '198.51.100.1' },
  });
  resources.push({
    id: `${SUB}/providers/Microsoft.Network/privateEndpoints/pe-s`,
    name: 'pe-s',
    type: 'Microsoft.Network/privateEndpoints',
    location: 'westeurope',
    properties: {
      subnet: { id: `${SUB}/providers/Microsoft.Network/virtualNetworks/vnet-s/subnets/pe` },
      privateLinkServiceConnections: [
        { name: 'token=PoisonConnectionName33', properties: { privateLinkServiceId: first, groupIds: ['redisCache'], requestMessage: 'password=PoisonRequest34', privateLinkServiceConnectionState: { status: 'Approved', description: 'pwd=PoisonDescription35' } } },
      ],
    },
  });
  return resources;
}

const SECRETS = [
  ...SHAPES.flatMap(([, , parts]) => parts),
  'PoisonAdminPasswordTag29',
  'PoisonNotRecorded30',
  'PoisonTagKey31',
  'PoisonFirewallName32',
  'PoisonConnectionName33',
  'PoisonRequest34',
  'PoisonDescription35',
];

test('the planted estate carries at least 20 credential shapes (the test has teeth)', () => {
  assert.ok(SHAPES.length >= 20, String(SHAPES.length));
  assert.equal(new Set(SHAPES.map(([name]) => name)).size, SHAPES.length);
  for (const [name, text, parts] of SHAPES) for (const part of parts) assert.ok(text.includes(part), `${name}: ${part}`);
});

test('every shape is redacted by the redactor itself', () => {
  for (const [name, text, parts] of SHAPES) {
    const scrubbed = scrubText(text);
    assert.ok(scrubbed.includes(REDACTED), `${name}: ${scrubbed}`);
    for (const part of parts) assert.ok(!scrubbed.includes(part), `${name}: '${part}' survives in '${scrubbed}'`);
  }
});

test('no secret part reaches any bundle file, stdout or stderr of `plreview evidence`', async () => {
  for (const mask of [false, true]) {
    const dir = tempDir();
    writeFileSync(join(dir, 'estate.json'), JSON.stringify(poisonedEstate(), null, 2));
    const io = memoryIo(dir, { PLREVIEW_NOW: '2026-11-25T12:00:00Z' });
    const code = await main(['evidence', '--estate', 'estate.json', '--out', 'bundle', ...(mask ? ['--mask-subscription-ids'] : [])], io);
    assert.equal(code, 0, io.stderr());
    const files = readFolder(join(dir, 'bundle'));
    assert.deepEqual([...files.keys()].sort(), [...BUNDLE_FILES].sort());
    const outputs = new Map([...files, ['stdout', io.stdout()], ['stderr', io.stderr()]]);
    for (const [name, content] of outputs) {
      for (const secret of SECRETS) assert.ok(!content.toLowerCase().includes(secret.toLowerCase()), `${name} contains '${secret}'`);
    }
    const json = JSON.parse(files.get('evidence.json')!);
    const tagged = json.caches.find((c: { name: string }) => c.name === 'cache-tags');
    assert.deepEqual(tagged.tags, { OWNER: 'platform-team', notes: NOT_RECORDED, [`${REDACTED}`]: NOT_RECORDED }, 'allow-listed values kept, others not recorded');
  }
});

test('ordinary ids, names and messages are left alone', () => {
  for (const plain of [
    '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-trading/providers/Microsoft.Cache/Redis/cache-trading-weu',
    '/subscriptions/6a1d2f38-41c7-4b5e-9f0a-7c3e2b1d0a01/resourceGroups/rg-sql01/providers/Microsoft.Network/privateEndpoints/peSql01/privateDnsZoneGroups/dnsGroup2',
    '/subscriptions/6a1d2f38-41c7-4b5e-9f0a-7c3e2b1d0a01/resourceGroups/RG-NET/providers/Microsoft.Network/virtualNetworks/vnetHub01/subnets/snetPe02',
    "Group id 'redisCache' does not match amr-trading (Microsoft.Cache/redisEnterprise): use 'redisEnterprise'.",
    'Subscription Trading (6a1d2f38-41c7-4b5e-9f0a-7c3e2b1d0a01) was read only in part: 1 read failed (DNS zone groups of pe-a: Azure answered 500 InternalServerError after retries (request id 3f2a9c1e-0b6d-4c2f-9a7e-5d8b1c0e4f21)).',
    'privatelink.redisenterprise.cache.azure.net',
    'Minimum TLS version 1.0; set minimumTlsVersion to 1.2',
    'Basic tier caches cannot use Private Link',
    'Azure Cache for Redis Basic configuration',
    'pe-redis-claims-batch',
  ]) {
    assert.equal(scrubText(plain), plain);
  }
});

test('the redactor stays linear on long hostile strings', () => {
  // Each of these took quadratic time with an unanchored pattern; here they simply finish.
  for (const hostile of ['a'.repeat(200_000), 'password'.repeat(20_000), `${'x'.repeat(100_000)}://${'y'.repeat(100_000)}`, 'Bearer '.repeat(20_000)]) {
    assert.equal(typeof scrubText(hostile), 'string');
  }
});

test('.plreview.yaml evidenceTags chooses which tag values are recorded', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'estate.json'), JSON.stringify(poisonedEstate()));
  writeFileSync(join(dir, '.plreview.yaml'), 'evidenceTags: [notes]\n');
  const io = memoryIo(dir, { PLREVIEW_NOW: '2026-11-25T12:00:00Z' });
  assert.equal(await main(['evidence', '--estate', 'estate.json', '--out', 'bundle'], io), 0, io.stderr());
  const json = JSON.parse(readFolder(join(dir, 'bundle')).get('evidence.json')!);
  const tagged = json.caches.find((c: { name: string }) => c.name === 'cache-tags');
  assert.equal(tagged.tags.OWNER, NOT_RECORDED);
  assert.equal(tagged.tags.notes, 'call PoisonNotRecorded30 first', 'recorded when the project asks for it');
});

test('`plreview audit` of the same estate prints no secret part either, in any format', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'estate.json'), JSON.stringify(poisonedEstate()));
  for (const format of ['text', 'json', 'sarif']) {
    const io = memoryIo(dir);
    await main(['audit', '--estate', 'estate.json', '--format', format], io);
    assert.ok(io.stdout().length > 0, format);
    for (const secret of SECRETS) assert.ok(!`${io.stdout()}${io.stderr()}`.toLowerCase().includes(secret.toLowerCase()), `${format} prints '${secret}'`);
  }
});
