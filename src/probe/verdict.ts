// From the three checks to one verdict and the next step. The first broken link wins, in the order a client
// meets them: DNS (does not resolve, resolves publicly, resolves to a stale private IP), then TCP, then TLS.
// A DNS problem outranks a working connection: reaching the cache over its public address is exactly what
// Private Link is meant to prevent.

import { AZURE_DNS_IP } from '../catalog/services';
import { product } from '../catalog/lookup';
import { endpoint } from './tcp-connect';
import type { DnsResult, ProbeTargetInfo, ProbeVerdict, TcpResult, TlsResult } from './types';

export interface Decision {
  readonly verdict: ProbeVerdict;
  readonly summary: string;
  readonly nextStep: string;
  readonly notes: readonly string[];
}

export function decide(target: ProbeTargetInfo, dns: DnsResult, tcp: readonly TcpResult[], tls: TlsResult): Decision {
  const notes = observations(target, dns, tcp);
  const zone = dns.expectedZone ?? dns.privatelinkZone;
  const verdict = dnsVerdict(target, dns, zone) ?? tcpVerdict(target, tcp[0]) ?? tlsVerdict(target, dns, tcp[0], tls);
  return { ...verdict, notes };
}

type Judgement = Omit<Decision, 'notes'>;

function dnsVerdict(target: ProbeTargetInfo, dns: DnsResult, zone: string | null): Judgement | undefined {
  const host = target.host;
  switch (dns.outcome) {
    case 'skipped':
      return undefined;
    case 'nxdomain':
    case 'no-address':
      if (dns.privatelinkZone) {
        return {
          verdict: 'name-does-not-resolve',
          summary: `${host} is an alias of ${dns.finalName}, but ${dns.privatelinkZone} has no address for it: the private zone answers on this network without the cache's A record`,
          nextStep: `Add the record: give the private endpoint a DNS zone group naming ${dns.privatelinkZone} (Azure then writes the A record), or create the A record ${dns.finalName} → the endpoint's private IP. Check the zone group was not deleted.`,
        };
      }
      return {
        verdict: 'name-does-not-resolve',
        summary: `${dns.finalName} does not resolve (${dns.outcome === 'nxdomain' ? 'NXDOMAIN' : 'no A or AAAA record'})`,
        nextStep: `Check the name (typo, deleted cache, another cloud). ${target.publicHost && target.publicHost !== host ? `Clients should use ${target.publicHost}. ` : ''}If the name should exist, check which DNS server answered (${dns.servers.join(', ')}).`,
      };
    case 'cname-loop':
      return {
        verdict: 'name-does-not-resolve',
        summary: `the CNAME chain of ${host} loops or is too long (${dns.chain.map((h) => h.name).join(' → ')} → ${dns.finalName})`,
        nextStep: 'Find the record that points back into the chain (often a CNAME created by hand in a private zone) and replace it with an A record.',
      };
    case 'dns-error':
      return {
        verdict: 'name-does-not-resolve',
        summary: `the DNS lookup of ${host} failed: ${dns.message}`,
        nextStep: `Check that this machine reaches its DNS server (${dns.servers.join(', ')}); with custom DNS servers, check they answer and forward ${publicSuffix(target) ?? 'the cache domain'} to Azure DNS ${AZURE_DNS_IP}.`,
      };
    case 'resolved':
      break;
  }
  const publicAddresses = dns.addresses.filter((a) => a.scope === 'public');
  if (publicAddresses.length > 0) {
    const through = dns.privatelinkZone
      ? `The chain passes through ${dns.privatelinkZone}, but no private zone of that name answered: public DNS did.`
      : `The chain does not pass through ${zone ?? 'a privatelink zone'}: the cache may have no private endpoint with DNS integration.`;
    return {
      verdict: 'resolves-public',
      summary: `${host} resolves to the public address ${publicAddresses.map((a) => a.address).join(', ')}, so clients here bypass the private endpoint. ${through}`,
      nextStep: privateDnsSteps(target, zone),
    };
  }
  const routable = dns.addresses.filter((a) => a.scope !== 'loopback');
  if (dns.matchesEndpoint === false && routable.length > 0) {
    return {
      verdict: 'stale-record',
      summary: `${host} resolves privately to ${routable.map((a) => a.address).join(', ')}, not to the private endpoint's ${target.expectedIps.join(', ')}: the record is stale (endpoint recreated) or another zone of the same name answers`,
      nextStep: `Update the A record ${dns.finalName} to ${target.expectedIps.join(', ')} (or delete it and let the endpoint's DNS zone group recreate it), and check that only one zone named ${zone ?? 'privatelink.*'} is linked to the VNets that resolve this name.`,
    };
  }
  return undefined;
}

