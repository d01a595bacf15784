/**
 * The streaming readers against awkward files: every chunk boundary inside quotes, escapes and
 * multi-byte characters, malformed rows, resume by skipping, exact counts, and bounded memory on a
 * 200,000-row file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FileFormatError, type ReadEntry, type ReadOptions, countRecords, fileFormat, readCsvHeader, readRecords } from '../src/read.js';

let dir: string;
let seq = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'articula-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(ext: string, content: string | Buffer): Promise<string> {
  const p = path.join(dir, `f${++seq}.${ext}`);
  await writeFile(p, content);
  return p;
}

async function all(p: string, options?: ReadOptions): Promise<ReadEntry[]> {
  const out: ReadEntry[] = [];
  for await (const entry of readRecords(p, options)) out.push(entry);
  return out;
}

/** Sizes that cut a 4-byte UTF-8 character, a CRLF and a doubled quote in every possible place. */
const CHUNKS = [1, 2, 3, 5, 7, 13, 64 * 1024];

/** Reads with every chunk size, checks they agree, and returns the entries. */
async function readEverywhere(p: string, options: ReadOptions = {}): Promise<ReadEntry[]> {
  const reference = await all(p, options);
  for (const chunkSize of CHUNKS) expect(await all(p, { ...options, chunkSize })).toEqual(reference);
  return reference;
}

async function countEverywhere(p: string): Promise<number> {
  const reference = await countRecords(p);
  for (const chunkSize of CHUNKS) expect(await countRecords(p, { chunkSize })).toBe(reference);
  return reference;
}

const records = (entries: ReadEntry[]) => entries.map((e) => ('record' in e ? e.record : e));

describe('fileFormat', () => {
  it('goes by the extension, in any case', () => {
    expect(fileFormat('a/obras.csv')).toBe('csv');
    expect(fileFormat('OBRAS.CSV')).toBe('csv');
    expect(fileFormat('x.json')).toBe('json');
    expect(fileFormat('x.jsonl')).toBe('jsonl');
    expect(fileFormat('x.NDJSON')).toBe('jsonl');
    expect(() => fileFormat('obras.xlsx')).toThrow(FileFormatError);
    expect(() => fileFormat('obras')).toThrow(FileFormatError);
  });
});

