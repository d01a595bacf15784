/**
 * Reading an agency's file of interventions, one record at a time: CSV (RFC 4180), a JSON array, or
 * JSON Lines. Owns the file formats and nothing else: what a record means is map.ts's business.
 *
 * Files can be far larger than memory, so nothing here holds more than one chunk's worth of rows and
 * one unfinished record: the CSV and JSON parsers are state machines fed chunk by chunk, and a record
 * that would grow without bound (an unclosed quote swallowing the rest of the file) stops at
 * `maxRecordChars`.
 *
 * Every entry carries `row`, its position in the file: the data row of a CSV (1 = the first row after
 * the header, so row N is line N + 1 of a spreadsheet even when a cell spans lines), the line of a
 * JSON Lines file, the element of a JSON array. Blank rows and blank lines are numbered but not
 * yielded, so that the numbers an agency reads in a report match what it sees in its own tools.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { TextDecoder } from 'node:util';

export type ReadEntry = { row: number; record: Record<string, unknown> } | { row: number; error: string };

export interface ReadOptions {
  /** Resume: rows 1…skip are still parsed (the state machines need them) but not yielded, nor checked. */
  skip?: number;
  /** Bytes per read. Tests use tiny values to put every chunk boundary inside awkward content. */
  chunkSize?: number;
  /** Longest record (CSV row, JSON element, JSON line) in characters before the file is refused. */
  maxRecordChars?: number;
}

export type FileFormat = 'csv' | 'json' | 'jsonl';

/** A problem with the file as a whole (no header, not an array, a runaway record): nothing sensible can follow. */
export class FileFormatError extends Error {
  override name = 'FileFormatError';
}

const DEFAULT_CHUNK = 64 * 1024;
// A description may have 5,000 characters and a row has 23 fields: a million is far beyond any honest row
// and still small enough to hold.
const DEFAULT_MAX_RECORD = 1_000_000;

export function fileFormat(file: string): FileFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new FileFormatError(`no sé leer «${path.basename(file)}»: la extensión debe ser .csv, .json, .jsonl o .ndjson`);
}

export function readRecords(file: string, options: ReadOptions = {}): AsyncGenerator<ReadEntry> {
  const format = fileFormat(file);
  if (format === 'csv') return readCsv(file, options);
  if (format === 'json') return readJsonArray(file, options);
  return readJsonLines(file, options);
}

/** The header of a CSV file, trimmed, as the reader keys its records (for unknownColumns and the like). */
export async function readCsvHeader(file: string, options: Pick<ReadOptions, 'chunkSize' | 'maxRecordChars'> = {}): Promise<string[]> {
  if (fileFormat(file) !== 'csv') throw new FileFormatError(`«${path.basename(file)}» no es un archivo CSV`);
  const parser = new CsvParser(options.maxRecordChars ?? DEFAULT_MAX_RECORD);
  const rows: CsvRow[] = [];
  for await (const chunk of textChunks(file, options.chunkSize)) {
    parser.push(chunk, rows);
    if (rows.length > 0) break;
  }
  if (rows.length === 0) parser.end(rows);
  return csvHeader(rows[0]);
}

// ---------------------------------------------------------------------------------------------
// Text chunks
// ---------------------------------------------------------------------------------------------

/**
 * UTF-8 text in chunks, without the BOM (TextDecoder drops it). Streaming decode keeps a character
 * split across reads whole. Invalid UTF-8 stops the read: a file saved as Windows-1252 (Excel's plain
 * «CSV») would otherwise reach the API with every «ñ» and «á» replaced by «�».
 */
async function* textChunks(file: string, chunkSize = DEFAULT_CHUNK): AsyncGenerator<string> {
  const stream = createReadStream(file, { highWaterMark: chunkSize });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      const text = decode(decoder, bytes, true);
      if (text.length > 0) yield text;
    }
    const rest = decode(decoder, undefined, false);
    if (rest.length > 0) yield rest;
  } finally {
    stream.destroy();
  }
}

function decode(decoder: TextDecoder, bytes: Buffer | undefined, more: boolean): string {
  try {
    return decoder.decode(bytes, { stream: more });
  } catch {
    throw notUtf8();
  }
}

const notUtf8 = () =>
  new FileFormatError('el archivo no está codificado en UTF-8: guárdelo como «CSV UTF-8» (Excel) o conviértalo, p. ej. con iconv -f WINDOWS-1252 -t UTF-8');

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted field: the closing one, or the first of a doubled pair. The next character decides. */
const QUOTED_QUOTE = 3;

