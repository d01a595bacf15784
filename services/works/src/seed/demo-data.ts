/**
 * Deterministic demo data for the works domain: the municipality's departments, the agencies that
 * act in the province, and 640 × scale works, projects, activities and actions with their
 * districts, progress reports and change history.
 *
 * Pure: no database, no I/O, no clock. The same call gives byte-identical output on every run, and
 * work i is generated from its own seeded PRNG and from works 0..i-1 only, so the data at scale 1
 * is an exact prefix of the data at any larger scale (work i has the id `stableId('work', String(i))`).
 *
 * Deliberate patterns for the platform's coordination alerts (index-based, so they repeat at every
 * scale): work 32k+17 overlaps work 32k+16 (different executors, same first district, same sector,
 * overlapping planned periods), and work 64k+41 reports the same CUI as work 64k+40 under another
 * executor. Work 20k+7 is placed in district k (mod n), so every district gets works.
 *
 * All names of officials and companies are invented; no citizen data appears anywhere.
 */
import { createRandom, type Random, stableId, DEMO_DEPARTMENTS, type DemoDepartmentCode } from '@articula/common';
import { Sector, WorkKind, WorkStatus } from '../modules/work/work.enums.js';

export interface DistrictInfo { ubigeo: string; name: string; population: number; povertyPct: number; area: 'URBAN' | 'RURAL'; latitude: number; longitude: number }
export interface AgencyRow { id: string; name: string; acronym: string | null; level: 'NATIONAL' | 'REGIONAL' | 'LOCAL' | 'PRIVATE'; isMunicipality: boolean; ubigeo: string | null; website: string | null }
export interface DepartmentRow { id: string; code: string; name: string; officialName: string; officialTitle: string }
export interface WorkRow { id: string; kind: WorkKind; cui: string | null; infobrasCode: string | null; title: string; description: string; sector: Sector; executorId: string; departmentId: string | null; latitude: string | null; longitude: string | null; status: WorkStatus; suspensionReason: string | null; plannedStart: string | null; plannedEnd: string | null; actualStart: string | null; actualEnd: string | null; investmentCost: string | null; contractAmount: string | null; contractorName: string | null; contractorRuc: string | null; physicalProgress: string; externalId: string | null; createdAt: string; updatedAt: string }
export interface WorkDistrictRow { workId: string; ubigeo: string }
export interface ProgressReportRow { id: string; workId: string; reportedOn: string; physicalProgress: string; note: string | null; reportedBy: string; createdAt: string }
export interface WorkChangeRow { id: string; workId: string; changedAt: string; action: 'CREATED' | 'UPDATED' | 'PROGRESS_REPORTED' | 'STATUS_CHANGED' | 'IMPORTED'; actorKind: 'DEPARTMENT' | 'AGENCY' | 'SYSTEM'; actorDepartmentId: string | null; actorAgencyId: string | null; changes: { field: string; from: unknown; to: unknown }[] }
export interface DemoData { agencies: AgencyRow[]; departments: DepartmentRow[]; works: WorkRow[]; workDistricts: WorkDistrictRow[]; progressReports: ProgressReportRow[]; changes: WorkChangeRow[] }

export const DEMO_REFERENCE_DATE = '2026-11-01';
export const MUNICIPALITY_NAME = 'Municipalidad Provincial de Huancayo';

const WORKS_PER_SCALE = 640;
/** Invierte.pe names often end with the province and department. */
const LONG_SUFFIX = ' - provincia de Huancayo - departamento de Junín';

// ---------------------------------------------------------------------------------------------
// Departments (gerencias) of the municipality. Officials are invented.
// ---------------------------------------------------------------------------------------------

type DeptCode = DemoDepartmentCode;

const OFFICIALS: readonly { code: DeptCode; officialName: string; officialTitle: string }[] = [
  { code: 'GM', officialName: 'Mg. Julio César Rojas Paucar', officialTitle: 'Gerente Municipal' },
  { code: 'GOP', officialName: 'Ing. Rosa Quispe Huamán', officialTitle: 'Gerente de Obras Públicas' },
  { code: 'GDU', officialName: 'Arq. Miguel Ángel Cóndor Villanueva', officialTitle: 'Gerente de Desarrollo Urbano' },
  { code: 'GSP', officialName: 'Lic. Carmen Huaroc Palomino', officialTitle: 'Gerente de Servicios Públicos' },
  { code: 'GDS', officialName: 'Lic. Edith Mayta Sánchez', officialTitle: 'Gerente de Desarrollo Social' },
  { code: 'GDE', officialName: 'Econ. Walter Ccanto Meza', officialTitle: 'Gerente de Desarrollo Económico y Turismo' },
  { code: 'GTT', officialName: 'Ing. Raúl Espinoza Yupanqui', officialTitle: 'Gerente de Tránsito y Transporte' },
  { code: 'GGA', officialName: 'Ing. Flor de María Tovar Inga', officialTitle: 'Gerente de Gestión Ambiental' },
  { code: 'GSC', officialName: 'Lic. Óscar Ventura Lazo', officialTitle: 'Gerente de Seguridad Ciudadana' },
  { code: 'GPP', officialName: 'Econ. Liliana Orihuela Camarena', officialTitle: 'Gerente de Planeamiento y Presupuesto' },
  { code: 'GAF', officialName: 'CPC Héctor Zárate Baquerizo', officialTitle: 'Gerente de Administración y Finanzas' },
  { code: 'GAT', officialName: 'CPC Norma Poma Salazar', officialTitle: 'Gerente de Administración Tributaria' },
  { code: 'GPC', officialName: 'Soc. Yolanda Cárdenas Ñahui', officialTitle: 'Gerente de Participación Ciudadana y Articulación Territorial' },
  { code: 'GAJ', officialName: 'Abog. Fernando Porras Aliaga', officialTitle: 'Gerente de Asesoría Jurídica' },
];

const DEPARTMENTS = OFFICIALS.map((d) => ({ ...d, name: DEMO_DEPARTMENTS[d.code] }));
const DEPARTMENT_NAMES = new Map(DEPARTMENTS.map((d) => [d.code, d.name]));

// ---------------------------------------------------------------------------------------------
// Agencies that act in the province (GN, GR, GL, private).
// ---------------------------------------------------------------------------------------------

type SectorWeights = Partial<Record<Sector, number>>;
type KindWeights = readonly (readonly [WorkKind, number])[];

interface AgencyDef {
  name: string;
  acronym: string | null;
  level: AgencyRow['level'];
  ubigeo: string | null;
  website: string | null;
  /** Prefix of the agency's own code for a work (externalId); null for the municipality. */
  externalPrefix: string | null;
  /** Which sectors the agency works in, with weights (ignored for the municipality). */
  sectors: SectorWeights;
  /** Only in districts of this area (rural programmes, urban programmes). */
  onlyArea?: 'URBAN' | 'RURAL';
  kinds: KindWeights | null;
  /** Probability that a started WORK/PROJECT is executed by contract (administración indirecta). */
  contractP: number;
}

const K = WorkKind;
const S = Sector;

const INVESTOR_KINDS: KindWeights = [[K.WORK, 40], [K.PROJECT, 48], [K.ACTIVITY, 10], [K.ACTION, 2]];
const ALL_LOCAL_SECTORS: SectorWeights = {
  [S.TRANSPORT]: 8, [S.SANITATION]: 6, [S.EDUCATION]: 3, [S.HEALTH]: 2, [S.AGRICULTURE]: 4, [S.HOUSING_AND_URBAN_DEVELOPMENT]: 5,
  [S.ENVIRONMENT]: 3, [S.CULTURE_AND_SPORTS]: 3, [S.SOCIAL_PROTECTION]: 3, [S.PUBLIC_ORDER_AND_SECURITY]: 3, [S.ENERGY]: 2,
  [S.TOURISM]: 2, [S.TRADE]: 2, [S.PLANNING_AND_MANAGEMENT]: 1,
};

