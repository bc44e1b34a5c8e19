// Turns whatever the SDK threw into a LiveError people can act on: what happened, the ARM code, the request id.

import type { CallContext } from './call-context';
import { LiveError } from './port';

interface ErrorLike {
  name?: string;
  message?: string;
  statusCode?: number;
  code?: string;
  response?: { headers?: { get?(name: string): string | undefined }; status?: number };
}

export function describeError(error: unknown, context: CallContext | undefined, what: string, timeoutMs?: number): LiveError {
  if (error instanceof LiveError) return error;
  const e = (error ?? {}) as ErrorLike;
  if (context?.signal?.aborted) return new LiveError(`${what}: cancelled`, 'cancelled');
  if (context?.malformed) return malformedError(what, context.malformed);
  if (context?.timedOut) {
    return new LiveError(`${what}: no answer within ${Math.round((timeoutMs ?? context.timeoutMs) / 1000)} s (timed out)`, 'timeout');
  }
  if (e.name === 'CredentialUnavailableError' || e.name === 'AuthenticationError' || e.name === 'AggregateAuthenticationError') {
    return new LiveError(`${what}: cannot get an Azure token (${firstLine(e.message)})`, 'auth');
  }
  const failure = context?.lastFailure;
  const status = e.statusCode ?? failure?.status ?? e.response?.status;
  const requestId = failure?.requestId ?? e.response?.headers?.get?.('x-ms-request-id');
  const code = failure?.code ?? (typeof e.code === 'string' ? e.code : undefined);
  const message = failure?.message ?? e.message ?? String(error);
  const suffix = requestId ? ` (request id ${requestId})` : '';
  if (status === 401) return new LiveError(`${what}: the token was refused (401 ${code ?? ''})${suffix}`.replace(' )', ')'), 'auth', status, requestId);
  if (status === 403) return new LiveError(`${what}: access refused (403 ${code ?? 'Forbidden'}): ${firstLine(message)}${suffix}`, 'forbidden', status, requestId);
  if (status === 429) return new LiveError(`${what}: throttled (429) beyond the retries${suffix}`, 'throttled', status, requestId);
  if (status !== undefined && status >= 500) {
    return new LiveError(`${what}: Azure answered ${status} ${code ?? ''} after retries${suffix}`.replace(/ +\(/, ' ('), 'unavailable', status, requestId);
  }
  if (status !== undefined) return new LiveError(`${what}: ${status} ${code ?? ''}: ${firstLine(message)}${suffix}`, 'other', status, requestId);
  if (e.name === 'AbortError') return new LiveError(`${what}: cancelled`, 'cancelled');
  return new LiveError(`${what}: ${firstLine(message)}`, 'other');
}

/** A read whose answer had the wrong shape: a failed read, said so. */
export function malformedError(what: string, malformed: { problem: string; requestId?: string }): LiveError {
  const suffix = malformed.requestId ? ` (request id ${malformed.requestId})` : '';
  return new LiveError(`${what}: Azure answered with a malformed response: ${malformed.problem}${suffix}`, 'malformed', 200, malformed.requestId);
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0].trim();
}
