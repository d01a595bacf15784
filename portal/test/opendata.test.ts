/**
 * The open-data formats (src/lib/opendata): CSV, checksums, CSVW, DCAT-AP, data.json, schema.org, ZIP,
 * the personal-data scanner and OC4IDS. Pure functions, so no database or network; the CSV and ZIP output
 * is also read back by Python's own csv and zipfile modules, which share no code with ours.
 */

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkRecord } from '../src/lib/records.ts';
import type { CatalogEntry, CatalogMeta, Column, DatasetDescriptor, Distribution } from '../src/lib/opendata/types.ts';
import { formatNumber, parseCsv, toCsv } from '../src/lib/opendata/csv.ts';
import { sha256Hex } from '../src/lib/opendata/checksum.ts';
import { csvwMetadata } from '../src/lib/opendata/csvw.ts';
import { dcatCatalog } from '../src/lib/opendata/dcat.ts';
import { dataJson } from '../src/lib/opendata/datajson.ts';
import { formatByteSize, jsonLdScript, schemaOrgDataset } from '../src/lib/opendata/schemaorg.ts';
import { createZip, dosDateTime } from '../src/lib/opendata/zip.ts';
import { findPersonalData } from '../src/lib/opendata/pii.ts';
import { oc4idsPackage, oc4idsSector, oc4idsStatus, oc4idsType } from '../src/lib/opendata/oc4ids.ts';
import { datasetPageUrl } from '../src/lib/opendata/urls.ts';
import * as barrel from '../src/lib/opendata/index.ts';
import { missingMandatory } from './support/dcat-ap.ts';

// ---------------------------------------------------------------------------------------------------------
// Fixtures

const META: CatalogMeta = {
  baseUrl: 'https://datos.munihuancayo.gob.pe/',
  datasetsPath: 'datos/',
  title: 'Datos abiertos de la Municipalidad Provincial de Huancayo',
  description: 'Obras, presupuesto participativo y acuerdos de la provincia de Huancayo, en formatos abiertos.',
  publisher: { name: 'Municipalidad Provincial de Huancayo', url: 'https://www.munihuancayo.gob.pe/', email: 'transparencia@munihuancayo.gob.pe' },
  licence: { id: 'CC-BY-4.0', title: 'Creative Commons Atribución 4.0 Internacional', url: 'https://creativecommons.org/licenses/by/4.0/' },
  generatedAt: '2025-03-10T14:30:00.000Z',
  spatial: { ubigeo: '1201', name: 'Provincia de Huancayo, Junín, Perú' },
};
const INSTITUTIONAL = { allowEmailDomains: ['munihuancayo.gob.pe'] };

const COLUMNS: Column[] = [
  { name: 'id', title: 'Identificador', description: 'Identificador estable de la obra (UUID).', datatype: 'string' },
  { name: 'title', title: 'Nombre', description: 'Nombre de la obra.', datatype: 'string' },
  { name: 'investment_cost', title: 'Costo de inversión', description: 'Costo de inversión en soles.', datatype: 'decimal', nullable: true, unit: 'PEN' },
  { name: 'physical_progress', title: 'Avance físico', description: 'Avance físico en porcentaje.', datatype: 'number', unit: '%' },
  { name: 'report_count', title: 'Informes', description: 'Número de informes de avance.', datatype: 'integer' },
  { name: 'delayed', title: 'Retrasada', description: 'Verdadero si la obra está retrasada.', datatype: 'boolean' },
  { name: 'planned_start', title: 'Inicio previsto', description: 'Fecha de inicio prevista.', datatype: 'date', nullable: true },
  { name: 'updated_at', title: 'Actualizado', description: 'Última actualización (UTC).', datatype: 'datetime' },
  { name: 'district_names', title: 'Distritos', description: 'Distritos donde se ejecuta, separados por |.', datatype: 'string', separator: '|' },
];

const ROWS: Record<string, unknown>[] = [
  {
    id: '0a4d2c1e-7b3f-4e21-9d6a-1f2e3d4c5b6a',
    title: 'Mejoramiento de la av. Huancavelica, tramo "Real – Ferrocarril"',
    investment_cost: '12345678.50',
    physical_progress: 45.5,
    report_count: 3,
    delayed: true,
    planned_start: '2024-02-01',
    updated_at: '2025-03-01T12:00:00.000Z',
    district_names: ['Huancayo', 'El Tambo'],
  },
  {
    id: '12345678-1234-4234-8234-123456789012',
    title: 'Creación del parque, con juegos\r\ny losa',
    investment_cost: null,
    physical_progress: 0,
    report_count: 0,
    delayed: false,
    planned_start: undefined,
    updated_at: '2025-03-02T08:15:30.000Z',
    district_names: [],
  },
];

const DATASET: DatasetDescriptor = {
  id: 'obras',
  title: 'Obras públicas en la provincia de Huancayo',
  description: 'Obras, proyectos, actividades y acciones de todos los ejecutores en la provincia, con su estado, costo y avance.',
  keywords: ['obras', 'inversión pública', 'avance físico'],
  theme: 'GOVE',
  frequency: 'DAILY',
  columns: COLUMNS,
};

function distribution(format: Distribution['format'], fileName: string, mediaType: string, content: string, rowCount?: number): Distribution {
  return {
    format,
    fileName,
    mediaType,
    byteSize: Buffer.byteLength(content, 'utf8'),
    sha256: sha256Hex(content),
    ...(rowCount === undefined ? {} : { rowCount }),
  };
}

const CSV_TEXT = toCsv(COLUMNS, ROWS);
const ENTRY_BASE: Omit<CatalogEntry, 'distributions'> = { dataset: DATASET, rowCount: ROWS.length, modified: '2025-03-10T14:30:00.000Z' };
const CSVW_TEXT = JSON.stringify(csvwMetadata(META, { ...ENTRY_BASE, distributions: [] }, 'obras.csv'), null, 2);
const JSON_TEXT = JSON.stringify(ROWS);
const ENTRY: CatalogEntry = {
  ...ENTRY_BASE,
  distributions: [
    distribution('CSV', 'obras.csv', 'text/csv; charset=utf-8', CSV_TEXT, 2),
    distribution('CSVW', 'obras.csv-metadata.json', 'application/csvm+json', CSVW_TEXT),
    distribution('JSON', 'obras.json', 'application/json', JSON_TEXT, 2),
    distribution('GeoJSON', 'obras.geojson', 'application/geo+json', '{"type":"FeatureCollection","features":[]}', 1),
    distribution('OC4IDS', 'obras-oc4ids.json', 'application/json', '{}', 2),
  ],
};
const AGREEMENTS: CatalogEntry = {
  dataset: {
    id: 'acuerdos',
    title: 'Acuerdos de participación ciudadana',
    description: 'Acuerdos tomados en reuniones con organizaciones sociales, con su responsable y estado.',
    keywords: ['acuerdos', 'participación'],
    theme: 'SOCI',
    frequency: 'IRREG',
    columns: COLUMNS.slice(0, 2),
    issued: '2024-06-01',
  },
  distributions: [distribution('CSV', 'acuerdos.csv', 'text/csv', 'id,title\r\n', 0)],
  rowCount: 0,
  modified: '2025-03-09T10:00:00.000Z',
};

