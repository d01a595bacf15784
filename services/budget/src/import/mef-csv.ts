/**
 * Loads MEF's open dataset "Presupuesto y ejecución de gasto" (monthly accrued variant) into
 * budget.budget_line, all or nothing.
 *
 * The file is streamed: bytes are decoded and parsed (RFC 4180) chunk by chunk, every row is
 * validated with the same rules as the API (budgetLineProblems), and valid rows go to the
 * database in bounded batches while the file is still being read, inside ONE transaction on ONE
 * connection that holds an advisory lock, so two imports never interleave. A year's previous
 * MEF_IMPORT lines are deleted the first time the file mentions that year, which makes a reload
 * replace what the last import of that year loaded (manual and demo lines are never touched).
 * If any row is rejected the transaction is rolled back at once (nothing is loaded) and the rest
 * of the file is only validated, so that the result lists every bad row: its line in the file
 * (the header is line 1; a quoted field spanning lines counts all its lines), field and reason.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import pg from 'pg';
import { type BudgetLineDraft, MONTH_KEYS, budgetLineProblems } from '../modules/execution/budget-line.rules.js';

export interface MefImportProgress {
  /** Bytes of the file read so far. */
  bytes: number;
  /** The file's size, when known (the input was a path). */
  totalBytes?: number;
  /** Data rows read so far (the header and blank lines are not rows). */
  rows: number;
  /** Rows rejected so far. */
  rejected: number;
}

export interface MefImportOptions {
  databaseUrl: string;
  /** Department (gerencia) code for rows whose GERENCIA column is absent or empty. */
  defaultDepartment?: string;
  onProgress?: (progress: MefImportProgress) => void;
  /** Called once when another import holds the lock and this one waits for it. */
  onLockWait?: () => void;
  /**
   * Where to write the rejected rows as CSV (line,field,reason). Opened before anything else and
   * written whatever the outcome: only the header line when all was loaded; when the import
   * fails as a whole, a last row says why (line 1 for missing columns, 0 for the file or database).
   */
  rejectedFile?: string;
  /** Rows per INSERT (default 1,000). */
  batchSize?: number;
}

export interface MefRejection {
  /** Line in the file where the row starts (the header is line 1). */
  line: number;
  /** The budget line's field (as in BudgetLineDraft: modifiedBudget, accrued.sep, department…), or `row`. */
  field: string;
  reason: string;
}

export interface MefImportResult {
  /** Data rows read. */
  rows: number;
  /** Rows committed to budget_line (0 when anything was rejected). */
  loaded: number;
  /** Every problem of every rejected row, in file order (a row may have several). */
  rejected: MefRejection[];
  /** Distinct rows rejected. */
  rejectedRows: number;
  /** Years of the file's rows, ascending. */
  years: number[];
}

/**
 * A problem with the whole import, not with a row: the file cannot be read or is not a MEF file
 * (missing columns), or the database cannot be used. Nothing was loaded.
 */
export class MefImportError extends Error {
  override name = 'MefImportError';
  constructor(
    readonly kind: 'file' | 'columns' | 'database',
    message: string,
    readonly missingColumns: string[] = [],
  ) {
    super(message);
  }
}

// ─── Columns ──────────────────────────────────────────────────────────────────────────────────

interface Column {
  /** Accepted names, upper case; the first is the one reported when it is missing. */
  names: string[];
  required: boolean;
}

const MONTH_NAMES = ['ENERO', 'FEBRERO', 'MARZO', 'ABRIL', 'MAYO', 'JUNIO', 'JULIO', 'AGOSTO', 'SETIEMBRE', 'OCTUBRE', 'NOVIEMBRE', 'DICIEMBRE'];

