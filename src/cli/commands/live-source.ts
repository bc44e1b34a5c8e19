// The inventory `audit` and `snapshot` read: an estate snapshot (`--estate`) or live Azure (the flags of connect.ts).

import { CLOUDS } from '../../catalog/services';
import type { CloudName } from '../../graph/types';
import { connectFromFlags, LiveSetupError } from '../../sources/live/connect';
import { ACCESS_TOKEN_ENV } from '../../sources/live/credentials';
import { EstateInventory } from '../../sources/live/estate-inventory';
import { LiveError, type InventoryPort } from '../../sources/live/port';
import { CLOUD_ENV, userCloud, UserCloudError } from '../../sources/live/user-cloud';
import type { ProjectConfig } from '../../config/config';
import { readEstateInput } from '../estate-input';
import { UsageError, type CliIo } from '../io';

export const LIVE_OPTIONS = {
  subscription: { type: 'string', multiple: true },
  'arm-endpoint': { type: 'string' },
  'ca-file': { type: 'string' },
  cloud: { type: 'string' },
  config: { type: 'string' },
  'allow-partial': { type: 'boolean' },
} as const;

export const LIVE_USAGE = `  --subscription <id>      a subscription to read (repeatable; default: every subscription the sign-in lists)
  --arm-endpoint <url>     ARM endpoint for custom clouds or the local emulator (default: the cloud's)
  --ca-file <pem>          extra CA certificate to trust for --arm-endpoint
  --cloud <name>           ${CLOUDS.join(' | ')}: the cloud to read (default: ${CLOUD_ENV}, else the Azure CLI's
                           active cloud, else AzureCloud; never the config file's, which only sets design zones)
  --config <file>          rule settings (default: ./.plreview.yaml when present)
  --allow-partial          do not fail (exit 1) for a subscription not read, or read only in part: its
                           coverage-incomplete finding becomes a warning (it is still reported)

Sign-in: the Azure CLI's (run 'az login'), or a bearer token in ${ACCESS_TOKEN_ENV} (CI pipelines that already
hold one: az account get-access-token --query accessToken -o tsv). The Reader role suffices: only GET calls and
Resource Graph queries are made; access keys are never read.`;

export function cloudFlag(value: string | undefined, fallback: CloudName | undefined): CloudName | undefined {
  if (value === undefined) return fallback;
  if (!CLOUDS.includes(value as CloudName)) throw new UsageError(`--cloud must be one of ${CLOUDS.join(', ')}, not '${value}'`);
  return value as CloudName;
}

export interface OpenedInventory {
  readonly port: InventoryPort;
  /** The cloud a live read talks to (from the user, never the config file); absent for a snapshot. */
  readonly liveCloud?: CloudName;
}

/**
 * A snapshot (`--estate`) or live Azure. For live reads the ARM endpoint, and so the token's destination, is
 * `--arm-endpoint` or the endpoint of the user's cloud (user-cloud.ts); the project configuration is not asked.
 */
export function openInventory(
  flags: { estate?: string; 'arm-endpoint'?: string; 'ca-file'?: string; cloud?: string },
  io: CliIo,
): OpenedInventory {
  if (flags.estate !== undefined) {
    if (flags['arm-endpoint'] || flags['ca-file']) throw new UsageError('--estate reads a file: --arm-endpoint and --ca-file do not apply');
    const parsed = readEstateInput(flags.estate, io);
    return { port: new EstateInventory(parsed.resources, parsed.coverage) };
  }
  try {
    const { cloud } = userCloud(flags.cloud, io.env);
    const { inventory } = connectFromFlags({ armEndpoint: flags['arm-endpoint'], caFile: flags['ca-file'], cloud }, io);
    return { port: inventory, liveCloud: cloud };
  } catch (error) {
    if (error instanceof LiveSetupError || error instanceof UserCloudError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * The cloud the rules assume: the cloud read for live estates; for a snapshot `--cloud`, else the configuration's.
 * When the configuration names another cloud than the one read live, one line says which applies and why.
 */
export function rulesCloud(opened: OpenedInventory, flag: string | undefined, config: ProjectConfig, io: CliIo, command: string): CloudName | undefined {
  if (!opened.liveCloud) return cloudFlag(flag, config.cloud);
  if (config.cloud && config.cloud !== opened.liveCloud) {
    io.err(`plreview ${command}: reading ${opened.liveCloud}; the configuration's 'cloud: ${config.cloud}' applies to designs only (choose the live cloud with --cloud, ${CLOUD_ENV} or 'az cloud set')\n`);
  }
  return opened.liveCloud;
}

/** A failure that stops the whole read (sign-in, cancellation): one clear line, exit 2. */
export function reportFatal(error: unknown, io: CliIo, command: string): number | undefined {
  if (!(error instanceof LiveError)) return undefined;
  const hint = error.kind === 'auth' ? ` Run 'az login', or set ${ACCESS_TOKEN_ENV}.` : '';
  io.err(`plreview ${command}: ${error.message}.${hint}\n`);
  return 2;
}