function work(overrides: Partial<WorkRecord> = {}): WorkRecord {
  return {
    id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    cui: '2456789',
    infobras_code: '345678',
    title: 'Mejoramiento del servicio de transitabilidad vehicular y peatonal del jr. Puno, distrito de Huancayo',
    description: 'Comprende pavimento rígido, veredas, sardineles y señalización.',
    kind: 'PROJECT',
    sector: 'TRANSPORT',
    status: 'IN_EXECUTION',
    suspension_reason: null,
    executor_id: 'a1b2c3d4-0000-4000-8000-000000000001',
    executor_name: 'Municipalidad Provincial de Huancayo',
    executor_level: 'LOCAL',
    department_code: 'GOP',
    department_name: 'Gerencia de Obras Públicas',
    district_ubigeos: ['120101'],
    district_names: ['Huancayo'],
    latitude: -12.0651,
    longitude: -75.2049,
    planned_start: '2024-03-01',
    planned_end: '2024-12-31',
    actual_start: '2024-03-15',
    actual_end: null,
    investment_cost: '3456789.10',
    contract_amount: '3100000.00',
    contractor_name: 'Constructora Mantaro S.A.C.',
    contractor_ruc: '20123456789',
    physical_progress: 62.5,
    financial_progress: 58.1,
    progress_gap: 4.4,
    delayed: false,
    created_at: '2024-01-10T15:00:00.000Z',
    updated_at: '2025-02-28T16:45:12.000Z',
    progress_reports: [],
    history: [],
    agreement_ids: [],
    origin_proposal_id: null,
    ...overrides,
  };
}

const OC4IDS_OPTIONS = { prefix: 'oc4ids-hyo01', uri: 'https://datos.munihuancayo.gob.pe/datos/obras-oc4ids.json', publishedDate: '2025-03-10T14:30:00Z' };

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'opendata-test-'));
}

function python(script: string, ...args: string[]): string {
  return execFileSync('python3', ['-c', script, ...args], { encoding: 'utf8' });
}

/** Every object, array and string in the value, depth first, with its JSON path. */
function* walk(value: unknown, at = '$'): Generator<[string, unknown]> {
  yield [at, value];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* walk(v, `${at}[${i}]`);
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) yield* walk(v, `${at}.${k}`);
}

// ---------------------------------------------------------------------------------------------------------

describe('toCsv / parseCsv', () => {
  it('writes RFC 4180: header of column names, CRLF after every record, quotes only where needed', () => {
    const columns: Column[] = [
      { name: 'a', title: 'A', description: '', datatype: 'string' },
      { name: 'b', title: 'B', description: '', datatype: 'string' },
    ];
    const csv = toCsv(columns, [
      { a: 'plain', b: 'with, comma' },
      { a: 'say "hi"', b: 'line\nbreak' },
      { a: ' spaced ', b: 'cr\ronly' },
    ]);
    expect(csv).toBe('a,b\r\nplain,"with, comma"\r\n"say ""hi""","line\nbreak"\r\n spaced ,"cr\ronly"\r\n');
  });

  it('formats values: null/undefined empty, lists joined with the separator, booleans, plain-notation numbers', () => {
    const lines = CSV_TEXT.split('\r\n');
    expect(lines[0]).toBe('id,title,investment_cost,physical_progress,report_count,delayed,planned_start,updated_at,district_names');
    expect(lines[1]).toBe(
      '0a4d2c1e-7b3f-4e21-9d6a-1f2e3d4c5b6a,"Mejoramiento de la av. Huancavelica, tramo ""Real – Ferrocarril""",12345678.50,45.5,3,true,2024-02-01,2025-03-01T12:00:00.000Z,Huancayo|El Tambo',
    );
    expect(lines[2]).toBe('12345678-1234-4234-8234-123456789012,"Creación del parque, con juegos');
  });

  it('never writes exponent notation', () => {
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(1.2345e25)).toBe('12345000000000000000000000');
    expect(formatNumber(1e-7)).toBe('0.0000001');
    expect(formatNumber(-1.5e-7)).toBe('-0.00000015');
    expect(formatNumber(123.456)).toBe('123.456');
    expect(formatNumber(-0)).toBe('0');
    expect(Number(formatNumber(2.5e-10))).toBe(2.5e-10);
    const csv = toCsv([{ name: 'n', title: 'N', description: '', datatype: 'number' }], [{ n: 1e21 }, { n: 3e-9 }]);
    expect(csv).toBe('n\r\n1000000000000000000000\r\n0.000000003\r\n');
  });

  it('round-trips through parseCsv, quoted line breaks included', () => {
    const parsed = parseCsv(CSV_TEXT);
    expect(parsed).toEqual([
      COLUMNS.map((c) => c.name),
      [
        '0a4d2c1e-7b3f-4e21-9d6a-1f2e3d4c5b6a',
        'Mejoramiento de la av. Huancavelica, tramo "Real – Ferrocarril"',
        '12345678.50',
        '45.5',
        '3',
        'true',
        '2024-02-01',
        '2025-03-01T12:00:00.000Z',
        'Huancayo|El Tambo',
      ],
      ['12345678-1234-4234-8234-123456789012', 'Creación del parque, con juegos\r\ny losa', '', '0', '0', 'false', '', '2025-03-02T08:15:30.000Z', ''],
    ]);
  });

  it('round-trips arbitrary strings', () => {
    const nasty = ['', ' ', ',', '"', '""', '\r\n', '\n\n', 'a,"b"\r\nc', 'ñandú 🦙', '=1+1', 'tab\there'];
    const columns: Column[] = nasty.map((_, i) => ({ name: `c${i}`, title: '', description: '', datatype: 'string' }));
    const row = Object.fromEntries(nasty.map((v, i) => [`c${i}`, v]));
    expect(parseCsv(toCsv(columns, [row, row]))).toEqual([columns.map((c) => c.name), nasty, nasty]);
  });

  it('is UTF-8 without a byte-order mark', () => {
    const bytes = Buffer.from(CSV_TEXT, 'utf8');
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(0, 2).toString()).toBe('id');
  });

  it('uses the column separator for lists and refuses values it cannot write faithfully', () => {
    const col = (extra: Partial<Column> = {}): Column[] => [{ name: 'x', title: '', description: '', datatype: 'string', ...extra }];
    expect(toCsv(col({ separator: ';' }), [{ x: ['a', 'b'] }])).toBe('x\r\na;b\r\n');
    expect(toCsv(col(), [{ x: [1, true, null] }])).toBe('x\r\n1|true|\r\n');
    expect(toCsv(col(), [{ x: new Date(Date.UTC(2025, 0, 2)) }])).toBe('x\r\n2025-01-02T00:00:00.000Z\r\n');
    expect(() => toCsv(col(), [{ x: ['a|b'] }])).toThrow(/separator/);
    expect(() => toCsv(col(), [{ x: [['nested']] }])).toThrow(/nested/);
    expect(() => toCsv(col(), [{ x: Number.NaN }])).toThrow(RangeError);
    expect(() => toCsv(col(), [{ x: { a: 1 } }])).toThrow(TypeError);
  });

  it('parses LF-only and unterminated last records, and rejects malformed input', () => {
    expect(parseCsv('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,\r\n,\r\n')).toEqual([['a', ''], ['', '']]);
    expect(parseCsv('\ufeffa\r\n')).toEqual([['a']]);
    expect(parseCsv('')).toEqual([]);
    expect(() => parseCsv('a"b\r\n')).toThrow(/unquoted/);
    expect(() => parseCsv('"a"b\r\n')).toThrow(/closing quote/);
    expect(() => parseCsv('"abc')).toThrow(/Unterminated/);
  });

  it('reads the same as Python’s csv module', () => {
    const dir = tempDir();
    const file = path.join(dir, 'obras.csv');
    fs.writeFileSync(file, CSV_TEXT, 'utf8');
    const fromPython = JSON.parse(
      python('import csv, json, sys\nwith open(sys.argv[1], newline="", encoding="utf-8") as f:\n print(json.dumps(list(csv.reader(f, strict=True))))', file),
    );
    expect(fromPython).toEqual(parseCsv(CSV_TEXT));
  });
});

