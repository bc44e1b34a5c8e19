// code-server (real VS Code 1.100.3) as the suites use it: a fresh profile per run, the packaged extension
// installed into it, settings written where the remote extension host reads them. Recipe:
// shared/reference/real-vscode-e2e.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './processes.mjs';
import { repoRoot } from './paths.mjs';

export const WORK = join(repoRoot, '.vscode-test');
export const CODE_SERVER = join(WORK, 'code-server', 'node_modules', '.bin', 'code-server');

/** Keeps code-server's and Chromium's files inside .vscode-test instead of $HOME. */
export function isolatedEnv() {
  const env = {
    XDG_CONFIG_HOME: join(WORK, 'xdg', 'config'),
    XDG_DATA_HOME: join(WORK, 'xdg', 'data'),
    XDG_CACHE_HOME: join(WORK, 'xdg', 'cache'),
    TMPDIR: join(WORK, 'tmp'),
  };
  for (const dir of Object.values(env)) mkdirSync(dir, { recursive: true });
  return env;
}

/** A fresh profile: user data, extensions, logs. */
export function createProfile(runDir) {
  const profile = { userDataDir: join(runDir, 'user-data'), extensionsDir: join(runDir, 'extensions') };
  mkdirSync(profile.userDataDir, { recursive: true });
  mkdirSync(profile.extensionsDir, { recursive: true });
  return profile;
}

/**
 * Writes the settings. The extension's endpoint settings are machine-scoped (a workspace must not redirect the
 * user's Azure token), and in code-server the extension host is the "remote": machine settings live in
 * Machine/settings.json, the UI's in User/settings.json.
 */
export function writeSettings(profile, settings) {
  const quiet = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'editor.hover.delay': 150,
    'files.autoSave': 'off',
    // No internet here: the JSON language service must not try to fetch the ARM template schema.
    'json.schemaDownload.enable': false,
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  for (const folder of ['User', 'Machine']) {
    mkdirSync(join(profile.userDataDir, folder), { recursive: true });
    writeFileSync(join(profile.userDataDir, folder, 'settings.json'), JSON.stringify({ ...quiet, ...settings }, null, 2));
  }
}

export function installExtension(profile, vsix) {
  if (!existsSync(CODE_SERVER)) throw new Error(`code-server is not installed at ${CODE_SERVER}: run test/e2e/install.sh`);
  const out = execFileSync(
    CODE_SERVER,
    ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--install-extension', vsix, '--force'],
    { env: { ...process.env, ...isolatedEnv() }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (!/successfully installed/i.test(out)) throw new Error(`installing ${vsix} into code-server failed:\n${out}`);
}

/**
 * Starts code-server on an OS-assigned port of 127.0.0.1; resolves with `{ url, pid, stop }`. Workspace trust is
 * off unless `workspaceTrust` (the untrusted-workspace suite opens its folder in restricted mode).
 */
export function startCodeServer(profile, { logFile, env = {}, workspaceTrust = false }) {
  return startServer({
    name: 'code-server',
    command: CODE_SERVER,
    args: [
      '--bind-addr', '127.0.0.1:0',
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--user-data-dir', profile.userDataDir,
      '--extensions-dir', profile.extensionsDir,
    ],
    env: { ...isolatedEnv(), ...env },
    logFile,
    ready: (line) => {
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
      return m ? { url: m[1] } : undefined;
    },
  });
}