const COLUMNS = {
  year: { names: ['ANO_EJE'], required: true },
  functionCode: { names: ['FUNCION'], required: true },
  budgetProgram: { names: ['PROGRAMA_PPTO_NOMBRE'], required: true },
  fundingSource: { names: ['FUENTE_FINANCIAMIENTO_NOMBRE'], required: true },
  fundingItem: { names: ['RUBRO_NOMBRE'], required: true },
  expenseCategory: { names: ['GENERICA_NOMBRE'], required: true },
  product: { names: ['PRODUCTO_PROYECTO'], required: true },
  openingBudget: { names: ['MONTO_PIA'], required: true },
  modifiedBudget: { names: ['MONTO_PIM'], required: true },
  certified: { names: ['MONTO_CERTIFICADO'], required: true },
  committed: { names: ['MONTO_COMPROMETIDO_ANUAL'], required: true },
  ...Object.fromEntries(
    MONTH_NAMES.map((m, i) => [
      `accrued.${MONTH_KEYS[i]}`,
      { names: m === 'SETIEMBRE' ? ['MONTO_DEVENGADO_SETIEMBRE', 'MONTO_DEVENGADO_SEPTIEMBRE'] : [`MONTO_DEVENGADO_${m}`], required: true },
    ]),
  ),
  paid: { names: ['MONTO_GIRADO'], required: true },
  department: { names: ['GERENCIA'], required: false },
  ubigeo: { names: ['UBIGEO'], required: false },
} satisfies Record<string, Column>;

type ColumnKey = keyof typeof COLUMNS;
type ColumnIndex = Record<ColumnKey, number>;

/** Every required column of the MEF file, as reported when missing. */
export const MEF_REQUIRED_COLUMNS: readonly string[] = Object.values(COLUMNS as Record<string, Column>)
  .filter((c) => c.required)
  .map((c) => c.names[0]!);

/** Where each column is in the header (-1 when absent), or all missing required columns. */
function indexColumns(header: string[]): { index: ColumnIndex; names: string[] } | { missing: string[] } {
  const names = header.map((h) => h.trim().toUpperCase());
  const index = {} as ColumnIndex;
  const missing: string[] = [];
  for (const [key, column] of Object.entries(COLUMNS as Record<string, Column>)) {
    const at = column.names.map((n) => names.indexOf(n)).find((i) => i >= 0) ?? -1;
    if (at < 0 && column.required) missing.push(column.names[0]!);
    index[key as ColumnKey] = at;
  }
  return missing.length > 0 ? { missing } : { index, names };
}

// ─── CSV ──────────────────────────────────────────────────────────────────────────────────────

export interface CsvRecord {
  fields: string[];
  /** Line where the record starts, 1-based. */
  line: number;
  /** Why the record's quoting is broken, when it is. */
  malformed?: string;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const State = {
  FieldStart: 0,
  Unquoted: 1,
  Quoted: 2,
  /** A quote inside a quoted field: either the first of a doubled quote or the closing one. */
  QuoteInQuoted: 3,
  /** A CR ended the record; a LF right after it belongs to the same line end. */
  AfterCr: 4,
} as const;
type State = (typeof State)[keyof typeof State];

/**
 * An incremental RFC 4180 parser: feed it text in pieces of any size (a piece may end anywhere,
 * even between the two quotes of a doubled quote or between CR and LF); it hands over each
 * complete record with the line it starts on. Blank lines are skipped but counted.
 */
export class CsvParser {
  private state: State = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  private line = 1;
  private recordLine = 1;
  private malformed: string | undefined;
  private quoted = false;

  constructor(private readonly onRecord: (record: CsvRecord) => void) {}

