// Evaluated declarations → graph nodes. Knows the ARM shape of the resources Private Link reviews (caches,
// endpoints and their zone groups, zones with links and A records, VNets with subnets) and nothing about Bicep
// syntax, so local resources, module resources and AVM calls share it.

import { normaliseCacheType } from '../../catalog/lookup';
import { isServiceTargetType, serviceTargetNode, type ArmResourceView, type Scalar } from '../arm-shape/target-node';
import { resourceKeyOfId } from '../../graph/resource-id';
import type {
  CacheNode,
  CloudName,
  FileSpan,
  FirewallRule,
  GraphNode,
  Maybe,
  Origin,
  PrivateEndpointNode,
  SourceFormat,
  PrivateLinkConnection,
  SubnetInfo,
  ZoneConfig,
  ZoneGroup,
} from '../../graph/types';
import { unknown } from '../../graph/types';
import type { Value } from './eval-value';
import { getPath, getProp, plainSpan } from './eval-value';
import type { DeclaredResource } from './graph-declared';
import { TYPES } from './graph-declared';

export function buildNodes(resources: readonly DeclaredResource[]): GraphNode[] {
  const children = new ChildIndex(resources);
  const nodes: GraphNode[] = [];
  for (const resource of resources) {
    switch (resource.type.toLowerCase()) {
      case TYPES.redis:
      case TYPES.redisEnterprise:
        nodes.push(cacheNode(resource, children));
        break;
      case TYPES.privateEndpoint:
        nodes.push(endpointNode(resource, children));
        break;
      case TYPES.zone:
        nodes.push({
          kind: 'dnsZone',
          id: resource.id,
          name: maybeString(resource.name),
          origin: originOf(resource),
          tags: maybeTags(prop(resource, 'tags')),
        });
        break;
      case TYPES.vnetLink:
        nodes.push({
          kind: 'vnetLink',
          id: resource.id,
          name: maybeString(resource.name),
          origin: originOf(resource),
          zoneId: resource.parentId ?? unknown('the zone of this link is not known'),
          vnetId: maybeString(prop(resource, 'properties', 'virtualNetwork', 'id')),
          registrationEnabled: maybeBool(prop(resource, 'properties', 'registrationEnabled')),
        });
        break;
      case TYPES.aRecord:
        nodes.push({
          kind: 'aRecord',
          id: resource.id,
          name: maybeString(resource.name),
          origin: originOf(resource),
          zoneId: resource.parentId ?? unknown('the zone of this record is not known'),
          recordName: maybeString(resource.name),
          ipv4Addresses: knownStrings(arrayItems(prop(resource, 'properties', 'aRecords')).map((r) => getProp(r, 'ipv4Address'))),
        });
        break;
      case TYPES.vnet:
        nodes.push({
          kind: 'vnet',
          id: resource.id,
          name: maybeString(resource.name),
          origin: originOf(resource),
          location: maybeString(prop(resource, 'location')),
          subnets: subnetsOf(resource, children),
          dnsServers: knownStrings(arrayItems(prop(resource, 'properties', 'dhcpOptions', 'dnsServers'))),
        });
        break;
      default:
        if (isServiceTargetType(resource.type)) nodes.push(serviceTargetNode(bicepView(resource))!);
    }
  }
  return nodes;
}

/** Child declarations by their parent, matched by exact id first and by resource key second. */
class ChildIndex {
  private readonly byParent = new Map<string, DeclaredResource[]>();
  /** Lower-cased types of the children, computed once (`of` is asked per cache, endpoint and VNet). */
  private readonly childType = new Map<DeclaredResource, string>();

  constructor(resources: readonly DeclaredResource[]) {
    for (const resource of resources) {
      if (!resource.parentId) continue;
      this.childType.set(resource, resource.type.toLowerCase());
      for (const key of parentKeys(resource.parentId)) {
        const list = this.byParent.get(key);
        if (list) list.push(resource);
        else this.byParent.set(key, [resource]);
      }
    }
  }

