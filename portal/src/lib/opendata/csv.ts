/**
 * The CSV form of a dataset: RFC 4180 text (comma, CRLF, double quotes), UTF-8 without a byte-order mark,
 * one header row of column names. Also a strict parser, used to verify what was written.
 */

import type { Column } from './types.ts';

/** List items are joined with this unless the column says otherwise (its CSVW `separator`). */
const DEFAULT_LIST_SEPARATOR = '|';

/**
 * Serialises the rows in column order. null/undefined → empty field; arrays → items joined with the column's
 * separator ('|' by default); booleans → 'true'/'false'; numbers in plain decimal notation; strings as they are.
 * Throws on values that cannot be written faithfully (NaN, Infinity, nested lists, a list item containing the
 * separator, objects), because a silently mangled cell in published data is worse than a failed export.
 */
export function toCsv(columns: Column[], rows: Record<string, unknown>[]): string {
  const lines: string[] = [columns.map((c) => quoteField(c.name)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => quoteField(formatCell(row[c.name], c))).join(','));
  }
  // Every record ends with CRLF (RFC 4180 allows it on the last one), so files concatenate and count cleanly.
  return lines.map((line) => `${line}\r\n`).join('');
}

function formatCell(value: unknown, column: Column): string {
  if (Array.isArray(value)) {
    const separator = column.separator ?? DEFAULT_LIST_SEPARATOR;
    return value
      .map((item) => {
        if (Array.isArray(item)) throw new TypeError(`Column '${column.name}': nested lists cannot be written to CSV`);
        const text = formatScalar(item, column);
        if (text.includes(separator)) {
          throw new Error(`Column '${column.name}': list item ${JSON.stringify(text)} contains the separator '${separator}'`);
        }
        return text;
      })
      .join(separator);
  }
  return formatScalar(value, column);
}

function formatScalar(value: unknown, column: Column): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value, column.name);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  throw new TypeError(`Column '${column.name}': cannot write a value of type ${typeof value} to CSV`);
}

/**
 * Plain decimal notation: String(1e21) is '1e+21' and String(1e-7) is '1e-7', which CSVW's numeric
 * datatypes and most spreadsheets would misread. The digits come from String(), the shortest text that
 * round-trips to the same double, and only the decimal point is moved.
 */
export function formatNumber(value: number, columnName = '?'): string {
  if (!Number.isFinite(value)) throw new RangeError(`Column '${columnName}': ${value} cannot be written to CSV`);
  if (Object.is(value, -0)) return '0';
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;
  const [, sign, whole, fraction = '', exponentText] = match;
  const digits = whole! + fraction;
  const point = whole!.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Parses RFC 4180 text into records of fields: quoted fields may hold commas, doubled quotes and line breaks.
 * Records end with CRLF (LF and CR are accepted too); a final line break does not start an empty record; a
 * leading byte-order mark is ignored. Malformed input (a quote inside an unquoted field, text after a closing
 * quote, an unterminated quote) throws with its offset, since this is used to verify our own output.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let atFieldStart = true;
  const endField = (): void => {
    record.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = (): void => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (atFieldStart && ch === '"') {
      // Quoted field: runs to the next quote that is not doubled.
      i += 1;
      for (;;) {
        if (i >= text.length) throw new SyntaxError(`Unterminated quoted field starting before offset ${i}`);
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += q;
        i += 1;
      }
      atFieldStart = false;
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new SyntaxError(`Unexpected ${JSON.stringify(next)} after a closing quote at offset ${i}`);
      }
      continue;
    }
    if (ch === ',') {
      endField();
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else if (ch === '"') {
      throw new SyntaxError(`Quote inside an unquoted field at offset ${i}`);
    } else {
      field += ch;
      atFieldStart = false;
      i += 1;
    }
  }
  // Text that does not end with a line break still holds a last record; an empty text holds none.
  if (!atFieldStart || record.length > 0) endRecord();
  return records;
}
