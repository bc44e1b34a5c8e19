// Credentials for the CLI. Inside VS Code the extension wraps vscode.authentication instead (src/vscode/).
//   PLREVIEW_ACCESS_TOKEN: a bearer token already obtained (CI pipelines that ran `az account get-access-token`,
//   or the local emulator); used as is, never stored.
//   Otherwise AzureCliCredential (after `az login`), loaded with the SDK bundle on first use.

import type { TokenCredentialLike } from './clients';
import { loadAzureSdk } from './sdk-loader';

export const ACCESS_TOKEN_ENV = 'PLREVIEW_ACCESS_TOKEN';

export function staticTokenCredential(token: string): TokenCredentialLike {
  return { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3600_000 }) };
}

/**
 * The credential the CLI uses. AzureCliCredential fails on first use (not here) when `az` is missing or not
 * signed in; the inventory then reports "cannot get an Azure token (…)" with the CLI's own hint.
 */
export function cliCredential(env: NodeJS.ProcessEnv): { credential: TokenCredentialLike; description: string } {
  const token = env[ACCESS_TOKEN_ENV];
  if (token && token.trim() !== '') return { credential: staticTokenCredential(token.trim()), description: `the token in ${ACCESS_TOKEN_ENV}` };
  const { AzureCliCredential } = loadAzureSdk();
  return { credential: new AzureCliCredential(), description: 'the Azure CLI sign-in (az login)' };
}
