/** The id of a child resource's parent: `…/privateDnsZones/z/virtualNetworkLinks/l` → `…/privateDnsZones/z`. */
export function parentId(id: string): string {
  const parts = id.split('/');
  return parts.slice(0, Math.max(0, parts.length - 2)).join('/');
}
