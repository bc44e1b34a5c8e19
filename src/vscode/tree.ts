// The Private Link view: a thin TreeDataProvider over the pure estate tree model (src/tree). The model decides
// the nodes, labels, descriptions, statuses, Markdown tooltips, context values and lazy reads; this file maps its
// plain items to TreeItems (icon, colour, collapsible state, the retry command) and redraws on the model's changes.
import * as vscode from 'vscode';
import { engine } from './engine-loader';
import type { TreeItemData, TreeNodeKind, TreeStatus } from '../tree/items';
import type { EstateController } from './estate';
import { errorMessage, noteAzureSdk, type Log } from './log';

/** A node of the view: the model's item as is, so commands get its kind, resource id and subscription id. */
export type EstateTreeNode = TreeItemData;

const KIND_ICONS: Record<TreeNodeKind, string> = {
  subscription: 'key',
  subscriptionFailed: 'error',
  cache: 'database',
  serviceGroup: 'library',
  target: 'server-environment',
  privateEndpoint: 'plug',
  zoneGroup: 'group-by-ref-type',
  dnsZone: 'globe',
  vnetLink: 'link',
  aRecord: 'symbol-constant',
  missing: 'circle-slash',
  finding: 'warning',
  orphanedEndpoints: 'debug-disconnect',
  unlinkedZones: 'folder',
  message: 'info',
};

export class EstateTree implements vscode.TreeDataProvider<EstateTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EstateTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<EstateTreeNode>;
  private shown = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly estate: EstateController,
    private readonly log: Log,
  ) {
    this.view = vscode.window.createTreeView('privateLinkReview.estate', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(this.view, this.changed, estate.onDidChange(() => this.changed.fire(undefined)));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Whether the view has been opened (settings changes reload the estate only then). */
  get hasBeenShown(): boolean {
    return this.shown;
  }

  getTreeItem(node: EstateTreeNode): vscode.TreeItem {
    const collapsible = !node.collapsible
      ? vscode.TreeItemCollapsibleState.None
      : node.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = new vscode.MarkdownString(node.tooltip);
    item.contextValue = node.contextValue;
    item.iconPath = iconOf(node);
    const status = node.status === 'ok' ? '' : `, ${node.status}`;
    item.accessibilityInformation = { label: `${node.label}${node.description ? `, ${node.description}` : ''}${status}` };
    if (node.kind === 'subscriptionFailed') {
      item.command = { command: 'privateLinkReview.retrySubscription', title: 'Retry', arguments: [node] };
    }
    return item;
  }

  getParent(node: EstateTreeNode): EstateTreeNode | undefined {
    return this.estate.tree?.getParent(node);
  }

  async getChildren(node?: EstateTreeNode): Promise<EstateTreeNode[]> {
    if (!node) return this.roots();
    const model = this.estate.tree;
    if (!model) return [];
    try {
      return await model.getChildren(node);
    } catch (error) {
      this.log.warn(`expanding ${node.label} failed: ${errorMessage(error)}`);
      return [engine().messageItem(node.id, 'expand-failed', `Could not read the details: ${errorMessage(error)}`, 'error')];
    } finally {
      noteAzureSdk(this.log, `the Private Link view expanded ${node.label}`);
    }
  }

  async reveal(node: EstateTreeNode, options: { expandFindings?: boolean } = {}): Promise<void> {
    await this.view.reveal(node, { select: true, focus: true, expand: options.expandFindings ? 1 : false });
  }

  private async roots(): Promise<EstateTreeNode[]> {
    if (!this.shown) {
      this.shown = true;
      this.log.info('the Private Link view was opened');
    }
    // The estate loads the first time the view asks for it (never at activation); the change event redraws.
    const state = this.estate.state;
    if (state === 'idle') {
      void this.estate.refresh();
      return [];
    }
    if (state === 'signedOut' || state === 'noSubscriptions' || state === 'noCaches') return [];
    const failure = state === 'failed' && this.estate.failureMessage ? [engine().loadFailureItem(this.estate.failureMessage)] : [];
    const model = this.estate.tree;
    return [...failure, ...(model ? await model.getChildren() : [])];
  }
}

function iconOf(node: EstateTreeNode): vscode.ThemeIcon {
  const color = colorOf(node.status);
  if (node.kind === 'finding' || node.kind === 'message') {
    return new vscode.ThemeIcon(node.status === 'error' ? 'error' : node.status === 'warning' ? 'warning' : 'info', color);
  }
  return new vscode.ThemeIcon(KIND_ICONS[node.kind], color);
}

function colorOf(status: TreeStatus): vscode.ThemeColor | undefined {
  if (status === 'error') return new vscode.ThemeColor('problemsErrorIcon.foreground');
  if (status === 'warning') return new vscode.ThemeColor('problemsWarningIcon.foreground');
  return undefined;
}
