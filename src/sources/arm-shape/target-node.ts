// A catalogued Private Link service other than Redis → ServiceTargetNode (Redis caches keep CacheNode,
// cache-node.ts). What the node keeps (which property is the public-access switch, which one restricts it) is the
// catalog's (src/catalog/private-link-services.ts). ARM-shaped resources come through `targetNode`; YAML designs,
// which are not ARM-shaped, answer the same few questions through a TargetView of their own.

import type { PrivateLinkService } from '../../catalog/private-link-services';
import { serviceOfType } from '../../catalog/targets';
import type { Maybe, Origin, ServiceTargetNode } from '../../graph/types';
import { at, scalarOf, tagsOf } from './read-values';
import type { ArmResourceView, Scalar } from './view';

export type { Scalar } from './view';

/** What a target node is made of: a few scalars by dotted path (`location`, `sku.name`, the catalog's switches). */
export interface TargetView {
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

/** The target node of an ARM-shaped resource, or undefined when its type is not a catalogued non-Redis service. */
export function targetNode<V>(resource: ArmResourceView<V>): ServiceTargetNode | undefined {
  const r = resource.reader;
  return serviceTargetNode({
    id: resource.id,
    type: resource.type,
    name: resource.name,
    origin: resource.origin,
    apiVersion: resource.apiVersion,
    privateEndpointConnections: resource.privateEndpointConnections,
    scalar: (path) => scalarOf(r, at(r, resource.body, ...path.split('.'))),
    tags: () => tagsOf(r, at(r, resource.body, 'tags'), resource.reported),
  });
}

/** The target node of a view, or undefined when its type is not a catalogued non-Redis service. */
export function serviceTargetNode(resource: TargetView): ServiceTargetNode | undefined {
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
    ...statedHostsOf(service, resource),
  };
}

/** The hostnames the resource states at the catalog's `hostProperty` paths (SQL MI's FQDN, a Batch account endpoint…). */
function statedHostsOf(service: PrivateLinkService, resource: TargetView): { statedHosts?: Record<string, string> } {
  const stated: Record<string, string> = {};
  for (const path of new Set(service.subresources.flatMap((s) => (s.hostProperty ? [s.hostProperty] : [])))) {
    const value = resource.scalar(path);
    if (typeof value === 'string' && value.trim() !== '') stated[path] = value.trim();
  }
  return Object.keys(stated).length > 0 ? { statedHosts: stated } : {};
}

function asString(value: Scalar): Maybe<string> {
  if (value === null) return undefined;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

function asSwitch(value: Scalar): Maybe<string | boolean | null> {
  return typeof value === 'number' ? String(value) : value;
}
