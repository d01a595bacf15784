/**
 * W3: an agency's ingest. A CSV of interventions goes through the importer (importer/dist/cli.js,
 * batches of 250 through the gateway's `upsertInterventions`, with an agency's API key), timed
 * from start to exit. Baseline: PostgreSQL `COPY` of the same file into a scratch table with the
 * same columns, typed. Beside them, to tell what the platform's own tables cost from what the API
 * costs: the imported works COPY'd into a copy of works.work with its indexes.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { startChild } from '../children.js';
import type { Workload } from '../context.js';
import { ROOT } from '../platform.js';
import { round } from '../proc.js';
import { row } from '../report.js';

const HEADER = 'external_id,work_id,kind,title,description,sector,status,suspension_reason,districts,latitude,longitude,cui,infobras_code,planned_start,planned_end,actual_start,actual_end,investment_cost,contract_amount,contractor_name,contractor_ruc,physical_progress,progress_date';
const DISTRICTS = ['120124', '120124|120134', '120101', '120114|120107', '120107'];
const SECTORS = ['TRANSPORT', 'TRANSPORT', 'SANITATION', 'EDUCATION', 'HEALTH'];

function csvRow(i: number): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [
    `BENCH-${String(i).padStart(7, '0')}`, '', 'WORK', `Mantenimiento periódico del camino vecinal "tramo ${i}"`,
    'Mantenimiento periódico, con limpieza de cunetas y bacheo.', SECTORS[i % SECTORS.length]!, 'IN_EXECUTION', '', DISTRICTS[i % DISTRICTS.length]!, '', '',
    '', '', '2026-02-01', '2026-12-20', '2026-02-10', '', `${100000 + i}.50`, '', '', '', String(i % 100), '',
  ].map(cell).join(',');
}

async function writeCsv(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  out.write(`${HEADER}\r\n`);
  for (let i = 1; i <= rows; i++) {
    if (!out.write(`${csvRow(i)}\r\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return out.bytesWritten;
}

const SCRATCH = `create table if not exists bench_scratch.intervention (
  external_id text, work_id uuid, kind text, title text, description text, sector text, status text, suspension_reason text,
  districts text, latitude numeric(9,6), longitude numeric(9,6), cui char(7), infobras_code text, planned_start date, planned_end date,
  actual_start date, actual_end date, investment_cost numeric(14,2), contract_amount numeric(14,2), contractor_name text,
  contractor_ruc char(11), physical_progress numeric(5,2), progress_date date)`;

export const w3: Workload = {
  id: 'W3',
  title: 'Agency ingest: importer vs COPY',
  meters: 'platform',
  bound: (s) => 120 + Math.ceil(s.ingestRows / 200),
  async run(ctx, report) {
    const rows = ctx.settings.ingestRows;
    const platform = await ctx.platform();
    const { key } = await ctx.apiKey('interventions:write', 'PVD');
    const file = path.join(ctx.dir, 'interventions.csv');
    report.detail.fileBytes = await writeCsv(file, rows);

    // Baseline first (it does not touch the platform's tables).
    const admin = new pg.Client({ connectionString: platform.databaseUrl });
    await admin.connect();
    report.defer(() => admin.end());
    await admin.query('create schema if not exists bench_scratch');
    await admin.query(SCRATCH);
    await admin.query('truncate bench_scratch.intervention');
    const copyStarted = performance.now();
    await pipeline(createReadStream(file), admin.query(copyFrom('copy bench_scratch.intervention from stdin with (format csv, header true)')));
    const copySeconds = (performance.now() - copyStarted) / 1000;
    const copied = Number((await admin.query('select count(*) as n from bench_scratch.intervention')).rows[0].n);
    if (copied !== rows) throw new Error(`COPY loaded ${copied} rows of ${rows}`);
    await admin.query('drop table bench_scratch.intervention');

    // The importer as an agency runs it.
    const started = performance.now();
    const importer = startChild('importer', process.execPath, [path.join(ROOT, 'importer/dist/cli.js'), '--file', file, '--key', key, '--url', platform.urls.gateway, '--batch', '250', '--json'], {
      cwd: ctx.dir, env: { ...process.env, INIT_CWD: ctx.dir },
    });
    report.watch('importer', importer.pid);
    report.defer(() => importer.stop(2_000));
    const code = await Promise.race([importer.exited, new Promise<never>((_, reject) => report.signal.addEventListener('abort', () => reject(new Error('time bound reached')), { once: true }))]);
    const seconds = (performance.now() - started) / 1000;
    const line = importer.output().split('\n').reverse().find((l) => l.startsWith('{'));
    if (code !== 0 || !line) throw new Error(`the importer exited with ${code}: ${importer.output().slice(-1000)}`);
    const result = JSON.parse(line) as { created: number; updated: number; unchanged: number; rejected: number; totalRows: number };
    if (result.created + result.updated + result.unchanged !== rows || result.rejected) throw new Error(`the importer did not load every row: ${line}`);

    // What the works alone cost PostgreSQL, whoever writes them: the imported rows copied out, then
    // COPY'd into a copy of works.work with its indexes (the full-text GIN among them) and checks,
    // without the district, history and progress rows, events, triggers or foreign keys.
    await admin.query('create table bench_scratch.work (like works.work including all)');
    report.defer(() => admin.query('drop table if exists bench_scratch.work'));
    const workColumns = (await admin.query(`select string_agg(quote_ident(attname), ', ' order by attnum) as list from pg_attribute
      where attrelid = 'works.work'::regclass and attnum > 0 and not attisdropped and attgenerated = ''`)).rows[0].list as string;
    const worksFile = path.join(ctx.dir, 'works.copy');
    await pipeline(admin.query(copyTo(`copy (select ${workColumns} from works.work where external_id like 'BENCH-%') to stdout`)), createWriteStream(worksFile));
    const worksCopyStarted = performance.now();
    await pipeline(createReadStream(worksFile), admin.query(copyFrom(`copy bench_scratch.work (${workColumns}) from stdin`)));
    const worksCopySeconds = (performance.now() - worksCopyStarted) / 1000;
    const worksCopied = Number((await admin.query('select count(*) as n from bench_scratch.work')).rows[0].n);
    if (worksCopied !== rows) throw new Error(`COPY into the copy of works.work loaded ${worksCopied} rows of ${rows}`);

    const importRate = rows / seconds;
    const copyRate = rows / copySeconds;
    report.rows.push(
      row('W3', `rows/s, ${rows.toLocaleString('en-US')} interventions: importer vs COPY`, importRate, { baseline: copyRate, goal: '≥ 0.05 × COPY', met: importRate >= 0.05 * copyRate }),
      row('W3', 'seconds, importer vs COPY', round(seconds, 1), { baseline: round(copySeconds, 2), unit: 's' }),
      row('W3', 'rows/s, COPY of the same works into a copy of works.work (its indexes) vs COPY', rows / worksCopySeconds, { baseline: copyRate }),
    );
    report.detail.importer = result;
  },
};
