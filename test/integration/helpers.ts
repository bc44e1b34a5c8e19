// Shared helpers of the integration tests (run inside the extension host of a real VS Code).
import * as vscode from 'vscode';
import type { TestApi } from '../../src/vscode/extension';

export const EXTENSION_ID = 'private-link-review.private-link-review';

export async function testApi(): Promise<TestApi> {
  const extension = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  if (!api) throw new Error('the extension returned no test API: run with extensionMode Test or PLREVIEW_TEST_API=1');
  return api;
}

/** The workspace folder whose name is `name` (the fixture workspace has bicep, arm and yaml folders). */
export function folder(name: string): vscode.WorkspaceFolder {
  const found = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  if (!found) throw new Error(`workspace folder ${name} is not open; folders: ${vscode.workspace.workspaceFolders?.map((f) => f.name).join(', ')}`);
  return found;
}

export function fileIn(folderName: string, file: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(folderName).uri, file);
}

/** Polls until `probe` returns a value, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'private-link-review');
}

export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

/** Waits for a diagnostic of `ruleId` on the file and returns it. */
export function diagnosticOf(uri: vscode.Uri, ruleId: string, timeoutMs?: number): Promise<vscode.Diagnostic> {
  return waitFor(`a ${ruleId} diagnostic on ${uri.fsPath}`, () => ourDiagnostics(uri).find((d) => ruleOf(d) === ruleId), timeoutMs);
}