function tcpVerdict(target: ProbeTargetInfo, tcp: TcpResult | undefined): Judgement | undefined {
  if (!tcp || tcp.outcome === 'connected') return undefined;
  const where = tcp.address ? endpoint(tcp.address, tcp.port) : `port ${tcp.port}`;
  const port = target.family ? portAdvice(target) : `the port the cache serves`;
  switch (tcp.outcome) {
    case 'refused':
    case 'error':
      return {
        verdict: 'connection-refused',
        summary: `${where} refused the connection${tcp.outcome === 'error' ? ` (${tcp.errorCode})` : ''}: the address answers, but nothing accepts on port ${tcp.port}`,
        nextStep: `Check the port (${port}) and that ${tcp.address ?? 'the address'} is the cache's private endpoint and not another host (stale record, hosts-file entry).`,
      };
    case 'timed-out':
    case 'unreachable':
    case 'skipped':
      return {
        verdict: 'timed-out',
        summary: `${tcp.message}: packets to the endpoint are dropped or have no route`,
        nextStep: `Check, from this client to ${where}: NSG rules on both subnets (and private endpoint network policies), route tables sending the traffic to a firewall or NVA that blocks port ${tcp.port}, VNet peering or VPN/ExpressRoute routes to the endpoint's prefix, and that the private endpoint connection is Approved.`,
      };
  }
}

function tlsVerdict(target: ProbeTargetInfo, dns: DnsResult, tcp: TcpResult | undefined, tls: TlsResult): Judgement {
  if (tls.outcome === 'verified') {
    const answered = dns.addresses.map((a) => a.address).join(', ') || target.host;
    const via = dns.chain.length > 0 ? ` via ${dns.privatelinkZone ?? dns.chain[dns.chain.length - 1].target}` : '';
    const resolves = dns.outcome === 'skipped' ? `${target.host}` : `${target.host} resolves to ${answered}${via};`;
    return {
      verdict: 'reachable',
      summary: `${resolves} port ${tcp?.port} connects in ${tcp?.connectMs ?? '?'} ms and TLS verifies for ${tls.checkedName}`,
      nextStep: `Nothing to fix on the network path from this machine. If the application still fails, check its connection string (host ${target.publicHost ?? target.host}, port ${tcp?.port}, TLS on) and its credentials (not probed).`,
    };
  }
  return { verdict: 'tls-failed', summary: `TLS failed: ${tls.message}`, nextStep: tlsAdvice(target, tls) };
}

function tlsAdvice(target: ProbeTargetInfo, tls: TlsResult): string {
  const publicHost = target.publicHost ?? "the cache's public hostname";
  switch (tls.outcome) {
    case 'name-mismatch':
      if (target.hostKind === 'ip-address') {
        return `Connect by name, not by IP: the certificate names the cache's hostname, and a client connecting to ${target.host} can only check it against the IP, which it does not list. Use ${publicHost} and let DNS resolve it to the private IP.`;
      }
      if (target.hostKind === 'privatelink-name') {
        return `Use ${publicHost} in the connection string: the certificate is issued for the public name (a wildcard covers one label, so ${target.host} does not match). DNS takes the public name to the private endpoint through the CNAME to ${target.host}.`;
      }
      if (target.hostKind === 'other-name') {
        return `${target.host} is an alias: clients must connect with the cache's own hostname (or send it as SNI and check the certificate against it).`;
      }
      return `The server at this address is not this cache (another cache's endpoint behind a stale record, or a TLS-inspecting proxy presenting its own certificate): compare the certificate's names with ${target.host} and fix the record or the proxy.`;
    case 'untrusted':
      return 'A firewall or proxy probably inspects TLS and re-signs the traffic, or this machine lacks the issuing root CA: exempt the cache from TLS inspection, or trust the inspection CA (--ca-file) where that is intended.';
    case 'expired':
      return "Check this machine's clock; if it is right, something between you and the cache presents an old certificate (a TLS-inspecting proxy).";
    case 'not-tls':
      return `The port answers without TLS: make sure clients use the TLS port (${portAdvice(target)}) and that nothing else holds the address.`;
    case 'timed-out':
      return 'TCP connects but the handshake never completes: a firewall or NVA that passes the connection but drops the data (asymmetric routing through a firewall is the classic case), or a service on the port that is not Redis.';
    case 'handshake-failed':
    case 'skipped':
      return "The server ended the handshake: check the cache's minimum TLS version against this client's, and any firewall that resets TLS connections.";
    case 'verified':
      return '';
  }
}

