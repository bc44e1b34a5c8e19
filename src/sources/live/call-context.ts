// One pipeline policy on every SDK client, driven by the calling code through AsyncLocalStorage:
// - it keeps the raw JSON of list pages. The SDK models flatten `properties` (modular clients) or rename fields
//   (autorest clients); the estate must hold ARM objects exactly as ARM returns them, so we keep the wire form.
// - it gives every attempt the caller's AbortSignal plus a timeout. The modular clients' pagers do not pass the
//   caller's signal to the second and later pages (static-helpers/pagingHelpers.js); the policy does.
// - it remembers the last failed response (status, ARM error code and message, x-ms-request-id): modular paged
//   lists turn a 403 into "Pagination failed with unexpected statusCode 403" and drop the ARM message.

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
    } else if (context.capture && response.status === 200 && response.bodyAsText) {
      // ARM list pages hold `value`; Resource Graph pages (objectArray) hold `data`.
      const body = safeJson(response.bodyAsText) as { value?: unknown; data?: unknown } | undefined;
      if (body && Array.isArray(body.value)) context.items.push(...(body.value as ArmResource[]));
      else if (body && Array.isArray(body.data)) context.items.push(...(body.data as ArmResource[]));
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

function parseError(text: string | null | undefined): { code?: string; message?: string } {
  const body = text ? (safeJson(text) as { error?: { code?: unknown; message?: unknown } } | undefined) : undefined;
  const code = typeof body?.error?.code === 'string' ? body.error.code : undefined;
  const message = typeof body?.error?.message === 'string' ? body.error.message : undefined;
  return { code, message };
}
