/**
 * W2: N+1. Pages of works with nested references (executor, department, districts in the works
 * subgraph; agreements and their meetings from the participation subgraph) through the gateway.
 * SQL statements per request are counted in PostgreSQL itself (pg_stat_statements, the calls of
 * the three subgraphs' roles), so every subgraph the gateway calls is counted, whatever it runs.
 * Baseline: one hand-written SQL query through `pg` that produces the same JSON (checked equal).
 */
import pg from 'pg';
import type { Workload } from '../context.js';
import { checkOnce, httpLoad } from '../http.js';
import { row } from '../report.js';
import { closedLoop } from './loop.js';
import { cpuSnapshot, perRequestMs } from './util.js';
import { round } from '../proc.js';

const total2 = (cpu: Record<string, number>) => round(Object.values(cpu).reduce((a, b) => a + b, 0), 2);

export const pageQuery = (n: number) => ({
  query: `{ works(first: ${n}) { edges { node { id title status kind sector
    executor { name level } department { name } districts { ubigeo name }
    agreements { text status dueDate meeting { kind title } } } } } }`,
});

/** The same page as one statement, producing the same JSON text as the gateway's `data`. */
const handWritten = `
select json_build_object('works', json_build_object('edges', coalesce(json_agg(json_build_object('node', json_build_object(
         'id', w.id, 'title', w.title, 'status', w.status, 'kind', w.kind, 'sector', w.sector,
         'executor', json_build_object('name', a.name, 'level', a.level),
         'department', case when dep.id is null then null else json_build_object('name', dep.name) end,
         'districts', coalesce((select json_agg(json_build_object('ubigeo', d.ubigeo, 'name', d.name) order by d.name)
                                  from works.work_district wd join works.district d on d.ubigeo = wd.ubigeo where wd.work_id = w.id), '[]'),
         'agreements', coalesce((select json_agg(json_build_object('text', ag.text, 'status', ag.status, 'dueDate', ag.due_date,
                                                   'meeting', json_build_object('kind', m.kind, 'title', m.title)) order by ag.due_date, ag.id)
                                   from participation.agreement_work aw join participation.agreement ag on ag.id = aw.agreement_id
                                   join participation.meeting m on m.id = ag.meeting_id where aw.work_id = w.id), '[]')
       )) order by w.title, w.id), '[]')))::text as page
  from (select * from works.work order by title, id limit $1) w
  join works.agency a on a.id = w.executor_id
  left join works.department dep on dep.id = w.department_id`;

