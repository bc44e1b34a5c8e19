// ARM's response shapes: error bodies, paged lists with absolute https nextLinks, and the headers clients read.

import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function armError(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

export function authorizationFailed(scope: string, action: string): ReturnType<typeof armError> {
  return armError(
    'AuthorizationFailed',
    `The client 'reader@contoso.example' with object id '00000000-0000-4000-8000-0000000000aa' does not have authorization ` +
      `to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, ` +
      'please refresh your credentials.',
  );
}

/** The ARM action a GET on this path needs, for AuthorizationFailed messages (`Microsoft.Cache/redis/read`). */
export function readActionOf(path: string): string {
  const match = /\/providers\/([^/]+)\/([^/]+)(?:\/[^/]+\/([^/]+))?/i.exec(path);
  if (!match) return 'Microsoft.Resources/subscriptions/read';
  const [, namespace, type, child] = match;
  return `${namespace}/${type}${child ? `/${child}` : ''}/read`;
}

/** One page of a list and the absolute `nextLink` to the next one (keeping api-version, as ARM does). */
export function page<T>(
  items: readonly T[],
  offset: number,
  size: number,
  nextUrl: (offset: number) => string,
): { value: T[]; nextLink?: string } {
  const value = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { value, nextLink: nextUrl(next) } : { value };
}
