/**
 * The MEF CSV importer against a real PostgreSQL: all or nothing, every bad row reported with its
 * line, reloads that replace instead of duplicating, the advisory lock, a 200,000-row file streamed
 * (rows/s and RSS printed), and the command line's exit codes and reports.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { freePort, fromCents, toCents } from '@articula/common';
import { type TestDatabase, createTestDatabase } from '@articula/common/testing';
import { CsvParser, type CsvRecord, MefImportError, importMefCsv } from '../src/import/mef-csv.js';
import { migrations } from '../src/migrations/index.js';
import { type CliIo, main } from '../src/scripts/import-mef.js';

const MONTHS = ['ENERO', 'FEBRERO', 'MARZO', 'ABRIL', 'MAYO', 'JUNIO', 'JULIO', 'AGOSTO', 'SETIEMBRE', 'OCTUBRE', 'NOVIEMBRE', 'DICIEMBRE'];
const HEADER = [
  'ANO_EJE', 'NIVEL_GOBIERNO_NOMBRE', 'FUNCION', 'PROGRAMA_PPTO_NOMBRE', 'FUENTE_FINANCIAMIENTO_NOMBRE', 'RUBRO_NOMBRE', 'GENERICA_NOMBRE',
  'PRODUCTO_PROYECTO', 'MONTO_PIA', 'MONTO_PIM', 'MONTO_CERTIFICADO', 'MONTO_COMPROMETIDO_ANUAL', ...MONTHS.map((m) => `MONTO_DEVENGADO_${m}`),
  'MONTO_GIRADO', 'GERENCIA', 'UBIGEO',
];

type Row = Record<string, string>;

/** A valid row: PIM 1500.50 ≥ certified 1200 ≥ committed 1100 ≥ accrued 12 × 50.25 = 603 ≥ paid 600. */
const row = (overrides: Row = {}): Row => ({
  ANO_EJE: '2024',
  NIVEL_GOBIERNO_NOMBRE: 'GOBIERNOS LOCALES',
  FUNCION: '15',
  PROGRAMA_PPTO_NOMBRE: '0138. REDUCCION DEL COSTO, TIEMPO E INSEGURIDAD EN EL SISTEMA DE TRANSPORTE',
  FUENTE_FINANCIAMIENTO_NOMBRE: 'RECURSOS DETERMINADOS',
  RUBRO_NOMBRE: '18: CANON Y SOBRECANON, REGALIAS, RENTA DE ADUANAS Y PARTICIPACIONES',
  GENERICA_NOMBRE: '6-26: ADQUISICION DE ACTIVOS NO FINANCIEROS',
  PRODUCTO_PROYECTO: '2456789',
  MONTO_PIA: '1000',
  MONTO_PIM: '1500.5',
  MONTO_CERTIFICADO: '1200.00',
  MONTO_COMPROMETIDO_ANUAL: '1100',
  ...Object.fromEntries(MONTHS.map((m) => [`MONTO_DEVENGADO_${m}`, '50.25'])),
  MONTO_GIRADO: '600',
  GERENCIA: 'GOP',
  UBIGEO: '120114',
  ...overrides,
});

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const line = (r: Row, header = HEADER) => header.map((h) => cell(r[h] ?? '')).join(',');
const csv = (rows: Row[], header = HEADER) => `${[header.join(','), ...rows.map((r) => line(r, header))].join('\n')}\n`;

