// A Redis cache (Azure Cache for Redis, Redis Enterprise, Azure Managed Redis) → CacheNode, with its firewall
// rules and, for Enterprise and Managed Redis, the ports of its databases (child resources).

import { normaliseCacheType } from '../../catalog/lookup';
import type { CacheNode, FirewallRule } from '../../graph/types';
import { ARM_TYPES } from './arm-types';
import type { ChildIndex } from './children';
import { at, booleanOf, nullableTextOf, numberOf, tagsOf, textOf } from './read-values';
import type { ArmResourceView } from './view';

export function cacheNode<V>(resource: ArmResourceView<V>, children: ChildIndex<V>): CacheNode {
  const r = resource.reader;
  const body = resource.body;
  const type = normaliseCacheType(resource.type) ?? 'Microsoft.Cache/redis';
  const redis = type === 'Microsoft.Cache/redis';
  const props = at(r, body, 'properties');
  // Azure Cache for Redis keeps its SKU under `properties.sku`, Redis Enterprise at the top level; either is read
  // where the other is absent (exports and older tools move it).
  const sku = redis ? (at(r, props, 'sku') ?? at(r, body, 'sku')) : (at(r, body, 'sku') ?? at(r, props, 'sku'));
  const firewallRules: FirewallRule[] = children.of(resource, ARM_TYPES.redisFirewallRule).map((rule) => ({
    name: rule.name,
    startIP: textOf(rule.reader, at(rule.reader, rule.body, 'properties', 'startIP')),
    endIP: textOf(rule.reader, at(rule.reader, rule.body, 'properties', 'endIP')),
    origin: rule.origin,
  }));
  const ports: number[] = [];
  for (const db of children.of(resource, ARM_TYPES.redisEnterpriseDatabase)) {
    const port = at(db.reader, db.body, 'properties', 'port');
    if (port !== undefined && db.reader.kind(port) === 'number') ports.push(db.reader.scalar(port) as number);
  }
  return {
    kind: 'cache',
    id: resource.id,
    name: resource.name,
    origin: resource.origin,
    type,
    sku: textOf(r, at(r, sku, 'name')),
    skuFamily: redis ? textOf(r, at(r, sku, 'family')) : undefined,
    capacity: numberOf(r, at(r, sku, 'capacity')),
    location: textOf(r, at(r, body, 'location')),
    tags: tagsOf(r, at(r, body, 'tags'), resource.reported),
    publicNetworkAccess: nullableTextOf(r, at(r, props, 'publicNetworkAccess')),
    subnetId: textOf(r, at(r, props, 'subnetId')),
    shardCount: numberOf(r, at(r, props, 'shardCount')),
    enableNonSslPort: booleanOf(r, at(r, props, 'enableNonSslPort')),
    minimumTlsVersion: textOf(r, at(r, props, 'minimumTlsVersion')),
    firewallRules,
    ...(resource.privateEndpointConnections ? { privateEndpointConnections: resource.privateEndpointConnections } : {}),
    ...(resource.apiVersion ? { apiVersion: resource.apiVersion } : {}),
    ...(ports.length > 0 ? { databasePorts: ports } : {}),
  };
}