describe('sha256Hex', () => {
  it('gives the known digests', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes strings as UTF-8', () => {
    expect(sha256Hex('Huancayo ñ')).toBe(sha256Hex(Buffer.from('Huancayo ñ', 'utf8')));
    expect(sha256Hex('ñ')).not.toBe(sha256Hex(Buffer.from('ñ', 'latin1')));
  });
});

describe('csvwMetadata', () => {
  const doc = csvwMetadata(META, ENTRY, 'obras.csv') as Record<string, any>;

  it('describes the file, its licence and its dialect', () => {
    expect(doc['@context']).toEqual(['http://www.w3.org/ns/csvw', { '@language': 'es' }]);
    expect(doc.url).toBe('obras.csv');
    expect(doc['dc:title']).toBe(DATASET.title);
    expect(doc['dc:description']).toBe(DATASET.description);
    expect(doc['dc:license']).toEqual({ '@id': 'https://creativecommons.org/licenses/by/4.0/' });
    expect(doc['dc:modified']).toEqual({ '@value': '2025-03-10T14:30:00.000Z', '@type': 'xsd:dateTime' });
    expect(doc['dc:publisher']).toEqual({ 'schema:name': META.publisher.name, 'schema:url': { '@id': META.publisher.url } });
    expect(doc.dialect).toMatchObject({ header: true, delimiter: ',', lineTerminators: ['\r\n'], encoding: 'utf-8' });
  });

  it('has one column per CSV column, in order, with mapped datatypes', () => {
    const columns = doc.tableSchema.columns as Record<string, unknown>[];
    expect(columns.map((c) => c.name)).toEqual(parseCsv(CSV_TEXT)[0]);
    expect(columns.map((c) => c.datatype)).toEqual(['string', 'string', 'decimal', 'double', 'integer', 'boolean', 'date', 'datetime', 'string']);
    expect(columns[0]).toEqual({
      name: 'id',
      titles: ['id', 'Identificador'],
      'dc:description': 'Identificador estable de la obra (UUID).',
      datatype: 'string',
      required: true,
      null: '',
    });
  });

  it('marks required only the non-nullable columns and a separator only on list columns', () => {
    const columns = doc.tableSchema.columns as Record<string, unknown>[];
    expect(columns.filter((c) => c.required === true).map((c) => c.name)).toEqual(
      COLUMNS.filter((c) => !c.nullable).map((c) => c.name),
    );
    expect(columns.filter((c) => 'separator' in c).map((c) => [c.name, c.separator])).toEqual([['district_names', '|']]);
    expect(columns[2]!['schema:unitText']).toBe('PEN');
  });
});

