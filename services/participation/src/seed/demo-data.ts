/**
 * Deterministic demo data for the participation domain: social organizations and their
 * representatives, meetings (the weekly coordination committee, dialogue tables, public hearings,
 * participatory-budget workshops, field visits) with their agreements, parties, linked works and
 * follow-ups, and citizen requests with their submitters and workflow events.
 *
 * Pure: no database, no I/O, no clock, no Math.random. The same call gives byte-identical output on
 * every run. The data is built in blocks, one per unit of scale; block b only depends on blocks
 * 0..b, so the data at scale 1 is an exact prefix of the data at any larger scale, table by table,
 * and every id is `stableId(namespace, index)` (children: `parentIndex:position`).
 *
 * References into the works subgraph are computed, never imported: departments are
 * `stableId('department', code)`, agencies `stableId('agency', exactName)` and works
 * `stableId('work', String(i))` for i < 640 × scale (a row of block b only references works of
 * blocks 0..b). The works generator places work 20k+7 in district k (mod n) of the districts sorted
 * by ubigeo (the reference CSV order); agreements and requests of a district link those works, so a
 * linked work lies in the same district.
 *
 * Personal data (names, DNI, phone, e-mail, address of submitters) appears only in the submitter
 * rows. Representatives' names are invented public names. No other text carries personal data.
 */
import { DEMO_DEPARTMENT_CODES, DEMO_DEPARTMENTS, type DemoDepartmentCode, createRandom, isBusinessDay, type Random, stableId as derivedId } from '@articula/common';
import {
  AgreementStatus,
  MeetingKind,
  MeetingStatus,
  OrganizationType,
  PartyKind,
  REQUEST_TRANSITIONS,
  RegistrationStatus,
  RequestCategory,
  RequestKind,
  RequestStatus,
} from '../enums.js';

export interface DistrictInfo { ubigeo: string; name: string; population: number; area: 'URBAN' | 'RURAL' }
export interface OrganizationRow { id: string; name: string; type: OrganizationType; ubigeo: string; registrationNumber: string; registrationDate: string; registrationStatus: RegistrationStatus; createdAt: string; updatedAt: string }
export interface RepresentativeRow { id: string; organizationId: string; name: string; role: string; position: number }
export interface MeetingRow { id: string; kind: MeetingKind; title: string; startsAt: string; ubigeo: string; place: string; conveningDepartmentId: string; attendanceCount: number | null; agenda: string; minutesSummary: string | null; status: MeetingStatus; seriesId: string | null; createdAt: string; updatedAt: string }
export interface MeetingOrganizationRow { meetingId: string; organizationId: string }
export interface MeetingDepartmentRow { meetingId: string; departmentId: string }
export interface AgreementRow { id: string; meetingId: string; text: string; responsibleDepartmentId: string; dueDate: string; status: AgreementStatus; fulfilledOn: string | null; cancellationReason: string | null; createdAt: string; updatedAt: string }
export interface AgreementPartyRow { agreementId: string; partyKind: PartyKind; partyId: string }
export interface AgreementWorkRow { agreementId: string; workId: string }
export interface FollowUpRow { id: string; agreementId: string; reportedOn: string; note: string; evidenceUrl: string | null; progressPct: string; departmentId: string; createdAt: string }
export interface RequestRow { id: string; trackingCode: string; kind: RequestKind; category: RequestCategory; ubigeo: string; description: string; workId: string | null; status: RequestStatus; assignedDepartmentId: string | null; submittedAt: string; dueOn: string; closedAt: string | null; rejectionReason: string | null; publicResponse: string | null; updatedAt: string }
export interface SubmitterRow { requestId: string; fullName: string | null; dni: string | null; phone: string | null; email: string | null; address: string | null }
export interface RequestEventRow { id: string; requestId: string; at: string; fromStatus: RequestStatus | null; toStatus: RequestStatus; departmentId: string | null; note: string | null }
export interface ParticipationDemoData { organizations: OrganizationRow[]; representatives: RepresentativeRow[]; meetings: MeetingRow[]; meetingOrganizations: MeetingOrganizationRow[]; meetingDepartments: MeetingDepartmentRow[]; agreements: AgreementRow[]; agreementParties: AgreementPartyRow[]; agreementWorks: AgreementWorkRow[]; followUps: FollowUpRow[]; requests: RequestRow[]; submitters: SubmitterRow[]; requestEvents: RequestEventRow[] }

export const DEMO_REFERENCE_DATE = '2026-11-01';

// Per block (unit of scale).
const ORGANIZATIONS_PER_BLOCK = 600;
const TERRITORIAL_MEETINGS_PER_BLOCK = 140;
const REQUESTS_PER_BLOCK = 5000;
/** Works per unit of scale in the works generator. */
const WORKS_PER_BLOCK = 640;
/** Default deadline of a request when no business-day calendar is given. */
const DEFAULT_DUE_DAYS = 42;
/** Days of history before the reference date. */
const HISTORY_DAYS = 730;

/**
 * V8 keeps a string built by concatenation as a tree of its parts until something needs it flat
 * (a regular expression does, and flattens it in place). The output's ids and timestamps are
 * flattened right away: at scale 10 this divides the retained heap by about three, and the time the
 * garbage collector spends copying it.
 */
const FLATTEN = /^$/;
function flat(s: string): string {
  FLATTEN.test(s);
  return s;
}
function stableId(namespace: string, name: string): string {
  return flat(derivedId(namespace, name));
}

// ---------------------------------------------------------------------------------------------
// Departments and agencies of the works subgraph (referenced by id only)
// ---------------------------------------------------------------------------------------------

type DeptCode = DemoDepartmentCode;
const DEPARTMENT_NAMES = DEMO_DEPARTMENTS;
const DEPT_CODES = DEMO_DEPARTMENT_CODES;
const DEPT_ID = Object.fromEntries(DEPT_CODES.map((c) => [c, stableId('department', c)])) as Record<DeptCode, string>;

/** An agency of the works subgraph: its exact name (the id derives from it) and how a text names it. */
interface AgencyRef { name: string; label: string }
const agency = (name: string, label: string): AgencyRef => ({ name, label });

const PVD = agency('Provías Descentralizado - Ministerio de Transportes y Comunicaciones', 'Provías Descentralizado');
const PNSR = agency('Programa Nacional de Saneamiento Rural', 'el Programa Nacional de Saneamiento Rural');
const PNSU = agency('Programa Nacional de Saneamiento Urbano', 'el Programa Nacional de Saneamiento Urbano');
const PRONIED = agency('Programa Nacional de Infraestructura Educativa', 'el Programa Nacional de Infraestructura Educativa');
const FONCODES = agency('Fondo de Cooperación para el Desarrollo Social', 'FONCODES');
const MVCS = agency('Ministerio de Vivienda, Construcción y Saneamiento', 'el Ministerio de Vivienda, Construcción y Saneamiento');
const AGRO_RURAL = agency('Programa de Desarrollo Productivo Agrario Rural', 'AGRO RURAL');
const DGER = agency('Dirección General de Electrificación Rural - Ministerio de Energía y Minas', 'la Dirección General de Electrificación Rural');
const GRJ = agency('Gobierno Regional de Junín', 'el Gobierno Regional de Junín');
const DRTC = agency('Dirección Regional de Transportes y Comunicaciones Junín', 'la Dirección Regional de Transportes y Comunicaciones Junín');
const DRA = agency('Dirección Regional de Agricultura Junín', 'la Dirección Regional de Agricultura Junín');
/** District municipalities that exist as agencies in the works subgraph, by ubigeo. */
const DISTRICT_MUNICIPALITIES: ReadonlyMap<string, AgencyRef> = new Map([
  ['120114', 'El Tambo'], ['120107', 'Chilca'], ['120125', 'Pilcomayo'], ['120133', 'Sapallanga'], ['120129', 'San Agustín de Cajas'], ['120124', 'Pariahuanca'],
].map(([ubigeo, name]) => [ubigeo!, agency(`Municipalidad Distrital de ${name}`, `la Municipalidad Distrital de ${name}`)]));

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

const BARRIOS = [
  'San Carlos', 'Los Andes', 'La Esperanza', 'Ocopilla', 'Cajas Chico', 'Pio Pata', 'Umuto', 'Aza', 'La Ribera', 'Huamanmarca', 'Los Pinos', 'Palián',
  'Saños Chico', 'Señor de los Milagros', 'Las Lomas', 'Villa Hermosa', 'El Porvenir', 'San Juan Bautista', 'Virgen de Fátima', 'Santa Bárbara',
  'Las Colinas', 'Alto Progreso', 'Primavera', 'Los Rosales', 'San Fernando', 'Nuevo Amanecer', 'Centro', 'Quinta Mantaro', 'San Antonio', 'Vista Alegre',
] as const;
const URBANIZACIONES = ['Los Jardines', 'Santa Isabel', 'La Florida', 'Palermo', 'Las Praderas', 'Los Portales', 'Huancayo Sur', 'Covica', 'Juan Parra del Riego', 'Los Sauces', 'San Antonio', 'El Rosal'] as const;
const ASENTAMIENTOS = ['Justicia Paz y Vida', 'Juan Velasco Alvarado', '9 de Octubre', 'Nueva Esperanza', 'Los Libertadores', 'Túpac Amaru', 'Villa Perú', 'Micaela Bastidas'] as const;
const ANEXOS = [
  'Santa Rosa', 'San José', 'Vista Alegre', 'Pampa Verde', 'Buenos Aires', 'Nueva Esperanza', 'Huayllapampa', 'Pucapampa', 'Chaupimarca', 'Yanacancha',
  'Rumichaca', 'Cochapampa', 'Quishuar', 'Tambopampa', 'Ñahuinpuquio', 'Patala', 'Acopampa', 'Cullpa Alta', 'Uñas', 'Vilcacoto', 'Acopalca', 'Azapampa',
  'Huamancaca', 'Callqui', 'Cocharcas', 'Chalhuas', 'Antacocha', 'Huaylacancha', 'Hatun Pampa', 'Ccasapata', 'Marcavalle', 'Huancapata', 'Occoro',
  'Putaccasa', 'Tinyari', 'Chucupata', 'Pachachaca', 'Lacsapampa', 'Condorsinja', 'Huacrapampa', 'Ucushpata', 'Jatunhuasi', 'Rangra', 'Pumapuquio',
] as const;
const STREETS = [
  'Huancavelica', 'Ferrocarril', 'Giráldez', 'Ica', 'Cusco', 'Puno', 'Real', 'Mariscal Castilla', 'Ancash', 'Lima', 'Arequipa', 'Loreto', 'Amazonas',
  'Leoncio Prado', 'Junín', 'Moquegua', 'Trujillo', 'Huánuco', 'Tacna', 'Piura', 'Atahualpa', 'Manco Cápac', 'Julio C. Tello', 'Francisco Solano',
  '28 de Julio', 'Los Próceres', 'Túpac Amaru', 'Alfonso Ugarte', 'Libertad', 'Progreso', 'Los Sauces', 'Los Álamos', 'Los Eucaliptos', 'Las Retamas',
  'Independencia', 'Huayna Cápac', 'Pachitea', 'José Olaya', 'Grau', 'Bolognesi', 'San Martín', 'Ayacucho', 'Tarapacá', 'Pasco', 'Cajamarca', 'Santa Rosa',
] as const;
const RIVERS = ['Mantaro', 'Shullcas', 'Cunas', 'Chanchas', 'Pariahuanca', 'Alauyo'] as const;
const SAINTS = [
  'Virgen de Cocharcas', 'Santa Rosa de Lima', 'Señor de los Milagros', 'Virgen del Carmen', 'San Martín de Porres', 'Virgen de Guadalupe',
  'Sagrado Corazón de Jesús', 'Niño Jesús', 'Virgen de las Mercedes', 'Santa Teresita', 'Cruz de Mayo', 'Virgen de la Candelaria', 'San Francisco de Asís',
  'Virgen de Fátima', 'Señor de Muruhuay', 'San Sebastián', 'Santiago Apóstol',
] as const;
const WOMEN_GROUPS = [
  'Madres Unidas', 'Mujeres Emprendedoras', 'Manos Unidas', 'Nueva Esperanza', 'Rayito de Sol', 'Las Palomitas', 'Corazón de Madre', 'Micaela Bastidas',
  'María Parado de Bellido', 'Unión y Progreso', 'Mujeres Luchadoras', 'Amor y Paz', 'Santa Rosita', 'Flor de Retama', 'Sumaq Warmi',
] as const;
const PRODUCTS = [
  ['Papa Nativa', 'papa nativa'], ['Quinua', 'quinua'], ['Maíz Amiláceo', 'maíz amiláceo'], ['Leche Fresca', 'leche fresca'], ['Truchas', 'trucha'],
  ['Alcachofa', 'alcachofa'], ['Habas', 'habas'], ['Cuyes', 'cuyes'], ['Maca', 'maca'], ['Arveja', 'arveja'], ['Hortalizas', 'hortalizas'],
] as const;
const IE_NAMES = [
  'José Carlos Mariátegui', 'Santa Isabel', 'Mariscal Castilla', 'Andrés Avelino Cáceres', 'José María Arguedas', 'César Vallejo', 'Micaela Bastidas',
  'Túpac Amaru', 'Francisco Bolognesi', 'Ricardo Palma', 'Inca Garcilaso de la Vega', 'Nuestra Señora de Cocharcas', 'Javier Heraud', 'Jorge Basadre',
] as const;
const NGO_PREFIXES = ['Asociación Civil', 'Centro de Promoción', 'Instituto de Desarrollo', 'Fundación', 'Asociación'] as const;
const NGO_THEMES = [
  'Manos Unidas por el Mantaro', 'Mujer y Familia Andina', 'Agua y Vida Wanka', 'Niñez Feliz', 'Tierra Fértil', 'Semillas del Valle', 'Futuro Andino',
  'Kallpa Warmi', 'Sumaq Kawsay', 'Ayni', 'Allin Kawsay', 'Ecología y Desarrollo Junín', 'Jóvenes por el Cambio', 'Huaytapallana Verde', 'Wiñay Wanka',
  'Valle Solidario', 'Puriq Yachay', 'Illari Andino',
] as const;
const CLUBS = ['Juventud Unida', 'Defensor Wanka', 'Sport Mantaro', 'Unión Progreso', 'Estrella Roja', 'Los Andes', 'Deportivo Illari', 'Real Valle'] as const;
const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'setiembre', 'octubre', 'noviembre', 'diciembre'] as const;

