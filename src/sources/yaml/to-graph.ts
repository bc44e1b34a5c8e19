// YAML design (`privateLinkDesign: v1`) → graph data. Names and full resource ids both work as references;
// names of caches declared in other design files of the workspace resolve through `findCache`.

import { Document, isMap, isSeq, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import { CLOUDS } from '../../catalog/services';
import { normaliseCacheType } from '../../catalog/lookup';
import { serviceOfType } from '../../catalog/targets';
import { serviceTargetNode } from '../arm-shape/target-node';
import { buildResourceId, parseResourceId } from '../../graph/resource-id';
import type {
  CacheNode,
  ClientNode,
  CloudName,
  FileSpan,
  FirewallRule,
  GraphData,
  GraphNode,
  Maybe,
  NodeKind,
  Origin,
  PrivateEndpointNode,
  ServiceTargetNode,
  SourceProblem,
  VnetLinkNode,
  VnetNode,
  ZoneGroup,
} from '../../graph/types';
import { unknown } from '../../graph/types';
import type { DesignFile } from '../../lint/design-file';
import { LineIndex } from '../line-index';
import { commentPrefixOf } from '../formats';
import { MAX_NESTING, yamlNestingLimitExceeded } from '../nesting';
import { MAX_SYNTAX_ERRORS, moreSyntaxErrors } from '../syntax-errors';
import { findSuppressions } from '../suppression-comments';
import { validateDesign } from './design-schema';
import { withDuplicateKeyErrors } from './duplicate-keys';
import { connectionPath, graphPathsFor } from './paths';
import { booleanOf, itemsOf, mapsOf, numberOf, spanOfNode, textOf, valueOf, type AnyNode } from './yaml-nodes';

type YMap = YAMLMap<YamlNode, YamlNode | null>;
type FileOrigin = Extract<Origin, { kind: 'file' }>;

export interface YamlDesign {
  readonly file: string;
  readonly text: string;
  readonly doc: Document;
  readonly lines: LineIndex;
  readonly problems: readonly SourceProblem[];
  /** What could not be read or checked, in words a user can act on (undefined: all of it was). */
  readonly notRead?: string;
  /** True when nothing of the file could be read. */
  readonly unread?: boolean;
}

export interface YamlGraphOptions {
  /** The id of a cache declared in another design file, by name (case-insensitive). */
  readonly findCache?: (name: string) => string | undefined;
  /** The cloud of the file's folder (nearest `.plreview.yaml`, else the default); the design's `cloud:` wins. */
  readonly cloud?: CloudName;
}

const TYPES = {
  endpoint: 'Microsoft.Network/privateEndpoints',
  zone: 'Microsoft.Network/privateDnsZones',
  link: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
  vnet: 'Microsoft.Network/virtualNetworks',
  subnet: 'Microsoft.Network/virtualNetworks/subnets',
} as const;

/**
 * YAML designs are read up to this size. The yaml library spends a few microseconds per token (a 1 MB design
 * took 1 to 2 s of CPU; 500,000 line breaks in one quoted string, 0.8 s), so a bigger file is not handed to it
 * and the analysis of any input stays within the budget of the README's reliability section. A hand-written
 * design of 128 K characters declares several hundred resources.
 */
export const MAX_YAML_DESIGN_CHARS = 128 * 1024;

export function readYamlDesign(file: DesignFile): YamlDesign {
  const lines = new LineIndex(file.text);
  const tooDeep = yamlNestingLimitExceeded(file.text);
  if (tooDeep !== undefined) {
    // The yaml library recurses (and slows down quadratically) on such nesting: the file is not handed to it.
    const line = lines.positionAt(tooDeep).line + 1;
    const notRead = `YAML nested more than ${MAX_NESTING} levels deep at line ${line}: the file was not read`;
    return { file: file.path, text: file.text, doc: new Document(null), lines, problems: [], notRead, unread: true };
  }
  if (file.text.length > MAX_YAML_DESIGN_CHARS) {
    const notRead = `the YAML design is ${Math.ceil(file.text.length / 1024)} KB, more than the ${MAX_YAML_DESIGN_CHARS / 1024} KB read (split it into several design files): the file was not read`;
    return { file: file.path, text: file.text, doc: new Document(null), lines, problems: [], notRead, unread: true };
  }
  // Duplicate keys are found by withDuplicateKeyErrors: the library's check is quadratic in the keys of a map.
  const doc = withoutStackTraces(() => parseDocument(file.text, { prettyErrors: false, uniqueKeys: false }));
  const errors = withDuplicateKeyErrors(doc);
  const problems: SourceProblem[] = errors.slice(0, MAX_SYNTAX_ERRORS).map((error) => ({
    ruleId: 'syntax-error',
    // The diagnostic carries the position; the library's ` at line L, column C:` suffix would repeat it.
    message: `YAML syntax error: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}.`,
    span: lines.span(file.path, error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
  }));
  // The library reports in position order.
  if (errors.length > MAX_SYNTAX_ERRORS) problems.push(moreSyntaxErrors(errors.length - MAX_SYNTAX_ERRORS, problems[problems.length - 1].span));
  // Schema errors on a document that does not parse would only repeat the syntax error in other words.
  const checked = problems.length === 0 ? validateDesign(doc, lines, file.path) : { problems: [] };
  problems.push(...checked.problems);
  return { file: file.path, text: file.text, doc, lines, problems, notRead: checked.notChecked };
}

/**
 * The yaml library makes an Error object per syntax error, and capturing each one's stack trace is most of what
 * a badly broken file costs (a 20 KB file of stray quotes: 17,000 errors, seconds). Nothing reads those stacks.
 */
function withoutStackTraces<T>(run: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Caches and other Private Link targets a design declares, for name lookups from other design files. */
export function declaredCaches(design: YamlDesign): { name: string; id: string }[] {
  const root = design.doc.contents as AnyNode;
  const caches = mapsOf(valueOf(root, 'caches')).flatMap((cache) => {
    const name = textOf(valueOf(cache, 'name'));
    const type = normaliseCacheType(textOf(valueOf(cache, 'type')) ?? '');
    return name && type ? [{ name: nameOfRef(name), id: idOf(type, name) }] : [];
  });
  const targets = mapsOf(valueOf(root, 'targets')).flatMap((target) => {
    const name = textOf(valueOf(target, 'name'));
    const service = serviceOfType(textOf(valueOf(target, 'type')) ?? '');
    return name && service ? [{ name: nameOfRef(name), id: idOf(service.resourceType, name) }] : [];
  });
  return [...caches, ...targets];
}

export function yamlToGraph(file: DesignFile, options: YamlGraphOptions = {}): GraphData {
  return yamlDesignToGraph(readYamlDesign(file), options);
}

export function yamlDesignToGraph(design: YamlDesign, options: YamlGraphOptions = {}): GraphData {
  const root = design.doc.contents as AnyNode;
  const reader = new DesignReader(design, options);
  const nodes: GraphNode[] = [];
  if (isMap(root)) {
    for (const network of mapsOf(valueOf(root, 'networks'))) pushIf(nodes, reader.vnet(network));
    for (const cache of mapsOf(valueOf(root, 'caches'))) pushIf(nodes, reader.cache(cache));
    for (const target of mapsOf(valueOf(root, 'targets'))) pushIf(nodes, reader.target(target));
    for (const endpoint of mapsOf(valueOf(root, 'privateEndpoints'))) pushIf(nodes, reader.endpoint(endpoint));
    for (const zone of mapsOf(valueOf(root, 'dnsZones'))) nodes.push(...reader.zone(zone));
    for (const client of mapsOf(valueOf(root, 'clients'))) pushIf(nodes, reader.client(client));
  }
  const cloud = textOf(valueOf(root, 'cloud'));
  return {
    nodes,
    problems: design.problems,
    coverage: [
      design.notRead
        ? { scope: design.file, kind: 'file', status: design.unread ? 'failed' : 'partial', reason: design.notRead }
        : { scope: design.file, kind: 'file', status: 'read' },
    ],
    cloud: CLOUDS.includes(cloud as CloudName) ? (cloud as CloudName) : undefined,
    suppressions: findSuppressions(design.file, design.text, commentPrefixOf('yaml', design.file)),
  };
}

function pushIf(nodes: GraphNode[], node: GraphNode | undefined): void {
  if (node) nodes.push(node);
}

const isResourceId = (ref: string) => ref.startsWith('/');

/** The last segment of a resource id, or the name itself. */
function nameOfRef(ref: string): string {
  return isResourceId(ref) ? (parseResourceId(ref)?.names.slice(-1)[0] ?? ref) : ref;
}

function idOf(type: string, ref: string): string {
  return isResourceId(ref) ? ref : buildResourceId(type, ref.split('/'));
}

class DesignReader {
  private readonly caches = new Map<string, string>();
  /** A design's own `cloud:` applies to what it declares, and only to that. */
  readonly cloud: CloudName | undefined;
  private readonly subnetOwners = new Map<string, string[]>();

  constructor(
    private readonly design: YamlDesign,
    private readonly options: YamlGraphOptions,
  ) {
    const own = textOf(valueOf(design.doc.contents as AnyNode, 'cloud'));
    this.cloud = CLOUDS.includes(own as CloudName) ? (own as CloudName) : options.cloud;
    for (const cache of declaredCaches(design)) this.caches.set(cache.name.toLowerCase(), cache.id);
    for (const network of mapsOf(valueOf(design.doc.contents as AnyNode, 'networks'))) {
      const name = textOf(valueOf(network, 'name'));
      if (!name) continue;
      for (const subnet of itemsOf(valueOf(network, 'subnets'))) {
        const subnetName = textOf(subnet)?.toLowerCase();
        if (subnetName) this.subnetOwners.set(subnetName, [...(this.subnetOwners.get(subnetName) ?? []), name]);
      }
    }
  }

  cache(map: YMap): CacheNode | undefined {
    const name = textOf(valueOf(map, 'name'));
    const type = normaliseCacheType(textOf(valueOf(map, 'type')) ?? '');
    if (!name || !type) return undefined; // the schema reports it
    return {
      kind: 'cache',
      id: idOf(type, name),
      name: nameOfRef(name),
      origin: this.origin(map, 'cache', name),
      type,
      sku: textOf(valueOf(map, 'sku')),
      capacity: numberOf(valueOf(map, 'capacity')),
      location: textOf(valueOf(map, 'region')),
      tags: this.tags(map),
      publicNetworkAccess: textOf(valueOf(map, 'publicNetworkAccess')),
      subnetId: this.subnetRef(valueOf(map, 'subnet')),
      shardCount: numberOf(valueOf(map, 'shardCount')),
      enableNonSslPort: booleanOf(valueOf(map, 'enableNonSslPort')),
      // `minimumTlsVersion: 1.0` is the number 1 to YAML; the version is what was written.
      minimumTlsVersion: this.writtenText(valueOf(map, 'minimumTlsVersion')),
      firewallRules: mapsOf(valueOf(map, 'firewallRules')).map((rule): FirewallRule => ({
        name: textOf(valueOf(rule, 'name')),
        startIP: textOf(valueOf(rule, 'startIP')),
        endIP: textOf(valueOf(rule, 'endIP')),
        origin: this.originWith(rule, { 'properties.startIP': valueOf(rule, 'startIP'), 'properties.endIP': valueOf(rule, 'endIP') }),
      })),
    };
  }

  /** A non-Redis target (`targets:`), through the shared ARM-shape mapping. */
  target(map: YMap): ServiceTargetNode | undefined {
    const name = textOf(valueOf(map, 'name'));
    const service = serviceOfType(textOf(valueOf(map, 'type')) ?? '');
    if (!name || !service || service.zonesBySku) return undefined; // the schema reports it
    const access = service.publicAccess;
    const keys: Record<string, string> = { location: 'region', 'sku.name': 'sku' };
    if (access) keys[access.property] = 'publicNetworkAccess';
    if (access?.restrictedWhen) keys[access.restrictedWhen.property] = 'networkDefaultAction';
    return serviceTargetNode({
      id: idOf(service.resourceType, name),
      type: service.resourceType,
      name: nameOfRef(name),
      origin: this.origin(map, 'target', name),
      scalar: (path) => (keys[path] ? this.writtenText(valueOf(map, keys[path])) : undefined),
      tags: () => this.tags(map),
    });
  }

  endpoint(map: YMap): PrivateEndpointNode | undefined {
    const name = textOf(valueOf(map, 'name'));
    if (!name) return undefined;
    const id = idOf(TYPES.endpoint, name);
    const manual = booleanOf(valueOf(map, 'manualApproval')) === true;
    const path = connectionPath(manual);
    const zonesNode = valueOf(map, 'dnsZones');
    const zones = itemsOf(zonesNode);
    // The zone group is part of the endpoint's mapping: its zone spans are the endpoint's too, so fixes edit them.
    const zoneSpans: Record<string, AnyNode> = {};
    zones.forEach((zone, index) => (zoneSpans[`properties.privateDnsZoneConfigs[${index}].properties.privateDnsZoneId`] = zone));
    const origin = this.origin(map, 'privateEndpoint', name, {
      [`${path}.groupIds[0]`]: valueOf(map, 'groupId'),
      [`${path}.groupIds`]: valueOf(map, 'groupId'),
      [`${path}.privateLinkServiceId`]: valueOf(map, 'target'),
      ...zoneSpans,
    });
    const target = textOf(valueOf(map, 'target'));
    const groupId = textOf(valueOf(map, 'groupId'));
    const zoneGroups: ZoneGroup[] = [];
    if (isSeq(zonesNode) && zones.length > 0) {
      const spans = zoneSpans;
      zoneGroups.push({
        id: `${id}/privateDnsZoneGroups/default`,
        name: 'default',
        origin: this.originWith(zonesNode, spans),
        configs: zones.map((zone, index) => {
          const ref = textOf(zone);
          return {
            name: ref ? nameOfRef(ref).replace(/\./g, '-') : undefined,
            // As written (a zone name or a zone id): rules resolve both, and a fix can replace the literal.
            zoneId: ref ?? unknown('the zone reference is not a string'),
            path: `properties.privateDnsZoneConfigs[${index}].properties.privateDnsZoneId`,
          };
        }),
      });
    }
    return {
      kind: 'privateEndpoint',
      id,
      name: nameOfRef(name),
      origin,
      location: textOf(valueOf(map, 'region')),
      tags: this.tags(map),
      subnetId: this.subnetRef(valueOf(map, 'subnet')),
      connections: [
        {
          name: nameOfRef(name),
          manual,
          targetId: target ? this.cacheRef(target) : undefined,
          groupIds: groupId !== undefined ? [groupId] : undefined,
          status: undefined,
          path,
        },
      ],
      zoneGroups,
      privateIps: [],
    };
  }

  zone(map: YMap): GraphNode[] {
    const name = textOf(valueOf(map, 'name'));
    if (!name) return [];
    const zoneId = idOf(TYPES.zone, name);
    const nodes: GraphNode[] = [{ kind: 'dnsZone', id: zoneId, name: nameOfRef(name), origin: this.origin(map, 'dnsZone', name), tags: this.tags(map) }];
    for (const link of mapsOf(valueOf(map, 'links'))) {
      const network = textOf(valueOf(link, 'network'));
      const linkName = textOf(valueOf(link, 'name')) ?? (network ? `link-${nameOfRef(network)}` : undefined);
      if (!linkName) continue;
      const node: VnetLinkNode = {
        kind: 'vnetLink',
        id: `${zoneId}/virtualNetworkLinks/${linkName}`,
        name: linkName,
        origin: this.origin(link, 'vnetLink', linkName),
        zoneId,
        vnetId: network ? idOf(TYPES.vnet, network) : undefined,
        registrationEnabled: booleanOf(valueOf(link, 'registrationEnabled')),
      };
      nodes.push(node);
    }
    return nodes;
  }

  vnet(map: YMap): VnetNode | undefined {
    const name = textOf(valueOf(map, 'name'));
    if (!name) return undefined;
    const id = idOf(TYPES.vnet, name);
    return {
      kind: 'vnet',
      id,
      name: nameOfRef(name),
      origin: this.origin(map, 'vnet', name),
      location: textOf(valueOf(map, 'region')),
      subnets: itemsOf(valueOf(map, 'subnets')).flatMap((subnet) => {
        const subnetName = textOf(subnet);
        return subnetName ? [{ id: `${id}/subnets/${subnetName}`, name: subnetName }] : [];
      }),
      dnsServers: itemsOf(valueOf(map, 'dnsServers')).flatMap((s) => textOf(s) ?? []),
    };
  }

  client(map: YMap): ClientNode | undefined {
    const name = textOf(valueOf(map, 'name'));
    if (!name) return undefined;
    const network = textOf(valueOf(map, 'network'));
    return {
      kind: 'client',
      id: `design:${this.design.file}#clients/${name}`,
      name,
      origin: this.origin(map, 'client', name),
      vnetId: network ? idOf(TYPES.vnet, network) : undefined,
      uses: itemsOf(valueOf(map, 'uses')).flatMap((use) => {
        const ref = textOf(use);
        return ref ? [this.cacheRef(ref)] : [];
      }),
    };
  }

  /** A cache reference: an id as given; a name declared here or elsewhere in the workspace. */
  private cacheRef(ref: string): string {
    if (isResourceId(ref)) return ref;
    return (
      this.caches.get(ref.toLowerCase()) ??
      this.options.findCache?.(ref) ??
      // Not declared anywhere we can see: a reference that resolves to nothing, so rules stay silent.
      `design:${this.design.file}#undeclared-cache/${ref}`
    );
  }

  /** `network/subnet`, a subnet id, or a bare subnet name declared by exactly one network of this design. */
  private subnetRef(node: AnyNode): Maybe<string> {
    const ref = textOf(node);
    if (ref === undefined) return undefined;
    if (isResourceId(ref)) return ref;
    const parts = ref.split('/');
    if (parts.length === 2) return buildResourceId(TYPES.subnet, parts);
    const owners = this.subnetOwners.get(ref.toLowerCase()) ?? [];
    return owners.length === 1
      ? buildResourceId(TYPES.subnet, [owners[0], ref])
      : unknown(`subnet '${ref}' does not name its network (write network/subnet)`);
  }

  /** A scalar as written in the file (numbers keep their digits: `1.0` stays `1.0`). */
  private writtenText(node: AnyNode): string | undefined {
    const value = textOf(node);
    if (value === undefined || !node?.range || typeof (node as { value?: unknown }).value !== 'number') return value;
    return this.design.text.slice(node.range[0], node.range[1]).trim();
  }

  private tags(map: YMap): Maybe<Readonly<Record<string, Maybe<string>>>> {
    const tags = valueOf(map, 'tags');
    if (!tags) return undefined;
    if (!isMap(tags)) return unknown('tags are not a mapping');
    const result: Record<string, Maybe<string>> = {};
    for (const pair of (tags as YMap).items) {
      const key = textOf(pair.key as AnyNode);
      if (key !== undefined) result[key] = textOf(pair.value);
    }
    return result;
  }

  /** Origin of a node declared by a YAML mapping, with spans under the graph's property paths. */
  private origin(map: YMap, kind: NodeKind, symbol: string, extra: Record<string, AnyNode> = {}): Origin {
    const spans: Record<string, AnyNode> = { ...extra };
    for (const pair of map.items) {
      const key = textOf(pair.key as AnyNode);
      if (key === undefined) continue;
      for (const path of graphPathsFor(kind, key)) spans[path] = pair.value;
      if (key === 'tags' && isMap(pair.value)) {
        for (const tag of (pair.value as YMap).items) {
          const tagName = textOf(tag.key as AnyNode);
          if (tagName !== undefined) spans[`tags.${tagName}`] = tag.value;
        }
      }
    }
    return { ...this.originWith(map, spans), symbol: nameOfRef(symbol) };
  }

  private originWith(node: YamlNode, spans: Record<string, AnyNode>): FileOrigin {
    const { lines, file } = this.design;
    const properties: Record<string, FileSpan> = {};
    for (const [path, value] of Object.entries(spans)) {
      const span = spanOfNode(value, lines, file);
      if (span) properties[path] = span;
    }
    const span = spanOfNode(node, lines, file) ?? lines.span(file, 0, 0);
    const cloud = this.cloud;
    return { kind: 'file', format: 'yaml', span, properties, propertiesObject: span, ...(cloud ? { cloud } : {}) };
  }
}