describe('dcatCatalog', () => {
  const doc = dcatCatalog(META, [ENTRY, AGREEMENTS]) as Record<string, any>;
  const graph = doc['@graph'] as Record<string, any>[];
  const catalog = graph.find((n) => n['@type'] === 'dcat:Catalog')!;
  const obras = catalog['dcat:dataset'][0];
  const byFile = (file: string) => obras['dcat:distribution'].find((d: any) => d['dcat:downloadURL']['@id'].endsWith(`/${file}`));

  it('passes the independent DCAT-AP 3.0 mandatory-property check', () => {
    expect(missingMandatory(doc)).toEqual([]);
  });

  it('declares the prefixes it uses', () => {
    expect(doc['@context']).toMatchObject({
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
      adms: 'http://www.w3.org/ns/adms#',
      spdx: 'http://spdx.org/rdf/terms#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
      dcatap: 'http://data.europa.eu/r5r/',
      locn: 'http://www.w3.org/ns/locn#',
    });
    const used = new Set<string>();
    for (const [, v] of walk(doc['@graph'])) {
      if (v && typeof v === 'object' && !Array.isArray(v)) for (const k of Object.keys(v)) if (/^[a-z]+:/.test(k)) used.add(k.split(':')[0]!);
    }
    for (const prefix of used) expect(Object.keys(doc['@context'])).toContain(prefix);
  });

  it('carries the catalogue’s recommended properties', () => {
    expect(catalog['@id']).toBe('https://datos.munihuancayo.gob.pe/#catalogo');
    expect(catalog['dct:language']).toEqual({ '@id': 'http://publications.europa.eu/resource/authority/language/SPA' });
    expect(catalog['dct:license']).toEqual({ '@id': 'https://creativecommons.org/licenses/by/4.0/' });
    expect(catalog['foaf:homepage']).toEqual({ '@id': 'https://datos.munihuancayo.gob.pe/' });
    expect(catalog['dct:modified']).toEqual({ '@value': META.generatedAt, '@type': 'xsd:dateTime' });
    expect(catalog['dcat:themeTaxonomy']).toEqual({ '@id': 'http://publications.europa.eu/resource/authority/data-theme' });
    const publisher = graph.find((n) => n['@id'] === catalog['dct:publisher']['@id'])!;
    expect(publisher['foaf:name']).toEqual({ '@value': META.publisher.name, '@language': 'es' });
    const place = graph.find((n) => n['@id'] === catalog['dct:spatial']['@id'])!;
    expect(place).toMatchObject({ '@type': 'dct:Location', 'dct:identifier': '1201' });
  });

  it('carries the dataset’s recommended properties', () => {
    expect(obras['@id']).toBe('https://datos.munihuancayo.gob.pe/datos/obras/#conjunto-de-datos');
    expect(obras['dcat:landingPage']).toEqual({ '@id': 'https://datos.munihuancayo.gob.pe/datos/obras/' });
    expect(obras['dcat:theme']).toEqual({ '@id': 'http://publications.europa.eu/resource/authority/data-theme/GOVE' });
    expect(obras['dct:accrualPeriodicity']).toEqual({ '@id': 'http://publications.europa.eu/resource/authority/frequency/DAILY' });
    expect(obras['dcat:keyword']).toEqual(DATASET.keywords.map((k) => ({ '@value': k, '@language': 'es' })));
    expect(obras['dcat:contactPoint']).toEqual({
      '@type': 'vcard:Organization',
      'vcard:fn': { '@value': META.publisher.name, '@language': 'es' },
      'vcard:hasEmail': { '@id': 'mailto:transparencia@munihuancayo.gob.pe' },
      'vcard:hasURL': { '@id': META.publisher.url },
    });
    expect(obras['dct:issued']).toBeUndefined(); // unknown, so not invented
    const acuerdos = catalog['dcat:dataset'][1];
    expect(acuerdos['dct:issued']).toEqual({ '@value': '2024-06-01', '@type': 'xsd:date' });
    expect(acuerdos['dct:accrualPeriodicity']['@id']).toBe('http://publications.europa.eu/resource/authority/frequency/IRREG');
  });

  it('describes each file with absolute URLs, EU file types, IANA media types, size and checksum', () => {
    const csv = byFile('obras.csv');
    expect(csv['dcat:downloadURL']).toEqual({ '@id': 'https://datos.munihuancayo.gob.pe/datos/obras.csv' });
    expect(csv['dcat:accessURL']).toEqual(csv['dcat:downloadURL']);
    expect(csv['dct:format']).toEqual({ '@id': 'http://publications.europa.eu/resource/authority/file-type/CSV' });
    expect(csv['dcat:mediaType']).toEqual({ '@id': 'https://www.iana.org/assignments/media-types/text/csv' });
    expect(csv['dcat:byteSize']).toEqual({ '@value': String(Buffer.byteLength(CSV_TEXT)), '@type': 'xsd:nonNegativeInteger' });
    expect(csv['spdx:checksum']).toEqual({
      '@type': 'spdx:Checksum',
      'spdx:algorithm': { '@id': 'spdx:checksumAlgorithm_sha256' },
      'spdx:checksumValue': { '@value': crypto.createHash('sha256').update(CSV_TEXT).digest('hex'), '@type': 'xsd:hexBinary' },
    });
    expect(csv['dct:license']).toEqual({ '@id': META.licence.url });
    expect(csv['dct:conformsTo']).toEqual([
      { '@id': 'https://www.rfc-editor.org/rfc/rfc4180' },
      { '@id': 'https://datos.munihuancayo.gob.pe/datos/obras.csv-metadata.json' },
    ]);
    const formats = Object.fromEntries(
      obras['dcat:distribution'].map((d: any) => [d['dcat:downloadURL']['@id'].split('/').pop(), d['dct:format']['@id'].split('/').pop()]),
    );
    expect(formats).toEqual({
      'obras.csv': 'CSV',
      'obras.csv-metadata.json': 'JSON_LD',
      'obras.json': 'JSON',
      'obras.geojson': 'GEOJSON',
      'obras-oc4ids.json': 'JSON',
    });
    expect(byFile('obras-oc4ids.json')['dct:conformsTo']).toEqual([{ '@id': 'https://standard.open-contracting.org/infrastructure/0.9/en/' }]);
    expect(byFile('obras.geojson')['dcat:mediaType']['@id']).toBe('https://www.iana.org/assignments/media-types/application/geo+json');
  });

  it('is deterministic and refuses unknown themes', () => {
    expect(JSON.stringify(dcatCatalog(META, [ENTRY, AGREEMENTS]))).toBe(JSON.stringify(doc));
    expect(() => dcatCatalog(META, [{ ...ENTRY, dataset: { ...DATASET, theme: 'GOV' } }])).toThrow(/GOV/);
  });
});

