/**
 * The works dataset (GET /datasets/works.csv) over real HTTP from the works subgraph: the header,
 * every row once in the order `title, id`, quoting, filters and their refusals, the contractor
 * rule, and clients that go away mid-download (their COPY stops, their connections are not kept).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { capturingStderr, parseCsv } from '@articula/common/testing';
import { WORKS_CSV_COLUMNS } from '../src/modules/dataset/works-csv.js';
import { type WorksHarness, startWorksHarness } from './harness.js';

let h: WorksHarness;
let exportUrl: string;

const TRICKY_TITLE = 'Obra "Los Álamos", tramo 2\nsegunda línea';

beforeAll(async () => {
  h = await startWorksHarness();
  exportUrl = new URL('/datasets/works.csv', h.service.url).toString();
  const [{ id: executor }] = await h.sql<{ id: string }>(`select id from agency where acronym = 'GRJ'`);
  await h.sql(
    `insert into work (id, kind, title, sector, executor_id, status, contractor_name, contractor_ruc) values
       ('00000000-0000-4000-8000-000000000001', 'WORK', ?, 'TRANSPORT', ?, 'IN_EXECUTION', 'Juan Pérez Quispe', '10412345678'),
       ('00000000-0000-4000-8000-000000000002', 'WORK', 'Obra de una empresa', 'TRANSPORT', ?, 'IN_EXECUTION', 'Constructora Andina S.A.C.', '20512345678')`,
    [TRICKY_TITLE, executor, executor],
  );
  await h.sql(`insert into work_district (work_id, ubigeo) values ('00000000-0000-4000-8000-000000000001', '120124'), ('00000000-0000-4000-8000-000000000001', '120101')`);
});
afterAll(() => h?.stop());

async function download(query = '') {
  const response = await fetch(`${exportUrl}${query}`);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The rows as objects keyed by the header. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

describe('the whole dataset', () => {
  it('streams every work once, in the order title, id, under exactly the documented header', async () => {
    const r = await download();
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="obras.csv"');
    expect(r.headers.get('cache-control')).toBe('public, max-age=60');

    const [header, ...rows] = parseCsv(r.text);
    expect(header).toEqual([...WORKS_CSV_COLUMNS]);
    const [{ n }] = await h.sql<{ n: number }>('select count(*)::int as n from work');
    expect(rows).toHaveLength(n);
    expect(rows.every((row) => row.length === WORKS_CSV_COLUMNS.length)).toBe(true);
    const expected = await h.sql<{ id: string }>('select id from work order by title, id');
    expect(rows.map((row) => row[0])).toEqual(expected.map((w) => w.id));
  });

  it('quotes what needs quoting: a title with quotes, a comma and a line break comes back as it was', async () => {
    const tricky = records((await download()).text).find((w) => w.id === '00000000-0000-4000-8000-000000000001')!;
    expect(tricky).toMatchObject({ title: TRICKY_TITLE, kind: 'WORK', sector: 'TRANSPORT', status: 'IN_EXECUTION', districts: '120101|120124', executor_level: 'REGIONAL' });
    expect(tricky.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("gives a contractor's name and RUC only for legal entities (RUC 20…): a natural person's RUC holds their DNI", async () => {
    const byId = new Map(records((await download()).text).map((w) => [w.id, w]));
    expect(byId.get('00000000-0000-4000-8000-000000000001')).toMatchObject({ contractor_name: '', contractor_ruc: '' });
    expect(byId.get('00000000-0000-4000-8000-000000000002')).toMatchObject({ contractor_name: 'Constructora Andina S.A.C.', contractor_ruc: '20512345678' });
    const text = (await download()).text;
    expect(text).not.toContain('10412345678');
    expect(text).not.toContain('Juan Pérez Quispe');
  });
});

it("is documented in the README: the columns, in the export's order", () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const columns = /\*\*Columns\*\*, in this order: (.*)/.exec(readme)?.[1] ?? '';
  expect([...columns.matchAll(/`([a-z_]+)`/g)].map((m) => m[1])).toEqual([...WORKS_CSV_COLUMNS]);
});

describe('filters', () => {
  it("district: exactly that district's works, named in the file name", async () => {
    const r = await download('?district=120124');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="obras-120124.csv"');
    const ids = records(r.text).map((w) => w.id).sort();
    const expected = (await h.sql<{ id: string }>(`select work_id as id from work_district where ubigeo = '120124'`)).map((w) => w.id).sort();
    expect(expected.length).toBeGreaterThan(1);
    expect(ids).toEqual(expected);
  });

  it('sector and status together: exactly the works with both', async () => {
    const r = await download('?sector=TRANSPORT&status=IN_EXECUTION');
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="obras-transport-in_execution.csv"');
    const rows = records(r.text);
    const [{ n }] = await h.sql<{ n: number }>(`select count(*)::int as n from work where sector = 'TRANSPORT' and status = 'IN_EXECUTION'`);
    expect(n).toBeGreaterThan(1);
    expect(rows).toHaveLength(n);
    expect(rows.every((w) => w.sector === 'TRANSPORT' && w.status === 'IN_EXECUTION')).toBe(true);
  });

  it.each([
    ['district=999999', 'district'],
    ['district=120137', 'district'],
    ['sector=ROADS', 'sector'],
    ['status=DONE', 'status'],
    ['district=120101&district=120124', 'district'],
    ['distrito=120101', 'distrito'],
  ])('refuses %s with 400 BAD_USER_INPUT naming %s, and streams nothing', async (query, field) => {
    const r = await download(`?${query}`);
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(r.text);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, reason: expect.any(String) });
    expect(body.errors[0].message).toContain(field);
  });
});

describe('clients that go away', () => {
  /** Reads the first chunk of a download, then drops the connection. */
  const abandon = () =>
    new Promise<void>((resolve, reject) => {
      const request = http.get(exportUrl, (response) => {
        response.once('data', () => {
          request.destroy();
          resolve();
        });
      });
      request.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(error)));
    });

  const lingering = () =>
    h.sql<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and usename = 'articula_works' and (query ilike 'copy%' or state like 'idle in transaction%')`,
    );

  it('stops the COPY of each of 20 downloads dropped mid-stream; the next download is whole and no connection lingers', async () => {
    // Enough rows (about 5 MB) that a download is far from over when its first chunk arrives.
    const [{ id: executor }] = await h.sql<{ id: string }>(`select id from agency where acronym = 'GRJ'`);
    await h.sql(
      `insert into work (id, kind, title, sector, executor_id, status)
       select gen_random_uuid(), 'WORK', 'Obra de carga ' || lpad(g::text, 6, '0') || repeat(' con un título largo', 8), 'TRANSPORT', ?, 'PLANNED'
         from generate_series(1, 20000) g`,
      [executor],
    );
    const { text: log } = await capturingStderr(async () => {
      await Promise.all(Array.from({ length: 20 }, abandon));
      const deadline = Date.now() + 10_000;
      while ((await lingering())[0]!.n > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    });
    expect((await lingering())[0]!.n).toBe(0);
    const lines = log.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    expect(lines.filter((l) => l.msg === 'works dataset export abandoned by the client')).toHaveLength(20);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);

    const r = await download();
    expect(r.status).toBe(200);
    const [{ n }] = await h.sql<{ n: number }>('select count(*)::int as n from work');
    expect(parseCsv(r.text)).toHaveLength(n + 1);
    expect((await lingering())[0]!.n).toBe(0);
  });
});
