// The emulator's data: ARM resource objects indexed by id, plus the subscriptions and tenants they belong to.
// Subscriptions come from `microsoft.resources/subscriptions` objects in the estate (the shape Resource Graph's
// `resourcecontainers` table returns) or, failing that, from the subscription ids the resource ids carry.

import { readEstatePath } from '../../snapshot/read';
import type { ArmResource } from '../../snapshot/arm-resource';
import { parseResourceId, subscriptionOf } from '../../../graph/resource-id';

export const SUBSCRIPTION_TYPE = 'microsoft.resources/subscriptions';
export const DEFAULT_TENANT = '72f988bf-0000-4000-8000-00000000feed';

export interface EmulatedSubscription {
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly tenantId: string;
}

export class EstateStore {
  readonly resources: readonly ArmResource[];
  readonly subscriptions: readonly EmulatedSubscription[];
  private readonly byId = new Map<string, ArmResource>();

  constructor(all: readonly ArmResource[]) {
    const subscriptions = new Map<string, EmulatedSubscription>();
    const resources: ArmResource[] = [];
    for (const resource of all) {
      if (resource.type.toLowerCase() === SUBSCRIPTION_TYPE) {
        const subscriptionId = subscriptionOf(resource.id) ?? resource.name ?? resource.id;
        const tenantId = (resource as { tenantId?: string }).tenantId ?? DEFAULT_TENANT;
        subscriptions.set(subscriptionId.toLowerCase(), { subscriptionId, displayName: resource.name ?? subscriptionId, tenantId });
        continue;
      }
      if (this.byId.has(resource.id.toLowerCase())) continue;
      this.byId.set(resource.id.toLowerCase(), resource);
      resources.push(resource);
    }
    for (const resource of resources) {
      const subscriptionId = subscriptionOf(resource.id);
      if (subscriptionId && !subscriptions.has(subscriptionId.toLowerCase())) {
        subscriptions.set(subscriptionId.toLowerCase(), { subscriptionId, displayName: subscriptionId, tenantId: DEFAULT_TENANT });
      }
    }
    this.resources = resources;
    this.subscriptions = [...subscriptions.values()];
  }

  static fromPath(path: string): EstateStore {
    const parsed = readEstatePath(path);
    if (parsed.errors.length > 0) throw new Error(`emulator: cannot load ${path}: ${parsed.errors.join('; ')}`);
    return new EstateStore(parsed.resources);
  }

  get(id: string): ArmResource | undefined {
    return this.byId.get(id.toLowerCase());
  }

  subscription(id: string): EmulatedSubscription | undefined {
    return this.subscriptions.find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase());
  }

  /**
   * The members of a collection path, as ARM lists them:
   * `/subscriptions/{s}/providers/{ns}/{type}` (every resource of that type in the subscription),
   * `/subscriptions/{s}/resourceGroups/{g}/providers/{ns}/{type}` (in the group),
   * `{parent id}/{child type}` (children, e.g. `…/privateDnsZones/{z}/virtualNetworkLinks`, `…/privateDnsZones/{z}/A`).
   * Undefined when the path is not a collection. Indexed once: the benches list 2,000 collections of 20,000 resources.
   */
  list(path: string): ArmResource[] | undefined {
    const lower = path.replace(/\/+$/, '').toLowerCase();
    this.indexes ??= this.buildIndexes();
    const subscriptionScope = /^\/subscriptions\/([^/]+)\/providers\/([^/]+\/[^/]+)$/.exec(lower);
    if (subscriptionScope) return this.indexes.bySubscriptionType.get(`${subscriptionScope[1]}|${subscriptionScope[2]}`) ?? [];
    const members = this.indexes.byCollection.get(lower);
    if (members) return members;
    // An empty collection of a resource group or of a child type is still a collection.
    const parts = lower.split('/').filter(Boolean);
    const providersIndex = parts.indexOf('providers');
    const afterProviders = parts.length - providersIndex;
    return providersIndex >= 0 && afterProviders >= 3 && afterProviders % 2 === 1 ? [] : undefined;
  }

  private indexes?: { bySubscriptionType: Map<string, ArmResource[]>; byCollection: Map<string, ArmResource[]> };

  private buildIndexes() {
    const bySubscriptionType = new Map<string, ArmResource[]>();
    const byCollection = new Map<string, ArmResource[]>();
    const push = (map: Map<string, ArmResource[]>, key: string, r: ArmResource) => {
      const list = map.get(key);
      if (list) list.push(r);
      else map.set(key, [r]);
    };
    for (const r of this.resources) {
      const id = r.id.toLowerCase();
      push(byCollection, id.slice(0, id.lastIndexOf('/')), r);
      const parsed = parseResourceId(r.id);
      if (parsed?.subscriptionId && parsed.names.length === 1) push(bySubscriptionType, `${parsed.subscriptionId.toLowerCase()}|${parsed.type.toLowerCase()}`, r);
    }
    return { bySubscriptionType, byCollection };
  }
}
