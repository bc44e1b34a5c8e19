// Azure Verified Modules from the public registry, understood through their documented parameters instead of
// downloading them: a call becomes the resources the module would deploy, in ARM shape, every value located at
// the argument the user wrote (so squiggles and fixes land in the user's file, in the module's `params`).
//
// Parameter names and defaults were read from Azure/bicep-registry-modules (main.bicep of each module):
// - avm/res/cache/redis: name, location, skuName ('Premium'), capacity (1), enableNonSslPort (false),
//   minimumTlsVersion ('1.2'), publicNetworkAccess (omitted → 'Disabled' when privateEndpoints is not empty,
//   else null, i.e. the service default 'Enabled'), subnetResourceId, shardCount, tags, firewallRules[]
//   {name, startIP, endIP}, privateEndpoints[] {name, subnetResourceId, service ('redisCache'),
//   isManualConnection, privateDnsZoneGroup {name, privateDnsZoneGroupConfigs[] {name, privateDnsZoneResourceId}},
//   customDnsConfigs, ipConfigurations, tags}.
// - avm/res/cache/redis-enterprise: name, skuName ('Balanced_B5'), capacity, minimumTlsVersion ('1.2'),
//   publicNetworkAccess (omitted → 'Disabled' when privateEndpoints is not empty, else 'Enabled'),
//   database {name, port, clientProtocol, ...}, privateEndpoints[] (as above, service 'redisEnterprise').
// - avm/res/network/private-endpoint: name, subnetResourceId, privateLinkServiceConnections[],
//   manualPrivateLinkServiceConnections[] (ARM shape), privateDnsZoneGroup (as above; older versions:
//   privateDnsZoneResourceIds[] + privateDnsZoneGroupName), customDnsConfigs, ipConfigurations, location, tags.
// - avm/res/network/private-dns-zone: name, tags, virtualNetworkLinks[] {name (default '<vnet>-vnetlink'),
//   virtualNetworkResourceId, registrationEnabled (false)}, a[] {name, aRecords[] {ipv4Address}}.
// - avm/res/network/virtual-network: name, location, tags, addressPrefixes[], subnets[] {name, addressPrefix, …};
//   outputs resourceId, name, subnetNames[], subnetResourceIds[] (resourceId of each subnet, in order), location.
//   Designs use it for the networks endpoints sit in and zones link to (`vnet.outputs.subnetResourceIds[0]`).
// - Every other resource module of a catalogued Private Link service (src/catalog/private-link-services.ts,
//   `avmModule`): the shared `privateEndpoints[]` parameter (avm-common-types privateEndpointSingleServiceType /
//   MultiServiceType: `service` names the subresource, required where the type has several; `privateDnsZoneGroup`
//   as above) and `publicNetworkAccess`. An omitted `publicNetworkAccess` is the module's to decide (most disable it
//   when endpoints are given, storage closes its firewall by default): Unknown, never guessed.

import type { PrivateLinkService } from '../../catalog/private-link-services';
import { groupIdsOf } from '../../catalog/targets';
import { PRIVATE_LINK_SERVICES } from '../../catalog/private-link-services';
import { buildResourceId } from '../../graph/resource-id';
import type { FileSpan } from '../../graph/types';
import type { ModuleCall, ModuleResult } from './eval-file';
import { ModuleArguments } from './eval-arguments';
import type { ObjectEntry, Value } from './eval-value';
import { getProp, str, unknownValue } from './eval-value';
import type { DeclaredResource } from './graph-declared';

export type AvmModule = 'redis' | 'redis-enterprise' | 'private-endpoint' | 'private-dns-zone' | 'virtual-network' | PrivateLinkService;

const AVM_SOURCE = /(?:^br\/public:|^br:mcr\.microsoft\.com\/bicep\/)avm\/res\/([a-z0-9-]+\/[a-z0-9-]+)(?::|$)/i;

const OWN_MODULES: Readonly<Record<string, AvmModule>> = {
  'cache/redis': 'redis',
  'cache/redis-enterprise': 'redis-enterprise',
  'network/private-endpoint': 'private-endpoint',
  'network/private-dns-zone': 'private-dns-zone',
  'network/virtual-network': 'virtual-network',
};

const SERVICE_MODULES = new Map(PRIVATE_LINK_SERVICES.filter((s) => s.avmModule).map((s) => [s.avmModule!, s]));

