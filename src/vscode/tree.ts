// The Private Link view: subscription → cache → private endpoint → DNS zone group → zone → VNet links, with the
// findings as child nodes, a node for each subscription that could not be read (with a retry action), and per
// subscription the orphaned endpoints and unlinked zones. Zone groups the first load did not read are fetched
// when their endpoint is expanded. Context values are composite (`cache resource portal hasFindings`) so menus
// match words with `viewItem =~ /\bword\b/`.
import * as vscode from 'vscode';
import { engine } from './engine-loader';
import { subscriptionOf, lastSegment, vnetIdOfSubnet } from '../graph/resource-id';
import { isKnown, isUnknown, type CacheNode, type DnsZoneNode, type Maybe, type PrivateEndpointNode, type ZoneGroup } from '../graph/types';
import { productFamily } from '../catalog/lookup';
import { displayFamily } from '../rules/chain';
import type { Finding, Severity } from '../rules/types';
import type { EstateController, LoadedEstate } from './estate';
import { errorMessage, noteAzureSdk, type Log } from './log';

export type NodeKind =
  | 'subscription'
  | 'subscriptionFailed'
  | 'cache'
  | 'endpoint'
  | 'zoneGroup'
  | 'zone'
  | 'vnetLink'
  | 'finding'
  | 'group'
  | 'message';

export interface EstateTreeNode {
  /** Stable and unique in the tree: the parent's id plus this node's kind and key. */
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly description?: string;
  readonly resourceId?: string;
  readonly subscriptionId?: string;
  /** The worst finding on the node (and, for caches, on their endpoints). */
  readonly status?: Severity;
  readonly findings: readonly Finding[];
  readonly parent?: EstateTreeNode;
  readonly tooltip?: vscode.MarkdownString;
  /** Children computed when the node is built (the rest are computed on expansion). */
  readonly children?: () => Promise<EstateTreeNode[]> | EstateTreeNode[];
  readonly expanded?: boolean;
}

const KIND_ICONS: Record<NodeKind, string> = {
  subscription: 'key',
  subscriptionFailed: 'error',
  cache: 'database',
  endpoint: 'plug',
  zoneGroup: 'group-by-ref-type',
  zone: 'globe',
  vnetLink: 'link',
  finding: 'warning',
  group: 'folder',
  message: 'info',
};

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

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
    const collapsible = node.children
      ? node.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = contextValue(node);
    item.iconPath = iconOf(node);
    const status = node.status ? `, ${node.status === 'info' ? 'information' : node.status}` : '';
    item.accessibilityInformation = { label: `${node.label}${node.description ? `, ${node.description}` : ''}${status}` };
    if (node.kind === 'subscriptionFailed') {
      item.command = { command: 'privateLinkReview.retrySubscription', title: 'Retry', arguments: [node] };
    }
    return item;
  }

  getParent(node: EstateTreeNode): EstateTreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: EstateTreeNode): Promise<EstateTreeNode[]> {
    if (!node) return this.roots();
    try {
      return (await node.children?.()) ?? [];
    } catch (error) {
      this.log.warn(`expanding ${node.label} failed: ${errorMessage(error)}`);
      return [messageNode(node, `Could not read the details: ${errorMessage(error)}`, 'error')];
    }
  }

  async reveal(node: EstateTreeNode, options: { expandFindings?: boolean } = {}): Promise<void> {
    await this.view.reveal(node, { select: true, focus: true, expand: options.expandFindings ? 1 : false });
  }

  private roots(): EstateTreeNode[] {
    if (!this.shown) {
      this.shown = true;
      this.log.info('the Private Link view was opened');
    }
    // The estate loads the first time the view asks for it (never at activation); the change event redraws.
    if (this.estate.state === 'idle') {
      void this.estate.refresh();
      return [];
    }
    const loaded = this.estate.estate;
    const state = this.estate.state;
    if (state === 'failed' && this.estate.failureMessage) {
      const failed: EstateTreeNode = {
        id: 'failed',
        kind: 'subscriptionFailed',
        label: 'The estate could not be loaded',
        description: this.estate.failureMessage,
        status: 'error',
        findings: [],
        tooltip: new vscode.MarkdownString().appendText(this.estate.failureMessage),
      };
      return loaded ? [failed, ...subscriptionNodes(loaded, this)] : [failed];
    }
    if (!loaded || state === 'signedOut' || state === 'noSubscriptions' || state === 'noCaches') return [];
    return subscriptionNodes(loaded, this);
  }

  /** Zone groups the load did not read: fetched on expansion through the estate's inventory port. */
  async zoneGroupsOf(loaded: LoadedEstate, endpoint: PrivateEndpointNode): Promise<readonly ZoneGroup[] | undefined> {
    if (!isUnknown(endpoint.zoneGroups)) return endpoint.zoneGroups;
    const port = this.estate.port;
    const raw = loaded.load.resources.find((r) => r.id.toLowerCase() === endpoint.id.toLowerCase());
    if (!port || !raw) return undefined;
    try {
      const groups = await port.zoneGroupsOf(endpoint.id);
      const converted = engine().estateToGraph([raw, ...groups]).nodes.find((n): n is PrivateEndpointNode => n.kind === 'privateEndpoint');
      return converted && !isUnknown(converted.zoneGroups) ? converted.zoneGroups : undefined;
    } finally {
      noteAzureSdk(this.log, 'the Private Link view read zone groups');
    }
  }
}

