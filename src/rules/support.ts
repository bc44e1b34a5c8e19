// Small helpers rules share: spans, related locations, property paths, the cloud, references between nodes.

import type { PrivateLinkGraph } from '../graph/graph';
import { vnetIdOfSubnet } from '../graph/resource-id';
import type { CloudName, FileSpan, GraphNode, Origin } from '../graph/types';
import type { RelatedLocation, RuleSettings } from './types';

/** The span of a property value of a file-backed node, or undefined (live nodes, or the property is absent). */
export function propertySpan(node: { readonly origin: Origin }, path: string): FileSpan | undefined {
  return node.origin.kind === 'file' ? node.origin.properties[path] : undefined;
}

/** The span to underline for a finding about the whole resource: its name when known, else the declaration. */
export function headlineSpan(node: GraphNode): FileSpan | undefined {
  return propertySpan(node, 'name');
}

/**
 * A resource the design only references (Bicep `existing`): its properties and children live elsewhere, so
 * nothing about them may be concluded from their absence here.
 */
export function isExisting(node: { readonly origin: Origin }): boolean {
  return node.origin.kind === 'file' && node.origin.existing === true;
}

export function isFileNode(node: { readonly origin: Origin }): boolean {
  return node.origin.kind === 'file';
}

/** A related location pointing at a node (narrowed to a property value when its span is known). */
export function relatedTo(message: string, node: { readonly origin: Origin }, path?: string): RelatedLocation {
  const span = path ? propertySpan(node, path) : undefined;
  return span ? { message, origin: node.origin, span } : { message, origin: node.origin };
}

/**
 * The key a source used for a property. Sources agree on ARM paths (`properties.registrationEnabled`), but a
 * format of our own (YAML designs) may key it shorter; the last segment identifies it then.
 */
export function propertyPath(node: GraphNode, canonical: string): string {
  if (node.origin.kind !== 'file') return canonical;
  // A lookup first: listing every key makes a source build the spans of all of a node's properties.
  if (canonical in node.origin.properties) return canonical;
  const keys = Object.keys(node.origin.properties);
  if (keys.includes(canonical)) return canonical;
  const leaf = canonical.slice(canonical.lastIndexOf('.') + 1);
  const suffix = `.${leaf}`;
  const candidates = keys.filter((k) => k === leaf || k.endsWith(suffix)).sort((a, b) => a.length - b.length);
  return candidates[0] ?? canonical;
}

/**
 * True when the span holds exactly this string as a literal (bare or quoted), not an expression that evaluates to
 * it (`zone.id`, `resourceId(…)`): only a literal can be replaced by another literal without changing meaning.
 */
export function isLiteralAt(span: FileSpan | undefined, value: string): boolean {
  if (!span) return false;
  const length = span.range.end.offset - span.range.start.offset;
  return length === value.length || length === value.length + 2;
}

/**
 * The cloud a node is judged in: its file's (a YAML design's `cloud:`, else the nearest `.plreview.yaml`'s, set by
 * the source on the node's origin), else the estate's, else the configured default. Per node, so one file's cloud
 * never changes the verdict on another; a chain across files is judged by its endpoint's file.
 */
export function cloudOf(graph: PrivateLinkGraph, settings: RuleSettings, node: { readonly origin: Origin }): CloudName {
  if (node.origin.kind === 'file') return node.origin.cloud ?? settings.cloud;
  return graph.cloud ?? settings.cloud;
}

export function equalsIgnoreCase(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** `a, b and c` for messages. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The VNet an endpoint sits in, from its subnet (undefined when the subnet is unknown). */
export function endpointVnetId(graph: PrivateLinkGraph, subnetId: unknown): string | undefined {
  if (typeof subnetId !== 'string' || subnetId.length === 0) return undefined;
  return subnetOwners(graph).get(subnetId.toLowerCase()) ?? vnetIdOfSubnet(subnetId);
}

// graph.vnetIdOfSubnet scans every VNet; rules ask once per endpoint, so they share one index per graph.
const subnetOwnerCache = new WeakMap<PrivateLinkGraph, Map<string, string>>();

function subnetOwners(graph: PrivateLinkGraph): Map<string, string> {
  let owners = subnetOwnerCache.get(graph);
  if (!owners) {
    owners = new Map();
    for (const vnet of graph.vnets) for (const subnet of vnet.subnets) if (!owners.has(subnet.id.toLowerCase())) owners.set(subnet.id.toLowerCase(), vnet.id);
    subnetOwnerCache.set(graph, owners);
  }
  return owners;
}