describe('missingMandatory (the DCAT-AP checker itself)', () => {
  const good = () => JSON.parse(JSON.stringify(dcatCatalog(META, [ENTRY]))) as Record<string, any>;
  const datasetIri = 'https://datos.munihuancayo.gob.pe/datos/obras/#conjunto-de-datos';

  it('reports a dataset without a description', () => {
    const doc = good();
    delete doc['@graph'][0]['dcat:dataset'][0]['dct:description'];
    expect(missingMandatory(doc)).toEqual([`Dataset <${datasetIri}>: dct:description missing`]);
  });

  it('reports empty titles, a missing accessURL and an incomplete checksum', () => {
    const doc = good();
    const dataset = doc['@graph'][0]['dcat:dataset'][0];
    dataset['dct:title'] = { '@value': '  ', '@language': 'es' };
    delete dataset['dcat:distribution'][0]['dcat:accessURL'];
    delete dataset['dcat:distribution'][1]['spdx:checksum']['spdx:algorithm'];
    expect(missingMandatory(doc)).toEqual([
      `Dataset <${datasetIri}>: dct:title missing`,
      'Distribution <https://datos.munihuancayo.gob.pe/datos/obras/#distribucion-obras.csv>: dcat:accessURL missing',
      'Checksum (blank node): spdx:algorithm missing',
    ]);
  });

  it('follows @id references: a publisher referenced but not described has no foaf:name', () => {
    const doc = good();
    doc['@graph'] = doc['@graph'].filter((n: any) => n['@id'] !== 'https://datos.munihuancayo.gob.pe/#publicador');
    expect(missingMandatory(doc)).toEqual(['Agent <https://datos.munihuancayo.gob.pe/#publicador>: foaf:name missing']);
  });

  it('reads nested documents with full-IRI keys and no @graph', () => {
    const DCT = 'http://purl.org/dc/terms/';
    const DCAT = 'http://www.w3.org/ns/dcat#';
    const doc = {
      '@id': 'https://example.org/catalog',
      '@type': `${DCAT}Catalog`,
      [`${DCT}title`]: 'Catálogo',
      [`${DCT}description`]: 'Un catálogo.',
      [`${DCT}publisher`]: { '@id': 'https://example.org/org', 'http://xmlns.com/foaf/0.1/name': 'Org' },
      [`${DCAT}dataset`]: [{ '@id': 'https://example.org/ds', [`${DCT}title`]: 'Sin descripción', [`${DCAT}distribution`]: { [`${DCT}title`]: 'CSV' } }],
    };
    expect(missingMandatory(doc)).toEqual([
      'Dataset <https://example.org/ds>: dct:description missing',
      'Distribution (blank node): dcat:accessURL missing',
    ]);
  });

  it('resolves terms defined in the context, and reports what DCAT-AP 3 requires of a catalogue', () => {
    const doc = {
      '@context': { title: 'http://purl.org/dc/terms/title', Catalog: 'http://www.w3.org/ns/dcat#Catalog', license: { '@id': 'http://purl.org/dc/terms/license' } },
      '@type': 'Catalog',
      title: 'Catálogo sin descripción',
      license: 'CC-BY-4.0',
    };
    expect(missingMandatory(doc)).toEqual([
      'Catalogue (blank node): dct:description missing',
      'Catalogue (blank node): dct:publisher missing',
      'Catalogue (blank node): dct:license must be a resource (IRI), not the text "CC-BY-4.0"',
      'Catalogue (blank node): neither dcat:dataset nor dcat:service (empty catalogue)',
    ]);
    expect(missingMandatory({ '@context': {}, '@graph': [] })).toEqual(['No dcat:Catalog in the document']);
  });

  it('reports two publishers and an upper-case checksum', () => {
    const doc = good();
    const catalog = doc['@graph'][0];
    catalog['dct:publisher'] = [catalog['dct:publisher'], { '@id': 'https://example.org/otro', 'foaf:name': 'Otro' }];
    const checksum = catalog['dcat:dataset'][0]['dcat:distribution'][0]['spdx:checksum'];
    checksum['spdx:checksumValue']['@value'] = checksum['spdx:checksumValue']['@value'].toUpperCase();
    expect(missingMandatory(doc)).toEqual([
      'Catalogue <https://datos.munihuancayo.gob.pe/#catalogo>: dct:publisher must have exactly one value, has 2',
      'Checksum (blank node): spdx:checksumValue must be lower-case hexadecimal',
    ]);
  });
});

describe('dataJson (Project Open Data 1.1)', () => {
  const doc = dataJson(META, [ENTRY, AGREEMENTS]) as Record<string, any>;
  const [obras, acuerdos] = doc.dataset as Record<string, any>[];

  it('is a v1.1 catalogue', () => {
    expect(Object.keys(doc)).toEqual(['@context', '@type', 'conformsTo', 'describedBy', 'dataset']);
    expect(doc).toMatchObject({
      '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
      '@type': 'dcat:Catalog',
      conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
      describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
    });
  });

  it('has every required dataset field, non-empty', () => {
    for (const dataset of doc.dataset as Record<string, any>[]) {
      for (const field of ['title', 'description', 'keyword', 'modified', 'publisher', 'contactPoint', 'identifier', 'accessLevel']) {
        expect(dataset[field]).toBeTruthy();
      }
      expect(dataset.keyword.length).toBeGreaterThan(0);
      expect(dataset.publisher).toEqual({ '@type': 'org:Organization', name: META.publisher.name });
      expect(dataset.contactPoint).toEqual({ '@type': 'vcard:Contact', fn: META.publisher.name, hasEmail: 'mailto:transparencia@munihuancayo.gob.pe' });
      expect(dataset.accessLevel).toBe('public');
      expect(dataset.language).toEqual(['es-PE']);
      expect(dataset.license).toBe(META.licence.url);
    }
    expect(new Set(doc.dataset.map((d: any) => d.identifier)).size).toBe(2);
  });

  it('maps frequencies to ISO 8601 repeating durations', () => {
    const periodicity = (frequency: DatasetDescriptor['frequency']) =>
      (dataJson(META, [{ ...AGREEMENTS, dataset: { ...AGREEMENTS.dataset, frequency } }]) as any).dataset[0].accrualPeriodicity;
    expect(['DAILY', 'WEEKLY', 'MONTHLY', 'ANNUAL', 'IRREG'].map((f) => periodicity(f as DatasetDescriptor['frequency']))).toEqual([
      'R/P1D',
      'R/P1W',
      'R/P1M',
      'R/P1Y',
      'irregular',
    ]);
    expect(obras.accrualPeriodicity).toBe('R/P1D');
  });

  it('lists the data files as distributions, the CSV described by its CSVW dictionary', () => {
    expect(obras.landingPage).toBe('https://datos.munihuancayo.gob.pe/datos/obras/');
    expect(obras.theme).toEqual(['Gobierno y sector público']);
    expect(obras.spatial).toBe(META.spatial.name);
    expect(obras.describedBy).toBe('https://datos.munihuancayo.gob.pe/datos/obras.csv-metadata.json');
    expect(obras.distribution.map((d: any) => d.format)).toEqual(['CSV', 'JSON', 'GeoJSON', 'OC4IDS']);
    expect(obras.distribution[0]).toEqual({
      '@type': 'dcat:Distribution',
      title: `${DATASET.title} (CSV)`,
      description: 'Tabla CSV (UTF-8, separada por comas, con una fila de encabezados) de 2 filas.',
      downloadURL: 'https://datos.munihuancayo.gob.pe/datos/obras.csv',
      mediaType: 'text/csv',
      format: 'CSV',
      conformsTo: 'https://www.rfc-editor.org/rfc/rfc4180',
      describedBy: 'https://datos.munihuancayo.gob.pe/datos/obras.csv-metadata.json',
      describedByType: 'application/csvm+json',
    });
    for (const d of obras.distribution) expect(d.mediaType).toMatch(/^[-\w]+\/[-\w]+(\.[-\w]+)*([+][-\w]+)?$/);
    expect(acuerdos.describedBy).toBeUndefined();
    expect(acuerdos.issued).toBe('2024-06-01');
  });
});