/** Which AVM module a module source names, if it is one we understand. */
export function avmModuleOf(source: string | undefined): AvmModule | undefined {
  const match = source ? AVM_SOURCE.exec(source) : null;
  if (!match) return undefined;
  const path = match[1].toLowerCase();
  return OWN_MODULES[path] ?? SERVICE_MODULES.get(path);
}

const PE_TYPE = 'Microsoft.Network/privateEndpoints';
const ZONE_TYPE = 'Microsoft.Network/privateDnsZones';
const VNET_TYPE = 'Microsoft.Network/virtualNetworks';

/** Builds an object value, leaving out absent entries. */
function obj(entries: readonly (readonly [string, Value | undefined])[], span?: FileSpan): Value {
  const kept: ObjectEntry[] = [];
  for (const [key, value] of entries) if (value !== undefined) kept.push({ key, value });
  return { kind: 'object', entries: kept, span };
}

function arr(items: readonly Value[], span?: FileSpan): Value {
  return { kind: 'array', items, span };
}

/** A parameter value, or the module's documented default (a default has no span: nothing to underline). */
/** A module's arguments (read one by one, as the module reads them: eval-arguments.ts) or an object argument. */
type Params = Value | ModuleArguments;

function param(params: Params, name: string, fallback?: Value): Value | undefined {
  const value = params instanceof ModuleArguments ? params.prop(name) : getProp(params, name);
  return value === undefined || value.kind === 'null' ? fallback : value;
}

function items(value: Value | undefined): readonly Value[] | undefined {
  if (value === undefined || value.kind === 'null') return [];
  return value.kind === 'array' ? value.items : undefined;
}

class AvmBuilder {
  readonly resources: DeclaredResource[] = [];

  constructor(private readonly call: ModuleCall) {}

  id(type: string, name: Value | undefined, symbol: string): string {
    return name?.kind === 'string' && name.value ? buildResourceId(type, [name.value], this.call.scope) : `design:${this.call.fromFile}#${symbol}`;
  }

  add(resource: Omit<DeclaredResource, 'file' | 'inLoop' | 'conditional' | 'cloud' | 'existing' | 'id'> & { id?: string }): DeclaredResource {
    const declared: DeclaredResource = {
      ...resource,
      file: this.call.fromFile,
      inLoop: this.call.inLoop,
      conditional: this.call.conditional,
      cloud: this.call.cloud,
      existing: false,
      id: resource.id ?? `design:${this.call.fromFile}#${resource.symbol}`,
    };
    this.resources.push(declared);
    return declared;
  }

  /**
   * The `privateEndpoints[]` of a resource module: one endpoint (and zone group) per element. `defaultGroupId`:
   * the module's `service` when the element omits it (single-service modules); undefined where it is required.
   */
  cacheEndpoints(endpoints: readonly Value[], cache: DeclaredResource, defaultGroupId: string | undefined): void {
    endpoints.forEach((element, index) => {
      const symbol = `${this.call.symbol}.privateEndpoints[${index}]`;
      const service = param(element, 'service', defaultGroupId ? str(defaultGroupId) : unknownValue('service is not set'));
      const manual = param(element, 'isManualConnection');
      const cacheName = cache.name.kind === 'string' ? cache.name.value : undefined;
      const serviceName = service?.kind === 'string' ? service.value : undefined;
      const name = param(
        element,
        'name',
        cacheName && serviceName ? str(`pep-${cacheName}-${serviceName}-${index}`) : unknownValue('the endpoint name derives from an unknown name or service'),
      );
      const connection = obj([
        ['name', param(element, 'privateLinkServiceConnectionName')],
        ['properties', obj([['privateLinkServiceId', str(cache.id)], ['groupIds', arr(service ? [service] : [])]])],
      ]);
      const manualKnown = manual === undefined ? false : manual.kind === 'bool' ? manual.value : undefined;
      const connections: readonly (readonly [string, Value | undefined])[] =
        manualKnown === undefined
          ? [['privateLinkServiceConnections', unknownValue('isManualConnection is not known')]]
          : [[manualKnown ? 'manualPrivateLinkServiceConnections' : 'privateLinkServiceConnections', arr([connection])]];
      const endpoint = this.add({
        symbol,
        type: PE_TYPE,
        id: this.id(PE_TYPE, name, symbol),
        name: name ?? unknownValue('no name'),
        // The module tags its endpoints with the cache's tags unless the element has its own.
        body: this.endpointBody(element, name, connections, this.call.arguments.prop('tags')),
        span: element.span ?? this.call.span,
        insertInto: element.kind === 'object' ? element.span : undefined,
      });
      this.zoneGroup(param(element, 'privateDnsZoneGroup'), endpoint);
    });
  }

