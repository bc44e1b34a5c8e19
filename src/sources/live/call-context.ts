// One pipeline policy on every SDK client, driven by the calling code through AsyncLocalStorage:
// - it keeps the raw JSON of list pages. The SDK models flatten `properties` (modular clients) or rename fields
//   (autorest clients); the estate must hold ARM objects exactly as ARM returns them, so we keep the wire form.
// - it gives every attempt the caller's AbortSignal plus a timeout. The modular clients' pagers do not pass the
//   caller's signal to the second and later pages (static-helpers/pagingHelpers.js); the policy does.
// - it remembers the last failed response (status, ARM error code and message, x-ms-request-id): modular paged
//   lists turn a 403 into "Pagination failed with unexpected statusCode 403" and drop the ARM message.
// - it checks the shape of every list page: a body that is empty, not JSON, without a `value` array, or with an item
//   that has no string `id` is a failed read (`malformed`), never an empty list. The SDKs accept some of these
//   silently (an empty firewall-rules body lists no rules), which would make findings vanish.

import { AsyncLocalStorage } from 'node:async_hooks';
import type { ArmResource } from '../snapshot/arm-resource';

export interface FailedResponse {
  readonly status: number;
  readonly code?: string;
  readonly message?: string;
  readonly requestId?: string;
}

export interface CallContext {
  readonly signal?: AbortSignal;
  /** Keep the raw items of list pages (`value`) and Resource Graph pages (`data`): the autorest Resource Graph
   *  client deserializes the `data` array as a dictionary, so its rows are read from the wire too. */
  readonly capture: boolean;
  readonly timeoutMs: number;
  readonly items: ArmResource[];
  lastFailure?: FailedResponse;
  /** The first list page whose body had the wrong shape: what was wrong, and the request id. */
  malformed?: { readonly problem: string; readonly requestId?: string };
  timedOut: boolean;
  requests: number;
}

const storage = new AsyncLocalStorage<CallContext>();

/** Structural copies of the core-rest-pipeline types, so this file needs no import of @azure/* (lazy bundle). */
interface PipelineRequestLike {
  abortSignal?: AbortSignal;
}
interface PipelineResponseLike {
  status: number;
  bodyAsText?: string | null;
  headers: { get(name: string): string | undefined };
}
export interface PipelinePolicyLike {
  name: string;
  sendRequest(request: PipelineRequestLike, next: (request: PipelineRequestLike) => Promise<PipelineResponseLike>): Promise<PipelineResponseLike>;
}

export const callContextPolicy: PipelinePolicyLike = {
  name: 'plreviewCallContext',
  async sendRequest(request, next) {
    const context = storage.getStore();
    if (!context) return next(request);
    context.requests++;
    // A timer per attempt, cleared when the answer arrives, so a hanging request fails instead of waiting forever.
    const controller = new AbortController();
    const timer = setTimeout(() => {
      context.timedOut = true;
      controller.abort();
    }, context.timeoutMs);
    const forward = () => controller.abort();
    context.signal?.addEventListener('abort', forward, { once: true });
    if (context.signal?.aborted) controller.abort();
    request.abortSignal = controller.signal;
    let response: PipelineResponseLike;
    try {
      response = await next(request);
    } finally {
      clearTimeout(timer);
      context.signal?.removeEventListener('abort', forward);
    }
    const requestId = response.headers.get('x-ms-request-id');
    if (response.status >= 400) {
      const error = parseError(response.bodyAsText);
      context.lastFailure = { status: response.status, requestId, ...error };
    } else if (context.capture) {
      const page = listPage(response.status, response.bodyAsText);
      if (typeof page === 'string') context.malformed ??= { problem: page, requestId };
      else context.items.push(...page);
    }
    return response;
  },
};

export function newCallContext(signal: AbortSignal | undefined, timeoutMs: number, capture: boolean): CallContext {
  return { signal, timeoutMs, capture, items: [], timedOut: false, requests: 0 };
}

export function runInContext<T>(context: CallContext, work: () => Promise<T>): Promise<T> {
  return storage.run(context, work);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The items of one ARM list page, or what is wrong with it. */
export function listPage(status: number, text: string | null | undefined): ArmResource[] | string {
  if (status !== 200) return `status ${status} where a list was expected`;
  if (!text || text.trim() === '') return 'an empty body';
  const body = safeJson(text);
  if (body === undefined) return 'a body that is not JSON';
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'a body that is not a JSON object';
  // ARM list pages hold `value`; Resource Graph pages (objectArray) hold `data`.
  const { value: listed, data } = body as { value?: unknown; data?: unknown };
  if (data !== undefined && listed === undefined && !Array.isArray(data)) return `'data' is a ${typeof data}, not a list of rows`;
  const value = listed === undefined && Array.isArray(data) ? data : listed;
  if (!Array.isArray(value)) return `no 'value' list (${value === undefined ? 'absent' : `a ${typeof value}`})`;
  const bad = value.findIndex((item) => !isArmObject(item));
  if (bad >= 0) return `item ${bad + 1} of 'value' without a string 'id'`;
  return value as ArmResource[];
}

/** An ARM object (or Resource Graph row) at least names itself; anything else cannot be placed in the graph. */
export function isArmObject(item: unknown): item is ArmResource {
  return !!item && typeof item === 'object' && !Array.isArray(item) && typeof (item as { id?: unknown }).id === 'string' && (item as { id: string }).id !== '';
}

function parseError(text: string | null | undefined): { code?: string; message?: string } {
  const body = text ? (safeJson(text) as { error?: { code?: unknown; message?: unknown } } | undefined) : undefined;
  const code = typeof body?.error?.code === 'string' ? body.error.code : undefined;
  const message = typeof body?.error?.message === 'string' ? body.error.message : undefined;
  return { code, message };
}
