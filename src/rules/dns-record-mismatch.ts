import type { ARecordNode, CacheNode, DnsZoneNode } from '../graph/types';
import { isKnown } from '../graph/types';
import type { CloudName } from '../graph/types';
import { recordNamesOf, subresourceOf, zoneMatches, zoneRecordsOf, zonesIn } from '../catalog/targets';
import { declaredZone, expectedZone, groupIdOf, isDeadEndpoint, isRedisTarget, type LinkTarget, type RedisTarget, targetedConnections, zoneConfigs, zoneFits } from './chain';
import { cloudOf, equalsIgnoreCase, listOf, relatedTo } from './support';
import type { Rule, RuleFinding } from './types';
import { product, productFamily } from '../catalog/lookup';

// Source: Microsoft Learn "Azure Private Endpoint DNS integration": the zone group writes an A record
// `<cache>` (Azure Cache for Redis) or `<cache>.<region>` (Enterprise, Managed Redis) with the endpoint's private IP;
// a record that is missing or points elsewhere sends clients to the public address or to another endpoint
// (facts C12: two endpoints of one cache sharing a zone overwrite each other's record). Other services: judged
// only where the catalog's hostname is `<name>.<suffix>` and the zone is `privatelink.<suffix>` (storage, Key
// Vault, SQL, Cosmos DB, ACR, App Service…): the record is then the resource name, or the name the catalog gives
// for the group id (`<name>-secondary`), plus the extra records it lists (Cosmos DB's `<name>-<region>`, ACR's
// `<name>.<region>.data`), each checked against the address the endpoint lists for it. Services whose records are
// not named after the resource (Azure Monitor Private Link Scope: `api`, `<workspace-id>`… in five zones; catalog
// `zoneRecords`) have no own record: only the names the endpoint lists in `customDnsConfigs` are judged.
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
    const findings: RuleFinding[] = [];
    for (const endpoint of graph.endpoints) {
      const cloud = cloudOf(graph, settings, endpoint);
      const configs = zoneConfigs(graph, endpoint);
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
          const names = isRedisTarget(target) && target.cache ? { main: expectedRecordName(target, target.cache, node.name), extra: [] } : serviceRecordNames(target, groupId, cloud, zone.name, node.name);
          if (!names) continue;
          const expected = names.main; // undefined: no record is named after the target (AMPLS)
          const targetName = node.name;
          const zoneName = zone.name;
          const records = graph.recordsOf(zone);
          const complete = zone.recordsRead === true || records.length > 0;
          const endpointName = graph.displayName(endpoint.id);
          // The names (relative to this zone) and addresses the endpoint itself lists: its NIC's view of the zone.
          const listed = listedNames(endpoint.customDnsConfigs ?? [], zone.name);
          const judge = (display: string, matches: (recordName: string) => boolean, ips: readonly string[]) => {
            const matching = records.filter((r) => isKnown(r.recordName) && matches(r.recordName));
            if (matching.length === 0) {
              if (!complete) return;
              findings.push({
                message: `Zone ${zoneName} has no A record for ${targetName} (expected '${display}'): clients resolve its public address instead of private endpoint ${endpointName}.`,
                node: endpoint,
                related: [relatedTo(`the zone ${zoneName}`, zone)],
                facts: { zoneName, expectedRecord: display, privateIps: [...ips], recordFound: false },
              });
              return;
            }
            if (ips.length === 0) return; // nothing to compare against
            if (matching.some((r) => r.ipv4Addresses.some((ip) => ips.includes(ip)))) return;
            findings.push(mismatch({ zoneName, zone, records: matching, endpointName, cacheName: targetName, privateIps: ips, endpoint }));
          };
          // The resource's own record: the address the endpoint lists for that name when it lists it, else any of its.
          if (expected) {
            const ownIps = (expected.exact && listed.get(expected.exact.toLowerCase())) || endpoint.privateIps;
            judge(expected.display, (name) => recordMatches(name, expected), ownIps);
          }
          // Extra records (Cosmos DB's `<account>-<region>`, ACR's data endpoints, every AMPLS record): each name the
          // endpoint lists that fits the catalog's pattern must be there with its own address. Records that fit the pattern but that the
          // endpoint does not list (another region's endpoint, an account called `<account>-archive`) are not judged.
          for (const [name, ips] of listed) {
            if (expected?.exact && equalsIgnoreCase(name, expected.exact)) continue;
            if (!names.extra.some((template) => zoneMatches(template, name))) continue;
            judge(name, (recordName) => equalsIgnoreCase(recordName, name), ips);
          }
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

/**
 * The records a non-Redis target's zone group writes, where the catalog's hostname says the record is the name
 * (`{name}.<suffix>` in zone `privatelink.<suffix>`): the resource's own (`{name}`, `{name}-secondary` for a
 * storage `_secondary` endpoint) and its extra records (catalog `records`). Where the catalog lists the zone's
 * records instead (`zoneRecords`, AMPLS), there is no own record and every template is an extra one.
 */
function serviceRecordNames(target: LinkTarget, groupId: string | undefined, cloud: CloudName, zoneName: string, name: string): { main?: ExpectedRecord; extra: readonly string[] } | undefined {
  const subresource = groupId ? subresourceOf(target.service, groupId) : undefined;
  const zoneRecords = subresource ? zoneRecordsOf(subresource, zoneName) : undefined;
  if (zoneRecords) return { extra: zoneRecords };
  const host = subresource ? zonesIn(subresource.host, cloud)?.[0] : undefined;
  if (!subresource || !groupId || !host?.startsWith('{name}.') || host.slice('{name}.'.length).includes('{')) return undefined;
  if (!equalsIgnoreCase(`privatelink.${host.slice('{name}.'.length)}`, zoneName)) return undefined;
  const [main, ...extra] = recordNamesOf(subresource, groupId, name);
  return { main: { exact: main, display: main }, extra };
}

/**
 * The endpoint's `customDnsConfigs` names inside a `privatelink.<suffix>` zone, relative to it (lower-cased), with
 * their addresses: `acct-westeurope.documents.azure.com` → `acct-westeurope` in privatelink.documents.azure.com.
 */
function listedNames(configs: readonly { readonly fqdn: string; readonly ipAddresses: readonly string[] }[], zoneName: string): Map<string, string[]> {
  const zone = zoneName.toLowerCase();
  const suffixes = zone.startsWith('privatelink.') ? [`.${zone}`, `.${zone.slice('privatelink.'.length)}`] : [`.${zone}`];
  const listed = new Map<string, string[]>();
  for (const { fqdn, ipAddresses } of configs) {
    const lower = fqdn.toLowerCase().replace(/\.$/, '');
    const suffix = suffixes.find((s) => lower.endsWith(s));
    if (!suffix || lower.length === suffix.length) continue;
    const name = lower.slice(0, -suffix.length);
    listed.set(name, [...new Set([...(listed.get(name) ?? []), ...ipAddresses])]);
  }
  return listed;
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
