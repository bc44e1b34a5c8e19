// What to probe: turns a hostname, an IP, a cache resource id or cache facts into the host, family, cloud and
// ports, all through the catalog (no hostnames or ports are spelled here).

import { isIP } from 'node:net';
import { normaliseCacheType, portsFor, privateDnsZoneFor, productFamily, publicHostname } from '../catalog/lookup';
import { CLOUDS, PRODUCTS, type ProductFamily } from '../catalog/services';
import type { CloudName } from '../graph/types';
import { isKnown } from '../graph/types';
import { parseResourceId } from '../graph/resource-id';
import type { CacheFacts, ProbeOptions, ProbeTarget, ProbeTargetInfo } from './types';
import { serviceOfType } from '../catalog/targets';
import { portOf, privateZoneOf, recogniseServiceHostname, resolveServiceFacts } from './service-target';

export type TargetResult = { readonly ok: true; readonly info: ProbeTargetInfo } | { readonly ok: false; readonly message: string };

interface RecognisedName {
  readonly family: ProductFamily;
  readonly cloud: CloudName;
  readonly kind: 'public-name' | 'privatelink-name';
  readonly publicHost: string;
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Recognises a Redis hostname of any family and cloud: the public name (`c.redis.cache.windows.net`,
 * `c.westeurope.redis.azure.net`) or the privatelink name the public one CNAMEs to (`c.privatelink.redis…`).
 * The privatelink zone is checked first because it ends with the public suffix too.
 */
export function recogniseHostname(host: string): RecognisedName | undefined {
  const lower = normaliseHost(host);
  for (const product of PRODUCTS) {
    for (const cloud of CLOUDS) {
      const zone = privateDnsZoneFor(product.family, cloud);
      const suffix = product.publicDnsSuffix[cloud];
      if (!suffix) continue;
      if (zone && lower.endsWith(`.${zone}`)) {
        const prefix = lower.slice(0, -zone.length - 1);
        return { family: product.family, cloud, kind: 'privatelink-name', publicHost: `${prefix}.${suffix}` };
      }
    }
  }
  for (const product of PRODUCTS) {
    for (const cloud of CLOUDS) {
      const suffix = product.publicDnsSuffix[cloud];
      if (suffix && lower.endsWith(`.${suffix}`)) return { family: product.family, cloud, kind: 'public-name', publicHost: lower };
    }
  }
  return undefined;
}

export function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

export function resolveTarget(target: ProbeTarget, options: ProbeOptions = {}): TargetResult {
  for (const port of [options.port, options.nonTlsPort]) {
    if (port !== undefined && !validPort(port)) return { ok: false, message: `port ${port} is not a TCP port (1-65535)` };
  }
  // Both must be addresses: a name here would be resolved by the system, outside the probe's DNS check.
  if (options.connectAddress !== undefined && isIP(options.connectAddress) === 0) {
    return { ok: false, message: `the connect address '${options.connectAddress}' is not an IP address` };
  }
  const badIp = (options.expectedIps ?? []).find((ip) => isIP(ip.trim()) === 0);
  if (badIp !== undefined) return { ok: false, message: `the expected IP '${badIp}' is not an IP address` };
  if (typeof target !== 'string') {
    if ('kind' in target && target.kind === 'service') return resolveServiceFacts(target, options.cloud, options.port, options.expectedIps ?? []);
    return fromFacts(target as CacheFacts, options);
  }
  const input = target.trim();
  if (input.length === 0) return { ok: false, message: 'nothing to probe: give a hostname, an IP address or a cache resource id' };
  if (input.startsWith('/')) return fromResourceId(input, options);
  if (isIP(input) !== 0) return fromAddress(input, options);
  return fromHostname(input, options);
}

function fromFacts(facts: CacheFacts, options: ProbeOptions): TargetResult {
  const family = productFamily(facts.type, facts.sku);
  const label = facts.resourceId ?? facts.name;
  if (!isKnown(family)) return { ok: false, message: `cannot tell the hostname of ${label}: ${family?.why ?? 'unknown product'}` };
  const cloud = facts.cloud ?? options.cloud ?? 'AzureCloud';
  const host = publicHostname(family, cloud, facts.name, facts.region);
  if (!host) {
    const why = facts.region === undefined ? 'its region is not known' : `Microsoft documents no hostname for it in ${cloud}`;
    return { ok: false, message: `cannot tell the hostname of ${label}: ${why}` };
  }
  // The catalog's ports (TLS first, the non-TLS one only when enabled); the options override each of them.
  const [catalogTls, catalogNonTls] = portsFor(family, facts.enableNonSslPort === true);
  const databasePort = family !== 'AzureCacheForRedis' ? facts.databasePorts?.[0] : undefined;
  const ports = [options.port ?? databasePort ?? catalogTls];
  if (catalogNonTls !== undefined) ports.push(options.nonTlsPort ?? catalogNonTls);
  return {
    ok: true,
    info: {
      input: facts.resourceId ?? facts.name,
      host,
      hostKind: 'public-name',
      publicHost: host,
      family,
      cloud,
      resourceId: facts.resourceId ?? null,
      // An inventory value that is not an IP cannot be compared: dropping it keeps a bad row from reading as stale.
      expectedIps: unique([...(facts.endpointIps ?? []), ...(options.expectedIps ?? [])]).filter((ip) => isIP(ip) !== 0),
      ports,
    },
  };
}

function fromResourceId(id: string, options: ProbeOptions): TargetResult {
  const parsed = parseResourceId(id);
  const type = parsed ? normaliseCacheType(parsed.type.split('/').slice(0, 2).join('/')) : undefined;
  const service = parsed && !type ? serviceOfType(parsed.type.split('/').slice(0, 2).join('/')) : undefined;
  if (parsed && service && !service.zonesBySku) {
    return resolveServiceFacts({ kind: 'service', name: parsed.names[0], type: service.resourceType, resourceId: id, cloud: options.cloud }, options.cloud, options.port, options.expectedIps ?? []);
  }
  if (!parsed || !type) {
    return { ok: false, message: `'${id}' is not the resource id of a Redis cache or of a catalogued Private Link service` };
  }
  if (type === 'Microsoft.Cache/redisEnterprise') {
    return {
      ok: false,
      message: `the hostname of a redisEnterprise cache depends on its SKU and region: give the hostname, or the estate that holds ${parsed.names[0]} (--estate)`,
    };
  }
  return fromFacts({ name: parsed.names[0], type, resourceId: id, cloud: options.cloud }, options);
}

function fromAddress(address: string, options: ProbeOptions): TargetResult {
  if (options.port === undefined) {
    return { ok: false, message: `an IP address does not say which product it serves: pass the port (${knownPortsHint()})` };
  }
  return {
    ok: true,
    info: {
      input: address,
      host: address,
      hostKind: 'ip-address',
      publicHost: null,
      family: null,
      cloud: options.cloud ?? null,
      resourceId: null,
      expectedIps: unique(options.expectedIps ?? []),
      ports: [options.port],
    },
  };
}

function fromHostname(input: string, options: ProbeOptions): TargetResult {
  const host = normaliseHost(input);
  if (!HOSTNAME.test(host)) return { ok: false, message: `'${input}' is not a hostname, an IP address or a resource id` };
  const known = recogniseHostname(host);
  const other = known ? undefined : recogniseServiceHostname(host);
  if (other) {
    const zone = privateZoneOf(other.subresource, other.cloud);
    return {
      ok: true,
      info: {
        input,
        host,
        hostKind: other.kind,
        publicHost: other.publicHost,
        family: null,
        cloud: other.cloud,
        resourceId: null,
        expectedIps: unique(options.expectedIps ?? []),
        ports: [options.port ?? portOf(other.subresource)],
        service: other.service.id,
        ...(zone ? { privateZone: zone } : {}),
      },
    };
  }
  if (!known && options.port === undefined) {
    return { ok: false, message: `'${host}' is not a hostname the catalog knows: pass the port (${knownPortsHint()})` };
  }
  return {
    ok: true,
    info: {
      input,
      host,
      hostKind: known?.kind ?? 'other-name',
      publicHost: known?.publicHost ?? null,
      family: known?.family ?? null,
      cloud: known?.cloud ?? options.cloud ?? null,
      resourceId: null,
      expectedIps: unique(options.expectedIps ?? []),
      // A hostname does not say whether the non-TLS port is on: probe the TLS port only.
      ports: options.port !== undefined ? [options.port] : known ? portsFor(known.family, false) : [],
    },
  };
}

function knownPortsHint(): string {
  return PRODUCTS.map((p) => `${p.tlsPort} ${p.displayName}`).join(', ');
}

function validPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))];
}
