// Evidence export (issue 6 budget: the generated 2,000-cache estate → all five files + SHA256SUMS in ≤ 3 s).
// Each sample is the whole export from the estate file: read and parse it, build the graph, run every rule,
// build the evidence model and write the bundle. The peer, measured in the same run, is the floor any exporter
// pays: read the estate, JSON.parse it, JSON.stringify it back and sha256 the result.
// Run alone: `node bench/evidence.mjs` (after `npm run build:test`, which compiles src/ to out/), or via `npm run bench`.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateEstate, estateShape } from './generate-estate.mjs';
import { fmt, median, timeMedian } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET_MS = 3000;

export async function run({ runs = 5, outRoot } = {}) {
  const compiled = join(root, 'out', 'src', 'evidence', 'scope.js');
  if (!existsSync(compiled)) throw new Error('bench/evidence.mjs: out/ is missing; run `npm run build:test` first');
  const require = createRequire(import.meta.url);
  const { evidenceInputFromParts, estatePart } = require(compiled);
  const { buildEvidence, writeBundle } = require(join(root, 'out', 'src', 'evidence', 'bundle.js'));

  const work = outRoot ?? mkdtempSync(join(tmpdir(), 'plreview-bench-evidence-'));
  const estateFile = join(work, 'estate.json');
  const resources = generateEstate({ otherServices: false }); // the Redis estate of issue 5: numbers stay comparable across runs
  writeFileSync(estateFile, JSON.stringify({ value: resources }));
  const shape = estateShape(resources);
  console.log(`estate: ${shape.subscriptions} subscriptions, ${shape.caches} caches, ${shape.endpoints} endpoints, ${shape.zones} zones, ${shape.links} links`);

  let model;
  let sample = 0;
  const cpuSamples = [];
  const exportMs = await timeMedian(
    async () => {
      const cpu = process.cpuUsage();
      const input = evidenceInputFromParts({ parts: [estatePart(estateFile, { displayPath: 'estate.json' })] });
      model = buildEvidence(input);
      await writeBundle(model, join(work, `bundle-${sample++ % 2}`));
      const used = process.cpuUsage(cpu);
      cpuSamples.push((used.user + used.system) / 1000);
    },
    { runs, warmup: 1 },
  );
  // CPU time of this process: the honest number on a shared, loaded machine, where wall time includes waiting.
  const cpuMs = median(cpuSamples.slice(1));
  const peerMs = await timeMedian(
    () => {
      const text = readFileSync(estateFile, 'utf8');
      createHash('sha256').update(JSON.stringify(JSON.parse(text))).digest('hex');
    },
    { runs, warmup: 1 },
  );
  const s = model.summary;
  console.log(`bundle: ${s.caches} caches, ${s.findings} findings, ${model.endpoints.length} endpoints, ${model.zones.length} zones`);
  console.log(`export (read + graph + rules + model + 6 files written): median ${fmt(exportMs)} ms wall, ${fmt(cpuMs)} ms CPU, over ${runs} runs (load average ${loadavg()[0].toFixed(1)})`);
  console.log(`peer (read + JSON.parse + JSON.stringify + sha256 of the estate): median ${fmt(peerMs)} ms; ratio ${(exportMs / peerMs).toFixed(1)}×`);
  if (!outRoot) rmSync(work, { recursive: true, force: true });
  return {
    title: 'evidence',
    budgets: [{ name: 'export of the 2,000-cache estate (median)', value: Math.round(exportMs), unit: ' ms', limit: BUDGET_MS, ok: exportMs <= BUDGET_MS }],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await run();
  for (const b of result.budgets) console.log(`${b.ok ? 'ok  ' : 'MISS'}  ${b.name} = ${b.value}${b.unit} (budget ${b.limit}${b.unit})`);
}
