// `POST /providers/Microsoft.ResourceGraph/resources`: runs the KQL subset (kql.ts) over the estate's tables and
// pages with `$skipToken`. Like Resource Graph, it returns only rows of subscriptions the caller may read: a
// subscription that refuses ARM reads is silently absent, which is why the inventory cross-checks coverage.

import { compileKql, KqlError, type Row } from './kql';
import type { EstateStore } from './store';
import { SUBSCRIPTION_TYPE } from './store';
import { parseResourceId, subscriptionOf } from '../../../graph/resource-id';

/** Child types Resource Graph does not index (supported-tables-resources.md); the inventory reads them over ARM. */
const NOT_INDEXED = new Set([
  'microsoft.network/privateendpoints/privatednszonegroups',
  'microsoft.cache/redis/firewallrules',
  'microsoft.network/virtualnetworks/subnets',
]);
/** Private DNS record sets live in the `dnsresources` table, not `resources`. */
const DNS_RECORD = /^microsoft\.network\/privatednszones\/(a|aaaa|cname|mx|ptr|soa|srv|txt)$/;

export interface GraphRequestBody {
  readonly query?: unknown;
  readonly subscriptions?: unknown;
  readonly options?: { readonly $top?: number; readonly $skip?: number; readonly $skipToken?: string; readonly resultFormat?: string };
}

export type GraphResult =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

export class ResourceGraph {
  private readonly tables: Record<string, Row[]>;
  /** Results of recent queries, so later pages of one query slice instead of re-running it (as $skipToken does). */
  private readonly recent = new Map<string, Row[]>();

  constructor(store: EstateStore) {
    const resources: Row[] = [];
    const dnsresources: Row[] = [];
    for (const resource of store.resources) {
      const type = resource.type.toLowerCase();
      if (NOT_INDEXED.has(type)) continue;
      const parsed = parseResourceId(resource.id);
      const subscription = store.subscription(parsed?.subscriptionId ?? '');
      const row: Row = {
        ...resource,
        type,
        subscriptionId: parsed?.subscriptionId,
        resourceGroup: parsed?.resourceGroup?.toLowerCase(),
        tenantId: subscription?.tenantId,
      };
      (DNS_RECORD.test(type) ? dnsresources : resources).push(row);
    }
    const resourcecontainers: Row[] = store.subscriptions.map((s) => ({
      id: `/subscriptions/${s.subscriptionId}`,
      name: s.displayName,
      type: SUBSCRIPTION_TYPE,
      subscriptionId: s.subscriptionId,
      tenantId: s.tenantId,
      properties: { state: 'Enabled' },
    }));
    this.tables = { resources, dnsresources, resourcecontainers };
  }

  query(body: GraphRequestBody, readable: (subscriptionId: string) => boolean, maxPageSize: number): GraphResult {
    if (typeof body.query !== 'string' || body.query.trim() === '') {
      return { ok: false, status: 400, code: 'BadRequest', message: "The request body must hold a 'query'." };
    }
    const scope = Array.isArray(body.subscriptions) ? new Set(body.subscriptions.map((s) => String(s).toLowerCase())) : undefined;
    const visible = (subscriptionId: string) => readable(subscriptionId) && (!scope || scope.has(subscriptionId.toLowerCase()));
    const cacheKey = `${body.query}\u0000${[...(scope ?? [])].sort().join(',')}`;
    // Later pages (by $skipToken or $skip) slice the first run's rows.
    let rows = body.options?.$skipToken || body.options?.$skip ? this.recent.get(cacheKey) : undefined;
    if (!rows) {
      let compiled;
      try {
        compiled = compileKql(body.query);
      } catch (error) {
        if (error instanceof KqlError) return { ok: false, status: 400, code: 'InvalidQuery', message: `Query is invalid: ${error.message}` };
        throw error;
      }
      const table = this.tables[compiled.table];
      if (!table) return { ok: false, status: 400, code: 'InvalidQuery', message: `Table '${compiled.table}' is not known to this emulator` };
      rows = compiled.run(table.filter((row) => visible(String(row.subscriptionId ?? subscriptionOf(String(row.id)) ?? ''))));
      this.recent.set(cacheKey, rows);
      if (this.recent.size > 32) this.recent.delete(this.recent.keys().next().value as string);
    }
    const top = Math.min(body.options?.$top ?? maxPageSize, maxPageSize);
    const offset = decodeSkipToken(body.options?.$skipToken) ?? body.options?.$skip ?? 0;
    const data = rows.slice(offset, offset + top);
    const next = offset + top;
    const result: Record<string, unknown> = {
      totalRecords: rows.length,
      count: data.length,
      resultTruncated: 'false',
      facets: [],
      data: body.options?.resultFormat === 'table' ? toTable(data) : data,
    };
    if (next < rows.length) result.$skipToken = encodeSkipToken(next);
    return { ok: true, body: result };
  }
}

function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

function decodeSkipToken(token: string | undefined): number | undefined {
  if (!token) return undefined;
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown }).offset;
    return typeof offset === 'number' ? offset : undefined;
  } catch {
    return undefined;
  }
}

function toTable(rows: readonly Row[]): { columns: { name: string; type: string }[]; rows: unknown[][] } {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return { columns: names.map((name) => ({ name, type: 'object' })), rows: rows.map((r) => names.map((n) => r[n] ?? null)) };
}
