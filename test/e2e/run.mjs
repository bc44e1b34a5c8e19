#!/usr/bin/env node
// `npm run test:e2e`: the packaged extension in a real VS Code (code-server 4.100.3), checked the way a user would
// see it, in Debian's Chromium driven by Playwright, against the local ARM emulator; then the integration tests
// (mocha in the extension host). On a fresh machine it installs what it needs first (test/e2e/install.sh).
//   node test/e2e/run.mjs [--screenshots-only] [--skip-install] [--skip-integration]
// --screenshots-only (npm run screenshots) runs the UI checks, which refresh media/screenshots/, and skips the
// integration tests. Without it, screenshots go to .vscode-test/screenshots/ (git-ignored). Servers run in their own process groups and are stopped by process id, even on failure.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './lib/paths.mjs';
import { WORK, createProfile, installExtension, startCodeServer, writeSettings } from './lib/code-server.mjs';
import { stopAll } from './lib/processes.mjs';
import { startArmEmulator } from './lib/emulator.mjs';
import { launchBrowser, Workbench, CheckFailure } from './lib/workbench.mjs';
import { ExtensionLog } from './lib/extension-log.mjs';
import * as checks from './checks.mjs';
import { runIntegrationTests } from '../integration/run.mjs';

const args = new Set(process.argv.slice(2));
const VSIX = join(repoRoot, 'dist', 'private-link-review.vsix');
const VSIX_BUDGET = 3 * 1024 * 1024;
// Only `npm run screenshots` (--screenshots-only) refreshes the README's pictures; a test run (and CI) writes its
// screenshots into the git-ignored work folder, so it leaves the working tree as it found it.
const SCREENSHOTS = args.has('--screenshots-only') ? join(repoRoot, 'media', 'screenshots') : join(WORK, 'screenshots');

/** The sample the checks look at: examples/design (design files) and examples/estate (served by the emulator). */
const SAMPLE = {
  designFolder: join(repoRoot, 'examples', 'design'),
  files: {
    // The examples' Bicep is right; the suite makes the classic mistake in its copy (the Enterprise group id on an
    // Azure Cache for Redis endpoint) and expects the quick fix to put 'redisCache' back.
    bicep: 'infra/cache.bicep',
    rightText: "groupIds: ['redisCache']",
    wrongText: "groupIds: ['redisEnterprise']",
    fixedText: "'redisCache'",
    // The YAML review names the clients; pricing-api's VNet is not linked to the zone its cache uses.
    yaml: 'review/trading.plink.yaml',
    unlinkedNetwork: 'vnet-api-weu',
    // ... and the zone that finding sits on, with its squiggle.
    zoneFile: 'infra/dns.bicep',
    zoneText: "name: 'privatelink.redis.cache.windows.net'",
    // A YAML design naming a privatelink.* zone, for the injection grammar.
    grammarYaml: 'review/risk.plink.yaml',
    // examples/terraform, copied beside the designs: its module call passes the Enterprise group id.
    terraform: 'terraform/main.tf',
    terraformWrongText: 'subresource         = "redisEnterprise"',
  },
  estate: {
    folder: join(repoRoot, 'examples', 'estate'),
    subscriptions: ['Trading Platform (prod)', 'University Research Computing', 'Insurer Claims'],
    // The emulator refuses this one (403), as a subscription the reviewer has no Reader role on.
    failedSubscription: 'Insurer Data Lake',
    failedSubscriptionId: 'd4a6e8c0-3b5f-4a7d-8c9e-1f2a3b4c5d04',
    brokenCache: 'redis-claims',
    healthyCache: 'amr-quotes-weu',
    // Another service's group under the same subscription, after the caches: the vault's zone is wrong.
    brokenServiceGroup: 'Azure Key Vault',
    brokenTarget: 'kv-claims',
  },
};

