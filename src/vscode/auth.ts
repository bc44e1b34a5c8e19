// Sign-in through VS Code's built-in Microsoft authentication, wrapped as the TokenCredential the @azure/arm-*
// clients take (shared/reference/azure-sdk-notes.md, "Signing in"). The extension never stores a secret: VS Code
// owns the session and refreshes it; getToken asks VS Code each time.
import * as vscode from 'vscode';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { CloudName } from '../graph/types';
import type { ExtensionSettings } from './config';

const SOVEREIGN_ENVIRONMENT: Partial<Record<CloudName, string>> = {
  AzureUSGovernment: 'USGovernment',
  AzureChinaCloud: 'ChinaCloud',
};

export interface SignInTarget {
  readonly providerId: 'microsoft' | 'microsoft-sovereign-cloud';
  readonly scopes: readonly string[];
}

/** The provider and scopes for a cloud (and tenant). Scopes name the ARM endpoint the clients call. */
export function signInTarget(settings: ExtensionSettings): SignInTarget {
  const providerId = settings.cloud === 'AzureCloud' ? 'microsoft' : 'microsoft-sovereign-cloud';
  const scopes = [`${settings.armEndpoint}/.default`];
  if (settings.tenant) scopes.push(`VSCODE_TENANT:${settings.tenant}`);
  return { providerId, scopes };
}

/** A credential for the local ARM emulator: any bearer token is accepted there, and no account is needed. */
export const FAKE_CREDENTIAL: TokenCredential = {
  getToken: async () => ({ token: 'plreview-test-token', expiresOnTimestamp: Date.now() + 3600_000 }),
};

export class NotSignedInError extends Error {
  constructor() {
    super('Not signed in to Azure: run "Private Link Review: Sign In to Azure".');
    this.name = 'NotSignedInError';
  }
}

/** The session if the user has already granted it (no prompt). */
export async function existingSession(settings: ExtensionSettings): Promise<vscode.AuthenticationSession | undefined> {
  if (settings.fakeCredential) return undefined;
  const target = signInTarget(settings);
  try {
    return await vscode.authentication.getSession(target.providerId, [...target.scopes], { silent: true });
  } catch {
    return undefined; // the provider is missing or not configured: treated as signed out
  }
}

/** Whether live calls can be made without prompting. */
export async function canCallAzure(settings: ExtensionSettings): Promise<boolean> {
  return settings.fakeCredential || (await existingSession(settings)) !== undefined;
}

/** Prompts for sign-in. Sovereign clouds need `microsoft-sovereign-cloud.environment` set first. */
export async function signIn(settings: ExtensionSettings): Promise<vscode.AuthenticationSession | undefined> {
  if (settings.fakeCredential) return undefined;
  await ensureSovereignEnvironment(settings.cloud);
  const target = signInTarget(settings);
  return vscode.authentication.getSession(target.providerId, [...target.scopes], { createIfNone: true });
}

/** The credential the inventory uses: the fake one for the emulator, else VS Code's session. */
export function credentialFor(settings: ExtensionSettings): TokenCredential {
  if (settings.fakeCredential) return FAKE_CREDENTIAL;
  const target = signInTarget(settings);
  return {
    async getToken(): Promise<AccessToken | null> {
      const session = await vscode.authentication.getSession(target.providerId, [...target.scopes], { silent: true });
      if (!session) throw new NotSignedInError();
      return { token: session.accessToken, expiresOnTimestamp: expiryOf(session.accessToken) };
    },
  };
}

async function ensureSovereignEnvironment(cloud: CloudName): Promise<void> {
  const wanted = SOVEREIGN_ENVIRONMENT[cloud];
  if (!wanted) return;
  const config = vscode.workspace.getConfiguration('microsoft-sovereign-cloud');
  if (config.get<string>('environment') === wanted) return;
  const set = 'Set and Continue';
  const answer = await vscode.window.showInformationMessage(
    `Signing in to ${cloud} uses VS Code's "microsoft-sovereign-cloud" provider, whose environment must be "${wanted}".`,
    { modal: true },
    set,
  );
  if (answer !== set) throw new Error('Sign-in cancelled.');
  await config.update('environment', wanted, vscode.ConfigurationTarget.Global);
}

/** The token's `exp` (JWT), so the SDK refreshes on time; a short lifetime when it cannot be read. */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    if (typeof payload.exp === 'number') return payload.exp * 1000;
  } catch {
    // not a JWT
  }
  return Date.now() + 5 * 60_000;
}
