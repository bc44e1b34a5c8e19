// Shared timing helpers for the benchmarks: medians over repeated runs, after a warm-up.
import { performance } from 'node:perf_hooks';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median milliseconds of `fn` over `runs` runs after `warmup` unmeasured runs. */
export async function timeMedian(fn, { runs = 9, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** Wall and CPU milliseconds (all threads of this process) of one run of `fn`. */
export async function timeOnce(fn) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await fn();
  const used = process.cpuUsage(cpuStart);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

/** Medians of `timeOnce` results, and the fastest wall time. */
export function summary(runs) {
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), min: Math.min(...runs.map((r) => r.wall)) };
}

export const fmt = (ms) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