describe('CSV', () => {
  const awkward =
    '\uFEFFid,texto,nota\r\n' +
    '1,"coma, dentro","comillas ""dobles"""\r\n' +
    '2,"línea\r\npartida\ny LF","fin con comilla """\r\n' +
    '3,Huancán ñ €,🏗️ obra 𝄞\r\n' +
    '4,,""\r\n' +
    '5,"","a""b""c"';

  it('reads quoted commas, doubled quotes, CR/LF inside quotes, multi-byte characters and a BOM, at every chunk boundary', async () => {
    const p = await file('csv', awkward);
    const entries = await readEverywhere(p);
    expect(entries.map((e) => e.row)).toEqual([1, 2, 3, 4, 5]);
    expect(records(entries)).toEqual([
      { id: '1', texto: 'coma, dentro', nota: 'comillas "dobles"' },
      { id: '2', texto: 'línea\r\npartida\ny LF', nota: 'fin con comilla "' },
      { id: '3', texto: 'Huancán ñ €', nota: '🏗️ obra 𝄞' },
      { id: '4', texto: '', nota: '' },
      { id: '5', texto: '', nota: 'a"b"c' },
    ]);
    expect(await countEverywhere(p)).toBe(5);
    expect(await readCsvHeader(p, { chunkSize: 1 })).toEqual(['id', 'texto', 'nota']);
  });

  it('gives the same records for LF, CRLF and lone CR line ends, with or without a final line end', async () => {
    const rows = ['a,b', '1,"x\ny"', '2,z'];
    const expected = [
      { row: 1, record: { a: '1', b: 'x\ny' } },
      { row: 2, record: { a: '2', b: 'z' } },
    ];
    for (const eol of ['\n', '\r\n', '\r']) {
      for (const last of ['', eol]) {
        const p = await file('csv', rows.join(eol) + last);
        expect(await readEverywhere(p)).toEqual(expected);
        expect(await countEverywhere(p)).toBe(2);
      }
    }
  });

  it('reports a row with the wrong number of fields by its row number and goes on', async () => {
    const p = await file('csv', 'a,b,c\n1,2,3\n4,5\n"6,x",7,8,9\n10,11,12\n');
    const entries = await readEverywhere(p);
    expect(entries).toEqual([
      { row: 1, record: { a: '1', b: '2', c: '3' } },
      { row: 2, error: 'la fila tiene 2 campos y el encabezado 3' },
      { row: 3, error: 'la fila tiene 4 campos y el encabezado 3' },
      { row: 4, record: { a: '10', b: '11', c: '12' } },
    ]);
    expect(await countEverywhere(p)).toBe(4);
  });

  it('numbers rows as a spreadsheet does, even when a cell spans lines, and skips blank rows without renumbering', async () => {
    const p = await file('csv', 'a,b\n"1\n\n\n",x\n\n2,y\n,\n3,z\n\n\n');
    const entries = await readEverywhere(p);
    expect(entries).toEqual([
      { row: 1, record: { a: '1\n\n\n', b: 'x' } },
      { row: 3, record: { a: '2', b: 'y' } },
      { row: 5, record: { a: '3', b: 'z' } },
    ]);
    // Blank rows are counted (they have numbers) though not yielded.
    expect(await countEverywhere(p)).toBe(7);
  });

  it('reports an unclosed quote at the end of the file, and text after a closing quote, as row errors', async () => {
    const p = await file('csv', 'a,b\n"x"y,1\n2,2\n3,"sin cerrar\n4,4\n');
    const entries = await readEverywhere(p);
    expect(entries).toEqual([
      { row: 1, error: 'hay texto después de las comillas que cierran un campo' },
      { row: 2, record: { a: '2', b: '2' } },
      { row: 3, error: 'unas comillas abren un campo y no se cierran antes del final del archivo' },
    ]);
    expect(await countEverywhere(p)).toBe(3);
  });

  it('keeps a quote inside an unquoted field as it is', async () => {
    const p = await file('csv', 'a,b\nTubo 4",x\n');
    expect(await readEverywhere(p)).toEqual([{ row: 1, record: { a: 'Tubo 4"', b: 'x' } }]);
  });

  it('trims header names, and keeps a column called __proto__ as a column', async () => {
    const p = await file('csv', ' a , __proto__\n1,2\n');
    const [entry] = await all(p);
    expect(entry).toEqual({ row: 1, record: { a: '1', ['__proto__']: '2' } });
    expect(Object.getPrototypeOf((entry as { record: object }).record)).toBe(Object.prototype);
  });

  it('refuses files without a usable header', async () => {
    await expect(all(await file('csv', ''))).rejects.toThrow(FileFormatError);
    await expect(all(await file('csv', '\uFEFF'))).rejects.toThrow(/vacío/);
    await expect(all(await file('csv', '\n1,2\n'))).rejects.toThrow(/encabezado/);
    await expect(all(await file('csv', 'a,b,a\n1,2,3\n'))).rejects.toThrow(/repite la columna «a»/);
    await expect(readCsvHeader(await file('json', '[]'))).rejects.toThrow(FileFormatError);
  });

  it('stops on a runaway record instead of holding the rest of the file', async () => {
    const p = await file('csv', `a,b\n1,"${'x'.repeat(5000)}\n`);
    await expect(all(p, { maxRecordChars: 1000, chunkSize: 64 })).rejects.toThrow(/la fila 1 supera 1000 caracteres/);
  });

  it('a header-only file has no records', async () => {
    const p = await file('csv', 'a,b\r\n');
    expect(await all(p)).toEqual([]);
    expect(await countRecords(p)).toBe(0);
  });
});

