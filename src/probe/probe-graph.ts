// Probes every cache of a graph (an estate, the live tree) for the evidence bundle's `--probe`: facts from the
// graph, a few probes at a time, and a flat record per cache that the bundle can store as it is.

import type { PrivateLinkGraph } from '../graph/graph';
import { factsOf } from './facts-from-graph';
import { probe, ProbeInputError } from './probe';
import type { ProbeOptions, ProbeReport } from './types';

export interface CacheProbe {
  readonly cacheId: string;
  /** The report, or why the cache could not be probed (unknown SKU or region, …). */
  readonly report: ProbeReport | null;
  readonly error: string | null;
}

export async function probeCaches(graph: PrivateLinkGraph, options: ProbeOptions = {}, concurrency = 4): Promise<CacheProbe[]> {
  const caches = graph.caches;
  const results: CacheProbe[] = new Array(caches.length);
  let next = 0;
  const worker = async () => {
    while (next < caches.length) {
      const index = next++;
      const cache = caches[index];
      const found = factsOf(graph, cache, graph.endpointsOf(cache));
      if (!found.ok) {
        results[index] = { cacheId: cache.id, report: null, error: found.message };
        continue;
      }
      try {
        results[index] = { cacheId: cache.id, report: await probe(found.facts, options), error: null };
      } catch (error) {
        if (!(error instanceof ProbeInputError)) throw error;
        results[index] = { cacheId: cache.id, report: null, error: error.message };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, caches.length)) }, worker));
  return results;
}

/** A probe report flattened to scalar facts (and string lists), in a fixed order, for tables and CSV. */
export function probeFacts(report: ProbeReport): Record<string, string | number | boolean | null | readonly string[]> {
  const tcp = report.tcp[0];
  return {
    host: report.target.host,
    port: tcp?.port ?? null,
    verdict: report.verdict,
    summary: report.summary,
    nextStep: report.nextStep,
    dnsOutcome: report.dns.outcome,
    dnsServers: report.dns.servers,
    cnameChain: report.dns.chain.map((hop) => `${hop.name} -> ${hop.target}`),
    addresses: report.dns.addresses.map((a) => `${a.address} (${a.scope})`),
    expectedZone: report.dns.expectedZone,
    viaExpectedZone: report.dns.viaExpectedZone,
    expectedIps: report.target.expectedIps,
    matchesEndpoint: report.dns.matchesEndpoint,
    tcpOutcome: tcp?.outcome ?? null,
    connectMs: tcp?.connectMs ?? null,
    tlsOutcome: report.tls.outcome,
    certificateNames: report.tls.certificate?.subjectAltNames ?? [],
    startedAt: report.startedAt,
    probedFrom: 'this machine',
  };
}
