import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { testApi, waitFor } from './helpers';
import type { EstateTreeNode } from '../../src/vscode/tree';

// The live tree against the local ARM emulator that test/integration/run.mjs starts (sample estate, the
// "Insurer Data Lake" subscription refusing with 403), through the real @azure/arm-* clients.
describe('the Private Link tree (live, local ARM emulator)', () => {
  before(async function () {
    const endpoint = vscode.workspace.getConfiguration('privateLinkReview').get<string>('armEndpoint');
    assert.ok(endpoint?.startsWith('https://127.0.0.1:'), `run.mjs must point armEndpoint at the emulator, got '${endpoint}'`);
    const api = await testApi();
    await api.ctx.estate.refresh();
    await waitFor('the live estate', () => (api.ctx.estate.state === 'ready' ? true : undefined), 30_000);
  });

  async function roots(): Promise<EstateTreeNode[]> {
    return (await testApi()).ctx.tree.getChildren();
  }

  it('shows the refusing subscription as a failed node with a retry action, and the others with their caches', async () => {
    const api = await testApi();
    const nodes = await roots();
    const failed = nodes.find((n) => n.kind === 'subscriptionFailed');
    assert.ok(failed, `no failed-subscription node among ${nodes.map((n) => n.label).join(', ')}`);
    assert.match(failed.label, /^Insurer Data Lake: could not be read$/);
    assert.match(String(failed.description), /403|refused/i);
    const item = api.ctx.tree.getTreeItem(failed);
    assert.match(String(item.contextValue), /\bsubscriptionFailed\b/);
    assert.equal(item.command?.command, 'privateLinkReview.retrySubscription');
    const read = nodes.filter((n) => n.kind === 'subscription').map((n) => n.label).sort();
    assert.deepEqual(read, ['Insurer Claims', 'Trading Platform (prod)', 'University Research Computing']);
  });

  it('marks redis-claims with an error once the details (zone groups, A records) are read', async () => {
    const api = await testApi();
    const cache = await waitFor(
      'redis-claims marked error',
      async () => {
        const caches = (await Promise.all((await roots()).filter((n) => n.kind === 'subscription').map((s) => api.ctx.tree.getChildren(s)))).flat();
        return caches.find((c) => c.label === 'redis-claims' && c.status === 'error');
      },
      20_000,
    );
    assert.match(String(api.ctx.tree.getTreeItem(cache).accessibilityInformation?.label), /, error$/);
  });

  it('loaded the Azure SDK for the live estate (and only now)', async () => {
    assert.equal((await testApi()).azureSdkLoaded(), true);
  });

  it('Retry reads the refusing subscription again: it stays a failed node, the others stay as they were', async () => {
    const before = await roots();
    const failed = before.find((n) => n.kind === 'subscriptionFailed')!;
    assert.equal(failed.subscriptionId, 'd4a6e8c0-3b5f-4a7d-8c9e-1f2a3b4c5d04');
    await vscode.commands.executeCommand('privateLinkReview.retrySubscription', failed);
    const again = await roots();
    assert.ok(again.some((n) => n.kind === 'subscriptionFailed' && n.label === failed.label));
    // The refusal's reason carries a new request id; the subscriptions that were read keep their nodes and counts.
    const shape = (nodes: EstateTreeNode[]) => nodes.map((n) => [n.id, n.kind === 'subscription' ? n.description : n.label]);
    assert.deepEqual(shape(again), shape(before));
  });
});
