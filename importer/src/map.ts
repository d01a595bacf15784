/**
 * From a record as read (a CSV row of strings, or a JSON object) to the `InterventionInput` of the
 * `upsertInterventions` mutation. Owns the published format's field list, its CSV column names and
 * the checks that need no data: types, required fields, patterns, lengths and ranges, exactly the
 * rules of docs/interventions/intervention.schema.json (a test holds the two together).
 *
 * Rules that need the platform's data or today's date (that a UBIGEO is one of the province's
 * districts, that a point lies inside it, a RUC's check digit, actual dates not in the future, the
 * executor and workId belonging to the agency) are the server's. Checking the rest here still matters:
 * a call is all-or-nothing, so every row stopped here is a batch that does not fail there.
 */

export const WORK_KINDS = ['WORK', 'PROJECT', 'ACTIVITY', 'ACTION'] as const;
export const SECTORS = [
  'PUBLIC_ORDER_AND_SECURITY',
  'AGRICULTURE',
  'ENERGY',
  'TRADE',
  'TOURISM',
  'TRANSPORT',
  'ENVIRONMENT',
  'SANITATION',
  'HOUSING_AND_URBAN_DEVELOPMENT',
  'HEALTH',
  'CULTURE_AND_SPORTS',
  'EDUCATION',
  'SOCIAL_PROTECTION',
  'PLANNING_AND_MANAGEMENT',
] as const;
export const WORK_STATUSES = ['PLANNED', 'IN_PREPARATION', 'IN_EXECUTION', 'SUSPENDED', 'COMPLETED', 'CANCELLED'] as const;

export type WorkKind = (typeof WORK_KINDS)[number];
export type Sector = (typeof SECTORS)[number];
export type WorkStatus = (typeof WORK_STATUSES)[number];

export interface GeoPointInput {
  latitude: number;
  longitude: number;
}

export interface ContractorInput {
  name: string;
  ruc?: string;
}

/** The mutation's input item. Optional fields are left out when absent: an item is the full state, so absent means none. */
export interface InterventionInput {
  externalId: string;
  workId?: string;
  executor?: string;
  kind: WorkKind;
  title: string;
  description?: string;
  sector: Sector;
  status: WorkStatus;
  suspensionReason?: string;
  districts: string[];
  location?: GeoPointInput;
  cui?: string;
  infobrasCode?: string;
  plannedStart?: string;
  plannedEnd?: string;
  actualStart?: string;
  actualEnd?: string;
  investmentCost?: string;
  contractAmount?: string;
  contractor?: ContractorInput;
  physicalProgress?: number;
  progressDate?: string;
}

export interface FieldError {
  field: string;
  reason: string;
}

export type MapResult = { ok: true; input: InterventionInput } | { ok: false; errors: FieldError[] };

/** The input's fields, in the API's order (and the order the mapper writes them). */
export const INPUT_FIELDS = [
  'externalId',
  'workId',
  'executor',
  'kind',
  'title',
  'description',
  'sector',
  'status',
  'suspensionReason',
  'districts',
  'location',
  'cui',
  'infobrasCode',
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'investmentCost',
  'contractAmount',
  'contractor',
  'physicalProgress',
  'progressDate',
] as const satisfies ReadonlyArray<keyof InterventionInput>;

export const REQUIRED_FIELDS = ['externalId', 'kind', 'title', 'sector', 'status', 'districts'] as const satisfies ReadonlyArray<keyof InterventionInput>;