  of(parent: DeclaredResource, type: string): DeclaredResource[] {
    if (this.byParent.size === 0) return [];
    // Each list holds a child once; only the second key's list can repeat what the first found.
    const [exact, byKey] = parentKeys(parent.id);
    const out: DeclaredResource[] = [];
    for (const child of this.byParent.get(exact) ?? NO_CHILDREN) if (this.childType.get(child) === type) out.push(child);
    const more = byKey === undefined ? undefined : this.byParent.get(byKey);
    if (more) {
      const seen = out.length > 0 ? new Set(out) : undefined;
      for (const child of more) if (this.childType.get(child) === type && !seen?.has(child)) out.push(child);
    }
    return out;
  }
}

const NO_CHILDREN: readonly DeclaredResource[] = [];

const parentKeyCache = new Map<string, string[]>();

function parentKeys(id: string): string[] {
  let keys = parentKeyCache.get(id);
  if (!keys) {
    const key = resourceKeyOfId(id);
    keys = key ? [id.toLowerCase(), `key:${key}`] : [id.toLowerCase()];
    // Bounded: ids repeat across keystrokes of one workspace, but the cache must not grow without end (in
    // count, and in size: an id made from a huge string is not kept).
    if (id.length > 1_000) return keys;
    if (parentKeyCache.size > 50_000) parentKeyCache.clear();
    parentKeyCache.set(id, keys);
  }
  return keys;
}

/** A declaration as the shared ARM-shape mapping reads it (src/sources/arm-shape/target-node.ts). */
function bicepView(resource: DeclaredResource): ArmResourceView {
  return {
    id: resource.id,
    type: resource.type,
    name: maybeString(resource.name),
    origin: originOf(resource),
    apiVersion: resource.apiVersion,
    scalar: (path) => scalarOf(prop(resource, ...path.split('.'))),
    tags: () => maybeTags(prop(resource, 'tags')),
  };
}

function scalarOf(value: Value | undefined): Scalar {
  if (!value) return undefined;
  switch (value.kind) {
    case 'null':
      return null;
    case 'string':
    case 'number':
    case 'bool':
      return value.value;
    default:
      return unknownOf(value);
  }
}

function cacheNode(resource: DeclaredResource, children: ChildIndex): CacheNode {
  const type = normaliseCacheType(resource.type) ?? 'Microsoft.Cache/redis';
  const redis = type === 'Microsoft.Cache/redis';
  const sku = redis ? prop(resource, 'properties', 'sku') : prop(resource, 'sku');
  const pna = prop(resource, 'properties', 'publicNetworkAccess');
  const firewallRules: FirewallRule[] = children.of(resource, TYPES.redisFirewallRule).map((rule) => ({
    name: maybeString(rule.name),
    startIP: maybeString(prop(rule, 'properties', 'startIP')),
    endIP: maybeString(prop(rule, 'properties', 'endIP')),
    origin: originOf(rule),
  }));
  const ports = children
    .of(resource, TYPES.redisEnterpriseDatabase)
    .map((db) => prop(db, 'properties', 'port'))
    .filter((p): p is Extract<Value, { kind: 'number' }> => p?.kind === 'number')
    .map((p) => p.value);
  return {
    kind: 'cache',
    id: resource.id,
    name: maybeString(resource.name),
    origin: originOf(resource),
    type,
    sku: maybeString(getPath(sku, 'name')),
    skuFamily: redis ? maybeString(getPath(sku, 'family')) : undefined,
    capacity: maybeNumber(getPath(sku, 'capacity')),
    location: maybeString(prop(resource, 'location')),
    tags: maybeTags(prop(resource, 'tags')),
    publicNetworkAccess: pna?.kind === 'null' ? null : maybeString(pna),
    subnetId: maybeString(prop(resource, 'properties', 'subnetId')),
    shardCount: maybeNumber(prop(resource, 'properties', 'shardCount')),
    enableNonSslPort: maybeBool(prop(resource, 'properties', 'enableNonSslPort')),
    minimumTlsVersion: maybeString(prop(resource, 'properties', 'minimumTlsVersion')),
    firewallRules,
    apiVersion: resource.apiVersion,
    ...(ports.length > 0 ? { databasePorts: ports } : {}),
  };
}

