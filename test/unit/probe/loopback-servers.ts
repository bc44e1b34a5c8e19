// Real servers on 127.0.0.1 (OS-assigned ports) for the probe tests: a DNS server (dns2) answering a small
// zone, TLS servers with certificates made at test time (selfsigned), a closed port, a TCP port that accepts
// and never speaks, a port that speaks plain text, and a listener that never completes a TCP handshake.

import { createServer as createTcpServer, connect, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Worker } from 'node:worker_threads';
import dns2 from 'dns2';
import { generate } from 'selfsigned';

const LOOPBACK = '127.0.0.1';

export interface DnsEntry {
  readonly cname?: string;
  readonly a?: readonly string[];
  readonly aaaa?: readonly string[];
}

export interface LocalDns {
  /** `127.0.0.1:<port>` for ProbeOptions.dnsServers. */
  readonly server: string;
  /** `name TYPE` of every query received, so a test can prove the resolver asked this server. */
  readonly queries: string[];
  close(): Promise<void>;
}

/**
 * An authoritative-looking recursive answer for each name: a CNAME query returns the alias; an A/AAAA query
 * follows aliases inside `zone` and returns CNAMEs plus addresses, as a recursive resolver would. Unknown
 * names are NXDOMAIN; known names without the type are NOERROR with no answer (NODATA). `silent` drops every
 * query (a DNS server that never answers).
 */
export async function startDns(zone: Readonly<Record<string, DnsEntry>>, options: { silent?: boolean } = {}): Promise<LocalDns> {
  const { Packet } = dns2;
  const queries: string[] = [];
  // RFC 1035 §4.1.1 rcode 3; dns2 3.0.0 has Packet.RCODE at run time but not in its type declarations.
  const NXDOMAIN = 3;
  const typeName = (type: number) => Object.entries(Packet.TYPE).find(([, v]) => v === type)?.[0] ?? String(type);
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const [question] = request.questions;
      queries.push(`${question.name.toLowerCase()} ${typeName(question.type)}`);
      if (options.silent) return;
      const response = Packet.createResponseFromRequest(request);
      let name = question.name.toLowerCase();
      for (let hops = 0; hops < 16; hops++) {
        const entry = zone[name];
        if (!entry) {
          response.header.rcode = NXDOMAIN;
          break;
        }
        if (entry.cname) {
          response.answers.push({ name, type: Packet.TYPE.CNAME, class: Packet.CLASS.IN, ttl: 10, domain: entry.cname } as never);
          if (question.type === Packet.TYPE.CNAME) break;
          name = entry.cname.toLowerCase();
          continue;
        }
        const addresses = question.type === Packet.TYPE.A ? entry.a : question.type === Packet.TYPE.AAAA ? entry.aaaa : undefined;
        for (const address of addresses ?? []) {
          response.answers.push({ name, type: question.type, class: Packet.CLASS.IN, ttl: 10, address } as never);
        }
        break;
      }
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: LOOPBACK } } as never);
  const port = (addresses as { udp: { port: number } }).udp.port;
  return { server: `${LOOPBACK}:${port}`, queries, close: () => server.close() };
}

export interface Certificates {
  readonly caCert: string;
  /** Signed by the CA for `*.redis.cache.windows.net`, as Azure Cache for Redis presents. */
  readonly right: { cert: string; key: string };
  /** Signed by the CA for another name. */
  readonly wrong: { cert: string; key: string };
  /** Signed by the CA for the right name, but expired yesterday. */
  readonly expired: { cert: string; key: string };
}

