// Questions rules and the probe ask of the catalog.

import type { CacheType, CloudName, Maybe } from '../graph/types';
import { isKnown, unknown } from '../graph/types';
import { PRODUCTS, type ProductEntry, type ProductFamily } from './services';

const ENTERPRISE_SKU = /^(Enterprise|EnterpriseFlash)_/i;
const MANAGED_REDIS_SKU = /^(Balanced|MemoryOptimized|ComputeOptimized|FlashOptimized)_/i;

export function normaliseCacheType(type: string): CacheType | undefined {
  const lower = type.toLowerCase();
  if (lower === 'microsoft.cache/redis') return 'Microsoft.Cache/redis';
  if (lower === 'microsoft.cache/redisenterprise') return 'Microsoft.Cache/redisEnterprise';
  return undefined;
}

/**
 * The product family of a cache. For redisEnterprise the SKU decides (Enterprise_/EnterpriseFlash_ →
 * Redis Enterprise; Balanced_/MemoryOptimized_/ComputeOptimized_/FlashOptimized_ → Managed Redis), because one
 * group id serves two zones (facts §1.1 "traps"). Unknown SKU → Unknown family.
 */
export function productFamily(type: CacheType, sku: Maybe<string | null>): Maybe<ProductFamily> {
  if (type === 'Microsoft.Cache/redis') return 'AzureCacheForRedis';
  if (!isKnown(sku) || sku === null) return unknown('the SKU decides between Redis Enterprise and Managed Redis');
  if (ENTERPRISE_SKU.test(sku)) return 'RedisEnterprise';
  if (MANAGED_REDIS_SKU.test(sku)) return 'ManagedRedis';
  return unknown(`SKU '${sku}' is not a known Redis Enterprise or Managed Redis SKU`);
}

export function product(family: ProductFamily): ProductEntry {
  const entry = PRODUCTS.find((p) => p.family === family);
  if (!entry) throw new Error(`no catalog entry for ${family}`);
  return entry;
}

export function groupIdFor(type: CacheType): string {
  return type === 'Microsoft.Cache/redis' ? 'redisCache' : 'redisEnterprise';
}

/** The private DNS zone for a family in a cloud; `undefined` where Microsoft documents none. */
export function privateDnsZoneFor(family: ProductFamily, cloud: CloudName): string | undefined {
  return product(family).privateDnsZone[cloud];
}

/** Every documented `privatelink.*` zone of any Redis family in any cloud. */
export function allRedisZones(): readonly string[] {
  return PRODUCTS.flatMap((p) => Object.values(p.privateDnsZone).filter((z): z is string => z !== undefined));
}

/** The family and cloud a zone name belongs to, if it is a documented Redis zone. */
export function zoneOwner(zoneName: string): { family: ProductFamily; cloud: CloudName } | undefined {
  const lower = zoneName.toLowerCase();
  for (const p of PRODUCTS) {
    for (const [cloud, zone] of Object.entries(p.privateDnsZone)) {
      if (zone && zone.toLowerCase() === lower) return { family: p.family, cloud: cloud as CloudName };
    }
  }
  return undefined;
}

/** The public hostname clients connect to (TLS certificates are issued for it, never the privatelink name). */
export function publicHostname(family: ProductFamily, cloud: CloudName, name: string, region?: string): string | undefined {
  const entry = product(family);
  const suffix = entry.publicDnsSuffix[cloud];
  if (!suffix) return undefined;
  if (entry.hostnameHasRegion) return region ? `${name}.${region.toLowerCase().replace(/\s+/g, '')}.${suffix}` : undefined;
  return `${name}.${suffix}`;
}

/** The ports to probe: TLS first; the non-TLS port only when enabled. */
export function portsFor(family: ProductFamily, enableNonSslPort: boolean): number[] {
  const entry = product(family);
  const ports = [entry.tlsPort];
  if (enableNonSslPort && entry.nonTlsPort !== undefined) ports.push(entry.nonTlsPort);
  return ports;
}