function subscriptionNodes(loaded: LoadedEstate, tree: EstateTree): EstateTreeNode[] {
  const names = new Map(loaded.subscriptions.map((s) => [s.id.toLowerCase(), s.displayName]));
  const nodes: EstateTreeNode[] = [];
  for (const entry of loaded.load.coverage) {
    if (entry.kind !== 'subscription') continue;
    const subscriptionId = entry.scope;
    const name = entry.displayName ?? names.get(subscriptionId.toLowerCase()) ?? subscriptionId;
    if (entry.status === 'failed') {
      nodes.push({
        id: `sub-failed:${subscriptionId}`,
        kind: 'subscriptionFailed',
        label: `${name}: could not be read`,
        description: entry.reason ?? 'failed',
        subscriptionId,
        status: 'error',
        findings: [],
        tooltip: new vscode.MarkdownString()
          .appendMarkdown(`**${escape(name)}** could not be read\n\n`)
          .appendText(entry.reason ?? 'failed')
          .appendMarkdown(`\n\nSubscription \`${subscriptionId}\`. Its caches are missing from this view and from evidence until it is read.`),
      });
      continue;
    }
    nodes.push(subscriptionNode(loaded, tree, subscriptionId, name));
  }
  return nodes.sort((a, b) => (a.kind === b.kind ? a.label.localeCompare(b.label) : a.kind === 'subscriptionFailed' ? 1 : -1));
}

function subscriptionNode(loaded: LoadedEstate, tree: EstateTree, subscriptionId: string, name: string): EstateTreeNode {
  const inSub = <T extends { id: string }>(n: T) => subscriptionOf(n.id)?.toLowerCase() === subscriptionId.toLowerCase();
  const { graph } = loaded;
  const caches = graph.caches.filter(inSub);
  const subFindings = loaded.findings.filter((f) => f.location.kind === 'resource' && f.location.subscriptionId?.toLowerCase() === subscriptionId.toLowerCase());
  const node: EstateTreeNode = {
    id: `sub:${subscriptionId}`,
    kind: 'subscription',
    label: name,
    description: `${caches.length} cache${caches.length === 1 ? '' : 's'}${countText(subFindings)}`,
    subscriptionId,
    resourceId: `/subscriptions/${subscriptionId}`,
    status: worst(subFindings),
    findings: subFindings,
    tooltip: tooltip(name, 'Subscription', `/subscriptions/${subscriptionId}`, subFindings),
    expanded: true,
    children: () => {
      const children = caches.map((cache) => cacheNode(loaded, tree, node, cache)).sort((a, b) => a.label.localeCompare(b.label));
      const targeted = new Set(caches.flatMap((c) => graph.endpointsOf(c)).map((e) => e.id));
      const orphans = graph.endpoints.filter(inSub).filter((e) => !targeted.has(e.id) && loaded.findings.some((f) => f.nodeId === e.id));
      if (orphans.length > 0) {
        children.push(groupNode(node, 'orphans', 'Orphaned endpoints', (g) => orphans.map((e) => endpointNode(loaded, tree, g, e))));
      }
      const unlinked = graph.zones.filter(inSub).filter((z) => loaded.findings.some((f) => f.nodeId === z.id && f.ruleId === 'dns-zone-unlinked'));
      if (unlinked.length > 0) {
        children.push(groupNode(node, 'unlinked', 'Unlinked zones', (g) => unlinked.map((z) => zoneNode(loaded, g, z))));
      }
      return children;
    },
  };
  return node;
}