function observations(target: ProbeTargetInfo, dns: DnsResult, tcp: readonly TcpResult[]): string[] {
  const notes: string[] = [];
  if (dns.outcome === 'resolved' && dns.addresses.every((a) => a.scope === 'loopback')) {
    notes.push(`${target.host} resolves to loopback: a hosts-file entry or a local tunnel answers, so this probe tests the tunnel, not the private endpoint.`);
  }
  if (dns.expectedZone && dns.privatelinkZone && dns.privatelinkZone !== dns.expectedZone) {
    notes.push(`The chain passes through ${dns.privatelinkZone}, but this cache's zone is ${dns.expectedZone}.`);
  } else if (dns.outcome === 'resolved' && dns.viaExpectedZone === false && dns.addresses.some((a) => a.scope === 'private')) {
    notes.push(`${target.host} resolves privately without passing through ${dns.expectedZone}: a hand-made record answers and will not follow changes to the private endpoint.`);
  }
  if (dns.outcome === 'resolved' && dns.matchesEndpoint === null && target.hostKind !== 'ip-address') {
    notes.push("The endpoint's private IP is not known: the answer was not compared with it (on the CLI: --expected-ip or --estate).");
  }
  for (const extra of tcp.slice(1)) {
    notes.push(`Non-TLS port ${extra.port}: ${extra.message}.`);
  }
  const system = dns.system;
  if (system && system.differs && system.addresses.length > 0) {
    const dnsSays = dns.addresses.length > 0 ? `DNS answers ${dns.addresses.map((a) => a.address).join(', ')}` : 'DNS has no answer';
    notes.push(`This machine's resolver answers ${system.addresses.join(', ')} (a hosts-file entry or a local DNS cache) while ${dnsSays}: clients here connect to ${system.addresses.join(', ')}, other machines follow DNS.`);
  }
  const connected = tcp[0]?.address;
  const explained = system?.addresses.includes(connected ?? '') ?? false;
  if (connected && dns.outcome === 'resolved' && !explained && !dns.addresses.some((a) => a.address === connected)) {
    notes.push(`Connected to ${connected} as asked (connect address), not to the address DNS answered.`);
  }
  if (target.hostKind === 'privatelink-name') {
    notes.push(`${target.host} is the privatelink name; clients should connect with ${target.publicHost}.`);
  }
  return notes;
}

function privateDnsSteps(target: ProbeTargetInfo, zone: string | null): string {
  const suffix = publicSuffix(target) ?? 'the cache’s public DNS zone';
  const privateZone = zone ?? 'the privatelink zone of the cache';
  return [
    `Link the private DNS zone ${privateZone} to the VNet whose DNS resolver this machine uses (with hub-and-spoke, every VNet that resolves the name).`,
    `If that VNet uses custom DNS servers, they must forward ${suffix} to Azure DNS ${AZURE_DNS_IP} from a VNet linked to the zone; on-premises resolvers forward ${suffix} (the public zone, not privatelink.) to a DNS forwarder in Azure.`,
    'Then disable public network access on the cache so a wrong answer fails closed.',
  ].join(' ');
}

function publicSuffix(target: ProbeTargetInfo): string | undefined {
  if (!target.family || !target.cloud) return undefined;
  return product(target.family).publicDnsSuffix[target.cloud];
}

function portAdvice(target: ProbeTargetInfo): string {
  if (!target.family) return 'the port the cache serves';
  const entry = product(target.family);
  const nonTls = entry.nonTlsPort !== undefined ? `; ${entry.nonTlsPort} only with the non-TLS port enabled` : '';
  return `${entry.tlsPort} TLS for ${entry.displayName}${nonTls}`;
}