/** One parsed row; `row` 0 is the header. */
interface CsvRow {
  row: number;
  fields: string[];
  problem?: string;
}

/**
 * RFC 4180, fed in chunks. Leniencies, each because spreadsheets and hand-made files do it: LF, CRLF
 * and lone CR all end a row; a quote inside an unquoted field is an ordinary character (`Tubo 4"`).
 * Text after a closing quote (`"a"b`) is kept but marks the row as malformed, since the writer
 * plainly meant something else.
 */
class CsvParser {
  private fields: string[] = [];
  private field = '';
  private state = FIELD_START;
  /** The previous chunk ended on a CR that ended a row; an LF opening this chunk belongs to it. */
  private pendingCR = false;
  private problem: string | undefined;
  private size = 0;
  private row = 0;

  constructor(private readonly maxRecordChars: number) {}

  push(text: string, out: CsvRow[]): void {
    const n = text.length;
    let i = 0;
    if (this.pendingCR && n > 0) {
      this.pendingCR = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      switch (this.state) {
        case FIELD_START:
          if (text.charCodeAt(i) === QUOTE) {
            this.state = QUOTED;
            i++;
          } else {
            this.state = UNQUOTED;
          }
          break;
        case UNQUOTED: {
          let j = i;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          this.append(text, i, j);
          if (j === n) {
            i = n;
            break;
          }
          const c = text.charCodeAt(j);
          this.fields.push(this.field);
          this.field = '';
          this.state = FIELD_START;
          i = j + 1;
          if (c === COMMA) break;
          this.endRow(out);
          if (c === CR) {
            if (i < n) {
              if (text.charCodeAt(i) === LF) i++;
            } else {
              this.pendingCR = true;
            }
          }
          break;
        }
        case QUOTED: {
          const j = text.indexOf('"', i);
          if (j === -1) {
            this.append(text, i, n);
            i = n;
          } else {
            this.append(text, i, j);
            this.state = QUOTED_QUOTE;
            i = j + 1;
          }
          break;
        }
        case QUOTED_QUOTE: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.append('"', 0, 1);
            this.state = QUOTED;
            i++;
          } else {
            // The field is closed; UNQUOTED ends it at the delimiter, or keeps the stray text.
            if (c !== COMMA && c !== LF && c !== CR) this.problem ??= 'hay texto después de las comillas que cierran un campo';
            this.state = UNQUOTED;
          }
          break;
        }
      }
    }
  }

  end(out: CsvRow[]): void {
    if (this.state === QUOTED) this.problem ??= 'unas comillas abren un campo y no se cierran antes del final del archivo';
    if (this.fields.length > 0 || this.state !== FIELD_START) {
      this.fields.push(this.field);
      this.field = '';
      this.endRow(out);
    }
    this.state = FIELD_START;
  }

  private append(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.size += to - from;
    if (this.size > this.maxRecordChars) {
      const where = this.row === 0 ? 'el encabezado' : `la fila ${this.row}`;
      throw new FileFormatError(`${where} supera ${this.maxRecordChars} caracteres: ¿unas comillas sin cerrar?`);
    }
    this.field += text.slice(from, to);
  }

  private endRow(out: CsvRow[]): void {
    out.push(this.problem === undefined ? { row: this.row, fields: this.fields } : { row: this.row, fields: this.fields, problem: this.problem });
    this.row++;
    this.fields = [];
    this.problem = undefined;
    this.size = 0;
  }
}

function csvHeader(row: CsvRow | undefined): string[] {
  if (row === undefined) throw new FileFormatError('el archivo está vacío: la primera fila debe ser el encabezado con los nombres de las columnas');
  if (row.problem !== undefined) throw new FileFormatError(`el encabezado está mal formado: ${row.problem}`);
  const header = row.fields.map((name) => name.trim());
  if (header.every((name) => name === '')) throw new FileFormatError('la primera fila está vacía: debe ser el encabezado con los nombres de las columnas');
  const seen = new Set<string>();
  for (const name of header) {
    if (name !== '' && seen.has(name)) throw new FileFormatError(`el encabezado repite la columna «${name}»`);
    seen.add(name);
  }
  return header;
}

