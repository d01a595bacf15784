/**
 * The mapper, field by field and error by error, and the published format against it: the template,
 * the examples in three formats, the JSON Schemas and the README must all agree with what the
 * mapper does, so that the documentation cannot drift from the code.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CSV_COLUMNS,
  FIELD_OF_COLUMN,
  INPUT_FIELDS,
  type InterventionInput,
  LIMITS,
  type MapResult,
  PATTERNS,
  REQUIRED_FIELDS,
  SECTORS,
  WORK_KINDS,
  WORK_STATUSES,
  missingRequiredColumns,
  toInterventionInput,
  unknownColumns,
} from '../src/map.js';
import { type ReadEntry, countRecords, readCsvHeader, readRecords } from '../src/read.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOCS = path.join(ROOT, 'docs/interventions');
const readJson = (p: string) => JSON.parse(readFileSync(path.join(DOCS, p), 'utf8'));

function ok(result: MapResult): InterventionInput {
  if (!result.ok) throw new Error(`expected a valid record, got ${JSON.stringify(result.errors)}`);
  return result.input;
}
function errors(result: MapResult): Record<string, string> {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.input)}`);
  return Object.fromEntries(result.errors.map((e) => [e.field, e.reason]));
}

const fullCsv: Record<string, string> = {
  external_id: 'GRJ-1',
  work_id: 'w-9',
  kind: 'PROJECT',
  title: '  Mejoramiento del Jr. Puno  ',
  description: 'Pistas y veredas, "con" comas',
  sector: 'TRANSPORT',
  status: 'SUSPENDED',
  suspension_reason: 'Resolución del contrato',
  districts: '120101 | 120114|',
  latitude: '-12.0653',
  longitude: ' -75.2117 ',
  cui: '2483715',
  infobras_code: '158764',
  planned_start: '2025-03-03',
  planned_end: '2026-12-30',
  actual_start: '2025-04-14',
  actual_end: '2026-01-31',
  investment_cost: '18542630.75',
  contract_amount: '16980412',
  contractor_name: 'Consorcio Vial',
  contractor_ruc: '20485173626',
  physical_progress: '62.4',
  progress_date: '2026-10-31',
};

const fullInput: InterventionInput = {
  externalId: 'GRJ-1',
  workId: 'w-9',
  kind: 'PROJECT',
  title: 'Mejoramiento del Jr. Puno',
  description: 'Pistas y veredas, "con" comas',
  sector: 'TRANSPORT',
  status: 'SUSPENDED',
  suspensionReason: 'Resolución del contrato',
  districts: ['120101', '120114'],
  location: { latitude: -12.0653, longitude: -75.2117 },
  cui: '2483715',
  infobrasCode: '158764',
  plannedStart: '2025-03-03',
  plannedEnd: '2026-12-30',
  actualStart: '2025-04-14',
  actualEnd: '2026-01-31',
  investmentCost: '18542630.75',
  contractAmount: '16980412',
  contractor: { name: 'Consorcio Vial', ruc: '20485173626' },
  physicalProgress: 62.4,
  progressDate: '2026-10-31',
};

const minimalJson = { externalId: 'X-1', kind: 'WORK', title: 'Obra', sector: 'HEALTH', status: 'PLANNED', districts: ['120107'] };
const minimalCsv = { external_id: 'X-1', kind: 'WORK', title: 'Obra', sector: 'HEALTH', status: 'PLANNED', districts: '120107' };

describe('toInterventionInput, CSV', () => {
  it('maps every column, trimming cells, splitting districts, pairing the point and the contractor', () => {
    const input = ok(toInterventionInput(fullCsv, 'csv'));
    expect(input).toEqual(fullInput);
    // In the API's order, so that requests and reports read the same way every time.
    expect(Object.keys(input)).toEqual(INPUT_FIELDS.filter((f) => f in input));
  });

  it('treats empty and blank cells, and missing optional columns, as absent', () => {
    const blanks = Object.fromEntries(CSV_COLUMNS.map((c) => [c, '  ']));
    expect(ok(toInterventionInput({ ...blanks, ...minimalCsv }, 'csv'))).toEqual(minimalJson);
    expect(ok(toInterventionInput(minimalCsv, 'csv'))).toEqual(minimalJson);
  });

  it('accepts codes in any case, as spreadsheet users type them', () => {
    expect(ok(toInterventionInput({ ...minimalCsv, kind: 'work', sector: 'Health', status: 'planned' }, 'csv'))).toMatchObject({ kind: 'WORK', sector: 'HEALTH', status: 'PLANNED' });
  });

  it('reads numbers strictly: a comma, an exponent, a unit or a bare point is an error, never a guess', () => {
    for (const bad of ['12,5', '1e2', '45.5 %', '.5', '5.', '1 000', 'NaN', 'Infinity', '0x10', '+-1']) {
      expect(errors(toInterventionInput({ ...minimalCsv, physical_progress: bad }, 'csv'))).toEqual({
        physicalProgress: `«${bad}» no es un número: use punto decimal y solo dígitos (p. ej. 45.5)`,
      });
    }
    expect(ok(toInterventionInput({ ...minimalCsv, physical_progress: '0' }, 'csv')).physicalProgress).toBe(0);
    expect(ok(toInterventionInput({ ...minimalCsv, physical_progress: '100.0' }, 'csv')).physicalProgress).toBe(100);
    expect(errors(toInterventionInput({ ...minimalCsv, physical_progress: '100.01' }, 'csv'))).toHaveProperty('physicalProgress');
    expect(errors(toInterventionInput({ ...minimalCsv, physical_progress: '-1' }, 'csv'))).toHaveProperty('physicalProgress');
    expect(errors(toInterventionInput({ ...minimalCsv, latitude: '-12,07', longitude: '-75.2' }, 'csv'))).toHaveProperty(['location.latitude']);
    expect(errors(toInterventionInput({ ...minimalCsv, latitude: '-91', longitude: '-75.2' }, 'csv'))).toHaveProperty(['location.latitude']);
  });

  it('keeps amounts as exact strings, and refuses separators, signs and a third decimal', () => {
    expect(ok(toInterventionInput({ ...minimalCsv, investment_cost: '0.5', contract_amount: '1250000.50' }, 'csv'))).toMatchObject({ investmentCost: '0.5', contractAmount: '1250000.50' });
    for (const bad of ['1,250,000.50', '1250000,50', '-5', '12.345', 'S/ 100', '1 000', '1e6', '.5']) {
      expect(errors(toInterventionInput({ ...minimalCsv, investment_cost: bad }, 'csv'))).toHaveProperty('investmentCost');
    }
  });

  it('wants latitude and longitude together', () => {
    expect(errors(toInterventionInput({ ...minimalCsv, latitude: '-12.07' }, 'csv'))).toEqual({
      'location.longitude': 'falta: latitude y longitude van juntas (o ambas vacías)',
    });
    expect(errors(toInterventionInput({ ...minimalCsv, longitude: '-75.2' }, 'csv'))).toHaveProperty(['location.latitude']);
  });

  it('wants a contractor name with a RUC, and checks the RUC form', () => {
    expect(errors(toInterventionInput({ ...minimalCsv, contractor_ruc: '20485173626' }, 'csv'))).toEqual({
      'contractor.name': 'obligatorio cuando se indica contractor_ruc',
    });
    expect(ok(toInterventionInput({ ...minimalCsv, contractor_name: 'Consorcio X' }, 'csv')).contractor).toEqual({ name: 'Consorcio X' });
    expect(errors(toInterventionInput({ ...minimalCsv, contractor_name: 'Consorcio X', contractor_ruc: '2048517362' }, 'csv'))).toHaveProperty(['contractor.ruc']);
    expect(errors(toInterventionInput({ ...minimalCsv, contractor_name: 'Consorcio X', contractor_ruc: '30485173626' }, 'csv'))).toHaveProperty(['contractor.ruc']);
  });

  it('checks districts one by one', () => {
    expect(errors(toInterventionInput({ ...minimalCsv, districts: '' }, 'csv'))).toHaveProperty('districts');
    expect(errors(toInterventionInput({ ...minimalCsv, districts: '|' }, 'csv'))).toHaveProperty('districts');
    expect(errors(toInterventionInput({ ...minimalCsv, districts: '120101|110101|12010' }, 'csv'))).toEqual({
      'districts[1]': expect.stringContaining('«110101»'),
      'districts[2]': expect.stringContaining('«12010»'),
    });
    expect(errors(toInterventionInput({ ...minimalCsv, districts: '120101|120101' }, 'csv'))).toEqual({ 'districts[1]': 'el distrito 120101 está repetido' });
    expect(errors(toInterventionInput({ ...minimalCsv, districts: '120101,120114' }, 'csv'))).toHaveProperty(['districts[0]']);
  });

  it('checks dates are real calendar dates written AAAA-MM-DD', () => {
    expect(errors(toInterventionInput({ ...minimalCsv, planned_start: '15/03/2026' }, 'csv'))).toEqual({
      plannedStart: '«15/03/2026» no es una fecha AAAA-MM-DD (p. ej. 2026-03-15)',
    });
    expect(errors(toInterventionInput({ ...minimalCsv, planned_end: '2026-02-30' }, 'csv'))).toEqual({ plannedEnd: '«2026-02-30» no es una fecha que exista' });
    expect(ok(toInterventionInput({ ...minimalCsv, actual_end: '2024-02-29' }, 'csv')).actualEnd).toBe('2024-02-29');
  });

  it('checks codes, lengths and required fields, and reports every problem at once', () => {
    const result = errors(toInterventionInput({ external_id: '', kind: 'OBRA', title: 'ab', sector: '', status: 'SUSPENDED', districts: '120101', cui: '123456', infobras_code: '12345678901', description: 'x'.repeat(5001) }, 'csv'));
    expect(result).toEqual({
      externalId: 'obligatorio',
      kind: '«OBRA» no es un código válido: use uno de WORK, PROJECT, ACTIVITY, ACTION',
      title: 'debe tener al menos 3 caracteres',
      description: 'debe tener como máximo 5000 caracteres (tiene 5001)',
      sector: expect.stringMatching(/^obligatorio: uno de PUBLIC_ORDER_AND_SECURITY/),
      suspensionReason: 'obligatorio cuando status es SUSPENDED (motivo de la paralización)',
      cui: '«123456» debe tener exactamente 7 dígitos (Código Único de Inversiones)',
      infobrasCode: '«12345678901» debe tener de 1 a 10 dígitos (código INFOBRAS)',
    });
    expect(errors(toInterventionInput({ ...minimalCsv, external_id: 'x'.repeat(101) }, 'csv'))).toHaveProperty('externalId');
    expect(errors(toInterventionInput({ ...minimalCsv, title: 'x'.repeat(501) }, 'csv'))).toHaveProperty('title');
  });

  it('ignores unknown columns (reported once by unknownColumns) and has no executor column', () => {
    expect(ok(toInterventionInput({ ...minimalCsv, observaciones: 'algo', executor: 'otra-entidad' }, 'csv'))).toEqual(minimalJson);
  });
});

describe('toInterventionInput, JSON', () => {
  const fullJson = { ...fullInput, title: '  Mejoramiento del Jr. Puno  ', executor: 'agency-1' };

  it('maps every field, keeping strings as sent', () => {
    expect(ok(toInterventionInput(fullJson, 'json'))).toEqual({ ...fullInput, title: '  Mejoramiento del Jr. Puno  ', executor: 'agency-1' });
  });

  it('treats null as absent, and takes integer ids', () => {
    const nulls = Object.fromEntries(INPUT_FIELDS.filter((f) => !(REQUIRED_FIELDS as readonly string[]).includes(f)).map((f) => [f, null]));
    expect(ok(toInterventionInput({ ...nulls, ...minimalJson }, 'json'))).toEqual(minimalJson);
    expect(ok(toInterventionInput({ ...minimalJson, workId: 42 }, 'json')).workId).toBe('42');
  });

  it('checks types: strings, numbers, lists and objects where they belong', () => {
    expect(
      errors(
        toInterventionInput(
          { externalId: 7, kind: 'work', title: ['x'], sector: 'HEALTH', status: 'PLANNED', districts: '120101', physicalProgress: '50', investmentCost: 1250000.5, location: [1, 2], contractor: 'ACME', workId: 1.5 },
          'json',
        ),
      ),
    ).toEqual({
      externalId: 'debe ser un texto, no un número',
      kind: '«work» no es un código válido: use uno de WORK, PROJECT, ACTIVITY, ACTION',
      title: 'debe ser un texto, no una lista',
      districts: 'debe ser una lista de textos, no un texto',
      physicalProgress: 'debe ser un número JSON, no un texto',
      investmentCost: 'debe ser un texto decimal como "1250000.50", no un número JSON (los montos se envían exactos)',
      location: 'debe ser un objeto {latitude, longitude}, no una lista',
      contractor: 'debe ser un objeto {name, ruc}, no un texto',
      workId: 'debe ser un texto, no un número',
    });
    expect(errors(toInterventionInput({ ...minimalJson, districts: ['120101', 120114] }, 'json'))).toEqual({ 'districts[1]': 'debe ser un texto, no un número' });
    expect(errors(toInterventionInput({ ...minimalJson, districts: [] }, 'json'))).toHaveProperty('districts');
  });

  it('checks the point and the contractor inside their objects', () => {
    expect(errors(toInterventionInput({ ...minimalJson, location: { latitude: -12.07 } }, 'json'))).toEqual({ 'location.longitude': 'obligatorio en location' });
    expect(errors(toInterventionInput({ ...minimalJson, location: { latitude: -12.07, longitude: '-75.2', altitude: 3200 } }, 'json'))).toEqual({
      'location.altitude': 'campo desconocido',
      'location.longitude': 'debe ser un número JSON, no un texto',
    });
    expect(errors(toInterventionInput({ ...minimalJson, contractor: { ruc: '20485173626' } }, 'json'))).toEqual({ 'contractor.name': 'obligatorio' });
    expect(ok(toInterventionInput({ ...minimalJson, contractor: { name: 'ACME S.A.C.', ruc: null } }, 'json')).contractor).toEqual({ name: 'ACME S.A.C.' });
  });

  it('refuses unknown fields, and names the JSON spelling of a CSV column', () => {
    expect(errors(toInterventionInput({ ...minimalJson, external_id: 'x', contractor_ruc: '1', color: 'rojo' }, 'json'))).toEqual({
      external_id: 'campo desconocido: en JSON se escribe «externalId»',
      contractor_ruc: 'campo desconocido: en JSON se escribe «contractor.ruc»',
      color: 'campo desconocido',
    });
  });

  it('wants a non-blank suspension reason for a suspended intervention', () => {
    expect(errors(toInterventionInput({ ...minimalJson, status: 'SUSPENDED', suspensionReason: '  ' }, 'json'))).toHaveProperty('suspensionReason');
    expect(ok(toInterventionInput({ ...minimalJson, status: 'SUSPENDED', suspensionReason: 'Sin expediente' }, 'json')).suspensionReason).toBe('Sin expediente');
  });
});

describe('CSV header checks', () => {
  it('lists unknown columns once, and missing required ones', () => {
    expect(unknownColumns([...CSV_COLUMNS])).toEqual([]);
    expect(unknownColumns(['external_id', 'Título', 'executor', 'Título', ''])).toEqual(['Título', 'executor', '']);
    expect(missingRequiredColumns([...CSV_COLUMNS])).toEqual([]);
    expect(missingRequiredColumns(['external_id', 'title', 'description'])).toEqual(['kind', 'sector', 'status', 'districts']);
  });
});

// ---------------------------------------------------------------------------------------------
// The published format
// ---------------------------------------------------------------------------------------------

/**
 * Just enough of JSON Schema 2020-12 for the two published schemas, so the examples are checked
 * against them without a dependency. It fails on any keyword it does not know, so a schema cannot
 * grow a rule this test silently ignores.
 */