const AGENCIES: readonly AgencyDef[] = [
  { name: MUNICIPALITY_NAME, acronym: 'MPH', level: 'LOCAL', ubigeo: '120101', website: 'https://www.munihuancayo.gob.pe', externalPrefix: null, sectors: {}, kinds: null, contractP: 0.7 },
  // Gobierno nacional (GN)
  { name: 'Provías Descentralizado - Ministerio de Transportes y Comunicaciones', acronym: 'PVD', level: 'NATIONAL', ubigeo: null, website: null, externalPrefix: 'PD', sectors: { [S.TRANSPORT]: 10 }, kinds: [[K.WORK, 45], [K.PROJECT, 35], [K.ACTIVITY, 20]], contractP: 0.85 },
  { name: 'Provías Nacional - Ministerio de Transportes y Comunicaciones', acronym: 'PVN', level: 'NATIONAL', ubigeo: null, website: null, externalPrefix: 'PVN', sectors: { [S.TRANSPORT]: 3 }, kinds: [[K.WORK, 40], [K.PROJECT, 45], [K.ACTIVITY, 15]], contractP: 0.95 },
  { name: 'Programa Nacional de Infraestructura Educativa', acronym: 'PRONIED', level: 'NATIONAL', ubigeo: null, website: 'https://www.gob.pe/pronied', externalPrefix: 'PRONIED', sectors: { [S.EDUCATION]: 8 }, kinds: INVESTOR_KINDS, contractP: 0.9 },
  { name: 'Programa Nacional de Saneamiento Rural', acronym: 'PNSR', level: 'NATIONAL', ubigeo: null, website: 'https://www.gob.pe/pnsr', externalPrefix: 'PNSR', sectors: { [S.SANITATION]: 8 }, onlyArea: 'RURAL', kinds: INVESTOR_KINDS, contractP: 0.8 },
  { name: 'Programa Nacional de Saneamiento Urbano', acronym: 'PNSU', level: 'NATIONAL', ubigeo: null, website: 'https://www.gob.pe/pnsu', externalPrefix: 'PNSU', sectors: { [S.SANITATION]: 6 }, onlyArea: 'URBAN', kinds: INVESTOR_KINDS, contractP: 0.9 },
  { name: 'Fondo de Cooperación para el Desarrollo Social', acronym: 'FONCODES', level: 'NATIONAL', ubigeo: null, website: 'https://www.gob.pe/foncodes', externalPrefix: 'FON', sectors: { [S.SANITATION]: 2, [S.AGRICULTURE]: 3, [S.SOCIAL_PROTECTION]: 4 }, onlyArea: 'RURAL', kinds: [[K.WORK, 60], [K.PROJECT, 20], [K.ACTIVITY, 15], [K.ACTION, 5]], contractP: 0.1 },
  { name: 'Programa Nacional de Inversiones en Salud - Ministerio de Salud', acronym: 'PRONIS', level: 'NATIONAL', ubigeo: null, website: null, externalPrefix: 'PRONIS', sectors: { [S.HEALTH]: 6 }, kinds: [[K.WORK, 30], [K.PROJECT, 70]], contractP: 0.95 },
  { name: 'Ministerio de Vivienda, Construcción y Saneamiento', acronym: 'MVCS', level: 'NATIONAL', ubigeo: null, website: 'https://www.gob.pe/vivienda', externalPrefix: 'MVCS', sectors: { [S.HOUSING_AND_URBAN_DEVELOPMENT]: 6, [S.SANITATION]: 2 }, kinds: INVESTOR_KINDS, contractP: 0.85 },
  { name: 'Programa de Desarrollo Productivo Agrario Rural', acronym: 'AGRO RURAL', level: 'NATIONAL', ubigeo: null, website: 'https://www.gob.pe/agrorural', externalPrefix: 'AGR', sectors: { [S.AGRICULTURE]: 8, [S.ENVIRONMENT]: 2 }, onlyArea: 'RURAL', kinds: [[K.WORK, 45], [K.PROJECT, 30], [K.ACTIVITY, 20], [K.ACTION, 5]], contractP: 0.5 },
  { name: 'Dirección General de Electrificación Rural - Ministerio de Energía y Minas', acronym: 'DGER', level: 'NATIONAL', ubigeo: null, website: null, externalPrefix: 'DGER', sectors: { [S.ENERGY]: 6 }, onlyArea: 'RURAL', kinds: [[K.WORK, 30], [K.PROJECT, 70]], contractP: 0.95 },
  // Gobierno regional (GR)
  { name: 'Gobierno Regional de Junín', acronym: 'GRJ', level: 'REGIONAL', ubigeo: null, website: 'https://www.gob.pe/regionjunin', externalPrefix: 'GRJ',
    sectors: { [S.TRANSPORT]: 4, [S.SANITATION]: 3, [S.EDUCATION]: 4, [S.HEALTH]: 5, [S.AGRICULTURE]: 3, [S.ENVIRONMENT]: 2, [S.CULTURE_AND_SPORTS]: 2, [S.TOURISM]: 2, [S.ENERGY]: 2, [S.SOCIAL_PROTECTION]: 1, [S.PUBLIC_ORDER_AND_SECURITY]: 1 },
    kinds: INVESTOR_KINDS, contractP: 0.8 },
  { name: 'Dirección Regional de Transportes y Comunicaciones Junín', acronym: 'DRTC Junín', level: 'REGIONAL', ubigeo: null, website: null, externalPrefix: 'DRTC', sectors: { [S.TRANSPORT]: 5 }, kinds: [[K.WORK, 40], [K.PROJECT, 20], [K.ACTIVITY, 35], [K.ACTION, 5]], contractP: 0.5 },
  { name: 'Dirección Regional de Agricultura Junín', acronym: 'DRA Junín', level: 'REGIONAL', ubigeo: null, website: null, externalPrefix: 'DRA', sectors: { [S.AGRICULTURE]: 5 }, kinds: [[K.WORK, 30], [K.PROJECT, 25], [K.ACTIVITY, 35], [K.ACTION, 10]], contractP: 0.5 },
  // Gobierno local (GL): district municipalities, working in their own district
  { name: 'Municipalidad Distrital de El Tambo', acronym: 'MDET', level: 'LOCAL', ubigeo: '120114', website: null, externalPrefix: 'MDET', sectors: ALL_LOCAL_SECTORS, kinds: null, contractP: 0.65 },
  { name: 'Municipalidad Distrital de Chilca', acronym: 'MDCH', level: 'LOCAL', ubigeo: '120107', website: null, externalPrefix: 'MDCH', sectors: ALL_LOCAL_SECTORS, kinds: null, contractP: 0.6 },
  { name: 'Municipalidad Distrital de Pilcomayo', acronym: 'MDP', level: 'LOCAL', ubigeo: '120125', website: null, externalPrefix: 'MDP', sectors: ALL_LOCAL_SECTORS, kinds: null, contractP: 0.5 },
  { name: 'Municipalidad Distrital de Sapallanga', acronym: 'MDS', level: 'LOCAL', ubigeo: '120133', website: null, externalPrefix: 'MDS', sectors: ALL_LOCAL_SECTORS, kinds: null, contractP: 0.5 },
  { name: 'Municipalidad Distrital de San Agustín de Cajas', acronym: 'MDSAC', level: 'LOCAL', ubigeo: '120129', website: null, externalPrefix: 'MDSAC', sectors: ALL_LOCAL_SECTORS, kinds: null, contractP: 0.5 },
  { name: 'Municipalidad Distrital de Pariahuanca', acronym: 'MDPH', level: 'LOCAL', ubigeo: '120124', website: null, externalPrefix: 'MDPH', sectors: ALL_LOCAL_SECTORS, kinds: null, contractP: 0.4 },
  // Private (invented): Obras por Impuestos and an NGO
  { name: 'Cementos Andinos del Mantaro S.A.A.', acronym: 'CAM', level: 'PRIVATE', ubigeo: null, website: null, externalPrefix: 'OXI', sectors: { [S.EDUCATION]: 1, [S.SANITATION]: 1, [S.TRANSPORT]: 1, [S.HEALTH]: 1 }, kinds: [[K.PROJECT, 80], [K.WORK, 20]], contractP: 1 },
  { name: 'Asociación Civil Sembrando Futuro Mantaro', acronym: null, level: 'PRIVATE', ubigeo: null, website: null, externalPrefix: 'ASF', sectors: { [S.SOCIAL_PROTECTION]: 2, [S.AGRICULTURE]: 1, [S.SANITATION]: 1, [S.ENVIRONMENT]: 1 }, onlyArea: 'RURAL', kinds: [[K.ACTIVITY, 55], [K.ACTION, 30], [K.WORK, 15]], contractP: 0 },
];

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

const ANEXOS = [
  'Santa Rosa', 'San José', 'San Antonio', 'Vista Alegre', 'Pampa Verde', 'Buenos Aires', 'Nueva Esperanza', 'Miraflores', 'Huayllapampa',
  'Pucapampa', 'Chaupimarca', 'Yanacancha', 'Rumichaca', 'Cochapampa', 'Quishuar', 'Tambopampa', 'Ñahuinpuquio', 'Patala', 'Acopampa',
  'Cullpa Alta', 'Uñas', 'Chamisería', 'Vilcacoto', 'Acopalca', 'Azapampa', 'Huamancaca', 'Callqui', 'Cocharcas', 'Llamapsillón',
  'Chalhuas', 'Antacocha', 'Huaylacancha', 'Hatun Pampa', 'Ccasapata', 'Marcavalle', 'Huancapata', 'Occoro', 'Putaccasa', 'Tinyari',
  'Chucupata', 'Pachachaca', 'Lacsapampa', 'Condorsinja', 'Huacrapampa', 'Ucushpata', 'Jatunhuasi', 'Rangra', 'Pumapuquio',
] as const;
const BARRIOS = [
  'Los Andes', 'San Carlos', 'La Esperanza', 'Ocopilla', 'Cajas Chico', 'Pio Pata', 'Umuto', 'Aza', 'La Ribera', 'Huamanmarca',
  'Los Pinos', 'Santa Isabel', 'Palián', 'Saños Chico', 'Justicia Paz y Vida', 'Señor de los Milagros', 'Las Lomas', 'Villa Hermosa',
  'El Porvenir', 'Los Jardines', 'San Juan Bautista', 'Virgen de Fátima', 'Santa Bárbara', 'Las Colinas', 'Alto Progreso', 'Los Libertadores',
  'Primavera', 'Los Rosales', 'San Fernando', 'Nuevo Amanecer',
] as const;
const STREET_NAMES = [
  'Huancavelica', 'Ferrocarril', 'Giráldez', 'Ica', 'Cusco', 'Puno', 'Real', 'Mariscal Castilla', 'Ancash', 'Lima', 'Arequipa', 'Loreto',
  'Amazonas', 'Leoncio Prado', 'Junín', 'Moquegua', 'San Carlos', 'Trujillo', 'Huánuco', 'Tacna', 'Piura', 'Atahualpa', 'Manco Cápac',
  'Julio C. Tello', '9 de Diciembre', 'Francisco Solano', '28 de Julio', 'Los Próceres', 'Túpac Amaru', 'Alfonso Ugarte', 'Libertad',
  'Progreso', 'Los Sauces', 'Los Álamos', 'Los Eucaliptos', 'Las Retamas', 'Independencia', 'Huayna Cápac', 'Pachitea', 'José Olaya',
  'Grau', 'Bolognesi', 'San Martín', 'Ayacucho', 'Tarapacá', 'Pasco', 'Cajamarca', 'Ucayali', 'Santa Rosa', 'Las Américas',
] as const;
const RIVERS = ['Mantaro', 'Shullcas', 'Cunas', 'Chanchas', 'Pariahuanca', 'Alauyo'] as const;
const IE_NAMES = [
  'José Carlos Mariátegui', 'Santa Isabel', 'Mariscal Castilla', 'Andrés Avelino Cáceres', 'José María Arguedas', 'César Vallejo',
  'Micaela Bastidas', 'Túpac Amaru', 'Francisco Bolognesi', 'Ricardo Palma', 'Inca Garcilaso de la Vega', 'Santa Rosa de Lima',
  'Nuestra Señora de Cocharcas', 'Javier Heraud', 'Virgen del Carmen', 'Jorge Basadre', 'María Parado de Bellido', 'Simón Bolívar',
] as const;
const PRODUCTS = ['papa nativa', 'quinua', 'maíz amiláceo', 'habas', 'trucha', 'cuyes', 'leche fresca', 'alcachofa', 'maca', 'arveja'] as const;
const DANCES = ['Huaylarsh', 'Tunantada', 'Chonguinada', 'Santiago', 'Huaconada'] as const;
const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'setiembre', 'octubre', 'noviembre', 'diciembre'] as const;
const SUSPENSION_REASONS = [
  'Paralizada por falta de liquidez del contratista',
  'Paralizada por conflicto social con la comunidad',
  'Paralizada por adicional de obra en trámite',
  'Paralizada por lluvias intensas',
  'Paralizada por deficiencias en el expediente técnico',
  'Paralizada por controversia contractual sometida a arbitraje',
  'Paralizada por falta de disponibilidad presupuestal',
  'Paralizada por falta de libre disponibilidad del terreno',
  'Paralizada por resolución del contrato de obra',
  'Paralizada por ampliación de plazo en evaluación de la entidad',
] as const;