  push(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case State.FieldStart:
          if (text.charCodeAt(i) === QUOTE) {
            this.state = State.Quoted;
            this.quoted = true;
            i++;
          } else {
            this.state = State.Unquoted;
          }
          break;
        case State.Unquoted: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = text.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          if (j > i) this.field += text.slice(i, j);
          if (j === n) {
            i = n;
          } else {
            this.delimiter(c);
            i = j + 1;
          }
          break;
        }
        case State.Quoted: {
          const q = text.indexOf('"', i);
          const end = q < 0 ? n : q;
          for (let k = i; k < end; k++) if (text.charCodeAt(k) === LF) this.line++;
          this.field += text.slice(i, end);
          if (q < 0) {
            i = n;
          } else {
            this.state = State.QuoteInQuoted;
            i = q + 1;
          }
          break;
        }
        case State.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            i++;
          } else if (c === COMMA || c === LF || c === CR) {
            this.delimiter(c);
            i++;
          } else {
            // `"abc"def`: keep the text, but the row is not trustworthy.
            this.malformed ??= 'has text after the closing quote of a quoted field';
            this.state = State.Unquoted;
          }
          break;
        }
        case State.AfterCr:
          if (text.charCodeAt(i) === LF) i++;
          this.state = State.FieldStart;
          break;
      }
    }
  }

  /** The input is over: hands over the last record when it has no line end. */
  end(): void {
    switch (this.state) {
      case State.Quoted:
        this.malformed ??= 'has a quoted field that is not closed before the end of the file';
        this.fields.push(this.field);
        this.endRecord();
        break;
      case State.Unquoted:
      case State.QuoteInQuoted:
        this.fields.push(this.field);
        this.endRecord();
        break;
      case State.FieldStart:
        if (this.fields.length > 0) {
          this.fields.push('');
          this.endRecord();
        }
        break;
      case State.AfterCr:
        break;
    }
    this.state = State.FieldStart;
  }

  private delimiter(c: number): void {
    this.fields.push(this.field);
    this.field = '';
    if (c === COMMA) {
      this.state = State.FieldStart;
      return;
    }
    this.endRecord();
    this.line++;
    this.recordLine = this.line;
    this.state = c === CR ? State.AfterCr : State.FieldStart;
  }

  private endRecord(): void {
    const fields = this.fields;
    this.fields = [];
    this.field = '';
    const blank = fields.length === 1 && fields[0] === '' && !this.quoted && this.malformed === undefined;
    if (!blank) this.onRecord({ fields, line: this.recordLine, ...(this.malformed ? { malformed: this.malformed } : {}) });
    this.malformed = undefined;
    this.quoted = false;
  }
}

/** A value for a CSV cell: quoted when it holds a comma, a quote or a line end. */
export const csvCell = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

// ─── Rows ─────────────────────────────────────────────────────────────────────────────────────

/** A plain number as MEF writes it (dot decimal separator, nothing else), possibly negative. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
/** A 7-digit CUI of an investment project; other PRODUCTO_PROYECTO codes are products. */
const CUI = /^2\d{6}$/;
const YEAR = /^\d{4}$/;
const AMOUNT_FIELDS = ['openingBudget', 'modifiedBudget', 'certified', 'committed', 'paid', ...MONTH_KEYS.map((m) => `accrued.${m}`)];
const NO_PROBLEMS: MefRejection[] = [];

/** Where the columns are in this file's header. */
interface Layout {
  index: ColumnIndex;
  /** The header's names, upper case, for messages. */
  names: string[];
  months: number[];
  width: number;
  defaultDepartment: string | undefined;
}

interface ParsedRow {
  draft: BudgetLineDraft;
  problems: MefRejection[];
}

const cellAt = (fields: string[], at: number) => (at < 0 ? '' : fields[at]!.trim());

function amountReason(column: string, raw: string): string | undefined {
  if (raw === '') return `${column} is empty: write 0 for no amount`;
  if (PLAIN_NUMBER.test(raw)) return undefined; // sign and decimals: the rules' reason says it
  if (/^-?[\d.,]+$/.test(raw) && raw.includes(',')) {
    return `${column} is "${raw}": amounts use a dot as the decimal separator and no thousands separators (e.g. 1234.50)`;
  }
  return `${column} is "${raw}", which is not an amount: write a plain number with a dot decimal separator (e.g. 1234.50)`;
}

/** A more precise reason than the rules' for a field they flagged, from what the file holds. */
function fileReason(field: string, fields: string[], layout: Layout): string | undefined {
  const { index } = layout;
  if (field === 'year') {
    const text = cellAt(fields, index.year);
    return YEAR.test(text) ? undefined : `ANO_EJE is "${text}": must be a year between 2000 and 2100`;
  }
  if (field === 'department') {
    return cellAt(fields, index.department) === '' && !layout.defaultDepartment ? 'GERENCIA is empty and no default department was given' : undefined;
  }
  if (AMOUNT_FIELDS.includes(field)) {
    const at = index[field as ColumnKey];
    return amountReason(layout.names[at]!, cellAt(fields, at));
  }
  return undefined;
}

/**
 * The row as a budget line draft, and every problem with it. The rules decide what is wrong;
 * where the file tells more (an amount written "12,5", an empty GERENCIA), the reason says so.
 */
