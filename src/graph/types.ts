// The one model of a Private Link design or estate. Every source (Bicep, ARM JSON, YAML designs, live Azure,
// estate snapshots) produces a PrivateLinkGraph; every rule reads one. See shared/DESIGN.md.

/**
 * A value the source sets but we cannot know (a parameter without default, a module output, an `existing`
 * resource's property). Rules use three-valued logic: a value, absent (`undefined`), or Unknown.
 * An unknown value must never produce a finding on its own: a false alarm costs trust faster than a miss.
 */
export interface Unknown {
  readonly unknown: true;
  /** Why we cannot tell, for "cannot tell" messages, e.g. "parameter 'pna' has no default". */
  readonly why: string;
}

export type Maybe<T> = T | Unknown | undefined;

export function unknown(why: string): Unknown {
  return { unknown: true, why };
}

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && (value as { unknown?: unknown }).unknown === true;
}

/** True when the value is known (neither absent nor Unknown). */
export function isKnown<T>(value: Maybe<T>): value is T {
  return value !== undefined && !isUnknown(value);
}

/** A position in a text file. Line and character are 0-based (as in LSP/VS Code); offset counts UTF-16 units. */
export interface Position {
  readonly line: number;
  readonly character: number;
  readonly offset: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A range in a named file. `file` is the path as the source was given it (absolute in the editor). */
export interface FileSpan {
  readonly file: string;
  readonly range: Range;
}

export type SourceFormat = 'bicep' | 'bicepparam' | 'arm' | 'yaml' | 'terraform' | 'terraform-plan';

/** Where a node came from: a declaration in a file, or a live resource. */
export type Origin =
  | {
      readonly kind: 'file';
      readonly format: SourceFormat;
      /** The whole declaration (resource block, JSON object, YAML map). */
      readonly span: FileSpan;
      /**
       * Spans of individual property values, keyed by a dotted path relative to the declaration, e.g.
       * `properties.publicNetworkAccess`, `properties.privateLinkServiceConnections[0].properties.groupIds[0]`.
       * Lets a finding underline exactly the wrong value and lets a fix replace it.
       */
      readonly properties: Readonly<Record<string, FileSpan>>;
      /** Where a missing property of the `properties` object can be inserted (the object's span). */
      readonly propertiesObject?: FileSpan;
      /** Declared inside a `[for …]` loop: findings are reported once, at the loop body. */
      readonly inLoop?: boolean;
      /** Declared under an `if` condition. */
      readonly conditional?: boolean;
      /** A symbol name (Bicep), or another short handle the format has, for messages. */
      readonly symbol?: string;
      /**
       * Declared as a reference to a resource deployed elsewhere (Bicep `existing`): its properties and children
       * (links, zone groups, records) are not in this design, so "missing" must not be concluded from it.
       */
      readonly existing?: boolean;
      /**
       * The cloud the file is judged in (a YAML design's `cloud:`, else the nearest `.plreview.yaml`'s, else the
       * default). Rules judge a node in its own cloud, so one file's cloud never changes another file's verdict.
       */
      readonly cloud?: CloudName;
    }
  | {
      readonly kind: 'live';
      readonly resourceId: string;
    };

export type CacheType = 'Microsoft.Cache/redis' | 'Microsoft.Cache/redisEnterprise';

interface NodeBase {
  /**
   * The node's identity. A full ARM resource id when it is known (live, or a design whose names are literal),
   * otherwise a synthetic `design:<file>#<symbol>` id. References between nodes hold these strings; the graph
   * resolves them exactly first and then by resource key (type + names), see graph.ts.
   */
  readonly id: string;
  readonly name: Maybe<string>;
  readonly origin: Origin;
}

export interface FirewallRule {
  readonly name: Maybe<string>;
  readonly startIP: Maybe<string>;
  readonly endIP: Maybe<string>;
  readonly origin: Origin;
}

export interface CacheNode extends NodeBase {
  readonly kind: 'cache';
  readonly type: CacheType;
  /** e.g. `Premium`, `Standard`, `Enterprise_E10`, `Balanced_B5`. For redis this is `sku.name`. */
  readonly sku: Maybe<string>;
  /** `C`/`P` for Microsoft.Cache/redis. */
  readonly skuFamily?: Maybe<string>;
  readonly capacity?: Maybe<number>;
  readonly location: Maybe<string>;
  readonly tags: Maybe<Readonly<Record<string, Maybe<string>>>>;
  /** `Enabled` | `Disabled` | null (legacy redisEnterprise) | absent. */
  readonly publicNetworkAccess: Maybe<string | null>;
  /** VNet injection subnet (redis Premium only). */
  readonly subnetId: Maybe<string>;
  readonly shardCount: Maybe<number>;
  readonly enableNonSslPort: Maybe<boolean>;
  readonly minimumTlsVersion: Maybe<string>;
  readonly firewallRules: readonly FirewallRule[];
  /** Private endpoint connections as the cache reports them (live only). */
  readonly privateEndpointConnections?: readonly { readonly endpointId: string; readonly status: Maybe<string> }[];
  /** The api version the declaration uses, when a source has one. */
  readonly apiVersion?: string;
  /** The data-plane port(s) actually configured, when known (redisEnterprise databases). */
  readonly databasePorts?: readonly number[];
}

/**
 * A Private Link target other than a Redis cache (Redis keeps its own CacheNode): a storage account, a key
 * vault, a SQL server… Its service and what its public-access settings mean are the catalog's
 * (src/catalog/private-link-services.ts); the node holds what the resource says.
 */
export interface ServiceTargetNode extends NodeBase {
  readonly kind: 'target';
  /** The ARM resource type as the source wrote it (compare case-insensitively). */
  readonly type: string;
  readonly location: Maybe<string>;
  readonly sku: Maybe<string>;
  readonly tags: Maybe<Readonly<Record<string, Maybe<string>>>>;
  /**
   * The value of the property the catalog names as the type's public-access switch (`publicNetworkAccess`,
   * `network.publicNetworkAccess`…): undefined when absent. Booleans are kept as written.
   */
  readonly publicAccess: Maybe<string | boolean | null>;
  /** The value of the catalog's restriction property (`networkAcls.defaultAction`…), undefined when absent. */
  readonly publicAccessRestriction: Maybe<string | boolean | null>;
  /** The api version the declaration uses, when a source has one. */
  readonly apiVersion?: string;
  /** Private endpoint connections as the resource reports them (live only). */
  readonly privateEndpointConnections?: readonly { readonly endpointId: string; readonly status: Maybe<string> }[];
  /**
   * Hostnames the resource states itself, by the catalog's `hostProperty` path (`properties.accountEndpoint` →
   * the value as written, a name or a URL); present only when one is stated. The probe prefers them to patterns.
   */
  readonly statedHosts?: Readonly<Record<string, string>>;
}

export interface PrivateLinkConnection {
  readonly name: Maybe<string>;
  /** `manualPrivateLinkServiceConnections` (needs approval) vs `privateLinkServiceConnections` (auto). */
  readonly manual: boolean;
  /** `privateLinkServiceId`: the target resource id (resolve it with graph.resolve). */
  readonly targetId: Maybe<string>;
  readonly groupIds: Maybe<readonly Maybe<string>[]>;
  /** `Approved` | `Pending` | `Rejected` | `Disconnected` (live). */
  readonly status: Maybe<string>;
  /** The property path prefix of this connection inside the endpoint, for spans and fixes. */
  readonly path: string;
}

export interface ZoneConfig {
  readonly name: Maybe<string>;
  /** `privateDnsZoneId`. */
  readonly zoneId: Maybe<string>;
  /** Property path of the zone id value, for spans and fixes. */
  readonly path: string;
}

export interface ZoneGroup {
  readonly id: string;
  readonly name: Maybe<string>;
  readonly configs: readonly ZoneConfig[];
  readonly origin: Origin;
}

export interface PrivateEndpointNode extends NodeBase {
  readonly kind: 'privateEndpoint';
  readonly location: Maybe<string>;
  readonly tags: Maybe<Readonly<Record<string, Maybe<string>>>>;
  readonly subnetId: Maybe<string>;
  readonly connections: readonly PrivateLinkConnection[];
  /**
   * The endpoint's DNS zone group(s). Empty array: known to have none. Unknown: cannot tell (live, not fetched
   * yet; or a module whose parameters are not literal).
   */
  readonly zoneGroups: readonly ZoneGroup[] | Unknown;
  /** Private IPs of the endpoint's NIC (live, or `ipConfigurations` in designs). */
  readonly privateIps: readonly string[];
  readonly customDnsConfigs?: readonly { readonly fqdn: string; readonly ipAddresses: readonly string[] }[];
}

export interface VnetLinkNode extends NodeBase {
  readonly kind: 'vnetLink';
  /** The zone this link belongs to (id of a DnsZoneNode, resolve with graph.resolve). */
  readonly zoneId: Maybe<string>;
  readonly vnetId: Maybe<string>;
  readonly registrationEnabled: Maybe<boolean>;
}

export interface ARecordNode extends NodeBase {
  readonly kind: 'aRecord';
  readonly zoneId: Maybe<string>;
  /** The relative record name, e.g. `mycache` or `mycache.westeurope`. */
  readonly recordName: Maybe<string>;
  readonly ipv4Addresses: readonly string[];
}

export interface DnsZoneNode extends NodeBase {
  readonly kind: 'dnsZone';
  readonly tags?: Maybe<Readonly<Record<string, Maybe<string>>>>;
  /**
   * Whether the zone's VNet links were read (live/snapshot). `false`: not read, rules stay silent about links;
   * absent or `true`: the links in the graph are all the zone has.
   */
  readonly linksRead?: boolean;
  /**
   * Whether the zone's A record sets were read. `true`: the records in the graph are all the zone has; `false`:
   * not read; absent: complete only when the graph holds at least one record of the zone.
   */
  readonly recordsRead?: boolean;
}

export interface SubnetInfo {
  readonly id: string;
  readonly name: string;
}

export interface VnetNode extends NodeBase {
  readonly kind: 'vnet';
  readonly location: Maybe<string>;
  readonly subnets: readonly SubnetInfo[];
  /** Custom DNS servers on the VNet (linked private zones are then not queried unless forwarded). */
  readonly dnsServers?: readonly string[];
}

/** A workload that must resolve and reach caches from a network (declared in YAML designs). */
export interface ClientNode extends NodeBase {
  readonly kind: 'client';
  readonly vnetId: Maybe<string>;
  /** Ids of caches the client uses. */
  readonly uses: readonly string[];
}

export type GraphNode =
  | CacheNode
  | ServiceTargetNode
  | PrivateEndpointNode
  | DnsZoneNode
  | VnetLinkNode
  | ARecordNode
  | VnetNode
  | ClientNode;

export type NodeKind = GraphNode['kind'];

export type CloudName = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';

/** A syntax or schema problem found while reading a source: becomes a `syntax-error`/`design-schema` finding. */
export interface SourceProblem {
  readonly ruleId: 'syntax-error' | 'design-schema';
  readonly message: string;
  readonly span: FileSpan;
}

/** One read inside a scope that failed (the zone groups of one endpoint): what is missing, and why. */
export interface CoverageGap {
  /** The resource whose detail could not be read. */
  readonly resourceId: string;
  /** What of it: `DNS zone groups`, `firewall rules`, `A records`. */
  readonly what: string;
  readonly reason: string;
}

/**
 * What a source could read and what it could not, for the evidence bundle's coverage section.
 *
 * This is also the one way a source says "not fully analysed" (fail closed, issue #12): every `file` entry whose
 * status is not `read` becomes an `analysis-incomplete` error finding (src/rules/engine.ts), so lint exits 1 and
 * SARIF says the run did not succeed. The contract for sources:
 * - `scope` is the file that was not (fully) analysed; `failed`: nothing of it was analysed, `partial`: some of it
 *   was (say which part in the reason);
 * - `reason` says what and why in words a user can act on ("module 'net' refers to '../x.bicep', which was not
 *   read: it is outside the analysed folder /repo"). It never quotes the content of the file;
 * - `at` is where a design names the file (a module path, a `using` target) when the entry is about a reference:
 *   the finding sits there; without it the finding sits at the start of `scope`;
 * - an entry only adds a finding: whatever the source did read (nodes, problems) is still reported.
 */
export interface CoverageEntry {
  /** A file path or a subscription id. */
  readonly scope: string;
  readonly kind: 'file' | 'subscription';
  /**
   * `partial`: read, but not all of it. Files: some of it was analysed (the reason says which part). Subscriptions:
   * some reads inside it failed (`gaps`); findings there may be missing.
   */
  readonly status: 'read' | 'partial' | 'failed';
  readonly reason?: string;
  /** The reads that failed inside a `partial` subscription. */
  readonly gaps?: readonly CoverageGap[];
  /** For files reached through a reference: the reference (a module path in another file). */
  readonly at?: FileSpan;
  /** Subscription display name, when known. */
  readonly displayName?: string;
}

/** The plain data every source produces. Build a graph from it with `PrivateLinkGraph.from` (graph.ts). */
export interface GraphData {
  readonly nodes: readonly GraphNode[];
  readonly problems: readonly SourceProblem[];
  readonly coverage: readonly CoverageEntry[];
  /** The cloud the design or estate targets, when the source says. */
  readonly cloud?: CloudName;
  /** `plreview-disable-next-line` comments found in files: findings starting on `line` are dropped. */
  readonly suppressions?: readonly Suppression[];
}

export interface Suppression {
  readonly file: string;
  /** 0-based line the comment applies to (the line after the comment). */
  readonly line: number;
  /** Rule ids named in the comment; empty means every rule. */
  readonly ruleIds: readonly string[];
}