async function* readCsv(file: string, options: ReadOptions): AsyncGenerator<ReadEntry> {
  const skip = options.skip ?? 0;
  const parser = new CsvParser(options.maxRecordChars ?? DEFAULT_MAX_RECORD);
  const rows: CsvRow[] = [];
  let header: string[] | undefined;

  function* drain(): Generator<ReadEntry> {
    for (const raw of rows) {
      if (header === undefined) {
        header = csvHeader(raw);
        continue;
      }
      if (raw.row <= skip) continue;
      if (raw.problem !== undefined) {
        yield { row: raw.row, error: raw.problem };
        continue;
      }
      // Spreadsheets leave rows of empty cells (",,,,") below the data: they are not interventions.
      if (raw.fields.every((value) => value === '')) continue;
      if (raw.fields.length !== header.length) {
        yield { row: raw.row, error: `la fila tiene ${raw.fields.length} campos y el encabezado ${header.length}` };
        continue;
      }
      const keys = header;
      // fromEntries defines own properties, so a column named "__proto__" stays a column.
      yield { row: raw.row, record: Object.fromEntries(raw.fields.map((value, i) => [keys[i], value])) };
    }
    rows.length = 0;
  }

  for await (const chunk of textChunks(file, options.chunkSize)) {
    parser.push(chunk, rows);
    yield* drain();
  }
  parser.end(rows);
  yield* drain();
  if (header === undefined) csvHeader(undefined);
}

// ---------------------------------------------------------------------------------------------
// JSON array
// ---------------------------------------------------------------------------------------------

type Piece = { row: number; text: string } | { row: number; error: string };

const BEFORE_ARRAY = 0;
const IN_ARRAY = 1;
const AFTER_ARRAY = 2;

/**
 * Splits a top-level JSON array into the text of its elements without parsing them: an element ends
 * at a comma or the closing bracket met outside any string and at nesting depth 0. Each element is
 * then JSON.parse'd alone, so a broken one costs only itself. A trailing comma before `]` is tolerated
 * (it loses nothing); an empty element (`,,`) is reported.
 */
class JsonArraySplitter {
  private state = BEFORE_ARRAY;
  private depth = 0;
  private inString = false;
  private escape = false;
  private hasContent = false;
  private afterComma = false;
  private text = '';
  private index = 0;

  constructor(
    private readonly skip: number,
    private readonly maxRecordChars: number,
  ) {}

  push(chunk: string, out: Piece[]): void {
    const n = chunk.length;
    let i = 0;
    let start = 0;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (this.state === BEFORE_ARRAY) {
        if (c === 0x5b) {
          this.state = IN_ARRAY;
          start = i + 1;
        } else if (!isSpace(c)) {
          throw new FileFormatError('un archivo .json debe contener un arreglo de objetos: [ {…}, {…} ]');
        }
        i++;
        continue;
      }
      if (this.state === AFTER_ARRAY) {
        if (!isSpace(c)) throw new FileFormatError('hay contenido después del corchete que cierra el arreglo');
        i++;
        continue;
      }
      if (this.inString) {
        // Most of a file is string content: run through it without the structural checks below.
        while (i < n) {
          const d = chunk.charCodeAt(i);
          i++;
          if (this.escape) this.escape = false;
          else if (d === 0x5c) this.escape = true;
          else if (d === QUOTE) {
            this.inString = false;
            break;
          }
        }
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        this.hasContent = true;
      } else if (c === 0x7b || c === 0x5b) {
        this.depth++;
        this.hasContent = true;
      } else if (c === 0x7d) {
        if (this.depth > 0) this.depth--;
        this.hasContent = true;
      } else if (c === 0x5d && this.depth > 0) {
        this.depth--;
      } else if (c === 0x5d || (c === COMMA && this.depth === 0)) {
        this.collect(chunk, start, i);
        this.finish(out, c === 0x5d);
        if (c === 0x5d) this.state = AFTER_ARRAY;
        start = i + 1;
      } else if (!isSpace(c)) {
        this.hasContent = true;
      }
      i++;
    }
    if (this.state === IN_ARRAY) this.collect(chunk, start, n);
  }

  end(out: Piece[]): void {
    if (this.state === BEFORE_ARRAY) throw new FileFormatError('el archivo está vacío: un archivo .json debe contener un arreglo de objetos');
    if (this.state === AFTER_ARRAY) return;
    if (!this.hasContent) throw new FileFormatError('el arreglo no se cierra con «]»: ¿el archivo está incompleto?');
    this.index++;
    if (this.index > this.skip) out.push({ row: this.index, error: 'el archivo termina dentro de este elemento: ¿está incompleto?' });
  }

  private collect(chunk: string, from: number, to: number): void {
    // Skipped elements are tracked but never kept: resuming a long file costs a scan, not a parse.
    if (this.index + 1 <= this.skip || to <= from) return;
    if (this.text.length + (to - from) > this.maxRecordChars) {
      throw new FileFormatError(`el elemento ${this.index + 1} supera ${this.maxRecordChars} caracteres: ¿unas comillas o llaves sin cerrar?`);
    }
    this.text += chunk.slice(from, to);
  }

  private finish(out: Piece[], closing: boolean): void {
    const empty = !this.hasContent;
    const trailingComma = closing && empty && this.afterComma;
    const emptyArray = closing && empty && this.index === 0 && !this.afterComma;
    if (!trailingComma && !emptyArray) {
      this.index++;
      if (this.index > this.skip) out.push(empty ? { row: this.index, error: 'elemento vacío entre dos comas' } : { row: this.index, text: this.text });
    }
    this.text = '';
    this.hasContent = false;
    this.afterComma = !closing;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === LF || c === CR || c === 0x09;
}