const FEMALE_NAMES = [
  'María', 'Rosa', 'Carmen', 'Juana', 'Elena', 'Luz', 'Marleny', 'Yolanda', 'Gladys', 'Nancy', 'Maribel', 'Flor', 'Norma', 'Ruth', 'Lourdes', 'Sonia',
  'Edith', 'Silvia', 'Milagros', 'Katherine', 'Diana', 'Lucía', 'Teresa', 'Nelly', 'Delia', 'Haydée', 'Mercedes', 'Olga', 'Pilar', 'Vilma', 'Yessenia',
  'Rocío', 'Janet', 'Beatriz', 'Celia', 'Zulema', 'Marisol', 'Fiorella', 'Brenda', 'Karina', 'Raquel', 'Dina',
] as const;
const MALE_NAMES = [
  'Juan', 'José', 'Luis', 'Carlos', 'Jorge', 'Pedro', 'Víctor', 'Raúl', 'Hugo', 'César', 'Edgar', 'Walter', 'Alberto', 'Wilfredo', 'Teodoro', 'Máximo',
  'Fidel', 'Marco', 'Javier', 'Ronald', 'Elmer', 'Percy', 'Rubén', 'Félix', 'Alejandro', 'Óscar', 'Efraín', 'Grimaldo', 'Isaac', 'Jhon', 'Kevin', 'Diego',
  'Miguel', 'Andrés', 'Abel', 'Nilton', 'Saúl', 'Eusebio', 'Celestino', 'Herminio',
] as const;
const SURNAMES = [
  'Quispe', 'Huamán', 'Rojas', 'Mendoza', 'Ccanto', 'Poma', 'Huaroc', 'Chuquillanqui', 'Ordóñez', 'Cóndor', 'Taipe', 'Meza', 'Zárate', 'Camarena', 'Huayta',
  'Paucar', 'Vílchez', 'Orihuela', 'Inga', 'Yupanqui', 'Espinoza', 'Ricse', 'Lazo', 'Aliaga', 'Soto', 'Lapa', 'Limaymanta', 'Canchanya', 'Torres', 'Castillo',
  'Salazar', 'Rivera', 'Gutiérrez', 'Ramos', 'Sánchez', 'Flores', 'Huanca', 'Anccasi', 'Palomino', 'Mayta', 'Huere', 'Vásquez', 'Cárdenas', 'Chávez', 'Landeo',
  'Ñaupari', 'Arias', 'Egoavil', 'Rosales', 'Bendezú', 'Yauri', 'Sedano', 'Quinto', 'Curo', 'Hinostroza', 'Baltazar', 'Veliz', 'Crispín', 'Sulluchuco',
  'Munive', 'Osores', 'Román', 'Surichaqui', 'Matos', 'Pomalaza', 'Ticse', 'Ñahuincopa', 'Cangahuala',
] as const;

// ---------------------------------------------------------------------------------------------
// Dates and small helpers
// ---------------------------------------------------------------------------------------------


const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** Peru is UTC−5 all year. */
const LIMA_OFFSET_MS = 5 * HOUR_MS;

