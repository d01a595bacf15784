/**
 * npm run bench [-- --quick] [-- --only W1,W3]: each workload beside a baseline measured in the
 * same run, so that the ratio holds on a noisy machine. Prints one table (workload, figure, value,
 * baseline, ratio, goal, met?) with the CPU time and peak memory of every process during each
 * workload, and writes the same as JSON to bench/results/latest.json (quick runs:
 * latest-quick.json). Benchmarks report; they never fail a build on time.
 *
 * Every workload has its own time bound: past it, or when it throws, it is reported as failed and
 * the next one runs. Every process started is stopped at the end, whatever happened.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { stopAll } from './children.js';
import type { Context, Report, Settings, Workload } from './context.js';
import { type Database, type Platform, ROOT, createApiKey, startBenchDatabase, startHiveGateway, startPlatform } from './platform.js';
import { Meter } from './proc.js';
import { type WorkloadResult, table } from './report.js';
import { w1 } from './workloads/w1-gateway.js';
import { w2 } from './workloads/w2-nplus1.js';
import { w3 } from './workloads/w3-ingest.js';
import { w4 } from './workloads/w4-subscriptions.js';
import { w5 } from './workloads/w5-portal.js';
import { w6 } from './workloads/w6-export.js';
import { w7 } from './workloads/w7-cold-start.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, 'rate-limit': { type: 'string', default: 'on' } }, allowPositionals: true });
const quick = values.quick || process.env.BENCH_QUICK === '1';
const rateLimit = values['rate-limit'] !== 'off';
const envNumber = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

const settings: Settings = quick
  ? {
    quick, seconds: envNumber('BENCH_DURATION') ?? 3, warmupSeconds: 1, scale: envNumber('BENCH_SCALE') ?? 1, concurrency: [16, 64], pages: [10, 100],
    ingestRows: 10_000, subscribers: [100, 1000], eventsPerSecond: 10, eventSeconds: 3, portalScale: 1, exportRows: 100_000, exportSeconds: 10, warmStart: false, rateLimit,
  }
  : {
    quick, seconds: envNumber('BENCH_DURATION') ?? 10, warmupSeconds: 2, scale: envNumber('BENCH_SCALE') ?? 1, concurrency: [16, 64], pages: [10, 100],
    ingestRows: 100_000, subscribers: [100, 1000], eventsPerSecond: 10, eventSeconds: 10, portalScale: 10, exportRows: 1_000_000, exportSeconds: 60, warmStart: true, rateLimit,
  };

// Order matters: W1, W2 and W4 read the demo data as seeded; W3 and W6 add rows to it; W5 (at
// another scale) and W7 bring their own platforms, after the main one is stopped.
// Quick runs build the portal on the main platform (same scale), so before W3 and W6 grow it.
const WORKLOADS: Workload[] = quick ? [w1, w2, w4, w5, w3, w6, w7] : [w1, w2, w4, w3, w6, w5, w7];
const metersOf = (w: Workload) => (typeof w.meters === 'function' ? w.meters(settings) : w.meters);
const only = values.only?.split(',').map((s) => s.trim().toUpperCase());
const selected = only ? WORKLOADS.filter((w) => only.includes(w.id)) : WORKLOADS;

const dir = mkdtempSync(path.join(os.tmpdir(), 'articula-bench-'));
chmodSync(dir, 0o755); // embedded PostgreSQL runs as its own user when the bench runs as root
const cleanDir = () => rmSync(dir, { recursive: true, force: true });
process.once('exit', cleanDir);
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, async () => {
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping every process the benchmark started…\n`);
    await stopAll();
    cleanDir();
    process.exit(130);
  });
}

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const t0 = performance.now();
log(`${quick ? 'quick' : 'full'} run: ${selected.map((w) => w.id).join(', ')}; ${settings.seconds} s per measurement (+${settings.warmupSeconds} s warm-up)`);

let db: Database | undefined;
let platform: Platform | undefined;
let platformStarting: Promise<Platform> | undefined;
let hive: Awaited<ReturnType<Context['hive']>> | undefined;
let hiveStarting: Promise<NonNullable<typeof hive>> | undefined;

const keys: Record<string, Promise<{ key: string; agencyId: string }>> = {};
const ctx: Context = {
  settings,
  dir,
  get db() {
    if (!db) throw new Error('no database');
    return db;
  },
  platform: () => {
    platformStarting ??= (async () => {
      const t = performance.now();
      platform = await startPlatform(db!.url, settings.scale, { rateLimit: settings.rateLimit });
      log(`platform (scale ${settings.scale}) started in ${((performance.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(platform.startSeconds, (_k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`);
      return platform;
    })();
    return platformStarting;
  },
  hive: () => {
    hiveStarting ??= (async () => {
      const p = await ctx.platform();
      hive = await startHiveGateway(p.urls, dir);
      return hive;
    })();
    return hiveStarting;
  },
  apiKey: async (scope, agency) => {
    const p = await ctx.platform();
    const cacheKey = `${scope}|${agency ?? ''}`;
    keys[cacheKey] ??= createApiKey(p.urls.gateway, p.databaseUrl, scope, agency);
    return keys[cacheKey];
  },
  stopPlatform: async () => {
    for (const k of Object.keys(keys)) delete keys[k];
    await hive?.child.stop();
    await platform?.stop();
    hive = undefined;
    platform = undefined;
    hiveStarting = undefined;
    platformStarting = undefined;
  },
};

/** pg_stat_statements: zeroed before each workload, its five costliest statements kept in the workload's detail. */
async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: db!.url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
const resetStatements = () => withAdmin((c) => c.query('select pg_stat_statements_reset()')).catch(() => {});
const topStatements = () => withAdmin(async (c) => (await c.query(`select r.rolname as role, s.calls::int, round(s.total_exec_time)::int as "execMs",
    round(s.total_plan_time)::int as "planMs", round(s.mean_exec_time::numeric, 3)::float as "meanExecMs", s.rows::int,
    left(regexp_replace(s.query, '\\s+', ' ', 'g'), 300) as query
  from pg_stat_statements s join pg_roles r on r.oid = s.userid order by s.total_exec_time + s.total_plan_time desc limit 10`)).rows);

