// ARM JSON template → graph data. Resources become nodes with their origin spans; child resources declared
// nested or at the top level (zone groups, VNet links, A records, firewall rules, subnets) join their parent.

import type { Node as JsonNode } from 'jsonc-parser';
import { dirname, join, normalize } from 'node:path';
import type {
  ARecordNode,
  CloudName,
  CoverageEntry,
  CacheNode,
  CacheType,
  FileSpan,
  FirewallRule,
  GraphData,
  GraphNode,
  Maybe,
  Origin,
  PrivateEndpointNode,
  PrivateLinkConnection,
  SubnetInfo,
  VnetLinkNode,
  VnetNode,
  ZoneGroup,
} from '../../graph/types';
import { unknown } from '../../graph/types';
import { normaliseCacheType } from '../../catalog/lookup';
import type { DesignFile } from '../../lint/design-file';
import { isServiceTargetType, serviceTargetNode, type ArmResourceView } from '../arm-shape/target-node';
import { commentPrefixOf } from '../formats';
import { findSuppressions } from '../suppression-comments';
import { readTemplate, type LinkedTemplate, type TemplateResource } from './template';
import { propertyNode, type View } from './view';
import { symbolicUnknown } from './expression';
import { booleanOf, knownStrings, nullableStringOf, numberOf, stringArrayOf, stringOf, tagsOf } from './values';

const T = {
  privateEndpoints: 'microsoft.network/privateendpoints',
  zoneGroups: 'microsoft.network/privateendpoints/privatednszonegroups',
  zones: 'microsoft.network/privatednszones',
  links: 'microsoft.network/privatednszones/virtualnetworklinks',
  aRecords: 'microsoft.network/privatednszones/a',
  vnets: 'microsoft.network/virtualnetworks',
  subnets: 'microsoft.network/virtualnetworks/subnets',
  firewallRules: 'microsoft.cache/redis/firewallrules',
} as const;

/** Keys never descended into for property spans: child resources and deployment plumbing. */
const SKIPPED_KEYS = new Set(['resources', 'dependsOn', 'copy', 'condition']);

export function armToGraph(file: DesignFile, options: { readonly cloud?: CloudName } = {}): GraphData {
  const template = readTemplate(file.path, file.text, options.cloud);
  const nodes: GraphNode[] = [];
  const byId = new Map<string, GraphNode>();
  const zoneGroups: { parentId: string | undefined; group: ZoneGroup }[] = [];
  const firewallRules: { parentId: string | undefined; rule: FirewallRule }[] = [];
  const subnets: { parentId: string | undefined; subnet: SubnetInfo }[] = [];

  const originOf = (resource: TemplateResource): Origin => ({
    kind: 'file',
    format: 'arm',
    span: template.spanOf(resource.node),
    properties: propertySpans(resource.node, template.spanOf),
    propertiesObject: resource.view.get('properties')?.node?.type === 'object' ? resource.view.get('properties')?.span : undefined,
    inLoop: resource.inLoop || undefined,
    conditional: resource.conditional || undefined,
    existing: resource.existing || undefined,
    symbol: resource.symbol ?? symbolOf(resource),
    ...(options.cloud ? { cloud: options.cloud } : {}),
  });

  for (const resource of template.resources) {
    const type = resource.type.toLowerCase();
    const view = readable(resource);
    const origin = () => originOf(resource);
    const cacheType = normaliseCacheType(resource.type);
    let node: GraphNode | undefined;
    if (cacheType) node = cacheNode(resource, view, cacheType, origin());
    else if (type === T.privateEndpoints) node = endpointNode(resource, view, origin());
    else if (type === T.zones) node = { kind: 'dnsZone', id: resource.id, name: nameOf(resource), origin: origin(), tags: tagsOf(view.get('tags')) };
    else if (type === T.links) node = linkNode(resource, view, origin());
    else if (type === T.aRecords) node = aRecordNode(resource, view, origin());
    else if (type === T.vnets) node = vnetNode(resource, view, origin());
    else if (isServiceTargetType(type)) node = serviceTargetNode(armView(resource, view, origin()));
    else if (type === T.zoneGroups) zoneGroups.push({ parentId: resource.parentId, group: zoneGroupOf(resource, view, origin()) });
    else if (type === T.firewallRules) firewallRules.push({ parentId: resource.parentId, rule: firewallRuleOf(resource, view, origin()) });
    else if (type === T.subnets) {
      const name = nameOf(resource);
      if (typeof name === 'string') subnets.push({ parentId: resource.parentId, subnet: { id: resource.id, name } });
    }
    if (node) {
      nodes.push(node);
      if (!byId.has(node.id.toLowerCase())) byId.set(node.id.toLowerCase(), node);
    }
  }

  // Children declared apart from their parent (top-level `pe/default`, nested with a full type) join it here.
  const parentOf = (id: string | undefined) => (id ? byId.get(id.toLowerCase()) : undefined);
  for (const { parentId, group } of zoneGroups) {
    const parent = parentOf(parentId);
    if (parent?.kind === 'privateEndpoint' && Array.isArray(parent.zoneGroups)) (parent.zoneGroups as ZoneGroup[]).push(group);
  }
  for (const { parentId, rule } of firewallRules) {
    const parent = parentOf(parentId);
    if (parent?.kind === 'cache') (parent.firewallRules as FirewallRule[]).push(rule);
  }
  for (const { parentId, subnet } of subnets) {
    const parent = parentOf(parentId);
    if (parent?.kind === 'vnet' && !parent.subnets.some((s) => s.name.toLowerCase() === subnet.name.toLowerCase())) {
      (parent.subnets as SubnetInfo[]).push(subnet);
    }
  }

  return {
    nodes,
    problems: template.problems,
    coverage: [
      template.notRead.length > 0
        ? { scope: file.path, kind: 'file', status: 'partial', reason: template.notRead.join('; ') }
        : { scope: file.path, kind: 'file', status: 'read' },
      ...linkedTemplateGaps(file.path, template.linkedTemplates),
    ],
    suppressions: findSuppressions(file.path, file.text, commentPrefixOf('arm', file.path)),
  };
}

