// The extension's one log: a LogOutputChannel "Private Link Review" (Output panel, and a file in the window's log
// folder, which the e2e suite reads to prove activation did not load the Azure SDK).
import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

export const LOG_NAME = 'Private Link Review';

export function createLog(): Log {
  return vscode.window.createOutputChannel(LOG_NAME, { log: true });
}

/**
 * Whether the Azure SDK bundle is in this process. Asked of Node's module cache rather than of a loader's flag:
 * the extension and its engine are separate bundles, each with its own copy of the loader's state.
 */
export function azureSdkLoaded(): boolean {
  return Object.keys(require.cache).some((path) => /[\\/]azure-sdk\.js$/.test(path) || /[\\/]@azure[\\/]arm-/.test(path));
}

let sdkLogged = false;

/**
 * Writes "azure sdk loaded" once, the first time the SDK bundle is found loaded. The live inventory loads it
 * itself (src/sources/live/sdk-loader.ts), so the extension checks after each live call instead of wrapping it.
 */
export function noteAzureSdk(log: Log, reason: string): void {
  if (sdkLogged || !azureSdkLoaded()) return;
  sdkLogged = true;
  log.info(`azure sdk loaded (${reason})`);
}

/** A readable one-line message of anything thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0];
  return String(error);
}