  endpointBody(params: Params, name: Value | undefined, connections: readonly (readonly [string, Value | undefined])[], inheritedTags?: Value): Value {
    return obj([
      ['name', name],
      ['location', param(params, 'location')],
      ['tags', param(params, 'tags', inheritedTags)],
      [
        'properties',
        obj([
          ['subnet', obj([['id', param(params, 'subnetResourceId')]])],
          ...connections,
          ['customDnsConfigs', param(params, 'customDnsConfigs')],
          ['ipConfigurations', param(params, 'ipConfigurations')],
        ]),
      ],
    ]);
  }

  /** `privateDnsZoneGroup: { name?, privateDnsZoneGroupConfigs: [{ name?, privateDnsZoneResourceId }] }`. */
  zoneGroup(group: Value | undefined, endpoint: DeclaredResource): void {
    if (group === undefined) return;
    const configs = items(getProp(group, 'privateDnsZoneGroupConfigs'));
    const zoneConfigs =
      configs === undefined
        ? unknownValue('privateDnsZoneGroupConfigs is not known')
        : arr(configs.map((c) => obj([['name', getProp(c, 'name')], ['properties', obj([['privateDnsZoneId', getProp(c, 'privateDnsZoneResourceId')]])]])));
    this.zoneGroupResource(group, param(group, 'name', str('default')), zoneConfigs, endpoint);
  }

  zoneGroupResource(group: Value, name: Value | undefined, configs: Value, endpoint: DeclaredResource): void {
    const groupName = name?.kind === 'string' ? name.value : 'default';
    this.add({
      symbol: `${endpoint.symbol}.privateDnsZoneGroup`,
      type: `${PE_TYPE}/privateDnsZoneGroups`,
      id: endpoint.id.startsWith('/') ? `${endpoint.id}/privateDnsZoneGroups/${groupName}` : `${endpoint.id}.privateDnsZoneGroup`,
      name: name ?? str('default'),
      parentId: endpoint.id,
      body: obj([['name', name], ['properties', obj([['privateDnsZoneConfigs', configs]])]]),
      span: group.span ?? endpoint.span,
      insertInto: group.kind === 'object' ? group.span : undefined,
    });
  }
}

