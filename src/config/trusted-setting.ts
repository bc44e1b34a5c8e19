// Which value of a restricted setting applies, from VS Code's `inspect()` result and the workspace's trust. Core
// code without `vscode`, so a plain-Node test pins the choice (the real-VS-Code suite runs in a trusted window).
//
// package.json declares the settings that steer where the extension reads from or which cloud it assumes
// (`restrictedConfigurations`). VS Code already leaves a restricted workspace value out of `get()` in an
// untrusted window, but `inspect()` is a raw view and the language client forwards whatever the extension hands
// it; choosing here, from the trust state the extension sees, keeps an untrusted repository's
// `.vscode/settings.json` away from the language server and the estate, whatever the VS Code version does.

/** The parts of `WorkspaceConfiguration.inspect()` this needs. */
export interface InspectedSetting<T> {
  readonly globalValue?: T;
  readonly workspaceValue?: T;
  readonly workspaceFolderValue?: T;
}

/**
 * The value the user set explicitly: in a trusted workspace the innermost one (folder, workspace, user); in an
 * untrusted workspace only the user's own (global) value. `undefined` when none applies (the default holds).
 */
export function explicitSettingValue<T>(inspected: InspectedSetting<T> | undefined, trusted: boolean): T | undefined {
  if (!inspected) return undefined;
  if (!trusted) return inspected.globalValue;
  return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue;
}
