// Is an answered address one a private endpoint could have? Private endpoints take their IP from a VNet subnet,
// and VNets use RFC 1918, RFC 6598 shared space (100.64.0.0/10, allowed as VNet address space) or IPv6 ULA.
// Loopback is its own scope: it only appears through a hosts-file entry or a local tunnel (`az network bastion
// tunnel`, `ssh -L`), which the probe reports as a note rather than as "public".

import { BlockList, isIP } from 'node:net';
import type { AddressScope, ResolvedAddress } from './types';

interface Range {
  readonly scope: AddressScope;
  readonly label: string;
  readonly network: string;
  readonly prefix: number;
  readonly family: 'ipv4' | 'ipv6';
}

// Order matters: the first range that contains the address names it.
const RANGES: readonly Range[] = [
  { scope: 'private', label: 'RFC 1918 10.0.0.0/8', network: '10.0.0.0', prefix: 8, family: 'ipv4' },
  { scope: 'private', label: 'RFC 1918 172.16.0.0/12', network: '172.16.0.0', prefix: 12, family: 'ipv4' },
  { scope: 'private', label: 'RFC 1918 192.168.0.0/16', network: '192.168.0.0', prefix: 16, family: 'ipv4' },
  { scope: 'private', label: 'RFC 6598 100.64.0.0/10', network: '100.64.0.0', prefix: 10, family: 'ipv4' },
  { scope: 'loopback', label: 'loopback 127.0.0.0/8', network: '127.0.0.0', prefix: 8, family: 'ipv4' },
  { scope: 'link-local', label: 'link-local 169.254.0.0/16', network: '169.254.0.0', prefix: 16, family: 'ipv4' },
  { scope: 'other', label: 'unspecified 0.0.0.0/8', network: '0.0.0.0', prefix: 8, family: 'ipv4' },
  { scope: 'other', label: 'multicast 224.0.0.0/4', network: '224.0.0.0', prefix: 4, family: 'ipv4' },
  { scope: 'other', label: 'reserved 240.0.0.0/4', network: '240.0.0.0', prefix: 4, family: 'ipv4' },
  { scope: 'private', label: 'IPv6 ULA fc00::/7', network: 'fc00::', prefix: 7, family: 'ipv6' },
  { scope: 'loopback', label: 'IPv6 loopback ::1/128', network: '::1', prefix: 128, family: 'ipv6' },
  { scope: 'link-local', label: 'IPv6 link-local fe80::/10', network: 'fe80::', prefix: 10, family: 'ipv6' },
  { scope: 'other', label: 'IPv6 unspecified ::/128', network: '::', prefix: 128, family: 'ipv6' },
  { scope: 'other', label: 'IPv6 multicast ff00::/8', network: 'ff00::', prefix: 8, family: 'ipv6' },
];

const LISTS = RANGES.map((range) => {
  const list = new BlockList();
  list.addSubnet(range.network, range.prefix, range.family);
  return { range, list };
});

/** Classifies an IP address; `undefined` when the text is not an IP address. */
export function classifyAddress(address: string): ResolvedAddress | undefined {
  const version = isIP(address);
  if (version === 0) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  // An IPv4-mapped IPv6 address (::ffff:10.1.2.4) is the IPv4 address for our purpose.
  const mapped = family === 'ipv6' ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] : undefined;
  const probeAddress = mapped ?? address;
  const probeFamily = mapped ? 'ipv4' : family;
  const hit = LISTS.find(({ range, list }) => range.family === probeFamily && list.check(probeAddress, probeFamily));
  return {
    address,
    family: version === 4 ? 4 : 6,
    scope: hit?.range.scope ?? 'public',
    range: hit?.range.label ?? 'public',
  };
}

/** Two IP texts denote the same address (IPv6 spellings differ: `fd00::1` vs `fd00:0:0::1`). */
export function sameAddress(a: string, b: string): boolean {
  const fa = isIP(a);
  if (fa === 0 || fa !== isIP(b)) return false;
  const list = new BlockList();
  list.addAddress(a, fa === 4 ? 'ipv4' : 'ipv6');
  return list.check(b, fa === 4 ? 'ipv4' : 'ipv6');
}
