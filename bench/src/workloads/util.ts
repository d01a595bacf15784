/** Small helpers shared by the workloads. */
import { cpuSeconds, processTree, round } from '../proc.js';

/**
 * CPU seconds of each named process (PostgreSQL: its whole tree) now, or, given an earlier
 * snapshot, what each spent since.
 */
export function cpuSnapshot(pids: Record<string, number>, since?: Record<string, number>, trees: string[] = ['postgres']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    const tree = trees.includes(name);
    const list = tree ? processTree(pid) : [pid];
    const now = list.reduce((sum, p) => sum + (cpuSeconds(p, tree) ?? 0), 0);
    out[name] = since ? Math.max(0, now - (since[name] ?? 0)) : now;
  }
  return out;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Milliseconds of CPU per request of each named process, from CPU seconds spent over `requests` requests. */
export const perRequestMs = (cpu: Record<string, number>, requests: number) =>
  Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, round((v * 1000) / Math.max(1, requests), 2)]));

/** Percentile (0–1) of an ascending-sorted list. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Each subgraph's `GET /subscriptions`: live subscriptions and GraphQL requests served over HTTP since start. */
export async function subgraphCounters(urls: Record<string, string>): Promise<Record<string, { active: number; requests: number }>> {
  const out: Record<string, { active: number; requests: number }> = {};
  for (const [name, url] of Object.entries(urls)) {
    const r = await fetch(new URL('/subscriptions', url), { signal: AbortSignal.timeout(5_000) });
    const body = (await r.json()) as { active: number; requests: number };
    out[name] = { active: body.active, requests: body.requests };
  }
  return out;
}
