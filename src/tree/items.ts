// The plain items the estate tree shows. No vscode here: src/vscode wraps them in a TreeDataProvider
// (TreeItem label/description/tooltip as Markdown/contextValue/id and an icon chosen from `kind` and `status`).

import type { Finding } from '../rules/types';

export type TreeNodeKind =
  | 'subscription'
  | 'subscriptionFailed'
  | 'cache'
  | 'privateEndpoint'
  | 'zoneGroup'
  | 'dnsZone'
  | 'vnetLink'
  | 'aRecord'
  | 'missing'
  | 'finding'
  | 'orphanedEndpoints'
  | 'unlinkedZones'
  | 'message';

export type TreeStatus = 'ok' | 'warning' | 'error';

export interface TreeItemData {
  /** Stable across refreshes: the path of kinds and resource ids from the root. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly kind: TreeNodeKind;
  readonly status: TreeStatus;
  /** Markdown. */
  readonly tooltip: string;
  /**
   * Space-separated flags for `view/item/context` menus (`viewItem =~ /\bresource\b/`): the kind first, then
   * `resource` (copy id, open in portal), `findings` (show findings), `probe` (test connectivity: caches and
   * endpoints), `evidence` (export evidence for this scope), `retry` (failed subscriptions).
   */
  readonly contextValue: string;
  readonly resourceId?: string;
  /** The findings about this node itself (for a cache: its whole chain). */
  readonly findings: readonly Finding[];
  readonly collapsible: boolean;
  /** The Azure portal link of the resource, when it has one. */
  readonly portalUrl?: string;
}

export function worstStatus(findings: readonly Finding[]): TreeStatus {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return 'ok';
}

export function contextValueOf(kind: TreeNodeKind, flags: { resource?: boolean; findings?: boolean; probe?: boolean; evidence?: boolean; retry?: boolean }): string {
  return [kind, ...Object.entries(flags).filter(([, on]) => on).map(([flag]) => flag)].join(' ');
}