// ---------------------------------------------------------------------------------------------
// Titles (Invierte.pe naming) per sector and kind
// ---------------------------------------------------------------------------------------------

interface TitleCtx {
  r: Random;
  /** First district's name. */
  d: string;
  /** All districts' names. */
  ds: string[];
  rural: boolean;
  year: number;
  month: string;
}
interface Template {
  f: (c: TitleCtx) => string;
  dept?: DeptCode;
  /** What the intervention comprises (description); defaults to the sector's. */
  desc?: string;
  /** Spans several districts (needs ds.length > 1); otherwise single-district. */
  multi?: boolean;
  only?: 'URBAN' | 'RURAL';
}
interface SectorTemplates {
  investment: Template[];
  activity: Template[];
  action: Template[];
  /** Default departments of municipal works of this sector. */
  dept: { investment: DeptCode; other: DeptCode };
}

const pickOf = <T>(r: Random, items: readonly T[]) => r.pick(items);
const street = (c: TitleCtx) => {
  const n = pickOf(c.r, STREET_NAMES);
  return c.r.weighted([[`el Jr. ${n}`, 55], [`la Av. ${n}`, 25], [`la calle ${n}`, 10], [`el Psje. ${n}`, 10]] as const);
};
const cuadras = (c: TitleCtx) => {
  const a = c.r.int(1, 14);
  return `cuadras ${a} a ${a + c.r.int(1, 6)}`;
};
const anexo = (c: TitleCtx) => `${c.r.weighted([['anexo', 60], ['centro poblado', 25], ['caserío', 15]] as const)} ${pickOf(c.r, ANEXOS)}`;
const barrio = (c: TitleCtx) => `${c.r.weighted([['barrio', 60], ['asentamiento humano', 20], ['sector', 20]] as const)} ${pickOf(c.r, BARRIOS)}`;
/** A place within the district: mostly barrios in urban districts, anexos in rural ones. */
const place = (c: TitleCtx) => (c.r.chance(c.rural ? 0.88 : 0.3) ? anexo(c) : barrio(c));
const twoAnexos = (c: TitleCtx) => {
  const a = pickOf(c.r, ANEXOS);
  let b = pickOf(c.r, ANEXOS);
  if (b === a) b = ANEXOS[(ANEXOS.indexOf(a) + 7) % ANEXOS.length]!;
  return `${a} – ${b}`;
};
const vecinal = (c: TitleCtx) => `JU-${c.r.int(500, 1999)}`;
const list = (ds: string[]) => (ds.length === 1 ? ds[0]! : `${ds.slice(0, -1).join(', ')} y ${ds.at(-1)}`);
const ie = (c: TitleCtx) => c.r.int(30001, 31999);
const iei = (c: TitleCtx) => c.r.int(100, 1699);
const river = (c: TitleCtx) => pickOf(c.r, RIVERS);