function endpointNode(resource: DeclaredResource, children: ChildIndex): PrivateEndpointNode {
  const connections: PrivateLinkConnection[] = [];
  for (const [key, manual] of CONNECTION_LISTS) {
    const list = prop(resource, 'properties', key);
    if (list?.kind === 'unknown') {
      // Connections we cannot list are still connections: one placeholder keeps rules from concluding "none".
      const why = unknown(`${key}: ${list.why}`);
      connections.push({ name: why, manual, targetId: why, groupIds: why, status: undefined, path: `properties.${key}` });
      continue;
    }
    arrayItems(list).forEach((connection, index) => {
      const groupIds = getPath(connection, 'properties', 'groupIds');
      connections.push({
        name: maybeString(getProp(connection, 'name')),
        manual,
        targetId: maybeString(getPath(connection, 'properties', 'privateLinkServiceId')),
        groupIds: groupIds?.kind === 'array' ? groupIds.items.map(maybeString) : groupIds === undefined ? undefined : unknownOf(groupIds),
        status: undefined,
        path: `properties.${key}[${index}].properties`,
      });
    });
  }
  const groupDeclarations = children.of(resource, TYPES.zoneGroup);
  const groups = groupDeclarations.map(zoneGroupOf);
  const opaque = groupDeclarations.map((g) => prop(g, 'properties', 'privateDnsZoneConfigs')).find((c) => c?.kind === 'unknown');
  return {
    kind: 'privateEndpoint',
    id: resource.id,
    name: maybeString(resource.name),
    origin: originOf(resource),
    location: maybeString(prop(resource, 'location')),
    tags: maybeTags(prop(resource, 'tags')),
    subnetId: maybeString(prop(resource, 'properties', 'subnet', 'id')),
    connections,
    zoneGroups: resource.existing
      ? unknown(`'${resource.symbol}' is an existing endpoint: its zone groups are not in this design`)
      : opaque?.kind === 'unknown'
        ? unknown(`the zones of a DNS zone group are not known: ${opaque.why}`)
        : groups,
    privateIps: knownStrings(arrayItems(prop(resource, 'properties', 'ipConfigurations')).map((c) => getPath(c, 'properties', 'privateIPAddress'))),
    customDnsConfigs: arrayItems(prop(resource, 'properties', 'customDnsConfigs')).flatMap((c) => {
      const fqdn = getProp(c, 'fqdn');
      return fqdn?.kind === 'string' ? [{ fqdn: fqdn.value, ipAddresses: knownStrings(arrayItems(getProp(c, 'ipAddresses'))) }] : [];
    }),
  };
}

const CONNECTION_LISTS = [
  ['privateLinkServiceConnections', false],
  ['manualPrivateLinkServiceConnections', true],
] as const;

function zoneGroupOf(group: DeclaredResource): ZoneGroup {
  const configs: ZoneConfig[] = arrayItems(prop(group, 'properties', 'privateDnsZoneConfigs')).map((config, index) => ({
    name: maybeString(getProp(config, 'name')),
    zoneId: maybeString(getPath(config, 'properties', 'privateDnsZoneId')),
    path: `properties.privateDnsZoneConfigs[${index}].properties.privateDnsZoneId`,
  }));
  return { id: group.id, name: maybeString(group.name), configs, origin: originOf(group) };
}

function subnetsOf(vnet: DeclaredResource, children: ChildIndex): SubnetInfo[] {
  const subnets: SubnetInfo[] = [];
  for (const subnet of arrayItems(prop(vnet, 'properties', 'subnets'))) {
    const name = getProp(subnet, 'name');
    if (name?.kind === 'string') subnets.push({ id: `${vnet.id}/subnets/${name.value}`, name: name.value });
  }
  for (const child of children.of(vnet, TYPES.subnet)) {
    if (child.name.kind === 'string') subnets.push({ id: child.id, name: child.name.value });
  }
  return subnets;
}

// ---------------------------------------------------------------------------------------------------------
// Origins: the declaration span and the span of every property value, keyed by dotted path.
// ---------------------------------------------------------------------------------------------------------

export function originOf(resource: DeclaredResource): Origin {
  return new BicepOrigin(resource);
}

