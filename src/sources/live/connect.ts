// How the CLI reaches Azure: the ARM endpoint (`--arm-endpoint`, for sovereign and custom clouds and the local
// emulator), an extra CA (`--ca-file`), and the credential (PLREVIEW_ACCESS_TOKEN, else the Azure CLI sign-in).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ARM_ENDPOINTS } from '../../catalog/services';
import type { CloudName } from '../../graph/types';
import { cliCredential } from './credentials';
import { AzureInventory } from './inventory';

export interface LiveFlags {
  readonly armEndpoint?: string;
  readonly caFile?: string;
  readonly cloud?: CloudName;
}

export class LiveSetupError extends Error {}

export function connectFromFlags(flags: LiveFlags, io: { cwd: string; env: NodeJS.ProcessEnv }): { inventory: AzureInventory; credentialDescription: string } {
  const endpoint = flags.armEndpoint ?? ARM_ENDPOINTS[flags.cloud ?? 'AzureCloud'];
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new LiveSetupError(`--arm-endpoint '${endpoint}' is not a URL`);
  }
  if (url.protocol !== 'https:') throw new LiveSetupError(`--arm-endpoint must be https (bearer tokens are never sent over http): '${endpoint}'`);
  let ca: string | undefined;
  if (flags.caFile) {
    try {
      ca = readFileSync(resolve(io.cwd, flags.caFile), 'utf8');
    } catch (error) {
      throw new LiveSetupError(`--ca-file '${flags.caFile}': ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new LiveSetupError(`--ca-file '${flags.caFile}' holds no PEM certificate`);
  }
  const { credential, description } = cliCredential(io.env);
  return { inventory: new AzureInventory({ credential, endpoint, ca }), credentialDescription: description };
}