function parseDay(value: string, what: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new RangeError(`${what} must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== value) throw new RangeError(`${what} is not a valid date: ${value}`);
  return ms / DAY_MS;
}
const dayCache = new Map<number, string>();
function fmtDay(day: number): string {
  let s = dayCache.get(day);
  if (s === undefined) dayCache.set(day, (s = flat(new Date(day * DAY_MS).toISOString().slice(0, 10))));
  return s;
}
const TWO_DIGITS = Array.from({ length: 60 }, (_, k) => String(k).padStart(2, '0'));
/** ISO 8601 UTC timestamp of an instant (whole seconds), like Date#toISOString. */
function fmtTs(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const seconds = Math.floor((ms - day * DAY_MS) / 1000);
  return flat(`${fmtDay(day)}T${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}.000Z`);
}
/** Epoch ms of a local time in Huancayo. */
const limaTime = (day: number, hour: number, minute = 0) => day * DAY_MS + LIMA_OFFSET_MS + hour * HOUR_MS + minute * MINUTE_MS;
/** The local (Huancayo) day of an instant. */
const limaDay = (ms: number) => Math.floor((ms - LIMA_OFFSET_MS) / DAY_MS);
/** 0 = Sunday … 6 = Saturday. */
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;
const yearOf = (day: number) => new Date(day * DAY_MS).getUTCFullYear();
const monthOf = (day: number) => new Date(day * DAY_MS).getUTCMonth();
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** Integer hundredths as a decimal string with exactly 2 decimals. */
const fmtCents = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A standard normal deviate (Box–Muller). */
const normal = (r: Random) => Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
/** A time during office hours (08:00–16:59 in Huancayo) of a day. */
const officeTime = (r: Random, day: number) => limaTime(day, 8, r.int(0, 9 * 60 - 1));
const stripFinalPeriod = (s: string) => (s.endsWith('.') ? s.slice(0, -1) : s);

const workingDayCache = new Map<number, boolean>();
/** Monday to Friday and not a national holiday. */
function isWorkingDay(day: number): boolean {
  let ok = workingDayCache.get(day);
  if (ok === undefined) workingDayCache.set(day, (ok = isBusinessDay(fmtDay(day))));
  return ok;
}

/** Picks up to `count` distinct items (order of picking). */
function pickDistinct<T>(r: Random, items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(r.int(0, items.length - 1));
  return [...chosen].map((i) => items[i]!);
}

// Crockford base32 (no I, L, O, U).
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TWO_30 = 2 ** 30;
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}
const TRACKING_KEYS = [0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c] as const;
/**
 * HYO-XXXX-XXXX-XXXX: a 4-round Feistel permutation of the request index over 60 bits (round
 * function: a 32-bit integer hash), written in Crockford base32. A permutation, so unique by
 * construction; the hash makes consecutive requests look unrelated.
 */
function trackingCode(index: number): string {
  let left = Math.floor(index / TWO_30) % TWO_30;
  let right = index % TWO_30;
  for (const key of TRACKING_KEYS) {
    const f = mix32((right ^ key) >>> 0) % TWO_30;
    [left, right] = [right, (left ^ f) % TWO_30];
  }
  const c = (half: number, k: number) => CROCKFORD[(half >>> (5 * k)) & 31]!;
  return `HYO-${c(left, 5)}${c(left, 4)}${c(left, 3)}${c(left, 2)}-${c(left, 1)}${c(left, 0)}${c(right, 5)}${c(right, 4)}-${c(right, 3)}${c(right, 2)}${c(right, 1)}${c(right, 0)}`;
}

// ---------------------------------------------------------------------------------------------
// Places of a district
// ---------------------------------------------------------------------------------------------

type PlaceKind = 'barrio' | 'anexo' | 'urbanización' | 'asentamiento humano';
interface Place { kind: PlaceKind; name: string }
const feminine = (p: Place) => p.kind === 'urbanización';
/** "del barrio San Carlos", "de la urbanización Los Jardines". */
const deP = (p: Place) => `${feminine(p) ? 'de la' : 'del'} ${p.kind} ${p.name}`;
/** "en el barrio San Carlos". */
const enP = (p: Place) => `en ${feminine(p) ? 'la' : 'el'} ${p.kind} ${p.name}`;
/** "el anexo Patala". */
const theP = (p: Place) => `${feminine(p) ? 'la' : 'el'} ${p.kind} ${p.name}`;
/** "al anexo Patala". */
const aP = (p: Place) => `${feminine(p) ? 'a la' : 'al'} ${p.kind} ${p.name}`;
/** "del Barrio San Carlos" (in proper names). */
const deCap = (p: Place) => `${feminine(p) ? 'de la' : 'del'} ${p.kind.split(' ').map(capitalize).join(' ')} ${p.name}`;

interface District extends DistrictInfo {
  index: number;
  rural: boolean;
  places: Place[];
  /** Anexos only (rural settlements). */
  anexos: Place[];
  streets: string[];
  municipality: AgencyRef | null;
}

function shuffled<T>(r: Random, items: readonly T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function prepareDistrict(d: DistrictInfo, index: number): District {
  const r = createRandom(`articula:participation:demo:places:${d.ubigeo}`);
  const rural = d.area === 'RURAL';
  const anexos = shuffled(r, ANEXOS).slice(0, rural ? 10 : 3).map((name): Place => ({ kind: 'anexo', name }));
  const barrios = shuffled(r, BARRIOS).slice(0, rural ? 4 : 12).map((name): Place => ({ kind: 'barrio', name }));
  const urbs = rural ? [] : shuffled(r, URBANIZACIONES).slice(0, 4).map((name): Place => ({ kind: 'urbanización', name }));
  const aahh = rural ? [] : shuffled(r, ASENTAMIENTOS).slice(0, 2).map((name): Place => ({ kind: 'asentamiento humano', name }));
  return {
    ...d, index, rural, anexos, places: [...barrios, ...urbs, ...aahh, ...anexos], streets: shuffled(r, STREETS).slice(0, rural ? 6 : 16),
    municipality: DISTRICT_MUNICIPALITIES.get(d.ubigeo) ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// People (invented)
// ---------------------------------------------------------------------------------------------

interface Person { given: string[]; surnames: [string, string]; female: boolean }
function person(r: Random, femaleP: number): Person {
  const female = r.chance(femaleP);
  const names = female ? FEMALE_NAMES : MALE_NAMES;
  const given = r.chance(0.4) ? pickDistinct(r, names, 2) : [r.pick(names)];
  const [a, b] = pickDistinct(r, SURNAMES, 2) as [string, string];
  return { given, surnames: [a, b], female };
}
const fullName = (p: Person) => `${p.given.join(' ')} ${p.surnames.join(' ')}`;
const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

// ---------------------------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------------------------

const T = OrganizationType;
const ORG_TYPE_WEIGHTS: Record<'URBAN' | 'RURAL', readonly (readonly [OrganizationType, number])[]> = {
  URBAN: [[T.NEIGHBOURHOOD_BOARD, 44], [T.COMMUNITY_KITCHEN, 14], [T.GLASS_OF_MILK_COMMITTEE, 16], [T.PRODUCERS_OR_TRADE_ASSOCIATION, 10], [T.NGO, 3],
    [T.EDUCATIONAL_INSTITUTION, 5], [T.OTHER, 6], [T.PEASANT_COMMUNITY, 2]],
  RURAL: [[T.PEASANT_COMMUNITY, 28], [T.GLASS_OF_MILK_COMMITTEE, 20], [T.COMMUNITY_KITCHEN, 10], [T.PRODUCERS_OR_TRADE_ASSOCIATION, 18],
    [T.NEIGHBOURHOOD_BOARD, 9], [T.EDUCATIONAL_INSTITUTION, 6], [T.NGO, 1], [T.OTHER, 8]],
};

function organizationName(r: Random, type: OrganizationType, d: District): string {
  const place = () => r.pick(d.places);
  const anexo = () => (d.anexos.length > 0 ? r.pick(d.anexos) : place());
  switch (type) {
    case T.NEIGHBOURHOOD_BOARD: {
      const p = d.rural ? place() : r.pick(d.places.filter((x) => x.kind !== 'anexo'));
      return r.weighted([
        [() => `Junta Vecinal ${deCap(p)}`, 5], [() => `Junta Vecinal de Seguridad Ciudadana ${deCap(p)}`, 2],
        [() => `Asociación de Vecinos ${deCap(p)}`, 1], [() => `Junta Vecinal ${r.pick(SAINTS)} ${deCap(p)}`, 1],
      ] as const)();
    }
    case T.PEASANT_COMMUNITY:
      return r.weighted([[() => `Comunidad Campesina de ${anexo().name}`, 6], [() => `Comunidad Campesina de ${d.name}`, 1],
        [() => `Comunidad Campesina ${r.pick(['San Juan', 'San Pedro', 'Santa Rosa', 'San Antonio', 'Santiago'] as const)} de ${anexo().name}`, 2]] as const)();
    case T.COMMUNITY_KITCHEN:
      return r.weighted([[() => `Comedor Popular ${r.pick(SAINTS)}`, 3], [() => `Comedor Popular ${r.pick(WOMEN_GROUPS)}`, 3],
        [() => `Comedor Popular ${r.pick(WOMEN_GROUPS)} ${deCap(place())}`, 2], [() => `Comedor Popular ${r.pick(SAINTS)} ${deCap(place())}`, 1]] as const)();
    case T.GLASS_OF_MILK_COMMITTEE:
      return r.weighted([[() => `Comité de Vaso de Leche ${r.pick(SAINTS)}`, 2], [() => `Comité del Vaso de Leche ${deCap(place())}`, 3],
        [() => `Comité de Vaso de Leche ${r.pick(WOMEN_GROUPS)} ${deCap(place())}`, 2]] as const)();
    case T.PRODUCERS_OR_TRADE_ASSOCIATION: {
      const [product] = r.pick(PRODUCTS);
      return r.weighted([
        [() => `Asociación de Productores de ${product} ${deCap(d.rural ? anexo() : place())}`, d.rural ? 5 : 1],
        [() => `Asociación de Productores Agropecuarios ${deCap(anexo())}`, d.rural ? 3 : 0.5],
        [() => `Asociación de Criadores de Cuyes ${deCap(anexo())}`, d.rural ? 1 : 0.3],
        [() => `Asociación de Comerciantes del Mercado ${r.pick(BARRIOS)} de ${d.name}`, d.rural ? 0.5 : 3],
        [() => `Asociación de Comerciantes de la Feria Dominical de ${d.name}`, 0.5],
        [() => `Asociación de Artesanos ${r.pick(WOMEN_GROUPS)} de ${d.name}`, 1],
        [() => `Asociación de Mototaxistas ${r.pick(CLUBS)} de ${d.name}`, d.rural ? 0.3 : 1.5],
      ] as const)();
    }
    case T.NGO:
      return `${r.pick(NGO_PREFIXES)} ${r.pick(NGO_THEMES)}`;
    case T.EDUCATIONAL_INSTITUTION:
      return r.weighted([[() => `Institución Educativa N.° ${30_000 + r.int(1, 1500)} ${r.pick(IE_NAMES)}`, 3],
        [() => `Institución Educativa Inicial N.° ${r.int(100, 799)} ${deCap(place())}`, 2],
        [() => `APAFA de la Institución Educativa ${r.pick(IE_NAMES)} de ${d.name}`, 1]] as const)();
    default:
      return r.weighted([
        [() => `Club de Madres ${r.pick(WOMEN_GROUPS)} ${deCap(place())}`, 3], [() => `Comité de Regantes del Canal ${anexo().name}`, d.rural ? 2 : 0.3],
        [() => `Asociación de Adultos Mayores ${r.pick(SAINTS)} de ${d.name}`, 1], [() => `Club Deportivo ${r.pick(CLUBS)} de ${d.name}`, 1],
        [() => `Ronda Campesina ${deCap(anexo())}`, d.rural ? 1.5 : 0], [() => `Asociación de Personas con Discapacidad de ${d.name}`, 0.5],
        [() => `Junta Administradora de Servicios de Saneamiento ${deCap(anexo())}`, d.rural ? 1.5 : 0],
      ] as const)();
  }
}

type Gendered = readonly [string, string];
const ROLES: Record<OrganizationType, { femaleP: number; roles: readonly Gendered[] }> = {
  [T.NEIGHBOURHOOD_BOARD]: { femaleP: 0.4, roles: [['Presidente', 'Presidenta'], ['Secretario', 'Secretaria'], ['Tesorero', 'Tesorera']] },
  [T.PEASANT_COMMUNITY]: { femaleP: 0.25, roles: [['Presidente de la directiva comunal', 'Presidenta de la directiva comunal'], ['Secretario', 'Secretaria'], ['Fiscal', 'Fiscal']] },
  [T.COMMUNITY_KITCHEN]: { femaleP: 0.97, roles: [['Presidente', 'Presidenta'], ['Tesorero', 'Tesorera'], ['Secretario', 'Secretaria']] },
  [T.GLASS_OF_MILK_COMMITTEE]: { femaleP: 0.97, roles: [['Coordinador', 'Coordinadora'], ['Tesorero', 'Tesorera'], ['Secretario', 'Secretaria']] },
  [T.PRODUCERS_OR_TRADE_ASSOCIATION]: { femaleP: 0.35, roles: [['Presidente', 'Presidenta'], ['Vicepresidente', 'Vicepresidenta'], ['Tesorero', 'Tesorera']] },
  [T.NGO]: { femaleP: 0.55, roles: [['Director ejecutivo', 'Directora ejecutiva'], ['Coordinador de proyectos', 'Coordinadora de proyectos']] },
  [T.EDUCATIONAL_INSTITUTION]: { femaleP: 0.55, roles: [['Director', 'Directora'], ['Presidente de la APAFA', 'Presidenta de la APAFA']] },
  [T.OTHER]: { femaleP: 0.5, roles: [['Presidente', 'Presidenta'], ['Secretario', 'Secretaria'], ['Vocal', 'Vocal']] },
};

interface OrgInfo { index: number; regDay: number; inactive: boolean }

// ---------------------------------------------------------------------------------------------
// Themes of territorial meetings and their agreements
// ---------------------------------------------------------------------------------------------

interface AgreementCtx {
  r: Random;
  d: District;
  place: Place;
  street: string;
  year: number;
  month: string;
  agency: AgencyRef;
}
interface AgreementTemplate {
  dept: DeptCode;
  f: (c: AgreementCtx) => string;
  /** Physical works: may link works. */
  infra?: boolean;
  /** Names an agency (of the theme, or one of these), which becomes a party. */
  agency?: true | readonly AgencyRef[];
  only?: 'URBAN' | 'RURAL';
}
type ThemeKey = 'ROADS' | 'WATER' | 'WASTE' | 'SAFETY' | 'SOCIAL' | 'ECONOMY' | 'URBAN' | 'TAXES';
interface Theme {
  label: string;
  visit: string;
  depts: readonly DeptCode[];
  agencies: { URBAN: readonly AgencyRef[]; RURAL: readonly AgencyRef[] };
  templates: readonly AgreementTemplate[];
}

const THEMES: Record<ThemeKey, Theme> = {
  ROADS: {
    label: 'vías y transitabilidad', visit: 'Inspección del estado de las vías', depts: ['GOP', 'GTT'],
    agencies: { URBAN: [GRJ, PVD], RURAL: [PVD, DRTC, GRJ] },
    templates: [
      { dept: 'GOP', infra: true, f: (c) => `Realizar el bacheo y mantenimiento de la calzada del Jr. ${c.street} ${deP(c.place)}.`, only: 'URBAN' },
      { dept: 'GOP', infra: true, f: (c) => `Realizar el perfilado y afirmado de la trocha carrozable hacia el anexo ${c.r.pick(c.d.anexos.length ? c.d.anexos : c.d.places).name} con maquinaria municipal; la organización apoyará con faenas comunales.`, only: 'RURAL' },
      { dept: 'GOP', infra: true, f: (c) => `Elaborar el expediente técnico del mejoramiento de la transitabilidad vehicular y peatonal ${deP(c.place)}.` },
      { dept: 'GTT', f: (c) => `Instalar señalización vertical y reductores de velocidad frente a la institución educativa ${deP(c.place)}.` },
      { dept: 'GTT', f: (c) => `Realizar un estudio de tránsito y el reordenamiento de paraderos en el Jr. ${c.street}.`, only: 'URBAN' },
      { dept: 'GOP', infra: true, agency: true, f: (c) => `Gestionar ante ${c.agency.label} el mantenimiento de la vía vecinal que une ${theP(c.place)} con la capital del distrito de ${c.d.name}.` },
      { dept: 'GOP', infra: true, f: (c) => `Reponer la alcantarilla colapsada en la vía de acceso ${aP(c.place)} antes de la temporada de lluvias.`, only: 'RURAL' },
    ],
  },
  WATER: {
    label: 'agua potable y saneamiento', visit: 'Verificación del sistema de agua potable', depts: ['GSP', 'GOP'],
    agencies: { URBAN: [PNSU, MVCS], RURAL: [PNSR, MVCS, FONCODES] },
    templates: [
      { dept: 'GSP', f: (c) => `Realizar la limpieza y cloración del reservorio ${deP(c.place)} con participación de la JASS.`, only: 'RURAL' },
      { dept: 'GSP', infra: true, agency: true, f: (c) => `Gestionar ante ${c.agency.label} el financiamiento de la ampliación de las redes de agua y alcantarillado ${deP(c.place)}.` },
      { dept: 'GSP', f: (c) => `Abastecer con camión cisterna ${aP(c.place)} mientras dure la reparación de la línea de conducción.` },
      { dept: 'GOP', infra: true, f: (c) => `Elaborar el expediente técnico del mejoramiento del sistema de agua potable ${deP(c.place)}.` },
      { dept: 'GSP', f: (c) => `Realizar el desatoro de la red de alcantarillado del Jr. ${c.street} ${deP(c.place)}.`, only: 'URBAN' },
      { dept: 'GSP', f: (c) => `Capacitar a los directivos de la JASS ${deP(c.place)} en operación y mantenimiento del sistema de agua.`, only: 'RURAL' },
    ],
  },
  WASTE: {
    label: 'limpieza pública y residuos sólidos', visit: 'Inspección de puntos críticos de residuos sólidos', depts: ['GGA', 'GSP'],
    agencies: { URBAN: [], RURAL: [] },
    templates: [
      { dept: 'GGA', f: (c) => `Ampliar la frecuencia del recojo de residuos sólidos ${enP(c.place)} a tres veces por semana.` },
      { dept: 'GGA', f: (c) => `Eliminar el punto crítico de acumulación de residuos del Jr. ${c.street} y colocar letreros de prohibición.` },
      { dept: 'GGA', f: (c) => `Capacitar a las familias ${deP(c.place)} en segregación de residuos en la fuente.` },
      { dept: 'GGA', f: (c) => `Realizar una jornada de limpieza de la ribera del río ${c.r.pick(RIVERS)} con participación de las organizaciones del distrito de ${c.d.name}.` },
      { dept: 'GSP', f: (c) => `Reforzar el barrido de calles ${enP(c.place)} y publicar el horario del camión recolector.` },
    ],
  },
  SAFETY: {
    label: 'seguridad ciudadana', visit: 'Recorrido por los puntos críticos de inseguridad', depts: ['GSC'],
    agencies: { URBAN: [], RURAL: [] },
    templates: [
      { dept: 'GSC', f: (c) => `Incrementar el patrullaje integrado del serenazgo y la Policía Nacional ${enP(c.place)} en horario nocturno.` },
      { dept: 'GSC', f: (c) => `Instalar alarmas vecinales ${enP(c.place)} y capacitar a la junta vecinal en su uso.` },
      { dept: 'GSC', f: (c) => `Evaluar la instalación de cámaras de videovigilancia en los puntos críticos ${deP(c.place)}.`, only: 'URBAN' },
      { dept: 'GSC', f: (c) => `Realizar un simulacro de sismo y una capacitación en gestión del riesgo de desastres ${enP(c.place)}.` },
      { dept: 'GSC', f: (c) => `Conformar la junta vecinal de seguridad ciudadana ${deP(c.place)} y acreditarla ante la comisaría del sector.` },
    ],
  },
  SOCIAL: {
    label: 'programas sociales y alimentarios', visit: 'Supervisión de comedores populares y comités de vaso de leche', depts: ['GDS'],
    agencies: { URBAN: [], RURAL: [FONCODES] },
    templates: [
      { dept: 'GDS', f: (c) => `Supervisar el funcionamiento de los comedores populares ${deP(c.place)} y regularizar la entrega de alimentos.` },
      { dept: 'GDS', f: (c) => `Actualizar el padrón de beneficiarios del Programa del Vaso de Leche ${deP(c.place)} en un plazo de treinta días.` },
      { dept: 'GDS', f: (c) => `Realizar una campaña de lucha contra la anemia infantil ${enP(c.place)} en coordinación con el establecimiento de salud.` },
      { dept: 'GDS', f: (c) => `Entregar kits de abrigo ante heladas y friaje a las familias vulnerables ${deP(c.place)}.`, only: 'RURAL' },
      { dept: 'GDS', f: (c) => `Realizar una jornada de orientación sobre Pensión 65, Juntos y la clasificación socioeconómica ${enP(c.place)}.` },
      { dept: 'GOP', infra: true, agency: [PRONIED], f: (c) => `Gestionar ante ${c.agency.label} la sustitución de las aulas de la institución educativa ${deP(c.place)}.` },
      { dept: 'GDS', infra: true, agency: true, f: (c) => `Gestionar ante ${c.agency.label} el mejoramiento de la infraestructura del comedor popular ${deP(c.place)}.`, only: 'RURAL' },
    ],
  },
  ECONOMY: {
    label: 'desarrollo productivo y comercio', visit: 'Visita a los productores y a las áreas de cultivo', depts: ['GDE'],
    agencies: { URBAN: [GRJ], RURAL: [AGRO_RURAL, DRA, GRJ] },
    templates: [
      { dept: 'GDE', f: (c) => `Brindar asistencia técnica a los productores de ${c.r.pick(PRODUCTS)[1]} ${deP(c.place)}.` },
      { dept: 'GDE', f: (c) => `Organizar una feria de productores ${enP(c.place)} con apoyo logístico de la municipalidad.` },
      { dept: 'GDE', agency: true, f: (c) => `Gestionar ante ${c.agency.label} la entrega de semilla certificada a los productores ${deP(c.place)}.`, only: 'RURAL' },
      { dept: 'GDE', infra: true, f: (c) => `Realizar el mantenimiento del canal de riego ${deP(c.place)} con participación de los usuarios de riego.`, only: 'RURAL' },
      { dept: 'GDE', f: (c) => `Reordenar el comercio ambulatorio del Jr. ${c.street} en coordinación con la asociación de comerciantes.`, only: 'URBAN' },
      { dept: 'GDE', f: () => 'Simplificar los requisitos de la licencia de funcionamiento para bodegas y pequeños negocios.', only: 'URBAN' },
    ],
  },
  URBAN: {
    label: 'desarrollo urbano y espacios públicos', visit: 'Inspección de espacios públicos y áreas verdes', depts: ['GDU', 'GSP', 'GOP'],
    agencies: { URBAN: [MVCS], RURAL: [MVCS] },
    templates: [
      { dept: 'GDU', f: (c) => `Evaluar la recuperación del área verde ${deP(c.place)} ocupada por construcciones precarias.` },
      { dept: 'GDU', infra: true, f: (c) => `Elaborar el proyecto de mejoramiento del parque y los espacios públicos ${deP(c.place)}.` },
      { dept: 'GDU', f: (c) => `Realizar el saneamiento físico legal del local comunal ${deP(c.place)}.` },
      { dept: 'GDU', f: (c) => `Realizar la inspección técnica de las viviendas en zona de riesgo ${deP(c.place)}.` },
      { dept: 'GSP', f: (c) => `Realizar el mantenimiento y riego de las áreas verdes ${deP(c.place)}.` },
      { dept: 'GSP', infra: true, f: (c) => `Ampliar el alumbrado público del Jr. ${c.street} ${deP(c.place)}.` },
      { dept: 'GOP', infra: true, f: (c) => `Construir la losa multiuso ${deP(c.place)} con aporte de mano de obra de los vecinos.` },
      { dept: 'GSP', infra: true, agency: [DGER, GRJ], only: 'RURAL', f: (c) => `Gestionar ante ${c.agency.label} la electrificación de las viviendas ${deP(c.place)}.` },
    ],
  },
  TAXES: {
    label: 'orientación tributaria y trámites', visit: 'Módulo itinerante de orientación tributaria', depts: ['GAT'],
    agencies: { URBAN: [], RURAL: [] },
    templates: [
      { dept: 'GAT', f: (c) => `Instalar un módulo itinerante de orientación tributaria ${enP(c.place)} durante el mes de ${c.month}.` },
      { dept: 'GAT', f: (c) => `Difundir entre los vecinos ${deP(c.place)} el beneficio de condonación de intereses y multas tributarias.` },
      { dept: 'GAT', f: (c) => `Actualizar el catastro de los predios ${deP(c.place)}.` },
      { dept: 'GAT', f: () => 'Revisar la determinación de los arbitrios municipales observada por las organizaciones.' },
    ],
  },
};
const THEME_WEIGHTS: Record<'URBAN' | 'RURAL', readonly (readonly [ThemeKey, number])[]> = {
  URBAN: [['ROADS', 20], ['WATER', 10], ['WASTE', 14], ['SAFETY', 16], ['SOCIAL', 10], ['ECONOMY', 6], ['URBAN', 14], ['TAXES', 6]],
  RURAL: [['ROADS', 24], ['WATER', 22], ['WASTE', 5], ['SAFETY', 5], ['SOCIAL', 16], ['ECONOMY', 20], ['URBAN', 3], ['TAXES', 2]],
};

const PP_PROJECTS = [
  'mejoramiento de la vía vecinal', 'ampliación del sistema de agua potable', 'construcción de la losa deportiva multiuso', 'mejoramiento del local comunal',
  'instalación de riego tecnificado', 'mejoramiento del parque', 'ampliación del alumbrado público', 'mejoramiento de la institución educativa inicial',
  'construcción de veredas y rampas', 'creación del centro de acopio de productos agropecuarios',
] as const;
const BUDGET_TEMPLATES: readonly AgreementTemplate[] = [
  { dept: 'GPP', infra: true, f: (c) => `Priorizar en el Presupuesto Participativo ${c.year + 1} el proyecto de ${c.r.pick(PP_PROJECTS)} ${deP(c.place)}.` },
  { dept: 'GPP', infra: true, f: (c) => `Incluir en la cartera del Presupuesto Participativo ${c.year + 1} la ${c.r.pick(PP_PROJECTS)} ${deP(c.place)}, sujeta a evaluación técnica.` },
  { dept: 'GPP', f: (c) => `Publicar el techo presupuestal y el cronograma del Presupuesto Participativo ${c.year + 1} en el portal institucional.` },
  { dept: 'GPC', f: (c) => `Conformar el comité de vigilancia del Presupuesto Participativo ${c.year + 1} con representantes de las organizaciones del distrito de ${c.d.name}.` },
  { dept: 'GPP', f: (c) => `El equipo técnico evaluará la viabilidad de las propuestas presentadas por las organizaciones del distrito de ${c.d.name}.` },
  { dept: 'GOP', f: (c) => `Realizar la inspección técnica de los terrenos de los proyectos propuestos ${enP(c.place)}.` },
  { dept: 'GPC', f: (c) => `Acreditar a los agentes participantes del distrito de ${c.d.name} para la etapa de formalización de acuerdos.` },
];
const HEARING_TEMPLATES: readonly AgreementTemplate[] = [
  { dept: 'GPC', f: (c) => `Publicar en el portal de transparencia el informe de la audiencia de rendición de cuentas de ${c.month} de ${c.year}.` },
  { dept: 'GPC', f: () => 'Responder por escrito, en un plazo de treinta días, las preguntas de la ciudadanía que no se absolvieron en la audiencia.' },
  { dept: 'GOP', infra: true, f: () => 'Presentar en la próxima audiencia el avance físico y financiero de las obras en ejecución.' },
  { dept: 'GPC', f: () => 'Realizar audiencias descentralizadas en los distritos rurales de la provincia.' },
  { dept: 'GPP', f: (c) => `Incluir en el plan operativo ${c.year + 1} las prioridades planteadas por las organizaciones en la audiencia.` },
  { dept: 'GAF', f: () => 'Publicar mensualmente la ejecución presupuestal de la municipalidad en formato de datos abiertos.' },
];
const COMMITTEE_TOPICS = ['comercio ambulatorio', 'gestión integral de residuos sólidos', 'participación vecinal', 'áreas verdes', 'transporte urbano', 'publicidad exterior'] as const;
const COMMITTEE_ITEMS = ['combustible para la maquinaria pesada', 'insumos del Programa del Vaso de Leche', 'equipos de protección para el personal de limpieza pública',
  'luminarias para el mantenimiento del alumbrado público', 'uniformes y radios para el serenazgo'] as const;
/** Internal agreements of the coordination committee; dept null: a department chosen at random. */
const COMMITTEE_TEMPLATES: readonly { dept: DeptCode | null; infra?: boolean; f: (c: AgreementCtx, dept: DeptCode) => string }[] = [
  { dept: 'GPP', f: (c) => `Las gerencias remitirán a la Gerencia de Planeamiento y Presupuesto el reporte de ejecución presupuestal al cierre de ${c.month}.` },
  { dept: 'GOP', infra: true, f: () => 'La Gerencia de Obras Públicas presentará en la próxima sesión el informe de avance de las obras en ejecución.' },
  { dept: null, f: (_c, dept) => `La ${DEPARTMENT_NAMES[dept]} actualizará la información de su competencia en el portal de transparencia.` },
  { dept: null, f: (_c, dept) => `La ${DEPARTMENT_NAMES[dept]} atenderá en quince días los pedidos ciudadanos vencidos de su competencia.` },
  { dept: 'GAJ', f: (c) => `La Gerencia de Asesoría Jurídica emitirá opinión legal sobre el proyecto de ordenanza de ${c.r.pick(COMMITTEE_TOPICS)}.` },
  { dept: 'GAF', f: (c) => `La Gerencia de Administración y Finanzas priorizará la adquisición de ${c.r.pick(COMMITTEE_ITEMS)}.` },
  { dept: 'GPC', f: (c) => `Coordinar con las gerencias competentes la atención de los acuerdos de la mesa de diálogo del distrito de ${c.d.name}.` },
  { dept: 'GSC', f: () => 'La Gerencia de Seguridad Ciudadana presentará el plan de contingencia ante la temporada de lluvias.' },
  { dept: 'GPC', f: () => 'La Gerencia de Participación Ciudadana consolidará el reporte de acuerdos vencidos de las gerencias.' },
  { dept: 'GAT', f: (c) => `La Gerencia de Administración Tributaria presentará los resultados de la campaña de recaudación de ${c.month}.` },
  { dept: 'GDS', f: () => 'La Gerencia de Desarrollo Social presentará el plan de atención ante heladas y friaje en los distritos rurales.' },
  { dept: 'GM', f: () => 'Las gerencias designarán un responsable del registro de acuerdos y seguimientos en la plataforma.' },
];
const COMMITTEE_DEPT_POOL: readonly (readonly [DeptCode, number])[] = [
  ['GOP', 6], ['GSP', 5], ['GDU', 3], ['GDS', 4], ['GDE', 3], ['GTT', 3], ['GGA', 3], ['GSC', 3], ['GAT', 3], ['GAF', 2], ['GPC', 3], ['GPP', 2],
];
const FIELD_VISIT_REPORT: AgreementTemplate = { dept: 'GOP', f: (c) => `Elaborar el informe técnico de la visita realizada ${aP(c.place)} en un plazo de quince días.` };

const CANCELLATION_REASONS = [
  'Anulado por acuerdo de las partes en una sesión posterior.',
  'Anulado: la intervención fue asumida por el Gobierno Regional de Junín.',
  'Anulado: no cuenta con disponibilidad presupuestal en el ejercicio.',
  'Anulado: duplica un acuerdo adoptado en una sesión anterior.',
  'Anulado: la organización desistió del pedido.',
  'Anulado: corresponde a la competencia de la municipalidad distrital.',
] as const;

const NOTES_NONE = ['Sin avance: pendiente de disponibilidad presupuestal.', 'Se reprogramó la reunión de coordinación con las partes.',
  'Pendiente de respuesta de la entidad competente.', 'Se solicitó información complementaria a la organización.'] as const;
const NOTES_EARLY = ['Se realizó la inspección técnica en el lugar.', 'Se coordinó con las partes el cronograma de ejecución.',
  'Se solicitó la certificación de crédito presupuestario.', 'Se elaboró el informe técnico de la gerencia.',
  'Se remitió el requerimiento a la Gerencia de Administración y Finanzas.'] as const;
const NOTES_MID = ['Se inició la ejecución de las actividades comprometidas.', 'Se cuenta con certificación presupuestal; en proceso de contratación.',
  'Avance de las actividades según el cronograma acordado.', 'Se realizó una reunión de seguimiento con los representantes de las partes.',
  'Se ejecutó la primera etapa de los trabajos.'] as const;
const NOTES_LATE = ['Actividades en etapa final; pendiente la conformidad de las partes.', 'Se culminaron los trabajos principales; se levantan observaciones.',
  'Se entregó el informe de avance a la Gerencia Municipal.'] as const;
const NOTES_DONE = ['Acuerdo cumplido; se suscribió el acta de conformidad con las partes.', 'Acuerdo cumplido; se remitió el informe final a la Gerencia Municipal.',
  'Acuerdo cumplido y verificado en visita de campo.', 'Acuerdo cumplido; se informó a las organizaciones en asamblea.'] as const;

// ---------------------------------------------------------------------------------------------
// Citizen requests
// ---------------------------------------------------------------------------------------------

const C = RequestCategory;
interface Problem { t: string; resp: string; dept?: DeptCode; only?: 'URBAN' | 'RURAL' }
interface CategoryDef {
  dept: DeptCode;
  /** Reasons to reject that only apply to this category (competence of another entity). */
  elsewhere?: string;
  works: boolean;
  problems: readonly Problem[];
  suggestion: readonly string[];
  initiative: readonly string[];
  info: readonly string[];
}
const CATEGORIES: Record<RequestCategory, CategoryDef> = {
  [C.ROADS_AND_TRANSPORT]: {
    dept: 'GOP', works: true, elsewhere: 'La vía es de competencia del Gobierno Regional de Junín; se le remitió el pedido.',
    problems: [
      { t: 'baches profundos en la calzada', resp: 'Se ejecutó el bacheo y parchado de la calzada en el tramo reportado.', only: 'URBAN' },
      { t: 'una trocha sin afirmar que se vuelve intransitable con las lluvias', resp: 'Se realizó el perfilado y afirmado del tramo con maquinaria municipal.', only: 'RURAL' },
      { t: 'la falta de señalización y de reductores de velocidad frente al colegio', resp: 'Se instalaron señales preventivas y reductores de velocidad en la zona escolar.', dept: 'GTT' },
      { t: 'un semáforo malogrado', resp: 'Se reparó el semáforo y se verificó su funcionamiento.', dept: 'GTT', only: 'URBAN' },
      { t: 'paraderos informales y congestión vehicular', resp: 'Se realizaron operativos de control del transporte y se reordenaron los paraderos.', dept: 'GTT', only: 'URBAN' },
      { t: 'una alcantarilla colapsada que corta el paso de vehículos', resp: 'Se reemplazó la alcantarilla y se restableció la transitabilidad.', only: 'RURAL' },
      { t: 'veredas rotas que ponen en riesgo a los peatones', resp: 'Se reparó la vereda en el tramo reportado.', only: 'URBAN' },
      { t: 'un derrumbe que bloquea la trocha carrozable', resp: 'Se retiró el material del derrumbe con maquinaria municipal.', only: 'RURAL' },
      { t: 'la falta de transporte público en horas de la tarde', resp: 'Se coordinó con las empresas de transporte autorizadas la ampliación del horario de servicio.', dept: 'GTT' },
    ],
    suggestion: ['instalar reductores de velocidad frente a los colegios', 'implementar una ciclovía en la avenida principal', 'señalizar los cruces peatonales'],
    initiative: ['el afirmado del camino con aporte de mano de obra comunal', 'la construcción de cunetas con faenas de los vecinos'],
    info: ['el cronograma de mantenimiento de vías', 'las rutas de transporte urbano autorizadas'],
  },
  [C.WATER_AND_SANITATION]: {
    dept: 'GSP', works: true, elsewhere: 'El servicio corresponde a la empresa prestadora de servicios de saneamiento; se le remitió el pedido.',
    problems: [
      { t: 'la falta de agua potable desde hace varios días', resp: 'Se coordinó con la empresa prestadora el restablecimiento del servicio y se abasteció con camión cisterna.' },
      { t: 'un desagüe colapsado que rebalsa a la vía pública', resp: 'Se realizó el desatoro de la red de alcantarillado en el tramo reportado.', only: 'URBAN' },
      { t: 'una fuga de agua en la red de distribución', resp: 'Se reparó la fuga en la red de distribución.' },
      { t: 'un buzón sin tapa', resp: 'Se colocó una nueva tapa de buzón.', only: 'URBAN' },
      { t: 'agua turbia en el sistema de agua del anexo', resp: 'Se realizó la limpieza y cloración del reservorio con la JASS.', only: 'RURAL' },
      { t: 'un reservorio sin mantenimiento ni cloración', resp: 'Se realizó el mantenimiento y la cloración del reservorio.', only: 'RURAL' },
    ],
    suggestion: ['realizar campañas de uso responsable del agua', 'publicar el horario de abastecimiento de agua'],
    initiative: ['la construcción de un reservorio con mano de obra comunal', 'la protección de los manantiales con forestación'],
    info: ['los resultados del análisis de calidad del agua', 'el avance del proyecto de agua y saneamiento'],
  },
  [C.WASTE_AND_CLEANING]: {
    dept: 'GGA', works: false,
    problems: [
      { t: 'la acumulación de basura en la esquina', resp: 'Se eliminó el punto crítico de acumulación de residuos y se reforzó el recojo.' },
      { t: 'la falta de recojo de basura desde hace más de una semana', resp: 'Se reprogramó la ruta del camión recolector en el sector.' },
      { t: 'desmonte arrojado en la ribera del río', resp: 'Se retiró el desmonte y se colocó un letrero de prohibición.' },
      { t: 'la quema de basura que afecta la salud de los vecinos', resp: 'Se realizó la fiscalización ambiental en la zona.' },
      { t: 'la falta de contenedores de residuos en el parque', resp: 'Se instalaron contenedores de residuos en el parque.', only: 'URBAN' },
    ],
    suggestion: ['colocar contenedores de reciclaje en los parques', 'publicar los horarios del camión recolector'],
    initiative: ['una campaña de reciclaje con los colegios', 'un biohuerto con los residuos orgánicos del mercado'],
    info: ['los horarios y rutas del servicio de recolección de residuos', 'el destino final de los residuos sólidos de la provincia'],
  },
  [C.PUBLIC_SAFETY]: {
    dept: 'GSC', works: false, elsewhere: 'Los hechos denunciados corresponden a la Policía Nacional del Perú; se remitió la comunicación a la comisaría.',
    problems: [
      { t: 'robos frecuentes en horas de la noche', resp: 'Se incrementó el patrullaje del serenazgo en la zona en coordinación con la Policía Nacional.' },
      { t: 'el consumo de alcohol en la vía pública', resp: 'Se realizaron operativos conjuntos con la Policía Nacional en la zona.' },
      { t: 'la falta de patrullaje del serenazgo', resp: 'Se incluyó el sector en la ruta de patrullaje del serenazgo.' },
      { t: 'un local nocturno que genera ruidos y peleas', resp: 'Se fiscalizó el local y se impuso la sanción correspondiente.', only: 'URBAN' },
      { t: 'una cámara de videovigilancia que no funciona', resp: 'Se reparó la cámara de videovigilancia.', only: 'URBAN' },
      { t: 'el abigeato en las zonas de pastoreo', resp: 'Se coordinó con la ronda campesina y la Policía Nacional el patrullaje de las zonas de pastoreo.', only: 'RURAL' },
    ],
    suggestion: ['instalar alarmas vecinales', 'coordinar rondas mixtas con las juntas vecinales'],
    initiative: ['formar una junta vecinal de seguridad ciudadana', 'instalar alarmas comunitarias con aporte de los vecinos'],
    info: ['las incidencias registradas por el serenazgo', 'el plan local de seguridad ciudadana'],
  },
  [C.PARKS_AND_GREEN_AREAS]: {
    dept: 'GSP', works: true,
    problems: [
      { t: 'el parque sin riego ni mantenimiento', resp: 'Se realizó el mantenimiento y riego de las áreas verdes del parque.' },
      { t: 'juegos infantiles rotos y peligrosos', resp: 'Se repararon los juegos infantiles.' },
      { t: 'árboles con riesgo de caída', resp: 'Se realizó la poda y el retiro de los árboles en riesgo.', dept: 'GGA' },
      { t: 'la ocupación de un área verde con construcciones', resp: 'Se notificó al ocupante y se recuperó el área verde.', dept: 'GDU' },
    ],
    suggestion: ['sembrar árboles nativos en las áreas verdes', 'instalar juegos infantiles inclusivos'],
    initiative: ['recuperar un área verde abandonada como parque', 'una campaña de arborización con los colegios'],
    info: ['el plan de mantenimiento de áreas verdes', 'el inventario de parques'],
  },
  [C.STREET_LIGHTING]: {
    dept: 'GSP', works: true, elsewhere: 'El alumbrado público corresponde a la empresa concesionaria de electricidad; se le remitió el pedido.',
    problems: [
      { t: 'postes de alumbrado público apagados', resp: 'Se coordinó con la concesionaria la reposición de las luminarias del tramo reportado.' },
      { t: 'la falta de alumbrado público', resp: 'Se incluyó el tramo en el programa de ampliación del alumbrado público.' },
      { t: 'un poste inclinado con riesgo de caída', resp: 'La concesionaria reemplazó el poste en riesgo.' },
    ],
    suggestion: ['cambiar las luminarias por luminarias LED', 'iluminar los paraderos'],
    initiative: ['gestionar la ampliación del alumbrado público con los vecinos'],
    info: ['el programa de reposición de luminarias', 'el costo del alumbrado público'],
  },
  [C.SOCIAL_PROGRAMS]: {
    dept: 'GDS', works: false,
    problems: [
      { t: 'retrasos en la entrega de raciones del Vaso de Leche', resp: 'Se regularizó la distribución de raciones del Programa del Vaso de Leche.' },
      { t: 'la falta de atención del comedor popular', resp: 'Se supervisó el comedor y se regularizó la entrega de alimentos.' },
      { t: 'adultos mayores en abandono que necesitan apoyo', resp: 'Se realizó la visita social y se derivaron los casos a los programas correspondientes.' },
      { t: 'la falta de empadronamiento para la clasificación socioeconómica', resp: 'Se programó el empadronamiento en el sector.' },
      { t: 'niños con anemia sin seguimiento', resp: 'Se realizó una campaña de tamizaje y consejería nutricional en el sector.' },
    ],
    suggestion: ['ampliar el horario del comedor popular', 'organizar talleres para adultos mayores'],
    initiative: ['una cocina comunal para los niños del sector', 'un taller de tejido para las madres del comedor'],
    info: ['el número de beneficiarios y el presupuesto del Programa del Vaso de Leche', 'los requisitos para acceder al comedor popular'],
  },
  [C.MARKETS_AND_COMMERCE]: {
    dept: 'GDE', works: false,
    problems: [
      { t: 'el comercio ambulatorio que obstruye la vereda', resp: 'Se realizó el operativo de reordenamiento del comercio ambulatorio.' },
      { t: 'la falta de limpieza e higiene en el mercado', resp: 'Se realizó la fiscalización sanitaria y la limpieza del mercado.' },
      { t: 'la venta de productos con peso incompleto', resp: 'Se realizó el operativo de control de pesas y medidas.' },
      { t: 'una feria sin autorización que bloquea la calle', resp: 'Se fiscalizó la feria y se liberó la vía.' },
    ],
    suggestion: ['organizar una feria de productores los fines de semana', 'mejorar los servicios higiénicos del mercado'],
    initiative: ['una feria agropecuaria con los productores del distrito'],
    info: ['las autorizaciones de ferias otorgadas', 'el reglamento de mercados'],
  },
  [C.PROCEDURES_AND_TAXES]: {
    dept: 'GAT', works: false,
    problems: [
      { t: 'un cobro de arbitrios que no corresponde', resp: 'Se revisó la determinación de arbitrios y se emitió el estado de cuenta corregido.' },
      { t: 'la demora en el trámite de la licencia de edificación', resp: 'Se concluyó la evaluación del expediente y se notificó el resultado.', dept: 'GDU' },
      { t: 'la demora en la emisión de la licencia de funcionamiento', resp: 'Se emitió la licencia de funcionamiento.', dept: 'GDE' },
      { t: 'errores en la declaración jurada del impuesto predial', resp: 'Se corrigió la información del predio en el registro tributario.' },
    ],
    suggestion: ['habilitar el pago de tributos por aplicativo móvil', 'ampliar el horario de atención de las ventanillas'],
    initiative: ['una campaña de orientación tributaria en el local comunal'],
    info: ['el TUPA y los requisitos de la licencia de funcionamiento', 'la recaudación del impuesto predial'],
  },
  [C.OTHER]: {
    dept: 'GPC', works: true,
    problems: [
      { t: 'la falta de información sobre las obras del sector', resp: 'Se brindó la información de las obras del sector y se publicó en el portal.' },
      { t: 'perros abandonados en la vía pública', resp: 'Se realizó una campaña de control de canes en el sector.', dept: 'GSP' },
      { t: 'ruidos molestos de una construcción en horario nocturno', resp: 'Se fiscalizó la obra privada y se dispuso el horario de trabajo permitido.', dept: 'GDU' },
      { t: 'la mala atención en una ventanilla municipal', resp: 'Se derivó el caso a la oficina correspondiente y se reforzó la atención.', dept: 'GM' },
    ],
    suggestion: ['publicar las actas de las mesas de diálogo en el portal', 'realizar más audiencias públicas descentralizadas'],
    initiative: ['una mesa de diálogo con las organizaciones del sector'],
    info: ['las actas de las sesiones de concejo del año', 'el presupuesto asignado al distrito'],
  },
};
const CATEGORY_WEIGHTS: Record<'URBAN' | 'RURAL', readonly (readonly [RequestCategory, number])[]> = {
  URBAN: [[C.ROADS_AND_TRANSPORT, 18], [C.WATER_AND_SANITATION, 10], [C.WASTE_AND_CLEANING, 16], [C.PUBLIC_SAFETY, 14], [C.PARKS_AND_GREEN_AREAS, 7],
    [C.STREET_LIGHTING, 8], [C.SOCIAL_PROGRAMS, 7], [C.MARKETS_AND_COMMERCE, 6], [C.PROCEDURES_AND_TAXES, 9], [C.OTHER, 5]],
  RURAL: [[C.ROADS_AND_TRANSPORT, 24], [C.WATER_AND_SANITATION, 20], [C.WASTE_AND_CLEANING, 6], [C.PUBLIC_SAFETY, 5], [C.PARKS_AND_GREEN_AREAS, 3],
    [C.STREET_LIGHTING, 9], [C.SOCIAL_PROGRAMS, 14], [C.MARKETS_AND_COMMERCE, 4], [C.PROCEDURES_AND_TAXES, 6], [C.OTHER, 9]],
};
const RK = RequestKind;
const KIND_WEIGHTS: readonly (readonly [RequestKind, number])[] = [[RK.NEED, 33], [RK.COMPLAINT, 37], [RK.INFORMATION_REQUEST, 11], [RK.SUGGESTION, 11], [RK.INITIATIVE, 8]];
/** Relative time to close, by kind. */
const KIND_DURATION: Record<RequestKind, number> = { NEED: 1.1, COMPLAINT: 1, INFORMATION_REQUEST: 0.6, SUGGESTION: 0.8, INITIATIVE: 1.5 };
const KIND_REJECTION: Record<RequestKind, number> = { NEED: 0.05, COMPLAINT: 0.06, INFORMATION_REQUEST: 0.03, SUGGESTION: 0.08, INITIATIVE: 0.14 };
/** Median calendar days to close a request, by area. */
const MEDIAN_DAYS = { URBAN: 11.5, RURAL: 25.5 } as const;

const COMPLAINT_TAILS = ['el problema ya fue reportado y no se atendió', 'la situación persiste desde hace varias semanas', 'afecta a todo el vecindario',
  'se pide una solución urgente'] as const;
const TRIAGE_REJECTIONS = [
  'Solicitud duplicada: el mismo caso ya se encuentra en atención con otro código de seguimiento.',
  'La descripción no permite identificar el lugar ni el problema; se invita a registrar una nueva solicitud con más detalle.',
] as const;
const DEPARTMENT_REJECTIONS = [
  'Tras la inspección técnica no se verificó el problema reportado.',
  'Lo solicitado requiere una inversión no prevista en el presupuesto del año; se derivó al proceso del presupuesto participativo.',
  'El lugar indicado es de propiedad privada; la municipalidad no puede intervenir.',
] as const;
const RECEIVED_NOTES = ['Registrada en la plataforma web.', 'Registrada en la mesa de partes virtual.', 'Registrada presencialmente en la plataforma de atención al ciudadano.',
  'Registrada durante una mesa de diálogo.'] as const;
const PROGRESS_NOTES = ['Inspección técnica programada.', 'Se asignó personal y equipos para la atención.', 'En evaluación por el área técnica.',
  'Se coordinó la atención con la organización del sector.'] as const;
const RESOLVED_NOTES = ['Atendida; se comunicó la respuesta.', 'Atendida y verificada en campo.', 'Atendida; se cerró el caso.'] as const;
const VIAS = [['el Jr.', 5], ['la Av.', 3], ['la calle', 2], ['el pasaje', 1]] as const;
const ADDRESS_VIAS = [['Jr.', 5], ['Av.', 3], ['Calle', 2], ['Psje.', 1]] as const;

// ---------------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------------

interface MeetingCtx {
  index: number;
  block: number;
  kind: MeetingKind;
  district: District;
  day: number;
  startsMs: number;
  conveningDept: DeptCode;
  orgs: OrgInfo[];
  theme: ThemeKey | null;
  place: Place | null;
}

/** Generates the demo data. Pure and deterministic; see the module comment. */
export function generateParticipationDemoData(
  districtList: DistrictInfo[],
  options: { scale?: number; referenceDate?: string; dueOn?: (kind: RequestKind, submittedOn: string) => string } = {},
): ParticipationDemoData {
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`scale must be an integer >= 1, got ${scale}`);
  if (districtList.length === 0) throw new RangeError('generateParticipationDemoData needs at least one district');
  const R = parseDay(options.referenceDate ?? DEMO_REFERENCE_DATE, 'referenceDate');
  /** "Now": midnight in Huancayo at the start of the reference date. */
  const NOW = limaTime(R, 0);
  const customDueOn = options.dueOn;
  const firstDay = R - HISTORY_DAYS;

  // Districts in ubigeo order (the reference CSV order the works generator is given).
  const districts = [...districtList].sort((a, b) => (a.ubigeo < b.ubigeo ? -1 : a.ubigeo > b.ubigeo ? 1 : 0)).map(prepareDistrict);
  const n = districts.length;
  const huancayo = districts.find((d) => d.ubigeo === '120101') ?? districts[0]!;
  const orgWeights = districts.map((d) => [d, Math.sqrt(Math.max(d.population, 1)) * (d.rural ? 1.3 : 1)] as const);
  const requestWeights = districts.map((d) => [d, Math.max(d.population, 1) ** 0.9 * (d.rural ? 1.25 : 1)] as const);
  const meetingWeights = districts.map((d) => [d, Math.sqrt(Math.max(d.population, 1)) * (d.rural ? 1.4 : 1)] as const);

  /** Works in a district (works generator: work 20k+7 lies in district k mod n) among the first `blocks` blocks. */
  const districtWorks = (d: District, blocks: number): number[] => {
    const result: number[] = [];
    for (let k = d.index; 20 * k + 7 < WORKS_PER_BLOCK * blocks; k += n) result.push(20 * k + 7);
    return result;
  };
  const workId = (i: number) => stableId('work', String(i));

  const organizations: OrganizationRow[] = [];
  const representatives: RepresentativeRow[] = [];
  const meetings: MeetingRow[] = [];
  const meetingOrganizations: MeetingOrganizationRow[] = [];
  const meetingDepartments: MeetingDepartmentRow[] = [];
  const agreements: AgreementRow[] = [];
  const agreementParties: AgreementPartyRow[] = [];
  const agreementWorks: AgreementWorkRow[] = [];
  const followUps: FollowUpRow[] = [];
  const requests: RequestRow[] = [];
  const submitters: SubmitterRow[] = [];
  const requestEvents: RequestEventRow[] = [];

  // --- Organizations ---------------------------------------------------------------------------------
  const orgsByDistrict = districts.map((): OrgInfo[] => []);
  const orgNames = districts.map(() => new Set<string>());
  const ngoNames = new Set<string>();
  const registrationSeq = new Map<number, number>();
  const regStart = parseDay('2010-01-04', 'start');
  const orgTotal = ORGANIZATIONS_PER_BLOCK * scale;
  let r = createRandom('articula:participation:demo:organizations:0');
  for (let i = 0; i < orgTotal; i++) {
    // One random stream per block: block b depends on blocks 0..b only.
    if (i > 0 && i % ORGANIZATIONS_PER_BLOCK === 0) r = createRandom(`articula:participation:demo:organizations:${i / ORGANIZATIONS_PER_BLOCK}`);
    const d = i % 10 === 3 ? districts[Math.floor(i / 10) % n]! : r.weighted(orgWeights);
    const type = r.weighted(ORG_TYPE_WEIGHTS[d.area]);
    let name = organizationName(r, type, d);
    for (let attempt = 0; attempt < 8 && (orgNames[d.index]!.has(name) || (type === T.NGO && ngoNames.has(name))); attempt++) name = organizationName(r, type, d);
    if (orgNames[d.index]!.has(name) || (type === T.NGO && ngoNames.has(name))) {
      let k = 2;
      while (orgNames[d.index]!.has(`${name} N.° ${k}`) || ngoNames.has(`${name} N.° ${k}`)) k++;
      name = `${name} N.° ${k}`;
    }
    orgNames[d.index]!.add(name);
    if (type === T.NGO) ngoNames.add(name);

    // Registration: more recent ones are more frequent.
    const span = R - 30 - regStart;
    const regDay = regStart + Math.floor(span * Math.sqrt(r.next()));
    let regWeekday = regDay;
    while (!isWorkingDay(regWeekday)) regWeekday--;
    const year = yearOf(regWeekday);
    const seq = (registrationSeq.get(year) ?? 0) + r.int(1, 9);
    registrationSeq.set(year, seq);
    const old = R - regWeekday > 4 * 365;
    const status = old
      ? r.weighted([[RegistrationStatus.ACTIVE, 55], [RegistrationStatus.EXPIRED, 30], [RegistrationStatus.INACTIVE, 15]] as const)
      : r.weighted([[RegistrationStatus.ACTIVE, 92], [RegistrationStatus.EXPIRED, 6], [RegistrationStatus.INACTIVE, 2]] as const);
    const createdMs = officeTime(r, regWeekday);
    const updatedMs = status === RegistrationStatus.ACTIVE && r.chance(0.6) ? createdMs
      : Math.max(createdMs, officeTime(r, regWeekday + r.int(30, Math.max(31, R - 1 - regWeekday))));
    const id = stableId('organization', String(i));
    organizations.push({
      id, name, type, ubigeo: d.ubigeo, registrationNumber: `RUOS-${year}-${pad(seq, 4)}`, registrationDate: fmtDay(regWeekday),
      registrationStatus: status, createdAt: fmtTs(createdMs), updatedAt: fmtTs(Math.min(updatedMs, NOW - HOUR_MS)),
    });
    orgsByDistrict[d.index]!.push({ index: i, regDay: regWeekday, inactive: status === RegistrationStatus.INACTIVE });

    const roles = ROLES[type];
    const count = Math.min(roles.roles.length, r.weighted([[1, 30], [2, 40], [3, 30]] as const));
    for (let k = 0; k < count; k++) {
      const p = person(r, roles.femaleP);
      const role = roles.roles[k]!;
      representatives.push({ id: stableId('representative', `${i}:${k}`), organizationId: id, name: fullName(p), role: p.female ? role[1] : role[0], position: k });
    }
  }

  const orgId = organizations.map((o) => o.id);
  /** Organizations of a district that a meeting of block b on a day can invite. */
  const invitable = (d: District, block: number, day: number): OrgInfo[] => {
    const limit = ORGANIZATIONS_PER_BLOCK * (block + 1);
    const all = orgsByDistrict[d.index]!.filter((o) => o.index < limit);
    const active = all.filter((o) => o.regDay <= day && !o.inactive);
    return active.length > 0 ? active : all;
  };

  // --- Meetings and agreements ------------------------------------------------------------------------
  let meetingIndex = 0;
  let agreementIndex = 0;

  const addAgreements = (m: MeetingCtx, meetingId: string, r: Random, count: number): number => {
    const texts = new Set<string>();
    let made = 0;
    for (let a = 0; a < count; a++) {
      const theme = m.theme && r.chance(0.8) ? m.theme : r.weighted(THEME_WEIGHTS[m.district.area]);
      const place = m.place && r.chance(0.6) ? m.place : r.pick(m.district.places);
      const month = MONTHS[monthOf(m.day)]!;
      const themeDef = THEMES[theme];
      const themeAgencies = themeDef.agencies[m.district.area];
      const agencyPool = m.district.municipality && m.kind !== MeetingKind.COORDINATION_COMMITTEE ? [m.district.municipality, ...themeAgencies] : themeAgencies;
      const ctxDistrict = m.kind === MeetingKind.COORDINATION_COMMITTEE ? r.pick(districts) : m.district;
      const ctx: AgreementCtx = { r, d: ctxDistrict, place: ctxDistrict === m.district ? place : r.pick(ctxDistrict.places), street: r.pick(m.district.streets), year: yearOf(m.day), month, agency: agencyPool.length > 0 ? r.pick(agencyPool) : GRJ };

      let dept: DeptCode;
      let text: string;
      let infra = false;
      let named: AgencyRef | null = null;
      let attempts = 0;
      do {
        if (m.kind === MeetingKind.COORDINATION_COMMITTEE) {
          const t = r.pick(COMMITTEE_TEMPLATES);
          dept = t.dept ?? r.weighted(COMMITTEE_DEPT_POOL);
          text = t.f(ctx, dept);
          infra = Boolean(t.infra);
          named = null;
        } else {
          let pool: readonly AgreementTemplate[];
          if (m.kind === MeetingKind.BUDGET_WORKSHOP && r.chance(0.7)) pool = BUDGET_TEMPLATES;
          else if (m.kind === MeetingKind.PUBLIC_HEARING && r.chance(0.5)) pool = HEARING_TEMPLATES;
          else if (m.kind === MeetingKind.FIELD_VISIT && r.chance(0.2)) pool = [{ ...FIELD_VISIT_REPORT, dept: themeDef.depts[0]! }];
          else pool = themeDef.templates.filter((t) => (!t.only || t.only === m.district.area) && (t.agency !== true || agencyPool.length > 0));
          const t = r.pick(pool);
          named = t.agency === true ? ctx.agency : t.agency ? r.pick(t.agency) : null;
          dept = t.dept;
          text = t.f(named ? { ...ctx, agency: named } : ctx);
          infra = Boolean(t.infra);
        }
        attempts++;
      } while (texts.has(text) && attempts < 10);
      if (texts.has(text)) continue;
      texts.add(text);

      // Parties: the responsible department, often attending organizations, sometimes an agency.
      const index = agreementIndex++;
      const id = stableId('agreement', String(index));
      const parties: AgreementPartyRow[] = [{ agreementId: id, partyKind: PartyKind.DEPARTMENT, partyId: DEPT_ID[dept] }];
      let withAgency = named;
      if (!withAgency && m.kind !== MeetingKind.COORDINATION_COMMITTEE && agencyPool.length > 0 && r.chance(0.12)) {
        withAgency = r.pick(agencyPool);
        text = `${stripFinalPeriod(text)}, en coordinación con ${withAgency.label}.`;
      }
      if (withAgency) parties.push({ agreementId: id, partyKind: PartyKind.AGENCY, partyId: stableId('agency', withAgency.name) });
      if (m.orgs.length > 0 && r.chance(0.65)) {
        for (const o of pickDistinct(r, m.orgs, r.weighted([[1, 60], [2, 30], [3, 10]] as const))) {
          parties.push({ agreementId: id, partyKind: PartyKind.ORGANIZATION, partyId: orgId[o.index]! });
        }
      }
      if (r.chance(0.15)) {
        const other = m.kind === MeetingKind.COORDINATION_COMMITTEE ? r.weighted(COMMITTEE_DEPT_POOL) : r.pick(THEMES[theme].depts);
        if (other !== dept) parties.push({ agreementId: id, partyKind: PartyKind.DEPARTMENT, partyId: DEPT_ID[other] });
      }
      agreementParties.push(...parties);

      // Linked works.
      const workCount = r.weighted(infra ? ([[0, 40], [1, 40], [2, 14], [3, 6]] as const) : ([[0, 92], [1, 8]] as const));
      if (workCount > 0) {
        const candidates = m.kind === MeetingKind.COORDINATION_COMMITTEE || m.kind === MeetingKind.PUBLIC_HEARING
          ? Array.from({ length: workCount }, () => r.int(0, WORKS_PER_BLOCK * (m.block + 1) - 1))
          : districtWorks(m.district, m.block + 1);
        for (const w of new Set(pickDistinct(r, candidates, workCount))) agreementWorks.push({ agreementId: id, workId: workId(w) });
      }

      // Timeline: due date, fulfilment or cancellation.
      const createdMs = Math.min(m.startsMs + r.int(90, 180) * MINUTE_MS, NOW - MINUTE_MS);
      const dueSpan = m.kind === MeetingKind.COORDINATION_COMMITTEE ? r.int(15, 45) : r.weighted([[() => r.int(15, 45), 3], [() => r.int(46, 120), 4], [() => r.int(121, 180), 2]] as const)();
      const dueDay = m.day + dueSpan;
      const lastDay = R - 1;
      let status: AgreementStatus;
      let fulfilledDay: number | null = null;
      let cancelDay: number | null = null;
      let cancellationReason: string | null = null;
      const stalled = r.chance(0.18);
      const completion = Math.max(3, Math.round(dueSpan * 0.8 * Math.exp(0.45 * normal(r))));
      if (lastDay - m.day >= 10 && r.chance(0.05)) {
        status = AgreementStatus.CANCELLED;
        cancelDay = m.day + r.int(5, Math.min(dueSpan + 60, lastDay - m.day));
        cancellationReason = r.pick(CANCELLATION_REASONS);
      } else if (!stalled && m.day + completion <= lastDay) {
        status = AgreementStatus.FULFILLED;
        fulfilledDay = m.day + completion;
      } else {
        const elapsed = lastDay - m.day;
        status = elapsed >= 2 && (stalled ? r.chance(0.4) : elapsed > completion * 0.25) ? AgreementStatus.IN_PROGRESS : AgreementStatus.PENDING;
      }

      // Follow-ups, by the responsible department.
      const end = fulfilledDay ?? cancelDay ?? lastDay;
      const span = end - m.day;
      let count: number;
      if (status === AgreementStatus.FULFILLED) count = r.int(1, 5);
      else if (status === AgreementStatus.IN_PROGRESS) count = r.int(1, 4);
      else if (status === AgreementStatus.PENDING) count = r.weighted([[0, 60], [1, 30], [2, 10]] as const);
      else count = r.int(0, 2);
      count = Math.max(0, Math.min(count, span));
      if (status === AgreementStatus.IN_PROGRESS && count === 0) status = AgreementStatus.PENDING;
      const finalCents = status === AgreementStatus.FULFILLED ? 10_000 : status === AgreementStatus.PENDING ? 0
        : status === AgreementStatus.CANCELLED ? r.int(5, 60) * 100 : r.int(10, 90) * 100 + r.int(0, 1) * 50;
      let prevDay = m.day;
      let prevCents = 0;
      let lastMs = createdMs;
      for (let k = 0; k < count; k++) {
        const last = k === count - 1;
        const frac = (k + 1) / count;
        let day = last && status === AgreementStatus.FULFILLED ? end : m.day + Math.round(span * clamp(frac - (r.next() * 0.5) / count, 0, 1));
        day = clamp(day, prevDay + 1, end - (count - 1 - k));
        let cents: number;
        if (finalCents === 0) cents = 0;
        else if (last) cents = finalCents;
        else {
          cents = Math.round((finalCents * clamp(frac - (r.next() * 0.4) / count, 0.05, 1)) / 50) * 50;
          cents = clamp(cents, prevCents + 50, finalCents - 50 * (count - 1 - k));
        }
        const stage = cents >= 10_000 ? NOTES_DONE : cents === 0 ? NOTES_NONE : cents < 3000 ? NOTES_EARLY : cents < 8000 ? NOTES_MID : NOTES_LATE;
        let evidenceUrl: string | null = null;
        if (cents >= 10_000 ? r.chance(0.7) : r.chance(0.3)) {
          const y = yearOf(day);
          evidenceUrl = cents >= 10_000 || r.chance(0.4)
            ? `https://www.munihuancayo.gob.pe/transparencia/actas/${y}/acta-${pad(r.int(1, 999), 4)}.pdf`
            : `https://www.munihuancayo.gob.pe/transparencia/informes/${y}/informe-${pad(r.int(1, 999), 3)}-${y}-${dept.toLowerCase()}.pdf`;
        }
        const ms = Math.max(officeTime(r, day), createdMs + MINUTE_MS);
        followUps.push({
          id: stableId('follow-up', `${index}:${k}`), agreementId: id, reportedOn: fmtDay(day), note: r.pick(stage), evidenceUrl, progressPct: fmtCents(cents),
          departmentId: DEPT_ID[dept], createdAt: fmtTs(ms),
        });
        lastMs = Math.max(lastMs, ms);
        prevDay = day;
        prevCents = cents;
      }
      if (cancelDay !== null) lastMs = Math.max(lastMs, officeTime(r, cancelDay));
      agreements.push({
        id, meetingId, text, responsibleDepartmentId: DEPT_ID[dept], dueDate: fmtDay(dueDay), status, fulfilledOn: fulfilledDay !== null ? fmtDay(fulfilledDay) : null,
        cancellationReason, createdAt: fmtTs(createdMs), updatedAt: fmtTs(Math.min(lastMs, NOW - MINUTE_MS)),
      });
      made++;
    }
    return made;
  };

  interface MeetingSpec {
    r: Random;
    block: number;
    kind: MeetingKind;
    district: District;
    day: number;
    hour: number;
    title: string;
    place: string;
    placeRef: Place | null;
    theme: ThemeKey | null;
    conveningDept: DeptCode;
    departments: DeptCode[];
    orgCount: number;
    attendance: [number, number];
    agenda: string[];
    agreementCount: number;
    cancelledP: number;
    seriesId: string | null;
    /** Known cancellation (holiday). */
    cancelled?: boolean;
    minutes: (attendance: number, orgs: number, agreements: number) => string;
  }

  const addMeeting = (s: MeetingSpec) => {
    const { r } = s;
    const index = meetingIndex++;
    const id = stableId('meeting', String(index));
    const startsMs = limaTime(s.day, s.hour);
    const status = startsMs >= NOW ? MeetingStatus.SCHEDULED : s.cancelled || r.chance(s.cancelledP) ? MeetingStatus.CANCELLED : MeetingStatus.HELD;
    const orgs = s.orgCount > 0 ? pickDistinct(r, invitable(s.district, s.block, s.day), s.orgCount) : [];
    const m: MeetingCtx = { index, block: s.block, kind: s.kind, district: s.district, day: s.day, startsMs, conveningDept: s.conveningDept, orgs, theme: s.theme, place: s.placeRef };
    const made = status === MeetingStatus.HELD ? addAgreements(m, id, r, s.agreementCount) : 0;
    const attendance = status === MeetingStatus.HELD ? Math.max(s.departments.length + orgs.length, r.int(s.attendance[0], s.attendance[1])) : null;
    const createdMs = Math.min(limaTime(s.day - r.int(3, 14), 8, r.int(0, 8 * 60)), NOW - DAY_MS);
    let updatedMs = createdMs;
    if (status === MeetingStatus.HELD) updatedMs = Math.max(createdMs, Math.min(Math.max(startsMs + 3 * HOUR_MS, officeTime(r, s.day + r.int(0, 3))), NOW - MINUTE_MS));
    if (status === MeetingStatus.CANCELLED) updatedMs = Math.max(createdMs, Math.min(startsMs - r.int(2, 48) * HOUR_MS, NOW - MINUTE_MS));
    meetings.push({
      id, kind: s.kind, title: s.title, startsAt: fmtTs(startsMs), ubigeo: s.district.ubigeo, place: s.place, conveningDepartmentId: DEPT_ID[s.conveningDept],
      attendanceCount: attendance, agenda: s.agenda.map((item, k) => `${k + 1}. ${item}`).join('\n'),
      minutesSummary: status === MeetingStatus.HELD ? s.minutes(attendance!, orgs.length, made) : null, status, seriesId: s.seriesId,
      createdAt: fmtTs(createdMs), updatedAt: fmtTs(updatedMs),
    });
    for (const o of orgs) meetingOrganizations.push({ meetingId: id, organizationId: orgId[o.index]! });
    for (const dept of new Set(s.departments)) meetingDepartments.push({ meetingId: id, departmentId: DEPT_ID[dept] });
  };
  const agreementsPhrase = (k: number) => (k === 0 ? 'No se adoptaron acuerdos.' : k === 1 ? 'Se adoptó 1 acuerdo.' : `Se adoptaron ${k} acuerdos.`);

  // Weekly coordination committee (block 0): every Monday at 09:00, plus the next four sessions.
  const seriesId = stableId('meeting-series', 'coordination-committee');
  const COMMITTEE_AGENDA = ['Avance de la ejecución presupuestal', 'Avance de las obras en ejecución', 'Pedidos ciudadanos vencidos', 'Acuerdos de las mesas de diálogo',
    'Preparación de la audiencia pública de rendición de cuentas', 'Plan de contingencia ante la temporada de lluvias', 'Campaña de recaudación tributaria',
    'Presupuesto participativo', 'Plan de atención ante heladas y friaje', 'Informe de la Gerencia Municipal'] as const;
  const COMMITTEE_CORE: DeptCode[] = ['GM', 'GPP', 'GAF', 'GAJ', 'GPC'];
  const COMMITTEE_OTHERS: DeptCode[] = ['GOP', 'GDU', 'GSP', 'GDS', 'GDE', 'GTT', 'GGA', 'GSC', 'GAT'];
  let monday = firstDay;
  while (weekday(monday) !== 1) monday++;
  let upcoming = 0;
  for (let day = monday; upcoming < 4; day += 7) {
    if (limaTime(day, 9) >= NOW) upcoming++;
    const r = createRandom(`articula:participation:demo:committee:${fmtDay(day)}`);
    const year = yearOf(day);
    const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
    const session = (day - (jan1 + ((8 - weekday(jan1)) % 7))) / 7 + 1; // n-th Monday of the year
    const departments = [...COMMITTEE_CORE, ...pickDistinct(r, COMMITTEE_OTHERS, r.int(3, 7))];
    addMeeting({
      r, block: 0, kind: MeetingKind.COORDINATION_COMMITTEE, district: huancayo, day, hour: 9,
      title: `Comité de Coordinación de la Alta Dirección – Sesión ordinaria N.° ${pad(session, 2)}-${year}`,
      place: 'Palacio Municipal – Sala de Regidores', placeRef: null, theme: null, conveningDept: 'GM', departments, orgCount: 0,
      attendance: [departments.length + 1, departments.length + 6],
      agenda: ['Seguimiento de acuerdos de sesiones anteriores', ...pickDistinct(r, COMMITTEE_AGENDA, r.int(2, 3))],
      agreementCount: r.weighted([[0, 12], [1, 30], [2, 36], [3, 22]] as const), cancelledP: 0.02, seriesId, cancelled: !isWorkingDay(day),
      minutes: (attendance, _orgs, k) => `Sesión presidida por la Gerencia Municipal con ${attendance} asistentes de ${departments.length} gerencias. `
        + `Se revisó el estado de los acuerdos pendientes y los puntos de agenda. ${agreementsPhrase(k)}`,
    });
  }

  // Public hearings (block 0): two a year, on the last Thursday of May and of November, at 16:00.
  for (let year = yearOf(firstDay); year <= yearOf(R) + 1; year++) {
    for (const [month, ordinal] of [[4, 'Primera'], [10, 'Segunda']] as const) {
      let day = Date.UTC(year, month + 1, 0) / DAY_MS;
      while (weekday(day) !== 4) day--;
      if (day < firstDay || day > R + 60) continue;
      const r = createRandom(`articula:participation:demo:hearing:${year}:${month}`);
      addMeeting({
        r, block: 0, kind: MeetingKind.PUBLIC_HEARING, district: huancayo, day, hour: 16,
        title: `${ordinal} Audiencia Pública de Rendición de Cuentas ${year}`, place: 'Auditorio del Palacio Municipal de Huancayo', placeRef: null, theme: null,
        conveningDept: 'GPC', departments: ['GM', 'GPC', 'GPP', 'GOP', ...pickDistinct(r, ['GSP', 'GDS', 'GDU', 'GSC', 'GGA', 'GAT', 'GAF', 'GTT'] as DeptCode[], r.int(3, 6))],
        orgCount: r.int(8, 20), attendance: [180, 450],
        agenda: ['Informe del alcalde sobre la gestión del semestre', 'Avance de las obras y del presupuesto participativo', 'Preguntas e intervenciones de la ciudadanía', 'Compromisos de la gestión'],
        agreementCount: r.int(4, 8), cancelledP: 0, seriesId: null,
        minutes: (attendance, orgs, k) => `Audiencia con ${attendance} asistentes y representantes de ${orgs} organizaciones sociales. `
          + `La gestión presentó el informe del semestre y absolvió preguntas de la ciudadanía. ${agreementsPhrase(k)}`,
      });
    }
  }

  // Territorial meetings, per block: dialogue tables, participatory-budget workshops, field visits.
  const lastMeetingDay = R + 30;
  const budgetDays: number[] = [];
  for (let day = firstDay; day <= lastMeetingDay; day++) {
    const month = monthOf(day);
    if (month >= 1 && month <= 5 && isWorkingDay(day)) budgetDays.push(day);
  }
  for (let block = 0; block < scale; block++) {
    for (let j = 0; j < TERRITORIAL_MEETINGS_PER_BLOCK; j++) {
      const t = block * TERRITORIAL_MEETINGS_PER_BLOCK + j;
      const r = createRandom(`articula:participation:demo:meeting:${t}`);
      const d = t % 5 === 2 ? districts[Math.floor(t / 5) % n]! : r.weighted(meetingWeights);
      const kind = r.weighted([[MeetingKind.DIALOGUE_TABLE, 55], [MeetingKind.FIELD_VISIT, 28], [MeetingKind.BUDGET_WORKSHOP, 17]] as const);
      const theme = r.weighted(THEME_WEIGHTS[d.area]);
      const themeDef = THEMES[theme];
      const place = r.pick(d.places);
      let day: number;
      if (kind === MeetingKind.BUDGET_WORKSHOP && budgetDays.length > 0) day = r.pick(budgetDays);
      else {
        day = r.int(firstDay, lastMeetingDay);
        // Working days; dialogue tables also on Saturdays (when neighbours can attend).
        while (!isWorkingDay(day) && !(kind === MeetingKind.DIALOGUE_TABLE && weekday(day) === 6)) day++;
      }
      const year = yearOf(day);
      const seat = d.ubigeo === '120101' ? 'Auditorio del Palacio Municipal de Huancayo' : `Auditorio de la Municipalidad Distrital de ${d.name}`;
      if (kind === MeetingKind.DIALOGUE_TABLE) {
        const conveningDept: DeptCode = r.chance(0.6) ? 'GPC' : themeDef.depts[0]!;
        addMeeting({
          r, block, kind, district: d, day, hour: r.pick([10, 15, 16, 18] as const),
          title: r.chance(0.5) ? `Mesa de diálogo sobre ${themeDef.label} ${deP(place)}, distrito de ${d.name}`
            : `Mesa de diálogo con las organizaciones sociales ${deP(place)} (${d.name}): ${themeDef.label}`,
          place: r.chance(0.6) ? `${d.rural ? 'Casa comunal' : 'Local comunal'} ${deP(place)}` : seat, placeRef: place, theme, conveningDept,
          departments: [conveningDept, 'GPC', ...themeDef.depts.slice(0, r.int(1, themeDef.depts.length))], orgCount: r.int(2, 6), attendance: [15, 90],
          agenda: [`Presentación de la problemática de ${themeDef.label} ${deP(place)}`, 'Intervención de las organizaciones sociales', 'Propuestas de la municipalidad', 'Acuerdos y compromisos'],
          agreementCount: r.int(2, 8), cancelledP: 0.07, seriesId: null,
          minutes: (attendance, orgs, k) => `Se instaló la mesa con ${attendance} participantes${orgs > 0 ? `, entre ellos representantes de ${orgs} organizaciones` : ''}. `
            + `Se analizó la problemática de ${themeDef.label} ${deP(place)} y se escucharon las propuestas de las organizaciones. ${agreementsPhrase(k)}`,
        });
      } else if (kind === MeetingKind.FIELD_VISIT) {
        const conveningDept = themeDef.depts[0]!;
        addMeeting({
          r, block, kind, district: d, day, hour: r.pick([9, 10, 11] as const),
          title: `Visita de campo: ${themeDef.visit.toLowerCase()} ${enP(place)}, distrito de ${d.name}`,
          place: `${capitalize(place.kind)} ${place.name}, distrito de ${d.name}`, placeRef: place, theme, conveningDept,
          departments: [conveningDept, ...(r.chance(0.5) ? ['GPC' as const] : []), ...(r.chance(0.4) ? [r.pick(themeDef.depts)] : [])],
          orgCount: r.int(0, 2), attendance: [6, 35],
          agenda: [`${themeDef.visit} ${enP(place)}`, 'Diálogo con los vecinos y representantes', 'Compromisos'],
          agreementCount: r.int(1, 5), cancelledP: 0.07, seriesId: null,
          minutes: (attendance, _orgs, k) => `Se realizó el recorrido con ${attendance} participantes y se constató en el lugar la situación reportada por los vecinos. ${agreementsPhrase(k)}`,
        });
      } else {
        const ppYear = year + 1;
        const phase = r.pick(['identificación y priorización de problemas', 'evaluación técnica y priorización de proyectos', 'capacitación a los agentes participantes',
          'formalización de acuerdos'] as const);
        addMeeting({
          r, block, kind, district: d, day, hour: r.pick([9, 15] as const),
          title: `Taller de ${phase} – Presupuesto Participativo ${ppYear}, distrito de ${d.name}`, place: seat, placeRef: place, theme, conveningDept: 'GPP',
          departments: ['GPP', 'GPC', 'GOP', ...(r.chance(0.5) ? [themeDef.depts[0]!] : [])], orgCount: r.int(3, 8), attendance: [30, 140],
          agenda: ['Presentación del techo presupuestal y del cronograma del proceso', `Taller de ${phase}`, 'Acuerdos de los agentes participantes'],
          agreementCount: r.int(3, 7), cancelledP: 0.04, seriesId: null,
          minutes: (attendance, orgs, k) => `Taller del Presupuesto Participativo ${ppYear} con ${attendance} asistentes y agentes participantes de ${orgs} organizaciones. ${agreementsPhrase(k)}`,
        });
      }
    }
  }

  // --- Citizen requests -----------------------------------------------------------------------------
  const requestTotal = REQUESTS_PER_BLOCK * scale;
  const lastSubmissionDay = R - 1;
  /** Next instant during office hours (08:00–17:00, Monday to Friday) at or after ms. */
  const officeAfter = (r: Random, ms: number) => {
    let day = limaDay(ms);
    let tod = ms - limaTime(day, 0);
    if (tod < 8 * HOUR_MS) tod = 8 * HOUR_MS + r.int(0, 120) * MINUTE_MS;
    else if (tod > 17 * HOUR_MS) { day++; tod = 8 * HOUR_MS + r.int(0, 120) * MINUTE_MS; }
    while (!isWorkingDay(day)) { day++; tod = 8 * HOUR_MS + r.int(0, 120) * MINUTE_MS; }
    return limaTime(day, 0) + tod;
  };
  const problemsFor = (area: 'URBAN' | 'RURAL') =>
    Object.fromEntries(Object.values(C).map((c) => [c, CATEGORIES[c].problems.filter((p) => !p.only || p.only === area)])) as Record<RequestCategory, Problem[]>;
  const problemsOf = { URBAN: problemsFor('URBAN'), RURAL: problemsFor('RURAL') };
  for (let i = 0; i < requestTotal; i++) {
    const block = Math.floor(i / REQUESTS_PER_BLOCK);
    if (i % REQUESTS_PER_BLOCK === 0) r = createRandom(`articula:participation:demo:requests:${block}`);
    const d = i % 50 === 11 ? districts[Math.floor(i / 50) % n]! : r.weighted(requestWeights);
    const kind = r.weighted(KIND_WEIGHTS);
    const category = r.weighted(CATEGORY_WEIGHTS[d.area]);
    const cat = CATEGORIES[category];
    const problem = r.pick(problemsOf[d.area][category]);
    const place = r.pick(d.places);
    const placeLoc = `${enP(place)}, distrito de ${d.name}`;
    const streetLoc = d.rural && place.kind === 'anexo' ? placeLoc : `en ${r.weighted(VIAS)} ${r.pick(d.streets)} cuadra ${r.int(1, 25)} ${deP(place)}, distrito de ${d.name}`;

    // Linked work: sometimes, in the same district.
    let work: number | null = null;
    if (cat.works && kind !== RK.SUGGESTION && r.chance(0.14)) {
      const candidates = districtWorks(d, block + 1);
      if (candidates.length > 0) work = r.pick(candidates);
    }
    let description: string;
    if (work !== null) {
      description = kind === RK.INFORMATION_REQUEST
        ? `Al amparo de la Ley N.° 27806, solicito el expediente técnico y el avance físico y financiero de la obra que se ejecuta ${placeLoc}.`
        : kind === RK.COMPLAINT
          ? `Reclamo por el retraso de la obra que se ejecuta ${placeLoc}: los trabajos avanzan lento y la zona permanece sin señalización.`
          : kind === RK.INITIATIVE
            ? `Los vecinos ${deP(place)} proponemos conformar un comité de vigilancia de la obra que se ejecuta en el sector (distrito de ${d.name}).`
            : `Solicito que la obra que se ejecuta ${placeLoc} cuente con señalización, pasos peatonales seguros y limpieza del desmonte.`;
    } else if (kind === RK.NEED) {
      const intro = r.pick(['Solicito atención por', 'Pedimos que se atienda el problema de', 'Vecinos reportamos'] as const);
      description = `${intro.endsWith(' de') && problem.t.startsWith('el ') ? `${intro.slice(0, -3)} del ${problem.t.slice(3)}` : `${intro} ${problem.t}`} ${streetLoc}.`;
    } else if (kind === RK.COMPLAINT) {
      description = `Reclamo por ${problem.t} ${streetLoc}; ${r.pick(COMPLAINT_TAILS)}.`;
    } else if (kind === RK.SUGGESTION) {
      description = `Sugiero ${r.pick(cat.suggestion)} ${placeLoc}.`;
    } else if (kind === RK.INITIATIVE) {
      description = `Los vecinos ${deP(place)} (distrito de ${d.name}) proponemos ${r.pick(cat.initiative)} y ofrecemos apoyo con faenas comunales.`;
    } else {
      description = `Al amparo de la Ley N.° 27806, solicito información sobre ${r.pick(cat.info)} en el distrito de ${d.name}.`;
    }
    const dept: DeptCode = kind === RK.INFORMATION_REQUEST || kind === RK.SUGGESTION || work !== null ? cat.dept : problem.dept ?? cat.dept;

    // Submission and deadline.
    let sDay = r.int(R - HISTORY_DAYS, lastSubmissionDay);
    if ((weekday(sDay) === 0 || weekday(sDay) === 6) && r.chance(0.5)) sDay = r.int(R - HISTORY_DAYS, lastSubmissionDay);
    const sMs = limaTime(sDay, r.int(7, 22), r.int(0, 59)) + r.int(0, 59) * 1000;
    const submittedOn = fmtDay(sDay);
    const dueOnText = customDueOn ? customDueOn(kind, submittedOn) : fmtDay(sDay + DEFAULT_DUE_DAYS);
    if (customDueOn && !/^\d{4}-\d{2}-\d{2}$/.test(dueOnText)) throw new RangeError(`dueOn must return YYYY-MM-DD, got ${JSON.stringify(dueOnText)}`);

    // Planned workflow (then cut at "now").
    const median = MEDIAN_DAYS[d.area] * KIND_DURATION[kind];
    const duration = Math.max(0.3, median * Math.exp(0.6 * normal(r)));
    const stalled = r.chance(0.03);
    const reject = r.chance(KIND_REJECTION[kind]);
    const rejectStage = reject ? r.weighted([['triage', 50], ['assigned', 30], ['progress', 20]] as const) : null;
    const reassign = r.chance(0.07);
    const assignAfter = Math.min(duration * (0.05 + 0.15 * r.next()), d.rural ? 8 : 4);
    const progressAfter = assignAfter + (duration - assignAfter) * (0.15 + 0.4 * r.next());
    /** dept: who acted; assignee: the department in charge afterwards. */
    interface PlannedEvent { at: number; to: RequestStatus; dept: DeptCode | null; assignee: DeptCode | null; note: string }
    const planned: PlannedEvent[] = [{ at: sMs, to: RequestStatus.RECEIVED, dept: null, assignee: null, note: r.pick(RECEIVED_NOTES) }];
    const next = (days: number) => Math.max(officeAfter(r, sMs + days * DAY_MS), planned.at(-1)!.at + r.int(5, 90) * MINUTE_MS);
    let rejectionReason: string | null = null;
    if (rejectStage === 'triage') {
      rejectionReason = cat.elsewhere && r.chance(0.5) ? cat.elsewhere
        : d.ubigeo !== '120101' && r.chance(0.3) ? `No es competencia de la municipalidad provincial: corresponde a la municipalidad distrital de ${d.name}; se le remitió el pedido.`
          : r.pick(TRIAGE_REJECTIONS);
      planned.push({ at: next(assignAfter), to: RequestStatus.REJECTED, dept: 'GPC', assignee: 'GPC', note: 'Rechazada en la evaluación inicial.' });
    } else {
      const wrong = reassign ? r.pick(DEPT_CODES.filter((c) => c !== dept && c !== 'GPC' && c !== 'GM')) : null;
      planned.push({ at: next(assignAfter), to: RequestStatus.ASSIGNED, dept: 'GPC', assignee: wrong ?? dept, note: `Derivada a la ${DEPARTMENT_NAMES[wrong ?? dept]}.` });
      if (wrong) planned.push({ at: next(assignAfter + r.int(1, 3)), to: RequestStatus.ASSIGNED, dept: 'GPC', assignee: dept, note: `Reasignada a la ${DEPARTMENT_NAMES[dept]}: la materia no corresponde a la gerencia inicial.` });
      if (rejectStage === 'assigned') {
        rejectionReason = r.pick(DEPARTMENT_REJECTIONS);
        planned.push({ at: next(progressAfter), to: RequestStatus.REJECTED, dept, assignee: dept, note: 'Rechazada por la gerencia a cargo.' });
      } else if (!stalled || r.chance(0.5)) {
        planned.push({ at: next(progressAfter), to: RequestStatus.IN_PROGRESS, dept, assignee: dept, note: r.pick(PROGRESS_NOTES) });
        if (rejectStage === 'progress') {
          rejectionReason = r.pick(DEPARTMENT_REJECTIONS);
          planned.push({ at: next(duration), to: RequestStatus.REJECTED, dept, assignee: dept, note: 'Rechazada por la gerencia a cargo.' });
        } else if (!stalled) {
          planned.push({ at: next(duration), to: RequestStatus.RESOLVED, dept, assignee: dept, note: r.pick(RESOLVED_NOTES) });
        }
      }
    }
    const happened = planned.filter((e) => e.at < NOW);
    const last = happened.at(-1)!;
    const status = last.to;
    const closed = status === RequestStatus.RESOLVED || status === RequestStatus.REJECTED;
    const assigned = last.assignee;

    let publicResponse: string | null = null;
    if (status === RequestStatus.RESOLVED) {
      publicResponse = kind === RK.INFORMATION_REQUEST ? 'Se remitió la información solicitada dentro del plazo de ley.'
        : kind === RK.SUGGESTION ? 'Gracias por su sugerencia; fue evaluada por la gerencia competente y se tomará en cuenta en la programación de actividades.'
          : kind === RK.INITIATIVE ? r.pick(['La iniciativa fue evaluada y se coordinará su ejecución con la organización vecinal.', 'La iniciativa se incorporó a la cartera del presupuesto participativo.'] as const)
            : work !== null ? 'Se verificó la obra y se dispuso que el ejecutor mejore la señalización y el cronograma; se informará el avance en el portal.'
              : problem.resp;
    } else if (status === RequestStatus.REJECTED) {
      publicResponse = `No procede. ${rejectionReason}`;
    }

    const id = stableId('request', String(i));
    requests.push({
      id, trackingCode: flat(trackingCode(i)), kind, category, ubigeo: d.ubigeo, description: flat(description), workId: work !== null ? workId(work) : null, status,
      assignedDepartmentId: assigned ? DEPT_ID[assigned] : null, submittedAt: fmtTs(sMs), dueOn: dueOnText, closedAt: closed ? fmtTs(last.at) : null,
      rejectionReason: status === RequestStatus.REJECTED ? rejectionReason : null, publicResponse, updatedAt: fmtTs(last.at),
    });
    let from: RequestStatus | null = null;
    happened.forEach((e, k) => {
      if (from !== null && !REQUEST_TRANSITIONS[from].includes(e.to)) throw new Error(`demo data: invalid request transition ${from} → ${e.to}`);
      requestEvents.push({ id: stableId('request-event', `${i}:${k}`), requestId: id, at: fmtTs(e.at), fromStatus: from, toStatus: e.to, departmentId: e.dept ? DEPT_ID[e.dept] : null, note: e.note });
      from = e.to;
    });

    // Submitter: invented, real-shaped personal data (only here).
    if (r.chance(0.1)) {
      submitters.push({ requestId: id, fullName: null, dni: null, phone: null, email: null, address: null });
    } else {
      const p = person(r, 0.5);
      const first = ascii(p.given[0]!);
      const s1 = ascii(p.surnames[0]);
      const s2 = ascii(p.surnames[1]);
      const email = r.weighted([
        [() => `${first}.${s1}${r.int(1, 99)}@gmail.com`, 4], [() => `${first[0]}${s1}${s2[0]}@hotmail.com`, 2], [() => `${first}_${s1}${r.int(1960, 2006)}@gmail.com`, 2],
        [() => `${s1}.${first}@hotmail.com`, 1],
      ] as const)();
      const address = d.rural && r.chance(0.5)
        ? `Anexo ${(d.anexos.length > 0 ? r.pick(d.anexos) : place).name} s/n, ${d.name}`
        : `${r.weighted(ADDRESS_VIAS)} ${r.pick(d.streets)} ${r.int(100, 1999)}, ${d.name}`;
      submitters.push({
        requestId: id, fullName: fullName(p),
        dni: pad(10_000_000 + ((i * 48_271_831 + 27_182_818) % 70_000_000), 8),
        phone: r.chance(0.9) ? `9${pad(r.int(0, 99_999_999), 8)}` : null,
        email: r.chance(0.7) ? email : null,
        address: r.chance(0.8) ? address : null,
      });
    }
  }

  return { organizations, representatives, meetings, meetingOrganizations, meetingDepartments, agreements, agreementParties, agreementWorks, followUps, requests, submitters, requestEvents };
}
