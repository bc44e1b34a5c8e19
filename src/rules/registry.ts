// Every rule, once. Adding a rule = one file in this folder + one line here + docs/rules/<id>.md.

import type { Rule } from './types';
import { groupIdMismatch } from './group-id-mismatch';
import { dnsZoneMismatch } from './dns-zone-mismatch';
import { dnsZoneGroupMissing } from './dns-zone-group-missing';
import { dnsZoneLinkMissing } from './dns-zone-link-missing';
import { publicNetworkAccessEnabled } from './public-network-access-enabled';
import { cacheUnreachable } from './cache-unreachable';
import { dnsZoneLinkAutoregistration } from './dns-zone-link-autoregistration';
import { privateEndpointOnVnetInjectedCache } from './private-endpoint-on-vnet-injected-cache';
import { vnetInjectionPreferPrivateLink } from './vnet-injection-prefer-private-link';
import { firewallRulesWithPrivateEndpoint } from './firewall-rules-with-private-endpoint';
import { clusteredCacheEndpointLimit } from './clustered-cache-endpoint-limit';
import { manualConnectionNotApproved } from './manual-connection-not-approved';
import { nonTlsPortEnabled } from './non-tls-port-enabled';
import { minimumTlsVersion } from './minimum-tls-version';
import { requiredTagsMissing } from './required-tags-missing';
import { duplicatePrivateDnsZone } from './duplicate-private-dns-zone';
import { endpointDisconnected } from './endpoint-disconnected';
import { dnsRecordMismatch } from './dns-record-mismatch';
import { dnsZoneUnlinked } from './dns-zone-unlinked';

export const RULES: readonly Rule[] = [
  groupIdMismatch,
  dnsZoneMismatch,
  dnsZoneGroupMissing,
  dnsZoneLinkMissing,
  publicNetworkAccessEnabled,
  cacheUnreachable,
  dnsZoneLinkAutoregistration,
  privateEndpointOnVnetInjectedCache,
  vnetInjectionPreferPrivateLink,
  firewallRulesWithPrivateEndpoint,
  clusteredCacheEndpointLimit,
  manualConnectionNotApproved,
  nonTlsPortEnabled,
  minimumTlsVersion,
  requiredTagsMissing,
  duplicatePrivateDnsZone,
  // live only
  endpointDisconnected,
  dnsRecordMismatch,
  dnsZoneUnlinked,
];

/**
 * The id of the finding for a file that could not be (fully) analysed (fail closed, issue #12): always an error,
 * never configurable or suppressible. Made from coverage entries by the engine.
 */
export const ANALYSIS_INCOMPLETE = 'analysis-incomplete';

/** Rule ids that are not rules but source problems (the file itself is malformed, or could not be analysed). */
export const SOURCE_PROBLEM_RULE_IDS = ['syntax-error', 'design-schema', ANALYSIS_INCOMPLETE] as const;

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

/** Rule ids made from coverage rather than from the graph (coverage-incomplete.ts). */
export const COVERAGE_RULE_IDS = ['coverage-incomplete'] as const;

/**
 * Rules the project configuration cannot switch off or re-level: they are what makes a review fail closed (a file
 * not analysed, a subscription not read). `.plreview.yaml` entries for them are ignored and reported
 * (config/config-findings.ts: config-locked-rule). `--allow-partial` on the command line, the user's own choice,
 * is the only thing that lowers coverage-incomplete to a warning.
 */
export const LOCKED_RULE_IDS: readonly string[] = [ANALYSIS_INCOMPLETE, ...COVERAGE_RULE_IDS];

export function allRuleIds(): string[] {
  return [...RULES.map((r) => r.id), ...SOURCE_PROBLEM_RULE_IDS, ...COVERAGE_RULE_IDS];
}