/** Five rows, two years; quoted fields with commas and quotes; CRLF on one line; a BOM; lower-case header names. */
const GOOD_ROWS: Row[] = [
  row({ PROGRAMA_PPTO_NOMBRE: '9002. ASIGNACIONES PRESUPUESTARIAS QUE NO RESULTAN EN PRODUCTOS, OTROS', PRODUCTO_PROYECTO: '3999999' }),
  row({ MONTO_PIM: '2500000.75', MONTO_CERTIFICADO: '2000000', MONTO_COMPROMETIDO_ANUAL: '1999999.99', MONTO_GIRADO: '0', GENERICA_NOMBRE: 'OBRA "PISTAS, VEREDAS" EL TAMBO' }),
  row({ ANO_EJE: '2025', PRODUCTO_PROYECTO: '12345', UBIGEO: '' }),
  row({ ANO_EJE: '2025', MONTO_PIA: '0', MONTO_PIM: '0.01', MONTO_CERTIFICADO: '0', MONTO_COMPROMETIDO_ANUAL: '0', ...Object.fromEntries(MONTHS.map((m) => [`MONTO_DEVENGADO_${m}`, '0'])), MONTO_GIRADO: '0', PRODUCTO_PROYECTO: '2000001' }),
  row({ ANO_EJE: '2024', GERENCIA: 'GDS', FUNCION: '03', PRODUCTO_PROYECTO: '' }),
];
const goodCsv = () => {
  const text = `\uFEFF${csv(GOOD_ROWS).replace('ANO_EJE,', 'ano_eje,').replace('MONTO_PIM,', 'Monto_Pim,')}`;
  const lines = text.split('\n');
  lines[2] = `${lines[2]}\r`; // one CRLF line end
  return lines.join('\n');
};

const sumCents = (values: string[]) => values.reduce((s, v) => s + toCents(v), 0n);

let db: TestDatabase;
let sql: pg.Client;
let dir: string;
const url = () => db.url;
const count = async (where = "source = 'MEF_IMPORT'") => Number((await sql.query(`select count(*)::int as n from budget.budget_line where ${where}`)).rows[0].n);
const file = async (name: string, text: string) => {
  const p = path.join(dir, name);
  await writeFile(p, text);
  return p;
};

beforeAll(async () => {
  db = await createTestDatabase('budget_mef_test');
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  await sql.query('create schema budget');
  await sql.query('set search_path to budget');
  for (const { class: Class } of migrations) {
    const migration = new (Class as any)(null, null);
    await migration.up();
    for (const query of migration.getQueries()) await sql.query(String(query));
  }
  await sql.query('set search_path to public');
  dir = await mkdtemp(path.join(os.tmpdir(), 'articula-mef-'));
});

afterAll(async () => {
  await sql?.end();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await sql.query('delete from budget.budget_line');
});

/** The import's audit trail: one row per committed import. */
const auditRows = async () => (await sql.query(`select actor_kind, actor_user, operation, entity_id, summary from budget.audit_log order by id`)).rows;

async function insertLine(source: 'MANUAL' | 'MEF_IMPORT', year = 2024): Promise<void> {
  await sql.query(
    `insert into budget.budget_line (id, year, department, function_code, budget_program, funding_source, funding_item, expense_category,
       opening_budget, modified_budget, certified, committed, paid, source)
     values (gen_random_uuid(), $1, 'GOP', '15', 'P', 'F', 'R', 'G', 10, 10, 10, 10, 0, $2)`,
    [year, source],
  );
}

