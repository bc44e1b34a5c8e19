// Azure Verified Modules for Terraform, from the registry (`Azure/avm-res-cache-redis/azurerm`): never downloaded.
// Their documented interface (variables.tf: names, types, `optional()` defaults) is mapped to the provider resources
// the module creates, written as the same attribute objects a `resource` block gives, so the provider table and
// the rules treat them like hand-written resources. Facts read from the modules' variables.tf and main*.tf
// (the code is not copied):
// - avm-res-cache-redis: sku_name "Premium", capacity 2, family "C" for Basic/Standard else "P",
//   public_network_access_enabled true, enable_non_ssl_port false, minimum_tls_version "1.2". private_endpoints is
//   a map of { subnet_resource_id, name ("pep-<name>"), private_service_connection_name ("pse-<name>"),
//   private_dns_zone_group_name ("default"), private_dns_zone_resource_ids ([]: no zone group when empty),
//   location, resource_group_name }; the connection is automatic with subresource "redisCache". Outputs
//   resource_id, name, resource, private_endpoints.
// - avm-res-network-privatednszone: domain_name, parent_id (a resource group id), virtual_network_links map of
//   { name | vnetlinkname, virtual_network_id | vnetid, registration_enabled | autoregistration (false) },
//   a_records map of { name, ip_addresses | records }. Outputs resource_id, name.
// - avm-res-network-virtualnetwork: name, parent_id, location, dns_servers, subnets map of { name, … }; outputs
//   resource_id, name, subnets (map of { resource_id, name }).
// - The modules of one Private Link service each (key vault, storage, SQL, Cosmos DB, …): avm-services.ts, one
//   table, with the `private_endpoints` interface they share (endpointsOf below).
// Any other registry module is not read: the caller records a coverage gap.

import type { FileSpan } from '../../graph/types';
import type { ObjectEntry, ObjectValue, Value } from '../bicep/eval-value';
import { getProp, str, unknownValue } from '../bicep/eval-value';
import { armIdOf } from './arm-shape';
import type { ServiceModule } from './avm-services';
import { SERVICE_MODULES } from './avm-services';
import type { RegistryCall, ResourceInstance } from './evaluate';
import { MAX_INSTANCES } from './evaluate';
import { spanOf } from './spans';

type Mapper = (call: RegistryCall, read: Inputs) => { resources: ResourceInstance[]; outputs: Value };