describe('JSON array', () => {
  const awkward = `\uFEFF  [
    {"t": "llaves } ] { [ y comas , dentro", "n": 1},
    {"t": "comilla \\" escapada, barra \\\\", "u": "\\u00f1 y \\ud83c\\udfd7", "m": "Huancán 🏗️ 𝄞"},
    {"a": [1, [2, {"b": "]"}]], "o": {"p": {"q": []}}},
    {"t": "barra al final \\\\"}
  ]  \n`;

  it('splits top-level elements across any chunk boundary, through strings, escapes and nesting', async () => {
    const p = await file('json', awkward);
    const entries = await readEverywhere(p);
    expect(records(entries)).toEqual(JSON.parse(awkward.slice(1)));
    expect(entries.map((e) => e.row)).toEqual([1, 2, 3, 4]);
    expect(await countEverywhere(p)).toBe(4);
  });

  it('reports elements that are not objects or do not parse, and goes on', async () => {
    const p = await file('json', '[{"a":1}, 2, "x", [1], null, {"a": tru}, {"a":2}, , {"a":3},]');
    const entries = await readEverywhere(p);
    expect(entries.map((e) => e.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(entries[0]).toEqual({ row: 1, record: { a: 1 } });
    expect(entries[1]).toEqual({ row: 2, error: 'se esperaba un objeto {…} y se encontró un número' });
    expect(entries[2]).toEqual({ row: 3, error: 'se esperaba un objeto {…} y se encontró un texto' });
    expect(entries[3]).toEqual({ row: 4, error: 'se esperaba un objeto {…} y se encontró un arreglo' });
    expect(entries[4]).toEqual({ row: 5, error: 'se esperaba un objeto {…} y se encontró null' });
    expect(entries[5]).toMatchObject({ row: 6, error: expect.stringMatching(/^JSON no válido: /) });
    expect(entries[6]).toEqual({ row: 7, record: { a: 2 } });
    expect(entries[7]).toEqual({ row: 8, error: 'elemento vacío entre dos comas' });
    // The trailing comma before ] is tolerated: it loses nothing.
    expect(entries[8]).toEqual({ row: 9, record: { a: 3 } });
    expect(await countEverywhere(p)).toBe(9);
  });

  it('an empty array has no records', async () => {
    const p = await file('json', ' [ ] ');
    expect(await readEverywhere(p)).toEqual([]);
    expect(await countEverywhere(p)).toBe(0);
  });

  it('reports a truncated last element as an error of its row', async () => {
    const p = await file('json', '[{"a":1},{"a":"cortad');
    expect(await readEverywhere(p)).toEqual([
      { row: 1, record: { a: 1 } },
      { row: 2, error: 'el archivo termina dentro de este elemento: ¿está incompleto?' },
    ]);
    expect(await countEverywhere(p)).toBe(2);
  });

  it('refuses what is not one array', async () => {
    await expect(all(await file('json', '{"a":1}'))).rejects.toThrow(/arreglo de objetos/);
    await expect(all(await file('json', ''))).rejects.toThrow(/vacío/);
    await expect(all(await file('json', '[{"a":1}] [{"a":2}]'))).rejects.toThrow(/después del corchete/);
    await expect(all(await file('json', '[{"a":1},'))).rejects.toThrow(/no se cierra/);
  });

  it('stops on a runaway element', async () => {
    const p = await file('json', `[{"a": "${'x'.repeat(5000)}`);
    await expect(all(p, { maxRecordChars: 1000, chunkSize: 100 })).rejects.toThrow(/el elemento 1 supera/);
  });
});

describe('JSON Lines', () => {
  it('reads one object per line, numbered by line, skipping blank lines, with LF or CRLF', async () => {
    const p = await file('jsonl', '\uFEFF{"a":"ñ 🏗️"}\r\n\n   \n{"a":2}\n[1]\n{"a":\n{"a":3}');
    const entries = await readEverywhere(p);
    expect(entries).toEqual([
      { row: 1, record: { a: 'ñ 🏗️' } },
      { row: 4, record: { a: 2 } },
      { row: 5, error: 'se esperaba un objeto {…} y se encontró un arreglo' },
      expect.objectContaining({ row: 6, error: expect.stringMatching(/^JSON no válido/) }),
      { row: 7, record: { a: 3 } },
    ]);
    expect(await countEverywhere(p)).toBe(7);
  });

  it('stops on a runaway line', async () => {
    const p = await file('jsonl', `{"a":1}\n{"a":"${'x'.repeat(5000)}"}\n`);
    await expect(all(p, { maxRecordChars: 1000, chunkSize: 100 })).rejects.toThrow(/la línea 2 supera/);
  });
});

describe('encoding', () => {
  it('refuses a file that is not UTF-8 (Excel’s plain «CSV» is Windows-1252), counting or reading, at any chunk boundary', async () => {
    const latin1 = Buffer.from('a,b\n1,Huancán\n2,ñ\n', 'latin1');
    const p = await file('csv', latin1);
    for (const chunkSize of CHUNKS) {
      await expect(countRecords(p, { chunkSize })).rejects.toThrow(/no está codificado en UTF-8/);
      await expect(all(p, { chunkSize })).rejects.toThrow(FileFormatError);
    }
    // A file cut in the middle of a character.
    const cut = await file('jsonl', Buffer.concat([Buffer.from('{"a":"ñ"}\n{"a":"'), Buffer.from('🏗️', 'utf8').subarray(0, 2)]));
    await expect(countRecords(cut, { chunkSize: 3 })).rejects.toThrow(/UTF-8/);
    await expect(all(cut)).rejects.toThrow(/UTF-8/);
  });
});

describe('resume', () => {
  const csv = 'a,b\n' + Array.from({ length: 40 }, (_, i) => (i % 9 === 4 ? '\n' : i % 7 === 3 ? `${i},"mal\n` : `${i},"v ""${i}""\r\n, ñ"\n`)).join('');
  const json = '[' + Array.from({ length: 40 }, (_, i) => (i % 11 === 5 ? '7' : JSON.stringify({ i, s: `}]"${i}",` }))).join(',\n') + ']';
  const jsonl = Array.from({ length: 40 }, (_, i) => (i % 9 === 4 ? '' : i % 13 === 6 ? '{"x"' : JSON.stringify({ i, s: 'ñ\n' }))).join('\n');

  it.each([
    ['csv', csv],
    ['json', json],
    ['jsonl', jsonl],
  ])('skipping N rows of a %s file yields exactly the tail of a full read', async (ext, content) => {
    const p = await file(ext, content);
    const full = await all(p);
    expect(full.some((e) => 'error' in e)).toBe(true);
    const total = await countRecords(p);
    expect(total).toBeGreaterThanOrEqual(full.at(-1)!.row);
    for (const skip of [0, 1, 2, 5, 13, 20, total - 1, total, total + 5]) {
      for (const chunkSize of [3, 64 * 1024]) {
        expect(await all(p, { skip, chunkSize })).toEqual(full.filter((e) => e.row > skip));
      }
    }
  });
});

describe('large files', () => {
  it('reads a 200,000-row CSV with bounded memory', async () => {
    const p = path.join(dir, 'big.csv');
    const out = createWriteStream(p);
    out.write('external_id,kind,title,description,sector,status,districts,latitude,longitude,investment_cost\n');
    for (let i = 1; i <= 200_000; i++) {
      const line = `GRJ-${i},WORK,"Mejoramiento del Jr. Número ${i}, tramo ""A""","Comprende pistas, veredas y drenaje pluvial en el barrio ${i % 97}.\nSegunda línea.",TRANSPORT,IN_EXECUTION,120101|120114,-12.0${i % 10},-75.2${i % 10},${i}.50\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');

    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let last: ReadEntry | undefined;
    for await (const entry of readRecords(p)) {
      count++;
      last = entry;
      if (count % 40_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    expect(count).toBe(200_000);
    expect(last).toMatchObject({ row: 200_000, record: { external_id: 'GRJ-200000', investment_cost: '200000.50' } });
    expect(await countRecords(p)).toBe(200_000);
    // The file is about 45 MB; holding its rows would take several times that.
    expect(peak).toBeLessThan(16 * 1024 * 1024);
  });

  it('stops reading, and releases the file, when the consumer stops early', async () => {
    const p = await file('csv', 'a\n' + '1\n'.repeat(10_000));
    let n = 0;
    for await (const _ of readRecords(p, { chunkSize: 16 })) if (++n === 3) break;
    expect(n).toBe(3);
  });
});