type Schema = Record<string, any>;
const KNOWN = new Set(['$schema', '$id', '$defs', '$ref', 'title', 'description', 'type', 'enum', 'const', 'pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'required', 'properties', 'additionalProperties', 'items', 'minItems', 'uniqueItems', 'anyOf', 'if', 'then']);

function validate(value: unknown, schema: Schema, root: Schema, files: Record<string, Schema>, at = ''): string[] {
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`the test validator does not know "${key}" (at ${at || '/'})`);
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${at || '/'}: ${message}`);
  if (schema.$ref !== undefined) {
    const ref: string = schema.$ref;
    if (ref.startsWith('#/$defs/')) problems.push(...validate(value, root.$defs[ref.slice(8)], root, files, at));
    else problems.push(...validate(value, files[ref]!, files[ref]!, files, at));
  }
  if (schema.type !== undefined) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    const fits = types.some((t) => t === actual || (t === 'integer' && Number.isInteger(value)));
    if (!fits) return [`${at || '/'}: type ${actual}, wanted ${types.join('|')}`];
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) fail(`${JSON.stringify(value)} not in enum`);
  if (schema.const !== undefined && value !== schema.const) fail(`not ${schema.const}`);
  if (typeof value === 'string') {
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) fail(`does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && [...value].length < schema.minLength) fail('too short');
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) fail('too long');
    if (schema.format === 'date' && Number.isNaN(Date.parse(`${value}T00:00:00Z`))) fail('not a date');
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) fail('below minimum');
    if (schema.maximum !== undefined && value > schema.maximum) fail('above maximum');
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) fail('too few items');
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) fail('repeated items');
    if (schema.items !== undefined) value.forEach((v, i) => problems.push(...validate(v, schema.items, root, files, `${at}/${i}`)));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) fail(`missing ${key}`);
    for (const [key, v] of Object.entries(object)) {
      if (schema.properties?.[key] !== undefined) problems.push(...validate(v, schema.properties[key], root, files, `${at}/${key}`));
      else if (schema.additionalProperties === false) fail(`unknown property ${key}`);
    }
  }
  if (schema.anyOf !== undefined && schema.anyOf.every((s: Schema) => validate(value, s, root, files, at).length > 0)) fail('matches no anyOf branch');
  if (schema.if !== undefined && validate(value, schema.if, root, files, at).length === 0 && schema.then !== undefined) {
    problems.push(...validate(value, schema.then, root, files, at));
  }
  return problems;
}

