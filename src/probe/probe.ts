// The connectivity probe: DNS chain → TCP connect → TLS handshake from this machine, then one verdict with the
// next step. Used by `plreview probe`, the "Test connectivity" command and the evidence bundle. It never sends a
// Redis command and never uses a credential: the connection is closed right after the handshake.

import { isIP } from 'node:net';
import { privateDnsZoneFor } from '../catalog/lookup';
import { resolveChain } from './dns-chain';
import { resolveTarget } from './target';
import { tcpConnect } from './tcp-connect';
import { caProblems, tlsCheck } from './tls-check';
import { decide } from './verdict';
import type { DnsResult, ProbeOptions, ProbeReport, ProbeTarget, ProbeTargetInfo, TcpResult, TlsResult } from './types';

export { formatProbeReport } from './format';
export type * from './types';

export const DEFAULT_TIMEOUT_MS = 3000;
const DEFAULT_MAX_HOPS = 8;

/** The target cannot be probed as given (not a Redis name, missing region or port, …); the message says why. */
export class ProbeInputError extends Error {
  override readonly name = 'ProbeInputError';
}

/**
 * Probes a cache from this machine. Rejects only with ProbeInputError (check first with `resolveTarget` to
 * avoid it); every network outcome, including failures, is a report.
 */
export async function probe(target: ProbeTarget, options: ProbeOptions = {}): Promise<ProbeReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const resolved = resolveTarget(target, options);
  if (!resolved.ok) throw new ProbeInputError(resolved.message);
  const info = resolved.info;
  const caProblem = caProblems(caList(options.ca))[0];
  if (caProblem) throw new ProbeInputError(`the extra CA certificate cannot be used: ${caProblem}`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const dns = await lookup(info, options, timeoutMs, now);
  // Where a client here would connect: the address asked for, else what this machine's resolver answers
  // (hosts file included), else the DNS answer. A failed lookup leaves nothing to connect to.
  const connectTo =
    options.connectAddress ?? (info.hostKind === 'ip-address' ? info.host : (firstAddress(dns.system?.addresses ?? []) ?? pickAddress(dns)));

  const tcp: TcpResult[] = [];
  for (const [index, port] of info.ports.entries()) {
    tcp.push(connectTo !== undefined ? await tcpConnect(connectTo, port, index === 0, timeoutMs, now) : skippedTcp(port, index === 0));
  }
  const tls: TlsResult =
    connectTo !== undefined && tcp[0]?.outcome === 'connected'
      ? await tlsCheck({ address: connectTo, port: info.ports[0], name: info.host, extraCa: caList(options.ca), timeoutMs, now })
      : skippedTls(info.host, tcp[0]);

  const decision = decide(info, dns, tcp, tls);
  return {
    schema: 'plreview.probe/1',
    target: info,
    verdict: decision.verdict,
    summary: decision.summary,
    nextStep: decision.nextStep,
    dns,
    tcp,
    tls,
    notes: decision.notes,
    startedAt: new Date(started).toISOString(),
    durationMs: Math.max(0, now() - started),
  };
}

async function lookup(info: ProbeTargetInfo, options: ProbeOptions, timeoutMs: number, now: () => number): Promise<DnsResult> {
  const expectedZone = info.family && info.cloud ? (privateDnsZoneFor(info.family, info.cloud) ?? null) : (info.privateZone ?? null);
  if (info.hostKind === 'ip-address') {
    return {
      outcome: 'skipped',
      servers: [],
      chain: [],
      finalName: info.host,
      addresses: [],
      expectedZone,
      privatelinkZone: null,
      viaExpectedZone: null,
      matchesEndpoint: null,
      errorCode: null,
      message: 'the target is an IP address: nothing to resolve',
      system: null,
      durationMs: 0,
    };
  }
  return resolveChain(info.host, {
    servers: options.dnsServers,
    timeoutMs,
    maxHops: options.maxCnameHops ?? DEFAULT_MAX_HOPS,
    expectedZone,
    expectedIps: info.expectedIps,
    systemResolver: options.systemResolver ?? !(options.dnsServers && options.dnsServers.length > 0),
    now,
  });
}

/** Clients usually try IPv4 first; so does the probe. */
function pickAddress(dns: DnsResult): string | undefined {
  return firstAddress(dns.addresses.map((a) => a.address));
}

function firstAddress(addresses: readonly string[]): string | undefined {
  return addresses.find((a) => isIP(a) === 4) ?? addresses[0];
}

function caList(ca: ProbeOptions['ca']): string[] {
  if (ca === undefined) return [];
  return typeof ca === 'string' ? [ca] : [...ca];
}

function skippedTcp(port: number, tlsPort: boolean): TcpResult {
  return {
    address: null,
    port,
    tlsPort,
    outcome: 'skipped',
    errorCode: null,
    message: 'not attempted: the name did not resolve',
    connectMs: null,
  };
}

function skippedTls(host: string, tcp: TcpResult | undefined): TlsResult {
  return {
    outcome: 'skipped',
    serverName: null,
    checkedName: host,
    protocol: null,
    trusted: null,
    nameMatches: null,
    certificate: null,
    errorCode: null,
    message: tcp && tcp.outcome !== 'skipped' ? 'not attempted: no TCP connection' : 'not attempted: the name did not resolve',
    handshakeMs: null,
  };
}
