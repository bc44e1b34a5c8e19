// Which cloud a live read talks to, and so which ARM endpoint receives the user's token. It comes from the user
// only: `--cloud`, then PLREVIEW_CLOUD, then the Azure CLI's active cloud (`az cloud set`), else AzureCloud.
// Never from a repository's `.plreview.yaml`: a cloned repository must not choose where a token is sent (its
// `cloud:` only says which zone names a design expects).

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CLOUDS } from '../../catalog/services';
import type { CloudName } from '../../graph/types';

export const CLOUD_ENV = 'PLREVIEW_CLOUD';

export interface UserCloud {
  readonly cloud: CloudName;
  /** Where the choice came from, for messages: `--cloud`, `PLREVIEW_CLOUD`, `the Azure CLI (az cloud set)`, `the default`. */
  readonly from: string;
}

export class UserCloudError extends Error {}

export function userCloud(flag: string | undefined, env: NodeJS.ProcessEnv): UserCloud {
  if (flag !== undefined) return { cloud: known(flag, '--cloud'), from: '--cloud' };
  const fromEnv = env[CLOUD_ENV]?.trim();
  if (fromEnv) return { cloud: known(fromEnv, CLOUD_ENV), from: CLOUD_ENV };
  const az = azureCliActiveCloud(env);
  if (az !== undefined) {
    const match = CLOUDS.find((c) => c.toLowerCase() === az.toLowerCase());
    // A cloud registered with `az cloud register` has endpoints plreview does not know: guessing would send the
    // token to the wrong place.
    if (!match) throw new UserCloudError(`the Azure CLI's active cloud '${az}' is not one of ${CLOUDS.join(', ')}: pass --cloud, or --arm-endpoint for a custom cloud`);
    return { cloud: match, from: 'the Azure CLI (az cloud set)' };
  }
  return { cloud: 'AzureCloud', from: 'the default' };
}

function known(value: string, where: string): CloudName {
  const match = CLOUDS.find((c) => c.toLowerCase() === value.toLowerCase());
  if (!match) throw new UserCloudError(`${where} must be one of ${CLOUDS.join(', ')}, not '${value}'`);
  return match;
}

/**
 * The `name` in the `[cloud]` section of the Azure CLI's config file ($AZURE_CONFIG_DIR/config, default
 * ~/.azure/config), which `az cloud set` writes. Read as text: running `az` costs a second or more.
 */
export function azureCliActiveCloud(env: NodeJS.ProcessEnv): string | undefined {
  const dir = env.AZURE_CONFIG_DIR || join(env.HOME || homedir(), '.azure');
  let text: string;
  try {
    text = readFileSync(join(dir, 'config'), 'utf8');
  } catch {
    return undefined;
  }
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) section = header[1].trim().toLowerCase();
    else if (section === 'cloud') {
      const pair = /^name\s*[=:]\s*(.+)$/i.exec(line);
      if (pair) return pair[1].trim();
    }
  }
  return undefined;
}