const TEMPLATES: Record<Sector, SectorTemplates> = {
  [S.TRANSPORT]: {
    dept: { investment: 'GOP', other: 'GOP' },
    investment: [
      { only: 'URBAN', f: (c) => `Mejoramiento del servicio de transitabilidad vehicular y peatonal en ${street(c)} ${cuadras(c)} del distrito de ${c.d}` },
      { only: 'URBAN', f: (c) => `Mejoramiento del servicio de transitabilidad vehicular y peatonal en las calles del ${barrio(c)} del distrito de ${c.d}` },
      { only: 'URBAN', f: (c) => `Creación del servicio de transitabilidad peatonal en ${street(c)} ${cuadras(c)} del distrito de ${c.d}` },
      { only: 'URBAN', f: (c) => `Recuperación del servicio de transitabilidad vehicular en ${street(c)} ${cuadras(c)} del distrito de ${c.d}` },
      { f: (c) => `Mejoramiento del servicio de transitabilidad vehicular en el camino vecinal ${vecinal(c)} tramo ${twoAnexos(c)} del distrito de ${c.d}` },
      { only: 'RURAL', f: (c) => `Creación del servicio de transitabilidad vehicular en la trocha carrozable ${twoAnexos(c)} del distrito de ${c.d}` },
      { f: (c) => `Creación del puente vehicular ${pickOf(c.r, ANEXOS)} sobre el río ${river(c)} en el ${anexo(c)} del distrito de ${c.d}` },
      { only: 'RURAL', f: (c) => `Mejoramiento del servicio de transitabilidad vehicular y peatonal en las calles del ${anexo(c)} del distrito de ${c.d}` },
      { multi: true, f: (c) => `Mejoramiento del servicio de transitabilidad vehicular en el camino vecinal ${vecinal(c)} tramo ${c.ds.join(' – ')} de los distritos de ${list(c.ds)}` },
      { multi: true, f: (c) => `Mejoramiento de la carretera departamental JU-${c.r.int(100, 130)} tramo ${c.ds[0]} – ${c.ds.at(-1)}, ${pickOf(c.r, ['sector', 'subtramo'] as const)} ${pickOf(c.r, ANEXOS)}` },
      { multi: true, f: (c) => `Creación del puente vehicular interdistrital ${pickOf(c.r, ANEXOS)} sobre el río ${river(c)} entre los distritos de ${list(c.ds)}` },
    ],
    activity: [
      { f: (c) => `Mantenimiento periódico del camino vecinal ${vecinal(c)} tramo ${twoAnexos(c)} del distrito de ${c.d} ${c.year}` },
      { only: 'URBAN', f: (c) => `Mantenimiento rutinario de vías urbanas del ${barrio(c)} del distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende pintado de marcas en el pavimento, instalación de señales verticales y reductores de velocidad.', only: 'URBAN', dept: 'GTT', f: (c) => `Señalización horizontal y vertical en ${street(c)} ${cuadras(c)} del distrito de ${c.d} ${c.year}` },
      { f: (c) => `Mantenimiento de puentes peatonales sobre el río ${river(c)} en el ${place(c)} del distrito de ${c.d} ${c.year}` },
      { multi: true, f: (c) => `Mantenimiento rutinario del camino vecinal ${vecinal(c)} tramo ${c.ds.join(' – ')} ${c.year}` },
    ],
    action: [
      { desc: 'Comprende corte, retiro del material dañado y reposición de carpeta asfáltica en frío.', only: 'URBAN', f: (c) => `Bacheo de emergencia en ${street(c)} ${cuadras(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
      { desc: 'Comprende controles conjuntos con la PNP, fiscalización de rutas y retiro de vehículos mal estacionados.', only: 'URBAN', dept: 'GTT', f: (c) => `Operativo de ordenamiento del transporte urbano en ${street(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
      { desc: 'Comprende maquinaria pesada, eliminación de material y rehabilitación del tránsito.', f: (c) => `Limpieza de derrumbes en el camino vecinal ${vecinal(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
      { desc: 'Comprende charlas, simulaciones de cruce seguro y entrega de material informativo.', dept: 'GTT', f: (c) => `Jornada de educación vial en instituciones educativas del ${place(c)}, distrito de ${c.d} (${c.month} ${c.year})` },
    ],
  },
  [S.SANITATION]: {
    dept: { investment: 'GOP', other: 'GSP' },
    investment: [
      { only: 'RURAL', f: (c) => `Creación del servicio de agua potable y saneamiento rural en el ${anexo(c)} del distrito de ${c.d}` },
      { only: 'RURAL', f: (c) => `Mejoramiento y ampliación del servicio de agua potable y saneamiento rural en el ${anexo(c)} del distrito de ${c.d}` },
      { only: 'URBAN', f: (c) => `Mejoramiento y ampliación del servicio de agua potable y alcantarillado sanitario en el ${barrio(c)} del distrito de ${c.d}` },
      { only: 'URBAN', f: (c) => `Ampliación del servicio de alcantarillado sanitario en ${street(c)} ${cuadras(c)} del distrito de ${c.d}` },
      { only: 'URBAN', f: (c) => `Creación del servicio de drenaje pluvial en ${street(c)} ${cuadras(c)} del distrito de ${c.d}` },
      { f: (c) => `Recuperación del servicio de agua potable en el ${place(c)} del distrito de ${c.d}` },
      { f: (c) => `Creación del servicio de tratamiento de aguas residuales en el ${place(c)} del distrito de ${c.d}` },
      { multi: true, f: (c) => `Mejoramiento y ampliación del servicio de agua potable desde la captación ${pickOf(c.r, ANEXOS)} en los distritos de ${list(c.ds)}` },
    ],
    activity: [
      { only: 'RURAL', f: (c) => `Mantenimiento de sistemas de agua potable rural en el ${anexo(c)} del distrito de ${c.d} ${c.year}` },
      { only: 'URBAN', f: (c) => `Limpieza y mantenimiento del alcantarillado en el ${barrio(c)} del distrito de ${c.d} ${c.year}` },
      { f: (c) => `Cloración y vigilancia de la calidad del agua en el ${place(c)} del distrito de ${c.d} ${c.year}` },
    ],
    action: [
      { desc: 'Comprende equipo hidrojet, limpieza de buzones y eliminación de residuos.', only: 'URBAN', f: (c) => `Desatoro de redes de alcantarillado en ${street(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
      { desc: 'Comprende distribución de agua apta para consumo humano en puntos de abastecimiento temporales.', f: (c) => `Abastecimiento de agua con camión cisterna en el ${place(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
    ],
  },
  [S.EDUCATION]: {
    dept: { investment: 'GOP', other: 'GDS' },
    investment: [
      { f: (c) => `Mejoramiento del servicio educativo del nivel primario en la I.E. N.° ${ie(c)} del ${place(c)}, distrito de ${c.d}` },
      { f: (c) => `Mejoramiento y ampliación del servicio educativo del nivel inicial en la I.E.I. N.° ${iei(c)} del ${place(c)}, distrito de ${c.d}` },
      { f: (c) => `Recuperación del servicio educativo en la I.E. ${pickOf(c.r, IE_NAMES)} del ${place(c)}, distrito de ${c.d}` },
      { f: (c) => `Creación del servicio educativo del nivel secundario en el ${place(c)} del distrito de ${c.d}` },
      { f: (c) => `Mejoramiento del servicio educativo del nivel secundario en la I.E. ${pickOf(c.r, IE_NAMES)} del ${place(c)}, distrito de ${c.d}` },
    ],
    activity: [
      { desc: 'Comprende mantenimiento de aulas, servicios higiénicos y mobiliario.', dept: 'GOP', f: (c) => `Mantenimiento preventivo del local escolar de la I.E. N.° ${ie(c)} del distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende materiales educativos, facilitadores y seguimiento a estudiantes.', f: (c) => `Programa de reforzamiento escolar en comprensión lectora y matemática en el ${place(c)}, distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende módulo de libros, facilitadores y actividades de animación a la lectura.', f: (c) => `Biblioteca itinerante en el ${place(c)} del distrito de ${c.d} ${c.year}` },
    ],
    action: [
      { desc: 'Comprende kits de útiles escolares y material didáctico para las aulas.', f: (c) => `Entrega de material educativo a la I.E.I. N.° ${iei(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
      { desc: 'Comprende difusión, orientación a padres de familia y coordinación con la UGEL.', f: (c) => `Campaña de matrícula oportuna en el ${place(c)}, distrito de ${c.d} (${c.month} ${c.year})` },
    ],
  },
  [S.HEALTH]: {
    dept: { investment: 'GOP', other: 'GDS' },
    investment: [
      { f: (c) => `Mejoramiento de los servicios de salud del puesto de salud ${pickOf(c.r, ANEXOS)} del distrito de ${c.d}` },
      { f: (c) => `Mejoramiento y ampliación de los servicios de salud del centro de salud ${pickOf(c.r, ANEXOS)} del distrito de ${c.d}` },
      { f: (c) => `Creación de los servicios de salud del primer nivel de atención en el ${place(c)} del distrito de ${c.d}` },
      { f: (c) => `Recuperación de los servicios de salud del establecimiento de salud ${pickOf(c.r, ANEXOS)} del distrito de ${c.d}` },
    ],
    activity: [
      { f: (c) => `Campaña de salud integral en el ${place(c)} del distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende puestos de vacunación, brigadas casa por casa y difusión.', f: (c) => `Campaña de vacunación antirrábica canina en el ${place(c)} del distrito de ${c.d} ${c.year}` },
      { f: (c) => `Campaña de lucha contra la anemia infantil en el ${place(c)} del distrito de ${c.d} ${c.year}` },
    ],
    action: [
      { desc: 'Comprende fumigación, desinfección y control de vectores en espacios de uso público.', dept: 'GSP', f: (c) => `Fumigación y desinfección de espacios públicos del ${place(c)}, distrito de ${c.d} (${c.month} ${c.year})` },
      { desc: 'Comprende tamizajes, consejería nutricional y vacunación.', f: (c) => `Feria de salud preventiva en el ${place(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
    ],
  },
  [S.AGRICULTURE]: {
    dept: { investment: 'GOP', other: 'GDE' },
    investment: [
      { f: (c) => `Mejoramiento del servicio de agua para riego en el canal ${pickOf(c.r, ANEXOS)} del ${place(c)}, distrito de ${c.d}` },
      { f: (c) => `Creación del servicio de agua para riego tecnificado por aspersión en el ${anexo(c)} del distrito de ${c.d}` },
      { only: 'RURAL', f: (c) => `Creación del servicio de agua para riego mediante el reservorio ${pickOf(c.r, ANEXOS)} en el ${anexo(c)} del distrito de ${c.d}` },
      { dept: 'GDE', f: (c) => `Mejoramiento de la cadena productiva de ${pickOf(c.r, PRODUCTS)} en el ${anexo(c)} del distrito de ${c.d}` },
      { multi: true, f: (c) => `Mejoramiento del servicio de agua para riego del canal ${pickOf(c.r, ANEXOS)} en los distritos de ${list(c.ds)}` },
    ],
    activity: [
      { desc: 'Comprende dosificación, vacunación y desparasitación de ganado.', f: (c) => `Campaña de sanidad animal en el ${anexo(c)} del distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende limpieza de canales, reparación de compuertas y faenas comunales.', f: (c) => `Mantenimiento del canal de riego ${pickOf(c.r, ANEXOS)} del distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende asistencia técnica, insumos y capacitación a productores.', f: (c) => `Asistencia técnica a productores de ${pickOf(c.r, PRODUCTS)} del ${anexo(c)}, distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende limpieza de canales, reparación de compuertas y faenas comunales.', multi: true, f: (c) => `Mantenimiento del canal de riego interdistrital ${pickOf(c.r, ANEXOS)} (${c.ds.join(' – ')}) ${c.year}` },
    ],
    action: [
      { desc: 'Comprende semilla certificada, capacitación en siembra y seguimiento.', f: (c) => `Entrega de semilla de ${pickOf(c.r, PRODUCTS)} a productores del ${anexo(c)}, distrito de ${c.d} (${c.month} ${c.year})` },
      { desc: 'Comprende cobertizos con estructura metálica y cobertura, y capacitación en su manejo.', only: 'RURAL', f: (c) => `Instalación de cobertizos ante heladas en el ${anexo(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
    ],
  },
  [S.HOUSING_AND_URBAN_DEVELOPMENT]: {
    dept: { investment: 'GOP', other: 'GDU' },
    investment: [
      { f: (c) => `Creación del servicio de recreación pública en el parque ${pickOf(c.r, BARRIOS)} del ${place(c)}, distrito de ${c.d}` },
      { f: (c) => `Mejoramiento del espacio público de la plaza principal del ${place(c)} del distrito de ${c.d}` },
      { dept: 'GDU', f: (c) => `Mejoramiento de los espacios públicos y áreas verdes del ${barrio(c)} del distrito de ${c.d}` },
      { f: (c) => `Creación de la alameda ${pickOf(c.r, STREET_NAMES)} del ${place(c)}, distrito de ${c.d}` },
    ],
    activity: [
      { f: (c) => `Actualización del catastro urbano del ${place(c)}, distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende levantamiento topográfico, expedientes de inscripción y trámite registral.', f: (c) => `Saneamiento físico legal de predios municipales del ${place(c)}, distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende riego, poda, sembrado de césped y reposición de plantas ornamentales.', dept: 'GSP', f: (c) => `Mantenimiento de áreas verdes del ${barrio(c)} del distrito de ${c.d} ${c.year}` },
    ],
    action: [
      { desc: 'Comprende inspecciones, notificaciones y orientación a la población.', f: (c) => `Operativo de control urbano y licencias de edificación en el ${place(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
      { desc: 'Comprende evaluación del riesgo estructural y recomendaciones técnicas a las familias.', f: (c) => `Inspección técnica de viviendas en zona de riesgo del ${place(c)}, distrito de ${c.d} (${c.month} ${c.year})` },
    ],
  },
  [S.ENVIRONMENT]: {
    dept: { investment: 'GGA', other: 'GGA' },
    investment: [
      { dept: 'GSP', f: (c) => `Mejoramiento del servicio de limpieza pública en el ${place(c)} del distrito de ${c.d}` },
      { f: (c) => `Recuperación de áreas degradadas por residuos sólidos en el ${place(c)} del distrito de ${c.d}` },
      { f: (c) => `Recuperación de los servicios ecosistémicos de regulación hídrica en la microcuenca ${pickOf(c.r, ANEXOS)} del distrito de ${c.d}` },
      { f: (c) => `Recuperación del ecosistema ribereño del río ${river(c)} en el ${place(c)}, distrito de ${c.d}` },
      { multi: true, f: (c) => `Recuperación del ecosistema ribereño del río ${river(c)} en el sector ${pickOf(c.r, ANEXOS)} de los distritos de ${list(c.ds)}` },
    ],
    activity: [
      { desc: 'Comprende plantones de especies nativas, herramientas y faenas comunales.', f: (c) => `Campaña de forestación con especies nativas en el ${place(c)} del distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende maquinaria pesada, retiro de sedimentos y reforzamiento de bordes.', f: (c) => `Limpieza y descolmatación del cauce del río ${river(c)} en el ${place(c)}, distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende sensibilización puerta a puerta, bolsas diferenciadas y recolección selectiva.', only: 'URBAN', f: (c) => `Programa de segregación en la fuente y recolección selectiva de residuos sólidos en el ${barrio(c)} del distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende personal de limpieza, maquinaria y sensibilización ambiental.', only: 'URBAN', dept: 'GSP', f: (c) => `Barrido de calles y recojo de residuos sólidos en el ${barrio(c)} del distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende maquinaria pesada, retiro de sedimentos y reforzamiento de bordes.', multi: true, f: (c) => `Limpieza y descolmatación del cauce del río ${river(c)} en los distritos de ${list(c.ds)} ${c.year}` },
    ],
    action: [
      { desc: 'Comprende recojo de residuos voluminosos y su disposición final en relleno sanitario.', dept: 'GSP', f: (c) => `Campaña de recojo de residuos voluminosos en el ${place(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
      { desc: 'Comprende equipos de monitoreo de material particulado y publicación de resultados.', only: 'URBAN', f: (c) => `Monitoreo de la calidad del aire en ${street(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
      { desc: 'Comprende voluntariado, herramientas y traslado de residuos.', f: (c) => `Jornada de limpieza de riberas del río ${river(c)} en el ${place(c)}, distrito de ${c.d} (${c.month} ${c.year})` },
    ],
  },
  [S.CULTURE_AND_SPORTS]: {
    dept: { investment: 'GOP', other: 'GDS' },
    investment: [
      { f: (c) => `Creación del servicio deportivo en la losa multiuso del ${place(c)} del distrito de ${c.d}` },
      { f: (c) => `Mejoramiento del servicio deportivo y recreativo del complejo deportivo del ${place(c)}, distrito de ${c.d}` },
      { f: (c) => `Recuperación del servicio cultural de la casa de la cultura del ${place(c)}, distrito de ${c.d}` },
      { f: (c) => `Creación del servicio de práctica deportiva en el coliseo multiusos del ${place(c)}, distrito de ${c.d}` },
    ],
    activity: [
      { desc: 'Comprende instructores, materiales e indumentaria deportiva.', f: (c) => `Escuela municipal de deportes en el ${place(c)} del distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende instructores, materiales e instrumentos.', f: (c) => `Talleres de arte y música para jóvenes en el ${place(c)} del distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende organización, premiación y difusión.', f: (c) => `Festival de danzas costumbristas del valle del Mantaro en el ${place(c)}, distrito de ${c.d} ${c.year}` },
    ],
    action: [
      { desc: 'Comprende organización, arbitraje, premiación y difusión.', f: (c) => `Campeonato deportivo interbarrios en el ${place(c)}, distrito de ${c.d} (${c.month} ${c.year})` },
      { desc: 'Comprende organización, jurado calificador, premiación y difusión.', f: (c) => `Concurso de ${pickOf(c.r, DANCES)} en el ${place(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
    ],
  },
  [S.SOCIAL_PROTECTION]: {
    dept: { investment: 'GOP', other: 'GDS' },
    investment: [
      { f: (c) => `Creación del servicio de cuidado diurno para personas adultas mayores en el ${place(c)} del distrito de ${c.d}` },
      { dept: 'GDS', f: (c) => `Mejoramiento del servicio de atención integral a la primera infancia en el ${place(c)} del distrito de ${c.d}` },
      { f: (c) => `Mejoramiento de la infraestructura del comedor popular del ${place(c)}, distrito de ${c.d}` },
    ],
    activity: [
      { f: (c) => `Supervisión de comedores populares del Programa de Complementación Alimentaria en el ${place(c)}, distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende adquisición de insumos, distribución y supervisión de comités.', f: (c) => `Programa del Vaso de Leche: distribución de raciones en el ${place(c)} del distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende talleres, materiales y coordinación con las instituciones competentes.', f: (c) => `Talleres de prevención de la violencia familiar en el ${place(c)} del distrito de ${c.d} ${c.year}` },
    ],
    action: [
      { desc: 'Comprende frazadas, casacas y kits de abrigo para niños y personas adultas mayores.', f: (c) => `Entrega de kits de abrigo ante heladas y friaje en el ${anexo(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
      { desc: 'Comprende módulos de orientación sobre Pensión 65, Juntos y la clasificación socioeconómica.', f: (c) => `Jornada de orientación sobre programas sociales en el ${place(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
    ],
  },
  [S.PUBLIC_ORDER_AND_SECURITY]: {
    dept: { investment: 'GSC', other: 'GSC' },
    investment: [
      { f: (c) => `Mejoramiento del servicio de seguridad ciudadana mediante videovigilancia en el ${place(c)} del distrito de ${c.d}` },
      { f: (c) => `Creación del servicio de seguridad ciudadana en el ${place(c)} del distrito de ${c.d}` },
      { dept: 'GOP', f: (c) => `Creación del servicio de protección ante inundaciones en la margen ${pickOf(c.r, ['derecha', 'izquierda'] as const)} del río ${river(c)}, ${place(c)}, distrito de ${c.d}` },
    ],
    activity: [
      { f: (c) => `Patrullaje integrado serenazgo – PNP en el ${place(c)} del distrito de ${c.d} ${c.year}` },
      { f: (c) => `Simulacro de sismo y capacitación en gestión del riesgo de desastres en el ${place(c)}, distrito de ${c.d} ${c.year}` },
    ],
    action: [
      { desc: 'Comprende retiro del comercio ambulatorio, limpieza y recuperación de la vía pública.', only: 'URBAN', f: (c) => `Operativo de recuperación de espacios públicos en ${street(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
      { desc: 'Comprende alarmas comunitarias, capacitación a juntas vecinales y protocolos de alerta.', f: (c) => `Instalación de alarmas vecinales en el ${place(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
    ],
  },
  [S.ENERGY]: {
    dept: { investment: 'GOP', other: 'GSP' },
    investment: [
      { only: 'RURAL', f: (c) => `Creación del servicio de energía eléctrica mediante sistema convencional en el ${anexo(c)} del distrito de ${c.d}` },
      { only: 'RURAL', f: (c) => `Creación del servicio de energía eléctrica mediante paneles solares en el ${anexo(c)} del distrito de ${c.d}` },
      { only: 'URBAN', f: (c) => `Mejoramiento del servicio de alumbrado público en ${street(c)} ${cuadras(c)} del distrito de ${c.d}` },
      { f: (c) => `Ampliación de las redes de distribución eléctrica en el ${place(c)} del distrito de ${c.d}` },
    ],
    activity: [{ f: (c) => `Mantenimiento del alumbrado público del ${place(c)}, distrito de ${c.d} ${c.year}` }],
    action: [{ desc: 'Comprende reposición de luminarias, cableado y tableros.', f: (c) => `Reposición de luminarias en el ${place(c)} del distrito de ${c.d} (${c.month} ${c.year})` }],
  },
  [S.TOURISM]: {
    dept: { investment: 'GDE', other: 'GDE' },
    investment: [
      { f: (c) => `Mejoramiento de los servicios turísticos públicos en la laguna ${pickOf(c.r, ANEXOS)} del distrito de ${c.d}` },
      { f: (c) => `Creación de los servicios turísticos públicos en el mirador ${pickOf(c.r, ANEXOS)} del distrito de ${c.d}` },
    ],
    activity: [
      { desc: 'Comprende difusión, ferias y capacitación a prestadores de servicios turísticos.', f: (c) => `Promoción turística del circuito ${pickOf(c.r, ANEXOS)} – ${c.d} ${c.year}` },
      { desc: 'Comprende organización, stands para productores y difusión.', f: (c) => `Feria gastronómica de la pachamanca en el ${place(c)}, distrito de ${c.d} ${c.year}` },
    ],
    action: [{ desc: 'Comprende paneles informativos, señales de orientación y mantenimiento.', f: (c) => `Señalización turística en el ${place(c)} del distrito de ${c.d} (${c.month} ${c.year})` }],
  },
  [S.TRADE]: {
    dept: { investment: 'GOP', other: 'GDE' },
    investment: [
      { f: (c) => `Mejoramiento del servicio de comercialización en el mercado de abastos del ${place(c)}, distrito de ${c.d}` },
      { f: (c) => `Creación del servicio de comercialización en el mercado ${pickOf(c.r, BARRIOS)} del distrito de ${c.d}` },
    ],
    activity: [
      { desc: 'Comprende organización, stands para productores y difusión.', f: (c) => `Feria agropecuaria y artesanal del ${place(c)}, distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende inspecciones sanitarias, capacitación en buenas prácticas y decomisos.', f: (c) => `Fiscalización sanitaria en mercados del distrito de ${c.d} ${c.year} (${pickOf(c.r, ['primer', 'segundo'] as const)} semestre)` },
    ],
    action: [{ desc: 'Comprende verificación de balanzas, decomisos y orientación a comerciantes.', f: (c) => `Operativo de control de pesas y medidas en el mercado del ${place(c)}, distrito de ${c.d} (${c.month} ${c.year})` }],
  },
  [S.PLANNING_AND_MANAGEMENT]: {
    dept: { investment: 'GPP', other: 'GPC' },
    investment: [
      { dept: 'GAT', f: (c) => `Mejoramiento de los servicios de orientación al contribuyente en el ${place(c)} del distrito de ${c.d}` },
      { dept: 'GAT', f: (c) => `Mejoramiento de la gestión del catastro predial del ${place(c)}, distrito de ${c.d}` },
      { f: (c) => `Mejoramiento de la capacidad de planificación territorial en el ${place(c)} del distrito de ${c.d}` },
    ],
    activity: [
      { desc: 'Comprende convocatoria, talleres de diagnóstico y priorización de proyectos.', f: (c) => `Talleres del presupuesto participativo ${c.year + 1} en el ${place(c)}, distrito de ${c.d}` },
      { desc: 'Comprende convocatoria, sesiones de diálogo y acta de acuerdos.', f: (c) => `Mesa de diálogo con organizaciones sociales del ${place(c)}, distrito de ${c.d} ${c.year}` },
      { desc: 'Comprende beneficios tributarios, módulos de atención y difusión.', dept: 'GAT', f: (c) => `Campaña de regularización tributaria en el ${place(c)}, distrito de ${c.d} ${c.year}` },
    ],
    action: [
      { desc: 'Comprende informe de gestión, espacio de preguntas de la población y difusión.', f: (c) => `Audiencia descentralizada de rendición de cuentas en el distrito de ${c.d} (${c.month} ${c.year})` },
      { desc: 'Comprende orientación, emisión de estados de cuenta y difusión.', dept: 'GAT', f: (c) => `Módulo itinerante de orientación tributaria en el ${place(c)} del distrito de ${c.d} (${c.month} ${c.year})` },
    ],
  },
};

interface Components { investment: readonly (string | { text: string; only: 'URBAN' | 'RURAL' })[]; other: readonly string[] }
const DESCRIPTIONS: Record<Sector, Components> = {
  [S.TRANSPORT]: {
    investment: [
      { only: 'URBAN', text: 'Comprende pavimento rígido, veredas, sardineles, drenaje pluvial y señalización.' },
      { only: 'URBAN', text: 'Comprende pavimento flexible, veredas, rampas de accesibilidad y señalización.' },
      { only: 'RURAL', text: 'Comprende afirmado, cunetas, alcantarillas, badenes y señalización preventiva.' },
      { only: 'RURAL', text: 'Comprende ensanche de plataforma, obras de arte, muros de contención y señalización.' },
    ],
    other: ['Comprende limpieza de cunetas, bacheo, perfilado y señalización.', 'Comprende personal, maquinaria y señalización temporal.'],
  },
  [S.SANITATION]: {
    investment: [
      'Comprende captación, línea de conducción, reservorio, redes de distribución y conexiones domiciliarias.',
      { only: 'URBAN', text: 'Comprende redes de alcantarillado, buzones y conexiones domiciliarias.' },
      { only: 'RURAL', text: 'Comprende unidades básicas de saneamiento y educación sanitaria.' },
    ],
    other: ['Comprende limpieza y desinfección de reservorios, cloración y reparación de fugas.', 'Comprende personal operativo, insumos y equipos.'],
  },
  [S.EDUCATION]: {
    investment: ['Comprende aulas, servicios higiénicos, cerco perimétrico, mobiliario y equipamiento.', 'Comprende sustitución de aulas, losa deportiva y equipamiento pedagógico.'],
    other: ['Comprende materiales educativos, facilitadores y seguimiento a estudiantes.', 'Comprende mantenimiento de aulas, servicios higiénicos y mobiliario.'],
  },
  [S.HEALTH]: {
    investment: ['Comprende consultorios, tópico, sala de partos, equipamiento biomédico y mobiliario.', 'Comprende ambientes de atención, laboratorio, farmacia y equipamiento.'],
    other: ['Comprende atención médica, tamizajes, vacunación y consejería nutricional.', 'Comprende brigadas de salud, insumos y difusión.'],
  },
  [S.AGRICULTURE]: {
    investment: ['Comprende captación, canal revestido, obras de arte y capacitación a usuarios de riego.', 'Comprende reservorio, red de distribución, hidrantes y asistencia técnica.', 'Comprende asistencia técnica, equipamiento y articulación comercial.'],
    other: ['Comprende asistencia técnica, insumos y capacitación a productores.', 'Comprende limpieza de canales, reparación de compuertas y faenas comunales.'],
  },
  [S.HOUSING_AND_URBAN_DEVELOPMENT]: {
    investment: ['Comprende áreas verdes, veredas, mobiliario urbano, iluminación y juegos infantiles.', 'Comprende losas, jardineras, iluminación ornamental y señalización.'],
    other: ['Comprende trabajo de campo, levantamiento catastral y actualización de la base gráfica.', 'Comprende inspecciones, notificaciones y orientación a la población.'],
  },
  [S.ENVIRONMENT]: {
    investment: ['Comprende contenedores, vehículos compactadores y sensibilización ambiental.', 'Comprende forestación, zanjas de infiltración y cercos de protección.', 'Comprende limpieza, reforestación ribereña y sensibilización a la población.'],
    other: ['Comprende personal de limpieza, maquinaria y sensibilización ambiental.', 'Comprende plantones de especies nativas, herramientas y faenas comunales.'],
  },
  [S.CULTURE_AND_SPORTS]: {
    investment: ['Comprende losa de concreto, graderías, cobertura y servicios higiénicos.', 'Comprende ambientes multiuso, escenario, mobiliario y equipamiento.'],
    other: ['Comprende instructores, materiales e indumentaria.', 'Comprende organización, premiación y difusión.'],
  },
  [S.SOCIAL_PROTECTION]: {
    investment: ['Comprende ambientes de atención, cocina, comedor y equipamiento.', 'Comprende ambientes de estimulación temprana, servicios higiénicos y equipamiento.'],
    other: ['Comprende supervisión, capacitación y entrega de insumos.', 'Comprende talleres, materiales y coordinación con las instituciones competentes.'],
  },
  [S.PUBLIC_ORDER_AND_SECURITY]: {
    investment: ['Comprende cámaras de videovigilancia, central de monitoreo y equipamiento.', 'Comprende módulo de serenazgo, vehículos y equipos de comunicación.'],
    other: ['Comprende patrullaje, capacitación de juntas vecinales y equipamiento.', 'Comprende capacitación, señalización de rutas de evacuación y equipamiento.'],
  },
  [S.ENERGY]: {
    investment: [{ only: 'RURAL', text: 'Comprende redes primarias, redes secundarias y conexiones domiciliarias.' }, { only: 'URBAN', text: 'Comprende postes, luminarias LED y tableros de control.' }, 'Comprende redes secundarias, acometidas y alumbrado público.'],
    other: ['Comprende reposición de luminarias, cableado y tableros.'],
  },
  [S.TOURISM]: {
    investment: ['Comprende senderos, miradores, señalética y servicios higiénicos.'],
    other: ['Comprende difusión, ferias y capacitación a prestadores de servicios turísticos.'],
  },
  [S.TRADE]: {
    investment: ['Comprende puestos de venta, cámaras frigoríficas, servicios higiénicos y sistema contra incendios.'],
    other: ['Comprende fiscalización, capacitación y ferias.'],
  },
  [S.PLANNING_AND_MANAGEMENT]: {
    investment: ['Comprende equipamiento informático, capacitación y plataformas de atención.'],
    other: ['Comprende talleres, materiales y difusión.'],
  },
};

const PROGRESS_NOTES = [
  'Obras preliminares y trazo', 'Movimiento de tierras', 'Obras de concreto simple', 'Obras de concreto armado', 'Instalación de tuberías',
  'Vaciado de losas', 'Acabados', 'Instalaciones eléctricas', 'Instalaciones sanitarias', 'Pruebas hidráulicas', 'Equipamiento',
] as const;
// Interned (reports are many at large scales).
const VALORIZATION_NOTES = Array.from({ length: 8 }, (_, k) => PROGRESS_NOTES.map((n) => `Valorización N.° ${k + 1}: ${n.toLowerCase()}.`));
const ACTIVITY_NOTES = Array.from({ length: 8 }, (_, k) => `Informe de avance N.° ${k + 1}.`);

/** Global sector weights, adjusted by area. */
function makeSectorWeights(area: 'URBAN' | 'RURAL'): readonly (readonly [Sector, number])[] {
  const rural = area === 'RURAL';
  return [
    [S.TRANSPORT, 24], [S.SANITATION, rural ? 20 : 14], [S.EDUCATION, 12], [S.HEALTH, 8], [S.AGRICULTURE, rural ? 18 : 5],
    [S.HOUSING_AND_URBAN_DEVELOPMENT, rural ? 3 : 9], [S.ENVIRONMENT, 5], [S.CULTURE_AND_SPORTS, 5], [S.SOCIAL_PROTECTION, 4],
    [S.PUBLIC_ORDER_AND_SECURITY, rural ? 1.5 : 4], [S.ENERGY, rural ? 3 : 1.5], [S.TOURISM, 1.5], [S.TRADE, rural ? 0.8 : 2], [S.PLANNING_AND_MANAGEMENT, 1],
  ];
}
const SECTOR_WEIGHTS = { URBAN: makeSectorWeights('URBAN'), RURAL: makeSectorWeights('RURAL') } as const;
const HEAVY_SECTORS = [S.TRANSPORT, S.SANITATION, S.EDUCATION, S.HEALTH, S.AGRICULTURE] as const;
const INFRA_SECTORS: ReadonlySet<Sector> = new Set([S.TRANSPORT, S.SANITATION, S.EDUCATION, S.HEALTH, S.AGRICULTURE, S.HOUSING_AND_URBAN_DEVELOPMENT, S.ENERGY, S.CULTURE_AND_SPORTS]);
const MULTI_SECTORS: ReadonlySet<Sector> = new Set([S.TRANSPORT, S.AGRICULTURE, S.SANITATION, S.ENVIRONMENT]);

// ---------------------------------------------------------------------------------------------
// Contractors (invented), with valid SUNAT RUCs
// ---------------------------------------------------------------------------------------------

/** SUNAT check digit of the first 10 digits of a RUC. */
function rucCheckDigit(first10: string): number {
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(first10[i]) * weights[i]!;
  const digit = 11 - (sum % 11);
  return digit === 10 ? 0 : digit === 11 ? 1 : digit;
}

interface Contractor { name: string; ruc: string }

function buildContractors(): Contractor[] {
  const r = createRandom('articula:works:demo:contractors');
  const roots = ['Mantaro', 'Wanka', 'Huaytapallana', 'Xauxa', 'Valle Central', 'Andes del Centro', 'Inca Roca', 'Pachacútec', 'Cáceres', 'Los Andes',
    'Sierra Central', 'Qhapaq Ñan', 'Illari', 'Kallpa', 'Ccori', 'Sumaq', 'Tayta', 'Warivilca', 'Chanchas', 'Shullcas', 'Yanacancha', 'Apu Wamani'] as const;
  const forms = [(x: string) => `Constructora ${x} S.A.C.`, (x: string) => `${x} Contratistas Generales S.A.C.`, (x: string) => `Inversiones y Construcciones ${x} S.A.C.`,
    (x: string) => `Ingeniería y Obras ${x} S.A.C.`, (x: string) => `Consorcio ${x}`, (x: string) => `Consorcio Vial ${x}`, (x: string) => `Consorcio Ejecutor ${x}`,
    (x: string) => `Corporación ${x} E.I.R.L.`] as const;
  const names = new Set<string>();
  const rucs = new Set<string>();
  const result: Contractor[] = [];
  while (result.length < 72) {
    const name = r.pick(forms)(r.pick(roots));
    if (names.has(name)) continue;
    const first10 = `20${r.int(4, 6)}${String(r.int(0, 9_999_999)).padStart(7, '0')}`;
    const ruc = `${first10}${rucCheckDigit(first10)}`;
    if (rucs.has(ruc)) continue;
    names.add(name);
    rucs.add(ruc);
    result.push({ name, ruc });
  }
  return result;
}
const CONTRACTORS = buildContractors();

// ---------------------------------------------------------------------------------------------
// Formatting helpers
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function parseDay(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new RangeError(`referenceDate must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== value) throw new RangeError(`referenceDate is not a valid date: ${value}`);
  return ms / DAY_MS;
}
const dayCache = new Map<number, string>();
function fmtDay(day: number): string {
  let s = dayCache.get(day);
  if (s === undefined) dayCache.set(day, (s = new Date(day * DAY_MS).toISOString().slice(0, 10)));
  return s;
}
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
/** ISO 8601 timestamp (UTC) of a day and a time of day in seconds (< 86400). */
const fmtTs = (day: number, seconds: number) =>
  `${fmtDay(day)}T${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}.000Z`;
const yearOf = (day: number) => new Date(day * DAY_MS).getUTCFullYear();
const monthOf = (day: number) => MONTHS[new Date(day * DAY_MS).getUTCMonth()]!;
/** Integer cents as a decimal string with exactly 2 decimals. */
const fmtCents = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const logUniform = (r: Random, min: number, max: number) => Math.exp(Math.log(min) + r.next() * (Math.log(max) - Math.log(min)));
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// Office hours in Peru (UTC−5), as seconds after 00:00 UTC.
const H = 3600;
const CREATED_SLOT = [13 * H, 16 * H - 1] as const;
const START_SLOT = [13 * H, 14 * H - 1] as const;
const REPORT_SLOT = [14 * H, 21 * H - 1] as const;
const END_SLOT = [22 * H, 23 * H - 1] as const;

// ---------------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------------

interface PlannedWork {
  index: number;
  executor: number;
  sector: Sector;
  districts: number[];
  plannedStart: number;
  plannedEnd: number;
  cui: string | null;
  title: string;
}

/** Generates the demo data. Pure and deterministic; see the module comment. */
export function generateDemoData(districts: DistrictInfo[], options: { scale?: number; referenceDate?: string } = {}): DemoData {
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`scale must be an integer >= 1, got ${scale}`);
  if (districts.length === 0) throw new RangeError('generateDemoData needs at least one district');
  const R = parseDay(options.referenceDate ?? DEMO_REFERENCE_DATE);
  /** Latest planned date: end of the year after the default reference date, relative to R. */
  const maxPlannedDay = R + 425;

  // Agencies: district municipalities only for districts we were given (FK to district).
  const ubigeos = new Set(districts.map((d) => d.ubigeo));
  const agencyDefs = AGENCIES.filter((a) => a.level !== 'LOCAL' || a.externalPrefix === null || (a.ubigeo !== null && ubigeos.has(a.ubigeo)));
  const agencies: AgencyRow[] = agencyDefs.map((a) => ({
    id: stableId('agency', a.name), name: a.name, acronym: a.acronym, level: a.level, isMunicipality: a.externalPrefix === null,
    ubigeo: a.ubigeo, website: a.website,
  }));
  const MUNI = agencyDefs.findIndex((a) => a.externalPrefix === null);
  const departments: DepartmentRow[] = DEPARTMENTS.map((d) => ({ id: stableId('department', d.code), ...d }));
  const deptId = new Map(departments.map((d) => [d.code, d.id]));
  const glByUbigeo = new Map<string, number>();
  agencyDefs.forEach((a, i) => { if (a.level === 'LOCAL' && i !== MUNI && a.ubigeo) glByUbigeo.set(a.ubigeo, i); });

  // Districts: weights ∝ sqrt(population) so rural districts get works too; nearest neighbours for multi-district works.
  const districtWeights = districts.map((d, i) => [i, Math.sqrt(Math.max(d.population, 1))] as const);
  const neighbours = districts.map((d, i) =>
    districts.map((o, j) => [j, (o.latitude - d.latitude) ** 2 + (o.longitude - d.longitude) ** 2] as const)
      .filter(([j]) => j !== i).sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, 4).map(([j]) => j));

  /** Non-municipal agencies that could execute a work of this sector in this district. */
  const candidatesCache = new Map<string, (readonly [number, number])[]>();
  const candidates = (sector: Sector, district: number) => {
    const key = `${sector}|${district}`;
    let c = candidatesCache.get(key);
    if (!c) {
      const d = districts[district]!;
      c = [];
      agencyDefs.forEach((a, i) => {
        if (i === MUNI) return;
        const w = a.sectors[sector];
        if (!w) return;
        if (a.onlyArea && a.onlyArea !== d.area) return;
        if (a.level === 'LOCAL' && a.ubigeo !== d.ubigeo) return;
        c!.push([i, a.level === 'LOCAL' ? w * 1.5 : w]);
      });
      candidatesCache.set(key, c);
    }
    return c;
  };

  const works: WorkRow[] = [];
  const workDistricts: WorkDistrictRow[] = [];
  const progressReports: ProgressReportRow[] = [];
  const changes: WorkChangeRow[] = [];
  const titles = new Set<string>();
  const externalSeq = new Map<number, number>();
  let previous: PlannedWork | null = null;
  const total = WORKS_PER_SCALE * scale;

  for (let i = 0; i < total; i++) {
    const r = createRandom(`articula:works:demo:work:${i}`);
    const id = stableId('work', String(i));
    const mod32 = i % 32;
    const mod64 = i % 64;
    const overlapAnchor = mod32 === 16;
    const overlapCounterpart: boolean = mod32 === 17 && previous !== null && previous.index === i - 1;
    const cuiAnchor = mod64 === 40;
    const cuiDuplicate: boolean = mod64 === 41 && previous !== null && previous.index === i - 1 && previous.cui !== null;
    const anchor: PlannedWork | null = overlapCounterpart || cuiDuplicate ? previous! : null;

    // --- Where, what, who ---------------------------------------------------------------------
    let firstDistrict: number;
    let sector: Sector;
    let executor: number;
    if (anchor) {
      firstDistrict = anchor.districts[0]!;
      sector = anchor.sector;
      if (anchor.executor !== MUNI) executor = MUNI;
      else {
        const c = candidates(sector, firstDistrict);
        const regional = cuiDuplicate ? c.filter(([a]) => agencyDefs[a]!.level === 'REGIONAL') : [];
        const pool = regional.length > 0 ? regional : c;
        executor = pool.length > 0 ? r.weighted(pool) : MUNI;
      }
    } else {
      firstDistrict = i % 20 === 7 ? Math.floor(i / 20) % districts.length : r.weighted(districtWeights);
      const area = districts[firstDistrict]!.area;
      sector = overlapAnchor || cuiAnchor ? r.pick(HEAVY_SECTORS) : r.weighted(SECTOR_WEIGHTS[area]);
      const c = candidates(sector, firstDistrict);
      executor = r.chance(0.5) || c.length === 0 ? MUNI : r.weighted(c);
    }
    const exec = agencyDefs[executor]!;
    const isMuni = executor === MUNI;
    const district = districts[firstDistrict]!;
    const rural = district.area === 'RURAL';

    // Kind
    let kind: WorkKind;
    if (cuiAnchor || cuiDuplicate) kind = K.PROJECT;
    else if (overlapAnchor || overlapCounterpart) kind = r.weighted([[K.WORK, 55], [K.PROJECT, 45]] as const);
    else if (exec.kinds) kind = r.weighted(exec.kinds);
    else kind = INFRA_SECTORS.has(sector)
      ? r.weighted([[K.WORK, 42], [K.PROJECT, 30], [K.ACTIVITY, 18], [K.ACTION, 10]] as const)
      : r.weighted([[K.WORK, 12], [K.PROJECT, 18], [K.ACTIVITY, 42], [K.ACTION, 28]] as const);
    const investment = kind === K.WORK || kind === K.PROJECT;
    const st = TEMPLATES[sector];
    const kindTemplates = kind === K.ACTION ? st.action : kind === K.ACTIVITY ? st.activity : st.investment;

    // Districts of the work
    let districtCount = 1;
    if (anchor) districtCount = anchor.districts.length;
    else if (MULTI_SECTORS.has(sector) && districts.length > 1 && kindTemplates.some((t) => t.multi)) districtCount = r.weighted([[1, 74], [2, 19], [3, 7]] as const);
    const workDistrictIdx: number[] = anchor ? [...anchor.districts] : [firstDistrict];
    if (!anchor) {
      const near = neighbours[firstDistrict]!;
      while (workDistrictIdx.length < Math.min(districtCount, near.length + 1)) {
        const n = near[r.int(0, Math.min(near.length, 3) - 1)]!;
        if (!workDistrictIdx.includes(n)) workDistrictIdx.push(n);
        else { const alt = near.find((x) => !workDistrictIdx.includes(x)); if (alt === undefined) break; workDistrictIdx.push(alt); }
      }
    }

    // Cost and planned duration
    const [minCost, kindMaxCost] = kind === K.ACTION ? [5_000, 120_000] : kind === K.ACTIVITY ? [20_000, 300_000] : kind === K.WORK ? [150_000, 15_000_000] : [500_000, 60_000_000];
    // Big investments go where people are: the ceiling shrinks with the population served.
    const population = workDistrictIdx.reduce((sum, x) => sum + districts[x]!.population, 0);
    const maxCost = investment ? Math.max(minCost * 4, kindMaxCost * clamp(Math.sqrt(population / 150_000), 0.15, 1)) : kindMaxCost;
    const cost = logUniform(r, minCost, maxCost);
    const costFrac = Math.log(cost / minCost) / Math.log(maxCost / minCost);
    let duration: number = kind === K.ACTION ? r.int(3, 45)
      : kind === K.ACTIVITY ? r.int(30, 300)
      : Math.round((kind === K.WORK ? 60 + costFrac * 420 : 120 + costFrac * 700) * (0.75 + r.next() * 0.45));

    // Planned period
    let plannedStart: number;
    if (anchor) {
      const lo = Math.max(R - 1600, anchor.plannedStart - duration + 1);
      const span = anchor.plannedEnd - anchor.plannedStart;
      const hi = Math.max(lo, cuiDuplicate ? anchor.plannedStart + 20 : anchor.plannedStart + Math.floor(span * 0.7));
      plannedStart = clamp(cuiDuplicate ? anchor.plannedStart + r.int(-20, 20) : anchor.plannedStart + r.int(-Math.floor(Math.min(duration, span) / 2), Math.floor(span * 0.7)), lo, hi);
    } else plannedStart = R + r.int(-1550, 300);
    plannedStart = Math.min(plannedStart, maxPlannedDay - 30);
    if (plannedStart + duration > maxPlannedDay) duration = Math.max(1, Math.round((maxPlannedDay - plannedStart) * (0.6 + r.next() * 0.4)));
    let plannedEnd: number = plannedStart + duration;

    // --- Status and actual dates ----------------------------------------------------------------
    let status: WorkStatus;
    let actualStart: number | null = null;
    let actualEnd: number | null = null;
    let suspendedOn: number | null = null;
    let cancelledOn: number | null = null;
    let progressCents = 0;
    const special = anchor !== null || overlapAnchor || cuiAnchor;
    const notStartedStatus = () => (investment ? r.weighted([[WorkStatus.IN_PREPARATION, 55], [WorkStatus.PLANNED, 45]] as const) : WorkStatus.PLANNED);
    if (plannedEnd < R && !special && r.chance(0.06)) {
      status = WorkStatus.CANCELLED;
    } else if (plannedStart > R) {
      status = notStartedStatus();
    } else {
      const delay = r.chance(0.7) ? r.int(0, 20) : r.int(21, 90);
      const start = plannedStart + delay;
      if (start > R - 7) status = notStartedStatus();
      else {
        actualStart = start;
        const actualDuration = Math.max(3, Math.round(duration * (investment ? 0.95 + r.next() ** 2 * 0.9 : 1 + r.next() * 0.15)));
        if (investment && R - start >= 30 && r.chance(0.11)) {
          status = WorkStatus.SUSPENDED;
          const span = Math.min(actualDuration, R - start);
          suspendedOn = start + Math.max(2, Math.floor(span * (0.2 + r.next() * 0.65)));
          progressCents = Math.round(clamp(((suspendedOn - start) / actualDuration) * 100 * (0.8 + r.next() * 0.3), 10, 80) * 100);
        } else if (start + actualDuration <= R) {
          status = WorkStatus.COMPLETED;
          actualEnd = start + actualDuration;
          progressCents = 10_000;
        } else {
          status = WorkStatus.IN_EXECUTION;
          progressCents = Math.round(clamp(((R - start) / actualDuration) * 100 * (0.75 + r.next() * 0.3), 5, 95) * 100);
        }
      }
    }
    const started = actualStart !== null;
    // Planned dates are never after R for works that are finished or cancelled.
    if ((status === WorkStatus.COMPLETED || status === WorkStatus.CANCELLED) && plannedEnd > R) plannedEnd = Math.max(plannedStart, R);

    const firstDay = Math.min(plannedStart, actualStart ?? plannedStart, R);
    const createdDay = firstDay - r.int(15, 150);
    if (status === WorkStatus.CANCELLED) cancelledOn = createdDay + 1 + r.int(0, Math.max(0, Math.min(R, plannedEnd + 60) - createdDay - 1));

    // --- Identification ---------------------------------------------------------------------------
    let cui: string | null = null;
    if (cuiDuplicate) cui = anchor!.cui;
    else if (kind === K.PROJECT || (kind === K.WORK && r.chance(0.65))) cui = String(2_200_000 + ((i * 263_591) % 500_000)); // a permutation of 0..499999: unique
    const infobrasCode = kind === K.WORK && started && r.chance(0.6) ? String(100_000 + ((i * 413_257) % 900_000)) : null;
    let externalId: string | null = null;
    if (!isMuni) {
      const seq = (externalSeq.get(executor) ?? 0) + 1;
      externalSeq.set(executor, seq);
      externalId = `${exec.externalPrefix}-${yearOf(createdDay)}-${String(seq).padStart(4, '0')}`;
    }

    // --- Title and department ---------------------------------------------------------------------
    const ds = workDistrictIdx.map((x) => districts[x]!.name);
    const ctx: TitleCtx = { r, d: district.name, ds, rural, year: yearOf(plannedStart), month: monthOf(plannedStart) };
    const fits = (t: Template, multi: boolean) => Boolean(t.multi) === multi && (!t.only || t.only === district.area);
    let templates = kindTemplates.filter((t) => fits(t, ds.length > 1));
    if (templates.length === 0) {
      // No multi-district template for this kind: keep only the first district.
      workDistrictIdx.length = 1;
      ds.length = 1;
      templates = kindTemplates.filter((t) => fits(t, false));
    }
    if (templates.length === 0) templates = kindTemplates.filter((t) => !t.multi);
    let template = r.pick(templates);
    let title: string;
    if (cuiDuplicate) {
      const partner = agencyDefs[anchor!.executor]!;
      title = `${anchor!.title.replace(LONG_SUFFIX, '')} (convenio de cofinanciamiento con ${partner.acronym ?? partner.name})`;
    } else {
      title = capitalize(template.f(ctx));
      for (let attempt = 0; attempt < 10 && titles.has(title); attempt++) {
        template = r.pick(templates);
        title = capitalize(template.f(ctx));
      }
      const long = `${title}${LONG_SUFFIX}`;
      if (kind === K.PROJECT && !titles.has(long) && r.chance(0.5)) title = long;
    }
    if (titles.has(title)) {
      // Rare (mostly at large scales): disambiguate deterministically.
      let n = 2;
      const variant = (k: number) => (investment ? `${title} - etapa ${k}` : `${title} (${k})`);
      while (titles.has(variant(n))) n++;
      title = variant(n);
    }
    titles.add(title);
    const departmentCode: DeptCode | null = isMuni ? (template.dept ?? (investment ? st.dept.investment : st.dept.other)) : null;
    const departmentId = departmentCode ? deptId.get(departmentCode)! : null;

    // --- Money, contractor, location --------------------------------------------------------------
    const costCents = Math.round(cost * 100);
    const contracted = started && (investment ? r.chance(exec.contractP) : kind === K.ACTIVITY && r.chance(0.15));
    const contractor = contracted ? r.pick(CONTRACTORS) : null;
    const contractCents = contracted ? Math.round(costCents * (0.85 + r.next() * 0.13)) : null;
    const located = r.chance(0.8);
    const latitude = located ? (district.latitude + (r.next() * 2 - 1) * 0.01).toFixed(6) : null;
    const longitude = located ? (district.longitude + (r.next() * 2 - 1) * 0.01).toFixed(6) : null;

    const served = workDistrictIdx.reduce((sum, x) => sum + districts[x]!.population, 0);
    const beneficiaries = Math.max(50, Math.round((served * (investment ? 0.05 + r.next() * 0.45 : 0.01 + r.next() * 0.2)) / 10) * 10);
    const sectorComponents = investment
      ? r.pick(DESCRIPTIONS[sector].investment.filter((x) => typeof x === 'string' || x.only === district.area).map((x) => (typeof x === 'string' ? x : x.text)))
      : r.pick(DESCRIPTIONS[sector].other);
    const components = template.desc ?? sectorComponents;
    const kindLabel = kind === K.WORK ? 'Obra' : kind === K.PROJECT ? 'Proyecto de inversión' : kind === K.ACTIVITY ? 'Actividad' : 'Acción';
    const description = `${kindLabel} a cargo de ${exec.name}${departmentCode ? ` (${DEPARTMENT_NAMES.get(departmentCode)})` : ''} en ${ds.length > 1 ? `los distritos de ${list(ds)}` : `el distrito de ${ds[0]}`}. `
      + `${components} Población beneficiaria estimada: ${beneficiaries} habitantes.`;

    // --- History: reports and changes ---------------------------------------------------------------
    const reportedBy = departmentCode ?? exec.acronym ?? agencies[executor]!.id;
    const actor = isMuni
      ? { actorKind: 'DEPARTMENT' as const, actorDepartmentId: departmentId, actorAgencyId: null }
      : { actorKind: 'AGENCY' as const, actorDepartmentId: null, actorAgencyId: agencies[executor]!.id };
    const initialStatus = status === WorkStatus.PLANNED || status === WorkStatus.IN_PREPARATION ? status
      : investment ? WorkStatus.IN_PREPARATION : WorkStatus.PLANNED;
    let changeSeq = 0;
    const createdAt = fmtTs(createdDay, r.int(CREATED_SLOT[0], CREATED_SLOT[1]));
    let updatedAt = createdAt;
    const addChange = (changedAt: string, action: WorkChangeRow['action'], list: WorkChangeRow['changes']) => {
      changes.push({ id: stableId('change', `${i}:${changeSeq++}`), workId: id, changedAt, action, ...actor, changes: list });
      updatedAt = changedAt;
    };
    addChange(createdAt, 'CREATED', [{ field: 'title', from: null, to: title }, { field: 'status', from: null, to: initialStatus }]);

    if (started) {
      addChange(fmtTs(actualStart!, r.int(START_SLOT[0], START_SLOT[1])), 'STATUS_CHANGED', [{ field: 'status', from: initialStatus, to: WorkStatus.IN_EXECUTION }]);
      const lastDay = status === WorkStatus.COMPLETED ? actualEnd! : status === WorkStatus.SUSPENDED ? suspendedOn! : R - r.int(0, Math.min(30, R - actualStart! - 3));
      const spanDays = lastDay - actualStart!;
      const count = Math.min(r.int(2, 8), spanDays);
      let prevDay = actualStart!;
      let prevCents = 0;
      for (let k = 0; k < count; k++) {
        const last = k === count - 1;
        const frac = (k + 1) / count;
        let day = last ? lastDay : actualStart! + Math.round(spanDays * clamp(frac + (r.next() - 0.5) * 0.4 / count, 0, 1));
        day = clamp(day, prevDay + (k === 0 ? 0 : 1), lastDay - (count - 1 - k));
        let cents = last ? progressCents : Math.round(progressCents * clamp(frac + (r.next() - 0.5) * 0.3 / count, 0.01, 1));
        cents = clamp(cents, prevCents + 1, progressCents - (count - 1 - k));
        const seconds = r.int(REPORT_SLOT[0], REPORT_SLOT[1]);
        const reportCreatedAt = fmtTs(day, seconds);
        const withNote = r.chance(0.8);
        const noteIndex = r.int(0, PROGRESS_NOTES.length - 1);
        let note: string | null = null;
        if (last && status === WorkStatus.COMPLETED) note = investment ? 'Obra culminada; en proceso de recepción y liquidación.' : 'Actividad culminada; informe final presentado.';
        else if (last && status === WorkStatus.SUSPENDED) note = 'Último avance registrado antes de la paralización.';
        else if (withNote) note = investment ? VALORIZATION_NOTES[k]![noteIndex]! : ACTIVITY_NOTES[k]!;
        progressReports.push({ id: stableId('progress', `${i}:${k}`), workId: id, reportedOn: fmtDay(day), physicalProgress: fmtCents(cents), note, reportedBy, createdAt: reportCreatedAt });
        addChange(reportCreatedAt, 'PROGRESS_REPORTED', [{ field: 'physicalProgress', from: fmtCents(prevCents), to: fmtCents(cents) }]);
        prevDay = day;
        prevCents = cents;
      }
    }
    const suspensionReason = status === WorkStatus.SUSPENDED ? r.pick(SUSPENSION_REASONS) : null;
    if (status === WorkStatus.SUSPENDED) {
      addChange(fmtTs(suspendedOn!, r.int(END_SLOT[0], END_SLOT[1])), 'STATUS_CHANGED', [
        { field: 'status', from: WorkStatus.IN_EXECUTION, to: WorkStatus.SUSPENDED },
        { field: 'suspensionReason', from: null, to: suspensionReason },
      ]);
    } else if (status === WorkStatus.COMPLETED) {
      addChange(fmtTs(actualEnd!, r.int(END_SLOT[0], END_SLOT[1])), 'STATUS_CHANGED', [
        { field: 'status', from: WorkStatus.IN_EXECUTION, to: WorkStatus.COMPLETED },
        { field: 'actualEnd', from: null, to: fmtDay(actualEnd!) },
      ]);
    } else if (status === WorkStatus.CANCELLED) {
      addChange(fmtTs(cancelledOn!, r.int(START_SLOT[0], REPORT_SLOT[1])), 'STATUS_CHANGED', [{ field: 'status', from: initialStatus, to: WorkStatus.CANCELLED }]);
    }

    works.push({
      id, kind, cui, infobrasCode, title, description, sector, executorId: agencies[executor]!.id, departmentId, latitude, longitude, status, suspensionReason,
      plannedStart: fmtDay(plannedStart), plannedEnd: fmtDay(plannedEnd), actualStart: started ? fmtDay(actualStart!) : null, actualEnd: actualEnd !== null ? fmtDay(actualEnd) : null,
      investmentCost: fmtCents(costCents), contractAmount: contractCents !== null ? fmtCents(contractCents) : null,
      contractorName: contractor?.name ?? null, contractorRuc: contractor?.ruc ?? null, physicalProgress: fmtCents(progressCents), externalId, createdAt, updatedAt,
    });
    for (const x of workDistrictIdx) workDistricts.push({ workId: id, ubigeo: districts[x]!.ubigeo });
    previous = { index: i, executor, sector, districts: workDistrictIdx, plannedStart, plannedEnd, cui, title };
  }

  return { agencies, departments, works, workDistricts, progressReports, changes };
}