describe('the CSV parser', () => {
  const parse = (text: string, pieces: 'whole' | 'chars') => {
    const records: CsvRecord[] = [];
    const parser = new CsvParser((r) => records.push(r));
    if (pieces === 'whole') parser.push(text);
    else for (const c of text) parser.push(c);
    parser.end();
    return records;
  };

  it('reads quotes, doubled quotes, commas, line ends inside quotes and CRLF, whatever the chunking, with start lines', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""",\n\n"multi\nline\r\nfield",2,3\r\nlast,"",end';
    for (const pieces of ['whole', 'chars'] as const) {
      expect(parse(text, pieces)).toEqual([
        { fields: ['a', 'b', 'c'], line: 1 },
        { fields: ['x, y', 'say "hi"', ''], line: 2 },
        { fields: ['multi\nline\r\nfield', '2', '3'], line: 4 },
        { fields: ['last', '', 'end'], line: 7 },
      ]);
    }
  });

  it('flags broken quoting on the row it happens in', () => {
    expect(parse('a,b\n"x"y,1\n"open,2\n', 'whole')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['xy', '1'], line: 2, malformed: 'has text after the closing quote of a quoted field' },
      { fields: ['open,2\n'], line: 3, malformed: 'has a quoted field that is not closed before the end of the file' },
    ]);
  });
});

describe('importMefCsv', () => {
  it('loads a good file exactly: amounts, CUI only for 7-digit project codes, years', async () => {
    await insertLine('MANUAL');
    const audited = await auditRows();
    const result = await importMefCsv(await file('good.csv', goodCsv()), { databaseUrl: url() });
    expect(result).toEqual({ rows: 5, loaded: 5, rejected: [], rejectedRows: 0, years: [2024, 2025] });
    expect((await auditRows()).slice(audited.length)).toEqual([
      { actor_kind: 'SYSTEM', actor_user: 'import-mef', operation: 'importMef', entity_id: '2024,2025', summary: { rows: 5, loaded: 5, years: [2024, 2025] } },
    ]);

    const sums = (await sql.query(
      `select year, count(*)::int as n, sum(opening_budget)::text as pia, sum(modified_budget)::text as pim, sum(certified)::text as certified,
              sum(committed)::text as committed, sum(accrued_01 + accrued_06 + accrued_09 + accrued_12)::text as accrued, sum(paid)::text as paid
         from budget.budget_line where source = 'MEF_IMPORT' group by year order by year`,
    )).rows;
    const expected = [2024, 2025].map((year) => {
      const rows = GOOD_ROWS.filter((r) => r.ANO_EJE === String(year));
      const col = (c: string) => fromCents(sumCents(rows.map((r) => r[c]!)));
      return {
        year, n: rows.length, pia: col('MONTO_PIA'), pim: col('MONTO_PIM'), certified: col('MONTO_CERTIFICADO'), committed: col('MONTO_COMPROMETIDO_ANUAL'),
        accrued: fromCents(sumCents(rows.flatMap((r) => ['ENERO', 'JUNIO', 'SETIEMBRE', 'DICIEMBRE'].map((m) => r[`MONTO_DEVENGADO_${m}`]!)))),
        paid: col('MONTO_GIRADO'),
      };
    });
    expect(sums).toEqual(expected);

    const lines = (await sql.query(
      `select budget_program, expense_category, cui, ubigeo, department, function_code, work_id, modified_budget::text as pim
         from budget.budget_line where source = 'MEF_IMPORT' order by modified_budget, department`,
    )).rows;
    expect(lines.map((l) => l.cui).sort()).toEqual(['2000001', '2456789', null, null, null].sort());
    expect(lines.every((l) => l.work_id === null)).toBe(true);
    expect(lines.find((l) => l.pim === '2500000.75')).toMatchObject({ expense_category: 'OBRA "PISTAS, VEREDAS" EL TAMBO', cui: '2456789', ubigeo: '120114' });
    expect(lines.some((l) => l.budget_program === '9002. ASIGNACIONES PRESUPUESTARIAS QUE NO RESULTAN EN PRODUCTOS, OTROS' && l.cui === null)).toBe(true);
    expect(lines.filter((l) => l.ubigeo === null)).toHaveLength(1);
    expect(lines.find((l) => l.department === 'GDS')).toMatchObject({ function_code: '03', cui: null });
    expect(await count("source = 'MANUAL'")).toBe(1);
    const history = (await sql.query(`select entity_id, action, actor_kind from budget.change_log where entity_type = 'MEF_IMPORT'`)).rows;
    expect(history).toEqual([{ entity_id: '2024,2025', action: 'IMPORTED', actor_kind: 'IMPORT' }]);
  });

  it('loads nothing when any row is bad, and reports every bad row with its line, field and reason', async () => {
    await insertLine('MANUAL');
    await insertLine('MEF_IMPORT'); // the previous import of 2024: it must survive the failed reload
    const rows: Row[] = [
      row(), // line 2: good (inserted and deleted old 2024 lines before the first bad row, with batchSize 1)
      row({ MONTO_PIM: '-100' }), // 3
      row({ PROGRAMA_PPTO_NOMBRE: 'PROGRAMA\nEN TRES\nLINEAS' }), // 4-6: good, spans three lines
      row({ MONTO_PIM: '1000', MONTO_CERTIFICADO: '900', MONTO_COMPROMETIDO_ANUAL: '800', ...Object.fromEntries(MONTHS.map((m) => [`MONTO_DEVENGADO_${m}`, '50'])), MONTO_GIRADO: '700' }), // 7
      row({ MONTO_PIM: '1000', MONTO_CERTIFICADO: '900', MONTO_COMPROMETIDO_ANUAL: '800', ...Object.fromEntries(MONTHS.map((m) => [`MONTO_DEVENGADO_${m}`, '100'])), MONTO_GIRADO: '600' }), // 8
      row({ MONTO_PIM: '1000', MONTO_CERTIFICADO: '900', MONTO_COMPROMETIDO_ANUAL: '950' }), // 9
      row({ MONTO_PIM: '1000', MONTO_CERTIFICADO: '1100', MONTO_COMPROMETIDO_ANUAL: '800' }), // 10
      row({ FUNCION: 'X1' }), // 11
      row({ MONTO_PIA: '12,5' }), // 12
      row({ GERENCIA: '' }), // 13
      row({ ANO_EJE: '2025' }), // 14: good
      row({ RUBRO_NOMBRE: 'RUBRO\nPARTIDO', MONTO_DEVENGADO_ENERO: '1,234.50', MONTO_GIRADO: 'abc' }), // 15-16: two problems
      row({ UBIGEO: '150101' }), // 17: Lima, not Huancayo
    ];
    const text = csv(rows);
    const rejectedFile = path.join(dir, 'rejected.csv');
    const audited = await auditRows();
    const result = await importMefCsv(await file('bad.csv', text), { databaseUrl: url(), rejectedFile, batchSize: 1 });
    expect(await auditRows()).toEqual(audited); // nothing loaded, nothing audited

    expect(result.rows).toBe(13);
    expect(result.loaded).toBe(0);
    expect(result.rejectedRows).toBe(10);
    expect(result.years).toEqual([2024, 2025]);
    expect(result.rejected).toEqual([
      { line: 3, field: 'modifiedBudget', reason: 'cannot be negative' },
      { line: 7, field: 'paid', reason: 'cannot exceed the accrued total' },
      { line: 8, field: 'accrued', reason: 'the accrued total cannot exceed the committed amount' },
      { line: 9, field: 'committed', reason: 'cannot exceed the certified amount' },
      { line: 10, field: 'certified', reason: 'cannot exceed the modified budget (PIM)' },
      { line: 11, field: 'functionCode', reason: 'must be the 2-digit MEF function code' },
      { line: 12, field: 'openingBudget', reason: expect.stringMatching(/MONTO_PIA is "12,5".*dot as the decimal separator/) },
      { line: 13, field: 'department', reason: 'GERENCIA is empty and no default department was given' },
      { line: 15, field: 'paid', reason: expect.stringMatching(/MONTO_GIRADO is "abc", which is not an amount/) },
      { line: 15, field: 'accrued.jan', reason: expect.stringMatching(/MONTO_DEVENGADO_ENERO is "1,234.50".*no thousands separators/) },
      { line: 17, field: 'ubigeo', reason: 'is not the UBIGEO of a district of the province of Huancayo' },
    ]);

    // Nothing changed: the old MEF line is still there, no new line, the manual line untouched.
    expect(await count()).toBe(1);
    expect(await count("source = 'MANUAL'")).toBe(1);
    expect(await count('true')).toBe(2);

    const written = await readFile(rejectedFile, 'utf8');
    const records: CsvRecord[] = [];
    const parser = new CsvParser((r) => records.push(r));
    parser.push(written);
    parser.end();
    expect(records[0]!.fields).toEqual(['line', 'field', 'reason']);
    expect(records.slice(1).map((r) => ({ line: Number(r.fields[0]), field: r.fields[1], reason: r.fields[2] }))).toEqual(
      result.rejected.map((r) => ({ ...r, reason: expect.any(String) })),
    );
    expect(written).toContain('12,openingBudget,"MONTO_PIA is ""12,5"":');

    // With a default department, the row without GERENCIA is no longer a problem.
    const withDefault = await importMefCsv(await file('bad.csv', text), { databaseUrl: url(), defaultDepartment: 'GOP' });
    expect(withDefault.rejected.map((r) => r.line)).not.toContain(13);
    expect(withDefault.rejectedRows).toBe(9);
  });

  it('rejects a file with missing columns before reading any row, naming them all', async () => {
    await insertLine('MEF_IMPORT');
    const header = HEADER.filter((h) => !['FUNCION', 'MONTO_PIM', 'MONTO_DEVENGADO_SETIEMBRE', 'MONTO_GIRADO'].includes(h));
    const p = await file('columns.csv', csv([row(), row({ ANO_EJE: 'oops' })], header));
    const rejectedFile = path.join(dir, 'columns-rejected.csv');
    const error = await importMefCsv(p, { databaseUrl: url(), rejectedFile }).catch((e) => e);
    expect(error).toBeInstanceOf(MefImportError);
    expect(error.kind).toBe('columns');
    expect(error.missingColumns).toEqual(['FUNCION', 'MONTO_PIM', 'MONTO_DEVENGADO_SETIEMBRE', 'MONTO_GIRADO']);
    expect(error.message).toBe('Not a MEF budget execution file: missing columns FUNCION, MONTO_PIM, MONTO_DEVENGADO_SETIEMBRE, MONTO_GIRADO.');
    expect(await count()).toBe(1);
    expect(await readFile(rejectedFile, 'utf8')).toBe(`line,field,reason\n1,header,"${error.message.replaceAll('"', '""')}"\n`);

    // MONTO_DEVENGADO_SEPTIEMBRE stands for SETIEMBRE; other columns may be in any order.
    const spelled = [...HEADER].reverse().map((h) => (h === 'MONTO_DEVENGADO_SETIEMBRE' ? 'MONTO_DEVENGADO_SEPTIEMBRE' : h));
    const rows = [row({ MONTO_DEVENGADO_SEPTIEMBRE: '50.25' })];
    expect(await importMefCsv(await file('septiembre.csv', csv(rows, spelled)), { databaseUrl: url() })).toMatchObject({ loaded: 1, rejected: [] });

    await expect(importMefCsv(await file('empty.csv', ''), { databaseUrl: url() })).rejects.toThrow('The file is empty');
    await expect(importMefCsv(path.join(dir, 'nope.csv'), { databaseUrl: url() })).rejects.toThrow(/nope\.csv: no such file/);
  });

  it('reloads without duplicates: a year is replaced, other years and manual lines are untouched', async () => {
    await insertLine('MANUAL', 2024);
    await insertLine('MANUAL', 2025);
    const p = await file('good.csv', goodCsv());
    expect((await importMefCsv(p, { databaseUrl: url() })).loaded).toBe(5);
    expect((await importMefCsv(p, { databaseUrl: url() })).loaded).toBe(5);
    expect(await count()).toBe(5);
    expect(await count("source = 'MANUAL'")).toBe(2);

    // A file of 2025 alone replaces 2025's imported lines and leaves 2024's.
    const only2025 = await file('2025.csv', csv([row({ ANO_EJE: '2025', MONTO_PIA: '7' })]));
    expect(await importMefCsv(only2025, { databaseUrl: url() })).toMatchObject({ loaded: 1, years: [2025] });
    expect(await count("source = 'MEF_IMPORT' and year = 2024")).toBe(3);
    expect(await count("source = 'MEF_IMPORT' and year = 2025")).toBe(1);
    expect(await count("source = 'MANUAL'")).toBe(2);
  });

  it('serializes concurrent imports with the advisory lock (no interleaving, no duplicates)', async () => {
    const p = await file('good.csv', goodCsv());
    let waited = 0;
    const options = { databaseUrl: url(), batchSize: 1, onLockWait: () => waited++ };
    const results = await Promise.all([importMefCsv(p, options), importMefCsv(p, options), importMefCsv(p, options)]);
    expect(results.map((r) => r.loaded)).toEqual([5, 5, 5]);
    expect(await count()).toBe(5);
    expect(waited).toBeGreaterThanOrEqual(1);
  });

  it('accepts a stream as input', async () => {
    const result = await importMefCsv(Readable.from([Buffer.from(goodCsv())]), { databaseUrl: url(), onProgress: () => {} });
    expect(result).toMatchObject({ rows: 5, loaded: 5 });
  });

  it('streams a 200,000-row file exactly (reports rows/s and RSS)', async () => {
    const ROWS = 200_000;
    const p = path.join(dir, 'large.csv');
    let pimTotal = 0n;
    let paidTotal = 0n;
    const header = HEADER.map((h) => (h === 'MONTO_DEVENGADO_SETIEMBRE' ? 'MONTO_DEVENGADO_SEPTIEMBRE' : h));
    async function* generate() {
      yield `${header.join(',')}\n`;
      let chunk = '';
      for (let i = 0; i < ROWS; i++) {
        const pim = 100_000n + BigInt((i * 7919) % 10_000_000);
        const certified = pim - BigInt(i % 100);
        const committed = certified - BigInt(i % 7);
        const month = committed / 24n;
        const paid = month * 12n - BigInt(i % 3);
        pimTotal += pim;
        paidTotal += paid;
        const r = row({
          ANO_EJE: String(2023 + (i % 3)),
          FUNCION: String((i % 25) + 1).padStart(2, '0'),
          PROGRAMA_PPTO_NOMBRE: i % 2 ? `PROGRAMA ${i % 50}, "SUBPROGRAMA" ${i % 7}` : `PROGRAMA ${i % 50}`,
          PRODUCTO_PROYECTO: i % 4 === 0 ? String(2_000_000 + (i % 999_999)) : String(3_000_000 + (i % 1000)),
          MONTO_PIA: fromCents(pim / 2n),
          MONTO_PIM: fromCents(pim),
          MONTO_CERTIFICADO: fromCents(certified),
          MONTO_COMPROMETIDO_ANUAL: fromCents(committed),
          ...Object.fromEntries(MONTHS.map((m) => [`MONTO_DEVENGADO_${m === 'SETIEMBRE' ? 'SEPTIEMBRE' : m}`, fromCents(month)])),
          MONTO_GIRADO: fromCents(paid),
          GERENCIA: i % 5 === 0 ? '' : 'GOP',
          UBIGEO: i % 3 === 0 ? '' : '120101',
        });
        chunk += `${line(r, header)}\n`;
        if (chunk.length > 256 * 1024) {
          yield chunk;
          chunk = '';
        }
      }
      yield chunk;
    }
    await pipeline(Readable.from(generate()), createWriteStream(p));

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let progressCalls = 0;
    const started = performance.now();
    const result = await importMefCsv(p, {
      databaseUrl: url(),
      defaultDepartment: 'GDS',
      onProgress: (progress) => {
        progressCalls++;
        peak = Math.max(peak, process.memoryUsage().rss);
        expect(progress.totalBytes).toBeGreaterThan(0);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const { size } = await stat(p);
    console.log(
      `MEF import: ${ROWS.toLocaleString('en-US')} rows, ${(size / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s = ` +
        `${Math.round(ROWS / seconds).toLocaleString('en-US')} rows/s, ${(size / 1e6 / seconds).toFixed(1)} MB/s; ` +
        `RSS ${(baseline / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB (+${((peak - baseline) / 1e6).toFixed(0)} MB)`,
    );

    expect(result).toMatchObject({ rows: ROWS, loaded: ROWS, rejected: [], years: [2023, 2024, 2025] });
    expect(progressCalls).toBeGreaterThan(10);
    const totals = (await sql.query(
      `select count(*)::int as n, sum(modified_budget)::text as pim, sum(paid)::text as paid, count(cui)::int as cuis,
              count(*) filter (where department = 'GDS')::int as defaulted
         from budget.budget_line where source = 'MEF_IMPORT'`,
    )).rows[0];
    expect(totals.n).toBe(ROWS);
    expect(toCents(totals.pim)).toBe(pimTotal);
    expect(toCents(totals.paid)).toBe(paidTotal);
    expect(totals.cuis).toBe(ROWS / 4);
    expect(totals.defaulted).toBe(ROWS / 5);
  }, 300_000);
});

describe('the import-mef command', () => {
  const io = (tty = false) => {
    const out = { stdout: '', stderr: '' };
    const cli: CliIo = {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s), isTTY: tty },
      cwd: dir,
    };
    return { out, cli };
  };
  const env = () => ({ DATABASE_URL: url() });

  it('loads a good file: exit 0, progress on stderr, a report on stdout', async () => {
    await file('good.csv', goodCsv());
    const { out, cli } = io();
    expect(await main(['good.csv', '--department', 'GOP'], env(), cli)).toBe(0);
    expect(out.stdout).toContain('Read 5 rows from good.csv (years: 2024, 2025).');
    expect(out.stdout).toMatch(/Loaded 5 budget lines in \d+\.\d s/);
    expect(out.stderr).toMatch(/^import-mef: 100% read, 5 rows/m);
    expect(await count()).toBe(5);

    const tty = io(true);
    expect(await main([path.join(dir, 'good.csv')], env(), tty.cli)).toBe(0);
    expect(tty.out.stderr).toMatch(/\r\x1b\[K█+ 100%  5 rows .* rows\/s  0 rejected\n$/);
  });

  it('reports rejected rows: exit 1, nothing loaded', async () => {
    await file('bad.csv', csv([row(), row({ MONTO_PIM: '-1' }), row({ FUNCION: '7' })]));
    const toFile = io();
    expect(await main(['bad.csv', '--rejected', 'out/../rejected.csv'], env(), toFile.cli)).toBe(1);
    expect(toFile.out.stdout).toContain('Nothing loaded: 2 rejected rows, see out/../rejected.csv.');
    expect(await readFile(path.join(dir, 'rejected.csv'), 'utf8')).toBe(
      'line,field,reason\n3,modifiedBudget,cannot be negative\n4,functionCode,must be the 2-digit MEF function code\n',
    );

    const listed = io();
    expect(await main(['bad.csv'], env(), listed.cli)).toBe(1);
    expect(listed.out.stdout).toContain('  line 3  modifiedBudget: cannot be negative\n  line 4  functionCode: must be the 2-digit MEF function code\n');
    expect(await count()).toBe(0);
  });

  it('says in one line what is wrong with the file or the database: exit 1', async () => {
    await file('columns.csv', 'ANO_EJE,FUNCION\n2024,15\n');
    const columns = io();
    expect(await main(['columns.csv'], env(), columns.cli)).toBe(1);
    expect(columns.out.stderr).toMatch(/^import-mef: nothing loaded\. Not a MEF budget execution file: missing columns PROGRAMA_PPTO_NOMBRE, .*MONTO_GIRADO\.\n$/);

    await file('good.csv', goodCsv());
    const port = await freePort();
    const down = io();
    expect(await main(['good.csv'], { PG_PORT: String(port) }, down.cli)).toBe(1);
    expect(down.out.stderr).toBe(`import-mef: nothing loaded. Cannot reach PostgreSQL at 127.0.0.1:${port}/articula (ECONNREFUSED): start the platform (npm start) or set DATABASE_URL to a running server.\n`);

    const unwritable = io();
    expect(await main(['good.csv', '--rejected', 'no/such/dir/rejected.csv'], env(), unwritable.cli)).toBe(1);
    expect(unwritable.out.stderr).toBe(`import-mef: nothing loaded. Cannot write the rejected rows to ${path.join(dir, 'no/such/dir/rejected.csv')}: no such directory.\n`);
    expect(await count()).toBe(0);

    const noSchema = io();
    const other = await createTestDatabase('budget_mef_empty');
    try {
      expect(await main(['good.csv'], { DATABASE_URL: other.url }, noSchema.cli)).toBe(1);
    } finally {
      await other.drop();
    }
    expect(noSchema.out.stderr).toMatch(/^import-mef: nothing loaded\. The table budget\.budget_line does not exist .*\n$/);
  });

  it('rejects usage mistakes: exit 2', async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [[], env(), /Which file\?/],
      [['a.csv', 'b.csv'], env(), /One file at a time/],
      [['good.csv', '--bogus'], env(), /Unknown option '--bogus'/],
      [['good.csv', '--department', 'gop'], env(), /--department "gop" is not a department code/],
      [['missing.csv'], env(), /missing\.csv: no such file/],
      [['good.csv'], { DATABASE_URL: 'mysql://x' }, /invalid configuration: DATABASE_URL: must be a postgres:\/\/ URL/],
    ];
    for (const [argv, environment, message] of cases) {
      const { out, cli } = io();
      expect(await main(argv, environment, cli)).toBe(2);
      expect(out.stderr).toMatch(message);
      expect(out.stderr).not.toMatch(/\n\s+at /);
    }
    const help = io();
    expect(await main(['--help'], env(), help.cli)).toBe(0);
    expect(help.out.stdout).toContain('Usage: npm run import-mef');
  });
});
