// What a rule is and what it returns. Rules are pure functions of the graph and the settings (DESIGN.md):
// no I/O, no editor, no format knowledge. Fixes are intents; each source format turns them into text edits.

import type { PrivateLinkGraph } from '../graph/graph';
import type { CloudName, FileSpan, GraphNode, Origin } from '../graph/types';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** Rules run on designs (files), on live state, or on both. */
export type AnalysisMode = 'design' | 'live';

export interface RuleSettings {
  readonly cloud: CloudName;
  /** Tags every cache and endpoint must carry (rule `required-tags-missing`). */
  readonly requiredTags: readonly string[];
  readonly mode: AnalysisMode;
}

/**
 * A fix as intent. The source the node came from renders it as text edits (src/sources/<format>/fixes.ts),
 * so one rule serves Bicep, ARM JSON and YAML.
 */
export type FixIntent =
  | {
      readonly kind: 'setProperty';
      readonly title: string;
      /** The node whose declaration is edited. */
      readonly nodeId: string;
      /**
       * Dotted path relative to the declaration, the same keys as Origin.properties
       * (`properties.publicNetworkAccess`). Replaced when present; inserted into the enclosing object when absent.
       */
      readonly path: string;
      readonly value: string | boolean;
    }
  | {
      readonly kind: 'insertZoneGroup';
      readonly title: string;
      readonly nodeId: string;
      readonly zoneName: string;
    }
  | {
      /**
       * Point a zone reference (`private_dns_zone_ids = [azurerm_private_dns_zone.x.id]`) at another zone: the one
       * declared as `zoneId`, or, when none is, a zone named `zoneName` the source declares beside `besideZoneId`
       * (the zone referred to now, which other endpoints use correctly and so cannot be renamed).
       */
      readonly kind: 'useZone';
      readonly title: string;
      /** The node whose declaration holds the reference (as for setProperty: the zone group or the endpoint). */
      readonly nodeId: string;
      readonly path: string;
      readonly zoneName: string;
      readonly zoneId?: string;
      readonly besideZoneId: string;
    }
  | {
      readonly kind: 'insertVnetLink';
      readonly title: string;
      /** The zone declaration the link is added to (or next to). */
      readonly nodeId: string;
      readonly vnetId: string;
      readonly vnetName: string;
    };

export interface RelatedLocation {
  readonly message: string;
  readonly origin: Origin;
  /** A narrower span than the origin's declaration, when known. */
  readonly span?: FileSpan;
}

/** What a rule reports. The engine adds severity, rule metadata and drops suppressed or duplicate findings. */
export interface RuleFinding {
  readonly message: string;
  /** The node the finding is about (its origin locates the finding). */
  readonly node: GraphNode;
  /** Exactly what to underline, when narrower than the node's declaration (a property value). */
  readonly span?: FileSpan;
  /** Severity override for this finding (e.g. Rejected vs Pending connections); else the rule's setting. */
  readonly severity?: Severity;
  readonly related?: readonly RelatedLocation[];
  /** The facts the finding was decided on, recorded in evidence (`{ groupId: 'redisEnterprise', … }`). */
  readonly facts: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
  readonly fixes?: readonly FixIntent[];
}

export interface Rule {
  /** Stable kebab-case id: users put it in suppressions and CI configs. Never rename. */
  readonly id: string;
  readonly defaultSeverity: SeveritySetting;
  /** One line, for SARIF `shortDescription` and the rule list. */
  readonly title: string;
  /** One paragraph: what and why. */
  readonly description: string;
  /** The public source the rule rests on (Microsoft Learn page, spec file). */
  readonly sourceUrl: string;
  readonly modes: readonly AnalysisMode[];
  /**
   * Which Private Link targets the rule judges: every catalogued service (the default), or Redis caches only
   * (TLS, ports, clustering, VNet injection, firewall rules are Redis settings). Shown in the rule docs and SARIF.
   */
  readonly appliesTo?: 'any-target' | 'redis';
  check(graph: PrivateLinkGraph, settings: RuleSettings): RuleFinding[];
}

/** A finding as outputs see it. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** Where: a file span (design) or a resource id (live). */
  readonly location: FindingLocation;
  readonly related: readonly RelatedLocation[];
  readonly facts: RuleFinding['facts'];
  readonly fixes: readonly FixIntent[];
  /** Design files or live state (SARIF/evidence label findings with it). */
  readonly source: AnalysisMode;
  /** The node's id, for the tree and evidence. */
  readonly nodeId: string;
}

export type FindingLocation =
  | { readonly kind: 'file'; readonly span: FileSpan }
  | { readonly kind: 'resource'; readonly resourceId: string; readonly subscriptionId?: string };