async function runWorkload(w: Workload): Promise<WorkloadResult> {
  const bound = w.bound(settings);
  const started = performance.now();
  const controller = new AbortController();
  const cleanups: (() => unknown)[] = [];
  const watches: { name: string; pid: number | undefined; tree: boolean }[] = [];
  const meter = new Meter();
  let meterStarted = false;
  const report: Report = {
    rows: [], detail: {}, signal: controller.signal,
    watch: (name, pid, tree = false) => {
      if (meterStarted) meter.watch(name, pid, { tree, fromZero: true });
      else watches.push({ name, pid, tree });
    },
    defer: (fn) => cleanups.push(fn),
  };
  const result: WorkloadResult = { id: w.id, title: w.title, status: 'ok', seconds: 0, boundSeconds: bound, rows: report.rows, resources: {}, detail: report.detail };
  let timer: NodeJS.Timeout | undefined;
  const meters = metersOf(w);
  const loadAtStart = os.loadavg()[0]!;
  try {
    // Start what the workload needs before metering, so that start-up is not counted.
    if (meters !== 'own') await ctx.platform();
    if (meters === 'platform+hive') await ctx.hive();
    if (meters !== 'own') {
      meter.watch('gateway', platform!.children.gateway.pid).watch('works', platform!.children.works.pid)
        .watch('participation', platform!.children.participation.pid).watch('budget', platform!.children.budget.pid);
      if (meters === 'platform+hive') meter.watch('hive-gateway', hive!.child.pid);
    }
    meter.watch('postgres', db!.child.pid, { tree: true }).watch('bench (load)', process.pid);
    for (const x of watches) meter.watch(x.name, x.pid, { tree: x.tree, fromZero: true });
    await resetStatements();
    meter.start();
    meterStarted = true;
    await Promise.race([
      w.run(ctx, report),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new Error(`time bound of ${bound} s reached`));
        }, bound * 1000);
      }),
    ]);
  } catch (error) {
    result.status = 'failed';
    result.error = (error as Error)?.stack ?? String(error);
    log(`${w.id} failed: ${(error as Error)?.message ?? error}`);
  } finally {
    clearTimeout(timer);
    controller.abort();
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (error) {
        log(`${w.id}: cleanup: ${(error as Error)?.message ?? error}`);
      }
    }
    if (meterStarted) result.resources = meter.stop();
    result.detail!.topStatements = await topStatements().catch((e) => String(e?.message ?? e));
    if (result.status === 'ok' && w.afterMeter) {
      try {
        w.afterMeter(result.resources, report, settings);
      } catch (error) {
        log(`${w.id}: ${(error as Error)?.message ?? error}`);
      }
    }
    result.seconds = (performance.now() - started) / 1000;
    result.loadAverage = { start: Math.round(loadAtStart * 100) / 100, end: Math.round(os.loadavg()[0]! * 100) / 100 };
  }
  return result;
}

const results: WorkloadResult[] = [];
try {
  db = await startBenchDatabase(path.join(dir, 'pg'));
  for (const w of selected) {
    if (interrupted) break;
    // W5 and W7 start platforms of their own: the main one (and Hive) would only compete for the two cores.
    if (metersOf(w) === 'own') await ctx.stopPlatform();
    log(`${w.id}: ${w.title} (bound ${w.bound(settings)} s)`);
    const r = await runWorkload(w);
    results.push(r);
    log(`${w.id}: ${r.status} in ${r.seconds.toFixed(1)} s`);
  }
} catch (error) {
  log(`the run stopped: ${(error as Error)?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await ctx.stopPlatform().catch(() => {});
  await db?.stop().catch(() => {});
  await stopAll();
}

const wallSeconds = (performance.now() - t0) / 1000;
process.stdout.write(`\n${table(results)}\n`);
const missed = results.flatMap((r) => r.rows.filter((x) => x.met === false).map((x) => `${x.workload} ${x.figure}`));
const failed = results.filter((r) => r.status === 'failed').map((r) => r.id);
const resultsDir = path.join(ROOT, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, quick ? 'latest-quick.json' : 'latest.json');
writeFileSync(file, `${JSON.stringify({
  date: new Date().toISOString(), quick, wallSeconds, node: process.versions.node, cpus: os.cpus().length, memoryGB: Math.round(os.totalmem() / 2 ** 30),
  settings, goalsMissed: missed, failed, workloads: results,
}, null, 2)}\n`);
process.stdout.write(`\n${quick ? 'quick' : 'full'} run in ${wallSeconds.toFixed(0)} s; goals missed: ${missed.length}${failed.length ? `; failed: ${failed.join(', ')}` : ''}\nwritten: ${path.relative(ROOT, file)}\n`);
