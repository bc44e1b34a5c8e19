// The HCL parser (issue 16) against tree-sitter-hcl (@tree-sitter-grammars/tree-sitter-hcl 1.2.0, the WASM build
// shipped inside its npm package, through web-tree-sitter 0.27), in the same run, on:
//   - a corpus of real Terraform: every .tf/.tfvars under $PLREVIEW_TF_CORPUS (default /work/corpus/tf; see the
//     README for how it was gathered: public Azure Terraform modules). Files in error are listed: a file Terraform
//     accepts must parse with no error;
//   - generated files of private-endpoint resources (1,000 → 8,000 resources) to show the time is linear;
//   - a 10,000-line file for the keystroke budget (parse ≤ 16 ms).
// Run alone: `node bench/terraform-parser.mjs`, or through `npm run bench`.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { median, fmt } from './stats.mjs';
import { loadTreeSitter } from './tree-sitter.mjs';
import { loadFromSource, root } from '../scripts/load-source.mjs';

const CORPUS = process.env.PLREVIEW_TF_CORPUS ?? '/work/corpus/tf';



function corpusFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(tf|tfvars)$/.test(entry.name)) files.push({ path, text: readFileSync(path, 'utf8') });
    }
  };
  if (existsSync(CORPUS)) walk(CORPUS);
  return files;
}

function endpoint(i) {
  return `resource "azurerm_private_endpoint" "pe${i}" {
  name                = "pe-\${var.name}-${i}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = azurerm_subnet.pe.id

  private_service_connection {
    name                           = "psc-${i}"
    private_connection_resource_id = azurerm_redis_cache.redis[${i}].id
    subresource_names              = ["redisCache"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.redis.id]
  }
}

`;
}

const endpointsFile = (n) => Array.from({ length: n }, (_, i) => endpoint(i)).join('');

/** Median wall ms; `timeSync.cpu` is this process's median CPU ms (the machine is shared: wall time swings). */
function timeSync(fn, runs, warmup = 1) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    fn();
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    samples.push(performance.now() - start);
  }
  timeSync.cpu = median(cpu);
  return median(samples);
}

const mb = (bytes) => bytes / 1e6;

export async function run() {
  const { parseHcl } = await loadFromSource(`export { parseHcl } from './src/sources/terraform/hcl/parser';`);
  const treeSitterParse = await loadTreeSitter('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm');
  const budgets = [];
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);

  const files = corpusFiles();
  if (files.length === 0) {
    console.log(`corpus: ${CORPUS} not found (set PLREVIEW_TF_CORPUS to a folder of Terraform files)`);
  } else {
    const bytes = files.reduce((n, f) => n + f.text.length, 0);
    const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
    const oursErrors = files.filter((f) => parseHcl(f.text, f.path).diagnostics.length > 0);
    const tsErrors = files.filter((f) => treeSitterParse(f.text));
    const oursMs = timeSync(() => {
      for (const f of files) parseHcl(f.text, f.path);
    }, 5);
    const oursCpu = timeSync.cpu;
    const tsMs = timeSync(() => {
      for (const f of files) treeSitterParse(f.text);
    }, 3);
    const tsCpu = timeSync.cpu;
    console.log(`corpus ${CORPUS}: ${files.length} files, ${lines} lines, ${mb(bytes).toFixed(1)} MB`);
    console.log(`  ours:        ${fmt(oursMs)} ms (${(mb(bytes) / (oursMs / 1000)).toFixed(1)} MB/s; cpu ${fmt(oursCpu)} ms), files in error: ${oursErrors.length}`);
    console.log(`  tree-sitter: ${fmt(tsMs)} ms (${(mb(bytes) / (tsMs / 1000)).toFixed(1)} MB/s; cpu ${fmt(tsCpu)} ms), files in error: ${tsErrors.length}`);
    for (const f of oursErrors.slice(0, 10)) {
      const d = parseHcl(f.text, f.path).diagnostics[0];
      console.log(`    ours: ${relative(CORPUS, f.path)}:${f.text.slice(0, d.start).split('\n').length}: ${d.message}`);
    }
    for (const f of tsErrors.slice(0, 5)) console.log(`    tree-sitter: ${relative(CORPUS, f.path)}`);
    budgets.push({ name: 'corpus files in error', value: oursErrors.length, unit: '', limit: '0', ok: oursErrors.length === 0 });
    budgets.push({ name: 'corpus speed vs tree-sitter-hcl', value: Number((tsMs / oursMs).toFixed(1)), unit: '×', limit: '≥ 1', ok: tsMs >= oursMs });
  }

  console.log('generated private-endpoint files (median ms)');
  console.log('resources  lines     ours ms  (cpu ms)   tree-sitter ms   ratio');
  const times = [];
  for (const n of [1000, 2000, 4000, 8000]) {
    const text = endpointsFile(n);
    const ours = timeSync(() => parseHcl(text, 'pe.tf'), 5);
    const oursCpu = timeSync.cpu;
    const ts = timeSync(() => treeSitterParse(text), 3);
    times.push(ours);
    console.log(`${String(n).padEnd(10)} ${String(text.split('\n').length).padEnd(9)} ${fmt(ours).padStart(7)}  (${fmt(oursCpu).padStart(6)})   ${fmt(ts).padStart(14)}   ${(ts / ours).toFixed(1)}×`);
  }
  const doubling = times[3] / times[2];
  console.log(`doubling 4,000 → 8,000 resources: ×${doubling.toFixed(2)} time`);
  budgets.push({ name: '2× input', value: Number(doubling.toFixed(2)), unit: '× time', limit: '≤ 2.2', ok: doubling <= 2.2 });

  const tenK = endpointsFile(Math.ceil(10000 / 20)).split('\n').slice(0, 10000).join('\n');
  const tenKMs = timeSync(() => parseHcl(tenK, 'tenk.tf'), 9);
  console.log(`10,000-line file: ${fmt(tenKMs)} ms median (cpu ${fmt(timeSync.cpu)} ms)`);
  budgets.push({ name: '10,000-line file', value: Number(fmt(tenKMs)), unit: ' ms', limit: '≤ 16', ok: tenKMs <= 16 });
  return { title: 'terraform parser', budgets };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await run();
  for (const b of result.budgets) console.log(`${b.ok ? 'ok  ' : 'MISS'}  ${b.name} = ${b.value}${b.unit} (budget ${b.limit}${b.unit})`);
}