/** Registry sources, lower-cased, without host and version: `registry.terraform.io/Azure/x/azurerm//sub` → `azure/x/azurerm`. */
function normalise(source: string): string {
  return source.toLowerCase().replace(/^registry\.terraform\.io\//, '').replace(/\/\/.*$/, '').replace(/\?.*$/, '');
}

/** Attributes of the redis resource the module sets from a variable of another name. */
const REDIS_VARIABLES: Readonly<Record<string, string>> = { non_ssl_port_enabled: 'enable_non_ssl_port' };
const REDIS_PASSED = new Set(['public_network_access_enabled', 'non_ssl_port_enabled', 'minimum_tls_version', 'sku_name', 'capacity', 'subnet_id', 'shard_count']);

/**
 * The module variable that sets `attribute` of the resource a mapped AVM module creates (a fix writes it into the
 * module call when the module's default decides), or undefined when the module does not pass it on.
 */
export function avmVariableFor(source: string, attribute: string): string | undefined {
  const key = normalise(source);
  if (key === 'azure/avm-res-cache-redis/azurerm') return REDIS_PASSED.has(attribute) ? REDIS_VARIABLES[attribute] ?? attribute : undefined;
  return SERVICE_MODULES[key]?.variables.find((v) => (v.attribute ?? v.variable) === attribute)?.variable;
}

export function avmModule(source: string, call: RegistryCall): { resources: ResourceInstance[]; outputs: Value } | undefined {
  const mapper = MODULES[normalise(source)];
  return mapper ? mapper(call, new Inputs(call)) : undefined;
}

/** The module's inputs with their defaults; defaults stand at the module block (the fix goes there). */
class Inputs {
  readonly span: FileSpan;
  constructor(readonly call: RegistryCall) {
    this.span = spanOf(call.file, call.block);
  }

  get(name: string, fallback?: string | number | boolean | null): Value | undefined {
    const given = getProp(this.call.inputs, name);
    if (given !== undefined && given.kind !== 'null') return given;
    return fallback === undefined ? undefined : literal(fallback, this.span);
  }

  /** `resource_group_name`, or the resource group of a `parent_id` (newer modules take the group's id). */
  resourceGroup(): Value | undefined {
    const given = this.get('resource_group_name');
    if (given) return given;
    const parent = this.get('parent_id');
    if (parent?.kind === 'unknown') return parent;
    const group = parent?.kind === 'string' ? /\/resourceGroups\/([^/]+)$/i.exec(parent.value)?.[1] : undefined;
    return group ? str(group, parent!.span) : undefined;
  }

  /** A map input as (key, item) pairs; undefined when it is not known. */
  entries(name: string): [string, ObjectValue][] | undefined | 'unknown' {
    const value = this.get(name);
    if (!value) return [];
    if (value.kind === 'unknown' || (value.kind === 'object' && value.open)) return 'unknown';
    if (value.kind !== 'object') return undefined;
    return value.entries.filter((e) => e.value.kind === 'object').map((e) => [e.key, e.value as ObjectValue]);
  }
}

function literal(value: string | number | boolean | null, span: FileSpan): Value {
  if (value === null) return { kind: 'null', span };
  if (typeof value === 'string') return str(value, span);
  if (typeof value === 'number') return { kind: 'number', value, span };
  return { kind: 'bool', value, span };
}

function object(span: FileSpan, pairs: [string, Value | undefined][]): ObjectValue {
  const entries: ObjectEntry[] = [];
  for (const [key, value] of pairs) if (value !== undefined) entries.push({ key, value });
  return { kind: 'object', entries, span };
}

/** An attribute of a map item, with the module's `optional()` default. */
function item(value: ObjectValue, key: string, fallback: Value | undefined): Value | undefined {
  const found = getProp(value, key);
  return found === undefined || found.kind === 'null' ? fallback : found;
}

function instance(call: RegistryCall, type: string, name: string, values: ObjectValue, loop: { inLoop: boolean; conditional: boolean }): ResourceInstance {
  return {
    address: `${call.address}.${type}.${name}`,
    type,
    mode: 'managed',
    file: call.file,
    block: call.block,
    values,
    inLoop: call.inLoop || loop.inLoop,
    conditional: call.conditional || loop.conditional,
  };
}

/** One instance per map entry; an unknown map gives one representative (a loop), never a guess. */
function perEntry(read: Inputs, name: string, make: (key: string, value: ObjectValue, loop: { inLoop: boolean; conditional: boolean }) => ResourceInstance | undefined): ResourceInstance[] {
  const entries = read.entries(name);
  if (entries === undefined) return [];
  if (entries === 'unknown' || entries.length > MAX_INSTANCES) {
    const why = unknownValue(`${name} of ${read.call.address} is not known`, read.span);
    const opaque: ObjectValue = { kind: 'object', entries: [], open: why, span: read.span };
    const made = make('?', opaque, { inLoop: true, conditional: true });
    return made ? [made] : [];
  }
  const loop = { inLoop: entries.length > 1, conditional: false };
  return entries.flatMap(([key, value]) => make(key, value, loop) ?? []);
}

const idOfInstance = (i: ResourceInstance) => armIdOf(i.type, i.mode, i.values, i.address, i.file.path);

const redis: Mapper = (call, read) => {
  const span = read.span;
  const name = read.get('name');
  const group = read.get('resource_group_name');
  const location = read.get('location');
  const sku = read.get('sku_name', 'Premium');
  const family = sku?.kind === 'string' ? str(sku.value === 'Basic' || sku.value === 'Standard' ? 'C' : 'P', sku.span) : unknownValue('the SKU is not known', span);
  const cache = instance(
    call,
    'azurerm_redis_cache',
    'this',
    object(span, [
      ['name', name],
      ['resource_group_name', group],
      ['location', location],
      ['sku_name', sku],
      ['family', family],
      ['capacity', read.get('capacity', 2)],
      ['public_network_access_enabled', read.get('public_network_access_enabled', true)],
      ['non_ssl_port_enabled', read.get('enable_non_ssl_port', false)],
      ['minimum_tls_version', read.get('minimum_tls_version', '1.2')],
      ['subnet_id', read.get('subnet_id')],
      ['shard_count', read.get('shard_count')],
      ['tags', read.get('tags')],
    ]),
    { inLoop: false, conditional: false },
  );
  const cacheId = str(idOfInstance(cache), span);
  const endpoints = endpointsOf(call, read, cacheId, { subresource: 'redisCache', endpointPrefix: 'pep-' });
  const outputs = object(span, [
    ['resource_id', cacheId],
    ['name', name],
    ['resource', object(span, [['id', cacheId], ['name', name]])],
  ]);
  return { resources: [cache, ...endpoints], outputs: { ...outputs, open: unknownValue(`an output of ${call.address} that is not mapped`, span) } };
};

/**
 * The `private_endpoints` map every AVM resource module shares → azurerm_private_endpoint instances connecting to
 * `targetId`. The subresource is the module's, or an endpoint attribute (`subresource_name`) located where the user
 * wrote it (a wrong one is underlined there). No zone group when `private_dns_zone_resource_ids` is empty; zone
 * groups are Unknown when the module leaves them to someone else (`private_endpoints_manage_dns_zone_group = false`).
 */
function endpointsOf(call: RegistryCall, read: Inputs, targetId: Value, shape: { subresource: ServiceModule['subresource']; endpointPrefix?: string }): ResourceInstance[] {
  const span = read.span;
  const name = read.get('name');
  const nameText = name?.kind === 'string' ? name.value : undefined;
  const manage = read.get('private_endpoints_manage_dns_zone_group', true);
  return perEntry(read, 'private_endpoints', (key, pe, loop) => {
    const zones = item(pe, 'private_dns_zone_resource_ids', { kind: 'array', items: [], span });
    const zoneGroup: Value =
      manage?.kind === 'bool' && !manage.value
        ? unknownValue(`the zone groups of ${call.address}'s endpoints are managed outside the module (private_endpoints_manage_dns_zone_group = false)`, manage.span)
        : manage?.kind !== 'bool'
          ? unknownValue(`whether ${call.address} manages its endpoints' zone groups is not known`, span)
          : zones?.kind === 'unknown'
            ? zones
            : zones?.kind === 'array' && zones.items.length === 0
              ? { kind: 'array', items: [], span }
              : { kind: 'array', span, items: [object(pe.span ?? span, [['name', item(pe, 'private_dns_zone_group_name', str('default', span))], ['private_dns_zone_ids', zones]])] };
    const subresource: Value =
      typeof shape.subresource === 'string'
        ? str(shape.subresource, span)
        : item(pe, shape.subresource.attribute, undefined) ?? unknownValue(`${shape.subresource.attribute} of private_endpoints["${key}"] is not set`, pe.span ?? span);
    const endpointName = shape.endpointPrefix && nameText ? str(`${shape.endpointPrefix}${nameText}`, span) : unknownValue('the module names the endpoint', span);
    const group = read.resourceGroup();
    return instance(
      call,
      'azurerm_private_endpoint',
      `this["${key}"]`,
      object(pe.span ?? span, [
        ['name', item(pe, 'name', endpointName)],
        ['location', item(pe, 'location', read.get('location'))],
        ['resource_group_name', item(pe, 'resource_group_name', group)],
        ['subnet_id', item(pe, 'subnet_resource_id', undefined)],
        ['tags', item(pe, 'tags', undefined)],
        [
          'private_service_connection',
          {
            kind: 'array',
            span,
            items: [
              object(span, [
                ['name', item(pe, 'private_service_connection_name', nameText ? str(`pse-${nameText}`, span) : undefined)],
                ['private_connection_resource_id', targetId],
                ['subresource_names', { kind: 'array', items: [subresource], span: subresource.span ?? span }],
                ['is_manual_connection', { kind: 'bool', value: false, span }],
              ]),
            ],
          },
        ],
        ['private_dns_zone_group', zoneGroup],
      ]),
      loop,
    );
  });
}

/** A module of avm-services.ts: its resource, built from the variables it passes, and its endpoints. */
function serviceMapper(module: ServiceModule): Mapper {
  return (call, read) => {
    const span = read.span;
    const pairs: [string, Value | undefined][] = module.variables.map((v) => [v.attribute ?? v.variable, read.get(v.variable, v.default)]);
    pairs.push(['resource_group_name', read.resourceGroup()]);
    for (const passed of module.blocks ?? []) {
      // Set to null: no block (the module's `{}` default applies only when the argument is left out).
      if (getProp(call.inputs, passed.variable)?.kind === 'null') continue;
      const given = read.get(passed.variable);
      if (given === undefined && passed.whenUnset === 'none') continue;
      if (given?.kind === 'unknown') {
        pairs.push([passed.block, given]);
        continue;
      }
      const base = given?.kind === 'object' ? given : undefined;
      const entries = Object.entries(passed.defaults).map(([key, fallback]): [string, Value | undefined] => [key, item(base ?? object(span, []), key, literal(fallback, span))]);
      const block = object(base?.span ?? span, [...(base?.entries.filter((e) => !(e.key in passed.defaults)).map((e): [string, Value] => [e.key, e.value]) ?? []), ...entries]);
      pairs.push([passed.block, { kind: 'array', items: [block], span: block.span }]);
    }
    const resource = instance(call, module.resource, 'this', object(span, pairs), { inLoop: false, conditional: false });
    const resourceId = str(idOfInstance(resource), span);
    const endpoints = endpointsOf(call, read, resourceId, module);
    const outputs = object(span, [
      ['resource_id', resourceId],
      ['name', read.get('name')],
      ['resource', object(span, [['id', resourceId], ['name', read.get('name')]])],
    ]);
    return { resources: [resource, ...endpoints], outputs: { ...outputs, open: unknownValue(`an output of ${call.address} that is not mapped`, span) } };
  };
}

/**
 * avm-res-network-virtualnetwork: name, parent_id (a resource group id), location, dns_servers ({ dns_servers = [...] }),
 * subnets (map of { name, address_prefix | address_prefixes, … }). Outputs resource_id, name, and subnets: a map
 * (same keys) of the subnet module's outputs, of which resource_id and name are mapped.
 */
const virtualNetwork: Mapper = (call, read) => {
  const span = read.span;
  const name = read.get('name');
  const group = read.resourceGroup();
  const dns = read.get('dns_servers');
  const vnet = instance(
    call,
    'azurerm_virtual_network',
    'this',
    object(span, [
      ['name', name],
      ['resource_group_name', group],
      ['location', read.get('location')],
      ['tags', read.get('tags')],
      ['dns_servers', dns?.kind === 'object' ? getProp(dns, 'dns_servers') : dns?.kind === 'unknown' ? dns : undefined],
    ]),
    { inLoop: false, conditional: false },
  );
  const vnetId = str(idOfInstance(vnet), span);
  const subnetOutputs: ObjectEntry[] = [];
  const subnets = perEntry(read, 'subnets', (key, subnet, loop) => {
    const made = instance(
      call,
      'azurerm_subnet',
      `this["${key}"]`,
      object(subnet.span ?? span, [
        ['name', item(subnet, 'name', unknownValue(`subnets["${key}"] has no name`, span))],
        ['resource_group_name', group],
        ['virtual_network_name', name],
      ]),
      loop,
    );
    const id = str(idOfInstance(made), subnet.span ?? span);
    subnetOutputs.push({ key, value: object(subnet.span ?? span, [['resource_id', id], ['name', getProp(made.values, 'name')]]) });
    return made;
  });
  const known = read.entries('subnets') !== 'unknown';
  const outputs = object(span, [
    ['resource_id', vnetId],
    ['name', name],
    ['resource', object(span, [['id', vnetId], ['name', name]])],
    ['subnets', known ? { kind: 'object', entries: subnetOutputs, span } : unknownValue(`the subnets of ${call.address} are not known`, span)],
  ]);
  return { resources: [vnet, ...subnets], outputs: { ...outputs, open: unknownValue(`an output of ${call.address} that is not mapped`, span) } };
};

const privateDnsZone: Mapper = (call, read) => {
  const span = read.span;
  const domain = read.get('domain_name');
  const parent = read.get('parent_id');
  const group = parent?.kind === 'string' ? /\/resourceGroups\/([^/]+)$/i.exec(parent.value)?.[1] : undefined;
  const groupValue = group ? str(group, parent!.span) : parent?.kind === 'unknown' ? parent : undefined;
  const zone = instance(call, 'azurerm_private_dns_zone', 'this', object(span, [['name', domain], ['resource_group_name', groupValue], ['tags', read.get('tags')]]), { inLoop: false, conditional: false });
  const zoneId = str(idOfInstance(zone), span);
  const links = perEntry(read, 'virtual_network_links', (key, link, loop) =>
    instance(
      call,
      'azurerm_private_dns_zone_virtual_network_link',
      `this["${key}"]`,
      object(link.span ?? span, [
        ['name', item(link, 'name', item(link, 'vnetlinkname', unknownValue('the link name is not known', span)))],
        ['private_dns_zone_id', zoneId],
        ['virtual_network_id', item(link, 'virtual_network_id', item(link, 'vnetid', undefined))],
        ['registration_enabled', item(link, 'registration_enabled', item(link, 'autoregistration', { kind: 'bool', value: false, span }))],
      ]),
      loop,
    ),
  );
  const records = perEntry(read, 'a_records', (key, record, loop) =>
    instance(
      call,
      'azurerm_private_dns_a_record',
      `this["${key}"]`,
      object(record.span ?? span, [
        ['name', item(record, 'name', undefined)],
        ['zone_name', domain],
        ['resource_group_name', groupValue],
        ['records', item(record, 'ip_addresses', item(record, 'records', undefined))],
      ]),
      loop,
    ),
  );
  const outputs = object(span, [
    ['resource_id', zoneId],
    ['name', domain],
    ['resource', object(span, [['id', zoneId], ['name', domain]])],
  ]);
  return { resources: [zone, ...links, ...records], outputs: { ...outputs, open: unknownValue(`an output of ${call.address} that is not mapped`, span) } };
};

const MODULES: Record<string, Mapper> = {
  'azure/avm-res-cache-redis/azurerm': redis,
  'azure/avm-res-network-privatednszone/azurerm': privateDnsZone,
  'azure/avm-res-network-virtualnetwork/azurerm': virtualNetwork,
  ...Object.fromEntries(Object.entries(SERVICE_MODULES).map(([source, module]) => [source, serviceMapper(module)])),
};
