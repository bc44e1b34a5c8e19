// Resolves a hostname the way a client's resolver sees it, one step at a time so the report can show the
// CNAME chain (`c.redis.cache.windows.net → c.privatelink.redis.cache.windows.net → 10.1.2.4`). Queries go to
// the given servers (`ip:port`, so tests point it at a DNS server on a loopback port) or this machine's.
// Hosts files are not consulted: this is what DNS answers, which is what Private Link DNS is about.

import { lookup, Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { allRedisZones } from '../catalog/lookup';
import { classifyAddress, sameAddress } from './address-scope';
import { normaliseHost } from './target';
import type { CnameHop, DnsOutcome, DnsResult, ResolvedAddress, SystemLookup } from './types';

export interface DnsChainOptions {
  readonly servers?: readonly string[];
  readonly timeoutMs: number;
  readonly maxHops: number;
  readonly expectedZone: string | null;
  readonly expectedIps: readonly string[];
  /** Also ask getaddrinfo (hosts file first). */
  readonly systemResolver: boolean;
  readonly now: () => number;
}

/** Checks a DNS server spec (`ip`, `ip:port`, `[v6]:port`); returns a message when it is not one. */
export function dnsServerProblem(spec: string): string | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(spec);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(spec);
  const [address, port] = bracketed ? [bracketed[1], bracketed[2]] : plain ? [plain[1], plain[2]] : [spec, undefined];
  if (isIP(address) === 0) return `DNS server '${spec}' is not an IP address (ip, ip:port or [ipv6]:port)`;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return `DNS server '${spec}' has no valid port`;
  return undefined;
}

/** What walking the chain found, before the comparisons. */
interface ChainWalk {
  outcome: DnsOutcome;
  chain: CnameHop[];
  finalName: string;
  addresses: ResolvedAddress[];
  errorCode: string | null;
}

export async function resolveChain(host: string, options: DnsChainOptions): Promise<DnsResult> {
  const started = options.now();
  const servers = options.servers && options.servers.length > 0 ? [...options.servers] : undefined;
  const resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
  let partial: ChainWalk;
  const system = options.systemResolver ? systemLookup(normaliseHost(host), options.timeoutMs) : undefined;
  try {
    if (servers) resolver.setServers(servers);
    partial = await walk(resolver, normaliseHost(host), options.maxHops);
  } catch (error) {
    // setServers rejects malformed specs; callers validate first, so this is a last line of defence.
    partial = { outcome: 'dns-error', chain: [], finalName: normaliseHost(host), addresses: [], errorCode: codeOf(error) };
  } finally {
    resolver.cancel();
  }
  const names = [normaliseHost(host), ...partial.chain.map((hop) => hop.target)];
  const privatelinkZone = findZone(names, allRedisZones());
  const viaExpectedZone = options.expectedZone === null ? null : findZone(names, [options.expectedZone]) !== null;
  const matchesEndpoint =
    options.expectedIps.length === 0 || partial.addresses.length === 0
      ? null
      : partial.addresses.some((a) => options.expectedIps.some((e) => sameAddress(a.address, e)));
  return {
    outcome: partial.outcome,
    servers: servers ?? ['system'],
    chain: partial.chain,
    finalName: partial.finalName,
    addresses: partial.addresses,
    expectedZone: options.expectedZone,
    privatelinkZone,
    viaExpectedZone,
    matchesEndpoint,
    errorCode: partial.errorCode,
    message: describe(partial, servers ?? ['system'], options.timeoutMs),
    system: system ? compare(await system, partial.addresses) : null,
    durationMs: Math.max(0, options.now() - started),
  };
}