/** Keys sorted, so that two JSON values compare equal whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

const STATEMENTS_SQL = `select r.rolname as role, coalesce(sum(s.calls), 0)::bigint as calls
  from pg_roles r left join pg_stat_statements s on s.userid = r.oid
 where r.rolname in ('articula_works', 'articula_participation', 'articula_budget') group by r.rolname`;

export const w2: Workload = {
  id: 'W2',
  title: 'N+1: nested pages through the gateway',
  meters: 'platform',
  bound: (s) => 120 + 2 * (s.seconds + s.warmupSeconds + 5),
  async run(ctx, report) {
    const s = ctx.settings;
    const platform = await ctx.platform();
    const { gateway } = platform.urls;
    // Pages of 100 with nested lists cost more than the anonymous 1,000: a bulk:read key, as the portal's data step uses.
    const headers = { authorization: `Bearer ${(await ctx.apiKey('bulk:read')).key}` };
    const admin = new pg.Client({ connectionString: platform.databaseUrl });
    await admin.connect();
    report.defer(() => admin.end());
    const calls = async () => {
      const { rows } = await admin.query<{ role: string; calls: string }>(STATEMENTS_SQL);
      return Object.fromEntries(rows.map((r) => [r.role.replace('articula_', ''), Number(r.calls)]));
    };

    // Statements per request: sequential requests, the counters read before and after.
    const perRequest: Record<number, Record<string, number>> = {};
    const REQUESTS = 5;
    for (const n of s.pages) {
      await checkOnce(gateway, pageQuery(n), (b) => b.data?.works?.edges?.length === n, headers); // warm (plans, caches)
      const before = await calls();
      for (let i = 0; i < REQUESTS; i++) await checkOnce(gateway, pageQuery(n), (b) => b.data?.works?.edges?.length === n, headers);
      const after = await calls();
      perRequest[n] = Object.fromEntries(Object.keys(after).map((k) => [k, (after[k]! - (before[k] ?? 0)) / REQUESTS]));
    }
    const total = (n: number) => Object.values(perRequest[n]!).reduce((a, b) => a + b, 0);
    const [small, large] = [s.pages[0]!, s.pages.at(-1)!];
    report.rows.push(row('W2', `SQL statements/request, page ${large} vs ${small}`, total(large), {
      baseline: total(small), goal: 'identical at 10 and 100', met: total(large) === total(small),
    }));
    for (const [role, n] of Object.entries(perRequest[large]!)) {
      report.rows.push(row('W2', `  of which ${role}, page ${large} vs ${small}`, n, { baseline: perRequest[small]![role] ?? 0 }));
    }
    report.detail.statementsPerRequest = perRequest;

    // The hand-written query must give the same JSON as the gateway.
    const pool = new pg.Pool({ connectionString: platform.databaseUrl, max: 16 });
    report.defer(() => pool.end());
    const viaGatewayBody = await checkOnce(gateway, pageQuery(large), (b) => b.data?.works?.edges?.length === large, headers);
    const sqlText = (await pool.query<{ page: string }>(handWritten, [large])).rows[0]!.page;
    const same = canonical(JSON.parse(sqlText)) === canonical(viaGatewayBody.data);
    report.detail.sameJson = same;
    if (!same) {
      report.detail.gatewaySample = JSON.stringify(viaGatewayBody.data).slice(0, 600);
      report.detail.sqlSample = sqlText.slice(0, 600);
    }

    const c = 16;
    const pids = {
      gateway: platform.children.gateway.pid, works: platform.children.works.pid, participation: platform.children.participation.pid,
      budget: platform.children.budget.pid, postgres: ctx.db.child.pid, bench: process.pid,
    };
    let before = cpuSnapshot(pids);
    const sql = await closedLoop(async () => {
      const { rows } = await pool.query<{ page: string }>({ text: handWritten, values: [large] });
      return rows[0]!.page.length > 0;
    }, { concurrency: c, seconds: s.seconds, warmupSeconds: s.warmupSeconds, onMeasureStart: () => (before = cpuSnapshot(pids)) });
    const sqlCpu = perRequestMs(cpuSnapshot(pids, before), sql.requests);
    const viaGateway = await httpLoad(gateway, pageQuery(large), {
      connections: c, seconds: s.seconds, warmupSeconds: s.warmupSeconds, headers, onMeasureStart: () => (before = cpuSnapshot(pids)),
    });
    const gatewayCpu = perRequestMs(cpuSnapshot(pids, before), viaGateway.requests);
    report.detail.cpuMsPerPage = { gateway: gatewayCpu, sql: sqlCpu };
    if (viaGateway.errors || viaGateway.non2xx) throw new Error(`gateway: ${viaGateway.errors} errors, ${viaGateway.non2xx} non-2xx`);
    report.rows.push(
      row(`W2 c=${c}`, `rows/s, pages of ${large} (gateway vs 1 SQL)`, viaGateway.rps * large, {
        baseline: sql.rps * large, goal: '≥ 0.25 × hand-written SQL', met: viaGateway.rps >= 0.25 * sql.rps,
      }),
      row(`W2 c=${c}`, 'p99 ms (gateway vs 1 SQL)', viaGateway.p99, { baseline: sql.p99, unit: 'ms' }),
      row(`W2 c=${c}`, 'CPU ms/page, all processes (gateway vs 1 SQL)', total2(gatewayCpu), { baseline: total2(sqlCpu), unit: 'ms' }),
      row(`W2 c=${c}`, '  of which PostgreSQL', gatewayCpu.postgres!, { baseline: sqlCpu.postgres!, unit: 'ms' }),
      row(`W2 c=${c}`, '  of which gateway / works / participation', `${gatewayCpu.gateway} / ${gatewayCpu.works} / ${gatewayCpu.participation} ms`),
      row('W2', 'same JSON from the hand-written SQL', same ? 'yes' : 'NO (see detail)'),
    );
    report.detail.loads = { gateway: viaGateway, sql };
  },
};
