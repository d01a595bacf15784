/**
 * npm run bench: each workload beside a baseline measured in the same run, so that the ratio holds
 * on a noisy machine. Prints one table (figure, baseline, ratio, goal) and writes the same as JSON
 * to bench/results/latest.json. Benchmarks report; they never fail a build on time.
 *
 *   W1a  gateway, a small query owned by one subgraph   vs the same query sent straight to the subgraph
 *   W2   pages of 10 and 100 works with nested refs      SQL statements per request (must not grow with the page),
 *        through the gateway                             rows/s vs one hand-written SQL query through pg
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { type LoadResult, postJson, runLoad } from './load.js';

const SECONDS = Number(process.env.BENCH_DURATION ?? 5);
const WARMUP = Math.min(1, SECONDS / 5);

interface Row {
  workload: string;
  figure: string;
  value: number;
  baseline: number | null;
  ratio: number | null;
  goal: string;
  detail?: Record<string, unknown>;
}

async function startPlatform() {
  const child = spawn(process.execPath, [new URL('./platform.js', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`platform exited with ${code}`)));
  });
  return { urls: JSON.parse(line) as { gateway: string; works: string; database: string }, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
}

async function measure(send: () => Promise<boolean>, concurrency: number): Promise<LoadResult> {
  await runLoad(send, concurrency, WARMUP);
  return runLoad(send, concurrency, SECONDS);
}

const fmt = (n: number | null, digits = 1) => (n === null || Number.isNaN(n) ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

const platform = await startPlatform();
const rows: Row[] = [];
try {
  const { gateway, works, database } = platform.urls;

  // W1a: small query, one subgraph.
  const small = { query: '{ districts { ubigeo name population } }' };
  const okSmall = (j: any) => j.data?.districts?.length === 28;
  for (const concurrency of [16, 64]) {
    const direct = await measure(postJson(works, small, okSmall), concurrency);
    const viaGateway = await measure(postJson(gateway, small, okSmall), concurrency);
    rows.push({
      workload: `W1a c=${concurrency}`, figure: 'gateway req/s (small query)', value: viaGateway.rps, baseline: direct.rps, ratio: viaGateway.rps / direct.rps, goal: '≥ 0.5 × direct',
      detail: { gateway: viaGateway, direct },
    });
    rows.push({ workload: `W1a c=${concurrency}`, figure: 'gateway p50 ms', value: viaGateway.p50, baseline: direct.p50, ratio: viaGateway.p50 / direct.p50, goal: 'reported' });
    rows.push({ workload: `W1a c=${concurrency}`, figure: 'gateway p99 ms', value: viaGateway.p99, baseline: direct.p99, ratio: viaGateway.p99 / direct.p99, goal: 'reported' });
  }

  // W2: nested page; statements at 10 and 100, rows/s against a hand-written query.
  const pageQuery = (n: number) => ({ query: `{ works(first: ${n}) { edges { node { id title status executor { name level } department { name } districts { ubigeo name } } } } }` });
  const statements: Record<number, number> = {};
  for (const n of [10, 100]) {
    const r = await fetch(works, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pageQuery(n)) });
    statements[n] = Number(r.headers.get('x-sql-statements'));
    await r.json();
  }
  rows.push({ workload: 'W2', figure: 'SQL statements per request, 100 rows', value: statements[100]!, baseline: statements[10]!, ratio: statements[100]! / statements[10]!, goal: 'identical at 10 and 100 (ratio 1)' });

  const pool = new pg.Pool({ connectionString: database, max: 16, options: '-c search_path=works' });
  const handWritten = `select coalesce(json_agg(t), '[]') as page from (
      select w.id, w.title, w.status,
             json_build_object('name', a.name, 'level', a.level) as executor,
             case when dep.id is null then null else json_build_object('name', dep.name) end as department,
             (select json_agg(json_build_object('ubigeo', d.ubigeo, 'name', d.name) order by d.name) from work_district wd join district d on d.ubigeo = wd.ubigeo where wd.work_id = w.id) as districts
        from work w join agency a on a.id = w.executor_id left join department dep on dep.id = w.department_id
       order by w.title, w.id limit 100) t`;
  const sqlBaseline = await measure(async () => {
    const { rows: [row] } = await pool.query(handWritten);
    return JSON.stringify(row.page).length > 0 && row.page.length === 100;
  }, 16);
  await pool.end();
  const viaGateway = await measure(postJson(gateway, pageQuery(100), (j) => j.data?.works?.edges?.length === 100), 16);
  rows.push({
    workload: 'W2 c=16', figure: 'rows/s, page of 100 through the gateway', value: viaGateway.rps * 100, baseline: sqlBaseline.rps * 100, ratio: viaGateway.rps / sqlBaseline.rps, goal: '≥ 0.25 × hand-written SQL',
    detail: { gateway: viaGateway, sql: sqlBaseline },
  });
} finally {
  await platform.stop();
}

const header = ['workload', 'figure', 'value', 'baseline', 'ratio', 'goal'];
const table = rows.map((r) => [r.workload, r.figure, fmt(r.value), fmt(r.baseline), r.ratio === null ? '—' : fmt(r.ratio, 2), r.goal]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
process.stdout.write(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${table.map(line).join('\n')}\n`);
const resultsDir = new URL('../results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(new URL('latest.json', resultsDir), `${JSON.stringify({ date: new Date().toISOString(), seconds: SECONDS, node: process.versions.node, rows }, null, 2)}\n`);
process.stdout.write(`\nwritten: bench/results/latest.json (${SECONDS} s per measurement; BENCH_DURATION to change)\n`);