async function walk(resolver: Resolver, host: string, maxHops: number): Promise<ChainWalk> {
  const chain: CnameHop[] = [];
  const seen = new Set([host]);
  let name = host;
  for (;;) {
    let targets: string[];
    try {
      targets = await resolver.resolveCname(name);
    } catch (error) {
      const code = codeOf(error);
      if (code === 'ENODATA') break; // the name exists and is not an alias: its addresses follow
      return { outcome: code === 'ENOTFOUND' ? 'nxdomain' : 'dns-error', chain, finalName: name, addresses: [], errorCode: code };
    }
    if (targets.length === 0) break;
    const target = normaliseHost(targets[0]);
    chain.push({ name, target });
    if (seen.has(target) || chain.length > maxHops) {
      return { outcome: 'cname-loop', chain, finalName: target, addresses: [], errorCode: null };
    }
    seen.add(target);
    name = target;
  }
  const [v4, v6] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
  const addresses = [
    ...(v4.status === 'fulfilled' ? v4.value : []),
    ...(v6.status === 'fulfilled' ? v6.value : []),
  ].map((address) => classifyAddress(address) as ResolvedAddress);
  if (addresses.length > 0) return { outcome: 'resolved', chain, finalName: name, addresses, errorCode: null };
  const codes = [v4, v6].map((r) => (r.status === 'rejected' ? codeOf(r.reason) : 'ENODATA'));
  const hardError = codes.find((c) => c !== 'ENODATA' && c !== 'ENOTFOUND');
  if (hardError) return { outcome: 'dns-error', chain, finalName: name, addresses: [], errorCode: hardError };
  const nx = codes.includes('ENOTFOUND');
  return { outcome: nx ? 'nxdomain' : 'no-address', chain, finalName: name, addresses: [], errorCode: nx ? 'ENOTFOUND' : 'ENODATA' };
}

/** getaddrinfo has no timeout of its own; a stuck resolver must not hold the probe. */
async function systemLookup(host: string, timeoutMs: number): Promise<{ addresses: string[]; errorCode: string | null }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<{ addresses: string[]; errorCode: string | null }>((resolve) => {
    timer = setTimeout(() => resolve({ addresses: [], errorCode: 'ETIMEOUT' }), timeoutMs);
  });
  const answer = lookup(host, { all: true, verbatim: true }).then(
    (entries) => ({ addresses: entries.map((e) => e.address), errorCode: null }),
    (error: unknown) => ({ addresses: [], errorCode: codeOf(error) }),
  );
  try {
    return await Promise.race([answer, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function compare(system: { addresses: string[]; errorCode: string | null }, dns: readonly ResolvedAddress[]): SystemLookup {
  const covered = (list: readonly string[], other: readonly string[]) => list.every((a) => other.some((b) => sameAddress(a, b)));
  const dnsAddresses = dns.map((a) => a.address);
  const differs = !(covered(system.addresses, dnsAddresses) && covered(dnsAddresses, system.addresses));
  return { addresses: system.addresses, differs, errorCode: system.errorCode };
}

function findZone(names: readonly string[], zones: readonly string[]): string | null {
  for (const name of names) {
    const zone = zones.find((z) => name === z.toLowerCase() || name.endsWith(`.${z.toLowerCase()}`));
    if (zone) return zone;
  }
  return null;
}

function describe(partial: ChainWalk, servers: readonly string[], timeoutMs: number): string {
  const via = `(asked ${servers.join(', ')})`;
  switch (partial.outcome) {
    case 'resolved':
      return `${partial.finalName} has ${partial.addresses.map((a) => a.address).join(', ')} ${via}`;
    case 'nxdomain':
      return `${partial.finalName} does not exist (NXDOMAIN) ${via}`;
    case 'no-address':
      return `${partial.finalName} exists but has no A or AAAA record ${via}`;
    case 'cname-loop':
      return `the CNAME chain loops or is longer than allowed at ${partial.finalName} ${via}`;
    case 'skipped':
      return 'the target is an IP address: nothing to resolve';
    case 'dns-error':
      return partial.errorCode === 'ETIMEOUT'
        ? `no answer from the DNS server within ${timeoutMs} ms ${via}`
        : `the DNS query failed with ${partial.errorCode ?? 'an unknown error'} ${via}`;
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EUNKNOWN';
}
