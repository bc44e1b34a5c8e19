// Every Private Link service the reviewer knows: resource type → group ids (subresources) → private DNS zones per
// cloud, how public access is written and what "open" means, and the hostname and port a probe uses. Data only;
// questions are answered by targets.ts. Adding a service is one entry here plus tests.
//
// Source: Microsoft Learn "Azure Private Endpoint DNS configuration" / "private DNS zone values",
// MicrosoftDocs/azure-docs `articles/private-link/private-endpoint-dns.md` at commit 42655f0e (ms.date 2023-10-11),
// its Azure, Government and China tables. Rows it does not hold come from the service's own Private Link page
// and say so in `notes`. Facts are carried over in our own form; where the page is ambiguous the decision is
// written next to the data. A cloud a subresource has no row for is `undefined`: not documented, never judged.
//
// Zone names may hold placeholders the page uses: {regionName} (the target's region, e.g. `westeurope`),
// {regionCode} (a short code such as `weu`), {dnsPrefix} (assigned by Azure to a SQL managed instance),
// {subzone} and {partitionId}. A placeholder the design cannot know matches any single DNS label.

import type { CloudName } from '../graph/types';

export type ZonesByCloud = Readonly<Partial<Record<CloudName, readonly string[]>>>;

export interface Subresource {
  /** Group ids as Microsoft writes them (`blob_secondary` shares `blob`'s zones). */
  readonly groupIds: readonly string[];
  /** The zone(s) the endpoint's zone group registers in, per cloud. Several: each serves part of the names. */
  readonly zones: ZonesByCloud;
  /**
   * Names the page lists that are not zones of their own but record names inside one of `zones` (ACR's
   * regional data endpoints `{regionName}.privatelink.azurecr.io`, App Service's `scm.` names). A zone group
   * naming one is not called wrong (some set-ups create them as zones), and never suggested.
   */
  readonly tolerated?: ZonesByCloud;
  /**
   * The public hostname clients use, per cloud (`{name}` is the resource name, `{regionName}` its location as zone
   * names write it). Only patterns Microsoft documents: a cloud without one is `undefined`, never guessed.
   */
  readonly host?: ZonesByCloud;
  /**
   * The dotted path of the property in which the resource itself states this hostname (a bare name or a URL), e.g.
   * `properties.fullyQualifiedDomainName`. Preferred to `host`: Azure wrote it, so it holds labels a name and a
   * region cannot give (a SQL managed instance's DNS zone id).
   */
  readonly hostProperty?: string;
  /** Why no hostname can be derived when neither `host` nor `hostProperty` gives one (for the probe's message). */
  readonly hostUnknownWhy?: string;
  /**
   * The A records (relative to the zone, `{name}` the resource name) one endpoint's zone group writes, by group
   * id, where they are not just `{name}`. The first is the resource's own record; the others are extra records
   * (a placeholder matches one DNS label), judged only against the names and addresses the endpoint itself
   * lists (`customDnsConfigs`): a record that merely fits the pattern may be another resource's.
   */
  readonly records?: Readonly<Record<string, readonly string[]>>;
  /**
   * For a subresource whose records are not named after the resource (AMPLS): zone name → the A records (relative
   * to that zone, templates; a placeholder matches one DNS label) its zone group writes there. Only the names the
   * endpoint itself lists (`customDnsConfigs`) are judged, each against the addresses listed for it; a listed
   * name that fits none of the templates, and a zone not named here, are not judged (never guessed).
   */
  readonly zoneRecords?: Readonly<Record<string, readonly string[]>>;
  /** The TCP port a probe checks. */
  readonly port?: number;
}

/**
 * How a resource type says whether its public endpoint is open. Checked in order: `restrictedWhen` (an ACL whose
 * default action denies: "restricted", not open), then the `property` value, then `whenAbsent`.
 */
export interface PublicAccess {
  /** Dotted path of the switch, e.g. `properties.publicNetworkAccess`. */
  readonly property: string;
  /** Values (case-insensitive) that close the public endpoint. */
  readonly closed: readonly string[];
  /** A property whose value (case-insensitive) makes the endpoint restricted rather than open. */
  readonly restrictedWhen?: { readonly property: string; readonly equals: string };
  /**
   * What an absent property means: 'open' (the API's default is Enabled), 'closed' (the service closes itself
   * once it has private endpoints), 'unknown' (the default depends on things a design may not show).
   */
  readonly whenAbsent: 'open' | 'closed' | 'unknown';
  /** Why the absent case is read as it is (for messages and the README). */
  readonly note?: string;
}

export interface PrivateLinkService {
  /** Stable key, used in settings (`privateLinkReview.services`) and evidence counts. */
  readonly id: string;
  readonly displayName: string;
  /** What one resource is called in messages ("storage account st1"). */
  readonly noun: string;
  /** The ARM resource type (compared case-insensitively). */
  readonly resourceType: string;
  /**
   * The Azure Verified Module that deploys it (`br/public:avm/res/<avmModule>`), whose shared `privateEndpoints`
   * parameter (`service` names the subresource) becomes endpoints and zone groups (src/sources/bicep/avm.ts).
   */
  readonly avmModule?: string;
  readonly subresources: readonly Subresource[];
  readonly publicAccess?: PublicAccess;
  /**
   * False when the page's group id column cannot be trusted (an `N/A`, or a name that is not the API's group id):
   * group-id-mismatch then stays silent for the type.
   */
  readonly groupIdsKnown?: boolean;
  /** Zones depend on the SKU (Redis): the Redis catalog (services.ts) decides, not `subresources[].zones`. */
  readonly zonesBySku?: boolean;
  /** Decisions and deviations from the page, next to the data they explain. */
  readonly notes?: readonly string[];
}

/** Zones in Azure, Azure US Government and Azure China (undefined: the page has no row for that cloud). */
function clouds(azure: readonly string[] | undefined, gov?: readonly string[], china?: readonly string[]): ZonesByCloud {
  return { AzureCloud: azure, AzureUSGovernment: gov, AzureChinaCloud: china };
}