describe('schemaOrgDataset / jsonLdScript', () => {
  const pageUrl = datasetPageUrl(META, 'obras');
  const doc = schemaOrgDataset(META, ENTRY, pageUrl) as Record<string, any>;

  it('describes the dataset for search engines', () => {
    expect(doc).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Dataset',
      name: DATASET.title,
      description: DATASET.description,
      url: 'https://datos.munihuancayo.gob.pe/datos/obras/',
      identifier: 'obras',
      keywords: DATASET.keywords,
      license: META.licence.url,
      isAccessibleForFree: true,
      inLanguage: 'es-PE',
      dateModified: ENTRY.modified,
      creator: { '@type': 'Organization', name: META.publisher.name },
      publisher: { '@type': 'Organization', name: META.publisher.name },
      spatialCoverage: { '@type': 'Place', name: META.spatial.name },
    });
    expect(doc.variableMeasured).toHaveLength(COLUMNS.length);
    expect(doc.variableMeasured[2]).toEqual({
      '@type': 'PropertyValue',
      name: 'investment_cost',
      alternateName: 'Costo de inversión',
      description: 'Costo de inversión en soles.',
      unitText: 'PEN',
    });
    expect(doc.distribution.map((d: any) => d.encodingFormat)).toEqual(['text/csv', 'application/json', 'application/geo+json', 'application/json']);
    expect(doc.distribution[0]).toMatchObject({
      '@type': 'DataDownload',
      contentUrl: 'https://datos.munihuancayo.gob.pe/datos/obras.csv',
      contentSize: formatByteSize(Buffer.byteLength(CSV_TEXT)),
      sha256: sha256Hex(CSV_TEXT),
    });
  });

  it('formats sizes for people', () => {
    expect([formatByteSize(0), formatByteSize(1023), formatByteSize(1536), formatByteSize(5 * 1024 * 1024)]).toEqual(['0 B', '1023 B', '1.5 KB', '5.0 MB']);
  });

  it('embeds JSON-LD that cannot close its script element', () => {
    const hostile = { ...doc, name: '</script><script>alert(1)</script><!-- & -->', description: 'a\u2028b' };
    const html = jsonLdScript(hostile);
    expect(html.startsWith('<script type="application/ld+json">')).toBe(true);
    expect(html.endsWith('</script>')).toBe(true);
    const body = html.slice('<script type="application/ld+json">'.length, -'</script>'.length);
    expect(body).not.toMatch(/[<>&\u2028]/);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(JSON.parse(body)).toEqual(hostile);
    expect(() => jsonLdScript(undefined)).toThrow(TypeError);
  });
});

describe('createZip', () => {
  const modified = new Date(Date.UTC(2025, 2, 10, 14, 30, 42));
  const random = crypto.createHash('sha512').update('seed').digest(); // incompressible bytes
  const files = [
    { name: 'obras.csv', data: Buffer.from(CSV_TEXT.repeat(50), 'utf8'), modified },
    { name: 'vacío.txt', data: Buffer.alloc(0), modified },
    { name: 'año 2025/ñandú – acuerdos.json', data: Buffer.from(JSON.stringify({ título: 'Acuerdos' }), 'utf8'), modified },
    { name: 'bin/random.bin', data: random, modified: new Date(Date.UTC(1975, 0, 1)) },
  ];
  const zip = createZip(files);

  it('passes python3 -m zipfile -t and extracts to the same bytes, names and dates', () => {
    const dir = tempDir();
    const file = path.join(dir, 'datos.zip');
    fs.writeFileSync(file, zip);
    expect(execFileSync('python3', ['-m', 'zipfile', '-t', file], { encoding: 'utf8' })).toMatch(/Done testing/);
    const listing = JSON.parse(
      python(
        [
          'import base64, json, sys, zipfile',
          'with zipfile.ZipFile(sys.argv[1]) as z:',
          '  assert z.testzip() is None',
          '  print(json.dumps([{"name": i.filename, "utf8": bool(i.flag_bits & 0x800), "method": i.compress_type,',
          '    "date": list(i.date_time), "data": base64.b64encode(z.read(i)).decode()} for i in z.infolist()]))',
        ].join('\n'),
        file,
      ),
    );
    expect(listing.map((e: any) => e.name)).toEqual(files.map((f) => f.name));
    for (const [i, e] of listing.entries()) expect(Buffer.from(e.data, 'base64').equals(files[i]!.data)).toBe(true);
    expect(listing.every((e: any) => e.utf8)).toBe(true);
    expect(listing.map((e: any) => e.method)).toEqual([8, 0, 0, 0]); // deflated where it helps, stored otherwise
    expect(listing[0].date).toEqual([2025, 3, 10, 14, 30, 42]);
    expect(listing[3].date).toEqual([1980, 1, 1, 0, 0, 0]); // DOS dates start in 1980
  });

  it('extracts with unzip too, when it is installed', () => {
    let hasUnzip = true;
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    } catch {
      hasUnzip = false;
    }
    if (!hasUnzip) return;
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'datos.zip'), zip);
    execFileSync('unzip', ['-q', 'datos.zip', '-d', 'out'], { cwd: dir });
    for (const f of files) expect(fs.readFileSync(path.join(dir, 'out', f.name)).equals(f.data)).toBe(true);
  });

  it('is deterministic and compresses', () => {
    expect(createZip(files).equals(zip)).toBe(true);
    expect(zip.length).toBeLessThan(files[0]!.data.length / 5);
    expect(createZip([]).equals(Buffer.from('504b0506000000000000000000000000000000000000', 'hex'))).toBe(true);
  });

  it('writes DOS dates from the UTC wall clock, with 2-second resolution', () => {
    const { dosDate, dosTime } = dosDateTime(new Date(Date.UTC(2024, 11, 31, 23, 59, 59)));
    expect([(dosDate >> 9) + 1980, (dosDate >> 5) & 0xf, dosDate & 0x1f]).toEqual([2024, 12, 31]);
    expect([dosTime >> 11, (dosTime >> 5) & 0x3f, (dosTime & 0x1f) * 2]).toEqual([23, 59, 58]);
  });

  it('refuses names that could escape the extraction folder, and duplicates', () => {
    const d = { data: Buffer.from('x'), modified };
    for (const name of ['/etc/passwd', '../x', 'a/../../x', 'a\\b', '', 'a//b']) {
      expect(() => createZip([{ name, ...d }])).toThrow(/Invalid ZIP entry name/);
    }
    expect(() => createZip([{ name: 'a', ...d }, { name: 'a', ...d }])).toThrow(/Duplicate/);
  });
});

