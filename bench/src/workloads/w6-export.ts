/**
 * W6: the works dataset as CSV at `exportRows` rows (generated in the bench's own database, on top
 * of the demo data). The platform has no export endpoint: what exists today is paging through the
 * gateway as the portal's data step does (offset cursors, pages of 100). The exporter streams the
 * pages to a file in its own process, for a bounded time from the first row and then from 90 %
 * deep; since a page's cost grows with its offset, the whole export's rate is projected from the
 * two (page time linear in the offset). Baseline: `COPY (select … order by title, id) TO STDOUT`
 * of the same columns, streamed to a file.
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { readyLine, startChild } from '../children.js';
import type { Workload } from '../context.js';
import { round } from '../proc.js';
import { row } from '../report.js';

const COPY_SQL = `copy (select w.id, w.cui, w.title, w.kind, w.sector, w.status, w.planned_start, w.planned_end, w.investment_cost, w.physical_progress, a.name,
    (select string_agg(wd.ubigeo, '|' order by wd.ubigeo) from works.work_district wd where wd.work_id = w.id)
  from works.work w join works.agency a on a.id = w.executor_id order by w.title, w.id) to stdout with (format csv, header true)`;

const GENERATE_SQL = `insert into works.work (id, kind, title, description, sector, executor_id, status, planned_start, planned_end, investment_cost, physical_progress, external_id)
select gen_random_uuid(), 'WORK', 'Obra de exportación ' || lpad(g::text, 7, '0'), 'Fila generada para el benchmark de exportación.',
       (array['TRANSPORT', 'SANITATION', 'EDUCATION', 'HEALTH'])[1 + g % 4], a.ids[1 + g % array_length(a.ids, 1)], 'IN_EXECUTION',
       date '2026-01-01', date '2026-12-31', 100000 + g, g % 100, 'BENCH-EXPORT-' || g
  from generate_series($1::int, $2::int) g, (select array_agg(id order by id) as ids from works.agency) a`;

export const w6: Workload = {
  id: 'W6',
  title: 'Dataset export: works CSV',
  meters: 'platform',
  bound: (s) => 240 + s.exportSeconds + Math.ceil(s.exportRows / 5_000),
  async run(ctx, report) {
    const s = ctx.settings;
    const platform = await ctx.platform();
    const admin = new pg.Client({ connectionString: platform.databaseUrl });
    await admin.connect();
    report.defer(() => admin.end());

    // Top the works up to exportRows, in chunks (each its own transaction), with one district each.
    const t = performance.now();
    const existing = Number((await admin.query('select count(*) as n from works.work')).rows[0].n);
    const CHUNK = 100_000;
    for (let from = existing + 1; from <= s.exportRows; from += CHUNK) {
      if (report.signal.aborted) throw new Error('time bound reached while generating rows');
      const to = Math.min(s.exportRows, from + CHUNK - 1);
      await admin.query(GENERATE_SQL, [from, to]);
    }
    await admin.query(`insert into works.work_district (work_id, ubigeo)
      select w.id, (array['120101', '120107', '120114', '120124'])[1 + abs(hashtext(w.id::text)) % 4] from works.work w
       where w.external_id like 'BENCH-EXPORT-%' and not exists (select 1 from works.work_district wd where wd.work_id = w.id)`);
    await admin.query('vacuum analyze works.work');
    await admin.query('vacuum analyze works.work_district');
    // What earlier workloads left running in the background (W3's coordination-alert detection) finishes first.
    const quietBy = Date.now() + 120_000;
    while (Date.now() < quietBy) {
      const busy = Number((await admin.query(`select count(*) as n from pg_stat_activity where state = 'active' and pid <> pg_backend_pid() and usename like 'articula_%'`)).rows[0].n);
      if (busy === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const total = Number((await admin.query('select count(*) as n from works.work')).rows[0].n);
    report.detail.generateSeconds = round((performance.now() - t) / 1000, 1);
    report.detail.rows = total;

    // Baseline: COPY of the same columns, in the same order.
    const copyFile = path.join(ctx.dir, 'works-copy.csv');
    const copyStarted = performance.now();
    await pipeline(admin.query(copyTo(COPY_SQL)), createWriteStream(copyFile));
    const copySeconds = (performance.now() - copyStarted) / 1000;
    const copyRate = total / copySeconds;

    // The platform: paging through the gateway, streamed by the exporter process.
    const { key } = await ctx.apiKey('bulk:read');
    const exporter = startChild('exporter', process.execPath, [path.join(path.dirname(fileURLToPath(import.meta.url)), '../export-client.js'), JSON.stringify({
      url: platform.urls.gateway, key, file: path.join(ctx.dir, 'works-gateway.csv'),
      seconds: [round(s.exportSeconds * 0.7, 1), round(s.exportSeconds * 0.3, 1)], deepOffset: Math.floor(total * 0.9),
    })]);
    report.watch('exporter', exporter.pid);
    report.defer(() => exporter.stop(2_000));
    const result = await readyLine<{ first: Phase; deep?: Phase; bytes: number }>(exporter, (s.exportSeconds + 120) * 1000);
    report.detail.export = result;

    // Page time linear in the offset between the two samples: the mean page time over the whole list.
    let projectedRate: number;
    if (result.first.pages === 0) {
      throw new Error(`not one page could be exported: ${result.first.errors.join('; ')}`);
    } else if (result.first.done || !result.deep || result.deep.pages === 0) {
      projectedRate = result.first.rowsPerSecond;
    } else {
      const deepOffset = Math.floor(total * 0.9);
      const slope = (result.deep.msPerPage - result.first.msPerPage) / deepOffset;
      const meanMsPerPage = result.first.msPerPage + slope * (total / 2);
      projectedRate = (100 * 1000) / meanMsPerPage;
    }
    report.detail.projectedExportSeconds = round(total / projectedRate, 0);
    const n = total.toLocaleString('en-US');
    report.rows.push(
      row('W6', `rows/s, ${n} rows: gateway paging (projected) vs COPY`, projectedRate, { baseline: copyRate, goal: '≥ 0.3 × COPY', met: projectedRate >= 0.3 * copyRate }),
      row('W6', 'rows/s, first pages vs COPY', result.first.rowsPerSecond, { baseline: copyRate }),
      row('W6', `ms per page of 100, at 90 % deep vs first pages`, result.deep?.msPerPage ?? null, { baseline: result.first.msPerPage, unit: 'ms' }),
      row('W6', `seconds for all ${n} rows (projected) vs COPY`, round(total / projectedRate, 0), { baseline: round(copySeconds, 1), unit: 's' }),
      row('W6', 'page requests failed (tried again up to twice)', result.first.failedAttempts + (result.deep?.failedAttempts ?? 0), { goal: 'none', met: result.first.failedAttempts + (result.deep?.failedAttempts ?? 0) === 0 }),
    );
  },
  afterMeter(resources, report) {
    const exporter = resources.exporter;
    if (exporter) report.rows.push(row('W6', 'peak MB of the exporter process', exporter.peakMB, { unit: 'MB', goal: '< 300 MB, flat', met: exporter.peakMB < 300 }));
    for (const name of ['gateway', 'works']) {
      const u = resources[name];
      if (u) report.rows.push(row('W6', `peak MB of the ${name} during the export (growth)`, u.peakMB, { unit: 'MB', baseline: u.startMB }));
    }
  },
};

interface Phase {
  rows: number;
  pages: number;
  seconds: number;
  rowsPerSecond: number;
  msPerPage: number;
  done: boolean;
  totalCount: number;
  failedAttempts: number;
  errors: string[];
  gaveUp: boolean;
}
