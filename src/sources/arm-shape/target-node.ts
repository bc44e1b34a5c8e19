// ARM-shaped resource → Private Link target node, written once for every source (Bicep evaluation, ARM
// templates, estate snapshots, live inventory rows, YAML designs). A source wraps its own value representation
// in `ArmResourceView`; what the node keeps (which property is the public-access switch, which one restricts it)
// is the catalog's (src/catalog/private-link-services.ts). Redis caches keep their own node (CacheNode).

import { serviceOfType } from '../../catalog/targets';
import type { Maybe, Origin, ServiceTargetNode } from '../../graph/types';

/** One scalar value of a resource: a string, number, boolean or null; undefined when absent; Unknown when not known. */
export type Scalar = Maybe<string | number | boolean | null>;

export interface ArmResourceView {
  readonly id: string;
  /** The ARM type as written (any case). */
  readonly type: string;
  readonly name: Maybe<string>;
  readonly origin: Origin;
  readonly apiVersion?: string;
  /** The scalar at a dotted path below the resource (`location`, `sku.name`, `properties.publicNetworkAccess`). */
  scalar(path: string): Scalar;
  /** The resource's tags, when it has a `tags` object. */
  tags(): Maybe<Readonly<Record<string, Maybe<string>>>>;
  /** Private endpoint connections the resource reports (live and snapshot rows). */
  readonly privateEndpointConnections?: readonly { readonly endpointId: string; readonly status: Maybe<string> }[];
}

/** True when the type is a catalogued Private Link service that is not Redis (Redis has CacheNode). */
export function isServiceTargetType(type: string): boolean {
  const service = serviceOfType(type);
  return service !== undefined && service.zonesBySku !== true;
}

/** The target node of a resource, or undefined when its type is not a catalogued non-Redis service. */
export function serviceTargetNode(resource: ArmResourceView): ServiceTargetNode | undefined {
  const service = serviceOfType(resource.type);
  if (!service || service.zonesBySku) return undefined;
  const access = service.publicAccess;
  return {
    kind: 'target',
    id: resource.id,
    name: resource.name,
    origin: resource.origin,
    type: service.resourceType,
    location: asString(resource.scalar('location')),
    sku: asString(resource.scalar('sku.name')),
    tags: resource.tags(),
    publicAccess: access ? asSwitch(resource.scalar(access.property)) : undefined,
    publicAccessRestriction: access?.restrictedWhen ? asSwitch(resource.scalar(access.restrictedWhen.property)) : undefined,
    ...(resource.apiVersion ? { apiVersion: resource.apiVersion } : {}),
    ...(resource.privateEndpointConnections ? { privateEndpointConnections: resource.privateEndpointConnections } : {}),
  };
}

function asString(value: Scalar): Maybe<string> {
  if (value === null) return undefined;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

function asSwitch(value: Scalar): Maybe<string | boolean | null> {
  return typeof value === 'number' ? String(value) : value;
}

/** A view over plain JSON (ARM as Azure returns it: snapshots, live rows). */
export function jsonResourceView(
  resource: { readonly id: string; readonly type: string; readonly name?: unknown; readonly tags?: unknown },
  origin: Origin,
  extra: Pick<ArmResourceView, 'apiVersion' | 'privateEndpointConnections'> = {},
): ArmResourceView {
  return {
    id: resource.id,
    type: resource.type,
    name: typeof resource.name === 'string' ? resource.name : undefined,
    origin,
    ...extra,
    scalar: (path) => {
      let value: unknown = resource;
      for (const key of path.split('.')) {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
        value = (value as Record<string, unknown>)[key];
      }
      if (value === undefined || value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
      return undefined;
    },
    tags: () => {
      const tags = resource.tags;
      if (!tags || typeof tags !== 'object' || Array.isArray(tags)) return undefined;
      const out: Record<string, Maybe<string>> = {};
      for (const [key, value] of Object.entries(tags)) if (typeof value === 'string') out[key] = value;
      return out;
    },
  };
}
