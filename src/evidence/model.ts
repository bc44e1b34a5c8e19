// The evidence model: what `evidence.json` holds (schemas/evidence.schema.json documents it) and every renderer
// reads. It is built from the graph by a whitelist (build.ts): nothing the graph or ARM carries reaches a bundle
// unless a field here names it, which is how keys, connection strings and tokens stay out.

import type { CloudName, CoverageEntry } from '../graph/types';
import type { AnalysisMode, Severity } from '../rules/types';

export const EVIDENCE_SCHEMA_VERSION = '1.2';

/**
 * A value a source could not know (a design parameter without default): kept visibly apart from "absent" (null),
 * because an auditor must not read "unknown" as "not set".
 */
export interface EvidenceUnknown {
  readonly unknown: true;
  readonly why: string;
}
export type EvidenceValue<T> = T | null | EvidenceUnknown;

export type ScopeSource =
  | { readonly kind: 'subscriptions'; readonly ids: readonly string[] }
  | { readonly kind: 'estate'; readonly file: string }
  | { readonly kind: 'design'; readonly folder: string };

export interface EvidenceCoverageGap {
  readonly resourceId: string;
  readonly what: string;
  readonly reason: string;
}

export interface EvidenceCoverage {
  readonly scope: string;
  readonly kind: CoverageEntry['kind'];
  /** `partial`: read, but the reads in `gaps` failed, so findings that depend on them may be missing. */
  readonly status: CoverageEntry['status'];
  readonly reason: string | null;
  readonly displayName: string | null;
  readonly gaps: readonly EvidenceCoverageGap[];
}

export interface EvidenceFirewallRule {
  readonly name: EvidenceValue<string>;
  readonly startIP: EvidenceValue<string>;
  readonly endIP: EvidenceValue<string>;
}

export interface EvidenceCache {
  readonly id: string;
  readonly name: EvidenceValue<string>;
  readonly subscriptionId: string | null;
  readonly resourceGroup: string | null;
  readonly type: string;
  /** `AzureCacheForRedis` | `RedisEnterprise` | `ManagedRedis`, Unknown when the SKU is. */
  readonly productFamily: EvidenceValue<string>;
  readonly sku: EvidenceValue<string>;
  readonly location: EvidenceValue<string>;
  readonly tags: EvidenceValue<Readonly<Record<string, EvidenceValue<string>>>>;
  readonly publicNetworkAccess: EvidenceValue<string>;
  readonly tls: { readonly minimumTlsVersion: EvidenceValue<string>; readonly enableNonSslPort: EvidenceValue<boolean> };
  readonly vnetInjection: { readonly subnetId: EvidenceValue<string> };
  readonly firewallRules: readonly EvidenceFirewallRule[];
  /** Endpoints (ids) whose connections target this cache. */
  readonly endpointIds: readonly string[];
  /**
   * Public access known `Disabled` and private access proven: VNet injection, or an endpoint with a clean chain
   * (approved connection, right group id, right zone, zone linked to the endpoint's VNet): evidence/clean-chain.ts.
   */
  readonly privateOnly: boolean;
  /** Findings on the cache and on the endpoints that target it. */
  readonly findingCount: number;
  /** Where the cache was declared: a file (design) or `live`. */
  readonly origin: string;
}

/** A Private Link target of any other catalogued service (storage account, key vault, SQL server…). */
export interface EvidenceTarget {
  readonly id: string;
  readonly name: EvidenceValue<string>;
  readonly subscriptionId: string | null;
  readonly resourceGroup: string | null;
  readonly type: string;
  /** The catalog's service key (`storage`, `keyVault`…), as `privateLinkReview.services` and `--service` take it. */
  readonly service: string;
  readonly serviceName: string;
  readonly sku: EvidenceValue<string>;
  readonly location: EvidenceValue<string>;
  readonly tags: EvidenceValue<Readonly<Record<string, EvidenceValue<string>>>>;
  /**
   * The catalog's public-access switch for the type (`properties.publicNetworkAccess`, …) and its value as read
   * (null: absent), and the restriction that makes an open switch restricted (`networkAcls.defaultAction`).
   */
  readonly publicAccess: {
    readonly property: string | null;
    readonly value: EvidenceValue<string | boolean>;
    readonly restrictionProperty: string | null;
    readonly restriction: EvidenceValue<string | boolean>;
  };
  /** Endpoints (ids) whose connections target this resource. */
  readonly endpointIds: readonly string[];
  /** Findings on the target and on the endpoints that target it. */
  readonly findingCount: number;
  readonly origin: string;
}

/** Counts for one catalogued service (Redis included): what the bundle holds of it. */
export interface EvidenceServiceCount {
  readonly displayName: string;
  /** Caches or other targets of the service in the bundle. */
  readonly targets: number;
  /** Endpoints whose connection names a resource of the service (in scope or not). */
  readonly endpoints: number;
  /** Findings on those targets and endpoints. */
  readonly findings: number;
}