/**
 * An `existing` resource's properties are not in the template: every read answers Unknown.
 */
function readable(resource: TemplateResource): View {
  if (!resource.existing) return resource.view;
  const why = symbolicUnknown('an existing resource: its properties are not in this template', `existing:${resource.id}`);
  const opaque: View = { value: why, span: resource.view.span, get: () => opaque, items: () => [] };
  return opaque;
}

function nameOf(resource: TemplateResource): Maybe<string> {
  const last = resource.names[resource.names.length - 1];
  return typeof last === 'string' ? last : unknown(`the name of ${resource.type} is not known`);
}

function symbolOf(resource: TemplateResource): string | undefined {
  const name = nameOf(resource);
  return typeof name === 'string' ? name : undefined;
}

/** A template resource as the shared ARM-shape mapping reads it (src/sources/arm-shape/target-node.ts). */
function armView(resource: TemplateResource, view: View, origin: Origin): ArmResourceView {
  return {
    id: resource.id,
    type: resource.type,
    name: nameOf(resource),
    origin,
    apiVersion: resource.apiVersion,
    scalar: (path) => {
      let at: View | undefined = view;
      for (const key of path.split('.')) at = at?.get(key);
      if (!at) return undefined;
      const value = at.value;
      if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
      return stringOf(at);
    },
    tags: () => tagsOf(view.get('tags')),
  };
}

function cacheNode(resource: TemplateResource, view: View, type: CacheType, origin: Origin): CacheNode {
  const props = view.get('properties');
  // Azure Cache for Redis keeps its SKU under `properties.sku`; Redis Enterprise at the top level.
  const sku = (type === 'Microsoft.Cache/redis' ? props?.get('sku') : undefined) ?? view.get('sku');
  return {
    kind: 'cache',
    id: resource.id,
    name: nameOf(resource),
    origin,
    type,
    sku: stringOf(sku?.get('name')),
    skuFamily: type === 'Microsoft.Cache/redis' ? stringOf(sku?.get('family')) : undefined,
    capacity: numberOf(sku?.get('capacity')),
    location: stringOf(view.get('location')),
    tags: tagsOf(view.get('tags')),
    publicNetworkAccess: nullableStringOf(props?.get('publicNetworkAccess')),
    subnetId: stringOf(props?.get('subnetId')),
    shardCount: numberOf(props?.get('shardCount')),
    enableNonSslPort: booleanOf(props?.get('enableNonSslPort')),
    minimumTlsVersion: stringOf(props?.get('minimumTlsVersion')),
    firewallRules: [],
    apiVersion: resource.apiVersion,
  };
}

function endpointNode(resource: TemplateResource, view: View, origin: Origin): PrivateEndpointNode {
  const props = view.get('properties');
  const connections: PrivateLinkConnection[] = [];
  for (const [key, manual] of [['privateLinkServiceConnections', false], ['manualPrivateLinkServiceConnections', true]] as const) {
    props?.get(key)?.items().forEach((item, index) => {
      const connection = item.get('properties');
      connections.push({
        name: stringOf(item.get('name')),
        manual,
        targetId: stringOf(connection?.get('privateLinkServiceId')),
        groupIds: stringArrayOf(connection?.get('groupIds')),
        status: stringOf(connection?.get('privateLinkServiceConnectionState')?.get('status')),
        path: `properties.${key}[${index}].properties`,
      });
    });
  }
  return {
    kind: 'privateEndpoint',
    id: resource.id,
    name: nameOf(resource),
    origin,
    location: stringOf(view.get('location')),
    tags: tagsOf(view.get('tags')),
    subnetId: stringOf(props?.get('subnet')?.get('id')),
    connections,
    zoneGroups: resource.existing ? unknown('an existing endpoint: its zone groups are not in this template') : [],
    privateIps: knownStrings(props?.get('ipConfigurations')?.items().map((c) => c.get('properties')?.get('privateIPAddress')) ?? []),
    customDnsConfigs: props
      ?.get('customDnsConfigs')
      ?.items()
      .flatMap((c) => {
        const fqdn = stringOf(c.get('fqdn'));
        return typeof fqdn === 'string' ? [{ fqdn, ipAddresses: knownStrings(c.get('ipAddresses')?.items() ?? []) }] : [];
      }),
  };
}

