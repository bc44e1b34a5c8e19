// Every command, registered once through one table of factories (rust-analyzer's editors/code pattern): each
// factory receives the extension's context and returns the handler. package.json declares the same ids.
import * as vscode from 'vscode';
import type { DesignLanguageClient } from './language-client';
import type { EstateController } from './estate';
import type { EstateTree, EstateTreeNode } from './tree';
import { exportEvidence, type EvidenceRequest } from './evidence-command';
import { testConnectivity } from './probe-command';
import { readSettings } from './config';
import { signIn } from './auth';
import { errorMessage, type Log } from './log';
import { PORTAL_URLS } from '../catalog/services';

export interface Ctx {
  readonly log: Log;
  readonly estate: EstateController;
  readonly design: DesignLanguageClient;
  readonly tree: EstateTree;
}

type Handler = (...args: any[]) => unknown;
type Factory = (ctx: Ctx) => Handler;

export const COMMANDS: Readonly<Record<string, Factory>> = {
  'privateLinkReview.refresh': (ctx) => () => ctx.estate.refresh(),

  'privateLinkReview.signIn': (ctx) => async () => {
    try {
      const session = await signIn(readSettings());
      if (session) ctx.log.info(`signed in as ${session.account.label}`);
      await ctx.estate.refresh();
    } catch (error) {
      void vscode.window.showErrorMessage(`Sign-in failed: ${errorMessage(error)}`);
    }
  },

  'privateLinkReview.selectSubscriptions': (ctx) => async () => {
    try {
      const inventory = await ctx.estate.liveInventory();
      const all = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Listing subscriptions…' },
        () => inventory.listSubscriptions(),
      );
      const selected = new Set(readSettings().subscriptions.map((s) => s.toLowerCase()));
      const picked = await vscode.window.showQuickPick(
        all.map((s) => ({ label: s.displayName, description: s.id, id: s.id, picked: selected.size === 0 || selected.has(s.id.toLowerCase()) })),
        { canPickMany: true, title: 'Subscriptions to review', placeHolder: 'None selected means every subscription you can read' },
      );
      if (!picked) return;
      await ctx.estate.selectSubscriptions(picked.length === all.length ? [] : picked.map((p) => p.id));
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not list subscriptions: ${errorMessage(error)}`);
    }
  },

  'privateLinkReview.openEstateSnapshot': (ctx) => async (uri?: vscode.Uri) => {
    const file =
      uri ??
      (await vscode.window.showOpenDialog({ canSelectMany: false, canSelectFolders: false, filters: { 'Estate snapshot': ['json'] }, title: 'Open Estate Snapshot' }))?.[0];
    if (!file) return;
    await ctx.estate.openSnapshot(file.fsPath);
    await vscode.commands.executeCommand('privateLinkReview.estate.focus');
  },

  'privateLinkReview.lintWorkspace': (ctx) => async () => {
    const findings = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Linting design files', cancellable: true },
      async (_progress, token) => {
        const found = [];
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
          if (token.isCancellationRequested) break;
          found.push(...(await ctx.design.analyseFolder(folder)).findings);
        }
        return found;
      },
    );
    const errors = findings.filter((f) => f.severity === 'error').length;
    void vscode.window.showInformationMessage(`Private Link Review: ${findings.length} finding(s), ${errors} error(s) in the workspace's design files.`);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    return findings;
  },

  // From the view: a tree node (a subscription exports only that one). From automation: an EvidenceRequest.
  'privateLinkReview.exportEvidence': (ctx) => (arg?: EstateTreeNode | EvidenceRequest) =>
    exportEvidence(
      ctx.estate,
      ctx.design,
      ctx.log,
      arg && 'kind' in arg ? { subscriptionId: arg.kind === 'subscription' ? arg.subscriptionId : undefined } : { ...arg },
    ),

  'privateLinkReview.testConnectivity': (ctx) => (node?: EstateTreeNode) =>
    testConnectivity(ctx.estate, ctx.log, node?.kind === 'cache' || node?.kind === 'target' ? node.resourceId : undefined),

  'privateLinkReview.copyResourceId': () => async (node?: EstateTreeNode) => {
    if (!node?.resourceId) return;
    await vscode.env.clipboard.writeText(node.resourceId);
    void vscode.window.setStatusBarMessage(`Copied ${node.resourceId}`, 3000);
  },

  'privateLinkReview.openInPortal': () => async (node?: EstateTreeNode) => {
    if (!node?.resourceId) return;
    const portal = PORTAL_URLS[readSettings().cloud];
    await vscode.env.openExternal(vscode.Uri.parse(`${portal}/#resource${node.resourceId}/overview`));
  },

  'privateLinkReview.showFindings': (ctx) => async (node?: EstateTreeNode) => {
    if (node) await ctx.tree.reveal(node, { expandFindings: true });
  },

  'privateLinkReview.retrySubscription': (ctx) => (node?: EstateTreeNode) =>
    node?.kind === 'subscriptionFailed' && node.subscriptionId ? ctx.estate.retrySubscription(node.subscriptionId) : ctx.estate.refresh(),
};

export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, factory]) => vscode.commands.registerCommand(id, factory(ctx)));
}
