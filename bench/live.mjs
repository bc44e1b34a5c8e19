// The live inventory's budget (issues 5 and 15): a generated estate of 200 subscriptions, 2,000 caches and
// 10,000 private endpoints across services (4,000 to caches, 6,000 to 1,800 storage accounts, key vaults, SQL
// servers and Cosmos DB accounts), 2,600 zones and 9,000 VNet links (bench/generate-estate.mjs), served by the local
// ARM emulator with 50 ms added to every request, read by the real @azure/arm-* clients.
//   first level  = subscriptions, caches and the other services' targets per subscription (what the tree shows
//                  first) and the graph-level findings (rules on what was read); the other services' endpoints,
//                  zones and links come with the details, read right after in the background
//   via Resource Graph (budget: at most 20 requests and 2 s) vs per-subscription ARM listing (what Microsoft's
//   Azure Resources extension does: one list per resource type per subscription), same run, same emulator;
//   then the full audit (zone groups, firewall rules, A records) with bounded concurrency, time printed.
// Run alone: `node bench/live.mjs` (bundles the TypeScript with esbuild first), or through `npm run bench`.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateEstate, estateShape } from './generate-estate.mjs';
import { median, fmt } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LATENCY_MS = 50;
const BUDGET_REQUESTS = 20;
const BUDGET_MS = 2000;

