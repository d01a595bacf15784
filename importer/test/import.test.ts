/**
 * The importer against the platform as `npm start` runs it: a file goes through the gateway in
 * batches; killed mid-file, the next run resumes and the final counts are exact; rejected rows are
 * listed with their reasons, once each.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { type ImportPlatform, startImportPlatform } from './support.js';

const root = new URL('../../', import.meta.url).pathname;
const CLI = path.join(root, 'importer/dist/cli.js');
const ROWS = 8000;
const BAD_ROWS = new Map<number, string>([[17, 'districts'], [999, 'latitude'], [2500, 'title'], [4001, 'cui'], [6502, 'districts'], [7999, 'physical_progress']]);

let p: ImportPlatform;
let gatewayUrl: string;
let dir: string;
let key: string;
let agencyId: string;
let client: pg.Client;

beforeAll(async () => {
  p = await startImportPlatform('importer', 'PVD');
  ({ gatewayUrl, dir, key, agencyId, client } = p);
}, 120_000);

afterAll(() => p?.stop());

function csvRow(i: number): string {
  const bad = BAD_ROWS.get(i);
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const row = {
    external_id: `IMP-${String(i).padStart(6, '0')}`, work_id: '', kind: 'WORK', title: bad === 'title' ? '' : `Mantenimiento periódico del camino vecinal "tramo ${i}", Pucará`,
    description: 'Mantenimiento periódico, con limpieza de cunetas y bacheo.\nSegunda línea de la descripción.', sector: 'TRANSPORT', status: 'IN_EXECUTION', suspension_reason: '',
    districts: bad === 'districts' ? '999999' : i % 3 === 0 ? '120124|120134' : '120124', latitude: bad === 'latitude' ? '-12,17' : '', longitude: '',
    cui: bad === 'cui' ? '12' : '', infobras_code: '', planned_start: '2026-02-01', planned_end: '2026-12-20', actual_start: '2026-02-10', actual_end: '',
    investment_cost: `${100000 + i}.50`, contract_amount: '', contractor_name: '', contractor_ruc: '', physical_progress: bad === 'physical_progress' ? '140' : String(i % 100), progress_date: '',
  };
  return Object.values(row).map(cell).join(',');
}

/** The CLI to completion, with --json; `options` as for spawn (the working folder, INIT_CWD). */
async function run(file: string, extra: string[] = [], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, '--file', file, '--key', key, '--url', gatewayUrl, '--batch', '100', '--json', ...extra], { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return { code, stdout, stderr };
}

const importedWorks = async () =>
  (await client.query(`select count(*)::int as n from works.work where executor_id = $1 and external_id like 'IMP-%'`, [agencyId])).rows[0].n;

