// The connectivity probe's data: what to probe, how, and the report it produces. The report is plain JSON
// (no classes, no Maybe/Unknown, `null` for "not known"), built with a fixed key order so the evidence bundle
// can embed it and two runs diff cleanly.

import type { CacheType, CloudName } from '../graph/types';
import type { ProductFamily } from '../catalog/services';

/** A cache described by facts (from the tree, an estate or a design) rather than by a hostname. */
export interface CacheFacts {
  readonly name: string;
  readonly type: CacheType;
  /** e.g. `Premium`, `Enterprise_E10`, `Balanced_B5`; decides the family of a redisEnterprise resource. */
  readonly sku?: string;
  /** ARM location (`westeurope`); part of the hostname of Enterprise and Managed Redis. */
  readonly region?: string;
  readonly cloud?: CloudName;
  readonly enableNonSslPort?: boolean;
  /** Private IPs of the cache's private endpoint(s) from the inventory: DNS should answer one of these. */
  readonly endpointIps?: readonly string[];
  readonly resourceId?: string;
  /** Database ports of a redisEnterprise cluster when the inventory knows them (default 10000). */
  readonly databasePorts?: readonly number[];
}

/** A resource of another catalogued Private Link service (storage account, key vault…) described by facts. */
export interface ServiceFacts {
  readonly kind: 'service';
  readonly name: string;
  /** The ARM type; the catalog (src/catalog/private-link-services.ts) gives its hostname pattern and port. */
  readonly type: string;
  /** The endpoint's group id (`blob`, `file`, `vault`…): picks the subresource, hence the hostname and port. */
  readonly groupId?: string;
  readonly cloud?: CloudName;
  /** ARM location (`westeurope`): part of the hostname of Data Factory and Batch. */
  readonly region?: string;
  /** Hostnames the resource states itself, by catalog `hostProperty` path (ServiceTargetNode.statedHosts). */
  readonly statedHosts?: Readonly<Record<string, string>>;
  readonly endpointIps?: readonly string[];
  readonly resourceId?: string;
}

/** A hostname, an IP address, a resource id (redisEnterprise needs facts), cache facts or another service's facts. */
export type ProbeTarget = string | CacheFacts | ServiceFacts;

export interface ProbeOptions {
  /** DNS servers as `ip` or `ip:port` (`[v6]:port`). Default: this machine's resolvers. */
  readonly dnsServers?: readonly string[];
  /** Timeout of each DNS query, of the TCP connect and of the TLS handshake, in milliseconds. Default 3000. */
  readonly timeoutMs?: number;
  /** Port to probe instead of the catalog's TLS port for the family. TLS is attempted on it. */
  readonly port?: number;
  /** Port to connect to instead of 6379 when the cache facts say the non-TLS port is on (no handshake). */
  readonly nonTlsPort?: number;
  /**
   * Address to connect to instead of the one DNS returned. Tests use 127.0.0.1; engineers use it to try the
   * endpoint's IP directly. The TLS check still uses the hostname (SNI and certificate name).
   */
  readonly connectAddress?: string;
  /** Extra trusted CA certificates (PEM), added to Node's bundled roots. */
  readonly ca?: string | readonly string[];
  /** The IP(s) DNS should answer (the endpoint's NIC IPs); adds to the target's own facts. */
  readonly expectedIps?: readonly string[];
  /** The cloud of a resource-id target without facts. Default `AzureCloud`. */
  readonly cloud?: CloudName;
  /**
   * Also ask this machine's resolver (getaddrinfo, which reads the hosts file) and connect where it points, as
   * a client here would. Default: only when `dnsServers` is not given.
   */
  readonly systemResolver?: boolean;
  /** Maximum CNAME hops before the chain counts as a loop. Default 8. */
  readonly maxCnameHops?: number;
  /** Injectable clock for deterministic reports in tests of the formatter; default Date.now. */
  readonly now?: () => number;
}

export type ProbeVerdict =
  | 'name-does-not-resolve'
  | 'resolves-public'
  | 'stale-record'
  | 'connection-refused'
  | 'timed-out'
  | 'tls-failed'
  | 'reachable';

/** Where an address lives. `private`: RFC 1918, RFC 6598 shared space, IPv6 ULA — where private endpoints live. */
export type AddressScope = 'private' | 'loopback' | 'link-local' | 'public' | 'other';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
  readonly scope: AddressScope;
  /** Which range made it that scope, e.g. `RFC 1918 10.0.0.0/8`. */
  readonly range: string;
}

export interface CnameHop {
  readonly name: string;
  readonly target: string;
}