function cacheNode(loaded: LoadedEstate, tree: EstateTree, parent: EstateTreeNode, cache: CacheNode): EstateTreeNode {
  const { graph } = loaded;
  const endpoints = graph.endpointsOf(cache);
  const own = findingsOf(loaded, cache.id);
  const endpointFindings = endpoints.flatMap((e) => findingsOf(loaded, e.id));
  const family = productFamily(cache.type, cache.sku);
  const kindText = isKnown(family) ? displayFamily(family) : cache.type;
  const name = text(cache.name, lastSegment(cache.id));
  const pna = cache.publicNetworkAccess;
  const details = [kindText, text(cache.sku), text(cache.location), `public access ${pna === null ? 'not set' : text(pna, 'not set')}`];
  const node: EstateTreeNode = {
    id: `${parent.id}/cache:${cache.id}`,
    kind: 'cache',
    label: name,
    description: details.filter((d) => d !== '').join(' · '),
    resourceId: cache.id,
    subscriptionId: parent.subscriptionId,
    status: worst([...own, ...endpointFindings]),
    findings: own,
    parent,
    tooltip: tooltip(name, kindText, cache.id, [...own, ...endpointFindings]),
    children: () => [
      ...findingNodes(node, own),
      ...endpoints.map((e) => endpointNode(loaded, tree, node, e)),
      ...(endpoints.length === 0 ? [messageNode(node, 'No private endpoint', 'info')] : []),
    ],
  };
  return node;
}

function endpointNode(loaded: LoadedEstate, tree: EstateTree, parent: EstateTreeNode, endpoint: PrivateEndpointNode): EstateTreeNode {
  const own = findingsOf(loaded, endpoint.id);
  const connection = endpoint.connections[0];
  const groupIds = connection && isKnown(connection.groupIds) ? connection.groupIds.filter(isKnown).join(', ') : '';
  const subnet = isKnown(endpoint.subnetId) ? endpoint.subnetId : undefined;
  const vnet = subnet ? vnetIdOfSubnet(subnet) : undefined;
  const where = subnet && vnet ? `${lastSegment(vnet)}/${lastSegment(subnet)}` : '';
  const state = connection ? text(connection.status) : '';
  const name = text(endpoint.name, lastSegment(endpoint.id));
  const node: EstateTreeNode = {
    id: `${parent.id}/pe:${endpoint.id}`,
    kind: 'endpoint',
    label: name,
    description: [state, groupIds, where, endpoint.privateIps.join(', ')].filter((d) => d !== '').join(' · '),
    resourceId: endpoint.id,
    subscriptionId: parent.subscriptionId,
    status: worst(own),
    findings: own,
    parent,
    tooltip: tooltip(name, `Private endpoint${connection?.manual ? ' (manual approval)' : ''}`, endpoint.id, own),
    children: async () => {
      const groups = await tree.zoneGroupsOf(loaded, endpoint);
      const groupNodes = groups === undefined ? [messageNode(node, 'DNS zone groups not read', 'info')] : groups.map((g) => zoneGroupNode(loaded, node, g));
      if (groups?.length === 0) groupNodes.push(messageNode(node, 'No DNS zone group', 'warning'));
      return [...findingNodes(node, own), ...groupNodes];
    },
  };
  return node;
}

function zoneGroupNode(loaded: LoadedEstate, parent: EstateTreeNode, group: ZoneGroup): EstateTreeNode {
  const own = findingsOf(loaded, group.id);
  const name = text(group.name, lastSegment(group.id));
  const node: EstateTreeNode = {
    id: `${parent.id}/zg:${group.id}`,
    kind: 'zoneGroup',
    label: name,
    description: 'DNS zone group',
    resourceId: group.id,
    subscriptionId: parent.subscriptionId,
    status: worst(own),
    findings: own,
    parent,
    tooltip: tooltip(name, 'DNS zone group', group.id, own),
    expanded: true,
    children: () => [
      ...findingNodes(node, own),
      ...group.configs.map((config) => {
        const zone = isKnown(config.zoneId) ? loaded.graph.resolveKind(config.zoneId, 'dnsZone') : undefined;
        if (zone) return zoneNode(loaded, node, zone);
        const zoneName = isKnown(config.zoneId) ? lastSegment(config.zoneId) : text(config.name, 'zone');
        return messageNode(node, `${zoneName} (not in the estate)`, 'info');
      }),
    ],
  };
  return node;
}

