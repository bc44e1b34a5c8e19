// What an api-version can see. ARM answers in the shape of the api-version asked for: a property added later is
// absent from older answers. The one that matters here: Microsoft.Cache/redisEnterprise `publicNetworkAccess`
// arrived with 2025-07-01 (redis-private-link-facts.md §6.2), and @azure/arm-redisenterprisecache 2.2.0 asks
// for 2022-01-01, so the ARM fallback cannot see it while Resource Graph returns it as stored.

import type { ArmResource } from '../../snapshot/arm-resource';

const REDIS_ENTERPRISE_PNA_API = '2025-07-01';

export function viewForApiVersion(resource: ArmResource, apiVersion: string): ArmResource {
  if (resource.type.toLowerCase() !== 'microsoft.cache/redisenterprise' || apiVersion === '' || apiVersion.slice(0, 10) >= REDIS_ENTERPRISE_PNA_API) return resource;
  if (!resource.properties || !('publicNetworkAccess' in resource.properties)) return resource;
  const { publicNetworkAccess: _dropped, ...properties } = resource.properties;
  return { ...resource, properties };
}