/**
 * A Bicep node's origin. Rules read the spans of a few properties of a few nodes, so the property map is built
 * on first read. A class getter, because an accessor in an object literal cost two thirds of node building
 * (measured); `toJSON` keeps it serialisable. (A spread of an origin would drop `properties`: pass origins by
 * reference, as every consumer does.)
 */
class BicepOrigin {
  readonly kind = 'file' as const;
  readonly format: SourceFormat;
  readonly span: FileSpan;
  readonly propertiesObject: FileSpan | undefined;
  readonly inLoop: boolean;
  readonly conditional: boolean;
  readonly symbol: string;
  readonly existing: boolean | undefined;
  readonly cloud: CloudName | undefined;
  #body: Value;
  #properties: Record<string, FileSpan> | undefined;

  constructor(resource: DeclaredResource) {
    this.format = resource.format ?? 'bicep';
    const propertiesValue = getProp(resource.body, 'properties');
    const insertion = propertiesValue?.kind === 'object' && propertiesValue.span ? propertiesValue.span : resource.insertInto;
    this.span = plainSpan(resource.span);
    this.propertiesObject = insertion ? plainSpan(insertion) : undefined;
    this.inLoop = resource.inLoop;
    this.conditional = resource.conditional;
    this.symbol = resource.symbol;
    this.existing = resource.existing || undefined;
    this.cloud = resource.cloud;
    this.#body = resource.body;
  }

