// The whole audit over any inventory port (Azure or a snapshot): pick subscriptions, read the estate, read the
// details, run the rules. `plreview audit`, `plreview snapshot` and evidence exports share it.

import type { ProjectConfig } from '../../config/config';
import { analyseEstate, type EstateAnalysis } from './analyse';
import type { EstateLoad, InventoryPort, LoadOptions, SubscriptionInfo } from './port';

export interface AuditRun extends EstateAnalysis {
  readonly subscriptions: readonly SubscriptionInfo[];
  readonly estate: EstateLoad;
}

export interface AuditOptions extends LoadOptions {
  /** Subscription ids to read; all the credential can list when empty or absent. */
  readonly subscriptionIds?: readonly string[];
  /** Skip zone groups, A records and firewall rules (the tree's first level). */
  readonly withoutDetails?: boolean;
  /** `--allow-partial`: incomplete coverage is a warning, not an error. */
  readonly allowPartial?: boolean;
}

export async function readEstate(port: InventoryPort, options: AuditOptions = {}): Promise<{ subscriptions: SubscriptionInfo[]; estate: EstateLoad }> {
  const listed = await port.listSubscriptions(options);
  const wanted = options.subscriptionIds?.length ? options.subscriptionIds : listed.map((s) => s.id);
  const known = new Map(listed.map((s) => [s.id.toLowerCase(), s]));
  // A requested id the credential cannot list is still tried: the read then says why it fails.
  const subscriptions = wanted.map((id) => known.get(id.toLowerCase()) ?? { id, displayName: id });
  let estate = await port.loadEstate(subscriptions.map((s) => s.id), options);
  if (!options.withoutDetails) estate = await port.loadDetails(estate, options);
  const names = new Map(subscriptions.map((s) => [s.id.toLowerCase(), s.displayName]));
  estate = {
    ...estate,
    coverage: estate.coverage.map((c) => (c.displayName || !names.has(c.scope.toLowerCase()) ? c : { ...c, displayName: names.get(c.scope.toLowerCase()) })),
  };
  return { subscriptions, estate };
}

export async function runAudit(port: InventoryPort, config: ProjectConfig, options: AuditOptions = {}): Promise<AuditRun> {
  const { subscriptions, estate } = await readEstate(port, options);
  return { subscriptions, estate, ...analyseEstate(estate, config, { allowPartial: options.allowPartial }) };
}
