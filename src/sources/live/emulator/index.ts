// A local Azure Resource Manager for tests, the demo and benches: HTTPS on 127.0.0.1 with a certificate made at
// start, serving an estate (ARM resource objects) through the REST paths the real @azure/arm-* clients call.
// Read-only: any write (and `listKeys`, a POST) is logged and refused with 405, so the request log proves the
// product never writes. See README.md for the paths, the KQL subset and the faults.

import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArmResource } from '../../snapshot/arm-resource';
import { makeLocalCertificate } from './certificate';
import { FaultState, type EmulatorFaults } from './faults';
import { ResourceGraph, type GraphRequestBody } from './resource-graph';
import { armError, authorizationFailed, page, readActionOf, sendJson } from './responses';
import { EstateStore, type EmulatedSubscription } from './store';
import { viewForApiVersion } from './api-versions';

export type { EmulatorFaults, FaultRule } from './faults';
export { EstateStore } from './store';

export interface EmulatorOptions {
  /** ARM resource objects, a path to an estate file or folder, or a prepared store. */
  readonly estate: readonly ArmResource[] | string | EstateStore;
  readonly faults?: EmulatorFaults;
  /** Shorthand for `faults.latencyMs`. */
  readonly latencyMs?: number;
  /** Items per page of ARM lists (default 100). Small values make paging visible in tests. */
  readonly pageSize?: number;
  /** Largest Resource Graph page (default 1000, Resource Graph's own limit). */
  readonly graphPageSize?: number;
  /** When set, only this bearer token is accepted; otherwise any non-empty one. */
  readonly token?: string;
  /** Port to listen on (default 0: the OS picks). */
  readonly port?: number;
}

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  /** The query string without the leading `?`. */
  readonly query: string;
  status: number;
  readonly requestId: string;
  readonly at: number;
  /** The KQL of a Resource Graph request. */
  readonly graphQuery?: string;
  /** The subscriptions a Resource Graph request named. */
  readonly graphSubscriptions?: readonly string[];
  /** How a Resource Graph request paged: `$skip`, `$skipToken`, `$top` as sent. */
  readonly graphPaging?: { readonly skip?: number; readonly skipToken?: string; readonly top?: number };
}

export interface RunningEmulator {
  /** `https://127.0.0.1:<port>`: pass as the clients' `endpoint`. */
  readonly url: string;
  /** The certificate (PEM) to trust: `tlsOptions: { ca }`. */
  readonly ca: string;
  /** The same PEM in a file (`--ca-file`), removed on close. */
  readonly caFile: string;
  readonly requestLog: LoggedRequest[];
  readonly subscriptions: readonly EmulatedSubscription[];
  setFaults(faults: EmulatorFaults): void;
  close(): Promise<void>;
}

