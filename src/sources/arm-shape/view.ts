// What the ARM-shape mapping reads: a resource in ARM shape (`location`, `sku`, `properties.…`) whatever it was
// read from. Each source produces views of its own values (Bicep evaluated values with spans and unknowns, ARM
// template views with expression spans, plain JSON from Azure) and supplies a ValueReader for them; everything
// after that (which property means what, which child joins which parent) is the mapping's (to-nodes.ts).

import type { Maybe, Origin } from '../../graph/types';

/** A value's kind as ARM sees it. `other`: a value that is none of these (a Bicep resource or module symbol). */
export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' | 'unknown' | 'other';

/**
 * How the mapping reads one source's values (`V`). Methods, not wrappers: Bicep values and ARM views are read in
 * place, so building nodes allocates nothing per property read (the linter runs this on every keystroke).
 */
export interface ValueReader<V> {
  kind(value: V): ValueKind;
  /** The JavaScript value of a `string`, `number`, `boolean` or `null`. */
  scalar(value: V): string | number | boolean | null;
  /** Why an `unknown` value is not known (or what an `other` value is). */
  why(value: V): string;
  /**
   * A property of an object, matched case-insensitively as ARM does. A property of an `unknown` value is unknown
   * (never absent); of anything else that is not an object, absent.
   */
  prop(value: V, key: string): V | undefined;
  /** The items of an array; empty for anything else. */
  items(value: V): readonly V[];
  /** The entries of an object, in order; empty for anything else. */
  entries(value: V): readonly (readonly [string, V])[];
  /** Why an object may hold more keys than it lists (a spread of an unknown value), when it may. */
  open?(value: V): string | undefined;
}

/** One scalar value of a resource: a string, number, boolean or null; undefined when absent; Unknown when not known. */
export type Scalar = Maybe<string | number | boolean | null>;

export interface ArmResourceView<V> {
  readonly id: string;
  /** The ARM type as written (any case). */
  readonly type: string;
  readonly name: Maybe<string>;
  /** The parent's id, for child resources (zone groups, links, records, subnets, firewall rules, databases). */
  readonly parentId?: string;
  readonly origin: Origin;
  readonly apiVersion?: string;
  /** The resource object (`location`, `sku`, `tags`, `properties`, …). */
  readonly body: V;
  readonly reader: ValueReader<V>;
  /**
   * Azure's own answer (snapshots, live rows) rather than a declaration: Azure leaves empty things out, so a
   * resource without `tags` has none (`{}`), where a design without `tags` says nothing about them.
   */
  readonly reported?: boolean;
  /** Why an endpoint's DNS zone groups are not known here (an `existing` declaration, groups not fetched). */
  readonly zoneGroupsUnknown?: string;
  /** Whether a zone's A record sets were read (live and snapshots; see DnsZoneNode.recordsRead). */
  readonly recordsRead?: boolean;
  /** Private endpoint connections the resource reports (live and snapshot rows). */
  readonly privateEndpointConnections?: readonly { readonly endpointId: string; readonly status: Maybe<string> }[];
}
