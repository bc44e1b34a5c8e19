import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { join } from 'node:path';
import { EXTENSION_ID, testApi, waitFor } from './helpers';
import type { EstateTreeNode } from '../../src/vscode/tree';

describe('the Private Link tree (estate snapshot)', () => {
  const settings = () => vscode.workspace.getConfiguration('privateLinkReview');

  before(async () => {
    const api = await testApi();
    const estate = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'examples', 'estate');
    await settings().update('estateFile', estate, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('privateLinkReview.estate.focus');
    await waitFor('the snapshot to load', () => (api.ctx.estate.state === 'ready' ? true : undefined), 20_000);
  });

  after(async () => {
    await settings().update('estateFile', undefined, vscode.ConfigurationTarget.Global);
  });

  async function children(node?: EstateTreeNode): Promise<EstateTreeNode[]> {
    return (await testApi()).ctx.tree.getChildren(node);
  }

  it('lists the subscriptions of the snapshot with their cache counts', async () => {
    const roots = await children();
    const labels = roots.map((n) => n.label);
    assert.ok(labels.includes('Trading Platform (prod)'), `subscriptions: ${labels.join(', ')}`);
    assert.ok(labels.includes('University Research Computing'));
    const trading = roots.find((n) => n.label === 'Trading Platform (prod)')!;
    const item = (await testApi()).ctx.tree.getTreeItem(trading);
    assert.match(String(item.contextValue), /\bsubscription\b/);
    assert.match(String(item.description), /^\d+ caches?/);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
  });

  it('shows caches with composite context values, and marks the broken ones with their findings', async () => {
    const api = await testApi();
    const caches = (await Promise.all((await children()).map((s) => children(s)))).flat().filter((n) => n.kind === 'cache');
    assert.ok(caches.length >= 3, `expected the sample's caches, got ${caches.length}`);
    for (const cache of caches) {
      const item = api.ctx.tree.getTreeItem(cache);
      assert.match(String(item.contextValue), /^cache resource portal\b/);
      assert.ok(item.tooltip instanceof vscode.MarkdownString && item.tooltip.value.includes(cache.resourceId!.split('/').pop()!));
    }
    const broken = caches.filter((c) => c.status === 'error' || c.status === 'warning');
    assert.ok(broken.length > 0, 'the sample estate has broken caches; none is marked');
    // A cache's findings are its whole chain (status, tooltip); its own ones are child nodes with their rule id.
    const ownOf = (c: EstateTreeNode) => c.findings.filter((f) => f.nodeId.toLowerCase() === c.resourceId!.toLowerCase());
    const withOwn = caches.find((c) => ownOf(c).length > 0);
    assert.ok(withOwn, 'expected a cache with findings of its own');
    assert.match(String(api.ctx.tree.getTreeItem(withOwn).contextValue), /\bhasFindings\b/);
    const findingChildren = (await children(withOwn)).filter((n) => n.kind === 'finding');
    assert.deepEqual(findingChildren.map((n) => n.description).sort(), ownOf(withOwn).map((f) => f.ruleId).sort());
    assert.deepEqual(findingChildren.map((n) => n.label).sort(), ownOf(withOwn).map((f) => f.message).sort());
  });

  it('goes down to endpoints, zone groups, zones and VNet links', async () => {
    const caches = (await Promise.all((await children()).map((s) => children(s)))).flat().filter((n) => n.kind === 'cache');
    const endpoints = (await Promise.all(caches.map((c) => children(c)))).flat().filter((n) => n.kind === 'privateEndpoint');
    assert.ok(endpoints.length > 0, 'no private endpoint under any cache');
    const groups = (await Promise.all(endpoints.map((e) => children(e)))).flat().filter((n) => n.kind === 'zoneGroup');
    assert.ok(groups.length > 0, 'no DNS zone group under any endpoint');
    const zones = (await Promise.all(groups.map((g) => children(g)))).flat().filter((n) => n.kind === 'dnsZone');
    assert.ok(zones.some((z) => z.label.startsWith('privatelink.')), `zones: ${zones.map((z) => z.label).join(', ')}`);
    const links = (await Promise.all(zones.map((z) => children(z)))).flat().filter((n) => n.kind === 'vnetLink');
    assert.ok(links.length > 0, 'no VNet link under any zone');
  });

  it('reading a snapshot does not load the Azure SDK', async () => {
    assert.equal((await testApi()).azureSdkLoaded(), false);
  });
});
