// A throwaway certificate for 127.0.0.1, made when the emulator starts. The Azure SDK's bearer-token policy refuses
// plain http (azure-sdk-notes.md), so the emulator speaks HTTPS and hands its PEM to clients as `tlsOptions.ca`.
import { generate } from 'selfsigned';

export interface LocalCertificate {
  readonly cert: string;
  readonly key: string;
}

export async function makeLocalCertificate(): Promise<LocalCertificate> {
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + 2 * 24 * 3600_000);
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      // The SAN must hold IP:127.0.0.1: Node checks the IP against it, not the common name.
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