function parseRow(record: CsvRecord, layout: Layout): ParsedRow | MefRejection[] {
  const { fields, line } = record;
  if (record.malformed) return [{ line, field: 'row', reason: record.malformed }];
  if (fields.length !== layout.width) {
    return [{ line, field: 'row', reason: `has ${fields.length} fields but the header has ${layout.width} (an unquoted comma?)` }];
  }
  const { index, months } = layout;
  const yearText = cellAt(fields, index.year);
  const department = cellAt(fields, index.department);
  const product = cellAt(fields, index.product);
  const ubigeo = cellAt(fields, index.ubigeo);
  const accrued = new Array<string>(12);
  for (let m = 0; m < 12; m++) accrued[m] = cellAt(fields, months[m]!);
  const draft: BudgetLineDraft = {
    year: YEAR.test(yearText) ? Number(yearText) : Number.NaN,
    department: department === '' ? (layout.defaultDepartment ?? '') : department,
    functionCode: cellAt(fields, index.functionCode),
    budgetProgram: cellAt(fields, index.budgetProgram),
    fundingSource: cellAt(fields, index.fundingSource),
    fundingItem: cellAt(fields, index.fundingItem),
    expenseCategory: cellAt(fields, index.expenseCategory),
    workId: null,
    cui: CUI.test(product) ? product : null,
    ubigeo: ubigeo === '' ? null : ubigeo,
    openingBudget: cellAt(fields, index.openingBudget),
    modifiedBudget: cellAt(fields, index.modifiedBudget),
    certified: cellAt(fields, index.certified),
    committed: cellAt(fields, index.committed),
    accrued,
    paid: cellAt(fields, index.paid),
  };
  const found = budgetLineProblems(draft);
  if (found.length === 0) return { draft, problems: NO_PROBLEMS };
  return { draft, problems: found.map((p) => ({ line, field: p.field, reason: fileReason(p.field, fields, layout) ?? p.reason })) };
}

// ─── Database ─────────────────────────────────────────────────────────────────────────────────

const MONTH_COLUMNS = MONTH_KEYS.map((_, i) => `accrued_${String(i + 1).padStart(2, '0')}`);
const INSERT_COLUMNS = [
  'id', 'year', 'department', 'function_code', 'budget_program', 'funding_source', 'funding_item', 'expense_category', 'cui', 'ubigeo',
  'opening_budget', 'modified_budget', 'certified', 'committed', ...MONTH_COLUMNS, 'paid',
];
const INSERT_TYPES = ['uuid', 'integer', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', ...Array(INSERT_COLUMNS.length - 10).fill('numeric')];
// One statement per batch, its values as one array per column: a handful of parameters however
// many rows, so the batch size is not bounded by PostgreSQL's 65,535 parameters.
const INSERT_SQL = `insert into budget.budget_line (${INSERT_COLUMNS.join(', ')}, source)
select *, 'MEF_IMPORT' from unnest(${INSERT_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
const DELETE_YEAR_SQL = `delete from budget.budget_line where source = 'MEF_IMPORT' and year = $1`;
/** Any key works as long as every importer uses the same one. */
const LOCK_KEY = `hashtext('articula.budget.mef-import')`;

/** A PostgreSQL array literal of values that need no quoting (uuids, integers, validated decimals). */
const plainArray = (values: (string | number)[]) => `{${values.join(',')}}`;
/** A PostgreSQL array literal of text, every element quoted (or NULL). */
function textArray(values: (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    out += v === null ? 'NULL' : `"${v.includes('"') || v.includes('\\') ? v.replace(/["\\]/g, '\\$&') : v}"`;
  }
  return `${out}}`;
}

