#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() spawns (it cannot download VS Code
// here): takes the same arguments, starts code-server (real VS Code 1.100.3) on the given profile, opens the
// workbench in Chromium with VS Code's own browser-test payload (extensionDevelopmentPath/extensionTestsPath),
// and exits with the code the test run reports through window.codeAutomationExit. Recipe:
// shared/reference/real-vscode-e2e.md, "Integration tests calling the vscode API".
import { startCodeServer } from '../e2e/lib/code-server.mjs';
import { launchBrowser } from '../e2e/lib/workbench.mjs';
import { stopAll } from '../e2e/lib/processes.mjs';
import { join } from 'node:path';
import { createWriteStream } from 'node:fs';

const TIMEOUT_MS = Number(process.env.PLREVIEW_ITEST_TIMEOUT_MS ?? 180_000);

function parseArgs(argv) {
  const options = { folder: undefined };
  for (const arg of argv) {
    const m = /^--([^=]+)=(.*)$/.exec(arg);
    if (m) options[m[1]] = m[2];
    else if (!arg.startsWith('--') && options.folder === undefined) options.folder = arg;
  }
  for (const required of ['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']) {
    if (!options[required]) throw new Error(`launch.mjs: missing --${required}=`);
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const profile = { userDataDir: options['user-data-dir'], extensionsDir: options['extensions-dir'] };
  const server = await startCodeServer(profile, {
    logFile: join(profile.userDataDir, '..', 'code-server-itest.log'),
    env: { PLREVIEW_TEST_API: '1' },
    workspaceTrust: process.env.PLREVIEW_ITEST_WORKSPACE_TRUST === '1',
  });
  const host = new URL(server.url).host;
  const remote = (path) => `vscode-remote://${host}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)],
    ['extensionTestsPath', remote(options.extensionTestsPath)],
    ['skipWelcome', 'true'],
  ];
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    let finish;
    const exitCode = new Promise((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
    // The workbench's console (extension host output included) goes to a file next to the profile.
    const consoleLog = createWriteStream(join(profile.userDataDir, '..', 'browser-console.log'));
    page.on('console', (message) => consoleLog.write(`${message.type()}: ${message.text()}\n`));
    const opens = options.folder?.endsWith('.code-workspace') ? 'workspace' : 'folder';
    const folder = options.folder ? `${opens}=${encodeURIComponent(options.folder)}&` : '';
    await page.goto(`${server.url}/?${folder}payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeout = new Promise((resolve) =>
      setTimeout(() => {
        console.error(`launch.mjs: the test run did not finish within ${TIMEOUT_MS} ms`);
        resolve(1);
      }, TIMEOUT_MS).unref(),
    );
    const code = await Promise.race([exitCode, timeout]);
    return code;
  } finally {
    await browser.close().catch(() => {});
    stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`launch.mjs: ${error.message}`);
    stopAll();
    process.exit(1);
  },
);
