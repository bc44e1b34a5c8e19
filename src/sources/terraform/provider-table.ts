// Terraform provider resources → ARM resource shape: ONE table, one entry per provider resource type, read by
// arm-shape.ts. Adding a resource is one entry (plus a test); no rule knows Terraform.
//
// Schemas checked against hashicorp/terraform-provider-azurerm `website/docs/r/*.html.markdown` (main, Aug 2026)
// and its upgrade guides. Differences between major versions that the table covers:
// - azurerm_redis_cache: `enable_non_ssl_port` (v3) was renamed `non_ssl_port_enabled` in v4; both are read.
//   `public_network_access_enabled` defaults to true (v3 to v5): not setting it leaves the cache public.
//   `minimum_tls_version` defaults to "1.2" in the current documentation; an unset value is left absent here.
// - azurerm_private_dns_zone_virtual_network_link: zone by `private_dns_zone_name` + `resource_group_name` (v3, v4)
//   or by `private_dns_zone_id` (v5). Both are read.
// - azurerm_redis_enterprise_cluster/_database: deprecated in v4 in favour of azurerm_managed_redis (added in 4.x),
//   removed in v5. `sku_name` is `Enterprise_E10-2` (name-capacity).
// - azurerm_managed_redis: `public_network_access` ("Enabled"/"Disabled", default "Enabled"), `default_database`
//   block with `client_protocol` (default "Encrypted") and a port of 10000.
// - azurerm_private_endpoint: unchanged across v3-v5 for what is read here (`private_service_connection`,
//   `private_dns_zone_group`, `subnet_id`).
// - azapi_resource: `type = "<ARM type>@<api version>"`, `parent_id`, `body` (an object in azapi v2; a
//   `jsonencode(...)` string in v1, read through jsonencode's argument).

/** How a value is converted on its way to ARM. */
export type Convert =
  | 'enabledDisabled' // bool → "Enabled" / "Disabled"
  | 'idObject' // "…/subnets/s" → { id: "…/subnets/s" }
  | 'zoneConfigs' // [zone ids] → [{ name, properties: { privateDnsZoneId } }]
  | 'enterpriseSkuName' // "Enterprise_E10-2" → "Enterprise_E10"
  | 'enterpriseCapacity' // "Enterprise_E10-2" → 2
  | 'subnetNames' // [{ name = "a" }] (inline subnet blocks) → [{ name: "a" }]
  | 'aRecords' // ["10.0.0.4"] → [{ ipv4Address: "10.0.0.4" }]
  | 'sslPortBoolean'; // non-SSL port flag (kept as is, listed so the fix writer knows it is a bool)

export interface PropertyRule {
  /** Dotted ARM path in the body (`properties.publicNetworkAccess`). */
  readonly arm: string;
  /**
   * Terraform attribute(s), the first present wins (older names after newer ones). `block.attribute` reads an
   * attribute of a nested block (its first one: `network_rules.default_action`).
   */
  readonly tf: string | readonly string[];
  readonly convert?: Convert;
  /** The provider's default when the attribute is not set (in Terraform terms, before conversion). */
  readonly default?: string | number | boolean;
}

/** A nested block list that becomes an ARM array (`private_service_connection` → connections). */
export interface BlockListRule {
  readonly arm: string;
  readonly block: string;
  /** Only the blocks whose attribute has this value (absent: the attribute's default `whenDefault`). */
  readonly where?: { readonly attribute: string; readonly equals: boolean; readonly whenAbsent: boolean };
  readonly item: readonly PropertyRule[];
}

/** Where a resource's parent comes from: an id attribute, or a name (+ resource group) of a known type. */
export type ParentRule =
  | { readonly idAttribute: string }
  | { readonly type: string; readonly nameAttribute: string; readonly resourceGroupAttribute: string };

/** A nested block that is a child resource in ARM (`private_dns_zone_group` → privateDnsZoneGroups). */
export interface ChildBlockRule {
  readonly block: string;
  readonly type: string;
  readonly nameAttribute: string;
  readonly properties: readonly PropertyRule[];
}

export interface ResourceMapping {
  readonly armType: string;
  readonly nameAttribute: string;
  /** Tried in order; the first whose attributes are set gives the parent. */
  readonly parents?: readonly ParentRule[];
  readonly properties?: readonly PropertyRule[];
  readonly blockLists?: readonly BlockListRule[];
  readonly children?: readonly ChildBlockRule[];
}

const RG = 'resource_group_name';
const COMMON: PropertyRule[] = [
  { arm: 'location', tf: 'location' },
  { arm: 'tags', tf: 'tags' },
];

