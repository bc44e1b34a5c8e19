// The TLS handshake a Redis client makes: SNI = the hostname, the certificate checked for trust and for that
// name. We accept the handshake whatever the certificate (rejectUnauthorized: false) so the report can say
// *why* it would fail, then check trust and name ourselves, and close without sending application data.

import { checkServerIdentity, connect, createSecureContext, rootCertificates, type PeerCertificate, type SecureContext } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { endpoint } from './tcp-connect';
import type { CertificateSummary, TlsOutcome, TlsResult } from './types';

export interface TlsCheckOptions {
  readonly address: string;
  readonly port: number;
  /** The name the client uses: SNI and certificate name. An IP here means "connecting by IP" (no SNI). */
  readonly name: string;
  readonly extraCa: readonly string[];
  readonly timeoutMs: number;
  readonly now: () => number;
}

const EXPIRY_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

export async function tlsCheck(options: TlsCheckOptions): Promise<TlsResult> {
  const { address, port, name, timeoutMs, now } = options;
  const byIp = isIP(name) !== 0;
  const serverName = byIp ? null : name;
  const base = { serverName, checkedName: name };
  const failed = (outcome: TlsOutcome, errorCode: string | null, message: string): TlsResult => ({
    outcome,
    ...base,
    protocol: null,
    trusted: null,
    nameMatches: null,
    certificate: null,
    errorCode,
    message,
    handshakeMs: null,
  });
  return new Promise<TlsResult>((resolve) => {
    let settled = false;
    let connectedAt: number | undefined;
    const socket = connect({
      host: address,
      port,
      // Node sends no SNI for IP literals and warns when asked to; clients connecting by IP send none either.
      ...(serverName ? { servername: serverName } : {}),
      secureContext: secureContextFor(options.extraCa),
      rejectUnauthorized: false,
      // Node folds a name mismatch into `authorized`; checking the name ourselves keeps trust and name apart.
      checkServerIdentity: () => undefined,
    });
    const finish = (value: TlsResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => {
      const message =
        connectedAt === undefined
          ? `no TCP connection to ${endpoint(address, port)} within ${timeoutMs} ms`
          : `${endpoint(address, port)} accepted the connection but did not complete a TLS handshake within ${timeoutMs} ms`;
      finish(failed('timed-out', 'ETIMEDOUT', message));
    }, timeoutMs);
    socket.once('connect', () => (connectedAt = now()));
    socket.once('secureConnect', () => {
      const handshakeMs = Math.max(0, now() - (connectedAt ?? now()));
      const peer = socket.getPeerCertificate();
      const certificate = peer && Object.keys(peer).length > 0 ? summarise(peer) : null;
      // Node stores the OpenSSL verify code here as a string (e.g. DEPTH_ZERO_SELF_SIGNED_CERT), typed as Error.
      const authError = socket.authorizationError ? String(socket.authorizationError) : null;
      const identityError = certificate ? checkServerIdentity(name, peer) : new Error('the server sent no certificate');
      const trusted = socket.authorized;
      const nameMatches = identityError === undefined;
      let outcome: TlsOutcome;
      let errorCode: string | null = null;
      let message: string;
      if (authError && EXPIRY_ERRORS.has(authError)) {
        outcome = 'expired';
        errorCode = authError;
        message = `the certificate is outside its validity period (${certificate?.validFrom} – ${certificate?.validTo})`;
      } else if (!nameMatches) {
        outcome = 'name-mismatch';
        errorCode = (identityError as NodeJS.ErrnoException).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID';
        message = `the certificate (${namesOf(certificate)}) does not cover ${byIp ? 'the IP address ' : ''}${name}`;
      } else if (!trusted) {
        outcome = 'untrusted';
        errorCode = authError;
        message = `the certificate for ${name} does not chain to a trusted root (${authError ?? 'unknown reason'})`;
      } else {
        outcome = 'verified';
        message = `the certificate is trusted and covers ${name}`;
      }
      finish({
        outcome,
        ...base,
        protocol: socket.getProtocol() ?? null,
        trusted,
        nameMatches,
        certificate,
        errorCode,
        message,
        handshakeMs,
      });
    });
    socket.once('error', (error: NodeJS.ErrnoException & { reason?: string }) => {
      const code = error.code ?? 'EUNKNOWN';
      // OpenSSL errors carry a short `reason` ("wrong version number"); their message is a long internal trace.
      const why = (error.reason ?? error.message).trim();
      if (/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|UNKNOWN_PROTOCOL|HTTP_REQUEST/i.test(`${code} ${error.message}`)) {
        finish(failed('not-tls', code, `${endpoint(address, port)} answered, but not with TLS (${why})`));
      } else {
        const stage = connectedAt === undefined ? 'before the TCP connection' : 'during the TLS handshake';
        finish(failed('handshake-failed', code, `the connection failed ${stage}: ${why}`));
      }
    });
  });
}

// Parsing Node's ~140 bundled roots plus the extra CA costs tens of milliseconds; one context per CA set is enough.
const contexts = new Map<string, SecureContext>();

/** A message for each extra CA PEM that holds no parsable certificate (OpenSSL skips those silently). */
export function caProblems(extraCa: readonly string[]): string[] {
  const problems: string[] = [];
  extraCa.forEach((pem, index) => {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) problems.push(`CA ${index + 1}: no PEM certificate in it`);
    for (const block of blocks) {
      try {
        new X509Certificate(block);
      } catch (error) {
        problems.push(`CA ${index + 1}: ${(error as Error).message}`);
      }
    }
  });
  return problems;
}

/** The TLS context trusting Node's roots plus `extraCa` (check them first with caProblems). */
export function secureContextFor(extraCa: readonly string[]): SecureContext | undefined {
  if (extraCa.length === 0) return undefined;
  const key = extraCa.join('\n');
  let context = contexts.get(key);
  if (!context) {
    context = createSecureContext({ ca: [...rootCertificates, ...extraCa] });
    if (contexts.size >= 8) contexts.clear();
    contexts.set(key, context);
  }
  return context;
}

function summarise(peer: PeerCertificate): CertificateSummary {
  return {
    subject: distinguishedName(peer.subject),
    subjectAltNames: (peer.subjectaltname ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
    issuer: distinguishedName(peer.issuer),
    validFrom: peer.valid_from,
    validTo: peer.valid_to,
    fingerprint256: peer.fingerprint256,
  };
}

function distinguishedName(dn: PeerCertificate['subject'] | undefined): string {
  if (!dn) return '';
  return Object.entries(dn)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}

function namesOf(certificate: CertificateSummary | null): string {
  if (!certificate) return 'none';
  return certificate.subjectAltNames.length > 0 ? certificate.subjectAltNames.join(', ') : certificate.subject || 'no names';
}