function zoneNode(loaded: LoadedEstate, parent: EstateTreeNode, zone: DnsZoneNode): EstateTreeNode {
  const own = findingsOf(loaded, zone.id);
  const links = loaded.graph.linksOf(zone);
  const name = text(zone.name, lastSegment(zone.id));
  const node: EstateTreeNode = {
    id: `${parent.id}/zone:${zone.id}`,
    kind: 'zone',
    label: name,
    description: zone.linksRead === false ? 'links not read' : `${links.length} VNet link${links.length === 1 ? '' : 's'}`,
    resourceId: zone.id,
    subscriptionId: parent.subscriptionId,
    status: worst(own),
    findings: own,
    parent,
    tooltip: tooltip(name, 'Private DNS zone', zone.id, own),
    children: () => [
      ...findingNodes(node, own),
      ...links.map((link): EstateTreeNode => {
        const linkFindings = findingsOf(loaded, link.id);
        const vnet = isKnown(link.vnetId) ? lastSegment(link.vnetId) : text(link.name, 'link');
        const registration = isKnown(link.registrationEnabled) ? (link.registrationEnabled ? 'auto-registration on' : 'resolution only') : '';
        const linkNode: EstateTreeNode = {
          id: `${node.id}/link:${link.id}`,
          kind: 'vnetLink',
          label: vnet,
          description: registration,
          resourceId: link.id,
          subscriptionId: parent.subscriptionId,
          status: worst(linkFindings),
          findings: linkFindings,
          parent: node,
          tooltip: tooltip(vnet, 'VNet link', link.id, linkFindings),
          children: linkFindings.length > 0 ? () => findingNodes(linkNode, linkFindings) : undefined,
        };
        return linkNode;
      }),
    ],
  };
  return node;
}

function groupNode(parent: EstateTreeNode, key: string, label: string, children: (group: EstateTreeNode) => EstateTreeNode[]): EstateTreeNode {
  const group: EstateTreeNode = {
    id: `${parent.id}/${key}`,
    kind: 'group',
    label,
    subscriptionId: parent.subscriptionId,
    findings: [],
    parent,
    children: () => children(group),
  };
  return group;
}

function findingNodes(parent: EstateTreeNode, findings: readonly Finding[]): EstateTreeNode[] {
  return findings.map((f, index) => ({
    id: `${parent.id}/finding:${f.ruleId}:${index}`,
    kind: 'finding' as const,
    label: f.message,
    description: f.ruleId,
    status: f.severity,
    findings: [f],
    parent,
    resourceId: parent.resourceId,
    tooltip: new vscode.MarkdownString().appendMarkdown(`**${f.severity}** \`${f.ruleId}\`\n\n`).appendText(f.message),
  }));
}

function messageNode(parent: EstateTreeNode, label: string, status?: Severity): EstateTreeNode {
  return { id: `${parent.id}/msg:${label}`, kind: 'message', label, status: status === 'info' ? undefined : status, findings: [], parent };
}

function findingsOf(loaded: LoadedEstate, nodeId: string): Finding[] {
  const id = nodeId.toLowerCase();
  return loaded.findings.filter((f) => f.nodeId.toLowerCase() === id);
}

function worst(findings: readonly Finding[]): Severity | undefined {
  let result: Severity | undefined;
  for (const f of findings) if (!result || SEVERITY_RANK[f.severity] > SEVERITY_RANK[result]) result = f.severity;
  return result;
}

function countText(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const parts = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''];
  const shown = parts.filter((p) => p !== '');
  return shown.length ? ` · ${shown.join(', ')}` : '';
}

export function contextValue(node: EstateTreeNode): string {
  const words: string[] = [node.kind];
  if (node.resourceId && node.kind !== 'finding') words.push('resource');
  if (node.resourceId && node.kind !== 'finding' && node.kind !== 'subscriptionFailed') words.push('portal');
  if (node.findings.length > 0 && node.kind !== 'finding') words.push('hasFindings');
  if (node.status) words.push(node.status);
  return words.join(' ');
}

function iconOf(node: EstateTreeNode): vscode.ThemeIcon {
  if (node.kind === 'finding' || node.kind === 'message') {
    const id = node.status === 'error' ? 'error' : node.status === 'warning' ? 'warning' : 'info';
    return new vscode.ThemeIcon(id, colorOf(node.status));
  }
  return new vscode.ThemeIcon(KIND_ICONS[node.kind], colorOf(node.status));
}

function colorOf(status: Severity | undefined): vscode.ThemeColor | undefined {
  if (status === 'error') return new vscode.ThemeColor('problemsErrorIcon.foreground');
  if (status === 'warning') return new vscode.ThemeColor('problemsWarningIcon.foreground');
  if (status === 'info') return new vscode.ThemeColor('problemsInfoIcon.foreground');
  return undefined;
}

function tooltip(name: string, kind: string, resourceId: string, findings: readonly Finding[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escape(name)}** · ${escape(kind)}\n\n`);
  md.appendMarkdown(`\`${resourceId.replace(/`/g, '')}\`\n\n`);
  if (findings.length === 0) md.appendMarkdown('No findings.');
  for (const f of findings) {
    md.appendMarkdown(`- ${f.severity === 'error' ? '$(error)' : f.severity === 'warning' ? '$(warning)' : '$(info)'} \`${f.ruleId}\` `);
    md.appendText(f.message);
    md.appendMarkdown('\n');
  }
  md.supportThemeIcons = true;
  return md;
}

function text(value: Maybe<string | null>, fallback = ''): string {
  return isKnown(value) && value !== null ? value : fallback;
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
