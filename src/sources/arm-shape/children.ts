// Which child resources (zone groups, firewall rules, databases, subnets) belong to which parent. A child names
// its parent by id; the parent may be declared elsewhere (nested, top-level `pe/default`, another module), so
// ids are matched exactly first (case-insensitively, as ARM does) and by resource key (type + names) second,
// but only when one of the two ids leaves its subscription or resource group out: design ids often do (a
// module's scope, an `existing` parent), while two full ids that differ are two resources (`pe` in rg-a and in
// rg-b each keep their own `default` zone group).

import { resourceKeyOfId } from '../../graph/resource-id';
import type { ArmResourceView } from './view';

export class ChildIndex<V> {
  private readonly exact = new Map<string, ArmResourceView<V>[]>();
  private readonly byKey = new Map<string, ArmResourceView<V>[]>();
  /** Lower-cased types of the children, computed once (`of` is asked per cache, endpoint and VNet). */
  private readonly childType = new Map<ArmResourceView<V>, string>();

  constructor(resources: readonly ArmResourceView<V>[]) {
    for (const resource of resources) {
      if (!resource.parentId) continue;
      this.childType.set(resource, resource.type.toLowerCase());
      const { exact, key, full } = keysOf(resource.parentId);
      push(this.exact, exact, resource);
      if (key) push(this.byKey, full ? `full:${key}` : `partial:${key}`, resource);
    }
  }

  /** The children of `parent` of one (lower-cased) type, each once, exact matches first. */
  of(parent: ArmResourceView<V>, type: string): ArmResourceView<V>[] {
    if (this.childType.size === 0) return [];
    const { exact, key, full } = keysOf(parent.id);
    const out: ArmResourceView<V>[] = [];
    for (const child of this.exact.get(exact) ?? NONE) if (this.childType.get(child) === type) out.push(child);
    if (key) {
      // A partial parent id matches children by key whatever their ids; a full one, only children with partial ids.
      const lists = full ? [this.byKey.get(`partial:${key}`)] : [this.byKey.get(`partial:${key}`), this.byKey.get(`full:${key}`)];
      for (const list of lists) {
        for (const child of list ?? NONE) if (this.childType.get(child) === type && !out.includes(child)) out.push(child);
      }
    }
    return out;
  }
}

const NONE: readonly never[] = [];

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface IdKeys {
  readonly exact: string;
  readonly key: string | undefined;
  /** The id names its subscription and resource group. */
  readonly full: boolean;
}

const keyCache = new Map<string, IdKeys>();

function keysOf(id: string): IdKeys {
  let keys = keyCache.get(id);
  if (!keys) {
    keys = { exact: id.toLowerCase(), key: resourceKeyOfId(id), full: /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\//i.test(id) };
    // Bounded: ids repeat across keystrokes of one workspace, but the cache must not grow without end (in count,
    // and in size: an id made from a huge string is not kept).
    if (id.length > 1_000) return keys;
    if (keyCache.size > 50_000) keyCache.clear();
    keyCache.set(id, keys);
  }
  return keys;
}