/** The batch as one array literal per column, in INSERT_COLUMNS order. */
function columnsOf(batch: BudgetLineDraft[]): string[] {
  const n = batch.length;
  const pick = <T>(get: (d: BudgetLineDraft) => T) => {
    const out = new Array<T>(n);
    for (let r = 0; r < n; r++) out[r] = get(batch[r]!);
    return out;
  };
  const ids = new Array<string>(n);
  for (let r = 0; r < n; r++) ids[r] = randomUUID();
  return [
    plainArray(ids),
    plainArray(pick((d) => d.year)),
    textArray(pick((d) => d.department)),
    textArray(pick((d) => d.functionCode)),
    textArray(pick((d) => d.budgetProgram)),
    textArray(pick((d) => d.fundingSource)),
    textArray(pick((d) => d.fundingItem)),
    textArray(pick((d) => d.expenseCategory)),
    textArray(pick((d) => d.cui)),
    textArray(pick((d) => d.ubigeo)),
    plainArray(pick((d) => d.openingBudget)),
    plainArray(pick((d) => d.modifiedBudget)),
    plainArray(pick((d) => d.certified)),
    plainArray(pick((d) => d.committed)),
    ...MONTH_KEYS.map((_, m) => plainArray(pick((d) => d.accrued[m]!))),
    plainArray(pick((d) => d.paid)),
  ];
}

/** Where the database is, without its password. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** A database failure as one line a person can act on. */
function databaseError(error: unknown, url: string, context = ''): MefImportError {
  if (error instanceof MefImportError) return error;
  const e = error as { code?: string; message?: string };
  const where = describeUrl(url);
  const message = String(e?.message ?? error).split('\n')[0];
  let text: string;
  switch (e?.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      text = `Cannot reach PostgreSQL at ${where} (${e.code}): start the platform (npm start) or set DATABASE_URL to a running server.`;
      break;
    case '28P01':
    case '28000':
      text = `PostgreSQL at ${where} refused the credentials: check the user and password in DATABASE_URL.`;
      break;
    case '3D000':
      text = `PostgreSQL at ${where} has no such database: check DATABASE_URL, or start the platform once (npm start) to create it.`;
      break;
    case '42P01':
    case '3F000':
      text = `The table budget.budget_line does not exist at ${where}: the budget schema is not migrated yet (start the budget subgraph once).`;
      break;
    default:
      text = /timeout|terminated/i.test(message)
        ? `Cannot reach PostgreSQL at ${where}: ${message}.`
        : `PostgreSQL${e?.code ? ` error ${e.code}` : ''}${context}: ${message}`;
  }
  return new MefImportError('database', text);
}

// ─── Import ───────────────────────────────────────────────────────────────────────────────────

type WriteStream = ReturnType<typeof createWriteStream>;

/** Opens the rejected rows' file before anything else happens, so that a bad path fails first. */
async function openRejectedFile(file: string): Promise<WriteStream> {
  const out = createWriteStream(file);
  try {
    await once(out, 'open');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    const reason = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : String((error as Error)?.message ?? error);
    throw new MefImportError('file', `Cannot write the rejected rows to ${file}: ${reason}.`);
  }
  return out;
}

/** Writes the rejected rows as CSV (line,field,reason) and closes the file. */
async function writeRejected(out: WriteStream, rejected: MefRejection[]): Promise<void> {
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write('line,field,reason\n');
  let chunk = '';
  for (const r of rejected) {
    chunk += `${r.line},${csvCell(r.field)},${csvCell(r.reason)}\n`;
    if (chunk.length > 64 * 1024) {
      await write(chunk);
      chunk = '';
    }
  }
  if (chunk) await write(chunk);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}

const fileProblem = (file: string, error: unknown) => {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : String((error as Error)?.message ?? error);
  return new MefImportError('file', `Cannot read ${file}: ${reason}.`);
};

/**
 * Imports a MEF budget execution CSV (a path, or a stream of its bytes) into budget.budget_line,
 * all or nothing. Resolves with what happened when the file was read to its end, rows rejected
 * or not; rejects with a MefImportError when the file or the database cannot be used at all.
 */
