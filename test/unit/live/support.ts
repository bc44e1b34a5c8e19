// Shared by the live tests: start the emulator on the sample estate and point real SDK clients at it.
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../src/sources/live/emulator';
import { AzureInventory } from '../../../src/sources/live/inventory';
import type { AzureConnection, TokenCredentialLike } from '../../../src/sources/live/clients';
import { repoRoot } from '../../support/paths';
import { join } from 'node:path';

export const SAMPLE_ESTATE = join(repoRoot(), 'examples', 'estate');

export const SUBSCRIPTIONS = {
  trading: '6a1d2f38-41c7-4b5e-9f0a-7c3e2b1d0a01',
  university: 'b2e4c6a8-1f3d-4e5b-8a7c-9d0e1f2a3b02',
  insurer: 'c3f5d7b9-2a4e-4f6c-9b8d-0e1f2a3b4c03',
  datalake: 'd4a6e8c0-3b5f-4a7d-8c9e-1f2a3b4c5d04',
} as const;
export const ALL_SUBSCRIPTIONS = Object.values(SUBSCRIPTIONS);

export const fakeCredential: TokenCredentialLike = {
  getToken: async () => ({ token: 'fake-token', expiresOnTimestamp: Date.now() + 3600e3 }),
};

/** Fast retries so fault tests stay well under a second; `retry-after-ms` still decides 429 delays. */
export const FAST_RETRIES = { maxRetries: 3, retryDelayInMs: 5, maxRetryDelayInMs: 20 };

export function inventoryFor(emulator: RunningEmulator, overrides: Partial<AzureConnection> = {}): AzureInventory {
  return new AzureInventory({
    credential: fakeCredential,
    endpoint: emulator.url,
    ca: emulator.ca,
    retryOptions: FAST_RETRIES,
    // Generous: on a loaded shared machine a 2 s limit timed whole subscriptions out. Timeout tests set their own.
    requestTimeoutMs: 10_000,
    ...overrides,
  });
}

export function startSampleEmulator(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  return startEmulator({ estate: SAMPLE_ESTATE, ...options });
}

/** Requests that would change something or read secrets: none may ever appear. */
export function writesAndSecrets(emulator: RunningEmulator) {
  return emulator.requestLog.filter(
    (r) => (r.method !== 'GET' && !r.path.toLowerCase().endsWith('/providers/microsoft.resourcegraph/resources')) || /listkeys|regeneratekey/i.test(r.path),
  );
}
