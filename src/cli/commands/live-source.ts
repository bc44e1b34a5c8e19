// The inventory `audit` and `snapshot` read: an estate snapshot (`--estate`) or live Azure (the flags of connect.ts).

import { CLOUDS } from '../../catalog/services';
import type { CloudName } from '../../graph/types';
import { connectFromFlags, LiveSetupError } from '../../sources/live/connect';
import { ACCESS_TOKEN_ENV } from '../../sources/live/credentials';
import { EstateInventory } from '../../sources/live/estate-inventory';
import { LiveError, type InventoryPort } from '../../sources/live/port';
import { readEstateInput } from '../estate-input';
import { UsageError, type CliIo } from '../io';

export const LIVE_OPTIONS = {
  subscription: { type: 'string', multiple: true },
  'arm-endpoint': { type: 'string' },
  'ca-file': { type: 'string' },
  cloud: { type: 'string' },
  config: { type: 'string' },
} as const;

export const LIVE_USAGE = `  --subscription <id>      a subscription to read (repeatable; default: every subscription the sign-in lists)
  --arm-endpoint <url>     ARM endpoint for custom clouds or the local emulator (default: the cloud's)
  --ca-file <pem>          extra CA certificate to trust for --arm-endpoint
  --cloud <name>           ${CLOUDS.join(' | ')} (default: the config's cloud, else AzureCloud)
  --config <file>          rule settings (default: ./.plreview.yaml when present)

Sign-in: the Azure CLI's (run 'az login'), or a bearer token in ${ACCESS_TOKEN_ENV} (CI pipelines that already
hold one: az account get-access-token --query accessToken -o tsv). The Reader role suffices: only GET calls and
Resource Graph queries are made; access keys are never read.`;

export function cloudFlag(value: string | undefined, fallback: CloudName | undefined): CloudName | undefined {
  if (value === undefined) return fallback;
  if (!CLOUDS.includes(value as CloudName)) throw new UsageError(`--cloud must be one of ${CLOUDS.join(', ')}, not '${value}'`);
  return value as CloudName;
}

export function openInventory(
  flags: { estate?: string; 'arm-endpoint'?: string; 'ca-file'?: string },
  cloud: CloudName | undefined,
  io: CliIo,
  command: string,
): InventoryPort {
  if (flags.estate !== undefined) {
    if (flags['arm-endpoint'] || flags['ca-file']) throw new UsageError('--estate reads a file: --arm-endpoint and --ca-file do not apply');
    const parsed = readEstateInput(flags.estate, io);
    return new EstateInventory(parsed.resources, parsed.coverage);
  }
  try {
    return connectFromFlags({ armEndpoint: flags['arm-endpoint'], caFile: flags['ca-file'], cloud }, io).inventory;
  } catch (error) {
    if (error instanceof LiveSetupError) throw new UsageError(error.message);
    throw error;
  }
}

/** A failure that stops the whole read (sign-in, cancellation): one clear line, exit 2. */
export function reportFatal(error: unknown, io: CliIo, command: string): number | undefined {
  if (!(error instanceof LiveError)) return undefined;
  const hint = error.kind === 'auth' ? ` Run 'az login', or set ${ACCESS_TOKEN_ENV}.` : '';
  io.err(`plreview ${command}: ${error.message}.${hint}\n`);
  return 2;
}
