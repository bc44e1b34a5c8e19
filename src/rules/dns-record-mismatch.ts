import type { ARecordNode, CacheNode, DnsZoneNode } from '../graph/types';
import { isKnown } from '../graph/types';
import type { CloudName } from '../graph/types';
import { subresourceOf, zonesIn } from '../catalog/targets';
import { declaredZone, expectedZone, groupIdOf, isDeadEndpoint, isRedisTarget, type LinkTarget, type RedisTarget, targetedConnections, zoneConfigs, zoneFits } from './chain';
import { cloudOf, equalsIgnoreCase, listOf, relatedTo } from './support';
import type { Rule, RuleFinding } from './types';
import { product, productFamily } from '../catalog/lookup';

// Source: Microsoft Learn "Azure Private Endpoint DNS integration": the zone group writes an A record
// `<cache>` (Azure Cache for Redis) or `<cache>.<region>` (Enterprise, Managed Redis) with the endpoint's private IP;
// a record that is missing or points elsewhere sends clients to the public address or to another endpoint
// (facts C12: two endpoints of one cache sharing a zone overwrite each other's record). Other services: judged
// only where the catalog's hostname is `<name>.<suffix>` and the zone is `privatelink.<suffix>` (storage, Key
// Vault, SQL, Cosmos DB's Sql API, ACR, App Service…): the record is then the resource name.
export const dnsRecordMismatch: Rule = {
  id: 'dns-record-mismatch',
  defaultSeverity: 'error',
  title: "The zone's A record for the target is missing or points away from the endpoint",
  description:
    'The private zone must hold an A record for the target (a cache, a storage account, a key vault…) with the ' +
    'private IP of its endpoint. When it is missing, ' +
    'clients resolve the public address; when it holds another IP (a deleted endpoint, a second endpoint sharing the ' +
    'zone, a hand-written record) they connect to the wrong place. Recreate the DNS zone group of the endpoint, or fix ' +
    'the record.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns-integration',
  modes: ['live'],
  check(graph, settings) {
    const cloud = cloudOf(graph, settings);
    const findings: RuleFinding[] = [];
    for (const endpoint of graph.endpoints) {
      const configs = zoneConfigs(endpoint);
      if (!configs) continue;
      if (isDeadEndpoint(graph, endpoint)) continue;
      for (const { connection, target } of targetedConnections(graph, endpoint)) {
        const node = target.cache ?? target.node;
        if (!node || !isKnown(node.name)) continue;
        const groupId = groupIdOf(connection);
        for (const ref of configs) {
          if (!isKnown(ref.config.zoneId)) continue;
          const zone = declaredZone(graph, ref.config.zoneId);
          if (!zone || !isKnown(zone.name) || zone.recordsRead === false) continue;
          if (zoneFits(expectedZone(target, cloud, groupId), zone.name) === false) continue; // dns-zone-mismatch's finding
          const expected = isRedisTarget(target) && target.cache ? expectedRecordName(target, target.cache, node.name) : serviceRecordName(target, groupId, cloud, zone.name, node.name);
          if (!expected) continue;
          const targetName = node.name;
          const records = graph.recordsOf(zone);
          const complete = zone.recordsRead === true || records.length > 0;
          const matching = records.filter((r) => isKnown(r.recordName) && recordMatches(r.recordName, expected));
          const endpointName = graph.displayName(endpoint.id);
          if (matching.length === 0) {
            if (!complete) continue;
            findings.push({
              message: `Zone ${zone.name} has no A record for ${targetName} (expected '${expected.display}'): clients resolve its public address instead of private endpoint ${endpointName}.`,
              node: endpoint,
              related: [relatedTo(`the zone ${zone.name}`, zone)],
              facts: { zoneName: zone.name, expectedRecord: expected.display, privateIps: [...endpoint.privateIps], recordFound: false },
            });
            continue;
          }
          if (endpoint.privateIps.length === 0) continue; // nothing to compare against
          const pointsHere = matching.some((r) => r.ipv4Addresses.some((ip) => endpoint.privateIps.includes(ip)));
          if (pointsHere) continue;
          findings.push(mismatch({ zoneName: zone.name, zone, records: matching, endpointName, cacheName: targetName, privateIps: endpoint.privateIps, endpoint }));
        }
      }
    }
    return findings;
  },
};

interface ExpectedRecord {
  /** Exact relative name, or a prefix (`name.`) when the region is unknown. */
  readonly exact?: string;
  readonly prefix?: string;
  readonly display: string;
}

function expectedRecordName(target: RedisTarget, cache: CacheNode, name: string): ExpectedRecord {
  const family = productFamily(target.type, cache.sku);
  const regional = isKnown(family) ? product(family).hostnameHasRegion : target.type === 'Microsoft.Cache/redisEnterprise';
  if (!regional) return { exact: name, display: name };
  if (isKnown(cache.location)) {
    const regionalName = `${name}.${cache.location.toLowerCase().replace(/\s+/g, '')}`;
    return { exact: regionalName, display: regionalName };
  }
  return { prefix: `${name}.`, display: `${name}.<region>` };
}

/** The record a non-Redis target's zone group writes, where the catalog's hostname says it is the name. */
function serviceRecordName(target: LinkTarget, groupId: string | undefined, cloud: CloudName, zoneName: string, name: string): ExpectedRecord | undefined {
  const subresource = groupId ? subresourceOf(target.service, groupId) : undefined;
  const host = subresource ? zonesIn(subresource.host, cloud)?.[0] : undefined;
  if (!host?.startsWith('{name}.') || host.slice('{name}.'.length).includes('{')) return undefined;
  if (!equalsIgnoreCase(`privatelink.${host.slice('{name}.'.length)}`, zoneName)) return undefined;
  return { exact: name, display: name };
}

function recordMatches(recordName: string, expected: ExpectedRecord): boolean {
  if (expected.exact) return equalsIgnoreCase(recordName, expected.exact);
  return expected.prefix !== undefined && recordName.toLowerCase().startsWith(expected.prefix.toLowerCase());
}

interface Mismatch {
  readonly zoneName: string;
  readonly zone: DnsZoneNode;
  readonly records: readonly ARecordNode[];
  readonly endpointName: string;
  readonly cacheName: string;
  readonly privateIps: readonly string[];
  readonly endpoint: RuleFinding['node'];
}

function mismatch({ zoneName, zone, records, endpointName, cacheName, privateIps, endpoint }: Mismatch): RuleFinding {
  const recordIps = [...new Set(records.flatMap((r) => r.ipv4Addresses))];
  const recordName = isKnown(records[0].recordName) ? records[0].recordName : cacheName;
  return {
    message: `A record ${recordName} in ${zoneName} points to ${listOf(recordIps) || 'no address'}, but private endpoint ${endpointName} of ${cacheName} has ${listOf([...privateIps])}: clients connect to the wrong address.`,
    node: endpoint,
    related: [relatedTo(`the record ${recordName}`, records[0]), relatedTo(`the zone ${zoneName}`, zone)],
    facts: { zoneName, recordName, recordIps, privateIps: [...privateIps], recordFound: true },
  };
}