describe('the published format (docs/interventions)', () => {
  const itemSchema: Schema = readJson('intervention.schema.json');
  const fileSchema: Schema = readJson('interventions-file.schema.json');
  const files = { 'intervention.schema.json': itemSchema };
  const validItem = (item: unknown) => validate(item, itemSchema, itemSchema, files);

  async function entries(p: string): Promise<ReadEntry[]> {
    const out: ReadEntry[] = [];
    for await (const e of readRecords(path.join(DOCS, p))) out.push(e);
    return out;
  }
  async function mapped(p: string, format: 'csv' | 'json'): Promise<InterventionInput[]> {
    return (await entries(p)).map((e) => {
      if (!('record' in e)) throw new Error(`${p} row ${e.row}: ${e.error}`);
      return ok(toInterventionInput(e.record, format));
    });
  }

  it('the schema says what the mapper does: fields, required list, enums, patterns and limits', () => {
    expect(Object.keys(itemSchema.properties)).toEqual([...INPUT_FIELDS]);
    expect(itemSchema.required).toEqual([...REQUIRED_FIELDS]);
    expect(itemSchema.additionalProperties).toBe(false);
    expect(itemSchema.$defs.kind.enum).toEqual([...WORK_KINDS]);
    expect(itemSchema.$defs.sector.enum).toEqual([...SECTORS]);
    expect(itemSchema.$defs.status.enum).toEqual([...WORK_STATUSES]);
    expect(itemSchema.$defs.ubigeo.pattern).toBe(PATTERNS.ubigeo.source);
    expect(itemSchema.properties.cui.pattern).toBe(PATTERNS.cui.source);
    expect(itemSchema.properties.infobrasCode.pattern).toBe(PATTERNS.infobrasCode.source);
    expect(itemSchema.$defs.contractor.properties.ruc.pattern).toBe(PATTERNS.ruc.source);
    expect(itemSchema.$defs.date.pattern).toBe(PATTERNS.date.source);
    expect(itemSchema.$defs.decimal.pattern).toBe(PATTERNS.decimal.source);
    expect([itemSchema.properties.externalId.minLength, itemSchema.properties.externalId.maxLength]).toEqual([LIMITS.externalId.min, LIMITS.externalId.max]);
    expect([itemSchema.properties.title.minLength, itemSchema.properties.title.maxLength]).toEqual([LIMITS.title.min, LIMITS.title.max]);
    expect(itemSchema.properties.description.maxLength).toBe(LIMITS.description.max);
    expect(itemSchema.$defs.contractor.properties.name.minLength).toBe(LIMITS.contractorName.min);
    expect([itemSchema.properties.physicalProgress.minimum, itemSchema.properties.physicalProgress.maximum]).toEqual([0, 100]);
    expect(Object.keys(itemSchema.$defs.geoPoint.properties)).toEqual(['latitude', 'longitude']);
    expect(itemSchema.then.required).toEqual(['suspensionReason']);
    expect(fileSchema.items.$ref).toBe('intervention.schema.json');
    expect(new URL('intervention.schema.json', fileSchema.$id).href).toBe(itemSchema.$id);
  });

  it('each required field is required by the mapper too, and only those', () => {
    for (const field of INPUT_FIELDS) {
      const item: Record<string, unknown> = { ...minimalJson };
      delete item[field];
      const result = toInterventionInput(item, 'json');
      const required = (REQUIRED_FIELDS as readonly string[]).includes(field);
      expect([field, result.ok]).toEqual([field, !required]);
      if (required) expect(errors(result)).toHaveProperty([field]);
    }
  });

  it('the validator used here is not vacuous', () => {
    expect(validItem(minimalJson)).toEqual([]);
    expect(validItem({ ...minimalJson, kind: 'OBRA' })).not.toEqual([]);
    expect(validItem({ ...minimalJson, districts: ['110101'] })).not.toEqual([]);
    expect(validItem({ ...minimalJson, status: 'SUSPENDED' })).not.toEqual([]);
    expect(validItem({ ...minimalJson, investmentCost: '1,5' })).not.toEqual([]);
    expect(validItem({ ...minimalJson, location: { latitude: -12 } })).not.toEqual([]);
    expect(validItem({ ...minimalJson, extra: 1 })).not.toEqual([]);
    expect(validate([minimalJson, { ...minimalJson, title: 1 }], fileSchema, fileSchema, files)).not.toEqual([]);
  });

  it('the CSV template has the columns, in order, and its row maps', async () => {
    expect(await readCsvHeader(path.join(DOCS, 'plantilla.csv'))).toEqual([...CSV_COLUMNS]);
    expect(Object.keys(FIELD_OF_COLUMN)).toEqual([...CSV_COLUMNS]);
    const inputs = await mapped('plantilla.csv', 'csv');
    expect(inputs).toHaveLength(1);
    expect(validItem(inputs[0])).toEqual([]);
  });

  it('the examples parse, map, validate against the schemas, and say the same in CSV, JSON and JSON Lines', async () => {
    const fromCsv = await mapped('ejemplos/obras.csv', 'csv');
    const fromJson = await mapped('ejemplos/obras.json', 'json');
    const fromJsonl = await mapped('ejemplos/obras.jsonl', 'json');
    expect(fromCsv.length).toBeGreaterThanOrEqual(5);
    expect(fromJson).toEqual(fromCsv);
    expect(fromJsonl).toEqual(fromCsv);
    expect(unknownColumns(await readCsvHeader(path.join(DOCS, 'ejemplos/obras.csv')))).toEqual([]);
    expect(await countRecords(path.join(DOCS, 'ejemplos/obras.csv'))).toBe(fromCsv.length);

    const raw = readJson('ejemplos/obras.json');
    expect(validate(raw, fileSchema, fileSchema, files)).toEqual([]);
    for (const input of fromCsv) expect(validItem(input)).toEqual([]);
    // Between them the examples use every field but the two that need Articula's own ids.
    const used = new Set(fromCsv.flatMap((i) => Object.keys(i)));
    expect(INPUT_FIELDS.filter((f) => !used.has(f))).toEqual(['workId', 'executor']);
    expect(new Set(fromCsv.map((i) => i.kind))).toEqual(new Set(WORK_KINDS));
  });

  it('the examples pass the server’s rules too: real districts, valid RUCs, points in the province, consistent dates', async () => {
    const districts = new Set(
      readFileSync(path.join(ROOT, 'services/common/data/huancayo-districts.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    );
    expect(districts.size).toBe(28);
    const today = new Date().toISOString().slice(0, 10);
    const ids = new Set<string>();
    for (const item of await mapped('ejemplos/obras.json', 'json')) {
      expect(ids.has(item.externalId)).toBe(false);
      ids.add(item.externalId);
      for (const d of item.districts) expect(districts).toContain(d);
      if (item.contractor?.ruc !== undefined) expect(rucCheckDigitOk(item.contractor.ruc)).toBe(true);
      if (item.location !== undefined) {
        // The province's bounding box; the server checks the polygon.
        expect(item.location.latitude).toBeGreaterThan(-12.45);
        expect(item.location.latitude).toBeLessThan(-11.65);
        expect(item.location.longitude).toBeGreaterThan(-75.45);
        expect(item.location.longitude).toBeLessThan(-74.6);
      }
      for (const d of [item.actualStart, item.actualEnd, item.progressDate]) if (d !== undefined) expect(d <= today).toBe(true);
      if (item.plannedStart && item.plannedEnd) expect(item.plannedEnd >= item.plannedStart).toBe(true);
      if (item.actualStart && item.actualEnd) expect(item.actualEnd >= item.actualStart).toBe(true);
      if (item.kind === 'PROJECT') expect(item.cui).toBeDefined();
    }
  });

  it('the GraphQL example sends the same items, within the limit', () => {
    const variables = readJson('ejemplos/variables.json');
    expect(Object.keys(variables)).toEqual(['input']);
    expect(typeof variables.input.idempotencyKey).toBe('string');
    expect(variables.input.items).toEqual(readJson('ejemplos/obras.json'));
    expect(variables.input.items.length).toBeLessThanOrEqual(250);
    const mutation = readFileSync(path.join(DOCS, 'ejemplos/mutation.graphql'), 'utf8');
    expect(mutation).toMatch(/mutation \w+\(\$input: UpsertInterventionsInput!\) \{\s+upsertInterventions\(input: \$input\)/);
  });

  it('the README documents every CSV column and every field', () => {
    const readme = readFileSync(path.join(DOCS, 'README.md'), 'utf8');
    for (const column of CSV_COLUMNS) expect(readme).toContain(`\`${column}\``);
    for (const field of INPUT_FIELDS) expect(readme).toContain(`\`${field}\``);
    for (const code of [...WORK_KINDS, ...SECTORS, ...WORK_STATUSES]) expect(readme).toContain(`\`${code}\``);
    expect(readme).toContain('npm run import -w @articula/importer -- --file obras.csv --key $ARTICULA_API_KEY');
  });

  it('matches the API’s InterventionInput, once the schema declares it', () => {
    const schemaFile = path.join(ROOT, 'services/works/schema.graphql');
    const sdl = existsSync(schemaFile) ? readFileSync(schemaFile, 'utf8') : '';
    const block = /input InterventionInput \{([^}]*)\}/.exec(sdl)?.[1];
    if (block === undefined) return; // not emitted yet: the other tests still hold the format together
    const fields = [...block.replace(/"""[\s\S]*?"""|"[^"\n]*"/g, '').matchAll(/^\s*(\w+)\s*:/gm)].map((m) => m[1]);
    expect(fields).toEqual([...INPUT_FIELDS]);
  });
});

function rucCheckDigitOk(ruc: string): boolean {
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(ruc[i]), 0);
  return (11 - (sum % 11)) % 10 === Number(ruc[10]);
}