export function avmResources(kind: AvmModule, call: ModuleCall): ModuleResult {
  const builder = new AvmBuilder(call);
  const params = call.arguments;
  const name = param(params, 'name');
  const common = { symbol: call.symbol, name: name ?? unknownValue('no name'), span: call.span, insertInto: call.paramsSpan };
  /** The module's main resource: name, location and tags as the module passes them, then `rest`. */
  const addMain = (type: string, rest: readonly (readonly [string, Value | undefined])[]) =>
    builder.add({
      ...common,
      type,
      id: builder.id(type, name, call.symbol),
      body: obj([['name', name], ['location', param(params, 'location')], ['tags', param(params, 'tags')], ...rest]),
    });
  let main: DeclaredResource | undefined;
  switch (kind) {
    case 'redis': {
      const type = 'Microsoft.Cache/redis';
      const endpoints = items(param(params, 'privateEndpoints'));
      const skuName = param(params, 'skuName', str('Premium'));
      main = addMain(type, [
        [
          'properties',
          obj([
            ['sku', obj([['name', skuName], ['family', skuFamily(skuName)], ['capacity', param(params, 'capacity', { kind: 'number', value: 1 })]])],
            ['enableNonSslPort', param(params, 'enableNonSslPort', { kind: 'bool', value: false })],
            ['minimumTlsVersion', param(params, 'minimumTlsVersion', str('1.2'))],
            // Omitted: the module disables public access when it creates endpoints, else leaves the service default.
            ['publicNetworkAccess', param(params, 'publicNetworkAccess', defaultAccess(endpoints, undefined))],
            ['subnetId', param(params, 'subnetResourceId')],
            ['shardCount', param(params, 'shardCount')],
          ]),
        ],
      ]);
      for (const [index, rule] of (items(param(params, 'firewallRules')) ?? []).entries()) {
        builder.add({
          symbol: `${call.symbol}.firewallRules[${index}]`,
          type: `${type}/firewallRules`,
          name: getProp(rule, 'name') ?? unknownValue('no name'),
          parentId: main.id,
          body: obj([['name', getProp(rule, 'name')], ['properties', obj([['startIP', getProp(rule, 'startIP')], ['endIP', getProp(rule, 'endIP')]])]]),
          span: rule.span ?? call.span,
        });
      }
      if (endpoints) builder.cacheEndpoints(endpoints, main, 'redisCache');
      break;
    }
    case 'redis-enterprise': {
      const type = 'Microsoft.Cache/redisEnterprise';
      const endpoints = items(param(params, 'privateEndpoints'));
      main = addMain(type, [
        ['sku', obj([['name', param(params, 'skuName', str('Balanced_B5'))], ['capacity', param(params, 'capacity')]])],
        [
          'properties',
          obj([
            ['minimumTlsVersion', param(params, 'minimumTlsVersion', str('1.2'))],
            ['publicNetworkAccess', param(params, 'publicNetworkAccess', defaultAccess(endpoints, str('Enabled')))],
          ]),
        ],
      ]);
      const database = param(params, 'database');
      if (database) {
        builder.add({
          symbol: `${call.symbol}.database`,
          type: `${type}/databases`,
          name: param(database, 'name', str('default')) ?? str('default'),
          parentId: main.id,
          body: obj([['properties', obj([['port', getProp(database, 'port')], ['clientProtocol', getProp(database, 'clientProtocol')]])]]),
          span: database.span ?? call.span,
        });
      }
      if (endpoints) builder.cacheEndpoints(endpoints, main, 'redisEnterprise');
      break;
    }
    case 'private-endpoint': {
      main = builder.add({
        ...common,
        type: PE_TYPE,
        id: builder.id(PE_TYPE, name, call.symbol),
        body: builder.endpointBody(params, name, [
          ['privateLinkServiceConnections', param(params, 'privateLinkServiceConnections')],
          ['manualPrivateLinkServiceConnections', param(params, 'manualPrivateLinkServiceConnections')],
        ]),
      });
      const group = param(params, 'privateDnsZoneGroup');
      if (group) builder.zoneGroup(group, main);
      const legacyIds = param(params, 'privateDnsZoneResourceIds');
      if (legacyIds) {
        const ids = items(legacyIds);
        const configs = ids === undefined ? unknownValue('privateDnsZoneResourceIds is not known') : arr(ids.map((id) => obj([['properties', obj([['privateDnsZoneId', id]])]])));
        builder.zoneGroupResource(legacyIds, param(params, 'privateDnsZoneGroupName', str('default')), configs, main);
      }
      break;
    }
    case 'private-dns-zone': {
      main = builder.add({ ...common, type: ZONE_TYPE, id: builder.id(ZONE_TYPE, name, call.symbol), body: obj([['name', name], ['tags', param(params, 'tags')]]) });
      for (const [index, link] of (items(param(params, 'virtualNetworkLinks')) ?? []).entries()) {
        const vnetId = getProp(link, 'virtualNetworkResourceId');
        const linkName = param(link, 'name', vnetId?.kind === 'string' ? str(`${vnetId.value.split('/').pop()}-vnetlink`) : unknownValue('the link name derives from an unknown VNet id'));
        builder.add({
          symbol: `${call.symbol}.virtualNetworkLinks[${index}]`,
          type: `${ZONE_TYPE}/virtualNetworkLinks`,
          id: main.id.startsWith('/') && linkName?.kind === 'string' ? `${main.id}/virtualNetworkLinks/${linkName.value}` : undefined,
          name: linkName ?? unknownValue('no name'),
          parentId: main.id,
          body: obj([
            ['name', linkName],
            ['properties', obj([['virtualNetwork', obj([['id', vnetId]])], ['registrationEnabled', param(link, 'registrationEnabled', { kind: 'bool', value: false })]])],
          ]),
          span: link.span ?? call.span,
          insertInto: link.kind === 'object' ? link.span : undefined,
        });
      }
      for (const [index, record] of (items(param(params, 'a')) ?? []).entries()) {
        const recordName = getProp(record, 'name') ?? unknownValue('no name');
        builder.add({
          symbol: `${call.symbol}.a[${index}]`,
          type: `${ZONE_TYPE}/A`,
          id: main.id.startsWith('/') && recordName.kind === 'string' ? `${main.id}/A/${recordName.value}` : undefined,
          name: recordName,
          parentId: main.id,
          body: obj([['properties', obj([['aRecords', getProp(record, 'aRecords')]])]]),
          span: record.span ?? call.span,
        });
      }
      break;
    }
    default: {
      // A catalogued Private Link service: its main resource, public access as written, and its endpoints.
      const service = kind;
      const endpoints = items(param(params, 'privateEndpoints'));
      const access = service.publicAccess;
      const written = param(params, 'publicNetworkAccess');
      const properties: [string, Value | undefined][] = [];
      if (access) {
        // The module's parameter lands where the catalog reads the switch (`properties.network.publicNetworkAccess`…).
        const value = written ?? unknownValue(`publicNetworkAccess is omitted: the ${service.avmModule} module decides it`);
        properties.push(...nested(access.property.split('.').slice(1), value));
        const restriction = access.restrictedWhen?.property.split('.')[1];
        if (restriction) properties.push([restriction, param(params, restriction)]);
      }
      main = addMain(service.resourceType, [['properties', obj(properties)]]);
      const groupIds = groupIdsOf(service);
      if (endpoints) builder.cacheEndpoints(endpoints, main, groupIds.length === 1 ? groupIds[0] : undefined);
      break;
    }
    case 'virtual-network': {
      const subnets = items(param(params, 'subnets'));
      main = addMain(VNET_TYPE, [
        [
          'properties',
          obj([
            ['addressSpace', obj([['addressPrefixes', param(params, 'addressPrefixes')]])],
            ['subnets', subnets === undefined ? unknownValue('subnets is not known') : arr(subnets.map((subnet) => obj([['name', getProp(subnet, 'name')], ['properties', obj([['addressPrefix', getProp(subnet, 'addressPrefix')]])]], subnet.span)))],
          ]),
        ],
      ]);
      break;
    }
  }
  const mainResource = main;
  const label = typeof kind === 'string' ? kind : kind.avmModule;
  if (!mainResource) return { resources: [], output: () => unknownValue(`the ${label} module is not understood`) };
  return {
    resources: builder.resources,
    output(outputName) {
      if (outputName === 'resourceId') return str(mainResource.id);
      if (outputName === 'name') return mainResource.name;
      if (kind === 'virtual-network' && (outputName === 'subnetResourceIds' || outputName === 'subnetNames')) return subnetOutput(mainResource, params, outputName);
      return unknownValue(`output '${outputName}' of the ${label} module is not evaluated`);
    },
  };
}

