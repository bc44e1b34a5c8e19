// A resource declaration after evaluation: the common input of the node builders, whether it came from a
// `resource` statement, a local module's file, or an Azure Verified Module call mapped to ARM shape (avm.ts).

import type { CloudName, FileSpan, SourceFormat } from '../../graph/types';
import type { Value } from './eval-value';

export interface DeclaredResource {
  /** The file the declaration is in (for AVM calls: the calling file). */
  readonly file: string;
  /** Symbol for messages and synthetic ids (`vnet::subnet` for nested ones, `cache.privateEndpoints[0]` for AVM). */
  readonly symbol: string;
  /** Full resource type, e.g. `Microsoft.Network/privateDnsZones/virtualNetworkLinks`, as written (any case). */
  readonly type: string;
  readonly apiVersion?: string;
  /** Full-ish resource id when the names are known, else `design:<file>#<symbol>`. */
  readonly id: string;
  /** The last name segment (the resource's own name). */
  readonly name: Value;
  /** The parent's id, for child resources (zone groups, links, records, subnets, firewall rules, databases). */
  readonly parentId?: string;
  /** The evaluated body in ARM shape (`properties`, `sku`, `location`, ...), every value with its span. */
  readonly body: Value;
  /** The whole declaration. */
  readonly span: FileSpan;
  readonly existing: boolean;
  readonly inLoop: boolean;
  readonly conditional: boolean;
  /** The cloud the deployment that declares it is judged in (its root file's). */
  readonly cloud?: CloudName;
  /**
   * Where a missing `properties.*` value is inserted when the body has no `properties` object of its own:
   * the `params` object of an AVM call, or the element of a `privateEndpoints[]` array. Undefined for plain
   * resources (the fix then creates `properties: {}`).
   */
  readonly insertInto?: FileSpan;
  /** The format the declaration was read from, for fixes (Terraform shares this shape); Bicep when absent. */
  readonly format?: SourceFormat;
  /**
   * Its spans follow syntax nodes that a later version of the file may move (Terraform in the editor keeps graph
   * nodes across keystrokes): the origin reads them when asked (live-origin.ts) instead of once.
   */
  readonly movable?: boolean;
}
