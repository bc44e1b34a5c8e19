// Labels, descriptions and Markdown tooltips of tree items.

import { productFamily, product } from '../catalog/lookup';
import type { CacheNode, PrivateEndpointNode, ServiceTargetNode } from '../graph/types';
import { serviceOfType } from '../catalog/targets';
import { isKnown } from '../graph/types';
import { lastSegment, parseResourceId, vnetIdOfSubnet } from '../graph/resource-id';
import type { Finding } from '../rules/types';

export function cacheKind(cache: CacheNode): string {
  const family = productFamily(cache.type, cache.sku);
  if (isKnown(family)) return product(family).displayName;
  return cache.type === 'Microsoft.Cache/redis' ? 'Azure Cache for Redis' : 'Redis Enterprise or Managed Redis';
}

// A sidebar shows about 40 characters of description: the facts a reviewer scans for come first and the
// description stops there (issue 14); the tooltip holds every fact.

/** Public access first (the reviewer's first question), then the SKU, which also tells the product apart. */
export function cacheDescription(cache: CacheNode): string {
  return [publicAccess(cache), isKnown(cache.sku) ? cache.sku : undefined].filter(Boolean).join(' · ');
}

/** Every fact of a cache, for its tooltip. */
export function cacheFacts(cache: CacheNode): string {
  const sku = isKnown(cache.sku) ? cache.sku : undefined;
  const pieces = [cacheKind(cache), sku, isKnown(cache.location) ? cache.location : undefined, publicAccess(cache)];
  return pieces.filter(Boolean).join(' · ');
}

function publicAccess(cache: CacheNode): string | undefined {
  const access = cache.publicNetworkAccess;
  return access === null ? 'public access not set' : isKnown(access) ? `public access ${access}` : undefined;
}

/** A target of another service: its public-access switch as read and the ACL that restricts it (the SKU is in the tooltip). */
export function targetDescription(target: ServiceTargetNode): string {
  return targetAccess(target) ?? (isKnown(target.sku) ? (target.sku ?? '') : '');
}

/** Every fact of a target, for its tooltip. */
export function targetFacts(target: ServiceTargetNode): string {
  const service = serviceOfType(target.type);
  const pieces = [service?.displayName ?? target.type, isKnown(target.sku) ? target.sku : undefined, isKnown(target.location) ? target.location : undefined, targetAccess(target)];
  return pieces.filter(Boolean).join(' · ');
}

function targetAccess(target: ServiceTargetNode): string | undefined {
  const access = target.publicAccess;
  const restriction = target.publicAccessRestriction;
  if (!isKnown(access) && !isKnown(restriction)) return undefined;
  const main = access === undefined || access === null ? 'public access not set' : isKnown(access) ? `public access ${String(access)}` : undefined;
  const acl = restriction === undefined || restriction === null || !isKnown(restriction) ? undefined : `ACL ${String(restriction)}`;
  return [main, acl].filter(Boolean).join(', ');
}

/** The connection state and group id: what decides whether the endpoint works. */
export function endpointDescription(endpoint: PrivateEndpointNode, connectionTo?: string): string {
  const { status, groupIds } = connectionOf(endpoint, connectionTo);
  return [status, groupIds].filter(Boolean).join(' · ');
}

/** Every fact of an endpoint (state, group id, subnet, addresses), for its tooltip. */
export function endpointFacts(endpoint: PrivateEndpointNode, connectionTo?: string): string {
  const { status, groupIds } = connectionOf(endpoint, connectionTo);
  const subnet = isKnown(endpoint.subnetId) ? subnetLabel(endpoint.subnetId) : undefined;
  return [status, groupIds, subnet, endpoint.privateIps.join(', ') || undefined].filter(Boolean).join(' · ');
}

function connectionOf(endpoint: PrivateEndpointNode, connectionTo?: string): { status?: string; groupIds?: string } {
  const connection = endpoint.connections.find((c) => !connectionTo || (isKnown(c.targetId) && c.targetId.toLowerCase() === connectionTo.toLowerCase())) ?? endpoint.connections[0];
  const status = connection && isKnown(connection.status) ? connection.status : undefined;
  const groupIds = connection && isKnown(connection.groupIds) ? connection.groupIds.filter(isKnown).join(',') : undefined;
  return { status, groupIds };
}

export function subnetLabel(subnetId: string): string {
  const vnet = vnetIdOfSubnet(subnetId);
  return vnet ? `${lastSegment(vnet)}/${lastSegment(subnetId)}` : lastSegment(subnetId);
}

export function nameOfId(id: string): string {
  const parsed = parseResourceId(id);
  return parsed ? parsed.names[parsed.names.length - 1] : lastSegment(id);
}

/** Markdown: bold title, a line of facts, the resource id as code, the findings as a list. */
export function tooltip(title: string, facts: string | undefined, resourceId: string | undefined, findings: readonly Finding[]): string {
  const parts = [`**${escapeMarkdown(title)}**`];
  if (facts) parts.push(escapeMarkdown(facts));
  if (resourceId) parts.push(`\`${resourceId}\``);
  if (findings.length > 0) parts.push(findings.map((f) => `- **${f.severity}** \`${f.ruleId}\`: ${escapeMarkdown(f.message)}`).join('\n'));
  else if (resourceId) parts.push('No findings.');
  return parts.join('\n\n');
}

export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

export function countLabel(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
