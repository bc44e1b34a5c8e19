// The cloud that receives the user's token is the user's choice (--cloud, PLREVIEW_CLOUD, the Azure CLI's active
// cloud), never a cloned repository's `.plreview.yaml`. Checked through the real SDK: an HTTPS proxy on 127.0.0.1
// records which host each CONNECT asks for and refuses it, so no token ever leaves the machine.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { azureCliActiveCloud, userCloud } from '../../../src/sources/live/user-cloud';
import { memoryIo } from '../../support/cli';
import { tempDir } from '../evidence/support';

function azConfig(cloud: string | undefined): string {
  const dir = tempDir('plreview-az-');
  if (cloud) writeFileSync(join(dir, 'config'), `[core]\noutput = json\n\n[cloud]\nname = ${cloud}\n\n[defaults]\nname = other\n`);
  return dir;
}

describe('the cloud a token is sent to', () => {
  let proxy: Server;
  const connects: string[] = [];
  before(async () => {
    proxy = createServer((_req, res) => res.writeHead(403).end());
    proxy.on('connect', (req, socket) => {
      connects.push(String(req.url));
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
    const address = proxy.address();
    if (!address || typeof address === 'string') throw new Error('no proxy address');
    // Read by the SDK's proxy policy when the clients are made (in this test process only).
    process.env.HTTPS_PROXY = `http://127.0.0.1:${address.port}`;
    delete process.env.NO_PROXY;
    delete process.env.no_proxy;
  });
  after(() => new Promise<void>((done) => proxy.close(() => done())));

  it("a repository's `cloud:` does not choose where PLREVIEW_ACCESS_TOKEN goes", async () => {
    const repo = tempDir('plreview-repo-');
    writeFileSync(join(repo, '.plreview.yaml'), 'cloud: AzureChinaCloud\n');
    connects.length = 0;
    const io = memoryIo(repo, { PLREVIEW_ACCESS_TOKEN: 'token-of-the-user', AZURE_CONFIG_DIR: azConfig(undefined) });
    const code = await main(['audit'], io);
    assert.notEqual(code, 0);
    assert.deepEqual([...new Set(connects)], ['management.azure.com:443']);
    assert.match(io.stderr(), /reading AzureCloud; the configuration's 'cloud: AzureChinaCloud' applies to designs only/);
  });

  it('the Azure CLI active cloud, PLREVIEW_CLOUD and --cloud choose it, in that rising order', async () => {
    const repo = tempDir('plreview-repo-');
    const cases: [Record<string, string>, string[], string][] = [
      [{ AZURE_CONFIG_DIR: azConfig('AzureUSGovernment') }, [], 'management.usgovcloudapi.net:443'],
      [{ AZURE_CONFIG_DIR: azConfig('AzureUSGovernment'), PLREVIEW_CLOUD: 'AzureChinaCloud' }, [], 'management.chinacloudapi.cn:443'],
      [{ AZURE_CONFIG_DIR: azConfig('AzureUSGovernment'), PLREVIEW_CLOUD: 'AzureChinaCloud' }, ['--cloud', 'AzureCloud'], 'management.azure.com:443'],
    ];
    for (const [env, flags, host] of cases) {
      connects.length = 0;
      await main(['audit', ...flags], memoryIo(repo, { PLREVIEW_ACCESS_TOKEN: 't', ...env }));
      assert.deepEqual([...new Set(connects)], [host], JSON.stringify(env) + flags.join(' '));
    }
  });

  it('an Azure CLI cloud plreview does not know (az cloud register) is refused before anything is sent', async () => {
    connects.length = 0;
    const io = memoryIo(tempDir(), { PLREVIEW_ACCESS_TOKEN: 't', AZURE_CONFIG_DIR: azConfig('ContosoStack') });
    assert.equal(await main(['audit'], io), 2);
    assert.match(io.stderr(), /active cloud 'ContosoStack' is not one of/);
    assert.deepEqual(connects, []);
  });
});

it('reads the [cloud] section of the Azure CLI config, not another section', () => {
  assert.equal(azureCliActiveCloud({ AZURE_CONFIG_DIR: azConfig('AzureChinaCloud') }), 'AzureChinaCloud');
  assert.equal(azureCliActiveCloud({ AZURE_CONFIG_DIR: azConfig(undefined) }), undefined);
  const dir = tempDir();
  mkdirSync(join(dir, '.azure'));
  writeFileSync(join(dir, '.azure', 'config'), '[defaults]\nname = AzureChinaCloud\n');
  assert.equal(azureCliActiveCloud({ HOME: dir }), undefined);
  assert.deepEqual(userCloud(undefined, { HOME: dir }), { cloud: 'AzureCloud', from: 'the default' });
  assert.throws(() => userCloud(undefined, { PLREVIEW_CLOUD: 'Mars' }), /PLREVIEW_CLOUD must be one of/);
});
