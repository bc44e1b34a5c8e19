// A TCP connect with a deadline, like `tcping`: it tells "nothing listens" (RST → refused) from "nothing
// answers" (SYNs dropped by an NSG, a firewall or a missing route → timeout). The socket is closed as soon as
// it connects; no byte is sent.

import { Socket } from 'node:net';
import type { TcpOutcome, TcpResult } from './types';

export async function tcpConnect(address: string, port: number, tlsPort: boolean, timeoutMs: number, now: () => number): Promise<TcpResult> {
  const started = now();
  const result = (outcome: TcpOutcome, errorCode: string | null, message: string): TcpResult => ({
    address,
    port,
    tlsPort,
    outcome,
    errorCode,
    message,
    connectMs: outcome === 'connected' ? Math.max(0, now() - started) : null,
  });
  return new Promise<TcpResult>((resolve) => {
    const socket = new Socket();
    let settled = false;
    const finish = (value: TcpResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(
      () => finish(result('timed-out', 'ETIMEDOUT', `no answer from ${endpoint(address, port)} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('connect', () => finish(result('connected', null, `connected to ${endpoint(address, port)}`)));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(classify(error, address, port, result)));
    socket.connect({ host: address, port });
  });
}

function classify(
  error: NodeJS.ErrnoException,
  address: string,
  port: number,
  result: (outcome: TcpOutcome, errorCode: string | null, message: string) => TcpResult,
): TcpResult {
  const code = error.code ?? 'EUNKNOWN';
  const where = endpoint(address, port);
  switch (code) {
    case 'ECONNREFUSED':
      return result('refused', code, `${where} refused the connection: reached the address, nothing accepts on port ${port}`);
    case 'ETIMEDOUT':
      return result('timed-out', code, `no answer from ${where} (the system gave up)`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return result('unreachable', code, `no route to ${where} (${code})`);
    default:
      return result('error', code, `connecting to ${where} failed: ${error.message}`);
  }
}

export function endpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
