import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Private Link Review', { log: true });
  context.subscriptions.push(log);
  log.info('activated');
}

export function deactivate(): void {}
