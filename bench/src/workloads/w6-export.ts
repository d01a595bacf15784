/**
 * W6: the works dataset as CSV at `exportRows` rows (generated in the bench's own database, on top
 * of the demo data). The platform's way is the streaming export, `GET /datasets/works.csv` through
 * the gateway (the works subgraph's COPY piped through both): an exporter process downloads it
 * with a bulk:read key, as a mirror would, writes it to a file and counts its rows. Baseline:
 * `COPY (…) TO STDOUT` of the very query the export runs (worksCsvQuery: same columns, same
 * order), streamed to a file by the bench. The export must carry every row of the table, and its
 * bytes must be COPY's.
 *
 * Beside it, reported only: what paging through the gateway's `works` connection costs (offset
 * cursors, pages of 100, as the portal's data step reads), for a bounded time from the first row
 * and then from 90 % deep; since a page's cost grows with its offset, the whole paged export's
 * rate is projected from the two (page time linear in the offset).
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { WORKS_CSV_PATH } from '@articula/common';
import { worksCsvQuery } from '@articula/works';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { readyLine, startChild } from '../children.js';
import type { Workload } from '../context.js';
import { memory, resetPeak, round } from '../proc.js';
import { row } from '../report.js';

const COPY_SQL = `copy (${worksCsvQuery()}) to stdout with (format csv, header true)`;

const GENERATE_SQL = `insert into works.work (id, kind, title, description, sector, executor_id, status, planned_start, planned_end, investment_cost, physical_progress, external_id)
select gen_random_uuid(), 'WORK', 'Obra de exportación ' || lpad(g::text, 7, '0'), 'Fila generada para el benchmark de exportación.',
       (array['TRANSPORT', 'SANITATION', 'EDUCATION', 'HEALTH'])[1 + g % 4], a.ids[1 + g % array_length(a.ids, 1)], 'IN_EXECUTION',
       date '2026-01-01', date '2026-12-31', 100000 + g, g % 100, 'BENCH-EXPORT-' || g
  from generate_series($1::int, $2::int) g, (select array_agg(id order by id) as ids from works.agency) a`;

const EXPORTER = path.join(path.dirname(fileURLToPath(import.meta.url)), '../export-client.js');
const MB = 2 ** 20;

export const w6: Workload = {
  id: 'W6',
  title: 'Dataset export: works CSV',
  meters: 'platform',
  bound: (s) => 240 + s.exportSeconds + Math.ceil(s.exportRows / 4_000),
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

    // Baseline: COPY of the export's own query.
    const copyFile = path.join(ctx.dir, 'works-copy.csv');
    const copyStarted = performance.now();
    const copyOut = createWriteStream(copyFile);
    await pipeline(admin.query(copyTo(COPY_SQL)), copyOut);
    const copySeconds = (performance.now() - copyStarted) / 1000;
    const copyRate = total / copySeconds;
    const copyBytes = copyOut.bytesWritten;
    const { key } = await ctx.apiKey('bulk:read');

    // The platform: the streaming export through the gateway, downloaded by the exporter process.
    // The works subgraph's and the gateway's peaks (VmHWM) are reset here and read at the download's end.
    const servers = { works: platform.children.works.pid, gateway: platform.children.gateway.pid };
    const before = Object.fromEntries(Object.entries(servers).map(([name, pid]) => [name, resetPeak(pid) ? memory(pid)?.rss : undefined]));
    const streamer = startChild('exporter', process.execPath, [EXPORTER, JSON.stringify({
      mode: 'stream', url: new URL(WORKS_CSV_PATH, platform.urls.gateway).toString(), key, file: path.join(ctx.dir, 'works-export.csv'),
    })]);
    report.watch('exporter', streamer.pid);
    report.defer(() => streamer.stop(2_000));
    const streamed = await readyLine<{ rows: number; bytes: number; seconds: number; rowsPerSecond: number }>(streamer, (Math.ceil(total / 5_000) + 120) * 1000);
    const peaks = Object.fromEntries(Object.entries(servers).map(([name, pid]) => [name, memory(pid)?.hwm]));
    report.detail.stream = { ...streamed, copySeconds: round(copySeconds, 2), copyBytes };

    // Beside it: paging through the gateway, streamed by another exporter process.
    const deepOffset = Math.floor(total * 0.9);
    const pager = startChild('exporter (paging)', process.execPath, [EXPORTER, JSON.stringify({
      mode: 'paging', url: platform.urls.gateway, key, file: path.join(ctx.dir, 'works-paged.csv'),
      seconds: [round(s.exportSeconds * 0.7, 1), round(s.exportSeconds * 0.3, 1)], deepOffset,
    })]);
    report.watch('exporter (paging)', pager.pid);
    report.defer(() => pager.stop(2_000));
    const paged = await readyLine<{ first: Phase; deep?: Phase; bytes: number }>(pager, (s.exportSeconds + 120) * 1000);
    report.detail.paging = paged;

    // Page time linear in the offset between the two samples: the mean page time over the whole list.
    let projectedRate: number;
    if (paged.first.pages === 0) {
      throw new Error(`not one page could be exported: ${paged.first.errors.join('; ')}`);
    } else if (paged.first.done || !paged.deep || paged.deep.pages === 0) {
      projectedRate = paged.first.rowsPerSecond;
    } else {
      const slope = (paged.deep.msPerPage - paged.first.msPerPage) / deepOffset;
      const meanMsPerPage = paged.first.msPerPage + slope * (total / 2);
      projectedRate = (100 * 1000) / meanMsPerPage;
    }
    report.detail.projectedPagingSeconds = round(total / projectedRate, 0);
    const failedPages = paged.first.failedAttempts + (paged.deep?.failedAttempts ?? 0);
    const n = total.toLocaleString('en-US');
    report.rows.push(
      row('W6', `rows/s, ${n} rows: streaming export through the gateway vs COPY`, streamed.rowsPerSecond, { baseline: copyRate, goal: '≥ 0.3 × COPY', met: streamed.rowsPerSecond >= 0.3 * copyRate }),
      row('W6', `seconds for all ${n} rows: streaming export vs COPY`, round(streamed.seconds, 1), { baseline: round(copySeconds, 1), unit: 's' }),
      row('W6', 'rows exported vs rows in the table', streamed.rows, { baseline: total, goal: 'equal', met: streamed.rows === total }),
      row('W6', 'MB exported vs COPY of the same query', round(streamed.bytes / MB, 1), { baseline: round(copyBytes / MB, 1), unit: 'MB', goal: 'same bytes', met: streamed.bytes === copyBytes }),
      ...Object.keys(servers).filter((name) => before[name] !== undefined && peaks[name] !== undefined)
        .map((name) => row('W6', `peak MB of the ${name} during the streaming export vs before it`, round(peaks[name]! / MB, 0), { baseline: round(before[name]! / MB, 0), unit: 'MB' })),
      row('W6', `rows/s, gateway paging (projected over ${n} rows) vs COPY`, projectedRate, { baseline: copyRate }),
      row('W6', 'rows/s, gateway paging: first pages vs COPY', paged.first.rowsPerSecond, { baseline: copyRate }),
      row('W6', 'ms per page of 100, paging at 90 % deep vs first pages', paged.deep?.msPerPage ?? null, { baseline: paged.first.msPerPage, unit: 'ms' }),
      row('W6', `seconds for all ${n} rows, gateway paging (projected) vs COPY`, round(total / projectedRate, 0), { baseline: round(copySeconds, 1), unit: 's' }),
      row('W6', 'page requests failed while paging (tried again up to twice)', failedPages),
    );
  },
  afterMeter(resources, report) {
    const exporter = resources.exporter;
    if (exporter) report.rows.push(row('W6', 'peak MB of the exporter process (streaming export)', exporter.peakMB, { unit: 'MB', goal: '< 300 MB, flat', met: exporter.peakMB < 300 }));
    const pager = resources['exporter (paging)'];
    if (pager) report.rows.push(row('W6', 'peak MB of the exporter process (paging)', pager.peakMB, { unit: 'MB' }));
    for (const name of ['gateway', 'works']) {
      const u = resources[name];
      if (u) report.rows.push(row('W6', `peak MB of the ${name} during both exports (growth)`, u.peakMB, { unit: 'MB', baseline: u.startMB }));
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
  failedAttempts: number;
  errors: string[];
  gaveUp: boolean;
}