function toEntry(row: number, text: string): ReadEntry {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { row, error: `JSON no válido: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { row, error: `se esperaba un objeto {…} y se encontró ${describeJson(value)}` };
  }
  return { row, record: value as Record<string, unknown> };
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'un arreglo';
  if (typeof value === 'string') return 'un texto';
  if (typeof value === 'number') return 'un número';
  if (typeof value === 'boolean') return 'un valor lógico';
  return typeof value;
}

async function* readJsonArray(file: string, options: ReadOptions): AsyncGenerator<ReadEntry> {
  const splitter = new JsonArraySplitter(options.skip ?? 0, options.maxRecordChars ?? DEFAULT_MAX_RECORD);
  const pieces: Piece[] = [];
  function* drain(): Generator<ReadEntry> {
    for (const piece of pieces) yield 'text' in piece ? toEntry(piece.row, piece.text) : piece;
    pieces.length = 0;
  }
  for await (const chunk of textChunks(file, options.chunkSize)) {
    splitter.push(chunk, pieces);
    yield* drain();
  }
  splitter.end(pieces);
  yield* drain();
}

// ---------------------------------------------------------------------------------------------
// JSON Lines
// ---------------------------------------------------------------------------------------------

async function* readJsonLines(file: string, options: ReadOptions): AsyncGenerator<ReadEntry> {
  const skip = options.skip ?? 0;
  const max = options.maxRecordChars ?? DEFAULT_MAX_RECORD;
  let pending = '';
  let line = 0;

  function entry(text: string): ReadEntry | undefined {
    const body = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (body.trim() === '') return undefined;
    return toEntry(line, body);
  }

  for await (const chunk of textChunks(file, options.chunkSize)) {
    let from = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', from)) {
      line++;
      // A skipped line is only counted: no copy, no parse.
      const result = line <= skip ? undefined : entry(pending + chunk.slice(from, nl));
      pending = '';
      from = nl + 1;
      if (result !== undefined) yield result;
    }
    if (line + 1 > skip) {
      pending += chunk.slice(from);
      if (pending.length > max) throw new FileFormatError(`la línea ${line + 1} supera ${max} caracteres`);
    }
  }
  if (pending !== '') {
    line++;
    const result = entry(pending);
    if (result !== undefined) yield result;
  }
}

// ---------------------------------------------------------------------------------------------
// Counting
// ---------------------------------------------------------------------------------------------

/**
 * How many rows the reader will number: data rows of a CSV, lines of a JSON Lines file, elements of a
 * JSON array, blank ones included. So `row / count` is an exact progress fraction, and the count is
 * larger than the number of entries yielded by exactly the blank rows. It runs the same state machines
 * as the readers over raw bytes (every byte that matters is ASCII, and no byte of a multi-byte UTF-8
 * character is), so it is exact, and fast because nothing is decoded. A file the reader refuses
 * (no header, not an array) has no meaningful count.
 *
 * Being the pass over the whole file that comes first, it also refuses a file that is not UTF-8
 * (FileFormatError), so that an import learns it before sending anything rather than halfway.
 */
export async function countRecords(file: string, options: Pick<ReadOptions, 'chunkSize'> = {}): Promise<number> {
  const format = fileFormat(file);
  const counter = format === 'csv' ? new CsvCounter() : format === 'json' ? new JsonCounter() : new LineCounter();
  const stream = createReadStream(file, { highWaterMark: options.chunkSize ?? 1024 * 1024 });
  // The bytes of a character cut by the end of a chunk, checked with the next one.
  let carry: Buffer | undefined;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const bytes = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
      const complete = completeCharacters(bytes);
      if (!isUtf8(bytes.subarray(0, complete))) throw notUtf8();
      carry = complete < bytes.length ? Buffer.from(bytes.subarray(complete)) : undefined;
      counter.push(chunk);
    }
  } finally {
    stream.destroy();
  }
  if (carry !== undefined) throw notUtf8();
  return counter.total();
}

/** Length of the prefix of `bytes` that does not end inside a multi-byte UTF-8 character. */
function completeCharacters(bytes: Buffer): number {
  let i = bytes.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (bytes[i]! & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return bytes.length;
  const lead = bytes[i]!;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - i < length ? i : bytes.length;
}

interface Counter {
  push(bytes: Buffer): void;
  total(): number;
}

class CsvCounter implements Counter {
  private state = FIELD_START;
  private pendingCR = false;
  private rowOpen = false;
  private rows = 0;

  push(bytes: Buffer): void {
    const n = bytes.length;
    let i = 0;
    if (this.pendingCR && n > 0) {
      this.pendingCR = false;
      if (bytes[0] === LF) i = 1;
    }
    for (; i < n; i++) {
      const c = bytes[i]!;
      switch (this.state) {
        case QUOTED:
          if (c === QUOTE) this.state = QUOTED_QUOTE;
          continue;
        case QUOTED_QUOTE:
          if (c === QUOTE) {
            this.state = QUOTED;
            continue;
          }
          this.state = UNQUOTED;
          break;
        case FIELD_START:
          this.rowOpen = true;
          if (c === QUOTE) {
            this.state = QUOTED;
            continue;
          }
          this.state = UNQUOTED;
          break;
      }
      // UNQUOTED, including the character that moved us here.
      if (c === COMMA) {
        this.state = FIELD_START;
      } else if (c === LF || c === CR) {
        this.rows++;
        this.rowOpen = false;
        this.state = FIELD_START;
        if (c === CR) {
          if (i + 1 < n) {
            if (bytes[i + 1] === LF) i++;
          } else {
            this.pendingCR = true;
          }
        }
      }
    }
  }

  total(): number {
    const rows = this.rows + (this.rowOpen || this.state !== FIELD_START ? 1 : 0);
    return Math.max(0, rows - 1);
  }
}

class JsonCounter implements Counter {
  private state = BEFORE_ARRAY;
  private depth = 0;
  private inString = false;
  private escape = false;
  private hasContent = false;
  private afterComma = false;
  private count = 0;

  push(bytes: Buffer): void {
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i]!;
      if (this.state !== IN_ARRAY) {
        if (this.state === BEFORE_ARRAY && c === 0x5b) this.state = IN_ARRAY;
        continue;
      }
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 0x5c) this.escape = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        this.hasContent = true;
      } else if (c === 0x7b || c === 0x5b) {
        this.depth++;
        this.hasContent = true;
      } else if (c === 0x7d) {
        if (this.depth > 0) this.depth--;
        this.hasContent = true;
      } else if (c === 0x5d && this.depth > 0) {
        this.depth--;
      } else if (c === 0x5d || (c === COMMA && this.depth === 0)) {
        const closing = c === 0x5d;
        const skipped = closing && !this.hasContent && (this.afterComma || this.count === 0);
        if (!skipped) this.count++;
        this.hasContent = false;
        this.afterComma = !closing;
        if (closing) this.state = AFTER_ARRAY;
      } else if (!isSpace(c)) {
        this.hasContent = true;
      }
    }
  }

  total(): number {
    return this.count + (this.state === IN_ARRAY && this.hasContent ? 1 : 0);
  }
}

class LineCounter implements Counter {
  private lines = 0;
  private open = false;

  push(bytes: Buffer): void {
    let from = 0;
    for (let nl = bytes.indexOf(LF); nl !== -1; nl = bytes.indexOf(LF, from)) {
      this.lines++;
      from = nl + 1;
    }
    if (from < bytes.length) this.open = true;
    else if (bytes.length > 0) this.open = false;
  }

  total(): number {
    return this.lines + (this.open ? 1 : 0);
  }
}