const sb = clouds(['privatelink.servicebus.windows.net'], ['privatelink.servicebus.usgovcloudapi.net'], ['privatelink.servicebus.chinacloudapi.cn']);
const sbHost = clouds(['{name}.servicebus.windows.net'], ['{name}.servicebus.usgovcloudapi.net'], ['{name}.servicebus.chinacloudapi.cn']);
/** The port of services whose clients speak HTTPS only (REST APIs, portals, agents). */
const HTTPS = 443;
/**
 * Event Grid topics and domains: the resource states its endpoint (ARM `properties.endpoint`, a URL). Else Microsoft
 * Learn shows the name as `<name>.<region>-1.eventgrid.azure.net` ("Publish events to Azure Event Grid custom topics
 * using access keys": `exampletopic.westus2-1.eventgrid.azure.net`; "Manage topics and publish events using event
 * domains": `<my-domain-name>.westus2-1.eventgrid.azure.net`) and, on docs.azure.cn, `….chinanorth2-1.eventgrid.azure.cn`.
 * No Government example: not guessed. The stated endpoint always wins over this pattern.
 */
const eventGridHost = clouds(['{name}.{regionName}-1.eventgrid.azure.net'], undefined, ['{name}.{regionName}-1.eventgrid.azure.cn']);
/** The private-endpoint-dns page lists Backup's zones with a region code and Azure-assigned record names, not the vault's name. */
const BACKUP_HOST_WHY = "a Recovery Services vault's private names are assigned by Azure (vault ids and a region code, not the vault name) and the resource states none";
/**
 * The A records an Azure Monitor Private Link Scope endpoint's zone group writes, per zone. None is named after the
 * scope: the monitor zone holds Azure Monitor's shared global and regional endpoints, the oms/ods/agentsvc zones
 * one record per Log Analytics workspace id in the scope, and the blob zone the agents' solution-pack storage.
 * Which workspaces and regions an endpoint serves is not in the design, so the rule judges only the names the
 * endpoint itself lists in `customDnsConfigs` (each with its own addresses) that fit a template below.
 *
 * Sources: Microsoft Learn "Configure your private link" (azure-monitor/logs/private-link-configure: the zones a
 * scope's private endpoint registers in and the records written there), "Design your Azure Private Link
 * setup" (azure-monitor/logs/private-link-design: the global/regional records are shared, a second AMPLS on the
 * same DNS overrides them) and "Azure Private Endpoint private DNS zone values" (private-link/private-endpoint-dns,
 * Management and Governance: Microsoft.Insights/privateLinkScopes, group id azuremonitor, the zones per cloud).
 * Names the pages do not list (data collection endpoints' `<dce>.<region>-1.ingest`, new regional names) fit no
 * template and stay unjudged; privatelink.adx.monitor.azure.us has no documented record and is not listed.
 */
const AMPLS_MONITOR_RECORDS = ['api', 'global.in.ai', '{regionName}.in.ai', 'live', 'profiler', 'snapshot', 'diagservices-query'];
const AMPLS_RECORDS: Readonly<Record<string, readonly string[]>> = {
  'privatelink.monitor.azure.com': AMPLS_MONITOR_RECORDS,
  'privatelink.monitor.azure.us': AMPLS_MONITOR_RECORDS,
  // One record per Log Analytics workspace in the scope, named by the workspace id (a GUID: one DNS label).
  'privatelink.oms.opinsights.azure.com': ['{workspaceId}'],
  'privatelink.ods.opinsights.azure.com': ['{workspaceId}'],
  'privatelink.agentsvc.azure-automation.net': ['{workspaceId}'],
  'privatelink.oms.opinsights.azure.us': ['{workspaceId}'],
  'privatelink.ods.opinsights.azure.us': ['{workspaceId}'],
  'privatelink.agentsvc.azure-automation.us': ['{workspaceId}'],
  // The storage account agents download solution packs from; the zone is shared with Storage endpoints.
  'privatelink.blob.core.windows.net': ['scadvisorcontent'],
  'privatelink.blob.core.usgovcloudapi.net': ['scadvisorcontent'],
};
const AZURE_PNA: PublicAccess = { property: 'properties.publicNetworkAccess', closed: ['Disabled'], whenAbsent: 'open' };

function storage(kind: string, ids: readonly string[], gov: boolean, china: boolean, port = 443): Subresource {
  return {
    groupIds: ids,
    // A `_secondary` endpoint serves the read-only secondary (RA-GRS): host and record `<account>-secondary`.
    records: { [`${kind}_secondary`]: ['{name}-secondary'] },
    zones: clouds([`privatelink.${kind}.core.windows.net`], gov ? [`privatelink.${kind}.core.usgovcloudapi.net`] : undefined, china ? [`privatelink.${kind}.core.chinacloudapi.cn`] : undefined),
    host: clouds([`{name}.${kind}.core.windows.net`], [`{name}.${kind}.core.usgovcloudapi.net`], [`{name}.${kind}.core.chinacloudapi.cn`]),
    port,
  };
}

function cosmos(groupId: string, api: string, china: boolean): Subresource {
  return {
    groupIds: [groupId],
    zones: clouds([`privatelink.${api}.azure.com`], groupId === 'Sql' ? ['privatelink.documents.azure.us'] : undefined, china ? [`privatelink.${api}.azure.cn`] : undefined),
    host: clouds([`{name}.${api}.azure.com`], groupId === 'Sql' ? ['{name}.documents.azure.us'] : undefined, [`{name}.${api}.azure.cn`]),
    port: groupId === 'Cassandra' ? 10350 : groupId === 'MongoDB' ? 10255 : 443,
    // The account's global name and one regional name per region of the account (`<account>-westeurope`), each
    // with its own private IP (Cosmos DB "Configure Azure Private Link": one private IP per region plus the global
    // endpoint).
    records: { [groupId]: ['{name}', '{name}-{regionName}'] },
  };
}

