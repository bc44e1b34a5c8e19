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
// Any other registry module is not read: the caller records a coverage gap.

import type { FileSpan } from '../../graph/types';
import type { ObjectEntry, ObjectValue, Value } from '../bicep/eval-value';
import { getProp, str, unknownValue } from '../bicep/eval-value';
import { armIdOf } from './arm-shape';
import type { RegistryCall, ResourceInstance } from './evaluate';
import { MAX_INSTANCES } from './evaluate';
import { spanOf } from './spans';

type Mapper = (call: RegistryCall, read: Inputs) => { resources: ResourceInstance[]; outputs: Value };

/** Registry sources, lower-cased, without host and version: `registry.terraform.io/Azure/x/azurerm//sub` → `azure/x/azurerm`. */
function normalise(source: string): string {
  return source.toLowerCase().replace(/^registry\.terraform\.io\//, '').replace(/\/\/.*$/, '').replace(/\?.*$/, '');
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
  const nameText = name?.kind === 'string' ? name.value : undefined;
  const endpoints = perEntry(read, 'private_endpoints', (key, pe, loop) => {
    const zones = item(pe, 'private_dns_zone_resource_ids', { kind: 'array', items: [], span });
    const zoneGroup: Value =
      zones?.kind === 'unknown'
        ? zones
        : zones?.kind === 'array' && zones.items.length === 0
          ? { kind: 'array', items: [], span }
          : { kind: 'array', span, items: [object(pe.span ?? span, [['name', item(pe, 'private_dns_zone_group_name', str('default', span))], ['private_dns_zone_ids', zones]])] };
    return instance(
      call,
      'azurerm_private_endpoint',
      `this["${key}"]`,
      object(pe.span ?? span, [
        ['name', item(pe, 'name', nameText ? str(`pep-${nameText}`, span) : unknownValue('the endpoint name is not known', span))],
        ['location', item(pe, 'location', location)],
        ['resource_group_name', item(pe, 'resource_group_name', group)],
        ['subnet_id', item(pe, 'subnet_resource_id', undefined)],
        [
          'private_service_connection',
          {
            kind: 'array',
            span,
            items: [
              object(span, [
                ['name', item(pe, 'private_service_connection_name', nameText ? str(`pse-${nameText}`, span) : undefined)],
                ['private_connection_resource_id', cacheId],
                ['subresource_names', { kind: 'array', items: [str('redisCache', span)], span }],
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
  const outputs = object(span, [
    ['resource_id', cacheId],
    ['name', name],
    ['resource', object(span, [['id', cacheId], ['name', name]])],
  ]);
  return { resources: [cache, ...endpoints], outputs: { ...outputs, open: unknownValue(`an output of ${call.address} that is not mapped`, span) } };
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
};