it('resumes after being killed mid-file, and the final counts are exact', async () => {
  const header = 'external_id,work_id,kind,title,description,sector,status,suspension_reason,districts,latitude,longitude,cui,infobras_code,planned_start,planned_end,actual_start,actual_end,investment_cost,contract_amount,contractor_name,contractor_ruc,physical_progress,progress_date';
  const file = path.join(dir, 'obras.csv');
  await writeFile(file, `${header}\r\n${Array.from({ length: ROWS }, (_, i) => csvRow(i + 1)).join('\r\n')}\r\n`);
  const stateFile = `${file}.import-state.json`;

  // First run: killed (SIGKILL, no chance to tidy up) once a good part of the file is in.
  const child = spawn(process.execPath, [CLI, '--file', file, '--key', key, '--url', gatewayUrl, '--batch', '100'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((r) => child.once('exit', r));
  for (;;) {
    const state = await readFile(stateFile, 'utf8').then(JSON.parse).catch(() => null);
    if (state && state.lastRow >= 2000) break;
    if (child.exitCode !== null) throw new Error('the first run ended before it could be interrupted');
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  await exited;
  const interrupted = JSON.parse(await readFile(stateFile, 'utf8'));
  expect(interrupted.done).toBe(false);
  expect(interrupted.lastRow).toBeLessThan(ROWS);
  const inBefore = await importedWorks();
  expect(inBefore).toBeGreaterThanOrEqual(1900);
  expect(inBefore).toBeLessThan(ROWS);

  // Second run: resumes, and its report covers the whole file exactly.
  const second = await run(file);
  expect(second.code).toBe(0);
  const report = JSON.parse(second.stdout);
  expect(report.resumedFromRow).toBe(interrupted.lastRow);
  expect(report).toMatchObject({ totalRows: ROWS, created: ROWS - BAD_ROWS.size, updated: 0, unchanged: 0, rejected: BAD_ROWS.size });
  expect(await importedWorks()).toBe(ROWS - BAD_ROWS.size);
  const history = await client.query(`select count(*)::int as n, count(distinct c.work_id)::int as works from works.work_change c join works.work w on w.id = c.work_id where w.executor_id = $1 and w.external_id like 'IMP-%'`, [agencyId]);
  expect(history.rows[0]).toEqual({ n: ROWS - BAD_ROWS.size, works: ROWS - BAD_ROWS.size }); // nothing written twice

  // Every rejected row once, with its row number, field and reason.
  const rejected = (await readFile(report.rejectedFile, 'utf8')).trim().split('\r\n');
  expect(rejected[0]).toBe('row,external_id,field,reason');
  const rows = rejected.slice(1).map((line) => Number(line.split(',')[0]));
  expect([...new Set(rows)].sort((a, b) => a - b)).toEqual([...BAD_ROWS.keys()].sort((a, b) => a - b));
  for (const [row, field] of BAD_ROWS) {
    const line = rejected.find((l) => l.startsWith(`${row},`))!;
    expect(line.toLowerCase()).toContain(field.split('_')[0]);
  }

  // Run again from the start: nothing new, everything unchanged.
  const third = await run(file, ['--restart']);
  expect(third.code).toBe(0);
  expect(JSON.parse(third.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: ROWS - BAD_ROWS.size, rejected: BAD_ROWS.size, resumedFromRow: 0 });
});

it('refuses a file with columns the format does not define, before sending anything', async () => {
  const file = path.join(dir, 'otra.csv');
  await writeFile(file, 'external_id,titulo_obra\r\nX-1,Algo\r\n');
  const r = await run(file);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('titulo_obra');
});

it('reads a relative path from where the user ran npm (INIT_CWD), and names a missing file plainly', async () => {
  await writeFile(path.join(dir, 'una.csv'), 'external_id,kind,title,sector,status,districts\r\nREL-1,WORK,Obra con ruta relativa,TRANSPORT,PLANNED,120124\r\n');
  // As `npm run import` does: the process runs in the importer's folder, INIT_CWD is where the user was.
  const runIn = (file: string) => run(file, [], { cwd: path.join(root, 'importer'), env: { ...process.env, INIT_CWD: dir } });
  const ok = await runIn('una.csv');
  expect(ok.code).toBe(0);
  expect(JSON.parse(ok.stdout)).toMatchObject({ created: 1, rejected: 0 });
  const missing = await runIn('no-existe.csv');
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain(`no such file: ${path.join(dir, 'no-existe.csv')}`);
});

it('writes an intervention named in several batches in the file\'s order, with batches in flight', async () => {
  // Five batches of 100 (four in flight at most), each updating the same 100 interventions: progress 10, 20, 30, 40, 50.
  const header = 'external_id,kind,title,sector,status,districts,physical_progress';
  const rows = Array.from({ length: 500 }, (_, i) => `ORD-${String(i % 100).padStart(3, '0')},WORK,Pistas y veredas del jirón ${i % 100},TRANSPORT,IN_EXECUTION,120101,${10 * (1 + Math.floor(i / 100))}`);
  const file = path.join(dir, 'orden.csv');
  await writeFile(file, `${header}\r\n${rows.join('\r\n')}\r\n`);
  const r = await run(file, ['--parallel', '4']);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ totalRows: 500, created: 100, updated: 400, unchanged: 0, rejected: 0 });
  const progress = await client.query(`select w.external_id, w.physical_progress::float as now, array_agg(p.physical_progress::float order by p.created_at, p.physical_progress) as reports
      from works.work w join works.progress_report p on p.work_id = w.id where w.executor_id = $1 and w.external_id like 'ORD-%' group by w.id`, [agencyId]);
  expect(progress.rows).toHaveLength(100);
  for (const row of progress.rows) expect({ id: row.external_id, now: row.now, reports: row.reports }).toEqual({ id: row.external_id, now: 50, reports: [10, 20, 30, 40, 50] });
});

it('refuses a number of batches in flight outside 1–4', async () => {
  const r = await run(path.join(dir, 'orden.csv'), ['--parallel', '9']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('between 1 and 4');
});