export const PRIVATE_LINK_SERVICES: readonly PrivateLinkService[] = [
  // ---- Storage ---------------------------------------------------------------------------------------------------
  {
    id: 'storage',
    displayName: 'Storage account',
    noun: 'storage account',
    resourceType: 'Microsoft.Storage/storageAccounts',
    avmModule: 'storage/storage-account',
    subresources: [
      storage('blob', ['blob', 'blob_secondary'], true, true),
      storage('table', ['table', 'table_secondary'], true, true),
      storage('queue', ['queue', 'queue_secondary'], true, true),
      // The Azure table lists `file` only; the Government and China tables add `file_secondary`. Both are accepted.
      storage('file', ['file', 'file_secondary'], true, true, 445),
      storage('web', ['web', 'web_secondary'], true, true),
      // Data Lake Gen2: no Government row on the page.
      storage('dfs', ['dfs', 'dfs_secondary'], false, true),
    ],
    publicAccess: {
      ...AZURE_PNA,
      restrictedWhen: { property: 'properties.networkAcls.defaultAction', equals: 'Deny' },
      note: 'absent publicNetworkAccess follows networkAcls, whose defaultAction is Allow unless set',
    },
    notes: [
      'privatelink.blob.core.windows.net is shared with Azure Monitor (AMPLS): a blob zone group on an AMPLS endpoint is right, and one zone serves both.',
    ],
  },
  // ---- Databases -------------------------------------------------------------------------------------------------
  {
    id: 'sql',
    displayName: 'Azure SQL Database',
    noun: 'SQL server',
    resourceType: 'Microsoft.Sql/servers',
    avmModule: 'sql/server',
    subresources: [
      {
        groupIds: ['sqlServer'],
        zones: clouds(['privatelink.database.windows.net'], ['privatelink.database.usgovcloudapi.net'], ['privatelink.database.chinacloudapi.cn']),
        host: clouds(['{name}.database.windows.net'], ['{name}.database.usgovcloudapi.net'], ['{name}.database.chinacloudapi.cn']),
        port: 1433,
      },
    ],
    publicAccess: { ...AZURE_PNA, note: 'publicNetworkAccess defaults to Enabled; firewall rules then decide who gets in' },
  },
  {
    id: 'sqlManagedInstance',
    displayName: 'Azure SQL Managed Instance',
    noun: 'SQL managed instance',
    resourceType: 'Microsoft.Sql/managedInstances',
    subresources: [
      {
        groupIds: ['managedInstance'],
        // {dnsPrefix} is assigned by Azure at creation: a design cannot know it, so any label matches.
        zones: clouds(['privatelink.{dnsPrefix}.database.windows.net'], ['privatelink.{dnsPrefix}.database.usgovcloudapi.net']),
        // `<instance>.<dns zone id>.database.windows.net`: the zone id is assigned by Azure, so the name alone never
        // gives the host; the resource states it (ARM ManagedInstance `properties.fullyQualifiedDomainName`, Microsoft
        // Learn "Azure Private Link for Azure SQL Managed Instance" and the @azure/arm-sql ManagedInstance reference).
        hostProperty: 'properties.fullyQualifiedDomainName',
        hostUnknownWhy: 'its hostname holds a DNS zone id Azure assigns at creation, and the resource states no fullyQualifiedDomainName here',
        port: 1433,
      },
    ],
    publicAccess: { property: 'properties.publicDataEndpointEnabled', closed: ['false'], whenAbsent: 'closed', note: 'the public data endpoint is off unless enabled' },
  },
  {
    id: 'cosmosDb',
    displayName: 'Azure Cosmos DB',
    noun: 'Cosmos DB account',
    // The page writes Microsoft.AzureCosmosDB/databaseAccounts; the ARM type is Microsoft.DocumentDB/databaseAccounts.
    resourceType: 'Microsoft.DocumentDB/databaseAccounts',
    avmModule: 'document-db/database-account',
    subresources: [
      cosmos('Sql', 'documents', true),
      cosmos('MongoDB', 'mongo.cosmos', true),
      cosmos('Cassandra', 'cassandra.cosmos', true),
      cosmos('Gremlin', 'gremlin.cosmos', true),
      cosmos('Table', 'table.cosmos', true),
    ],
    publicAccess: {
      ...AZURE_PNA,
      restrictedWhen: { property: 'properties.isVirtualNetworkFilterEnabled', equals: 'true' },
    },
    notes: ['Government lists only the Sql API (privatelink.documents.azure.us); other APIs are not judged there.'],
  },
  {
    id: 'cosmosDbPostgres',
    displayName: 'Azure Cosmos DB for PostgreSQL',
    noun: 'Cosmos DB for PostgreSQL cluster',
    resourceType: 'Microsoft.DBforPostgreSQL/serverGroupsv2',
    subresources: [{ groupIds: ['coordinator'], zones: clouds(['privatelink.postgres.cosmos.azure.com']), port: 5432 }],
  },
  {
    id: 'postgresqlFlexible',
    displayName: 'Azure Database for PostgreSQL flexible server',
    noun: 'PostgreSQL flexible server',
    resourceType: 'Microsoft.DBforPostgreSQL/flexibleServers',
    avmModule: 'db-for-postgre-sql/flexible-server',
    subresources: [
      {
        groupIds: ['postgresqlServer'],
        zones: clouds(['privatelink.postgres.database.azure.com']),
        host: clouds(['{name}.postgres.database.azure.com']),
        port: 5432,
      },
    ],
    publicAccess: {
      property: 'properties.network.publicNetworkAccess',
      closed: ['Disabled'],
      whenAbsent: 'unknown',
      note: 'when absent, the server decides from its network mode (VNet-integrated servers are private)',
    },
    notes: [
      'Not on the 2023 page: flexible servers take the single server group id and zone (Learn "Azure Database for PostgreSQL flexible server networking with Private Link"). Government and China are not judged.',
    ],
  },
  {
    id: 'postgresqlSingle',
    displayName: 'Azure Database for PostgreSQL single server',
    noun: 'PostgreSQL server',
    resourceType: 'Microsoft.DBforPostgreSQL/servers',
    subresources: [
      {
        groupIds: ['postgresqlServer'],
        zones: clouds(['privatelink.postgres.database.azure.com'], ['privatelink.postgres.database.usgovcloudapi.net'], ['privatelink.postgres.database.chinacloudapi.cn']),
        host: clouds(['{name}.postgres.database.azure.com'], ['{name}.postgres.database.usgovcloudapi.net'], ['{name}.postgres.database.chinacloudapi.cn']),
        port: 5432,
      },
    ],
    publicAccess: AZURE_PNA,
  },
  {
    id: 'mysqlFlexible',
    displayName: 'Azure Database for MySQL flexible server',
    noun: 'MySQL flexible server',
    resourceType: 'Microsoft.DBforMySQL/flexibleServers',
    avmModule: 'db-for-my-sql/flexible-server',
    subresources: [
      {
        groupIds: ['mysqlServer'],
        zones: clouds(['privatelink.mysql.database.azure.com']),
        host: clouds(['{name}.mysql.database.azure.com']),
        port: 3306,
      },
    ],
    publicAccess: {
      property: 'properties.network.publicNetworkAccess',
      closed: ['Disabled'],
      whenAbsent: 'unknown',
      note: 'when absent, the server decides from its network mode (VNet-integrated servers are private)',
    },
    notes: ['Not on the 2023 page: from Learn "Private Link for Azure Database for MySQL - Flexible Server". Government and China are not judged.'],
  },
  {
    id: 'mysqlSingle',
    displayName: 'Azure Database for MySQL single server',
    noun: 'MySQL server',
    resourceType: 'Microsoft.DBforMySQL/servers',
    subresources: [
      {
        groupIds: ['mysqlServer'],
        zones: clouds(['privatelink.mysql.database.azure.com'], ['privatelink.mysql.database.usgovcloudapi.net'], ['privatelink.mysql.database.chinacloudapi.cn']),
        host: clouds(['{name}.mysql.database.azure.com'], ['{name}.mysql.database.usgovcloudapi.net'], ['{name}.mysql.database.chinacloudapi.cn']),
        port: 3306,
      },
    ],
    publicAccess: AZURE_PNA,
  },
  {
    id: 'mariadb',
    displayName: 'Azure Database for MariaDB',
    noun: 'MariaDB server',
    resourceType: 'Microsoft.DBforMariaDB/servers',
    subresources: [
      {
        groupIds: ['mariadbServer'],
        zones: clouds(['privatelink.mariadb.database.azure.com'], ['privatelink.mariadb.database.usgovcloudapi.net'], ['privatelink.mariadb.database.chinacloudapi.cn']),
        host: clouds(['{name}.mariadb.database.azure.com'], ['{name}.mariadb.database.usgovcloudapi.net'], ['{name}.mariadb.database.chinacloudapi.cn']),
        port: 3306,
      },
    ],
    publicAccess: AZURE_PNA,
  },
  {
    id: 'synapse',
    displayName: 'Azure Synapse Analytics',
    noun: 'Synapse workspace',
    resourceType: 'Microsoft.Synapse/workspaces',
    avmModule: 'synapse/workspace',
    subresources: [
      { groupIds: ['Sql', 'SqlOnDemand'], zones: clouds(['privatelink.sql.azuresynapse.net']), port: 1433 },
      { groupIds: ['Dev'], zones: clouds(['privatelink.dev.azuresynapse.net']), host: clouds(['{name}.dev.azuresynapse.net']), port: 443 },
    ],
    publicAccess: AZURE_PNA,
  },
  {
    id: 'synapsePrivateLinkHub',
    displayName: 'Azure Synapse Studio',
    noun: 'Synapse private link hub',
    resourceType: 'Microsoft.Synapse/privateLinkHubs',
    avmModule: 'synapse/private-link-hub',
    subresources: [{ groupIds: ['Web'], zones: clouds(['privatelink.azuresynapse.net']), port: HTTPS }],
  },
  {
    id: 'dataExplorer',
    displayName: 'Azure Data Explorer',
    noun: 'Data Explorer cluster',
    resourceType: 'Microsoft.Kusto/clusters',
    avmModule: 'kusto/cluster',
    subresources: [
      {
        groupIds: ['cluster'],
        zones: clouds(
          ['privatelink.{regionName}.kusto.windows.net', 'privatelink.blob.core.windows.net', 'privatelink.queue.core.windows.net', 'privatelink.table.core.windows.net'],
          undefined,
          ['privatelink.{regionName}.kusto.windows.cn'],
        ),
        port: 443,
      },
    ],
    publicAccess: AZURE_PNA,
    notes: [
      'The 2023 page lists only the regional kusto zone; later revisions add the blob, queue and table zones the cluster\'s ingestion storage uses, so those are accepted too.',
    ],
  },
  // ---- Security ----------------------------------------------------------------------------------------------------
  {
    id: 'keyVault',
    displayName: 'Azure Key Vault',
    noun: 'key vault',
    resourceType: 'Microsoft.KeyVault/vaults',
    avmModule: 'key-vault/vault',
    subresources: [
      {
        groupIds: ['vault'],
        zones: clouds(['privatelink.vaultcore.azure.net'], ['privatelink.vaultcore.usgovcloudapi.net'], ['privatelink.vaultcore.azure.cn']),
        host: clouds(['{name}.vault.azure.net'], ['{name}.vault.usgovcloudapi.net'], ['{name}.vault.azure.cn']),
        port: 443,
      },
    ],
    publicAccess: {
      property: 'properties.publicNetworkAccess',
      closed: ['Disabled'],
      restrictedWhen: { property: 'properties.networkAcls.defaultAction', equals: 'Deny' },
      whenAbsent: 'open',
      note: 'Key Vault writes `enabled`/`disabled`; values compare case-insensitively. `vault.azure.net` is a public forwarder, never the private zone.',
    },
  },
  {
    id: 'managedHsm',
    displayName: 'Azure Key Vault Managed HSM',
    noun: 'managed HSM',
    resourceType: 'Microsoft.KeyVault/managedHSMs',
    subresources: [{ groupIds: ['managedhsm'], zones: clouds(['privatelink.managedhsm.azure.net']), host: clouds(['{name}.managedhsm.azure.net']), port: 443 }],
    publicAccess: AZURE_PNA,
  },
  // ---- Containers and web ----------------------------------------------------------------------------------------
  {
    id: 'containerRegistry',
    displayName: 'Azure Container Registry',
    noun: 'container registry',
    resourceType: 'Microsoft.ContainerRegistry/registries',
    avmModule: 'container-registry/registry',
    subresources: [
      {
        groupIds: ['registry'],
        zones: clouds(['privatelink.azurecr.io']),
        // The page lists `{regionName}.privatelink.azurecr.io` beside the zone: those are the regional data endpoint
        // records inside privatelink.azurecr.io, not a zone of their own.
        tolerated: clouds(['{regionName}.privatelink.azurecr.io']),
        host: clouds(['{name}.azurecr.io']),
        // The registry, and one data endpoint per replica region (`<registry>.westeurope.data`).
        records: { registry: ['{name}', '{name}.{regionName}.data'] },
        port: 443,
      },
    ],
    publicAccess: { ...AZURE_PNA, restrictedWhen: { property: 'properties.networkRuleSet.defaultAction', equals: 'Deny' } },
    notes: ['Government and China have no row on the page: not judged there.'],
  },
  {
    id: 'kubernetes',
    displayName: 'Azure Kubernetes Service (API server)',
    noun: 'AKS cluster',
    resourceType: 'Microsoft.ContainerService/managedClusters',
    subresources: [
      {
        groupIds: ['management'],
        // {regionName} is the cluster's region: a zone named after another region is wrong when the region is known.
        zones: clouds(['privatelink.{regionName}.azmk8s.io', '{subzone}.privatelink.{regionName}.azmk8s.io']),
        port: 443,
      },
    ],
    publicAccess: { property: 'properties.publicNetworkAccess', closed: ['Disabled'], whenAbsent: 'unknown', note: 'a private cluster decides from apiServerAccessProfile' },
  },
  {
    id: 'appService',
    displayName: 'Azure App Service / Functions',
    noun: 'web app',
    resourceType: 'Microsoft.Web/sites',
    avmModule: 'web/site',
    subresources: [
      {
        // Deployment slots take `sites-<slot>` (accepted by pattern in targets.ts).
        groupIds: ['sites'],
        zones: clouds(['privatelink.azurewebsites.net'], ['privatelink.azurewebsites.us'], ['privatelink.chinacloudsites.cn']),
        // `scm.privatelink.…` holds the Kudu names inside the main zone.
        tolerated: clouds(['scm.privatelink.azurewebsites.net'], ['scm.privatelink.azurewebsites.us']),
        host: clouds(['{name}.azurewebsites.net'], ['{name}.azurewebsites.us'], ['{name}.chinacloudsites.cn']),
        port: 443,
      },
    ],
    publicAccess: {
      property: 'properties.publicNetworkAccess',
      closed: ['Disabled'],
      whenAbsent: 'unknown',
      note: 'before the property existed, adding a private endpoint closed the public endpoint; absent is not judged',
    },
  },
  {
    id: 'staticWebApps',
    displayName: 'Azure Static Web Apps',
    noun: 'static web app',
    resourceType: 'Microsoft.Web/staticSites',
    avmModule: 'web/static-site',
    subresources: [{ groupIds: ['staticSites'], zones: clouds(['privatelink.azurestaticapps.net', 'privatelink.{partitionId}.azurestaticapps.net']), port: 443 }],
  },
  {
    id: 'appConfiguration',
    displayName: 'Azure App Configuration',
    noun: 'App Configuration store',
    resourceType: 'Microsoft.AppConfiguration/configurationStores',
    avmModule: 'app-configuration/configuration-store',
    subresources: [
      {
        groupIds: ['configurationStores'],
        zones: clouds(['privatelink.azconfig.io'], ['privatelink.azconfig.azure.us']),
        host: clouds(['{name}.azconfig.io'], ['{name}.azconfig.azure.us']),
        port: 443,
      },
    ],
    publicAccess: {
      property: 'properties.publicNetworkAccess',
      closed: ['Disabled'],
      whenAbsent: 'closed',
      note: 'unset, the store closes its public endpoint once it has a private endpoint',
    },
  },
  {
    id: 'apiManagement',
    displayName: 'Azure API Management',
    noun: 'API Management service',
    resourceType: 'Microsoft.ApiManagement/service',
    avmModule: 'api-management/service',
    subresources: [{ groupIds: ['Gateway'], zones: clouds(['privatelink.azure-api.net']), host: clouds(['{name}.azure-api.net']), port: 443 }],
    publicAccess: { ...AZURE_PNA, whenAbsent: 'unknown' },
  },
  {
    id: 'signalR',
    displayName: 'Azure SignalR Service',
    noun: 'SignalR service',
    resourceType: 'Microsoft.SignalRService/SignalR',
    avmModule: 'signal-r-service/signal-r',
    subresources: [
      { groupIds: ['signalr'], zones: clouds(['privatelink.service.signalr.net'], undefined, ['privatelink.signalr.azure.cn']), host: clouds(['{name}.service.signalr.net']), port: 443 },
    ],
    publicAccess: AZURE_PNA,
  },
  // ---- Messaging -------------------------------------------------------------------------------------------------
  {
    id: 'eventHubs',
    displayName: 'Azure Event Hubs',
    noun: 'Event Hubs namespace',
    resourceType: 'Microsoft.EventHub/namespaces',
    avmModule: 'event-hub/namespace',
    subresources: [{ groupIds: ['namespace'], zones: sb, host: sbHost, port: 443 }],
    publicAccess: {
      ...AZURE_PNA,
      whenAbsent: 'unknown',
      note: 'a networkRuleSets child resource may restrict an unset namespace: absent is not judged',
    },
    notes: ['privatelink.servicebus.windows.net is shared by Event Hubs, Service Bus and Relay (and IoT Hub\'s built-in endpoint): one zone serves them all, and is right for each.'],
  },
  {
    id: 'serviceBus',
    displayName: 'Azure Service Bus',
    noun: 'Service Bus namespace',
    resourceType: 'Microsoft.ServiceBus/namespaces',
    avmModule: 'service-bus/namespace',
    subresources: [{ groupIds: ['namespace'], zones: sb, host: sbHost, port: 443 }],
    publicAccess: {
      ...AZURE_PNA,
      whenAbsent: 'unknown',
      note: 'a networkRuleSets child resource may restrict an unset namespace: absent is not judged',
    },
  },
  {
    id: 'relay',
    displayName: 'Azure Relay',
    noun: 'Relay namespace',
    resourceType: 'Microsoft.Relay/namespaces',
    avmModule: 'relay/namespace',
    subresources: [{ groupIds: ['namespace'], zones: sb, host: sbHost, port: 443 }],
  },
  {
    id: 'eventGridTopic',
    displayName: 'Azure Event Grid topic',
    noun: 'Event Grid topic',
    resourceType: 'Microsoft.EventGrid/topics',
    avmModule: 'event-grid/topic',
    subresources: [{ groupIds: ['topic'], zones: clouds(['privatelink.eventgrid.azure.net'], undefined, ['privatelink.eventgrid.azure.cn']), hostProperty: 'properties.endpoint', host: eventGridHost, port: 443 }],
    publicAccess: AZURE_PNA,
  },
  {
    id: 'eventGridDomain',
    displayName: 'Azure Event Grid domain',
    noun: 'Event Grid domain',
    resourceType: 'Microsoft.EventGrid/domains',
    avmModule: 'event-grid/domain',
    subresources: [{ groupIds: ['domain'], zones: clouds(['privatelink.eventgrid.azure.net'], undefined, ['privatelink.eventgrid.azure.cn']), hostProperty: 'properties.endpoint', host: eventGridHost, port: 443 }],
    publicAccess: AZURE_PNA,
  },
  {
    id: 'iotHub',
    displayName: 'Azure IoT Hub',
    noun: 'IoT hub',
    resourceType: 'Microsoft.Devices/IotHubs',
    avmModule: 'devices/iot-hub',
    subresources: [
      {
        groupIds: ['iotHub'],
        zones: clouds(
          ['privatelink.azure-devices.net', 'privatelink.servicebus.windows.net'],
          // The Government row writes `privatelink.servicebus.windows.us` while its forwarder is servicebus.usgovcloudapi.net:
          // both are accepted, neither suggested.
          ['privatelink.azure-devices.us', 'privatelink.servicebus.windows.us', 'privatelink.servicebus.usgovcloudapi.net'],
          ['privatelink.azure-devices.cn', 'privatelink.servicebus.chinacloudapi.cn'],
        ),
        host: clouds(['{name}.azure-devices.net'], ['{name}.azure-devices.us'], ['{name}.azure-devices.cn']),
        port: 443,
      },
    ],
    publicAccess: AZURE_PNA,
  },
  {
    id: 'iotDps',
    displayName: 'Azure IoT Hub Device Provisioning Service',
    noun: 'device provisioning service',
    resourceType: 'Microsoft.Devices/ProvisioningServices',
    subresources: [
      {
        groupIds: ['iotDps'],
        zones: clouds(['privatelink.azure-devices-provisioning.net'], ['privatelink.azure-devices-provisioning.us'], ['privatelink.azure-devices-provisioning.cn']),
        host: clouds(['{name}.azure-devices-provisioning.net'], ['{name}.azure-devices-provisioning.us'], ['{name}.azure-devices-provisioning.cn']),
        port: 443,
      },
    ],
    publicAccess: AZURE_PNA,
  },
  // ---- AI and analytics ------------------------------------------------------------------------------------------
  {
    id: 'aiServices',
    displayName: 'Azure AI services (Cognitive Services, OpenAI)',
    noun: 'AI services account',
    resourceType: 'Microsoft.CognitiveServices/accounts',
    avmModule: 'cognitive-services/account',
    subresources: [
      {
        groupIds: ['account'],
        zones: clouds(['privatelink.cognitiveservices.azure.com', 'privatelink.openai.azure.com'], ['privatelink.cognitiveservices.azure.us']),
        // Later revisions of the page add the AI Foundry zone.
        tolerated: clouds(['privatelink.services.ai.azure.com']),
        host: clouds(['{name}.cognitiveservices.azure.com'], ['{name}.cognitiveservices.azure.us']),
        port: 443,
      },
    ],
    publicAccess: { ...AZURE_PNA, restrictedWhen: { property: 'properties.networkAcls.defaultAction', equals: 'Deny' } },
  },
  {
    id: 'machineLearning',
    displayName: 'Azure Machine Learning',
    noun: 'Machine Learning workspace',
    resourceType: 'Microsoft.MachineLearningServices/workspaces',
    avmModule: 'machine-learning-services/workspace',
    subresources: [
      {
        groupIds: ['amlworkspace'],
        zones: clouds(
          ['privatelink.api.azureml.ms', 'privatelink.notebooks.azure.net'],
          ['privatelink.api.ml.azure.us', 'privatelink.notebooks.usgovcloudapi.net'],
          ['privatelink.api.ml.azure.cn', 'privatelink.notebooks.chinacloudapi.cn'],
        ),
        port: 443,
      },
    ],
    publicAccess: AZURE_PNA,
  },
  {
    id: 'search',
    displayName: 'Azure AI Search',
    noun: 'search service',
    resourceType: 'Microsoft.Search/searchServices',
    avmModule: 'search/search-service',
    subresources: [
      {
        groupIds: ['searchService'],
        zones: clouds(['privatelink.search.windows.net'], ['privatelink.search.windows.us']),
        host: clouds(['{name}.search.windows.net'], ['{name}.search.windows.us']),
        port: 443,
      },
    ],
    publicAccess: { property: 'properties.publicNetworkAccess', closed: ['disabled'], whenAbsent: 'open' },
  },
  {
    id: 'dataFactory',
    displayName: 'Azure Data Factory',
    noun: 'data factory',
    resourceType: 'Microsoft.DataFactory/factories',
    avmModule: 'data-factory/factory',
    subresources: [
      {
        groupIds: ['dataFactory'],
        zones: clouds(['privatelink.datafactory.azure.net'], undefined, ['privatelink.datafactory.azure.cn']),
        // Microsoft Learn "Azure Private Link for Azure Data Factory" (data-factory-private-link): the self-hosted IR
        // reaches `*.{region}.datafactory.azure.net`, the factory's own name under its region (docs.azure.cn's copy:
        // `*.{region}.datafactory.azure.cn`). The ARM factory states no endpoint. No Government row: not guessed.
        host: clouds(['{name}.{regionName}.datafactory.azure.net'], undefined, ['{name}.{regionName}.datafactory.azure.cn']),
        port: 443,
      },
      { groupIds: ['portal'], zones: clouds(['privatelink.adf.azure.com'], undefined, ['privatelink.adf.azure.cn']), port: 443 },
    ],
    publicAccess: AZURE_PNA,
  },
  {
    id: 'databricks',
    displayName: 'Azure Databricks',
    noun: 'Databricks workspace',
    resourceType: 'Microsoft.Databricks/workspaces',
    avmModule: 'databricks/workspace',
    subresources: [{ groupIds: ['databricks_ui_api', 'browser_authentication'], zones: clouds(['privatelink.azuredatabricks.net']), port: 443 }],
    publicAccess: AZURE_PNA,
  },
  {
    id: 'purview',
    displayName: 'Microsoft Purview',
    noun: 'Purview account',
    resourceType: 'Microsoft.Purview/accounts',
    subresources: [
      { groupIds: ['account'], zones: clouds(['privatelink.purview.azure.com']), host: clouds(['{name}.purview.azure.com']), port: HTTPS },
      { groupIds: ['portal'], zones: clouds(['privatelink.purviewstudio.azure.com']), port: HTTPS },
    ],
  },
  {
    id: 'powerBi',
    displayName: 'Microsoft Power BI',
    noun: 'Power BI private link service',
    resourceType: 'Microsoft.PowerBI/privateLinkServicesForPowerBI',
    subresources: [
      {
        groupIds: ['tenant'],
        zones: clouds(['privatelink.analysis.windows.net', 'privatelink.pbidedicated.windows.net', 'privatelink.tip1.powerquery.microsoft.com']),
        port: HTTPS,
      },
    ],
  },
  {
    id: 'healthDataServices',
    displayName: 'Azure Health Data Services',
    noun: 'Health Data Services workspace',
    resourceType: 'Microsoft.HealthcareApis/workspaces',
    subresources: [
      {
        groupIds: ['healthcareworkspace'],
        zones: clouds(['privatelink.workspace.azurehealthcareapis.com', 'privatelink.fhir.azurehealthcareapis.com', 'privatelink.dicom.azurehealthcareapis.com']),
        port: HTTPS,
      },
    ],
  },
  {
    id: 'hdInsight',
    displayName: 'Azure HDInsight',
    noun: 'HDInsight cluster',
    resourceType: 'Microsoft.HDInsight/clusters',
    // The page's subresource column says N/A: group ids are not judged.
    groupIdsKnown: false,
    subresources: [{ groupIds: [], zones: clouds(['privatelink.azurehdinsight.net'], ['privatelink.azurehdinsight.us'], ['privatelink.azurehdinsight.cn']), port: HTTPS }],
  },
  {
    id: 'digitalTwins',
    displayName: 'Azure Digital Twins',
    noun: 'Digital Twins instance',
    resourceType: 'Microsoft.DigitalTwins/digitalTwinsInstances',
    avmModule: 'digital-twins/digital-twins-instance',
    // The page's subresource column names the resource type, not a group id: group ids are not judged.
    groupIdsKnown: false,
    subresources: [{ groupIds: [], zones: clouds(['privatelink.digitaltwins.azure.net']), port: HTTPS }],
  },
  // ---- Management and monitoring ---------------------------------------------------------------------------------
  {
    id: 'azureMonitor',
    displayName: 'Azure Monitor Private Link Scope (AMPLS)',
    noun: 'Azure Monitor private link scope',
    resourceType: 'Microsoft.Insights/privateLinkScopes',
    avmModule: 'insights/private-link-scope',
    subresources: [
      {
        groupIds: ['azuremonitor'],
        zones: clouds(
          ['privatelink.monitor.azure.com', 'privatelink.oms.opinsights.azure.com', 'privatelink.ods.opinsights.azure.com', 'privatelink.agentsvc.azure-automation.net', 'privatelink.blob.core.windows.net'],
          [
            'privatelink.monitor.azure.us',
            'privatelink.adx.monitor.azure.us',
            'privatelink.oms.opinsights.azure.us',
            'privatelink.ods.opinsights.azure.us',
            'privatelink.agentsvc.azure-automation.us',
            'privatelink.blob.core.usgovcloudapi.net',
          ],
        ),
        zoneRecords: AMPLS_RECORDS,
        port: HTTPS,
      },
    ],
    publicAccess: {
      property: 'properties.accessModeSettings.ingestionAccessMode',
      closed: ['PrivateOnly'],
      whenAbsent: 'unknown',
      note: 'AMPLS has no publicNetworkAccess; "Open" access mode lets its resources be reached from other networks',
    },
    notes: ['AMPLS shares privatelink.blob.core.windows.net with Storage: one zone serves both.'],
  },
  {
    id: 'automation',
    displayName: 'Azure Automation',
    noun: 'Automation account',
    resourceType: 'Microsoft.Automation/automationAccounts',
    avmModule: 'automation/automation-account',
    subresources: [
      {
        groupIds: ['Webhook', 'DSCAndHybridWorker'],
        zones: clouds(['privatelink.azure-automation.net'], ['privatelink.azure-automation.us'], ['privatelink.azure-automation.cn']),
        port: HTTPS,
      },
    ],
    publicAccess: { property: 'properties.publicNetworkAccess', closed: ['false'], whenAbsent: 'open' },
  },
  {
    id: 'backup',
    displayName: 'Azure Backup and Site Recovery',
    noun: 'Recovery Services vault',
    resourceType: 'Microsoft.RecoveryServices/vaults',
    avmModule: 'recovery-services/vault',
    subresources: [
      {
        groupIds: ['AzureBackup'],
        zones: clouds(['privatelink.{regionCode}.backup.windowsazure.com'], ['privatelink.{regionCode}.backup.windowsazure.us']),
        hostUnknownWhy: BACKUP_HOST_WHY,
        port: HTTPS,
      },
      { groupIds: ['AzureSiteRecovery'], zones: clouds(['privatelink.siterecovery.windowsazure.com'], ['privatelink.siterecovery.windowsazure.us']), hostUnknownWhy: BACKUP_HOST_WHY, port: HTTPS },
    ],
    notes: ['Backup also writes to blob and queue storage zones; the page lists only its own zone, so only that is judged.'],
  },
  {
    id: 'batch',
    displayName: 'Azure Batch',
    noun: 'Batch account',
    resourceType: 'Microsoft.Batch/batchAccounts',
    avmModule: 'batch/batch-account',
    subresources: [
      {
        groupIds: ['batchAccount'],
        zones: clouds(['{regionName}.privatelink.batch.azure.com'], ['privatelink.batch.usgovcloudapi.net'], ['privatelink.batch.chinacloudapi.cn']),
        // The account states its endpoint (ARM BatchAccount `properties.accountEndpoint`). Else the Batch management
        // REST reference (Batch Account - Create, `accountName`): "used as part of the DNS name … For example:
        // http://accountname.region.batch.azure.com/". Only the Azure pattern is documented there.
        hostProperty: 'properties.accountEndpoint',
        host: clouds(['{name}.{regionName}.batch.azure.com']),
        port: HTTPS,
      },
      { groupIds: ['nodeManagement'], zones: clouds(['{regionName}.service.privatelink.batch.azure.com'], ['privatelink.batch.usgovcloudapi.net'], ['privatelink.batch.chinacloudapi.cn']), port: HTTPS },
    ],
    publicAccess: AZURE_PNA,
  },
  {
    id: 'fileSync',
    displayName: 'Azure File Sync',
    noun: 'Storage Sync service',
    resourceType: 'Microsoft.StorageSync/storageSyncServices',
    subresources: [{ groupIds: ['afs'], zones: clouds(['{regionName}.privatelink.afs.azure.net'], undefined, ['privatelink.afs.azure.cn']), port: HTTPS }],
  },
  {
    id: 'arc',
    displayName: 'Azure Arc',
    noun: 'Arc private link scope',
    resourceType: 'Microsoft.HybridCompute/privateLinkScopes',
    subresources: [
      {
        groupIds: ['hybridcompute'],
        zones: clouds(['privatelink.his.arc.azure.com', 'privatelink.guestconfiguration.azure.com', 'privatelink.dp.kubernetesconfiguration.azure.com']),
        port: HTTPS,
      },
    ],
  },
  {
    id: 'mediaServices',
    displayName: 'Azure Media Services',
    noun: 'media services account',
    resourceType: 'Microsoft.Media/mediaservices',
    subresources: [{ groupIds: ['keydelivery', 'liveevent', 'streamingendpoint'], zones: clouds(['privatelink.media.azure.net']), port: HTTPS }],
  },
  {
    id: 'migrate',
    displayName: 'Azure Migrate (project)',
    noun: 'Migrate project',
    resourceType: 'Microsoft.Migrate/migrateProjects',
    subresources: [{ groupIds: ['Default'], zones: clouds(['privatelink.prod.migration.windowsazure.com']), port: HTTPS }],
  },
  {
    id: 'migrateAssessment',
    displayName: 'Azure Migrate (assessment project)',
    noun: 'Migrate assessment project',
    resourceType: 'Microsoft.Migrate/assessmentProjects',
    subresources: [{ groupIds: ['Default'], zones: clouds(['privatelink.prod.migration.windowsazure.com']), port: HTTPS }],
  },
  {
    id: 'botService',
    displayName: 'Azure Bot Service',
    noun: 'bot',
    resourceType: 'Microsoft.BotService/botServices',
    subresources: [
      { groupIds: ['Bot'], zones: clouds(['privatelink.directline.botframework.com']), port: HTTPS },
      { groupIds: ['Token'], zones: clouds(['privatelink.token.botframework.com']), port: HTTPS },
    ],
  },
  {
    id: 'virtualDesktopWorkspace',
    displayName: 'Azure Virtual Desktop (workspace)',
    noun: 'Virtual Desktop workspace',
    resourceType: 'Microsoft.DesktopVirtualization/workspaces',
    avmModule: 'desktop-virtualization/workspace',
    subresources: [
      { groupIds: ['global'], zones: clouds(['privatelink-global.wvd.microsoft.com'], ['privatelink-global.wvd.azure.us'], ['privatelink-global.wvd.azure.cn']), port: HTTPS },
      { groupIds: ['feed'], zones: clouds(['privatelink.wvd.microsoft.com'], ['privatelink.wvd.azure.us'], ['privatelink.wvd.azure.cn']), port: HTTPS },
    ],
  },
  {
    id: 'virtualDesktopHostPool',
    displayName: 'Azure Virtual Desktop (host pool)',
    noun: 'Virtual Desktop host pool',
    resourceType: 'Microsoft.DesktopVirtualization/hostpools',
    avmModule: 'desktop-virtualization/host-pool',
    subresources: [{ groupIds: ['connection'], zones: clouds(['privatelink.wvd.microsoft.com'], ['privatelink.wvd.azure.us'], ['privatelink.wvd.azure.cn']), port: HTTPS }],
  },
  // ---- Redis: zones by SKU, see services.ts and shared/reference/redis-private-link-facts.md --------------------
  {
    id: 'redis',
    displayName: 'Azure Cache for Redis',
    noun: 'cache',
    resourceType: 'Microsoft.Cache/redis',
    zonesBySku: true,
    subresources: [{ groupIds: ['redisCache'], zones: {} }],
  },
  {
    id: 'redisEnterprise',
    displayName: 'Azure Cache for Redis Enterprise / Azure Managed Redis',
    noun: 'cache',
    resourceType: 'Microsoft.Cache/redisEnterprise',
    zonesBySku: true,
    subresources: [{ groupIds: ['redisEnterprise'], zones: {} }],
  },
];
