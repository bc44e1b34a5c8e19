// `plreview probe <host | resource id>`: DNS chain, TCP and TLS from this machine, with a verdict and the next
// step. Exit 0 when reachable, 1 for any other verdict, 2 for usage errors.

import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from '../io';
import { PrivateLinkGraph } from '../../graph/graph';
import type { CloudName } from '../../graph/types';
import { CLOUDS } from '../../catalog/services';
import { estateToGraph } from '../../sources/snapshot/estate';
import { readEstateInput } from '../estate-input';
import { dnsServerProblem } from '../../probe/dns-chain';
import { cacheFactsFromGraph } from '../../probe/facts-from-graph';
import { DEFAULT_TIMEOUT_MS, formatProbeReport, probe, ProbeInputError } from '../../probe/probe';
import { resolveTarget } from '../../probe/target';
import type { ProbeOptions, ProbeTarget } from '../../probe/types';

const USAGE = `Usage: plreview probe <hostname | IP | cache or endpoint resource id> [options]

Checks, from this machine, the links a Redis client depends on: DNS (the CNAME chain through the privatelink
zone to a private address, compared with the endpoint's IP when known), a TCP connect to the cache's port
(6380 Azure Cache for Redis TLS, 6379 only if non-TLS is on; 10000 Enterprise and Managed Redis) and a TLS
handshake with the public hostname as SNI. Prints one verdict with the next step:
  name-does-not-resolve, resolves-public, stale-record, connection-refused, timed-out, tls-failed, reachable
No Redis command is sent and no credential is used.

Options:
  --format text|json       output format (default text)
  --estate <file|folder>   estate snapshot: finds the cache's type, SKU, region and endpoint IP by resource id
                           (or by hostname); an endpoint id probes its cache and expects its IP
  --expected-ip <ip>       the private endpoint's IP DNS should answer (repeatable)
  --dns-server <ip[:port]> ask this DNS server instead of the system's (repeatable)
  --port <n>               probe this port instead of the product's TLS port
  --connect-address <ip>   connect here instead of the address DNS answered (the TLS name stays the hostname)
  --timeout <ms>           per-step timeout (default ${DEFAULT_TIMEOUT_MS})
  --ca-file <pem>          extra trusted CA certificates (e.g. a TLS-inspection CA)
  --cloud <name>           ${CLOUDS.join(' | ')} for a resource id without --estate (default AzureCloud)

Exit status: 0 reachable, 1 any other verdict, 2 usage error.
`;

export const probeCommand: CliCommand = {
  name: 'probe',
  summary: 'test DNS, TCP and TLS to a cache from this machine and say which link is broken',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        estate: { type: 'string' },
        'expected-ip': { type: 'string', multiple: true },
        'dns-server': { type: 'string', multiple: true },
        port: { type: 'string' },
        'connect-address': { type: 'string' },
        timeout: { type: 'string' },
        'ca-file': { type: 'string' },
        cloud: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one hostname, IP address or resource id to probe');
    const format = values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);

    const options: ProbeOptions = {
      dnsServers: dnsServers(values['dns-server']),
      expectedIps: ipList(values['expected-ip'], '--expected-ip'),
      port: values.port === undefined ? undefined : integer(values.port, '--port', 1, 65535),
      connectAddress: values['connect-address'] === undefined ? undefined : ipList([values['connect-address']], '--connect-address')[0],
      timeoutMs: values.timeout === undefined ? undefined : integer(values.timeout, '--timeout', 1, 600_000),
      ca: values['ca-file'] === undefined ? undefined : readCa(values['ca-file'], io),
      cloud: values.cloud === undefined ? undefined : cloud(values.cloud),
    };
    const target = values.estate === undefined ? positionals[0] : targetFromEstate(positionals[0], values.estate, io);
    const checked = resolveTarget(target, options);
    if (!checked.ok) throw new UsageError(checked.message);

    const report = await probe(target, options).catch((error: unknown) => {
      throw error instanceof ProbeInputError ? new UsageError(error.message) : error;
    });
    io.out(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatProbeReport(report));
    return report.verdict === 'reachable' ? EXIT_OK : EXIT_FINDINGS;
  },
};

function targetFromEstate(ref: string, path: string, io: CliIo): ProbeTarget {
  const estate = readEstateInput(path, io);
  if (estate.resources.length === 0) throw new UsageError(`${path}: the estate holds no resources`);
  const graph = PrivateLinkGraph.from(estateToGraph(estate.resources, { coverage: estate.coverage }));
  const found = cacheFactsFromGraph(graph, ref);
  if (!found.ok) throw new UsageError(found.message);
  return found.facts;
}

function dnsServers(values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  for (const value of values) {
    const problem = dnsServerProblem(value);
    if (problem) throw new UsageError(problem);
  }
  return values;
}

function ipList(values: string[] | undefined, flag: string): string[] {
  for (const value of values ?? []) if (isIP(value) === 0) throw new UsageError(`${flag} '${value}' is not an IP address`);
  return values ?? [];
}

function integer(text: string, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not '${text}'`);
  return value;
}

function readCa(path: string, io: CliIo): string {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new UsageError(`--ca-file ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca-file ${path}: no PEM certificate in it`);
  return text;
}

function cloud(name: string): CloudName {
  const match = CLOUDS.find((c) => c.toLowerCase() === name.toLowerCase());
  if (!match) throw new UsageError(`--cloud must be one of ${CLOUDS.join(', ')}, not '${name}'`);
  return match;
}