/** `subnetNames` / `subnetResourceIds` of the virtual-network module: one entry per `subnets` element, in order. */
function subnetOutput(vnet: DeclaredResource, params: Params, output: 'subnetNames' | 'subnetResourceIds'): Value {
  const subnets = items(param(params, 'subnets'));
  if (subnets === undefined) return unknownValue('the subnets of the virtual network are not known');
  return arr(
    subnets.map((subnet) => {
      const subnetName = getProp(subnet, 'name');
      if (subnetName?.kind !== 'string') return unknownValue('a subnet name is not known');
      if (output === 'subnetNames') return str(subnetName.value);
      return vnet.id.startsWith('/') ? str(`${vnet.id}/subnets/${subnetName.value}`) : unknownValue('the virtual network name is not known');
    }),
  );
}

/** `['network', 'publicNetworkAccess']` + value → `[['network', { publicNetworkAccess: value }]]`. */
function nested(path: readonly string[], value: Value): [string, Value | undefined][] {
  if (path.length === 0) return [];
  if (path.length === 1) return [[path[0], value]];
  return [[path[0], obj(nested(path.slice(1), value))]];
}

function skuFamily(skuName: Value | undefined): Value {
  if (skuName?.kind !== 'string') return unknownValue('the SKU is not known');
  return str(skuName.value === 'Premium' ? 'P' : 'C');
}

/** The module's rule for an omitted publicNetworkAccess: 'Disabled' when it creates endpoints. */
function defaultAccess(endpoints: readonly Value[] | undefined, otherwise: Value | undefined): Value | undefined {
  if (endpoints === undefined) return unknownValue('publicNetworkAccess depends on privateEndpoints, which is not known');
  return endpoints.length > 0 ? str('Disabled') : otherwise;
}