function zoneGroupOf(resource: TemplateResource, view: View, origin: Origin): ZoneGroup {
  const configs =
    view
      .get('properties')
      ?.get('privateDnsZoneConfigs')
      ?.items()
      .map((config, index) => ({
        name: stringOf(config.get('name')),
        zoneId: stringOf(config.get('properties')?.get('privateDnsZoneId')),
        path: `properties.privateDnsZoneConfigs[${index}].properties.privateDnsZoneId`,
      })) ?? [];
  return { id: resource.id, name: nameOf(resource), configs, origin };
}

function linkNode(resource: TemplateResource, view: View, origin: Origin): VnetLinkNode {
  const props = view.get('properties');
  return {
    kind: 'vnetLink',
    id: resource.id,
    name: nameOf(resource),
    origin,
    zoneId: resource.parentId,
    vnetId: stringOf(props?.get('virtualNetwork')?.get('id')),
    registrationEnabled: booleanOf(props?.get('registrationEnabled')),
  };
}

function aRecordNode(resource: TemplateResource, view: View, origin: Origin): ARecordNode {
  return {
    kind: 'aRecord',
    id: resource.id,
    name: nameOf(resource),
    origin,
    zoneId: resource.parentId,
    recordName: nameOf(resource),
    ipv4Addresses: knownStrings(view.get('properties')?.get('aRecords')?.items().map((r) => r.get('ipv4Address')) ?? []),
  };
}

function vnetNode(resource: TemplateResource, view: View, origin: Origin): VnetNode {
  const props = view.get('properties');
  const subnets: SubnetInfo[] = [];
  for (const subnet of props?.get('subnets')?.items() ?? []) {
    const name = stringOf(subnet.get('name'));
    if (typeof name === 'string') subnets.push({ id: `${resource.id}/subnets/${name}`, name });
  }
  return {
    kind: 'vnet',
    id: resource.id,
    name: nameOf(resource),
    origin,
    location: stringOf(view.get('location')),
    subnets,
    dnsServers: knownStrings(props?.get('dhcpOptions')?.get('dnsServers')?.items() ?? []),
  };
}

function firewallRuleOf(resource: TemplateResource, view: View, origin: Origin): FirewallRule {
  const props = view.get('properties');
  return { name: nameOf(resource), startIP: stringOf(props?.get('startIP')), endIP: stringOf(props?.get('endIP')), origin };
}

/** Spans of every value under a resource object, keyed by dotted paths (`properties.groupIds[0]`). */
function propertySpans(node: JsonNode, spanOf: (node: JsonNode) => FileSpan): Record<string, FileSpan> {
  const spans: Record<string, FileSpan> = {};
  const walk = (value: JsonNode, path: string) => {
    if (path) spans[path] = spanOf(value);
    if (value.type === 'object') {
      for (const property of value.children ?? []) {
        const [key, child] = property.children ?? [];
        if (!key || !child) continue;
        const name = String(key.value);
        if (!path && SKIPPED_KEYS.has(name)) continue;
        // A property loop: its `input` is the one item standing for every iteration (see JsonView).
        if (path && name.toLowerCase() === 'copy' && child.type === 'array') {
          for (const loop of child.children ?? []) walkLoop(loop, path);
          continue;
        }
        walk(child, path ? `${path}.${name}` : name);
      }
    } else if (value.type === 'array') {
      (value.children ?? []).forEach((child, index) => walk(child, `${path}[${index}]`));
    }
  };
  const walkLoop = (loop: JsonNode, path: string) => {
    const name = propertyNode(loop, 'name')?.value;
    const input = propertyNode(loop, 'input');
    if (typeof name !== 'string' || !input) return;
    spans[`${path}.${name}`] = spanOf(loop);
    walk(input, `${path}.${name}[0]`);
  };
  walk(node, '');
  return spans;
}

/**
 * Linked templates are not read through the template that links them (its parameters are not passed on): each
 * `templateLink.relativePath` is a coverage gap at the path, which the ARM source drops when the linked file is
 * one of the design files (then analysed on its own, source.ts). A link whose path is an expression cannot be
 * matched to a file: it stays a gap on this template.
 */
function linkedTemplateGaps(path: string, links: readonly LinkedTemplate[]): CoverageEntry[] {
  return links.map((link) =>
    link.relativePath === undefined
      ? {
          scope: path,
          kind: 'file' as const,
          status: 'partial' as const,
          reason: 'a deployment links a template by a path that is an expression, so the linked template is not analysed',
          at: link.span,
        }
      : {
          scope: normalize(join(dirname(path), link.relativePath)),
          kind: 'file' as const,
          status: 'failed' as const,
          reason: `a deployment links the template '${link.relativePath}', which was not read: it is not one of the analysed design files (lint it too)`,
          at: link.span,
        },
  );
}