/** The CSV columns, in the template's order, each with the input field (path) it fills. */
export const CSV_COLUMNS = [
  'external_id',
  'work_id',
  'kind',
  'title',
  'description',
  'sector',
  'status',
  'suspension_reason',
  'districts',
  'latitude',
  'longitude',
  'cui',
  'infobras_code',
  'planned_start',
  'planned_end',
  'actual_start',
  'actual_end',
  'investment_cost',
  'contract_amount',
  'contractor_name',
  'contractor_ruc',
  'physical_progress',
  'progress_date',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const FIELD_OF_COLUMN: Readonly<Record<CsvColumn, string>> = {
  external_id: 'externalId',
  work_id: 'workId',
  kind: 'kind',
  title: 'title',
  description: 'description',
  sector: 'sector',
  status: 'status',
  suspension_reason: 'suspensionReason',
  districts: 'districts',
  latitude: 'location.latitude',
  longitude: 'location.longitude',
  cui: 'cui',
  infobras_code: 'infobrasCode',
  planned_start: 'plannedStart',
  planned_end: 'plannedEnd',
  actual_start: 'actualStart',
  actual_end: 'actualEnd',
  investment_cost: 'investmentCost',
  contract_amount: 'contractAmount',
  contractor_name: 'contractor.name',
  contractor_ruc: 'contractor.ruc',
  physical_progress: 'physicalProgress',
  progress_date: 'progressDate',
};

/** Required CSV columns: without one, every row fails the same way, so a file is better refused once. */
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ['external_id', 'kind', 'title', 'sector', 'status', 'districts'];

/** Also written, as strings, into the JSON Schema; the test compares them. */
export const PATTERNS = {
  ubigeo: /^1201\d{2}$/,
  cui: /^\d{7}$/,
  infobrasCode: /^\d{1,10}$/,
  ruc: /^(10|15|17|20)\d{9}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  decimal: /^\d+(\.\d{1,2})?$/,
} as const;

export const LIMITS = {
  externalId: { min: 1, max: 100 },
  title: { min: 3, max: 500 },
  description: { max: 5000 },
  contractorName: { min: 2 },
  physicalProgress: { min: 0, max: 100 },
  latitude: { min: -90, max: 90 },
  longitude: { min: -180, max: 180 },
} as const;

/** Columns of a CSV header that the format does not know; the caller reports them once, not per row. */
export function unknownColumns(header: string[]): string[] {
  const known = new Set<string>(CSV_COLUMNS);
  return [...new Set(header.filter((name) => !known.has(name)))];
}

export function missingRequiredColumns(header: string[]): string[] {
  const present = new Set(header);
  return REQUIRED_COLUMNS.filter((name) => !present.has(name));
}

export function toInterventionInput(record: Record<string, unknown>, format: 'csv' | 'json'): MapResult {
  const m = format === 'csv' ? new CsvMapper(record) : new JsonMapper(record);
  const errors = m.errors;

  const externalId = m.text('externalId', { required: true, ...LIMITS.externalId });
  const workId = m.id('workId');
  const executor = m.id('executor'); // no CSV column: a file is the calling agency's own, and the key says which
  const kind = m.choice('kind', WORK_KINDS, true);
  const title = m.text('title', { required: true, ...LIMITS.title });
  const description = m.text('description', LIMITS.description);
  const sector = m.choice('sector', SECTORS, true);
  const status = m.choice('status', WORK_STATUSES, true);
  const suspensionReason = m.text('suspensionReason', {});
  const districts = m.districts();
  const location = m.location();
  const cui = m.matching('cui', PATTERNS.cui, 'debe tener exactamente 7 dígitos (Código Único de Inversiones)');
  const infobrasCode = m.matching('infobrasCode', PATTERNS.infobrasCode, 'debe tener de 1 a 10 dígitos (código INFOBRAS)');
  const plannedStart = m.date('plannedStart');
  const plannedEnd = m.date('plannedEnd');
  const actualStart = m.date('actualStart');
  const actualEnd = m.date('actualEnd');
  const investmentCost = m.decimal('investmentCost');
  const contractAmount = m.decimal('contractAmount');
  const contractor = m.contractor();
  const physicalProgress = m.number('physicalProgress', LIMITS.physicalProgress);
  const progressDate = m.date('progressDate');

  // Cross-field, yet knowable from the row alone: the API refuses a suspension without its reason.
  if (status === 'SUSPENDED' && suspensionReason === undefined) {
    errors.push({ field: 'suspensionReason', reason: 'obligatorio cuando status es SUSPENDED (motivo de la paralización)' });
  }
  if (errors.length > 0) return { ok: false, errors };

  const values: Record<(typeof INPUT_FIELDS)[number], unknown> = {
    externalId, workId, executor, kind, title, description, sector, status, suspensionReason, districts, location, cui, infobrasCode,
    plannedStart, plannedEnd, actualStart, actualEnd, investmentCost, contractAmount, contractor, physicalProgress, progressDate,
  };
  const input: Record<string, unknown> = {};
  for (const field of INPUT_FIELDS) if (values[field] !== undefined) input[field] = values[field];
  return { ok: true, input: input as unknown as InterventionInput };
}

// ---------------------------------------------------------------------------------------------
// The two shapes
// ---------------------------------------------------------------------------------------------

interface TextRule {
  required?: boolean;
  min?: number;
  max?: number;
}

/**
 * The checks both shapes share, over one raw value per field. A subclass says how a field is found
 * (a CSV column or a JSON property) and how a number or an enum code is read from it.
 */
abstract class Mapper {
  readonly errors: FieldError[] = [];

  /** The raw value of a field, undefined when absent. CSV: a trimmed non-empty string. JSON: anything but null. */
  protected abstract raw(field: string): unknown;
  protected abstract readNumber(field: string, value: unknown): number | undefined;
  protected abstract readCode(value: string): string;
  abstract districts(): string[] | undefined;
  abstract location(): GeoPointInput | undefined;
  abstract contractor(): ContractorInput | undefined;

  protected fail(field: string, reason: string): undefined {
    this.errors.push({ field, reason });
    return undefined;
  }

  protected string(field: string, value: unknown): string | undefined {
    if (typeof value === 'string') return value;
    return this.fail(field, `debe ser un texto, no ${jsonType(value)}`);
  }

  text(field: string, rule: TextRule): string | undefined {
    const value = this.raw(field);
    if (value === undefined) return rule.required ? this.fail(field, 'obligatorio') : undefined;
    const text = this.string(field, value);
    if (text === undefined) return undefined;
    // The server trims before measuring; so does this, or a padded title would pass here and fail there.
    const length = text.trim().length;
    if (length === 0) return rule.required ? this.fail(field, 'obligatorio') : undefined;
    if (rule.min !== undefined && length < rule.min) return this.fail(field, `debe tener al menos ${rule.min} caracteres`);
    if (rule.max !== undefined && length > rule.max) return this.fail(field, `debe tener como máximo ${rule.max} caracteres (tiene ${length})`);
    return text;
  }

  id(field: string): string | undefined {
    const value = this.raw(field);
    if (value === undefined) return undefined;
    // GraphQL's ID takes integers too.
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    const text = this.string(field, value);
    if (text === undefined) return undefined;
    return text.trim() === '' ? undefined : text;
  }

  choice<T extends string>(field: string, allowed: readonly T[], required: boolean): T | undefined {
    const value = this.raw(field);
    if (value === undefined) return required ? this.fail(field, `obligatorio: uno de ${allowed.join(', ')}`) : undefined;
    const text = this.string(field, value);
    if (text === undefined) return undefined;
    const code = this.readCode(text);
    if ((allowed as readonly string[]).includes(code)) return code as T;
    return this.fail(field, `«${text}» no es un código válido: use uno de ${allowed.join(', ')}`);
  }

  matching(field: string, pattern: RegExp, reason: string): string | undefined {
    const value = this.raw(field);
    if (value === undefined) return undefined;
    const text = this.string(field, value);
    if (text === undefined) return undefined;
    return pattern.test(text) ? text : this.fail(field, `«${text}» ${reason}`);
  }

  date(field: string): string | undefined {
    const value = this.raw(field);
    if (value === undefined) return undefined;
    const text = this.string(field, value);
    if (text === undefined) return undefined;
    if (!PATTERNS.date.test(text)) return this.fail(field, `«${text}» no es una fecha AAAA-MM-DD (p. ej. 2026-03-15)`);
    return isCalendarDate(text) ? text : this.fail(field, `«${text}» no es una fecha que exista`);
  }

  decimal(field: string): string | undefined {
    const value = this.raw(field);
    if (value === undefined) return undefined;
    if (typeof value === 'number') return this.fail(field, `debe ser un texto decimal como "1250000.50", no un número JSON (los montos se envían exactos)`);
    const text = this.string(field, value);
    if (text === undefined) return undefined;
    if (PATTERNS.decimal.test(text)) return text;
    return this.fail(field, `«${text}» no es un monto válido: en soles, con punto decimal, hasta 2 decimales, sin separador de miles ni signo (p. ej. 1250000.50)`);
  }

  number(field: string, range: { min: number; max: number }): number | undefined {
    const value = this.raw(field);
    if (value === undefined) return undefined;
    const n = this.readNumber(field, value);
    if (n === undefined) return undefined;
    if (n < range.min || n > range.max) return this.fail(field, `debe estar entre ${range.min} y ${range.max} (es ${n})`);
    return n;
  }

  protected checkDistricts(values: unknown[], pathOf: (i: number) => string): string[] | undefined {
    if (values.length === 0) return this.fail('districts', 'obligatorio: al menos un código UBIGEO de distrito');
    const before = this.errors.length;
    const seen = new Set<string>();
    const result: string[] = [];
    values.forEach((value, i) => {
      const text = this.string(pathOf(i), value);
      if (text === undefined) return;
      if (!PATTERNS.ubigeo.test(text)) {
        this.fail(pathOf(i), `«${text}» no es un UBIGEO de distrito de la provincia de Huancayo (6 dígitos que empiezan por 1201, p. ej. 120114)`);
      } else if (seen.has(text)) {
        this.fail(pathOf(i), `el distrito ${text} está repetido`);
      }
      seen.add(text);
      result.push(text);
    });
    return this.errors.length === before ? result : undefined;
  }
}

const STRICT_NUMBER = /^-?\d+(\.\d+)?$/;

class CsvMapper extends Mapper {
  private readonly columnOf: Map<string, string>;

  constructor(private readonly record: Record<string, unknown>) {
    super();
    this.columnOf = new Map();
    for (const [column, field] of Object.entries(FIELD_OF_COLUMN)) this.columnOf.set(field, column);
  }

  /** Cells are trimmed, and an empty cell is an absent field, whatever its column. */
  private cell(column: string): string | undefined {
    if (!Object.hasOwn(this.record, column)) return undefined;
    const value = this.record[column];
    if (value === undefined || value === null) return undefined;
    const text = String(value).trim();
    return text === '' ? undefined : text;
  }

  protected raw(field: string): unknown {
    const column = this.columnOf.get(field);
    return column === undefined ? undefined : this.cell(column);
  }

  /** Spreadsheet users type codes as they like; the codes themselves are unambiguous in any case. */
  protected readCode(value: string): string {
    return value.toUpperCase();
  }

  /** Strict: "12,5" is a mistake to report, never 12 nor 125; nor are "1e3", ".5" or "12 %" accepted. */
  protected readNumber(field: string, value: unknown): number | undefined {
    const text = String(value);
    if (!STRICT_NUMBER.test(text)) return this.fail(field, `«${text}» no es un número: use punto decimal y solo dígitos (p. ej. 45.5)`);
    return Number(text);
  }

  districts(): string[] | undefined {
    const cell = this.cell('districts');
    if (cell === undefined) return this.fail('districts', 'obligatorio: al menos un código UBIGEO; varios se separan con «|»');
    // A trailing or doubled '|' is a slip, not a district.
    const parts = cell.split('|').map((part) => part.trim()).filter((part) => part !== '');
    return this.checkDistricts(parts, (i) => `districts[${i}]`);
  }

  location(): GeoPointInput | undefined {
    const hasLatitude = this.cell('latitude') !== undefined;
    const hasLongitude = this.cell('longitude') !== undefined;
    if (!hasLatitude && !hasLongitude) return undefined;
    if (!hasLatitude) return this.fail('location.latitude', 'falta: latitude y longitude van juntas (o ambas vacías)');
    if (!hasLongitude) return this.fail('location.longitude', 'falta: latitude y longitude van juntas (o ambas vacías)');
    const latitude = this.number('location.latitude', LIMITS.latitude);
    const longitude = this.number('location.longitude', LIMITS.longitude);
    return latitude === undefined || longitude === undefined ? undefined : { latitude, longitude };
  }

  contractor(): ContractorInput | undefined {
    const hasName = this.cell('contractor_name') !== undefined;
    const ruc = this.matching('contractor.ruc', PATTERNS.ruc, 'no es un RUC: 11 dígitos que empiezan por 10, 15, 17 o 20');
    if (!hasName) {
      if (this.cell('contractor_ruc') !== undefined) this.fail('contractor.name', 'obligatorio cuando se indica contractor_ruc');
      return undefined;
    }
    const name = this.text('contractor.name', { required: true, ...LIMITS.contractorName });
    if (name === undefined || (ruc === undefined && this.cell('contractor_ruc') !== undefined)) return undefined;
    return ruc === undefined ? { name } : { name, ruc };
  }
}

class JsonMapper extends Mapper {
  constructor(private readonly record: Record<string, unknown>) {
    super();
    const known = new Set<string>(INPUT_FIELDS);
    for (const key of Object.keys(record)) {
      if (known.has(key)) continue;
      // A CSV column name in a JSON file is the likeliest slip; say what it is called here.
      const field = Object.hasOwn(FIELD_OF_COLUMN, key) ? FIELD_OF_COLUMN[key as CsvColumn] : undefined;
      this.fail(key, field === undefined ? 'campo desconocido' : `campo desconocido: en JSON se escribe «${field}»`);
    }
  }

  protected raw(field: string): unknown {
    const [head, tail] = field.split('.') as [string, string | undefined];
    if (!Object.hasOwn(this.record, head)) return undefined;
    let value = this.record[head];
    if (tail !== undefined) {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, tail)) return undefined;
      value = (value as Record<string, unknown>)[tail];
    }
    return value === null ? undefined : value;
  }

  /** GraphQL enums are case-sensitive, and a program can write them exactly. */
  protected readCode(value: string): string {
    return value;
  }

  protected readNumber(field: string, value: unknown): number | undefined {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    return this.fail(field, `debe ser un número JSON, no ${jsonType(value)}`);
  }

  districts(): string[] | undefined {
    const value = this.raw('districts');
    if (value === undefined) return this.fail('districts', 'obligatorio: una lista de códigos UBIGEO, p. ej. ["120114"]');
    if (!Array.isArray(value)) return this.fail('districts', `debe ser una lista de textos, no ${jsonType(value)}`);
    return this.checkDistricts(value, (i) => `districts[${i}]`);
  }

  private object(field: string, keys: string[]): Record<string, unknown> | undefined {
    const value = this.raw(field);
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) return this.fail(field, `debe ser un objeto {${keys.join(', ')}}, no ${jsonType(value)}`);
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) if (!keys.includes(key)) this.fail(`${field}.${key}`, 'campo desconocido');
    return object;
  }

  location(): GeoPointInput | undefined {
    const object = this.object('location', ['latitude', 'longitude']);
    if (object === undefined) return undefined;
    const before = this.errors.length;
    const latitude = this.number('location.latitude', LIMITS.latitude);
    const longitude = this.number('location.longitude', LIMITS.longitude);
    if (latitude === undefined && this.raw('location.latitude') === undefined) this.fail('location.latitude', 'obligatorio en location');
    if (longitude === undefined && this.raw('location.longitude') === undefined) this.fail('location.longitude', 'obligatorio en location');
    return this.errors.length === before ? { latitude: latitude!, longitude: longitude! } : undefined;
  }

  contractor(): ContractorInput | undefined {
    const object = this.object('contractor', ['name', 'ruc']);
    if (object === undefined) return undefined;
    const before = this.errors.length;
    const name = this.text('contractor.name', { required: true, ...LIMITS.contractorName });
    const ruc = this.matching('contractor.ruc', PATTERNS.ruc, 'no es un RUC: 11 dígitos que empiezan por 10, 15, 17 o 20');
    if (this.errors.length !== before) return undefined;
    return ruc === undefined ? { name: name! } : { name: name!, ruc };
  }
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'una lista';
  switch (typeof value) {
    case 'string':
      return 'un texto';
    case 'number':
      return 'un número';
    case 'boolean':
      return 'un valor lógico';
    case 'object':
      return 'un objeto';
    default:
      return typeof value;
  }
}

function isCalendarDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
