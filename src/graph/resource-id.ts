// ARM resource ids: parse, normalise and compare. ARM treats types and names case-insensitively.

export interface ParsedResourceId {
  readonly subscriptionId?: string;
  readonly resourceGroup?: string;
  /** Full type with child segments, e.g. `Microsoft.Network/privateDnsZones/virtualNetworkLinks`. */
  readonly type: string;
  /** One name per type segment, e.g. `['privatelink.redis.cache.windows.net', 'link-hub']`. */
  readonly names: readonly string[];
}

/**
 * Parses `/subscriptions/{s}/resourceGroups/{g}/providers/{ns}/{type}/{name}[/{child}/{name}]…`.
 * Also accepts ids without subscription or group (`/providers/...`) as designs produce them.
 * Returns undefined for anything that is not a provider resource id.
 */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  const parts = id.split('/').filter((p) => p.length > 0);
  let subscriptionId: string | undefined;
  let resourceGroup: string | undefined;
  let i = 0;
  while (i < parts.length && parts[i].toLowerCase() !== 'providers') {
    const key = parts[i].toLowerCase();
    if (key === 'subscriptions') subscriptionId = parts[i + 1];
    else if (key === 'resourcegroups') resourceGroup = parts[i + 1];
    else return undefined;
    i += 2;
  }
  if (i >= parts.length) return undefined;
  const rest = parts.slice(i + 1);
  if (rest.length < 3 || rest.length % 2 === 0) return undefined;
  const namespace = rest[0];
  const typeSegments: string[] = [];
  const names: string[] = [];
  for (let j = 1; j < rest.length; j += 2) {
    typeSegments.push(rest[j]);
    names.push(rest[j + 1]);
  }
  return { subscriptionId, resourceGroup, type: [namespace, ...typeSegments].join('/'), names };
}

/** `type/name/child/name` lowercased: identifies a resource when subscription and group are not known. */
export function resourceKey(type: string, names: readonly string[]): string {
  const [namespace, ...segments] = type.split('/');
  const pieces = [namespace];
  segments.forEach((segment, index) => pieces.push(segment, names[index] ?? '?'));
  return pieces.join('/').toLowerCase();
}

export function resourceKeyOfId(id: string): string | undefined {
  const parsed = parseResourceId(id);
  return parsed ? resourceKey(parsed.type, parsed.names) : undefined;
}

/** Builds an id; unknown subscription or group are left out (`/providers/...`), as design ids may be. */
export function buildResourceId(
  type: string,
  names: readonly string[],
  scope: { subscriptionId?: string; resourceGroup?: string } = {},
): string {
  const [namespace, ...segments] = type.split('/');
  let id = '';
  if (scope.subscriptionId) id += `/subscriptions/${scope.subscriptionId}`;
  if (scope.resourceGroup) id += `/resourceGroups/${scope.resourceGroup}`;
  id += `/providers/${namespace}`;
  segments.forEach((segment, index) => (id += `/${segment}/${names[index]}`));
  return id;
}

export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The VNet id of a subnet id (`…/virtualNetworks/{v}/subnets/{s}` → `…/virtualNetworks/{v}`). */
export function vnetIdOfSubnet(subnetId: string): string | undefined {
  const match = /^(.*\/virtualNetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(subnetId);
  return match ? match[1] : undefined;
}

export function lastSegment(id: string): string {
  const parts = id.split('/').filter((p) => p.length > 0);
  return parts[parts.length - 1] ?? id;
}

export function subscriptionOf(id: string): string | undefined {
  return /^\/subscriptions\/([^/]+)/i.exec(id)?.[1];
}

/**
 * A synthetic id (`design:<file>#…`): a design names a resource whose name it does not state (a parameter without
 * default, a loop variable). It matches the same expression elsewhere in that file, and says nothing else.
 */
export function isSyntheticId(id: string): boolean {
  return id.startsWith('design:');
}