describe('findPersonalData', () => {
  const kinds = (text: string) => findPersonalData(text, INSTITUTIONAL).map((m) => [m.kind, m.match]);

  it('finds DNIs, phones, personal e-mails and natural persons’ RUCs, with their offsets', () => {
    const text = 'Solicitante con DNI 45678912, celular 987 654 321 y correo juan.perez@gmail.com.';
    expect(findPersonalData(text, INSTITUTIONAL)).toEqual([
      { kind: 'DNI', match: '45678912', index: text.indexOf('45678912') },
      { kind: 'PHONE', match: '987 654 321', index: text.indexOf('987 654 321') },
      { kind: 'EMAIL', match: 'juan.perez@gmail.com', index: text.indexOf('juan.perez@gmail.com') },
    ]);
  });

  it.each([
    ['DNI 12345678.', [['DNI', '12345678']]],
    ['"dni":"01234567"', [['DNI', '01234567']]],
    // Amounts and sizes the portal writes (OC4IDS, the catalog) are not document numbers; the same digits anywhere else are still reported.
    ['{"amount": {"amount": 12345678, "currency": "PEN"}}', []],
    ['{"amount": "12345678"}', [['DNI', '12345678']]],
    ['{"total": 12345678}', [['DNI', '12345678']]],
    ['{"dcat:byteSize": { "@value": "12345678", "@type": "xsd:nonNegativeInteger" }, "byteSize": 23456789, "rowCount": 34567890}', []],
    ['{"dcat:title": "DNI 12345678"}', [['DNI', '12345678']]],
    ['12345678-9', [['DNI', '12345678']]],
    ['987654321', [['PHONE', '987654321']]],
    ['987-654-321', [['PHONE', '987-654-321']]],
    ['+51 987 654 321', [['PHONE', '+51 987 654 321']]],
    ['+51987654321', [['PHONE', '+51987654321']]],
    ['(064) 123456', [['PHONE', '(064) 123456']]],
    ['064-123456', [['PHONE', '064-123456']]],
    ['+51 64 214567', [['PHONE', '+51 64 214567']]],
    ['RUC 10456789123', [['PERSONAL_RUC', '10456789123']]],
    ['ruc: 15123456789', [['PERSONAL_RUC', '15123456789']]],
    ['Escribir a Vecino.Ejemplo@Hotmail.com', [['EMAIL', 'Vecino.Ejemplo@Hotmail.com']]],
    ['12345678@gmail.com', [['EMAIL', '12345678@gmail.com']]],
  ])('flags %j', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each([
    ['a UUID with all-digit groups', '12345678-1234-4234-8234-123456789012'],
    ['a UUID in a URL', 'https://datos.munihuancayo.gob.pe/obras/98765432-1098-4765-8432-109876543210/'],
    ['an amount with two decimals', 'Costo: S/ 12345678.00'],
    ['a large phone-shaped amount', '987654321.50'],
    ['thousands separators', '12.345.678,90 y 12,345,678.90'],
    ['a coordinate', '-12.06512345,-75.20498765'],
    ['a UBIGEO', 'ubigeo 120101'],
    ['a CUI', 'CUI 2456789'],
    ['a company RUC', 'RUC 20123456789'],
    ['an ISO date', '2024-03-15'],
    ['a compact timestamp with fraction', '2025-03-10T14:30:00.987654321Z'],
    ['a time', '09:12:34'],
    // Letters around the digit runs: without blanking digests these would read as a DNI and a mobile number.
    ['a SHA-256', `sha256:${'ab12345678cd987654321ef'.padEnd(64, '0a1b')}`],
    ['an upper-case MD5', `ETag "${'FF12345678AA'.padEnd(32, 'C0')}"`],
    ['an institutional address', 'transparencia@munihuancayo.gob.pe y obras@gerencia.munihuancayo.gob.pe'],
    ['a 9-digit number not starting with 9', '123456789'],
    ['an Infobras code and a count', 'Infobras 345678, 1234567 habitantes'],
  ])('ignores %s', (_label, text) => {
    expect(findPersonalData(text, INSTITUTIONAL)).toEqual([]);
  });

  it('flags institutional addresses when no domain is allowed', () => {
    expect(findPersonalData('transparencia@munihuancayo.gob.pe').map((m) => m.kind)).toEqual(['EMAIL']);
  });

  it('finds nothing in the files the portal generates', () => {
    const outputs = [
      CSV_TEXT,
      CSVW_TEXT,
      JSON.stringify(dcatCatalog(META, [ENTRY, AGREEMENTS])),
      JSON.stringify(dataJson(META, [ENTRY, AGREEMENTS])),
      jsonLdScript(schemaOrgDataset(META, ENTRY, datasetPageUrl(META, 'obras'))),
      JSON.stringify(oc4idsPackage(META, [work(), work({ id: '11111111-2222-4333-8444-555555555555', status: 'COMPLETED', actual_end: '2024-12-20' })], OC4IDS_OPTIONS)),
    ];
    for (const text of outputs) expect(findPersonalData(text, INSTITUTIONAL)).toEqual([]);
  });
});

describe('oc4idsPackage', () => {
  const pkg = oc4idsPackage(META, [work()], OC4IDS_OPTIONS) as Record<string, any>;
  const project = pkg.projects[0] as Record<string, any>;

  /** The package schema's required fields and 0.9.3's rule against empty strings, arrays and objects. */
  function problems(p: Record<string, any>): string[] {
    const found: string[] = [];
    for (const field of ['uri', 'publisher', 'publishedDate', 'projects', 'version']) if (!(field in p)) found.push(`${field} missing`);
    if (!/^(\d+\.)(\d+)$/.test(p.version)) found.push('version is not major.minor');
    if (typeof p.publisher?.name !== 'string') found.push('publisher.name missing');
    if (!Array.isArray(p.projects) || p.projects.length === 0) found.push('projects empty');
    for (const [i, project] of (p.projects ?? []).entries()) if (typeof project.id !== 'string' || project.id === '') found.push(`projects[${i}].id missing`);
    for (const [at, v] of walk(p)) {
      if (v === '' || v === null || (Array.isArray(v) && v.length === 0)) found.push(`${at} is empty`);
      else if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0) found.push(`${at} is empty`);
    }
    return found;
  }

  it('has the package fields and a valid project', () => {
    expect(problems(pkg)).toEqual([]);
    expect(pkg).toMatchObject({
      uri: OC4IDS_OPTIONS.uri,
      publishedDate: '2025-03-10T14:30:00Z',
      publisher: { name: META.publisher.name, uri: META.publisher.url },
      license: META.licence.url,
      version: '0.9',
    });
    expect(Object.keys(pkg)).toEqual(['uri', 'publishedDate', 'publisher', 'license', 'version', 'projects']);
  });

  it('maps a work onto an OC4IDS project', () => {
    expect(project).toEqual({
      id: 'oc4ids-hyo01-6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      identifiers: [{ id: '2456789', scheme: 'PE-CUI' }],
      updated: '2025-02-28T16:45:12.000Z',
      title: work().title,
      description: work().description,
      status: 'implementation',
      type: 'rehabilitation',
      sector: ['transport'],
      period: { startDate: '2024-03-15T00:00:00-05:00', endDate: '2024-12-31T00:00:00-05:00' },
      locations: [
        {
          id: '1',
          description: 'Huancayo',
          geometry: { type: 'Point', coordinates: [-75.2049, -12.0651] },
          gazetteer: { scheme: 'PE-UBIGEO', identifiers: ['120101'] },
        },
      ],
      budget: { amount: { amount: 3456789.1, currency: 'PEN' } },
      parties: [
        { id: 'agency-a1b2c3d4-0000-4000-8000-000000000001', name: 'Municipalidad Provincial de Huancayo', roles: ['publicAuthority'] },
        { id: 'department-GOP', name: 'Gerencia de Obras Públicas', roles: ['administrativeEntity'] },
        {
          id: 'PE-RUC-20123456789',
          name: 'Constructora Mantaro S.A.C.',
          identifier: { scheme: 'PE-RUC', id: '20123456789', legalName: 'Constructora Mantaro S.A.C.' },
          roles: ['supplier'],
        },
      ],
      publicAuthority: { id: 'agency-a1b2c3d4-0000-4000-8000-000000000001', name: 'Municipalidad Provincial de Huancayo' },
    });
  });

  it('maps every status onto the closed projectStatus codelist', () => {
    expect(['PLANNED', 'IN_PREPARATION', 'IN_EXECUTION', 'SUSPENDED', 'COMPLETED', 'CANCELLED'].map(oc4idsStatus)).toEqual([
      'identification',
      'preparation',
      'implementation',
      'implementation',
      'completed',
      'cancelled',
    ]);
    expect(oc4idsStatus('UNKNOWN')).toBeUndefined();
  });

  it('maps sectors onto projectSector, leaving out those without a fitting code', () => {
    expect(oc4idsSector('SANITATION')).toEqual(['waterAndWaste']);
    expect(oc4idsSector('HEALTH')).toEqual(['health']);
    expect(oc4idsSector('EDUCATION')).toEqual(['education']);
    expect(oc4idsSector('ENERGY')).toEqual(['energy']);
    expect(oc4idsSector('AGRICULTURE')).toEqual(['economy']);
    expect(oc4idsSector('CULTURE_AND_SPORTS')).toEqual(['cultureSportsAndRecreation']);
    expect(oc4idsSector('HOUSING_AND_URBAN_DEVELOPMENT')).toBeUndefined();
    expect(oc4idsSector('SOCIAL_PROTECTION')).toBeUndefined();
    const p = (oc4idsPackage(META, [work({ sector: 'SOCIAL_PROTECTION' })], OC4IDS_OPTIONS) as any).projects[0];
    expect('sector' in p).toBe(false);
  });

  it('derives the project type from the Invierte.pe name, and gives none to activities', () => {
    const type = (kind: string, title: string) => oc4idsType({ kind, title });
    expect(type('PROJECT', 'Creación del puente peatonal')).toBe('construction');
    expect(type('WORK', 'Construcción de losa deportiva')).toBe('construction');
    expect(type('PROJECT', 'MEJORAMIENTO del jr. Puno')).toBe('rehabilitation');
    expect(type('PROJECT', 'Recuperación del ecosistema ribereño')).toBe('rehabilitation');
    expect(type('PROJECT', 'Ampliación del sistema de agua potable')).toBe('expansion');
    expect(type('PROJECT', 'Reposición de redes de desagüe')).toBe('replacement');
    expect(type('ACTIVITY', 'Mantenimiento de áreas verdes 2025')).toBeUndefined();
    expect(type('ACTION', 'Creación de una campaña')).toBeUndefined();
  });

  it('keeps a work without CUI, location, cost, department or contractor valid', () => {
    const bare = work({
      cui: null,
      kind: 'ACTIVITY',
      sector: 'HOUSING_AND_URBAN_DEVELOPMENT',
      status: 'PLANNED',
      department_code: null,
      department_name: null,
      district_ubigeos: [],
      district_names: [],
      latitude: null,
      longitude: null,
      planned_start: null,
      planned_end: null,
      actual_start: null,
      investment_cost: null,
      contract_amount: null,
      contractor_name: null,
      contractor_ruc: null,
      description: '',
    });
    const p = oc4idsPackage(META, [bare], OC4IDS_OPTIONS) as Record<string, any>;
    expect(problems(p)).toEqual([]);
    expect(Object.keys(p.projects[0])).toEqual(['id', 'updated', 'title', 'status', 'parties', 'publicAuthority']);
    expect(p.projects[0].status).toBe('identification');
  });

  it('states a suspension in the description and records completion', () => {
    const suspended = (oc4idsPackage(META, [work({ status: 'SUSPENDED', suspension_reason: 'Falta de expediente de adicional.' })], OC4IDS_OPTIONS) as any)
      .projects[0];
    expect(suspended.status).toBe('implementation');
    expect(suspended.description).toBe(`${work().description} Obra paralizada: Falta de expediente de adicional.`);
    const done = (oc4idsPackage(META, [work({ status: 'COMPLETED', actual_end: '2025-01-20' })], OC4IDS_OPTIONS) as any).projects[0];
    expect(done.status).toBe('completed');
    expect(done.completion).toEqual({ endDate: '2025-01-20T00:00:00-05:00', endDateDetails: 'Fecha de culminación prevista: 2024-12-31.' });
    expect((oc4idsPackage(META, [work({ status: 'COMPLETED', actual_end: null })], OC4IDS_OPTIONS) as any).projects[0].completion).toBeUndefined();
  });

  it('never publishes a natural person’s RUC', () => {
    const p = (oc4idsPackage(META, [work({ contractor_name: 'Consorcio Valle', contractor_ruc: '10456789123' })], OC4IDS_OPTIONS) as any).projects[0];
    const supplier = p.parties.find((x: any) => x.roles.includes('supplier'));
    expect(supplier).toEqual({ id: `contractor-${work().id}`, name: 'Consorcio Valle', roles: ['supplier'] });
    expect(JSON.stringify(p)).not.toContain('10456789123');
  });

  it('writes dates as date-times and keeps the input order', () => {
    const ids = ['b', 'a', 'c'];
    const p = oc4idsPackage(META, ids.map((id) => work({ id })), { ...OC4IDS_OPTIONS, publicationPolicy: 'https://datos.munihuancayo.gob.pe/politica/' }) as any;
    expect(p.projects.map((x: any) => x.id)).toEqual(['oc4ids-hyo01-b', 'oc4ids-hyo01-a', 'oc4ids-hyo01-c']);
    expect(p.publicationPolicy).toBe('https://datos.munihuancayo.gob.pe/politica/');
    for (const [at, v] of walk(p)) {
      if (/\.(startDate|endDate|updated)$/.test(at)) expect(v).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    }
  });
});

describe('index.ts', () => {
  it('re-exports the API', () => {
    for (const name of ['toCsv', 'parseCsv', 'sha256Hex', 'csvwMetadata', 'dcatCatalog', 'dataJson', 'schemaOrgDataset', 'jsonLdScript', 'createZip', 'findPersonalData', 'oc4idsPackage']) {
      expect(typeof (barrel as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