export async function makeCertificates(): Promise<Certificates> {
  const ca = await generate([{ name: 'commonName', value: 'plreview test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = async (name: string, notAfterDate?: Date) => {
    const pems = await generate([{ name: 'commonName', value: name }], {
      keyType: 'ec',
      algorithm: 'sha256',
      ca: { key: ca.private, cert: ca.cert },
      ...(notAfterDate ? { notBeforeDate: new Date(notAfterDate.getTime() - 86_400_000 * 30), notAfterDate } : {}),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: name }] },
      ],
    });
    return { cert: pems.cert, key: pems.private };
  };
  const [right, wrong, expired] = await Promise.all([
    leaf('*.redis.cache.windows.net'),
    leaf('othercache.westeurope.redis.azure.net'),
    leaf('*.redis.cache.windows.net', new Date(Date.now() - 86_400_000)),
  ]);
  return { caCert: ca.cert, right, wrong, expired };
}

export interface Running {
  readonly port: number;
  close(): Promise<void>;
}

/** A TLS server that completes handshakes and then closes; it never reads a command. */
export async function startTls(identity: { cert: string; key: string }): Promise<Running> {
  const server = createTlsServer({ cert: identity.cert, key: identity.key }, (socket) => {
    socket.on('error', () => undefined);
    socket.end();
  });
  // The probe closes right after the handshake, or aborts it: resets here are expected, not failures.
  server.on('tlsClientError', () => undefined);
  return listen(server);
}

/** Accepts TCP connections and never writes: a TLS client waits for the ServerHello forever. */
export async function startMute(): Promise<Running> {
  return listen(createTcpServer(() => undefined));
}

/** Answers every connection with a plain-text Redis error, as a non-TLS port would. */
export async function startPlainText(): Promise<Running> {
  return listen(createTcpServer((socket) => socket.end('-ERR not TLS\r\n')));
}

/** A port that was just free: nothing listens, the kernel answers SYN with RST (connection refused). */
export async function closedPort(): Promise<number> {
  const running = await listen(createTcpServer());
  await running.close();
  return running.port;
}

/**
 * A listener whose SYNs go unanswered, for a genuine TCP connect timeout on loopback. The kernel completes
 * handshakes for a listening socket by itself until its accept queue is full, so the listener lives in a worker
 * thread whose event loop is blocked (it never accepts) with backlog 1, and `fill()` opens connections until
 * two in a row time out. From then on Linux drops further SYNs to that port (accept queue overflow), exactly what a
 * client sees behind an NSG or firewall that drops packets.
 */
export async function startUnanswering(): Promise<Running & { fill(): Promise<number> }> {
  const gate = new SharedArrayBuffer(4);
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const net = require('node:net');
    const server = net.createServer();
    server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      parentPort.postMessage(server.address().port);
      // Block this thread's event loop so nothing is ever accepted; the parent releases it (safety: 60 s).
      Atomics.wait(new Int32Array(workerData), 0, 0, 60000);
      server.close();
    });`,
    { eval: true, workerData: gate },
  );
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const fillers: Socket[] = [];
  const attempt = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect({ host: LOOPBACK, port });
      const timer = setTimeout(() => {
        socket.destroy();
        resolve(false);
      }, 250);
      socket.once('connect', () => {
        clearTimeout(timer);
        fillers.push(socket);
        resolve(true);
      });
      socket.once('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
  return {
    port,
    /** Fills the accept queue; returns how many handshakes the kernel completed before it started dropping. */
    async fill() {
      // Two timeouts in a row: one late timer under load must not pass for a full queue.
      let misses = 0;
      for (let i = 0; i < 16 && misses < 2; i++) misses = (await attempt()) ? 0 : misses + 1;
      if (misses === 2) return fillers.length;
      throw new Error('the kernel kept accepting connections: cannot produce a connect timeout here');
    },
    async close() {
      for (const socket of fillers) socket.destroy();
      const view = new Int32Array(gate);
      Atomics.store(view, 0, 1);
      Atomics.notify(view, 0);
      await worker.terminate();
    },
  };
}

async function listen(server: Server): Promise<Running> {
  // Track connections so close() does not wait for clients the probe left open (it never should).
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: LOOPBACK }, resolve);
  });
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
