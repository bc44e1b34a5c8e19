// `--probe`: connectivity checks from this machine recorded with the bundle (the probe module does the work:
// DNS chain, TCP, TLS per cache). A cache that cannot be probed (unknown SKU or region) is recorded with why.
// Probe results describe the network at export time, so unlike the rest of the bundle they vary between runs.

import type { PrivateLinkGraph } from '../graph/graph';
import { probeCaches, probeFacts } from '../probe/probe-graph';
import type { ProbeOptions } from '../probe/types';
import type { EvidenceProbe } from './model';

export async function probeEvidence(graph: PrivateLinkGraph, options: ProbeOptions = {}): Promise<EvidenceProbe[]> {
  const results = await probeCaches(graph, options);
  return results.map((result) =>
    result.report
      ? { target: result.cacheId, verdict: result.report.verdict, facts: probeFacts(result.report) }
      : { target: result.cacheId, verdict: 'not-probed', facts: { error: result.error } },
  );
}
