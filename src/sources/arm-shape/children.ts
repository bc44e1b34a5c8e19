// Which child resources (zone groups, firewall rules, databases, subnets) belong to which parent. A child names
// its parent by id; the parent may be declared elsewhere (nested, top-level `pe/default`, another module), so
// ids are matched exactly first (case-insensitively, as ARM does) and by resource key (type + names) second,
// but only when one of the two ids leaves its subscription or resource group out: design ids often do (a
// module's scope, an `existing` parent), while two full ids that differ are two resources (`pe` in rg-a and in
// rg-b each keep their own `default` zone group).

import { resourceKeyOfId } from '../../graph/resource-id';
import { ownString } from '../../graph/own-string';
import type { ArmResourceView } from './view';

export class ChildIndex<V> {
  /**
   * The children of each type asked for, indexed on the first question for that type: a parent id can cost an
   * evaluation (ARM templates), and most resources (role assignments, diagnostics, locks) are nobody's child
   * the graph asks for.
   */
  private readonly byType = new Map<string, TypeIndex<V>>();

  constructor(private readonly resources: readonly ArmResourceView<V>[]) {}

  /** The children of `parent` of one (lower-cased) type, each once, exact matches first. */
  of(parent: ArmResourceView<V>, type: string): ArmResourceView<V>[] {
    const index = this.indexOf(type);
    if (index.exact.size === 0) return [];
    const { exact, key, full } = keysOf(parent.id);
    const out: ArmResourceView<V>[] = [...(index.exact.get(exact) ?? NONE)];
    if (key) {
      // A partial parent id matches children by key whatever their ids; a full one, only children with partial ids.
      const lists = full ? [index.byKey.get(`partial:${key}`)] : [index.byKey.get(`partial:${key}`), index.byKey.get(`full:${key}`)];
      for (const list of lists) {
        for (const child of list ?? NONE) if (!out.includes(child)) out.push(child);
      }
    }
    return out;
  }

  private indexOf(type: string): TypeIndex<V> {
    let index = this.byType.get(type);
    if (!index) {
      index = { exact: new Map(), byKey: new Map() };
      for (const resource of this.resources) {
        if (resource.type.toLowerCase() !== type || !resource.parentId) continue;
        const { exact, key, full } = keysOf(resource.parentId);
        push(index.exact, exact, resource);
        if (key) push(index.byKey, full ? `full:${key}` : `partial:${key}`, resource);
      }
      this.byType.set(type, index);
    }
    return index;
  }
}

interface TypeIndex<V> {
  readonly exact: Map<string, ArmResourceView<V>[]>;
  readonly byKey: Map<string, ArmResourceView<V>[]>;
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
    const keptId = id.length > 1_000 ? id : ownString(id);
    keys = { exact: keptId.toLowerCase(), key: resourceKeyOfId(keptId), full: /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\//i.test(keptId) };
    // Bounded: ids repeat across keystrokes of one workspace, but the cache must not grow without end (in count,
    // and in size: an id made from a huge string is not kept, and a kept one is a copy that holds no design text
    // alive: own-string.ts).
    if (id.length > 1_000) return keys;
    if (keyCache.size > 50_000) keyCache.clear();
    keyCache.set(keptId, keys);
  }
  return keys;
}