export async function importMefCsv(input: Readable | string, options: MefImportOptions): Promise<MefImportResult> {
  const batchSize = options.batchSize ?? 1_000;
  const defaultDepartment = options.defaultDepartment?.trim() || undefined;
  let totalBytes: number | undefined;
  let stream: Readable;
  if (typeof input === 'string') {
    try {
      const info = await stat(input);
      if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      totalBytes = info.size;
    } catch (error) {
      throw fileProblem(input, error);
    }
    stream = createReadStream(input, { highWaterMark: 256 * 1024 });
  } else {
    stream = input;
  }

  const rejected: MefRejection[] = [];
  let rejectedRows = 0;
  let rows = 0;
  let bytes = 0;
  const years = new Set<number>();
  let rejectedOut: WriteStream | undefined;
  try {
    if (options.rejectedFile) rejectedOut = await openRejectedFile(options.rejectedFile);
    const client = new pg.Client({ connectionString: options.databaseUrl, connectionTimeoutMillis: 15_000, application_name: 'articula-import-mef' });
    // A connection lost mid-import fails the pending query; this keeps it from crashing the process.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      throw databaseError(error, options.databaseUrl);
    }

    let open = false; // a transaction is open and worth finishing
    let inserted = 0;
    let batch: BudgetLineDraft[] = [];
    let batchLines: [number, number] = [0, 0];
    let pending: Promise<void> | undefined;
    const deletedYears = new Set<number>();

    const flush = async () => {
      if (batch.length === 0) return;
      if (pending) await pending; // at most one batch in flight: parsing goes on meanwhile
      const rowsOf = batch;
      const [first, last] = batchLines;
      batch = [];
      pending = client.query(INSERT_SQL, columnsOf(rowsOf)).then(
        () => {
          inserted += rowsOf.length;
        },
        (error) => {
          throw databaseError(error, options.databaseUrl, ` loading lines ${first}–${last}`);
        },
      );
      pending.catch(() => {}); // awaited later; not an unhandled rejection meanwhile
    };

    const abandon = async () => {
      if (!open) return;
      open = false;
      batch = [];
      await pending?.catch(() => {});
      pending = undefined;
      await client.query('rollback').catch(() => {});
    };

    try {
      try {
        await client.query('begin');
        open = true;
        const got = await client.query<{ locked: boolean }>(`select pg_try_advisory_xact_lock(${LOCK_KEY}) as locked`);
        if (!got.rows[0]?.locked) {
          options.onLockWait?.();
          await client.query(`select pg_advisory_xact_lock(${LOCK_KEY})`);
        }
        // Fails early, and clearly, when the schema is not there.
        await client.query('select 1 from budget.budget_line limit 0');
      } catch (error) {
        throw databaseError(error, options.databaseUrl);
      }

      let layout: Layout | undefined;
      const records: CsvRecord[] = [];
      const parser = new CsvParser((r) => records.push(r));
      const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      let first = true;

      const useHeader = (record: CsvRecord) => {
        const found = indexColumns(record.fields);
        if ('missing' in found) {
          throw new MefImportError(
            'columns',
            `Not a MEF budget execution file: missing column${found.missing.length > 1 ? 's' : ''} ${found.missing.join(', ')}.`,
            found.missing,
          );
        }
        const { index, names } = found;
        layout = { index, names, months: MONTH_KEYS.map((m) => index[`accrued.${m}` as ColumnKey]), width: record.fields.length, defaultDepartment };
      };

      /** Deletes the year's previous import the first time the year is seen. */
      const replaceYear = async (year: number) => {
        deletedYears.add(year);
        try {
          await client.query(DELETE_YEAR_SQL, [year]);
        } catch (error) {
          throw databaseError(error, options.databaseUrl, ` replacing the MEF lines of ${year}`);
        }
      };

      /** Takes one data row; returns a promise only when the database has work to do. */
      const handle = (record: CsvRecord, layout: Layout): Promise<void> | undefined => {
        rows++;
        const parsed = parseRow(record, layout);
        if (Array.isArray(parsed)) {
          rejectedRows++;
          for (const p of parsed) rejected.push(p);
          return abandon(); // nothing will be loaded: stop writing, keep validating
        }
        const { draft, problems } = parsed;
        if (Number.isInteger(draft.year) && draft.year >= 2000 && draft.year <= 2100) years.add(draft.year);
        if (problems.length > 0) {
          rejectedRows++;
          for (const p of problems) rejected.push(p);
          return abandon();
        }
        if (!open) return undefined;
        if (batch.length === 0) batchLines = [record.line, record.line];
        batchLines[1] = record.line;
        const needsDelete = !deletedYears.has(draft.year);
        if (needsDelete) {
          // Rows of this year are only queued after the delete, on the same connection.
          return replaceYear(draft.year).then(() => {
            batch.push(draft);
            return batch.length >= batchSize ? flush() : undefined;
          });
        }
        batch.push(draft);
        return batch.length >= batchSize ? flush() : undefined;
      };

      const drain = async () => {
        for (const record of records) {
          if (!layout) {
            useHeader(record);
            continue;
          }
          const work = handle(record, layout);
          if (work) await work;
        }
        records.length = 0;
      };

      const chunks = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
      try {
        for (;;) {
          let next: IteratorResult<Buffer | string>;
          try {
            next = await chunks.next();
          } catch (error) {
            throw fileProblem(typeof input === 'string' ? input : 'the input', error);
          }
          if (next.done) break;
          const chunk = next.value;
          let text: string;
          if (typeof chunk === 'string') {
            text = chunk;
            bytes += Buffer.byteLength(chunk);
          } else {
            try {
              text = decoder.decode(chunk, { stream: true });
            } catch {
              throw new MefImportError('file', `The file is not UTF-8 (invalid bytes before byte ${bytes + chunk.length}): save it as UTF-8 and retry.`);
            }
            bytes += chunk.length;
          }
          if (first) {
            if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
            if (text.length > 0) first = false;
          }
          parser.push(text);
          await drain();
          options.onProgress?.({ bytes, totalBytes, rows, rejected: rejectedRows });
        }
      } finally {
        // Stops reading (and closes the file) when the import ends early.
        await chunks.return?.().catch(() => {});
      }
      try {
        parser.push(decoder.decode());
      } catch {
        throw new MefImportError('file', 'The file is not UTF-8 (it ends in the middle of a character): save it as UTF-8 and retry.');
      }
      parser.end();
      await drain();
      if (!layout) throw new MefImportError('file', 'The file is empty: it has no header row.');
      options.onProgress?.({ bytes, totalBytes, rows, rejected: rejectedRows });

      let loaded = 0;
      if (open) {
        await flush();
        await pending;
        try {
          // The change history records the import itself, in the same transaction.
          await client.query(
            `insert into budget.change_log (id, entity_type, entity_id, action, actor_kind, actor, changes) values (gen_random_uuid(), 'MEF_IMPORT', $1, 'IMPORTED', 'IMPORT', null, $2::jsonb)`,
            [[...years].sort().join(','), JSON.stringify([{ field: 'lines', from: null, to: { rows, loaded: inserted, years: [...years].sort() } }])],
          );
          // And the audit trail, as one write of the operator's tool (see common's audit.ts).
          await client.query(
            `insert into budget.audit_log (actor_kind, actor_user, operation, entity_type, entity_id, summary) values ('SYSTEM', 'import-mef', 'importMef', 'MEF_IMPORT', $1, $2::jsonb)`,
            [[...years].sort().join(','), JSON.stringify({ rows, loaded: inserted, years: [...years].sort() })],
          );
          await client.query('commit');
        } catch (error) {
          throw databaseError(error, options.databaseUrl, ' committing');
        }
        open = false;
        loaded = inserted;
      }
      const result: MefImportResult = { rows, loaded, rejected, rejectedRows, years: [...years].sort((a, b) => a - b) };
      if (rejectedOut) {
        try {
          await writeRejected(rejectedOut, rejected);
        } catch (error) {
          const note = loaded > 0 ? `${loaded} lines were loaded, but ` : '';
          throw new MefImportError('file', `${note}the rejected rows could not be written to ${options.rejectedFile}: ${(error as Error).message}`);
        }
      }
      return result;
    } finally {
      await abandon();
      await client.end().catch(() => {});
    }
  } catch (error) {
    if (typeof input === 'string') stream.destroy();
    if (rejectedOut && !rejectedOut.writableEnded) {
      // The file says why nothing was loaded: the rows rejected so far, then the failure (line 1 for
      // the header, 0 for the whole file).
      const failure = error instanceof MefImportError ? error : undefined;
      const last = failure ? [{ line: failure.kind === 'columns' ? 1 : 0, field: failure.kind === 'columns' ? 'header' : failure.kind, reason: failure.message }] : [];
      await writeRejected(rejectedOut, [...rejected, ...last]).catch(() => rejectedOut?.destroy());
    }
    throw error;
  }
}