const timings = [];
async function step(name, work) {
  const started = Date.now();
  process.stdout.write(`e2e: ${name}…\n`);
  try {
    return await work();
  } finally {
    timings.push([name, Date.now() - started]);
  }
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: repoRoot, stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed with exit code ${result.status}`);
}

async function main() {
  const started = Date.now();
  const runDir = join(WORK, 'e2e-run');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const failureDir = join(runDir, 'failures');

  if (!args.has('--skip-install')) await step('install (test/e2e/install.sh)', () => run('bash', ['test/e2e/install.sh']));
  await step('package the .vsix', () => run('npm', ['run', '--silent', 'package'], { stdio: ['ignore', 'ignore', 'inherit'] }));
  const vsixBytes = statSync(VSIX).size;
  if (vsixBytes >= VSIX_BUDGET) throw new Error(`${VSIX} is ${vsixBytes} bytes, over the 3 MB budget`);
  console.log(`e2e: ${VSIX} is ${(vsixBytes / 1024).toFixed(0)} KB`);
  // The installed extension's details page shows the packaged README: every picture it links must be in the .vsix.
  const listing = spawnSync('unzip', ['-Z1', VSIX], { encoding: 'utf8' });
  if (listing.status !== 0) throw new Error(`unzip -Z1 ${VSIX} failed: ${listing.stderr}`);
  const packaged = new Set(listing.stdout.split('\n'));
  const pictures = [...readFileSync(join(repoRoot, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((p) => !/^[a-z]+:/i.test(p));
  const unpackaged = pictures.filter((p) => !packaged.has(`extension/${p}`));
  if (pictures.length === 0 || unpackaged.length > 0) throw new Error(`the .vsix lacks README pictures: ${unpackaged.join(', ') || 'none found in README.md'}`);
  console.log(`e2e: the .vsix holds the README's ${new Set(pictures).size} pictures`);

  const design = process.env.PLREVIEW_E2E_DESIGN ?? SAMPLE.designFolder;
  if (!existsSync(design)) throw new Error(`${design} is missing: the e2e workspace is a copy of the example designs`);
  const workspace = join(runDir, 'workspace');
  cpSync(design, workspace, { recursive: true });
  if (!process.env.PLREVIEW_E2E_DESIGN) cpSync(join(repoRoot, 'examples', 'terraform'), join(workspace, 'terraform'), { recursive: true });
  const bicep = join(workspace, SAMPLE.files.bicep);
  const original = readFileSync(bicep, 'utf8');
  if (!original.includes(SAMPLE.files.rightText)) throw new Error(`${SAMPLE.files.bicep} no longer holds ${SAMPLE.files.rightText}: update SAMPLE in test/e2e/run.mjs`);
  writeFileSync(bicep, original.replace(SAMPLE.files.rightText, SAMPLE.files.wrongText));

  const emulator = await step('start the ARM emulator', () =>
    startArmEmulator({ estateFolder: SAMPLE.estate.folder, forbiddenSubscription: SAMPLE.estate.failedSubscriptionId, runDir }),
  );

  const profile = createProfile(runDir);
  await step('install the .vsix into a fresh profile', () => installExtension(profile, VSIX));
  writeSettings(profile, {
    'privateLinkReview.armEndpoint': emulator.url,
    'privateLinkReview.armCaFile': emulator.caFile,
    'privateLinkReview.test.fakeCredential': true,
  });
  const server = await step('start code-server', () => startCodeServer(profile, { logFile: join(runDir, 'code-server.log') }));
  const log = new ExtensionLog(profile.userDataDir);
  mkdirSync(SCREENSHOTS, { recursive: true });

  const results = [];
  const browser = await launchBrowser();
  try {
    const bench = await step('open the workbench', () => Workbench.open(browser, server.url, workspace, { screenshotDir: SCREENSHOTS, failureDir }));
    const context = { bench, log, workspace, files: SAMPLE.files, estate: SAMPLE.estate, outDir: join(runDir, 'evidence') };
    const plan = [
      ['5a. activation without the Azure SDK', checks.activationWithoutSdk],
      ['2. Bicep: wrong group id → squiggle, Problems row, quick fix', checks.bicepGroupIdQuickFix],
      ['3. YAML design: zone not linked to a client network', checks.yamlZoneNotLinked],
      ['+. Terraform: the wrong group id squiggled in a .tf file (language id terraform)', checks.terraformSquiggle],
      ['+. the injection grammar scopes a privatelink.* zone in YAML', checks.grammarScopes],
      ['1. the Private Link view over the emulator', checks.estateTree],
      ['5b. the Azure SDK loaded only after the view opened', checks.sdkLoadedAfterView],
      ['4. Export Evidence… and sha256sum -c', checks.exportEvidence],
    ];
    for (const [name, check] of plan) {
      const t = Date.now();
      try {
        const detail = await check(context);
        results.push({ name, ok: true, detail, ms: Date.now() - t });
        console.log(`  ✔ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s): ${detail}`);
      } catch (error) {
        const message = error instanceof CheckFailure ? error.message : `${error.stack ?? error}`;
        results.push({ name, ok: false, detail: message, ms: Date.now() - t });
        console.log(`  ✘ ${name}: ${message}`);
        // Dismiss whatever the failed check left open so the next one starts clean.
        await bench.page.keyboard.press('Escape').catch(() => {});
      }
    }
  } finally {
    await browser.close().catch(() => {});
    server.stop();
  }

  let integration = { ok: true, skipped: true };
  if (!args.has('--screenshots-only') && !args.has('--skip-integration')) {
    integration = await step('integration tests (mocha in the extension host)', async () => {
      run('npm', ['run', '--silent', 'build:test'], { stdio: ['ignore', 'ignore', 'inherit'] });
      return runIntegrationTests({ runDir: join(runDir, 'integration') });
    });
  }
  emulator.stop();

  const failed = results.filter((r) => !r.ok);
  console.log('\ne2e timings:');
  for (const [name, ms] of timings) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
  console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  total`);
  const shots = relative(repoRoot, SCREENSHOTS);
  console.log(`screenshots: ${readdirSync(SCREENSHOTS).filter((f) => f.endsWith('.png')).map((f) => `${shots}/${f}`).join(', ')}`);
  if (failed.length > 0 || !integration.ok) {
    console.log(`\ne2e FAILED: ${failed.length} of ${results.length} UI checks failed${integration.ok ? '' : '; integration tests failed'}`);
    console.log(log.excerpt(40));
    console.log(`run folder: ${runDir}`);
    return 1;
  }
  console.log(`\ne2e passed: ${results.length} UI checks${integration.skipped ? '' : `, ${integration.passed} integration tests`}`);
  return 0;
}

main().then(
  (code) => {
    stopAll();
    process.exit(code);
  },
  (error) => {
    console.error(`e2e: ${error.message}`);
    stopAll();
    process.exit(1);
  },
);
