// Live subscriptions as a scope part: read through the inventory port (Resource Graph first, ARM as fallback,
// with details), analysed by the same code as `plreview audit`, so the bundle and the audit never disagree.

import type { ProjectConfig } from '../config/config';
import { runAudit, type AuditOptions } from '../sources/live/audit';
import type { InventoryPort } from '../sources/live/port';
import type { ScopePart } from './scope';

export async function livePart(port: InventoryPort, config: ProjectConfig, options: AuditOptions = {}): Promise<ScopePart> {
  const run = await runAudit(port, config, options);
  return {
    source: { kind: 'subscriptions', ids: run.subscriptions.map((s) => s.id) },
    // The graph already carries the per-subscription coverage (read, partial with its gaps, or failed and why).
    data: run.graph,
    findings: run.findings,
    mode: 'live',
    coverage: [],
  };
}