  get properties(): Readonly<Record<string, FileSpan>> {
    return (this.#properties ??= propertySpans(this.#body));
  }

  toJSON(): object {
    const { kind, format, span, propertiesObject, inLoop, conditional, symbol, existing, cloud } = this;
    return { kind, format, span, properties: { ...this.properties }, propertiesObject, inLoop, conditional, symbol, existing, cloud };
  }
}

/**
 * The spans of a body's property values, keyed by dotted path (`properties.subnet.id`, `tags.owner`,
 * `properties.groupIds[0]`). Rules read a handful of paths of each node, but building the whole map cost a tenth
 * of a keystroke on a 10,000-line file (every path string hashed, every range computed). So a read of one key
 * looks that path up in the value tree (`spanAtPath`, memoised), and only enumeration (`Object.keys`, spread,
 * JSON) builds the whole map. Both give the same answer: the first value in document order whose path is the key.
 */
function propertySpans(body: Value): Record<string, FileSpan> {
  const all: Record<string, FileSpan> = {};
  // The state rides on the target under a non-enumerable symbol, so one handler serves every origin (a handler
  // of closures per origin was a third of what reading spans allocated).
  Object.defineProperty(all, SPAN_STATE, { value: { body, complete: false, looked: new Map() } satisfies SpanState });
  return new Proxy(all, SPANS_HANDLER);
}

const SPAN_STATE = Symbol('propertySpans');

interface SpanState {
  readonly body: Value;
  complete: boolean;
  readonly looked: Map<string, FileSpan | undefined>;
}

type SpanTarget = Record<string, FileSpan> & { readonly [SPAN_STATE]: SpanState };

function spanLookup(target: SpanTarget, path: string): FileSpan | undefined {
  const state = target[SPAN_STATE];
  if (state.complete) return target[path];
  if (state.looked.has(path)) return state.looked.get(path);
  const found = path ? spanAtPath(state.body, path, 0) : undefined;
  const span = found ? plainSpan(found) : undefined;
  state.looked.set(path, span);
  return span;
}

function fillSpans(target: SpanTarget): void {
  const state = target[SPAN_STATE];
  if (state.complete) return;
  collectSpans(state.body, '', target, state.looked);
  state.complete = true;
}

/** Keys answered by looking the path up; others (symbols, `toString`, …) behave as on a plain object. */
const isPathKey = (key: string | symbol): key is string => typeof key === 'string' && !(key in Object.prototype);

const SPANS_HANDLER: ProxyHandler<Record<string, FileSpan>> = {
  get: (target, key) => (isPathKey(key) ? spanLookup(target as SpanTarget, key) : Reflect.get(target, key)),
  has: (target, key) => (isPathKey(key) ? spanLookup(target as SpanTarget, key) !== undefined : Reflect.has(target, key)),
  ownKeys: (target) => (fillSpans(target as SpanTarget), Reflect.ownKeys(target)),
  getOwnPropertyDescriptor: (target, key) => (fillSpans(target as SpanTarget), Reflect.getOwnPropertyDescriptor(target, key)),
  // The map is read-only for consumers; writes go to the full map (after filling it, so nothing is lost).
  set: (target, key, value) => (fillSpans(target as SpanTarget), Reflect.set(target, key, value)),
  defineProperty: (target, key, descriptor) => (fillSpans(target as SpanTarget), Reflect.defineProperty(target, key, descriptor)),
  deleteProperty: (target, key) => (fillSpans(target as SpanTarget), Reflect.deleteProperty(target, key)),
};

/**
 * The span `collectSpans` would record under `path`, without building the other paths: a depth-first walk in the
 * same order that only enters entries whose path is a prefix of `path` (`at` = how much of it is matched).
 */
function spanAtPath(value: Value, path: string, at: number): FileSpan | undefined {
  if (at === path.length) return value.span;
  if (value.kind === 'object') {
    const dot = at === 0 ? at : at + 1;
    if (at > 0 && path.charCodeAt(at) !== 46 /* . */) return undefined;
    for (const entry of value.entries) {
      const key = entry.key;
      if (!path.startsWith(key, dot)) continue;
      const next = dot + key.length;
      if (next !== path.length && path.charCodeAt(next) !== 46 && path.charCodeAt(next) !== 91 /* [ */) continue;
      const found = spanAtPath(entry.value, path, next);
      if (found) return found;
    }
  } else if (value.kind === 'array') {
    if (path.charCodeAt(at) !== 91) return undefined;
    const close = path.indexOf(']', at);
    if (close < 0) return undefined;
    const digits = path.slice(at + 1, close);
    const index = Number(digits);
    if (!/^\d+$/.test(digits) || String(index) !== digits || index >= value.items.length) return undefined;
    return spanAtPath(value.items[index], path, close + 1);
  }
  return undefined;
}

function collectSpans(value: Value, path: string, out: Record<string, FileSpan>, known: ReadonlyMap<string, FileSpan | undefined>): void {
  if (path && value.span && !(path in out)) out[path] = known.get(path) ?? plainSpan(value.span);
  if (value.kind === 'object') {
    for (const entry of value.entries) collectSpans(entry.value, path ? `${path}.${entry.key}` : entry.key, out, known);
  } else if (value.kind === 'array') {
    value.items.forEach((item, index) => collectSpans(item, `${path}[${index}]`, out, known));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Value → Maybe<T>: absent stays absent, Unknown stays Unknown with its reason.
// ---------------------------------------------------------------------------------------------------------

function prop(resource: DeclaredResource, ...path: string[]): Value | undefined {
  return getPath(resource.body, ...path);
}

function unknownOf(value: Value): Maybe<never> {
  return value.kind === 'unknown' ? unknown(value.why) : unknown(`expected another kind of value, found ${value.kind}`);
}

function maybeString(value: Value | undefined): Maybe<string> {
  if (!value || value.kind === 'null') return undefined;
  return value.kind === 'string' ? value.value : unknownOf(value);
}

function maybeBool(value: Value | undefined): Maybe<boolean> {
  if (!value || value.kind === 'null') return undefined;
  return value.kind === 'bool' ? value.value : unknownOf(value);
}

function maybeNumber(value: Value | undefined): Maybe<number> {
  if (!value || value.kind === 'null') return undefined;
  return value.kind === 'number' ? value.value : unknownOf(value);
}

function maybeTags(value: Value | undefined): Maybe<Readonly<Record<string, Maybe<string>>>> {
  if (!value || value.kind === 'null') return undefined;
  if (value.kind !== 'object') return unknownOf(value);
  if (value.open) return unknown(value.open.why);
  const tags: Record<string, Maybe<string>> = {};
  for (const entry of value.entries) tags[entry.key] = maybeString(entry.value);
  return tags;
}

function arrayItems(value: Value | undefined): readonly Value[] {
  return value?.kind === 'array' ? value.items : [];
}

function knownStrings(values: readonly (Value | undefined)[]): string[] {
  return values.filter((v): v is Extract<Value, { kind: 'string' }> => v?.kind === 'string').map((v) => v.value);
}
