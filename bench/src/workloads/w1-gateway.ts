/**
 * W1: the gateway's throughput and latency under closed-loop load (autocannon), at each
 * concurrency: (a) a small query owned by one subgraph, against the same query sent straight to
 * that subgraph and against Hive Gateway; (b) a journalist's query across the three subgraphs
 * (50 works with district, executor, agreements and budget), against Hive Gateway. CPU time per
 * request of each process is taken around each measurement.
 */
import { round } from '../proc.js';
import type { Workload } from '../context.js';
import { type HttpLoad, checkOnce, httpLoad } from '../http.js';
import { row } from '../report.js';
import { cpuSnapshot, perRequestMs, subgraphCounters } from './util.js';

export const SMALL = { query: '{ districts { ubigeo name population } }' };
const smallOk = (b: any) => b.data?.districts?.length === 28;

// Cost 1 + 1 + 50 × (node, districts, executor, agreements, budget) = 252, within the anonymous 1,000.
export const JOURNALIST = {
  query: `{ works(first: 50, orderBy: { field: INVESTMENT_COST, direction: DESC }) { edges { node {
    id title cui status physicalProgress financialProgress
    districts { ubigeo name }
    executor { name level }
    agreements { text status dueDate }
    budget(year: 2026) { modifiedBudget accrued executionRate } } } } }`,
};
const journalistOk = (b: any) => b.data?.works?.edges?.length === 50;

export const w1: Workload = {
  id: 'W1',
  title: 'Gateway throughput and latency',
  meters: 'platform+hive',
  bound: (s) => 120 + s.concurrency.length * 5 * (s.seconds + s.warmupSeconds + 3),
  async run(ctx, report) {
    const s = ctx.settings;
    const platform = await ctx.platform();
    const hive = await ctx.hive();
    const { gateway, works } = platform.urls;
    const pids = {
      gateway: platform.children.gateway.pid, hive: hive.child.pid, works: platform.children.works.pid,
      participation: platform.children.participation.pid, budget: platform.children.budget.pid, postgres: ctx.db.child.pid,
    };

    // The answers must be right (and equal between the gateways) before anything is timed.
    await checkOnce(works, SMALL, smallOk);
    const g = await checkOnce(gateway, SMALL, smallOk);
    const h = await checkOnce(hive.url, SMALL, smallOk);
    if (JSON.stringify(g.data) !== JSON.stringify(h.data)) throw new Error('Hive Gateway and the gateway answer the small query differently');
    const gj = await checkOnce(gateway, JOURNALIST, journalistOk);
    const hj = await checkOnce(hive.url, JOURNALIST, journalistOk);
    if (JSON.stringify(gj.data) !== JSON.stringify(hj.data)) throw new Error('Hive Gateway and the gateway answer the journalist query differently');
    report.detail.journalistResponseBytes = JSON.stringify(gj).length;

    const subgraphs = { works: platform.urls.works, participation: platform.urls.participation, budget: platform.urls.budget };
    const measured: Record<string, HttpLoad & { cpuMsPerRequest: Record<string, number>; subgraphCallsPerRequest: number }> = {};
    const measure = async (label: string, url: string, request: unknown, connections: number) => {
      if (report.signal.aborted) throw new Error('time bound reached');
      let before = cpuSnapshot(pids);
      let callsBefore: Promise<Record<string, { requests: number }>> | undefined;
      const load = await httpLoad(url, request, {
        connections, seconds: s.seconds, warmupSeconds: s.warmupSeconds,
        onMeasureStart: () => {
          before = cpuSnapshot(pids);
          callsBefore = subgraphCounters(subgraphs);
        },
      });
      const spent = cpuSnapshot(pids, before);
      // Requests the subgraphs served per client request (a gateway that merges identical in-flight fetches serves fewer).
      const callsAfter = await subgraphCounters(subgraphs);
      const b = await callsBefore!;
      const subgraphCallsPerRequest = round(Object.keys(callsAfter).reduce((n, k) => n + callsAfter[k]!.requests - b[k]!.requests, 0) / Math.max(1, load.requests), 2);
      const cpuMsPerRequest = perRequestMs(spent, load.requests);
      if (load.errors || load.non2xx || load.timeouts) throw new Error(`${label}: ${load.errors} errors, ${load.non2xx} non-2xx, ${load.timeouts} timeouts`);
      measured[label] = { ...load, cpuMsPerRequest, subgraphCallsPerRequest };
      return measured[label]!;
    };

    for (const c of s.concurrency) {
      const direct = await measure(`a direct c=${c}`, works, SMALL, c);
      const viaGateway = await measure(`a gateway c=${c}`, gateway, SMALL, c);
      const viaHive = await measure(`a hive c=${c}`, hive.url, SMALL, c);
      const w = `W1a c=${c}`;
      report.rows.push(
        row(w, 'req/s, gateway vs direct to subgraph', viaGateway.rps, { baseline: direct.rps, goal: '≥ 0.5 × direct', met: viaGateway.rps >= 0.5 * direct.rps }),
        row(w, 'req/s, gateway vs Hive Gateway', viaGateway.rps, { baseline: viaHive.rps }),
        row(w, 'p50 ms, gateway vs direct', viaGateway.p50, { baseline: direct.p50, unit: 'ms' }),
        row(w, 'p99 ms, gateway vs direct', viaGateway.p99, { baseline: direct.p99, unit: 'ms' }),
        row(w, 'p99 ms, gateway vs Hive Gateway', viaGateway.p99, { baseline: viaHive.p99, unit: 'ms' }),
        row(w, 'gateway CPU ms/request vs Hive', viaGateway.cpuMsPerRequest.gateway!, { baseline: viaHive.cpuMsPerRequest.hive!, unit: 'ms' }),
        row(w, 'subgraph calls/request, gw vs Hive', viaGateway.subgraphCallsPerRequest, { baseline: viaHive.subgraphCallsPerRequest }),
      );
    }
    for (const c of s.concurrency) {
      const viaGateway = await measure(`b gateway c=${c}`, gateway, JOURNALIST, c);
      const viaHive = await measure(`b hive c=${c}`, hive.url, JOURNALIST, c);
      const w = `W1b c=${c}`;
      report.rows.push(
        row(w, 'req/s, gateway vs Hive Gateway', viaGateway.rps, { baseline: viaHive.rps, goal: 'ahead of Hive (> 1)', met: viaGateway.rps > viaHive.rps }),
        row(w, 'p50 ms, gateway vs Hive Gateway', viaGateway.p50, { baseline: viaHive.p50, unit: 'ms' }),
        row(w, 'p99 ms, gateway vs Hive Gateway', viaGateway.p99, { baseline: viaHive.p99, unit: 'ms', goal: 'p99 reported' }),
        row(w, 'gateway CPU ms/request vs Hive', viaGateway.cpuMsPerRequest.gateway!, { baseline: viaHive.cpuMsPerRequest.hive!, unit: 'ms' }),
        row(w, 'subgraphs+PG CPU ms/req, gw vs Hive', sumSubgraphs(viaGateway.cpuMsPerRequest), { baseline: sumSubgraphs(viaHive.cpuMsPerRequest), unit: 'ms' }),
        row(w, 'subgraph calls/request, gw vs Hive', viaGateway.subgraphCallsPerRequest, { baseline: viaHive.subgraphCallsPerRequest }),
      );
    }
    report.detail.loads = measured;
  },
};

const sumSubgraphs = (cpu: Record<string, number>) => round((cpu.works ?? 0) + (cpu.participation ?? 0) + (cpu.budget ?? 0) + (cpu.postgres ?? 0), 2);
