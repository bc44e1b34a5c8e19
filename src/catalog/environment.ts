// What ARM's and Bicep's `environment()` returns in each cloud, so that names built from it
// (`'privatelink.redis.cache.${environment().suffixes.storage}'`) are evaluated for the cloud a file is judged in.
// Sources:
// - Shape and Azure (public) values: Microsoft Learn, "Deployment functions for ARM templates", environment()
//   (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-deployment#environment),
//   which says the values come from the cloud's metadata endpoint (`GET /metadata/endpoints`).
// - US Government and China values: the same metadata as the Azure CLI records it for its known clouds
//   (Azure/azure-cli, src/azure-cli-core/azure/cli/core/cloud.py: AZURE_PUBLIC_CLOUD, AZURE_US_GOV_CLOUD,
//   AZURE_CHINA_CLOUD: resource_manager, storage_endpoint, keyvault_dns, sql_server_hostname,
//   acr_login_server_endpoint, active_directory, gallery, ...).
// Only documented members are listed; any other member of environment() stays Unknown (never a guess).

import type { CloudName } from '../graph/types';

export interface CloudEnvironment {
  readonly name: CloudName;
  readonly gallery: string;
  readonly graph: string;
  readonly resourceManager: string;
  readonly suffixes: {
    readonly storage: string;
    readonly keyvaultDns: string;
    readonly sqlServerHostname: string;
    readonly acrLoginServer: string;
  };
}

export const ENVIRONMENTS: Readonly<Record<CloudName, CloudEnvironment>> = {
  AzureCloud: {
    name: 'AzureCloud',
    gallery: 'https://gallery.azure.com/',
    graph: 'https://graph.windows.net/',
    resourceManager: 'https://management.azure.com/',
    suffixes: { storage: 'core.windows.net', keyvaultDns: '.vault.azure.net', sqlServerHostname: '.database.windows.net', acrLoginServer: '.azurecr.io' },
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    gallery: 'https://gallery.usgovcloudapi.net/',
    graph: 'https://graph.windows.net/',
    resourceManager: 'https://management.usgovcloudapi.net/',
    suffixes: { storage: 'core.usgovcloudapi.net', keyvaultDns: '.vault.usgovcloudapi.net', sqlServerHostname: '.database.usgovcloudapi.net', acrLoginServer: '.azurecr.us' },
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    gallery: 'https://gallery.chinacloudapi.cn/',
    graph: 'https://graph.chinacloudapi.cn/',
    resourceManager: 'https://management.chinacloudapi.cn',
    suffixes: { storage: 'core.chinacloudapi.cn', keyvaultDns: '.vault.azure.cn', sqlServerHostname: '.database.chinacloudapi.cn', acrLoginServer: '.azurecr.cn' },
  },
};
