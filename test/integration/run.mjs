// Runs the integration tests (mocha in the extension host of a real VS Code) through @vscode/test-electron's
// runTests(), with test/integration/launch.mjs standing in for the VS Code executable. Opens a copy of the
// fixture workspace (three folders: bicep, arm, yaml) in a fresh profile; then, in a second window with its own
// profile, a folder that is not trusted (the tests of untrusted/). Exported for test/e2e/run.mjs; also
// runs alone: `node test/integration/run.mjs` (after `npm run build && npm run build:test`).
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../e2e/lib/paths.mjs';
import { WORK, createProfile, writeSettings } from '../e2e/lib/code-server.mjs';
import { stopAll } from '../e2e/lib/processes.mjs';
import { startArmEmulator } from '../e2e/lib/emulator.mjs';

/** Insurer Data Lake in examples/estate: the subscription the emulator refuses. */
export const REFUSING_SUBSCRIPTION = 'd4a6e8c0-3b5f-4a7d-8c9e-1f2a3b4c5d04';

export async function runIntegrationTests({ runDir = join(WORK, 'integration') } = {}) {
  const testsIndex = join(repoRoot, 'out', 'test', 'integration', 'index.js');
  if (!existsSync(testsIndex)) throw new Error(`${testsIndex} is missing: run \`npm run build:test\` first`);
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  cpSync(join(repoRoot, 'test', 'fixtures', 'vscode'), join(runDir, 'fixtures'), { recursive: true });
  // The live tree tests read the sample estate from the local ARM emulator, one subscription refusing (403).
  const emulator = await startArmEmulator({ estateFolder: join(repoRoot, 'examples', 'estate'), forbiddenSubscription: REFUSING_SUBSCRIPTION, runDir });
  const connection = {
    'privateLinkReview.armEndpoint': emulator.url,
    'privateLinkReview.armCaFile': emulator.caFile,
    'privateLinkReview.test.fakeCredential': true,
  };
  const started = Date.now();
  const suites = [];
  try {
    suites.push(
      await runSuite('trusted', {
        runDir: join(runDir, 'trusted'),
        testsIndex,
        workspace: join(runDir, 'fixtures', 'integration.code-workspace'),
        settings: connection,
      }),
    );
    // The same extension in a window whose folder is not trusted (restricted mode): a folder whose
    // .vscode/settings.json names another cloud than the user's, with the Bicep fixture in it.
    const untrusted = join(runDir, 'untrusted-workspace');
    mkdirSync(join(untrusted, '.vscode'), { recursive: true });
    cpSync(join(runDir, 'fixtures', 'workspace', 'bicep', 'cache.bicep'), join(untrusted, 'cache.bicep'));
    writeFileSync(join(untrusted, '.vscode', 'settings.json'), JSON.stringify({ 'privateLinkReview.cloud': 'AzureUSGovernment' }, null, 2));
    suites.push(
      await runSuite('untrusted workspace', {
        runDir: join(runDir, 'untrusted'),
        testsIndex: join(repoRoot, 'out', 'test', 'integration', 'untrusted', 'index.js'),
        workspace: untrusted,
        settings: {
          ...connection,
          'security.workspace.trust.enabled': true,
          'security.workspace.trust.startupPrompt': 'never',
          'security.workspace.trust.banner': 'never',
        },
        env: { PLREVIEW_ITEST_WORKSPACE_TRUST: '1' },
      }),
    );
  } finally {
    emulator.stop();
  }
  const passed = suites.reduce((n, s) => n + s.passed, 0);
  const failed = suites.reduce((n, s) => n + s.failed, 0);
  console.log(`integration: ${passed} passed, ${failed} failed in ${suites.length} windows, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { ok: suites.every((s) => s.ok), passed, failed };
}

/** One window (fresh profile) running the mocha tests of `testsIndex` on `workspace`. */
async function runSuite(name, { runDir, testsIndex, workspace, settings, env = {} }) {
  mkdirSync(runDir, { recursive: true });
  const profile = createProfile(runDir);
  writeSettings(profile, settings);
  const results = join(runDir, 'results.json');
  const started = Date.now();
  let code;
  // runTests logs `Exit code:   0` by itself; the summary line below says it with the counts.
  const log = console.log;
  console.log = (...args) => {
    if (!(typeof args[0] === 'string' && args[0].startsWith('Exit code:'))) log(...args);
  };
  try {
    code = await runTests({
      vscodeExecutablePath: join(repoRoot, 'test', 'integration', 'launch.mjs'),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsIndex,
      launchArgs: [workspace, `--user-data-dir=${profile.userDataDir}`, `--extensions-dir=${profile.extensionsDir}`],
      // The environment of launch.mjs (which starts code-server) and of the extension host.
      extensionTestsEnv: { PLREVIEW_ITEST_RESULTS: results, ...env },
    });
  } catch (error) {
    code = error?.code ?? 1;
  } finally {
    console.log = log;
  }
  const summary = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : undefined;
  console.log(`  ${name}:`);
  if (summary) {
    for (const test of summary.tests) {
      console.log(`  ${test.state === 'passed' ? '✔' : '✘'} ${test.title}`);
      if (test.error) console.log(test.error.split('\n').map((l) => `      ${l}`).join('\n'));
    }
  } else {
    console.log(`  (no results file: the test run did not reach mocha; see ${runDir})`);
  }
  const facts = results.replace(/\.json$/, '.facts.json');
  if (existsSync(facts)) console.log(`    what VS Code reported: ${readFileSync(facts, 'utf8')}`);
  const passed = summary?.tests.filter((t) => t.state === 'passed').length ?? 0;
  const failed = summary?.tests.filter((t) => t.state === 'failed').length ?? 0;
  console.log(`  ${name}: ${passed} passed, ${failed} failed, exit code ${code}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { ok: code === 0 && summary !== undefined && failed === 0 && passed > 0, passed, failed };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { ok } = await runIntegrationTests().catch((error) => {
    console.error(`integration: ${error.message}`);
    return { ok: false };
  });
  stopAll();
  process.exit(ok ? 0 : 1);
}