/** Bundles what the bench drives (emulator, inventory, analysis) so it does not depend on a test build. */
async function loadModules() {
  const dir = mkdtempSync(join(tmpdir(), 'plreview-bench-live-'));
  const entry = join(dir, 'entry.ts');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    entry,
    [
      `export { startEmulator, EstateStore } from ${JSON.stringify(join(root, 'src/sources/live/emulator/index.ts'))};`,
      `export { AzureInventory } from ${JSON.stringify(join(root, 'src/sources/live/inventory.ts'))};`,
      `export { analyseEstate } from ${JSON.stringify(join(root, 'src/sources/live/analyse.ts'))};`,
      `export { DEFAULT_CONFIG } from ${JSON.stringify(join(root, 'src/config/config.ts'))};`,
    ].join('\n'),
  );
  const outfile = join(dir, 'bench-live.cjs');
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error', nodePaths: [join(root, 'node_modules')] });
  const modules = createRequire(import.meta.url)(outfile);
  return { modules, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const fakeCredential = { getToken: async () => ({ token: 'bench', expiresOnTimestamp: Date.now() + 3600e3 }) };

export async function run({ log = console.log, runs = 5, armRuns = 2, fullAudit = true } = {}) {
  const { modules, cleanup } = await loadModules();
  const { startEmulator, EstateStore, AzureInventory, analyseEstate, DEFAULT_CONFIG } = modules;
  const resources = generateEstate({ subscriptions: 200 });
  const shape = estateShape(resources);
  log(`estate: ${shape.subscriptions} subscriptions, ${shape.caches} caches, ${shape.targets} targets of other services, ${shape.endpoints} endpoints, ${shape.zones} zones, ${shape.links} VNet links (${resources.length} resources); ${LATENCY_MS} ms added per request`);
  const emulator = await startEmulator({ estate: new EstateStore(resources), latencyMs: LATENCY_MS });
  try {
    const inventory = (extra = {}) =>
      new AzureInventory({ credential: fakeCredential, endpoint: emulator.url, ca: emulator.ca, requestTimeoutMs: 60_000, ...extra });

    /** One first-level read: subscriptions, the estate, the rules. Returns [ms, requests, caches, findings]. */
    const firstLevel = async (useResourceGraph) => {
      const before = emulator.requestLog.length;
      const started = performance.now();
      const port = inventory({ useResourceGraph });
      const subscriptions = await port.listSubscriptions();
      const estate = await port.loadEstate(subscriptions.map((s) => s.id));
      const fetched = performance.now();
      const analysis = analyseEstate(estate, DEFAULT_CONFIG);
      const ms = performance.now() - started;
      const failed = estate.coverage.filter((c) => c.status === 'failed').length;
      if (failed > 0) throw new Error(`${failed} subscriptions failed: ${estate.coverage.find((c) => c.status === 'failed').reason}`);
      return {
        ms,
        fetchMs: fetched - started,
        rulesMs: ms - (fetched - started),
        requests: emulator.requestLog.length - before,
        split: requestSplit(emulator.requestLog.slice(before)),
        caches: analysis.graph.caches.length,
        targets: analysis.graph.serviceTargets.length,
        findings: analysis.findings.length,
      };
    };

    await firstLevel(true); // warm-up: loads the SDK, opens connections
    const graphSamples = [];
    for (let i = 0; i < runs; i++) graphSamples.push(await firstLevel(true));
    const armSamples = [];
    for (let i = 0; i < armRuns; i++) armSamples.push(await firstLevel(false));

    const summarise = (samples) => ({
      ms: median(samples.map((s) => s.ms)),
      fetchMs: median(samples.map((s) => s.fetchMs)),
      rulesMs: median(samples.map((s) => s.rulesMs)),
      requests: median(samples.map((s) => s.requests)),
    });
    const g = summarise(graphSamples);
    const a = summarise(armSamples);
    // ARM answers redisEnterprise in the SDK's api-version (2022-01-01), without publicNetworkAccess: findings
    // about it can differ; the caches must not.
    const sameCaches = graphSamples[0].caches === armSamples[0].caches;
    const sameFindings = graphSamples[0].findings === armSamples[0].findings;
    const line = (s) => `${s.requests} requests, median ${fmt(s.ms)} ms (reading ${fmt(s.fetchMs)} ms + graph and rules ${fmt(s.rulesMs)} ms)`;
    log(`first level via Resource Graph:        ${line(g)} over ${runs} runs; ${graphSamples[0].caches} caches, ${graphSamples[0].targets} other targets, ${graphSamples[0].findings} graph-level findings`);
    log(`  requests of one first-level read:     ${graphSamples[0].split}`);
    log(`first level via ARM per subscription:  ${line(a)} over ${armRuns} runs; ${armSamples[0].caches} caches, ${armSamples[0].findings} findings (${sameCaches ? 'same caches' : 'DIFFERENT caches'}${sameFindings ? ' and findings' : ''})`);
    log(`ratio ARM / Resource Graph:            ${(a.requests / g.requests).toFixed(1)}x requests, ${(a.fetchMs / g.fetchMs).toFixed(1)}x reading time, ${(a.ms / g.ms).toFixed(1)}x total`);

    const concurrency = 16;
    if (!fullAudit) return result(g, a);
    const before = emulator.requestLog.length;
    const started = performance.now();
    const port = inventory({ concurrency });
    const first = await port.loadEstate((await port.listSubscriptions()).map((s) => s.id));
    const detailsFrom = emulator.requestLog.length;
    const estate = await port.loadDetails(first);
    const analysis = analyseEstate(estate, DEFAULT_CONFIG);
    const fullMs = performance.now() - started;
    const detailLog = emulator.requestLog.slice(detailsFrom);
    const gaps = estate.coverage.reduce((n, c) => n + (c.gaps?.length ?? 0), 0);
    const byRule = {};
    for (const f of analysis.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    log(
      `full audit (details, concurrency ${concurrency}): ${emulator.requestLog.length - before} requests, ${fmt(fullMs)} ms, ` +
        `${estate.zoneGroupsFetched.size} endpoints' zone groups read, ${analysis.graph.endpoints.length} endpoints, ${analysis.findings.length} findings, ${gaps} detail reads failed`,
    );
    log(`  findings by rule: ${Object.entries(byRule).sort(([a], [b]) => a.localeCompare(b)).map(([rule, n]) => `${rule} ${n}`).join(', ')}`);
    log(`  details: ${detailLog.filter((r) => r.graphQuery !== undefined).length} Resource Graph pages (${requestSplit(detailLog.filter((r) => r.graphQuery !== undefined))}), ${detailLog.filter((r) => r.graphQuery === undefined).length} ARM calls (zone groups, firewall rules)`);
    return result(g, a, fullMs);
  } finally {
    await emulator.close();
    cleanup();
  }
}

/** What the requests of a read were: subscription list pages and Resource Graph pages per query. */
function requestSplit(requests) {
  const kinds = new Map();
  for (const r of requests) {
    const q = (r.graphQuery ?? '').toLowerCase();
    const kind =
      r.graphQuery === undefined ? (r.path.toLowerCase() === '/subscriptions' ? 'subscription list' : 'ARM')
      : q.startsWith('resourcecontainers') ? 'subscriptions'
      : q.startsWith('dnsresources') ? 'A records'
      : q.includes('array_length') ? 'targets'
      : q.includes('microsoft.cache/redis') && !q.includes('privateendpoints') ? 'caches'
      : q.includes('privateendpoints') ? (q.includes('not(') ? 'other endpoints' : 'Redis endpoints')
      : q.includes('virtualnetworklinks') ? (q.includes('not(') ? 'other links' : 'Redis links')
      : q.includes('privatednszones') ? (q.includes('not(') ? 'other zones' : 'Redis zones')
      : q.includes('virtualnetworks') ? 'VNets'
      : 'other';
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return [...kinds.entries()].map(([kind, n]) => `${kind} ${n}`).join(', ');
}

/** The budgets `npm run bench` prints: the first level through Resource Graph. */
function result(g, a, fullMs) {
  return {
    title: 'live inventory',
    budgets: [
      { name: 'first level via Resource Graph, requests', value: g.requests, limit: BUDGET_REQUESTS, ok: g.requests <= BUDGET_REQUESTS },
      { name: 'first level via Resource Graph, median time', value: Math.round(g.ms), unit: ' ms', limit: BUDGET_MS, ok: g.ms <= BUDGET_MS },
      { name: 'first level via Resource Graph, reading time', value: Math.round(g.fetchMs), unit: ' ms', limit: BUDGET_MS, ok: g.fetchMs <= BUDGET_MS },
    ],
    numbers: { graph: g, arm: a, ...(fullMs !== undefined ? { fullAudit: { ms: fullMs } } : {}) },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outcome = await run({ fullAudit: !process.argv.includes('--no-full-audit') });
  for (const b of outcome.budgets) console.log(`${b.ok ? 'ok  ' : 'MISS'}  ${b.name} = ${b.value}${b.unit ?? ''} (budget ${b.limit}${b.unit ?? ''})`);
}
