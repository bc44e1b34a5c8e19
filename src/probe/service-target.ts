// What to probe for a service other than Redis (storage, Key Vault, SQL…): the hostname and port come from the
// catalog (the name the resource states, else `Subresource.host` — service-host.ts; `Subresource.port`), never
// spelled here. Redis keeps its own
// resolution (target.ts), which knows SKUs, regions and the non-TLS port.

import { PRIVATE_LINK_SERVICES, type PrivateLinkService, type Subresource } from '../catalog/private-link-services';
import { fillZone, isTemplate, serviceOfType, subresourceOf, zonesIn } from '../catalog/targets';
import { serviceHostOf } from './service-host';
import { CLOUDS } from '../catalog/services';
import type { CloudName } from '../graph/types';
import type { ProbeTargetInfo, ServiceFacts } from './types';

/** The port a probe checks when the catalog names none for the subresource: every such service speaks HTTPS. */
const HTTPS_PORT = 443;

export interface RecognisedServiceName {
  readonly service: PrivateLinkService;
  readonly subresource: Subresource;
  readonly cloud: CloudName;
  readonly kind: 'public-name' | 'privatelink-name';
  readonly publicHost: string;
}

/** The public suffix of a host pattern (`{name}.vault.azure.net` → `vault.azure.net`), when `{name}` is its only label. */
function suffixOf(pattern: string): string | undefined {
  if (!pattern.startsWith('{name}.')) return undefined;
  const suffix = pattern.slice('{name}.'.length);
  return isTemplate(suffix) ? undefined : suffix.toLowerCase();
}

/**
 * Recognises a hostname of a catalogued service other than Redis: the public name (`kv.vault.azure.net`) or the
 * privatelink name it CNAMEs to (`kv.privatelink.vaultcore.azure.net` for a vault is the zone, not the suffix, so
 * only zones written `privatelink.<public suffix>` are recognised from their privatelink name). Longest suffix wins.
 */
export function recogniseServiceHostname(host: string): RecognisedServiceName | undefined {
  let best: (RecognisedServiceName & { length: number }) | undefined;
  for (const service of PRIVATE_LINK_SERVICES) {
    if (service.zonesBySku) continue;
    for (const subresource of service.subresources) {
      for (const cloud of CLOUDS) {
        for (const pattern of zonesIn(subresource.host, cloud) ?? []) {
          const suffix = suffixOf(pattern);
          if (!suffix) continue;
          for (const [kind, tail] of [['privatelink-name', `privatelink.${suffix}`], ['public-name', suffix]] as const) {
            if (!host.endsWith(`.${tail}`)) continue;
            const name = host.slice(0, -tail.length - 1);
            if (name.includes('.') || (best && best.length >= tail.length)) continue;
            best = { service, subresource, cloud, kind, publicHost: `${name}.${suffix}`, length: tail.length };
          }
        }
      }
    }
  }
  if (!best) return undefined;
  const { length: _length, ...found } = best;
  return found;
}

export function portOf(subresource: Subresource): number {
  return subresource.port ?? HTTPS_PORT;
}

/** The zone a subresource's names pass through in a cloud, when it is one concrete zone (`{regionName}` filled in). */
export function privateZoneOf(subresource: Subresource, cloud: CloudName, region?: string): string | undefined {
  const zones = (zonesIn(subresource.zones, cloud) ?? []).map((z) => fillZone(z, region));
  return zones.length === 1 && !isTemplate(zones[0]) ? zones[0] : undefined;
}

export type ServiceTargetResult = { readonly ok: true; readonly info: ProbeTargetInfo } | { readonly ok: false; readonly message: string };

/** Facts of a storage account, key vault… → hostname and port, through the catalog. */
export function resolveServiceFacts(facts: ServiceFacts, defaultCloud: CloudName | undefined, port: number | undefined, expectedIps: readonly string[]): ServiceTargetResult {
  const label = facts.resourceId ?? facts.name;
  const service = serviceOfType(facts.type);
  if (!service || service.zonesBySku) return { ok: false, message: `${label}: ${facts.type} is not a catalogued Private Link service` };
  const cloud = facts.cloud ?? defaultCloud ?? 'AzureCloud';
  const candidates = facts.groupId ? [subresourceOf(service, facts.groupId)].filter((s): s is Subresource => !!s) : service.subresources;
  const hosts = candidates.map((s) => ({ subresource: s, found: serviceHostOf(s, cloud, facts) }));
  const hit = hosts.find((h) => h.found.ok);
  if (!hit || !hit.found.ok) {
    const which = facts.groupId ? ` (${facts.groupId})` : '';
    const why = hosts.map((h) => (h.found.ok ? undefined : h.found.why)).find((w) => w !== undefined);
    // The reason, then what to do: the probe cannot go on without a name, and the user may know it.
    const reason = why ?? `the catalog holds no hostname pattern for ${service.displayName}${which} in ${cloud}`;
    return { ok: false, message: `cannot tell the hostname of ${label}: ${reason}; give the hostname to probe` };
  }
  const { subresource } = hit;
  const host = hit.found.host;
  const zone = privateZoneOf(subresource, cloud, facts.region);
  return {
    ok: true,
    info: {
      input: label,
      host,
      hostKind: 'public-name',
      publicHost: host,
      family: null,
      cloud,
      resourceId: facts.resourceId ?? null,
      expectedIps: [...new Set([...(facts.endpointIps ?? []), ...expectedIps])],
      ports: [port ?? portOf(subresource)],
      service: service.id,
      ...(zone ? { privateZone: zone } : {}),
    },
  };
}

/**
 * What a probe of a hostname the user gives for these facts keeps from them (the extension asks when the hostname
 * cannot be told): the catalog's port for the endpoint's subresource, and the endpoint IPs DNS should answer.
 */
export function optionsForGivenHost(facts: ServiceFacts): { port?: number; expectedIps: string[] } {
  const service = serviceOfType(facts.type);
  const subresource = service && (facts.groupId ? subresourceOf(service, facts.groupId) : service.subresources[0]);
  return { ...(subresource ? { port: portOf(subresource) } : {}), expectedIps: [...(facts.endpointIps ?? [])] };
}
