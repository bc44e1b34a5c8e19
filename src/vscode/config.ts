// The extension's settings (`privateLinkReview.*`), read in one place. Endpoint, CA and credential settings are
// machine-scoped in package.json: a workspace must not be able to send the user's Azure token elsewhere.
import * as vscode from 'vscode';
import { isAbsolute, join } from 'node:path';
import { ARM_ENDPOINTS, CLOUDS } from '../catalog/services';
import type { CloudName } from '../graph/types';
import { explicitSettingValue } from '../config/trusted-setting';

export const SECTION = 'privateLinkReview';

export interface ExtensionSettings {
  readonly subscriptions: readonly string[];
  /** Catalog service keys the view shows (`privateLinkReview.services`); empty: every service. */
  readonly services: readonly string[];
  readonly tenant: string | undefined;
  readonly cloud: CloudName;
  /** The ARM endpoint to call: the custom one when set, else the cloud's. No trailing slash. */
  readonly armEndpoint: string;
  readonly customArmEndpoint: boolean;
  readonly armCaFile: string | undefined;
  /** Absolute path, resolved against the first workspace folder. */
  readonly estateFile: string | undefined;
  readonly lintEnabled: boolean;
  readonly debounceMs: number;
  /** True only when the setting is on AND the ARM endpoint is a loopback address (the local emulator). */
  readonly fakeCredential: boolean;
}

export function readSettings(): ExtensionSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const cloud: CloudName = explicitCloud() ?? 'AzureCloud';
  const custom = (c.get<string>('armEndpoint') ?? '').trim().replace(/\/+$/, '');
  const armEndpoint = custom || ARM_ENDPOINTS[cloud];
  const debounce = c.get<number>('lint.debounceMs', 300);
  return {
    subscriptions: (c.get<string[]>('subscriptions') ?? []).filter((s) => typeof s === 'string' && s.trim() !== ''),
    services: (c.get<string[]>('services') ?? []).filter((s) => typeof s === 'string' && s.trim() !== '').map((s) => s.trim()),
    tenant: nonEmpty(c.get<string>('tenant')),
    cloud,
    armEndpoint,
    customArmEndpoint: custom !== '',
    armCaFile: nonEmpty(c.get<string>('armCaFile')),
    estateFile: resolveInWorkspace(nonEmpty(restricted<string>('estateFile'))),
    lintEnabled: c.get<boolean>('lint.enabled', true),
    debounceMs: Number.isFinite(debounce) ? Math.min(Math.max(debounce, 0), 5000) : 300,
    fakeCredential: c.get<boolean>('test.fakeCredential', false) && isLoopbackUrl(armEndpoint),
  };
}

/**
 * The cloud setting only when the user set it (otherwise `.plreview.yaml` files and YAML designs decide), and in
 * an untrusted workspace only the user's own value (package.json lists it under restrictedConfigurations).
 */
export function explicitCloud(): CloudName | undefined {
  const value = restricted<string>('cloud');
  return CLOUDS.includes(value as CloudName) ? (value as CloudName) : undefined;
}

/** A restricted setting's explicit value, as trust allows (src/config/trusted-setting.ts). */
function restricted<T>(key: string): T | undefined {
  return explicitSettingValue(vscode.workspace.getConfiguration(SECTION).inspect<T>(key), vscode.workspace.isTrusted);
}

/** Whether the configuration change touches this extension's settings (optionally one key). */
export function affects(event: vscode.ConfigurationChangeEvent, key?: string): boolean {
  return event.affectsConfiguration(key ? `${SECTION}.${key}` : SECTION);
}

export async function saveSubscriptions(ids: readonly string[]): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('subscriptions', [...ids], vscode.ConfigurationTarget.Global);
}

/** `https://127.0.0.1:…`, `https://[::1]:…`, `https://localhost:…`: the local ARM emulator, never Azure. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function resolveInWorkspace(path: string | undefined): string | undefined {
  if (!path || isAbsolute(path)) return path;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? join(folder.uri.fsPath, path) : path;
}