export const PROVIDER_TABLE: Readonly<Record<string, ResourceMapping>> = {
  azurerm_redis_cache: {
    armType: 'Microsoft.Cache/redis',
    nameAttribute: 'name',
    properties: [
      ...COMMON,
      { arm: 'properties.sku.name', tf: 'sku_name' },
      { arm: 'properties.sku.family', tf: 'family' },
      { arm: 'properties.sku.capacity', tf: 'capacity' },
      { arm: 'properties.publicNetworkAccess', tf: 'public_network_access_enabled', convert: 'enabledDisabled', default: true },
      { arm: 'properties.enableNonSslPort', tf: ['non_ssl_port_enabled', 'enable_non_ssl_port'], convert: 'sslPortBoolean' },
      { arm: 'properties.minimumTlsVersion', tf: 'minimum_tls_version' },
      { arm: 'properties.subnetId', tf: 'subnet_id' },
      { arm: 'properties.shardCount', tf: 'shard_count' },
    ],
  },
  azurerm_redis_firewall_rule: {
    armType: 'Microsoft.Cache/redis/firewallRules',
    nameAttribute: 'name',
    parents: [{ type: 'Microsoft.Cache/redis', nameAttribute: 'redis_cache_name', resourceGroupAttribute: RG }],
    properties: [
      { arm: 'properties.startIP', tf: 'start_ip' },
      { arm: 'properties.endIP', tf: 'end_ip' },
    ],
  },
  azurerm_redis_enterprise_cluster: {
    armType: 'Microsoft.Cache/redisEnterprise',
    nameAttribute: 'name',
    properties: [
      ...COMMON,
      { arm: 'sku.name', tf: 'sku_name', convert: 'enterpriseSkuName' },
      { arm: 'sku.capacity', tf: 'sku_name', convert: 'enterpriseCapacity' },
      { arm: 'properties.minimumTlsVersion', tf: 'minimum_tls_version' },
    ],
  },
  azurerm_redis_enterprise_database: {
    armType: 'Microsoft.Cache/redisEnterprise/databases',
    nameAttribute: 'name',
    parents: [{ idAttribute: 'cluster_id' }],
    properties: [
      { arm: 'properties.port', tf: 'port', default: 10000 },
      { arm: 'properties.clientProtocol', tf: 'client_protocol', default: 'Encrypted' },
    ],
  },
  azurerm_managed_redis: {
    armType: 'Microsoft.Cache/redisEnterprise',
    nameAttribute: 'name',
    properties: [
      ...COMMON,
      { arm: 'sku.name', tf: 'sku_name' },
      { arm: 'properties.publicNetworkAccess', tf: 'public_network_access', default: 'Enabled' },
    ],
    children: [
      {
        block: 'default_database',
        type: 'Microsoft.Cache/redisEnterprise/databases',
        nameAttribute: '',
        properties: [
          { arm: 'properties.port', tf: 'port', default: 10000 },
          { arm: 'properties.clientProtocol', tf: 'client_protocol', default: 'Encrypted' },
        ],
      },
    ],
  },
  azurerm_private_endpoint: {
    armType: 'Microsoft.Network/privateEndpoints',
    nameAttribute: 'name',
    properties: [...COMMON, { arm: 'properties.subnet', tf: 'subnet_id', convert: 'idObject' }],
    blockLists: [
      {
        arm: 'properties.privateLinkServiceConnections',
        block: 'private_service_connection',
        where: { attribute: 'is_manual_connection', equals: false, whenAbsent: false },
        item: [
          { arm: 'name', tf: 'name' },
          { arm: 'properties.privateLinkServiceId', tf: 'private_connection_resource_id' },
          { arm: 'properties.groupIds', tf: 'subresource_names' },
        ],
      },
      {
        arm: 'properties.manualPrivateLinkServiceConnections',
        block: 'private_service_connection',
        where: { attribute: 'is_manual_connection', equals: true, whenAbsent: false },
        item: [
          { arm: 'name', tf: 'name' },
          { arm: 'properties.privateLinkServiceId', tf: 'private_connection_resource_id' },
          { arm: 'properties.groupIds', tf: 'subresource_names' },
        ],
      },
    ],
    children: [
      {
        block: 'private_dns_zone_group',
        type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
        nameAttribute: 'name',
        properties: [{ arm: 'properties.privateDnsZoneConfigs', tf: 'private_dns_zone_ids', convert: 'zoneConfigs' }],
      },
    ],
  },
  azurerm_private_dns_zone: {
    armType: 'Microsoft.Network/privateDnsZones',
    nameAttribute: 'name',
    properties: [{ arm: 'tags', tf: 'tags' }],
  },
  azurerm_private_dns_zone_virtual_network_link: {
    armType: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
    nameAttribute: 'name',
    parents: [{ idAttribute: 'private_dns_zone_id' }, { type: 'Microsoft.Network/privateDnsZones', nameAttribute: 'private_dns_zone_name', resourceGroupAttribute: RG }],
    properties: [
      { arm: 'properties.virtualNetwork', tf: 'virtual_network_id', convert: 'idObject' },
      { arm: 'properties.registrationEnabled', tf: 'registration_enabled', default: false },
      { arm: 'tags', tf: 'tags' },
    ],
  },
  azurerm_private_dns_a_record: {
    armType: 'Microsoft.Network/privateDnsZones/A',
    nameAttribute: 'name',
    parents: [{ type: 'Microsoft.Network/privateDnsZones', nameAttribute: 'zone_name', resourceGroupAttribute: RG }],
    properties: [{ arm: 'properties.aRecords', tf: 'records', convert: 'aRecords' }],
  },
  azurerm_virtual_network: {
    armType: 'Microsoft.Network/virtualNetworks',
    nameAttribute: 'name',
    properties: [
      ...COMMON,
      { arm: 'properties.dhcpOptions.dnsServers', tf: 'dns_servers' },
      { arm: 'properties.subnets', tf: 'subnet', convert: 'subnetNames' },
    ],
  },
  azurerm_subnet: {
    armType: 'Microsoft.Network/virtualNetworks/subnets',
    nameAttribute: 'name',
    parents: [{ type: 'Microsoft.Network/virtualNetworks', nameAttribute: 'virtual_network_name', resourceGroupAttribute: RG }],
  },
};

