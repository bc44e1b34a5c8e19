// The hostname of one subresource of a catalogued service, from what is known of the resource: the name it states
// itself (catalog `hostProperty`, e.g. SQL MI's fullyQualifiedDomainName) first, because Azure wrote it and it holds
// labels nothing else gives; else the catalog's pattern with the name and region. When neither works, why not, so
// the probe can ask for the hostname with a reason.

import type { Subresource } from '../catalog/private-link-services';
import { hostNeedsRegion, hostOf, zonesIn } from '../catalog/targets';
import type { CloudName } from '../graph/types';

export type ServiceHost = { readonly ok: true; readonly host: string } | { readonly ok: false; readonly why: string | undefined };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The hostname in a stated value: a bare name (`a.westeurope.batch.azure.com`) or a URL (`https://t…/api/events`). */
export function hostnameIn(value: string): string | undefined {
  const trimmed = value.trim();
  let host: string;
  try {
    host = new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    return undefined;
  }
  host = host.toLowerCase().replace(/\.$/, '');
  const labels = host.split('.');
  // A single label or an IP is not a service's public name: better to ask than to probe the wrong thing.
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^[0-9.]+$/.test(host) ? host : undefined;
}

export interface HostFacts {
  readonly name: string;
  readonly region?: string;
  readonly statedHosts?: Readonly<Record<string, string>>;
}

export function serviceHostOf(subresource: Subresource, cloud: CloudName, facts: HostFacts): ServiceHost {
  const stated = subresource.hostProperty ? facts.statedHosts?.[subresource.hostProperty] : undefined;
  const statedHost = stated !== undefined ? hostnameIn(stated) : undefined;
  if (statedHost) return { ok: true, host: statedHost };
  const host = hostOf(subresource, cloud, facts.name, facts.region);
  if (host) return { ok: true, host };
  const property = subresource.hostProperty?.split('.').pop();
  const unstated = property ? `the resource states no ${property} here and ` : '';
  if (zonesIn(subresource.host, cloud) && hostNeedsRegion(subresource, cloud) && facts.region === undefined) {
    return { ok: false, why: `${unstated}its region is not known` };
  }
  if (subresource.hostUnknownWhy) return { ok: false, why: subresource.hostUnknownWhy };
  return { ok: false, why: property ? `${unstated}Microsoft documents no hostname pattern for it in ${cloud}` : undefined };
}
