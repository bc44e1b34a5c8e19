// The fuzz harness: mutated real designs (examples/ and test/fixtures/) analysed in one long-lived process, as the
// editor does, through the real analysis (analyseDesign). It counts what must never happen: an exception, a file
// lost to an internal error, an input over the time budget, and a heap that grows from one input to the next.
// Seeded: input i of seed s is always the same text, so any failure is reproduced with `--seed s --only i`.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { ownString } from '../../src/graph/own-string';
import { join, resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../../src/config/config';
import { analyseDesign } from '../../src/lint/analyse';
import { classifyDesignFile } from '../../src/sources/formats';
import { mutate, pick, seeded, type Format } from './mutations';

/**
 * The budget: at most 1 MB of input, analysed in at most 1 s. Checked on the CPU time the process spent
 * (process.cpuUsage): on a shared machine wall time also counts everyone else's work (we measured 10× more wall
 * than CPU time under a load of 30 on 2 cores). Wall time is reported alongside.
 */
export const MAX_INPUT_CHARS = 1_000_000;
export const BUDGET_MS = 1_000;

export interface SeedFile {
  readonly path: string;
  readonly text: string;
  readonly format: Format;
}

export interface FuzzOptions {
  readonly seed: number;
  readonly inputs: number;
  /** Inputs are cut to this many characters (default and at most MAX_INPUT_CHARS; smaller for quick runs). */
  readonly maxInputChars?: number;
  /** Run only this input (reproduce one). */
  readonly only?: number;
  /** Start at this input (reproduce a stretch of a long run). */
  readonly from?: number;
  /** Called before each input (to know which one a crash of the process was on). */
  readonly before?: (index: number) => void;
  /** Called after each input (progress). */
  readonly progress?: (done: number, report: FuzzReport) => void;
  /** Collects the garbage before heap samples (needs `--expose-gc`); without it the heap is sampled as is. */
  readonly gc?: () => void;
}

export interface FuzzFailure {
  readonly index: number;
  readonly seedFile: string;
  readonly mutations: readonly string[];
  readonly what: string;
}

export interface FuzzReport {
  inputs: number;
  exceptions: number;
  overBudget: number;
  /** The slowest input relative to its size (CPU time). */
  slowestMsPerKb: number;
  /** The slowest input relative to its size in wall time (includes waiting for a shared machine's cores). */
  slowestWallMsPerKb: number;
  slowest: { index: number; ms: number; kb: number; seedFile: string; mutations: readonly string[] } | undefined;
  peakRssMb: number;
  /** Heap in use after the first tenth of the inputs (the memos are full by then) and after the last one. */
  heapAfterWarmupMb: number;
  heapAfterMb: number;
  failures: FuzzFailure[];
}

const DESIGN_EXTENSIONS = /\.(bicep|bicepparam|json|ya?ml)$/i;

/** Every design file under examples/ and test/fixtures/ of the repository. */
export function loadSeedCorpus(root: string): SeedFile[] {
  const files: SeedFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (DESIGN_EXTENSIONS.test(name)) {
        const text = readFileSync(path, 'utf8');
        const format = classifyDesignFile(path, text);
        // Only the formats the mutations know (a Terraform plan fixture is JSON but not a template).
        if (format === 'bicep' || format === 'bicepparam' || format === 'arm' || format === 'yaml') files.push({ path: resolve(path), text, format });
      }
    }
  };
  walk(join(root, 'examples'));
  walk(join(root, 'test', 'fixtures'));
  return files;
}

/** Input `index` of `seed`: a seed file, mutated, under its own path or a shared one (the editor's reparse). */
export function fuzzInput(corpus: readonly SeedFile[], seed: number, index: number, maxInputChars = MAX_INPUT_CHARS) {
  const random = seeded((seed * 1_000_003 + index) >>> 0);
  const file = pick(random, corpus);
  const { text, applied } = mutate(file.text, random, file.format);
  // A shared path makes the next input an "edit" of this one: incremental reparse across unrelated texts.
  const shared = random() < 0.3;
  const extension = file.path.slice(file.path.lastIndexOf('.'));
  const path = shared ? `${file.path.slice(0, file.path.lastIndexOf('/'))}/fuzz-shared${extension}` : file.path;
  // A text of its own, as the editor gets from the protocol: a slice would keep the longer mutated text alive in
  // whatever holds the input (the per-file memos), which no editor text does.
  const own = ownString(text.slice(0, Math.min(maxInputChars, MAX_INPUT_CHARS)));
  return { seedFile: file.path, path, text: own, mutations: applied };
}

export function runFuzz(root: string, options: FuzzOptions): FuzzReport {
  const corpus = loadSeedCorpus(root);
  const texts = new Map(corpus.map((f) => [f.path, f.text]));
  const readFile = (path: string) => texts.get(resolve(path));
  const report: FuzzReport = {
    inputs: 0,
    exceptions: 0,
    overBudget: 0,
    slowestMsPerKb: 0,
    slowestWallMsPerKb: 0,
    slowest: undefined,
    peakRssMb: 0,
    heapAfterWarmupMb: 0,
    heapAfterMb: 0,
    failures: [],
  };
  const heapMb = () => {
    options.gc?.();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  // Every seed file once, untimed: what loads on first use (the design schema's compiled validator, the
  // optimised code) is a cost of starting, not of an input.
  for (const file of corpus) analyseDesign([{ path: file.path, text: file.text }], DEFAULT_CONFIG, { readFile });
  const warmup = Math.max(1, Math.floor(options.inputs / 10));
  for (let index = 0; index < options.inputs; index++) {
    if ((options.only !== undefined && index !== options.only) || index < (options.from ?? 0)) continue;
    const input = fuzzInput(corpus, options.seed, index, options.maxInputChars);
    options.before?.(index);
    const fail = (what: string) => report.failures.length < 50 && report.failures.push({ index, seedFile: input.seedFile, mutations: input.mutations, what });
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    try {
      const { graph } = analyseDesign([{ path: input.path, text: input.text }], DEFAULT_CONFIG, { readFile });
      // A source that throws is caught and recorded as "internal error": for the fuzz run that is an exception.
      for (const gap of graph.coverage) {
        if (gap.status !== 'read' && /internal error/i.test(gap.reason ?? '')) {
          report.exceptions++;
          fail(`coverage: ${gap.reason}`);
        }
      }
    } catch (error) {
      report.exceptions++;
      fail(`threw: ${error instanceof Error ? error.message : String(error)}`);
    }
    const wall = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    const ms = (cpu.user + cpu.system) / 1000;
    const kb = Math.max(1, input.text.length / 1024);
    if (ms > BUDGET_MS) {
      report.overBudget++;
      fail(`took ${ms.toFixed(0)} ms of CPU (${wall.toFixed(0)} ms wall) for ${kb.toFixed(0)} KB`);
    }
    report.slowestWallMsPerKb = Math.max(report.slowestWallMsPerKb, wall / kb);
    if (ms / kb > report.slowestMsPerKb) {
      report.slowestMsPerKb = ms / kb;
      report.slowest = { index, ms, kb, seedFile: input.seedFile, mutations: input.mutations };
    }
    report.inputs++;
    if (index % 100 === 0) report.peakRssMb = Math.max(report.peakRssMb, process.memoryUsage().rss / 2 ** 20);
    if (index === warmup - 1) report.heapAfterWarmupMb = heapMb();
    options.progress?.(report.inputs, report);
  }
  report.peakRssMb = Math.max(report.peakRssMb, process.memoryUsage().rss / 2 ** 20);
  report.heapAfterMb = heapMb();
  return report;
}