/**
 * The other Private Link services of the catalog (src/catalog/private-link-services.ts): the public-access switch
 * and what restricts it, in ARM terms the catalog names. `public_network_access_enabled` defaults to true for each
 * of these in azurerm v3-v5 (storage, key vault, SQL, Cosmos DB, container registry, web apps, Event Hubs,
 * Service Bus, AI services, PostgreSQL flexible server); the network rule blocks are `network_rules` (storage), `network_acls` (key vault) and
 * `network_rule_set` (container registry).
 */
const PUBLIC_SWITCH: PropertyRule = { arm: 'properties.publicNetworkAccess', tf: 'public_network_access_enabled', convert: 'enabledDisabled', default: true };
const service = (armType: string, extra: PropertyRule[] = []): ResourceMapping => ({
  armType,
  nameAttribute: 'name',
  properties: [...COMMON, PUBLIC_SWITCH, ...extra],
});

Object.assign(PROVIDER_TABLE, {
  azurerm_storage_account: service('Microsoft.Storage/storageAccounts', [{ arm: 'properties.networkAcls.defaultAction', tf: 'network_rules.default_action' }]),
  azurerm_key_vault: service('Microsoft.KeyVault/vaults', [{ arm: 'properties.networkAcls.defaultAction', tf: 'network_acls.default_action' }]),
  azurerm_mssql_server: service('Microsoft.Sql/servers'),
  azurerm_cosmosdb_account: service('Microsoft.DocumentDB/databaseAccounts', [{ arm: 'properties.isVirtualNetworkFilterEnabled', tf: 'is_virtual_network_filter_enabled' }]),
  azurerm_container_registry: service('Microsoft.ContainerRegistry/registries', [{ arm: 'properties.networkRuleSet.defaultAction', tf: 'network_rule_set.default_action' }]),
  azurerm_linux_web_app: service('Microsoft.Web/sites'),
  azurerm_windows_web_app: service('Microsoft.Web/sites'),
  azurerm_eventhub_namespace: service('Microsoft.EventHub/namespaces'),
  azurerm_servicebus_namespace: service('Microsoft.ServiceBus/namespaces'),
  // Both default `public_network_access_enabled` to true (azurerm v4; the AVM modules override it, avm-services.ts).
  azurerm_cognitive_account: service('Microsoft.CognitiveServices/accounts', [{ arm: 'properties.networkAcls.defaultAction', tf: 'network_acls.default_action' }]),
  azurerm_postgresql_flexible_server: service('Microsoft.DBforPostgreSQL/flexibleServers'),
});

/** Data sources that name resources deployed elsewhere: identity only (the graph marks them `existing`). */
export const DATA_TABLE: Readonly<Record<string, ResourceMapping>> = {
  azurerm_redis_cache: { armType: 'Microsoft.Cache/redis', nameAttribute: 'name' },
  azurerm_managed_redis: { armType: 'Microsoft.Cache/redisEnterprise', nameAttribute: 'name' },
  azurerm_private_dns_zone: { armType: 'Microsoft.Network/privateDnsZones', nameAttribute: 'name' },
  azurerm_virtual_network: { armType: 'Microsoft.Network/virtualNetworks', nameAttribute: 'name' },
  azurerm_subnet: PROVIDER_TABLE.azurerm_subnet,
  azurerm_private_endpoint: { armType: 'Microsoft.Network/privateEndpoints', nameAttribute: 'name' },
};
