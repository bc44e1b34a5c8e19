// The plain items the estate tree shows. No vscode here: src/vscode/tree.ts maps them to TreeItems (label,
// description, Markdown tooltip, contextValue, id, collapsible state, and an icon chosen from `kind` and `status`).

import type { Finding } from '../rules/types';
import { escapeMarkdown } from './describe';

export type TreeNodeKind =
  | 'subscription'
  | 'subscriptionFailed'
  | 'cache'
  | 'serviceGroup'
  | 'target'
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
   * Space-separated words for `view/item/context` menus (`viewItem =~ /\bresource\b/`): the kind first, then
   * `resource` (copy id), `portal` (open in the Azure portal), `hasFindings` (show findings), `probe` (test
   * connectivity), `evidence` (export evidence for this scope), `retry` (failed subscriptions), then the status
   * when it is not ok.
   */
  readonly contextValue: string;
  readonly resourceId?: string;
  /** The subscription the item belongs to (failed subscriptions included). */
  readonly subscriptionId?: string;
  /** The findings about this node itself (for a cache: its whole chain). */
  readonly findings: readonly Finding[];
  readonly collapsible: boolean;
  /** Shown expanded the first time (subscriptions, zone groups): the chain reads top to bottom without clicks. */
  readonly expanded?: boolean;
  /** The Azure portal link of the resource, when it has one. */
  readonly portalUrl?: string;
}

export interface ContextFlags {
  resource?: boolean;
  portal?: boolean;
  hasFindings?: boolean;
  probe?: boolean;
  evidence?: boolean;
  retry?: boolean;
}

export function worstStatus(findings: readonly Finding[]): TreeStatus {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return 'ok';
}

export function contextValueOf(kind: TreeNodeKind, flags: ContextFlags, status: TreeStatus = 'ok'): string {
  const order: (keyof ContextFlags)[] = ['resource', 'portal', 'hasFindings', 'probe', 'evidence', 'retry'];
  return [kind, ...order.filter((flag) => flags[flag]), ...(status === 'ok' ? [] : [status])].join(' ');
}

/** A leaf saying something about its parent (a read that failed, an absence): no resource, no menu. */
export function messageItem(parentId: string | undefined, key: string, text: string, status: TreeStatus = 'ok'): TreeItemData {
  return {
    id: parentId ? `${parentId}/message:${key}` : `message:${key}`,
    label: text,
    kind: 'message',
    status,
    tooltip: escapeMarkdown(text),
    contextValue: contextValueOf('message', {}, status),
    findings: [],
    collapsible: false,
  };
}

/** The root node shown when the estate as a whole could not be loaded (sign-in works, the read failed). */
export function loadFailureItem(reason: string): TreeItemData {
  return {
    ...messageItem(undefined, 'load-failed', 'The estate could not be loaded', 'error'),
    id: 'load-failed',
    kind: 'subscriptionFailed',
    description: reason,
    tooltip: `**The estate could not be loaded**\n\n${escapeMarkdown(reason)}\n\nRetry (or Refresh) reads it again.`,
    contextValue: contextValueOf('subscriptionFailed', { retry: true }, 'error'),
  };
}