const GRAPH_PATH = '/providers/microsoft.resourcegraph/resources';

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const store =
    options.estate instanceof EstateStore
      ? options.estate
      : typeof options.estate === 'string'
        ? EstateStore.fromPath(options.estate)
        : new EstateStore(options.estate);
  const graph = new ResourceGraph(store);
  const faults = new FaultState({ ...options.faults, latencyMs: options.faults?.latencyMs ?? options.latencyMs });
  const pageSize = options.pageSize ?? 100;
  const graphPageSize = options.graphPageSize ?? 1000;
  const requestLog: LoggedRequest[] = [];
  const certificate = await makeLocalCertificate();
  const hanging = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let url = '';

  const server: Server = createServer({ cert: certificate.cert, key: certificate.key }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, armError('InternalServerError', `emulator: ${(error as Error).message}`));
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'https://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = decodeURIComponent(parsed.pathname);
    const body = method === 'GET' ? '' : await readBody(req);
    const requestId = randomUUID();
    const isGraph = method === 'POST' && path.toLowerCase() === GRAPH_PATH;
    const graphBody = isGraph ? parseJson(body) : undefined;
    const entry: LoggedRequest = {
      method,
      path,
      query: parsed.search.replace(/^\?/, ''),
      status: 0,
      requestId,
      at: Date.now(),
      ...(isGraph
        ? {
            graphQuery: String(graphBody?.query ?? ''),
            graphSubscriptions: asStrings(graphBody?.subscriptions),
            graphPaging: { skip: graphBody?.options?.$skip, skipToken: graphBody?.options?.$skipToken, top: graphBody?.options?.$top },
          }
        : {}),
    };
    requestLog.push(entry);
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      sendJson(res, status, payload, { 'x-ms-request-id': requestId, 'x-ms-correlation-request-id': requestId, ...headers });
    };

    // Read-only by design: anything but GET and the Resource Graph query is refused, before authentication even.
    if (method !== 'GET' && !isGraph) {
      return reply(405, armError('MethodNotAllowed', `The emulator is read-only: ${method} ${path} is refused.`));
    }
    const authorization = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!token || (options.token !== undefined && token !== options.token)) {
      return reply(401, armError('InvalidAuthenticationToken', 'The access token is missing or invalid.'));
    }
    const latency = faults.current.latencyMs ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));

    const fault = faults.take({ method, path });
    if (fault?.kind === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return; // never answered: the client's timeout must fire
    }
    if (fault?.kind === 'throttle') {
      const ms = fault.retryAfterMs ?? 10;
      return reply(429, armError('TooManyRequests', 'Too many requests. Please retry.'), { 'retry-after-ms': String(ms), 'x-ms-retry-after-ms': String(ms) });
    }
    if (fault?.kind === 'body') {
      // 200 with exactly this text: the shapes a bad day (or a broken proxy) can answer with.
      entry.status = 200;
      const text = fault.body ?? '';
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'x-ms-request-id': requestId });
      res.end(text);
      return;
    }
    if (fault?.kind === 'error') {
      const status = fault.status ?? 503;
      return reply(status, armError(status === 500 ? 'InternalServerError' : 'ServiceUnavailable', 'The service is temporarily unavailable.'));
    }

    if (isGraph) return answerGraph(graphBody ?? {}, reply);

    const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(path)?.[1];
    if (subscriptionId && faults.isForbidden(subscriptionId)) {
      return reply(403, authorizationFailed(`/subscriptions/${subscriptionId}`, readActionOf(path)));
    }
    const apiVersion = parsed.searchParams.get('api-version') ?? '';
    const offset = Number(parsed.searchParams.get('$skiptoken') ?? '0') || 0;
    const nextUrl = (next: number) =>
      `${url}${encodeURI(path)}?api-version=${encodeURIComponent(apiVersion)}&%24skiptoken=${next}`;
    const lower = path.replace(/\/+$/, '').toLowerCase();

    if (lower === '/subscriptions') return reply(200, page(store.subscriptions.map(subscriptionObject), offset, pageSize, nextUrl));
    if (lower === '/tenants') {
      const tenants = [...new Set(store.subscriptions.map((s) => s.tenantId))].map((tenantId) => ({
        id: `/tenants/${tenantId}`,
        tenantId,
        tenantCategory: 'Home',
        displayName: 'Contoso',
      }));
      return reply(200, page(tenants, offset, pageSize, nextUrl));
    }
    if (subscriptionId && lower === `/subscriptions/${subscriptionId.toLowerCase()}`) {
      const subscription = store.subscription(subscriptionId);
      return subscription
        ? reply(200, subscriptionObject(subscription))
        : reply(404, armError('SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`));
    }
    if (subscriptionId && !store.subscription(subscriptionId)) {
      return reply(404, armError('SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`));
    }
    const resource = store.get(path);
    if (resource) return reply(200, viewForApiVersion(resource, apiVersion));
    const members = store.list(path);
    if (members) return reply(200, page(members.map((m) => viewForApiVersion(m, apiVersion)), offset, pageSize, nextUrl));
    return reply(404, armError('ResourceNotFound', `The Resource '${path}' was not found.`));
  }

  function answerGraph(body: GraphRequestBody, reply: (status: number, payload: unknown) => void): void {
    const mode = faults.current.resourceGraph ?? 'ok';
    if (mode === 'forbidden') {
      return reply(403, authorizationFailed('/providers/Microsoft.ResourceGraph', 'Microsoft.ResourceGraph/resources/read'));
    }
    if (mode === 'unavailable') return reply(503, armError('ServiceUnavailable', 'Resource Graph is unavailable.'));
    const result = graph.query(body, (s) => !faults.isForbidden(s), graphPageSize);
    if (result.ok) return reply(200, result.body);
    return reply(result.status, armError(result.code, result.message));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('emulator: no TCP address');
  url = `https://127.0.0.1:${address.port}`;
  const dir = mkdtempSync(join(tmpdir(), 'plreview-emulator-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, certificate.cert);

  return {
    url,
    ca: certificate.cert,
    caFile,
    requestLog,
    subscriptions: store.subscriptions,
    setFaults: (next) => faults.set({ ...next, latencyMs: next.latencyMs ?? options.latencyMs }),
    async close() {
      for (const res of hanging) res.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function subscriptionObject(s: EmulatedSubscription) {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    subscriptionId: s.subscriptionId,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' },
    authorizationSource: 'RoleBased',
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): (GraphRequestBody & Record<string, unknown>) | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as GraphRequestBody & Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function asStrings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}