export interface EvidenceConnection {
  readonly name: EvidenceValue<string>;
  readonly type: 'auto' | 'manual';
  readonly targetId: EvidenceValue<string>;
  readonly groupIds: EvidenceValue<readonly EvidenceValue<string>[]>;
  readonly state: EvidenceValue<string>;
}

export interface EvidenceZoneRef {
  readonly zoneId: EvidenceValue<string>;
  readonly zoneName: EvidenceValue<string>;
  /** Whether the zone itself is in the exported scope (else its links and records cannot be shown). */
  readonly inScope: boolean;
}

export interface EvidenceZoneGroup {
  readonly id: string;
  readonly name: EvidenceValue<string>;
  readonly zones: readonly EvidenceZoneRef[];
}

export interface EvidenceEndpoint {
  readonly id: string;
  readonly name: EvidenceValue<string>;
  readonly subscriptionId: string | null;
  readonly resourceGroup: string | null;
  readonly location: EvidenceValue<string>;
  readonly subnetId: EvidenceValue<string>;
  readonly vnetId: string | null;
  readonly privateIps: readonly string[];
  readonly connections: readonly EvidenceConnection[];
  /** Unknown when the source could not tell (zone groups not fetched, a module's output). */
  readonly zoneGroups: EvidenceValue<readonly EvidenceZoneGroup[]>;
  readonly origin: string;
}

export interface EvidenceVnetLink {
  readonly id: string;
  readonly name: EvidenceValue<string>;
  readonly vnetId: EvidenceValue<string>;
  readonly registrationEnabled: EvidenceValue<boolean>;
}

export interface EvidenceARecord {
  readonly id: string;
  readonly name: EvidenceValue<string>;
  readonly ipv4Addresses: readonly string[];
}

export interface EvidenceZone {
  readonly id: string;
  readonly name: EvidenceValue<string>;
  readonly subscriptionId: string | null;
  readonly links: readonly EvidenceVnetLink[];
  readonly aRecords: readonly EvidenceARecord[];
  readonly origin: string;
}

export type EvidenceFindingLocation =
  | {
      readonly kind: 'file';
      readonly file: string;
      /** 1-based, as editors and SARIF show them. */
      readonly startLine: number;
      readonly startColumn: number;
      readonly endLine: number;
      readonly endColumn: number;
      /** UTF-16 offsets of the span, so SARIF regions and fingerprints can be rebuilt from the model alone. */
      readonly startOffset: number;
      readonly endOffset: number;
    }
  | { readonly kind: 'resource'; readonly resourceId: string; readonly subscriptionId: string | null };

export interface EvidenceFinding {
  /** Stable identity across exports: rule, node and the facts decided on (not the position). */
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly source: AnalysisMode;
  readonly nodeId: string;
  readonly location: EvidenceFindingLocation;
  readonly facts: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
}

/** A connectivity probe result attached to the bundle (the probe helper's ProbeReport, reduced to plain facts). */
export interface EvidenceProbe {
  readonly target: string;
  readonly verdict: string;
  readonly facts: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
}

export interface EvidenceSummary {
  readonly caches: number;
  /** Targets of the other catalogued services. */
  readonly targets: number;
  /** Per catalog service key, only services the bundle holds something of; Redis caches count under theirs. */
  readonly services: Readonly<Record<string, EvidenceServiceCount>>;
  readonly privateOnly: number;
  readonly withFindings: number;
  readonly endpoints: number;
  readonly zones: number;
  readonly findings: number;
  readonly findingsByRule: Readonly<Record<string, number>>;
  readonly findingsBySeverity: Readonly<Record<Severity, number>>;
  /** Scopes that could not be read: named first in the report. */
  readonly unreadScopes: readonly string[];
  /** Scopes read only in part (some reads inside them failed): named first in the report too. */
  readonly partialScopes: readonly string[];
}

export interface EvidenceModel {
  readonly schemaVersion: typeof EVIDENCE_SCHEMA_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  readonly generatedAt: string;
  readonly cloud: CloudName;
  readonly tenant: string | null;
  readonly scope: { readonly sources: readonly ScopeSource[]; readonly subscriptionIdsMasked: boolean };
  readonly coverage: readonly EvidenceCoverage[];
  /** The gaps of every `partial` scope in words (`DNS zone groups of pe-a: …`), sorted; `coverage` has them in full. */
  readonly coverageNotes: readonly string[];
  readonly summary: EvidenceSummary;
  /** Ids of the rules that ran. A check not listed here was not applied (off in the configuration, or not in this mode). */
  readonly rulesChecked: readonly string[];
  readonly caches: readonly EvidenceCache[];
  readonly targets: readonly EvidenceTarget[];
  readonly endpoints: readonly EvidenceEndpoint[];
  readonly zones: readonly EvidenceZone[];
  readonly findings: readonly EvidenceFinding[];
  readonly probes: readonly EvidenceProbe[];
}
