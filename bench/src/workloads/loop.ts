/** A closed loop for baselines that are not HTTP (SQL through pg): `concurrency` callers, each calling again when its last call returns. */
import { percentile } from './util.js';

export interface LoopResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
}

async function loop(fn: () => Promise<boolean>, concurrency: number, seconds: number): Promise<LoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const ok = await fn().catch(() => false);
      latencies.push(performance.now() - t);
      if (!ok) errors++;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds: elapsed, rps: latencies.length / elapsed, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

export async function closedLoop(fn: () => Promise<boolean>, options: { concurrency: number; seconds: number; warmupSeconds: number; onMeasureStart?: () => void }): Promise<LoopResult> {
  if (options.warmupSeconds > 0) await loop(fn, options.concurrency, options.warmupSeconds);
  options.onMeasureStart?.();
  const r = await loop(fn, options.concurrency, options.seconds);
  if (r.errors) throw new Error(`${r.errors} of ${r.requests} baseline calls failed`);
  return r;
}
