// The DNS data the probe tests serve from a local dns2 server: one name per situation the probe must tell apart.
import type { DnsEntry } from './loopback-servers';

export const ZONE = {
  // Private Link working: public name → privatelink name → the endpoint's IP.
  'cache1.redis.cache.windows.net': { cname: 'cache1.privatelink.redis.cache.windows.net' },
  'cache1.privatelink.redis.cache.windows.net': { a: ['10.1.2.4'] },
  // Zone not linked here: public DNS follows the privatelink CNAME to the public front end.
  'public1.redis.cache.windows.net': { cname: 'public1.privatelink.redis.cache.windows.net' },
  'public1.privatelink.redis.cache.windows.net': { cname: 'az-redis-weu-1.cloudapp.net' },
  'az-redis-weu-1.cloudapp.net': { a: ['203.0.113.10'] },
  // A record left behind by a deleted endpoint.
  'stale1.redis.cache.windows.net': { cname: 'stale1.privatelink.redis.cache.windows.net' },
  'stale1.privatelink.redis.cache.windows.net': { a: ['10.1.2.99'] },
  // Zone linked, record missing: the privatelink name is NXDOMAIN.
  'gone1.redis.cache.windows.net': { cname: 'gone1.privatelink.redis.cache.windows.net' },
  // A loop made by hand.
  'loop1.redis.cache.windows.net': { cname: 'loop1.privatelink.redis.cache.windows.net' },
  'loop1.privatelink.redis.cache.windows.net': { cname: 'loop1.redis.cache.windows.net' },
  // Managed Redis: regional hostname, port 10000, its own zone.
  'amr1.westeurope.redis.azure.net': { cname: 'amr1.westeurope.privatelink.redis.azure.net' },
  'amr1.westeurope.privatelink.redis.azure.net': { a: ['10.2.0.5'], aaaa: ['fd00:10:2::5'] },
  // DNS says private; this machine's hosts file says loopback (getaddrinfo reads /etc/hosts first).
  localhost: { a: ['10.9.9.9'] },
  // A local tunnel or hosts-style record.
  'tunnel1.redis.cache.windows.net': { a: ['127.0.0.1'] },
} as const satisfies Record<string, DnsEntry>;
