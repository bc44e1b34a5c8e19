// The service catalog: resource type → group id → private DNS zone per product family and cloud, hostnames and
// ports. Data only. Every row comes from shared/reference/redis-private-link-facts.md §1 (Microsoft Learn
// "Azure Private Endpoint private DNS zone values", snapshot 2026-05-07, and the Gov/China tables of the same
// article); rows Microsoft does not list are `undefined` ("not documented"), never guessed.

import type { CacheType, CloudName } from '../graph/types';

/** Azure Cache for Redis (Basic/Standard/Premium), Redis Enterprise/Enterprise Flash, Azure Managed Redis. */
export type ProductFamily = 'AzureCacheForRedis' | 'RedisEnterprise' | 'ManagedRedis';

export interface ProductEntry {
  readonly family: ProductFamily;
  readonly displayName: string;
  readonly resourceType: CacheType;
  /** The private endpoint group id (sub-resource), exact casing. */
  readonly groupId: 'redisCache' | 'redisEnterprise';
  /** Private DNS zone per cloud; `undefined` = not documented by Microsoft for that cloud. */
  readonly privateDnsZone: Readonly<Record<CloudName, string | undefined>>;
  /** Public DNS suffix per cloud (the zone clients resolve; on-prem forwarders target it). */
  readonly publicDnsSuffix: Readonly<Record<CloudName, string | undefined>>;
  /** Whether the client hostname includes the region: `<name>.<region>.<suffix>` instead of `<name>.<suffix>`. */
  readonly hostnameHasRegion: boolean;
  readonly tlsPort: number;
  /** Non-TLS port, only open when `enableNonSslPort` is true (Azure Cache for Redis). */
  readonly nonTlsPort?: number;
  /** Maximum private endpoints per cache (clustered Premium caches: 1, see rules). */
  readonly maxPrivateEndpoints: number;
}

export const PRODUCTS: readonly ProductEntry[] = [
  {
    family: 'AzureCacheForRedis',
    displayName: 'Azure Cache for Redis',
    resourceType: 'Microsoft.Cache/redis',
    groupId: 'redisCache',
    privateDnsZone: {
      AzureCloud: 'privatelink.redis.cache.windows.net',
      AzureUSGovernment: 'privatelink.redis.cache.usgovcloudapi.net',
      AzureChinaCloud: 'privatelink.redis.cache.chinacloudapi.cn',
    },
    publicDnsSuffix: {
      AzureCloud: 'redis.cache.windows.net',
      AzureUSGovernment: 'redis.cache.usgovcloudapi.net',
      AzureChinaCloud: 'redis.cache.chinacloudapi.cn',
    },
    hostnameHasRegion: false,
    tlsPort: 6380,
    nonTlsPort: 6379,
    maxPrivateEndpoints: 100,
  },
  {
    family: 'RedisEnterprise',
    displayName: 'Azure Cache for Redis Enterprise',
    resourceType: 'Microsoft.Cache/redisEnterprise',
    groupId: 'redisEnterprise',
    privateDnsZone: {
      AzureCloud: 'privatelink.redisenterprise.cache.azure.net',
      AzureUSGovernment: undefined,
      AzureChinaCloud: undefined,
    },
    publicDnsSuffix: { AzureCloud: 'redisenterprise.cache.azure.net', AzureUSGovernment: undefined, AzureChinaCloud: undefined },
    hostnameHasRegion: true,
    tlsPort: 10000,
    maxPrivateEndpoints: 84,
  },
  {
    family: 'ManagedRedis',
    displayName: 'Azure Managed Redis',
    resourceType: 'Microsoft.Cache/redisEnterprise',
    groupId: 'redisEnterprise',
    privateDnsZone: { AzureCloud: 'privatelink.redis.azure.net', AzureUSGovernment: undefined, AzureChinaCloud: undefined },
    publicDnsSuffix: { AzureCloud: 'redis.azure.net', AzureUSGovernment: undefined, AzureChinaCloud: undefined },
    hostnameHasRegion: true,
    tlsPort: 10000,
    maxPrivateEndpoints: 84,
  },
];

export const CLOUDS: readonly CloudName[] = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'];

export const ARM_ENDPOINTS: Readonly<Record<CloudName, string>> = {
  AzureCloud: 'https://management.azure.com',
  AzureUSGovernment: 'https://management.usgovcloudapi.net',
  AzureChinaCloud: 'https://management.chinacloudapi.cn',
};

export const PORTAL_URLS: Readonly<Record<CloudName, string>> = {
  AzureCloud: 'https://portal.azure.com',
  AzureUSGovernment: 'https://portal.azure.us',
  AzureChinaCloud: 'https://portal.azure.cn',
};

/** Group ids Redis accepts, exact casing. Anything else (`redisEnterpriseCache`, `rediscache`) is invented. */
export const REDIS_GROUP_IDS: readonly string[] = ['redisCache', 'redisEnterprise'];

/** The Azure DNS virtual IP that custom DNS servers must forward to (facts C11). */
export const AZURE_DNS_IP = '168.63.129.16';