/** `skipped`: the target is an IP address, there is nothing to resolve. */
export type DnsOutcome = 'resolved' | 'nxdomain' | 'no-address' | 'cname-loop' | 'dns-error' | 'skipped';

export interface DnsResult {
  readonly outcome: DnsOutcome;
  /** The servers asked (`system` when none were given). */
  readonly servers: readonly string[];
  readonly chain: readonly CnameHop[];
  /** The last name of the chain (the one holding the A/AAAA records). */
  readonly finalName: string;
  readonly addresses: readonly ResolvedAddress[];
  /** The `privatelink.*` zone the target should pass through, when the family and cloud are known. */
  readonly expectedZone: string | null;
  /** A documented Redis `privatelink.*` zone the chain passed through, or null. */
  readonly privatelinkZone: string | null;
  /** Whether the chain passed through the expected zone; null when no zone is expected. */
  readonly viaExpectedZone: boolean | null;
  /** Whether an answered address is one of the endpoint's IPs; null when those are not known. */
  readonly matchesEndpoint: boolean | null;
  /** The resolver's error code (`ENOTFOUND`, `ETIMEOUT`, `ECONNREFUSED`, …) when the outcome is not `resolved`. */
  readonly errorCode: string | null;
  readonly message: string;
  /**
   * What this machine's own resolver (getaddrinfo: hosts file, local caches, then DNS) answers, when it was
   * asked (by default only without explicit DNS servers). Clients connect to these; a difference from the DNS
   * answer usually means a hosts-file entry.
   */
  readonly system: SystemLookup | null;
  readonly durationMs: number;
}

export interface SystemLookup {
  readonly addresses: readonly string[];
  /** Whether the system's addresses differ from the DNS answer (as sets). */
  readonly differs: boolean;
  readonly errorCode: string | null;
}

export type TcpOutcome = 'connected' | 'refused' | 'timed-out' | 'unreachable' | 'error' | 'skipped';

export interface TcpResult {
  readonly address: string | null;
  readonly port: number;
  /** Whether this is the TLS port (the non-TLS 6379 is only connected to, never handshaken). */
  readonly tlsPort: boolean;
  readonly outcome: TcpOutcome;
  readonly errorCode: string | null;
  readonly message: string;
  readonly connectMs: number | null;
}

export type TlsOutcome =
  | 'verified'
  | 'name-mismatch'
  | 'untrusted'
  | 'expired'
  | 'not-tls'
  | 'handshake-failed'
  | 'timed-out'
  | 'skipped';

export interface CertificateSummary {
  readonly subject: string;
  readonly subjectAltNames: readonly string[];
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly fingerprint256: string;
}

export interface TlsResult {
  readonly outcome: TlsOutcome;
  /** The name sent as SNI and checked against the certificate; null when connecting by IP (no SNI for IPs). */
  readonly serverName: string | null;
  /** The name the certificate was checked against (the hostname, or the IP when the target is an IP). */
  readonly checkedName: string;
  readonly protocol: string | null;
  readonly trusted: boolean | null;
  readonly nameMatches: boolean | null;
  readonly certificate: CertificateSummary | null;
  readonly errorCode: string | null;
  readonly message: string;
  readonly handshakeMs: number | null;
}

export interface ProbeTargetInfo {
  /** What the user asked to probe, as given. */
  readonly input: string;
  /** The name resolved and used for SNI (or the IP address). */
  readonly host: string;
  readonly hostKind: 'public-name' | 'privatelink-name' | 'ip-address' | 'other-name';
  /** The public hostname clients should use, when it can be derived. */
  readonly publicHost: string | null;
  readonly family: ProductFamily | null;
  readonly cloud: CloudName | null;
  readonly resourceId: string | null;
  readonly expectedIps: readonly string[];
  /** Ports to probe, TLS port first. */
  readonly ports: readonly number[];
  /** A service other than Redis: its catalog key (absent for Redis, whose `family` says it). */
  readonly service?: string;
  /** A service other than Redis: the `privatelink.*` zone its name should pass through. */
  readonly privateZone?: string;
}

export interface ProbeReport {
  readonly schema: 'plreview.probe/1';
  readonly target: ProbeTargetInfo;
  readonly verdict: ProbeVerdict;
  /** One sentence: what is wrong (or that it works). */
  readonly summary: string;
  /** What to do next. */
  readonly nextStep: string;
  readonly dns: DnsResult;
  readonly tcp: readonly TcpResult[];
  readonly tls: TlsResult;
  /** Extra observations that do not change the verdict (hosts-file/tunnel, non-TLS port open, …). */
  readonly notes: readonly string[];
  readonly startedAt: string;
  readonly durationMs: number;
}
