/**
 * Deterministic demo data for the budget domain: the participatory budget processes of fiscal years
 * 2024 to 2027 (phases, criteria, oversight committee, accredited agents, proposals with their
 * districts and scores) and the budget execution lines of the municipality (one per department and
 * classifier, and one per active municipal work and year).
 *
 * Pure: no database, no I/O, no clock, no Math.random. Other domains' data (districts, the
 * municipality's works, organizations, department codes) is passed in, never imported, and sorted
 * first, so the order in which it is passed does not matter; the same call gives byte-identical
 * output on every run. Every entity draws from its own seeded PRNG, named after its key (year,
 * index, department, work id), and every id is `stableId(namespace, key)`.
 *
 * Story told by the data (at the default reference date, 2026-11-01):
 * - A process for fiscal year Y runs in Y−1, planned between February and July. The 2027 process
 *   runs in 2026, the year of the regional and municipal elections: its coordination phase was
 *   stalled by the electoral period, so it is still in progress, and formalization is pending.
 * - Past processes evaluated all their proposals (about 80 % viable); the 2027 one still has
 *   pending ones. Two proposals of every process carry the same score set (an exact tie).
 * - About 8 % of the active municipal works have accrued far more than their physical progress
 *   ("money spent but nothing built"); the others accrue about their physical progress.
 * - 2024 and 2025 are closed years; 2026 is executed up to the reference date; 2027 only has its
 *   opening budget (PIA).
 *
 * All names of people are invented.
 */
import { createRandom, DEPARTMENT_CODE, HUANCAYO_UBIGEOS, type Random, stableId, DEMO_DEPARTMENTS } from '@articula/common';
import { AccreditationStatus, BudgetPhase, DEFAULT_CRITERIA, EvaluationStatus, PHASE_ORDER, SubmitterKind } from '../enums.js';
import type { BudgetLineDraft } from '../modules/execution/budget-line.rules.js';

// ---------------------------------------------------------------------------------------------
// Inputs and outputs
// ---------------------------------------------------------------------------------------------

export interface DemoWork { id: string; cui: string | null; department: string; sector: string; investmentCost: string | null; physicalProgress: number; status: string; plannedStart: string | null; ubigeos: string[] }
export interface DemoOrganization { id: string; ubigeo: string; name: string }
export interface BudgetDemoInputs {
  districts: { ubigeo: string; name: string; population: number; area: 'URBAN' | 'RURAL'; povertyPct: number }[];
  /** The municipality's own works. */
  works: DemoWork[];
  organizations: DemoOrganization[];
  /** Department codes. */
  departments: string[];
}

export interface ProcessRow { year: number; ceiling: string }
export interface PhaseRow { year: number; phase: BudgetPhase; position: number; plannedStart: string; plannedEnd: string; actualStart: string | null; actualEnd: string | null }
export interface CriterionRow { year: number; code: string; name: string; weight: string; position: number }
export interface OversightRow { year: number; organizationId: string; role: string }
export interface AgentRow { id: string; year: number; organizationId: string; name: string; accreditationStatus: AccreditationStatus; accreditedOn: string | null }
export interface ProposalRow { id: string; year: number; title: string; description: string; sector: string; estimatedCost: string; beneficiaries: number; cui: string | null; submittedByKind: SubmitterKind; submittedBy: string; submittedAt: string; evaluationStatus: EvaluationStatus; evaluationReason: string | null; workId: string | null }
export interface ProposalDistrictRow { proposalId: string; ubigeo: string }
export interface ScoreRow { proposalId: string; agentId: string; criterionCode: string; score: string }
export interface BudgetLineRow extends BudgetLineDraft { id: string }
export interface BudgetDemoData { processes: ProcessRow[]; phases: PhaseRow[]; criteria: CriterionRow[]; oversight: OversightRow[]; agents: AgentRow[]; proposals: ProposalRow[]; proposalDistricts: ProposalDistrictRow[]; scores: ScoreRow[]; budgetLines: BudgetLineRow[] }

export const DEMO_REFERENCE_DATE = '2026-11-01';

/** Fiscal years with a participatory budget process and budget lines. */
const YEARS = [2024, 2025, 2026, 2027] as const;
/** Proposals per process at scale 1 (≈ 60 each). */
const PROPOSALS_PER_YEAR: Record<number, number> = { 2024: 58, 2025: 62, 2026: 64, 2027: 60 };
/** Regional and municipal elections (every four years: 2022, 2026…) stall the process running that year. */
const isElectionYear = (year: number) => year % 4 === 2;

// ---------------------------------------------------------------------------------------------
// Sectors (copied from the works subgraph: sector name → MEF function code)
// ---------------------------------------------------------------------------------------------

const SECTOR_FUNCTION: Record<string, string> = {
  PLANNING_AND_MANAGEMENT: '03',
  PUBLIC_ORDER_AND_SECURITY: '05',
  AGRICULTURE: '10',
  ENERGY: '12',
  TOURISM: '13',
  TRADE: '14',
  TRANSPORT: '15',
  ENVIRONMENT: '17',
  SANITATION: '18',
  HOUSING_AND_URBAN_DEVELOPMENT: '19',
  HEALTH: '20',
  CULTURE_AND_SPORTS: '21',
  EDUCATION: '22',
  SOCIAL_PROTECTION: '23',
};

const DEPARTMENT_NAMES: Readonly<Record<string, string>> = DEMO_DEPARTMENTS;
/** The department that would propose (and execute) an intervention of a sector. */
const SECTOR_DEPARTMENT: Record<string, string> = {
  TRANSPORT: 'GOP', SANITATION: 'GOP', ENERGY: 'GOP', HOUSING_AND_URBAN_DEVELOPMENT: 'GDU', PUBLIC_ORDER_AND_SECURITY: 'GSC',
  ENVIRONMENT: 'GGA', SOCIAL_PROTECTION: 'GDS', EDUCATION: 'GDS', HEALTH: 'GDS', CULTURE_AND_SPORTS: 'GDS', AGRICULTURE: 'GDE',
  TOURISM: 'GDE', TRADE: 'GDE', PLANNING_AND_MANAGEMENT: 'GPP',
};

// ---------------------------------------------------------------------------------------------
// Budget classifiers (MEF): programs, funding sources, expense categories
// ---------------------------------------------------------------------------------------------

const P = {
  AC: '9001 ACCIONES CENTRALES',
  APNOP: '9002 ASIGNACIONES PRESUPUESTARIAS QUE NO RESULTAN EN PRODUCTOS',
  NUTRITION: '0001 PROGRAMA ARTICULADO NUTRICIONAL',
  SECURITY: '0030 REDUCCIÓN DE DELITOS Y FALTAS QUE AFECTAN LA SEGURIDAD CIUDADANA',
  WASTE: '0036 GESTIÓN INTEGRAL DE RESIDUOS SÓLIDOS',
  IRRIGATION: '0042 APROVECHAMIENTO DE LOS RECURSOS HÍDRICOS PARA USO AGRARIO',
  RURAL_POWER: '0046 ACCESO Y USO DE LA ELECTRIFICACIÓN RURAL',
  DISASTERS: '0068 REDUCCIÓN DE VULNERABILIDAD Y ATENCIÓN DE EMERGENCIAS POR DESASTRES',
  URBAN_WATER: '0082 PROGRAMA NACIONAL DE SANEAMIENTO URBANO',
  RURAL_WATER: '0083 PROGRAMA NACIONAL DE SANEAMIENTO RURAL',
  SCHOOLS: '0090 LOGROS DE APRENDIZAJE DE ESTUDIANTES DE LA EDUCACIÓN BÁSICA REGULAR',
  SPORTS: '0101 INCREMENTO DE LA PRÁCTICA DE ACTIVIDADES FÍSICAS, DEPORTIVAS Y RECREATIVAS EN LA POBLACIÓN PERUANA',
  TOURISM: '0127 MEJORA DE LA COMPETITIVIDAD DE LOS DESTINOS TURÍSTICOS',
  ROADS: '0138 REDUCCIÓN DEL COSTO, TIEMPO E INSEGURIDAD EN EL SISTEMA DE TRANSPORTE',
  HOUSING: '0146 ACCESO DE LAS FAMILIAS A VIVIENDA Y ENTORNO URBANO ADECUADO',
  URBAN_TRANSPORT: '0148 REDUCCIÓN DEL TIEMPO, INSEGURIDAD Y COSTO AMBIENTAL EN EL TRANSPORTE URBANO',
  CHILDHOOD: '1001 PRODUCTOS ESPECÍFICOS PARA DESARROLLO INFANTIL TEMPRANO',
} as const;

const CAT = {
  PERSONNEL: '2.1 PERSONAL Y OBLIGACIONES SOCIALES',
  GOODS: '2.3 BIENES Y SERVICIOS',
  ASSETS: '2.6 ADQUISICION DE ACTIVOS NO FINANCIEROS',
} as const;
type Category = (typeof CAT)[keyof typeof CAT];

type Funding = readonly [source: string, item: string];
const RO: Funding = ['RECURSOS ORDINARIOS', 'RECURSOS ORDINARIOS'];
const RDR: Funding = ['RECURSOS DIRECTAMENTE RECAUDADOS', 'RECURSOS DIRECTAMENTE RECAUDADOS'];
const FONCOMUN: Funding = ['RECURSOS DETERMINADOS', 'FONDO DE COMPENSACION MUNICIPAL'];
const TAXES: Funding = ['RECURSOS DETERMINADOS', 'IMPUESTOS MUNICIPALES'];
const CANON: Funding = ['RECURSOS DETERMINADOS', 'CANON Y SOBRECANON, REGALIAS, RENTA DE ADUANAS Y PARTICIPACIONES'];
const DYT: Funding = ['DONACIONES Y TRANSFERENCIAS', 'DONACIONES Y TRANSFERENCIAS'];
const ROOC: Funding = ['RECURSOS POR OPERACIONES OFICIALES DE CREDITO', 'RECURSOS POR OPERACIONES OFICIALES DE CREDITO'];

const FUNDING_BY_CATEGORY: Record<Category, readonly (readonly [Funding, number])[]> = {
  [CAT.PERSONNEL]: [[RDR, 40], [FONCOMUN, 30], [TAXES, 30]],
  [CAT.GOODS]: [[RDR, 32], [FONCOMUN, 24], [TAXES, 20], [RO, 10], [CANON, 8], [DYT, 6]],
  [CAT.ASSETS]: [[FONCOMUN, 30], [CANON, 25], [RDR, 20], [TAXES, 10], [DYT, 10], [RO, 5]],
};
const INVESTMENT_FUNDING: readonly (readonly [Funding, number])[] = [[CANON, 32], [FONCOMUN, 22], [ROOC, 14], [DYT, 14], [RO, 10], [RDR, 8]];

/** PIM range (soles), execution rate of a closed year and monthly curve per expense category. */
const CATEGORY_PROFILE: Record<Category, { pim: [number, number]; rate: [number, number]; curve: readonly number[] }> = {
  // July and December carry the bonuses (gratificaciones).
  [CAT.PERSONNEL]: { pim: [250_000, 2_800_000], rate: [0.8, 0.95], curve: [7.5, 7.5, 8, 8, 8, 8, 11, 8, 8, 8, 8, 12] },
  [CAT.GOODS]: { pim: [80_000, 2_200_000], rate: [0.62, 0.9], curve: [4, 6, 7, 8, 8, 8.5, 9, 9, 9.5, 10, 11, 16] },
  [CAT.ASSETS]: { pim: [30_000, 600_000], rate: [0.5, 0.85], curve: [2, 3, 5, 6, 7, 8, 8.5, 9, 10, 11, 13, 20] },
};
/** Investment accrues slowly in the first quarter and peaks in December. */
const INVESTMENT_CURVE = [1, 2, 3.5, 5, 6.5, 7.5, 8.5, 9, 10, 11, 13, 23] as const;

interface LineKind { fn: string; program: string; categories: readonly (readonly [Category, number])[] }
const ADMIN: readonly (readonly [Category, number])[] = [[CAT.PERSONNEL, 50], [CAT.GOODS, 40], [CAT.ASSETS, 10]];
const SERVICE: readonly (readonly [Category, number])[] = [[CAT.PERSONNEL, 25], [CAT.GOODS, 60], [CAT.ASSETS, 15]];
const lk = (fn: string, program: string, categories = SERVICE): LineKind => ({ fn, program, categories });

/** The non-investment lines a department typically has (function, budget program). */
const DEPARTMENT_LINES: Record<string, readonly LineKind[]> = {
  GM: [lk('03', P.AC, ADMIN), lk('03', P.APNOP, ADMIN)],
  GOP: [lk('15', P.ROADS), lk('03', P.AC, ADMIN), lk('19', P.HOUSING), lk('05', P.DISASTERS)],
  GDU: [lk('19', P.HOUSING), lk('03', P.AC, ADMIN), lk('19', P.APNOP)],
  GSP: [lk('17', P.WASTE), lk('18', P.URBAN_WATER), lk('17', P.APNOP), lk('18', P.RURAL_WATER)],
  GDS: [lk('23', P.APNOP), lk('23', P.CHILDHOOD), lk('20', P.NUTRITION), lk('21', P.SPORTS), lk('22', P.SCHOOLS)],
  GDE: [lk('14', P.APNOP), lk('13', P.TOURISM), lk('10', P.IRRIGATION)],
  GTT: [lk('15', P.URBAN_TRANSPORT), lk('15', P.ROADS), lk('03', P.AC, ADMIN)],
  GGA: [lk('17', P.WASTE), lk('17', P.APNOP)],
  GSC: [lk('05', P.SECURITY), lk('05', P.DISASTERS), lk('05', P.APNOP)],
  GPP: [lk('03', P.AC, ADMIN), lk('03', P.APNOP, ADMIN)],
  GAF: [lk('03', P.AC, ADMIN)],
  GAT: [lk('03', P.AC, ADMIN), lk('03', P.APNOP, ADMIN)],
  GPC: [lk('03', P.APNOP), lk('23', P.APNOP)],
  GAJ: [lk('03', P.AC, ADMIN)],
};
const GENERIC_LINES: readonly LineKind[] = [lk('03', P.AC, ADMIN), lk('03', P.APNOP, ADMIN)];

/** Budget program of an investment of a sector (rural/urban variants for water). */
function investmentProgram(sector: string, rural: boolean): string {
  switch (sector) {
    case 'TRANSPORT': return P.ROADS;
    case 'SANITATION': return rural ? P.RURAL_WATER : P.URBAN_WATER;
    case 'EDUCATION': return P.SCHOOLS;
    case 'AGRICULTURE': return P.IRRIGATION;
    case 'ENVIRONMENT': return P.WASTE;
    case 'PUBLIC_ORDER_AND_SECURITY': return P.SECURITY;
    case 'HOUSING_AND_URBAN_DEVELOPMENT': return P.HOUSING;
    case 'CULTURE_AND_SPORTS': return P.SPORTS;
    case 'ENERGY': return P.RURAL_POWER;
    case 'TOURISM': return P.TOURISM;
    default: return P.APNOP;
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary (invented people; real-looking places of the province)
// ---------------------------------------------------------------------------------------------

const FEMALE_NAMES = ['María', 'Rosa', 'Carmen', 'Juana', 'Elena', 'Luz', 'Marleny', 'Yolanda', 'Gladys', 'Nancy', 'Maribel', 'Flor', 'Norma', 'Ruth', 'Lourdes', 'Sonia', 'Edith', 'Silvia', 'Milagros', 'Teresa', 'Delia', 'Haydée', 'Mercedes', 'Olga', 'Vilma', 'Rocío', 'Celia', 'Zulema', 'Karina', 'Dina'] as const;
const MALE_NAMES = ['Juan', 'José', 'Luis', 'Carlos', 'Jorge', 'Pedro', 'Víctor', 'Raúl', 'Hugo', 'César', 'Edgar', 'Walter', 'Alberto', 'Wilfredo', 'Teodoro', 'Máximo', 'Fidel', 'Marco', 'Javier', 'Elmer', 'Percy', 'Rubén', 'Félix', 'Óscar', 'Efraín', 'Grimaldo', 'Isaac', 'Abel', 'Saúl', 'Eusebio', 'Celestino', 'Herminio'] as const;
const SURNAMES = ['Quispe', 'Huamán', 'Rojas', 'Mendoza', 'Ccanto', 'Poma', 'Huaroc', 'Chuquillanqui', 'Ordóñez', 'Cóndor', 'Taipe', 'Meza', 'Zárate', 'Camarena', 'Huayta', 'Paucar', 'Vílchez', 'Orihuela', 'Inga', 'Yupanqui', 'Espinoza', 'Ricse', 'Lazo', 'Aliaga', 'Soto', 'Lapa', 'Limaymanta', 'Canchanya', 'Torres', 'Castillo', 'Salazar', 'Rivera', 'Ramos', 'Flores', 'Huanca', 'Palomino', 'Mayta', 'Huere', 'Cárdenas', 'Landeo', 'Ñaupari', 'Egoavil', 'Bendezú', 'Yauri', 'Sedano', 'Quinto', 'Hinostroza', 'Baltazar', 'Munive', 'Surichaqui', 'Pomalaza', 'Ticse', 'Ñahuincopa'] as const;

const ANEXOS = ['Santa Rosa', 'San José', 'Vista Alegre', 'Pampa Verde', 'Nueva Esperanza', 'Huayllapampa', 'Pucapampa', 'Chaupimarca', 'Yanacancha', 'Rumichaca', 'Cochapampa', 'Quishuar', 'Tambopampa', 'Ñahuinpuquio', 'Patala', 'Acopampa', 'Cullpa Alta', 'Uñas', 'Vilcacoto', 'Acopalca', 'Azapampa', 'Huamancaca', 'Chalhuas', 'Antacocha', 'Huaylacancha', 'Ccasapata', 'Occoro', 'Tinyari', 'Chucupata', 'Pachachaca', 'Condorsinja', 'Huacrapampa', 'Jatunhuasi', 'Rangra', 'Pumapuquio'] as const;
const BARRIOS = ['Los Andes', 'San Carlos', 'La Esperanza', 'Ocopilla', 'Pio Pata', 'Umuto', 'La Ribera', 'Huamanmarca', 'Los Pinos', 'Santa Isabel', 'Palián', 'Justicia Paz y Vida', 'Señor de los Milagros', 'Las Lomas', 'Villa Hermosa', 'El Porvenir', 'Los Jardines', 'San Juan Bautista', 'Virgen de Fátima', 'Las Colinas', 'Alto Progreso', 'Los Libertadores', 'Primavera', 'Nuevo Amanecer'] as const;
const STREETS = ['Huancavelica', 'Ferrocarril', 'Giráldez', 'Ica', 'Cusco', 'Puno', 'Real', 'Mariscal Castilla', 'Ancash', 'Loreto', 'Amazonas', 'Leoncio Prado', 'Moquegua', 'Trujillo', 'Huánuco', 'Atahualpa', 'Manco Cápac', 'Julio C. Tello', '9 de Diciembre', 'Francisco Solano', 'Los Próceres', 'Túpac Amaru', 'Alfonso Ugarte', 'Libertad', 'Progreso', 'Los Sauces', 'Los Eucaliptos', 'Independencia', 'José Olaya', 'Bolognesi', 'San Martín', 'Pasco'] as const;
const RIVERS = ['Mantaro', 'Shullcas', 'Cunas', 'Chanchas', 'Pariahuanca', 'Alauyo'] as const;
const PRODUCTS = ['papa nativa', 'quinua', 'maíz amiláceo', 'habas', 'trucha', 'cuyes', 'leche fresca', 'alcachofa', 'maca', 'arveja'] as const;

const NOT_VIABLE_REASONS = [
  'No cuenta con saneamiento físico legal del terreno',
  'Duplica una inversión en ejecución del Gobierno Regional',
  'Costo excede el techo asignado al distrito',
  'No corresponde a una competencia municipal',
  'No cuenta con disponibilidad hídrica acreditada por la Autoridad Nacional del Agua',
  'La idea no está alineada con el Plan de Desarrollo Local Concertado',
  'Ya cuenta con una inversión viable registrada con el mismo objetivo',
  'No presenta el acta de compromiso de operación y mantenimiento',
] as const;
const COST_REASON = 'Costo excede el techo asignado al distrito';

const OVERSIGHT_ROLES = ['Presidente', 'Vicepresidente', 'Secretario', 'Vocal', 'Vocal', 'Vocal'] as const;

// ---------------------------------------------------------------------------------------------
// Proposal titles (Invierte.pe naming), by sector
// ---------------------------------------------------------------------------------------------

interface TitleCtx { r: Random; d: string; rural: boolean }
type Title = (c: TitleCtx) => string;
const pick = <T>(r: Random, items: readonly T[]) => r.pick(items);
const street = (c: TitleCtx) => `${c.r.weighted([['el Jr.', 55], ['la Av.', 25], ['la calle', 10], ['el Psje.', 10]] as const)} ${pick(c.r, STREETS)}`;
const cuadras = (c: TitleCtx) => {
  const a = c.r.int(1, 12);
  return `cuadras ${a} a ${a + c.r.int(1, 5)}`;
};
const anexo = (c: TitleCtx) => `${c.r.weighted([['anexo', 60], ['centro poblado', 25], ['caserío', 15]] as const)} ${pick(c.r, ANEXOS)}`;
const barrio = (c: TitleCtx) => `${c.r.weighted([['barrio', 60], ['asentamiento humano', 20], ['sector', 20]] as const)} ${pick(c.r, BARRIOS)}`;
const place = (c: TitleCtx) => (c.r.chance(c.rural ? 0.88 : 0.25) ? anexo(c) : barrio(c));
const tramo = (c: TitleCtx) => {
  const a = pick(c.r, ANEXOS);
  let b = pick(c.r, ANEXOS);
  if (b === a) b = ANEXOS[(ANEXOS.indexOf(a) + 5) % ANEXOS.length];
  return `${a} – ${b}`;
};

interface SectorText { urban: Title[]; rural: Title[]; desc: string; cost: [number, number]; gap: number }
const both = (...titles: Title[]) => titles;
const SECTOR_TEXT: Record<string, SectorText> = {
  TRANSPORT: {
    urban: both(
      (c) => `Mejoramiento del servicio de transitabilidad vehicular y peatonal en ${street(c)} ${cuadras(c)} del distrito de ${c.d}`,
      (c) => `Mejoramiento del servicio de transitabilidad vehicular y peatonal en las calles del ${barrio(c)} del distrito de ${c.d}`,
      (c) => `Creación del servicio de transitabilidad peatonal en ${street(c)} ${cuadras(c)} del distrito de ${c.d}`,
    ),
    rural: both(
      (c) => `Mejoramiento del servicio de transitabilidad vehicular en el camino vecinal JU-${c.r.int(500, 1999)} tramo ${tramo(c)} del distrito de ${c.d}`,
      (c) => `Creación del servicio de transitabilidad vehicular en la trocha carrozable ${tramo(c)} del distrito de ${c.d}`,
      (c) => `Creación del puente peatonal ${pick(c.r, ANEXOS)} sobre el río ${pick(c.r, RIVERS)} en el ${anexo(c)} del distrito de ${c.d}`,
    ),
    desc: 'Comprende pavimento, veredas, sardineles, obras de drenaje y señalización.',
    cost: [300_000, 3_500_000],
    gap: 6.5,
  },
  SANITATION: {
    urban: both(
      (c) => `Ampliación del servicio de alcantarillado sanitario en ${street(c)} ${cuadras(c)} del distrito de ${c.d}`,
      (c) => `Mejoramiento y ampliación del servicio de agua potable y alcantarillado sanitario en el ${barrio(c)} del distrito de ${c.d}`,
      (c) => `Creación del servicio de drenaje pluvial en ${street(c)} ${cuadras(c)} del distrito de ${c.d}`,
    ),
    rural: both(
      (c) => `Creación del servicio de agua potable y saneamiento rural en el ${anexo(c)} del distrito de ${c.d}`,
      (c) => `Mejoramiento y ampliación del servicio de agua potable y saneamiento rural en el ${anexo(c)} del distrito de ${c.d}`,
      (c) => `Recuperación del servicio de agua potable en el ${anexo(c)} del distrito de ${c.d}`,
    ),
    desc: 'Comprende captación, línea de conducción, reservorio, redes de distribución, conexiones domiciliarias y unidades básicas de saneamiento.',
    cost: [400_000, 3_500_000],
    gap: 8.5,
  },
  EDUCATION: {
    urban: both(
      (c) => `Mejoramiento del servicio educativo del nivel inicial en la I.E.I. N.° ${c.r.int(100, 1699)} del ${place(c)}, distrito de ${c.d}`,
      (c) => `Mejoramiento del servicio educativo del nivel primario en la I.E. N.° ${c.r.int(30001, 31999)} del ${place(c)}, distrito de ${c.d}`,
    ),
    rural: both(
      (c) => `Mejoramiento del servicio educativo del nivel inicial en la I.E.I. N.° ${c.r.int(100, 1699)} del ${anexo(c)}, distrito de ${c.d}`,
      (c) => `Mejoramiento y ampliación del servicio educativo del nivel primario en la I.E. N.° ${c.r.int(30001, 31999)} del ${anexo(c)}, distrito de ${c.d}`,
    ),
    desc: 'Comprende aulas, servicios higiénicos, cerco perimétrico, mobiliario y equipamiento escolar.',
    cost: [350_000, 3_000_000],
    gap: 7.5,
  },
  HEALTH: {
    urban: both((c) => `Mejoramiento de los servicios de salud del centro de salud ${pick(c.r, BARRIOS)} del distrito de ${c.d}`),
    rural: both(
      (c) => `Mejoramiento de los servicios de salud del puesto de salud ${pick(c.r, ANEXOS)} del distrito de ${c.d}`,
      (c) => `Creación de los servicios de salud del primer nivel de atención en el ${anexo(c)} del distrito de ${c.d}`,
    ),
    desc: 'Comprende infraestructura de consultorios, tópico y sala de espera, equipamiento biomédico y mobiliario clínico.',
    cost: [400_000, 3_200_000],
    gap: 8,
  },
  AGRICULTURE: {
    urban: both((c) => `Mejoramiento de la cadena productiva de ${pick(c.r, PRODUCTS)} en el ${place(c)} del distrito de ${c.d}`),
    rural: both(
      (c) => `Mejoramiento del servicio de agua para riego en el canal ${pick(c.r, ANEXOS)} del ${anexo(c)}, distrito de ${c.d}`,
      (c) => `Creación del servicio de agua para riego tecnificado por aspersión en el ${anexo(c)} del distrito de ${c.d}`,
      (c) => `Creación del servicio de agua para riego mediante el reservorio ${pick(c.r, ANEXOS)} en el ${anexo(c)} del distrito de ${c.d}`,
      (c) => `Mejoramiento de la cadena productiva de ${pick(c.r, PRODUCTS)} en el ${anexo(c)} del distrito de ${c.d}`,
    ),
    desc: 'Comprende revestimiento de canales, obras de arte, asistencia técnica y capacitación a productores.',
    cost: [200_000, 2_500_000],
    gap: 6,
  },
  HOUSING_AND_URBAN_DEVELOPMENT: {
    urban: both(
      (c) => `Mejoramiento del servicio de recreación pasiva en el parque ${pick(c.r, BARRIOS)} del distrito de ${c.d}`,
      (c) => `Creación de espacios públicos en el ${barrio(c)} del distrito de ${c.d}`,
    ),
    rural: both((c) => `Mejoramiento de la plaza principal del ${anexo(c)} del distrito de ${c.d}`),
    desc: 'Comprende áreas verdes, caminerías, mobiliario urbano, iluminación y juegos infantiles.',
    cost: [150_000, 1_800_000],
    gap: 4.5,
  },
  CULTURE_AND_SPORTS: {
    urban: both(
      (c) => `Creación del servicio deportivo y recreativo en la losa multiusos del ${barrio(c)} del distrito de ${c.d}`,
      (c) => `Mejoramiento del servicio de práctica deportiva en el estadio municipal del distrito de ${c.d}`,
    ),
    rural: both(
      (c) => `Creación del servicio deportivo y recreativo en la losa multiusos del ${anexo(c)} del distrito de ${c.d}`,
      (c) => `Creación del servicio cultural en el centro cívico del ${anexo(c)} del distrito de ${c.d}`,
    ),
    desc: 'Comprende losa de concreto, graderías, cobertura metálica, servicios higiénicos y cerco perimétrico.',
    cost: [150_000, 1_200_000],
    gap: 4,
  },
  PUBLIC_ORDER_AND_SECURITY: {
    urban: both(
      (c) => `Mejoramiento del servicio de seguridad ciudadana mediante un sistema de videovigilancia en el ${barrio(c)} del distrito de ${c.d}`,
      (c) => `Creación del servicio de seguridad ciudadana con un puesto de auxilio rápido en ${street(c)} del distrito de ${c.d}`,
    ),
    rural: both((c) => `Creación del servicio de seguridad ciudadana para las rondas campesinas del ${anexo(c)} del distrito de ${c.d}`),
    desc: 'Comprende cámaras de videovigilancia, central de monitoreo, equipos de comunicación y capacitación a juntas vecinales.',
    cost: [200_000, 1_500_000],
    gap: 5.5,
  },
  ENVIRONMENT: {
    urban: both(
      (c) => `Mejoramiento del servicio de limpieza pública en el ${barrio(c)} del distrito de ${c.d}`,
      (c) => `Creación del servicio de segregación en la fuente y recolección selectiva de residuos sólidos municipales en el distrito de ${c.d}`,
    ),
    rural: both(
      (c) => `Recuperación del ecosistema forestal en las laderas del ${anexo(c)} del distrito de ${c.d}`,
      (c) => `Recuperación del servicio ecosistémico de regulación hídrica en la microcuenca del río ${pick(c.r, RIVERS)}, distrito de ${c.d}`,
    ),
    desc: 'Comprende contenedores, vehículos de recolección, forestación con especies nativas y sensibilización ambiental.',
    cost: [180_000, 2_000_000],
    gap: 5,
  },
  ENERGY: {
    urban: both((c) => `Mejoramiento del servicio de alumbrado público en ${street(c)} ${cuadras(c)} del distrito de ${c.d}`),
    rural: both((c) => `Creación del servicio de energía eléctrica mediante sistema convencional en el ${anexo(c)} del distrito de ${c.d}`),
    desc: 'Comprende redes primarias y secundarias, subestaciones, alumbrado público y conexiones domiciliarias.',
    cost: [250_000, 2_800_000],
    gap: 7,
  },
  SOCIAL_PROTECTION: {
    urban: both(
      (c) => `Mejoramiento del servicio de cuidado diurno en el centro integral de atención al adulto mayor del distrito de ${c.d}`,
      (c) => `Creación del servicio de atención integral a niñas y niños menores de 36 meses en el ${barrio(c)} del distrito de ${c.d}`,
    ),
    rural: both((c) => `Creación del servicio de atención integral a niñas y niños menores de 36 meses en el ${anexo(c)} del distrito de ${c.d}`),
    desc: 'Comprende ambientes de atención, cocina, servicios higiénicos, equipamiento y mobiliario.',
    cost: [200_000, 1_500_000],
    gap: 6.5,
  },
  TOURISM: {
    urban: both((c) => `Mejoramiento de los servicios turísticos públicos en el mirador ${pick(c.r, BARRIOS)} del distrito de ${c.d}`),
    rural: both(
      (c) => `Mejoramiento de los servicios turísticos públicos en la laguna ${pick(c.r, ANEXOS)} del distrito de ${c.d}`,
      (c) => `Creación de los servicios turísticos públicos en el mirador ${pick(c.r, ANEXOS)} del distrito de ${c.d}`,
    ),
    desc: 'Comprende senderos, miradores, paneles de interpretación, servicios higiénicos y señalización turística.',
    cost: [150_000, 1_500_000],
    gap: 3.5,
  },
  TRADE: {
    urban: both((c) => `Mejoramiento del servicio de comercialización en el mercado de abastos ${pick(c.r, BARRIOS)} del distrito de ${c.d}`),
    rural: both((c) => `Creación del servicio de comercialización en la feria agropecuaria del ${anexo(c)} del distrito de ${c.d}`),
    desc: 'Comprende puestos de venta, cámaras de frío, servicios higiénicos y sistema contra incendios.',
    cost: [300_000, 3_000_000],
    gap: 4,
  },
  PLANNING_AND_MANAGEMENT: {
    urban: both((c) => `Mejoramiento de la gestión del catastro urbano del distrito de ${c.d}`),
    rural: both((c) => `Mejoramiento de la gestión del catastro rural del distrito de ${c.d}`),
    desc: 'Comprende levantamiento catastral, equipos de topografía, software y capacitación al personal.',
    cost: [200_000, 1_200_000],
    gap: 3,
  },
};
const PROPOSAL_SECTORS: Record<'URBAN' | 'RURAL', readonly (readonly [string, number])[]> = {
  URBAN: [['TRANSPORT', 25], ['HOUSING_AND_URBAN_DEVELOPMENT', 12], ['SANITATION', 12], ['CULTURE_AND_SPORTS', 12], ['PUBLIC_ORDER_AND_SECURITY', 10], ['EDUCATION', 8], ['ENVIRONMENT', 8], ['HEALTH', 5], ['TRADE', 4], ['SOCIAL_PROTECTION', 4], ['ENERGY', 2], ['TOURISM', 1]],
  RURAL: [['SANITATION', 20], ['TRANSPORT', 20], ['AGRICULTURE', 18], ['EDUCATION', 10], ['HEALTH', 8], ['CULTURE_AND_SPORTS', 6], ['ENERGY', 5], ['SOCIAL_PROTECTION', 5], ['ENVIRONMENT', 4], ['TOURISM', 4]],
};

// ---------------------------------------------------------------------------------------------
// Dates, money, small helpers
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
/** Peru is UTC−5 all year. */
const LIMA_OFFSET_MS = 5 * 3_600_000;

function parseDay(value: string, what: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new RangeError(`${what} must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== value) throw new RangeError(`${what} is not a valid date: ${value}`);
  return ms / DAY_MS;
}
const dayOf = (year: number, month: number, day: number) => Date.UTC(year, month, day) / DAY_MS;
const fmtDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const yearOfDay = (day: number) => new Date(day * DAY_MS).getUTCFullYear();
/** An instant at a local (Huancayo) time of a day, ISO 8601 in UTC. */
const limaTimestamp = (day: number, minuteOfDay: number) => new Date(day * DAY_MS + LIMA_OFFSET_MS + minuteOfDay * 60_000).toISOString();

/** Integer cents → "1234.56". */
function fmtCents(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`bad amount in cents: ${cents}`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
/** "1250000.5" → 125000050 cents; null when not a non-negative amount. */
function parseCents(value: string | null): number | null {
  if (value === null) return null;
  const m = /^\s*(\d{1,14})(?:\.(\d{1,2}))?\s*$/.exec(value);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
const uniform = (r: Random, lo: number, hi: number) => lo + r.next() * (hi - lo);
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** Whole soles in [lo, hi], as cents, rounded to `step` soles. */
const soles = (r: Random, lo: number, hi: number, step = 10) => Math.round(uniform(r, lo, hi) / step) * step * 100;
/** Log-uniform amount in cents, with centimos (costs from technical files are not round). */
const logUniformCents = (r: Random, lo: number, hi: number) => Math.round(Math.exp(uniform(r, Math.log(lo), Math.log(hi))) * 100);

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function pickDistinct<T>(r: Random, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(r.next() * pool.length), 1)[0]);
  return out;
}
function personName(r: Random): string {
  const names = r.chance(0.45) ? FEMALE_NAMES : MALE_NAMES;
  const given = r.chance(0.35) ? pickDistinct(r, names, 2).join(' ') : r.pick(names);
  return `${given} ${pickDistinct(r, SURNAMES, 2).join(' ')}`;
}

/**
 * Splits `total` cents over the 12 months following `curve`, only in the months available
 * (fraction 0..1 of each month elapsed); the parts add up exactly to `total`.
 */
function spreadMonths(r: Random, total: number, curve: readonly number[], available: readonly number[]): number[] {
  const weights = curve.map((w, m) => w * available[m] * uniform(r, 0.8, 1.2));
  const sum = weights.reduce((s, w) => s + w, 0);
  const months = new Array<number>(12).fill(0);
  if (total <= 0 || sum <= 0) return months;
  let given = 0;
  let top = 0;
  for (let m = 0; m < 12; m++) {
    months[m] = Math.floor((total * weights[m]) / sum);
    given += months[m];
    if (weights[m] > weights[top]) top = m;
  }
  months[top] += total - given;
  return months;
}
/** Share of a year's curve that falls in the available months. */
const curveShare = (curve: readonly number[], available: readonly number[]) =>
  curve.reduce((s, w, m) => s + w * available[m], 0) / curve.reduce((s, w) => s + w, 0);

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

interface District { ubigeo: string; name: string; population: number; area: 'URBAN' | 'RURAL'; povertyPct: number }
interface ProcessInfo { year: number; phases: PhaseRow[]; prepStart: number; prepEnd: number; concStart: number; concEnd: number; concluded: boolean; started: boolean; concertationDone: boolean }

export function generateBudgetDemoData(inputs: BudgetDemoInputs, options: { scale?: number; referenceDate?: string } = {}): BudgetDemoData {
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const refDay = parseDay(options.referenceDate ?? DEMO_REFERENCE_DATE, 'referenceDate');
  const refYear = yearOfDay(refDay);

  // Inputs, sorted so that their order does not matter.
  const districts: District[] = inputs.districts
    .filter((d) => HUANCAYO_UBIGEOS.has(d.ubigeo))
    .map((d) => ({ ubigeo: d.ubigeo, name: d.name, population: Math.max(0, Math.round(d.population)), area: d.area, povertyPct: d.povertyPct }))
    .sort((a, b) => (a.ubigeo < b.ubigeo ? -1 : a.ubigeo > b.ubigeo ? 1 : 0));
  const districtByUbigeo = new Map(districts.map((d) => [d.ubigeo, d]));
  const works = [...inputs.works].sort(byId);
  const organizations = [...inputs.organizations].sort(byId);
  const departments = [...new Set(inputs.departments)].filter((c) => DEPARTMENT_CODE.test(c)).sort();
  const departmentSet = new Set(departments);
  const orgsByUbigeo = new Map<string, DemoOrganization[]>();
  for (const o of organizations) {
    const list = orgsByUbigeo.get(o.ubigeo);
    if (list) list.push(o);
    else orgsByUbigeo.set(o.ubigeo, [o]);
  }

  const data: BudgetDemoData = { processes: [], phases: [], criteria: [], oversight: [], agents: [], proposals: [], proposalDistricts: [], scores: [], budgetLines: [] };

  // --- Processes, phases, criteria ----------------------------------------------------------
  const processes = new Map<number, ProcessInfo>();
  for (const year of YEARS) {
    const r = createRandom(`pp-process:${year}`);
    const ceilingBase = 8_500_000 + (year - 2024) * 1_000_000;
    data.processes.push({ year, ceiling: fmtCents(Math.round(uniform(r, ceilingBase, ceilingBase + 1_500_000) / 10_000) * 10_000 * 100) });

    // Planned: February to July of the preceding year.
    const durations = [r.int(44, 54), r.int(58, 68), r.int(26, 34), r.int(24, 32)];
    let start = dayOf(year - 1, 1, r.int(1, 10));
    let prevActualEnd: number | null = null;
    let blocked = false;
    const phases: PhaseRow[] = [];
    PHASE_ORDER.forEach((phase, position) => {
      const plannedStart = start;
      const plannedEnd = start + durations[position] - 1;
      start = plannedEnd + 1;
      let actualStart: number | null = null;
      let actualEnd: number | null = null;
      if (!blocked) {
        const delay = r.weighted([[0, 60], [r.int(1, 5), 30], [r.int(6, 12), 10]] as const);
        const s = Math.max(plannedStart + delay, prevActualEnd === null ? -Infinity : prevActualEnd + 1);
        let length = durations[position] + r.weighted([[0, 55], [r.int(1, 7), 35], [r.int(8, 15), 10]] as const);
        // The electoral period (October) stalls the coordination with the other levels of government.
        if (phase === BudgetPhase.COORDINATION && isElectionYear(year - 1)) length += r.int(160, 175);
        const e = s + length - 1;
        if (s <= refDay) {
          actualStart = s;
          if (e < refDay) actualEnd = e;
          else blocked = true;
        } else blocked = true;
        prevActualEnd = e;
      }
      phases.push({
        year, phase, position, plannedStart: fmtDay(plannedStart), plannedEnd: fmtDay(plannedEnd),
        actualStart: actualStart === null ? null : fmtDay(actualStart), actualEnd: actualEnd === null ? null : fmtDay(actualEnd),
      });
    });
    data.phases.push(...phases);
    const dayOrNull = (s: string | null) => (s === null ? null : parseDay(s, 'phase date'));
    const [prep, conc, , form] = phases;
    const prepStart = dayOrNull(prep.actualStart) ?? parseDay(prep.plannedStart, 'phase');
    const prepEnd = dayOrNull(prep.actualEnd) ?? parseDay(prep.plannedEnd, 'phase');
    const concStart = dayOrNull(conc.actualStart) ?? parseDay(conc.plannedStart, 'phase');
    const concEnd = dayOrNull(conc.actualEnd) ?? parseDay(conc.plannedEnd, 'phase');
    processes.set(year, {
      year, phases, prepStart, prepEnd, concStart, concEnd,
      started: prep.actualStart !== null, concertationDone: conc.actualEnd !== null, concluded: form.actualEnd !== null,
    });

    DEFAULT_CRITERIA.forEach((c, position) => data.criteria.push({ year, code: c.code, name: c.name, weight: fmtCents(c.weight * 100), position }));
  }

  // --- Agents and oversight committee ---------------------------------------------------------
  const accreditedByYear = new Map<number, AgentRow[]>();
  for (const year of YEARS) {
    const p = processes.get(year)!;
    const accredited: AgentRow[] = [];
    accreditedByYear.set(year, accredited);
    if (!p.started || organizations.length === 0) continue;
    const r = createRandom(`pp-agents:${year}`);
    const count = Math.min(organizations.length, r.int(40, 80));
    const orgs = pickDistinct(r, organizations, count);
    orgs.forEach((org, k) => {
      const ar = createRandom(`pp-agent:${year}:${k}`);
      let status = ar.weighted([[AccreditationStatus.ACCREDITED, 85], [AccreditationStatus.PENDING, 7], [AccreditationStatus.REJECTED, 8]] as const);
      const on = p.prepStart + 7 + ar.int(0, Math.max(0, p.prepEnd - p.prepStart - 7));
      if (status === AccreditationStatus.ACCREDITED && on > refDay) status = AccreditationStatus.PENDING;
      const agent: AgentRow = {
        id: stableId('pp-agent', `${year}:${k}`), year, organizationId: org.id, name: personName(ar),
        accreditationStatus: status, accreditedOn: status === AccreditationStatus.ACCREDITED ? fmtDay(on) : null,
      };
      data.agents.push(agent);
      if (status === AccreditationStatus.ACCREDITED) accredited.push(agent);
    });
    // The committee is elected among accredited agents in the concertation workshops.
    if (p.concertationDone && accredited.length > 0) {
      const members = pickDistinct(r, accredited, Math.min(accredited.length, r.int(4, 6)));
      members.forEach((m, k) => data.oversight.push({ year, organizationId: m.organizationId, role: OVERSIGHT_ROLES[k] }));
    }
  }

  // --- Proposals, districts, scores, links to works -------------------------------------------
  const districtWeights = districts.map((d) => [d, Math.sqrt(Math.max(1, d.population)) * (d.area === 'RURAL' ? 1.7 : 1)] as const);
  const worksByPlace = new Map<string, DemoWork[]>();
  for (const w of works) {
    for (const u of new Set(w.ubigeos)) {
      const key = `${u}|${w.sector}`;
      const list = worksByPlace.get(key);
      if (list) list.push(w);
      else worksByPlace.set(key, [w]);
    }
  }
  const startYearOf = (w: DemoWork) => (w.plannedStart && /^\d{4}-\d{2}-\d{2}$/.test(w.plannedStart) ? Number(w.plannedStart.slice(0, 4)) : null);
  const linkedWorks = new Set<string>();

  for (const year of YEARS) {
    const p = processes.get(year)!;
    if (!p.started || districts.length === 0) continue;
    const count = Math.round(PROPOSALS_PER_YEAR[year] * scale);
    const accredited = accreditedByYear.get(year)!;
    /** Municipal works that may have come out of this process (planned to start around its fiscal year). */
    const originWorks = year <= 2025 ? works.filter((w) => {
      const sy = startYearOf(w);
      return sy !== null && sy >= year - 1 && sy <= year + 1 && SECTOR_TEXT[w.sector] && w.ubigeos.some((u) => districtByUbigeo.has(u));
    }) : [];
    const yearProposals: { row: ProposalRow; district: District; quality: number; scores: ScoreRow[] }[] = [];

    for (let i = 0; i < count; i++) {
      const r = createRandom(`pp-proposal:${year}:${i}`);
      const id = stableId('pp-proposal', `${year}:${i}`);
      let district: District;
      let sector: string;
      let origin: DemoWork | null = null;
      if (originWorks.length > 0 && r.chance(0.45)) {
        origin = r.pick(originWorks);
        district = districtByUbigeo.get(origin.ubigeos.find((u) => districtByUbigeo.has(u))!)!;
        sector = origin.sector;
      } else {
        district = r.weighted(districtWeights);
        sector = r.weighted(PROPOSAL_SECTORS[district.area]);
      }
      const rural = district.area === 'RURAL';
      const text = SECTOR_TEXT[sector];
      const title = r.pick(rural ? text.rural : text.urban)({ r, d: district.name, rural });
      const places = [district];
      if (r.chance(0.08)) {
        const others = districts.filter((d) => d.area === district.area && d.ubigeo !== district.ubigeo);
        if (others.length > 0) places.push(r.pick(others));
      }
      const originCost = origin ? parseCents(origin.investmentCost) : null;
      // A proposal that became a work asked for about its cost (within what a process funds).
      let cost = originCost !== null && originCost > 0 ? Math.round(originCost * uniform(r, 0.7, 1)) : logUniformCents(r, text.cost[0], text.cost[1]);
      if (cost > 350_000_000) cost = logUniformCents(r, 2_500_000, 3_500_000);
      if (cost < 15_000_000) cost = logUniformCents(r, 150_000, 200_000);
      const beneficiaries = Math.max(30, places.reduce((s, d) => s + Math.round(d.population * (d.area === 'RURAL' ? uniform(r, 0.12, 0.8) : uniform(r, 0.008, 0.12))), 0));

      // Submitter: mostly an organization of the district, sometimes a department.
      let submittedByKind = SubmitterKind.ORGANIZATION;
      let submittedBy: string;
      let submitterLabel: string;
      const local = orgsByUbigeo.get(district.ubigeo) ?? [];
      if (departments.length > 0 && (organizations.length === 0 || r.chance(0.18))) {
        submittedByKind = SubmitterKind.DEPARTMENT;
        const preferred = SECTOR_DEPARTMENT[sector];
        submittedBy = preferred && departmentSet.has(preferred) ? preferred : r.pick(departments);
        submitterLabel = `la ${DEPARTMENT_NAMES[submittedBy] ?? `gerencia ${submittedBy}`}`;
      } else {
        const org = local.length > 0 && r.chance(0.9) ? r.pick(local) : r.pick(organizations);
        submittedBy = org.id;
        submitterLabel = org.name;
      }
      const submittedDay = Math.min(refDay - 1, p.prepStart + 10 + r.int(0, Math.max(0, p.concStart + 20 - p.prepStart - 10)));
      const submittedAt = limaTimestamp(submittedDay, r.int(8 * 60, 17 * 60 + 30));

      // Evaluation by the technical team.
      let evaluationStatus: EvaluationStatus;
      if (p.concluded) evaluationStatus = r.chance(0.8) ? EvaluationStatus.VIABLE : EvaluationStatus.NOT_VIABLE;
      else if (p.concertationDone) evaluationStatus = r.weighted([[EvaluationStatus.PENDING, 35], [EvaluationStatus.VIABLE, 50], [EvaluationStatus.NOT_VIABLE, 15]] as const);
      else evaluationStatus = EvaluationStatus.PENDING;
      const evaluationReason = evaluationStatus === EvaluationStatus.NOT_VIABLE
        ? (cost > 250_000_000 && r.chance(0.6) ? COST_REASON : r.pick(NOT_VIABLE_REASONS))
        : null;
      const cui = r.chance(0.18) ? String(r.int(2_300_000, 2_699_999)) : null;
      const description = `${text.desc} Idea de proyecto presentada por ${submitterLabel} en el taller de presupuesto participativo ${year} (distrito de ${places.map((d) => d.name).join(' y ')}).`;

      const row: ProposalRow = {
        id, year, title, description, sector, estimatedCost: fmtCents(cost), beneficiaries, cui, submittedByKind, submittedBy, submittedAt,
        evaluationStatus, evaluationReason, workId: null,
      };
      data.proposals.push(row);
      for (const d of places) data.proposalDistricts.push({ proposalId: id, ubigeo: d.ubigeo });

      // Scores: 3 to 8 accredited agents score every criterion.
      const scores: ScoreRow[] = [];
      const quality = uniform(r, -1.5, 1.5);
      if (evaluationStatus !== EvaluationStatus.NOT_VIABLE && accredited.length > 0) {
        const base: Record<string, number> = {
          POPULATION_BENEFITED: 2.5 + 6.5 * clamp((Math.log10(beneficiaries) - 1.5) / 3, 0, 1),
          DISTRICT_POVERTY: 1.5 + 8 * clamp((district.povertyPct - 4) / 36, 0, 1),
          GAP_CLOSED: text.gap + uniform(r, -1.5, 1.5),
          CO_FINANCING: uniform(r, 2, 8.5),
          PLAN_ALIGNMENT: uniform(r, 5, 9.5),
        };
        const agents = pickDistinct(r, accredited, Math.min(accredited.length, r.int(3, 8)));
        for (const agent of agents) {
          const bias = uniform(r, -0.8, 0.8);
          for (const c of DEFAULT_CRITERIA) {
            const noise = (r.next() + r.next() - 1) * 2.2;
            const score = Math.round(clamp(base[c.code] + quality + bias + noise, 0, 10) * 4) / 4;
            scores.push({ proposalId: id, agentId: agent.id, criterionCode: c.code, score: fmtCents(Math.round(score * 100)) });
          }
        }
      }
      yearProposals.push({ row, district, quality, scores });
    }

    // An exact tie: the second scored proposal of each process gets the first one's score set.
    const scored = yearProposals.filter((x) => x.scores.length > 0);
    if (scored.length >= 2) {
      const [a, b] = scored;
      b.scores = a.scores.map((s) => ({ ...s, proposalId: b.row.id }));
    }
    for (const x of yearProposals) data.scores.push(...x.scores);

    // Past processes: ~40 % of viable proposals, best ranked first, became a municipal work of
    // the same district and sector.
    if (year <= 2025) {
      const aggregate = (scores: ScoreRow[]) => {
        const sums = new Map<string, { sum: number; n: number }>();
        for (const s of scores) {
          const e = sums.get(s.criterionCode) ?? { sum: 0, n: 0 };
          e.sum += Number(s.score);
          e.n += 1;
          sums.set(s.criterionCode, e);
        }
        return DEFAULT_CRITERIA.reduce((t, c) => {
          const e = sums.get(c.code);
          return t + (e ? (c.weight * e.sum) / e.n / 10 : 0);
        }, 0);
      };
      const viable = yearProposals.filter((p) => p.row.evaluationStatus === EvaluationStatus.VIABLE)
        .map((p) => ({ p, score: aggregate(p.scores) }))
        .sort((x, y) => y.score - x.score || (x.p.row.id < y.p.row.id ? -1 : 1));
      const target = Math.round(viable.length * 0.4);
      let linked = 0;
      for (const { p: x } of viable) {
        if (linked >= target) break;
        const candidates = (worksByPlace.get(`${x.district.ubigeo}|${x.row.sector}`) ?? []).filter((w) => !linkedWorks.has(w.id));
        if (candidates.length === 0) continue;
        const later = candidates.filter((w) => (startYearOf(w) ?? 0) >= year - 1);
        const work = (later.length > 0 ? later : candidates)[0];
        linkedWorks.add(work.id);
        x.row.workId = work.id;
        if (work.cui !== null && /^\d{7}$/.test(work.cui)) x.row.cui = work.cui;
        linked++;
      }
    }
  }

  // --- Budget lines ---------------------------------------------------------------------------
  /** Fraction of each month of a year elapsed at the reference date. */
  const availability = (year: number): number[] => Array.from({ length: 12 }, (_, m) => {
    const first = dayOf(year, m, 1);
    const next = dayOf(year, m + 1, 1);
    return clamp((refDay - first) / (next - first), 0, 1);
  });
  const lineFor = (id: string, base: Omit<BudgetLineDraft, 'openingBudget' | 'modifiedBudget' | 'certified' | 'committed' | 'accrued' | 'paid'>,
    amounts: { opening: number; pim: number; certified: number; committed: number; accrued: number[]; paid: number }): BudgetLineRow => ({
    id, ...base,
    openingBudget: fmtCents(amounts.opening), modifiedBudget: fmtCents(amounts.pim), certified: fmtCents(amounts.certified),
    committed: fmtCents(amounts.committed), accrued: amounts.accrued.map(fmtCents), paid: fmtCents(amounts.paid),
  });
  /** Certified, committed and paid around an accrued total, keeping paid ≤ accrued ≤ committed ≤ certified ≤ PIM. */
  const executionAround = (r: Random, pim: number, accrued: number, closed: boolean) => {
    const committed = accrued + Math.floor((pim - accrued) * (closed ? uniform(r, 0, 0.2) : uniform(r, 0.15, 0.55)));
    const certified = committed + Math.floor((pim - committed) * (closed ? uniform(r, 0.05, 0.5) : uniform(r, 0.1, 0.6)));
    const paid = accrued - Math.floor(accrued * (closed ? uniform(r, 0, 0.03) : uniform(r, 0.03, 0.15)));
    return { certified, committed, paid };
  };

  const years: number[] = [...YEARS];
  for (const year of years) {
    const available = availability(year);
    const closed = year < refYear;
    const future = year > refYear;

    // Non-investment lines: 2–5 per department (× scale).
    for (const dept of departments) {
      const dr = createRandom(`budget-lines:${year}:${dept}`);
      const count = Math.max(1, Math.round(dr.int(2, 5) * scale));
      const kinds = DEPARTMENT_LINES[dept] ?? GENERIC_LINES;
      for (let j = 0; j < count; j++) {
        const r = createRandom(`budget-line:${year}:${dept}:${j}`);
        const kind = j < kinds.length && r.chance(0.7) ? kinds[j] : r.pick(kinds);
        const category = r.weighted(kind.categories);
        const [fundingSource, fundingItem] = r.weighted(FUNDING_BY_CATEGORY[category]);
        const profile = CATEGORY_PROFILE[category];
        const pim = soles(r, profile.pim[0], profile.pim[1]);
        let opening = category === CAT.PERSONNEL ? Math.round(pim * uniform(r, 0.87, 1.02) / 100) * 100
          : category === CAT.GOODS ? Math.round(pim * uniform(r, 0.7, 1.25) / 100) * 100
            : r.chance(0.4) ? 0 : Math.round(pim * uniform(r, 0.5, 1.1) / 100) * 100;
        const base = { year, department: dept, functionCode: kind.fn, budgetProgram: kind.program, fundingSource, fundingItem, expenseCategory: category, workId: null, cui: null, ubigeo: null };
        const id = stableId('budget-line', `${year}:${dept}:${j}`);
        if (future) {
          if (opening === 0) opening = Math.round(pim / 200) * 100;
          data.budgetLines.push(lineFor(id, base, { opening, pim: opening, certified: 0, committed: 0, accrued: new Array(12).fill(0), paid: 0 }));
          continue;
        }
        const rate = uniform(r, profile.rate[0], profile.rate[1]);
        const accruedTotal = Math.floor(pim * rate * curveShare(profile.curve, available));
        const accrued = spreadMonths(r, accruedTotal, profile.curve, available);
        data.budgetLines.push(lineFor(id, base, { opening, pim, accrued, ...executionAround(r, pim, accruedTotal, closed) }));
      }
    }
  }

  // Investment lines: one per active municipal work and year.
  const active = works.map((w) => ({ w, plan: investmentPlan(w, refYear) })).filter((x) => x.plan.years.length > 0);
  const withCost = active.filter((x) => parseCents(x.w.investmentCost) !== null);
  // "Money spent but nothing built": about 8 % of the active works, among the started ones with
  // little physical progress, chosen by a hash of the id (independent of the input order).
  const eligible = withCost
    .filter((x) => (x.w.status === 'IN_EXECUTION' || x.w.status === 'SUSPENDED') && x.plan.progress < 40 && x.plan.years.some((y) => y <= refYear))
    .map((x) => ({ x, key: stableId('budget-money-spent', x.w.id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const moneySpent = new Set(eligible.slice(0, Math.round(active.length * 0.08)).map((e) => e.x.w.id));

  const investmentLines: BudgetLineRow[] = [];
  for (const { w, plan } of active) {
    const r = createRandom(`budget-work:${w.id}`);
    const costCents = parseCents(w.investmentCost) ?? soles(r, 300_000, 1_500_000, 100);
    const [fundingSource, fundingItem] = r.weighted(INVESTMENT_FUNDING);
    const ubigeo = w.ubigeos.find((u) => HUANCAYO_UBIGEOS.has(u)) ?? null;
    const firstUbigeo = w.ubigeos.length > 0 && HUANCAYO_UBIGEOS.has(w.ubigeos[0]) ? w.ubigeos[0] : ubigeo;
    const rural = firstUbigeo !== null && districtByUbigeo.get(firstUbigeo)?.area === 'RURAL';
    const department = departmentSet.has(w.department) ? w.department : departmentSet.has('GOP') ? 'GOP' : departments[0];
    if (department === undefined) break;
    const base = {
      department, functionCode: SECTOR_FUNCTION[w.sector] ?? '03', budgetProgram: investmentProgram(w.sector, rural), fundingSource, fundingItem,
      expenseCategory: CAT.ASSETS, workId: w.id, cui: w.cui !== null && /^\d{7}$/.test(w.cui) ? w.cui : null, ubigeo: firstUbigeo,
    };

    // What the work accrues over the years, and how it spreads over them.
    const executed = plan.years.filter((y) => y <= refYear);
    let total: number;
    if (moneySpent.has(w.id)) total = Math.floor(costCents * Math.min(0.97, Math.max(uniform(r, 0.7, 0.95), plan.progress / 100 + 0.45)));
    else if (plan.progress >= 100) total = Math.floor(costCents * uniform(r, 0.93, 1));
    else total = Math.min(costCents, Math.floor(costCents * (plan.progress / 100) * uniform(r, 0.92, 1.05)));
    const yearWeights = executed.map((y) => curveShare(INVESTMENT_CURVE, availability(y)) * uniform(r, 0.6, 1.4));
    const weightSum = yearWeights.reduce((s, v) => s + v, 0);
    if (weightSum <= 0) total = 0;
    const perYear = new Map<number, number>();
    let given = 0;
    executed.forEach((y, k) => {
      const last = k === executed.length - 1;
      const part = last ? total - given : Math.floor((total * yearWeights[k]) / weightSum);
      perYear.set(y, part);
      given += part;
    });

    for (const year of plan.years) {
      const id = stableId('budget-line', `${year}:work:${w.id}`);
      const line = { year, ...base };
      if (year > refYear) {
        const remaining = Math.max(costCents - total, Math.floor(costCents * 0.1));
        const opening = Math.max(100_000, Math.round(remaining * uniform(r, 0.3, 0.8) / 100) * 100);
        investmentLines.push(lineFor(id, line, { opening, pim: opening, certified: 0, committed: 0, accrued: new Array(12).fill(0), paid: 0 }));
        continue;
      }
      const available = availability(year);
      const accruedTotal = perYear.get(year) ?? 0;
      const closed = year < refYear;
      // The year's execution rate (60–92 %); for the current year, the part of it reached so far.
      const rate = uniform(r, 0.6, 0.92) * (closed ? 1 : Math.max(0.3, curveShare(INVESTMENT_CURVE, available)));
      const pim = accruedTotal > 0
        ? Math.ceil(accruedTotal / rate / 100) * 100
        : Math.max(100_000, Math.round(costCents * uniform(r, 0.15, 0.5) / 100) * 100);
      const opening = r.chance(0.35) ? 0 : Math.round(pim * uniform(r, 0.5, 1.1) / 100) * 100;
      const accrued = spreadMonths(r, accruedTotal, INVESTMENT_CURVE, available);
      investmentLines.push(lineFor(id, line, { opening, pim, accrued, ...executionAround(r, pim, accruedTotal, closed) }));
    }
  }
  investmentLines.sort((a, b) => a.year - b.year || (a.workId! < b.workId! ? -1 : a.workId! > b.workId! ? 1 : 0));
  // Keep the lines grouped by year: non-investment lines first, then the works'.
  const all: BudgetLineRow[] = [];
  for (const year of years) {
    for (const l of data.budgetLines) if (l.year === year) all.push(l);
    for (const l of investmentLines) if (l.year === year) all.push(l);
  }
  data.budgetLines = all;
  return data;
}

/**
 * The fiscal years (2024–2027) in which a municipal work has an investment line, from its status
 * and planned start: works in execution or suspended from their start year up to the reference
 * year (and the opening budget of the next one); completed works from their start year for one or
 * two years; cancelled, planned and in-preparation works in their start year only.
 */
function investmentPlan(w: DemoWork, refYear: number): { years: number[]; progress: number } {
  const progress = Number.isFinite(w.physicalProgress) ? clamp(w.physicalProgress, 0, 100) : 0;
  const sy = w.plannedStart && /^\d{4}-\d{2}-\d{2}$/.test(w.plannedStart) ? Number(w.plannedStart.slice(0, 4)) : null;
  let first: number;
  let last: number;
  const status = w.status === 'IN_EXECUTION' || w.status === 'SUSPENDED' || w.status === 'COMPLETED' || w.status === 'CANCELLED'
    ? w.status : w.status === 'PLANNED' || w.status === 'IN_PREPARATION' ? 'NOT_STARTED' : progress > 0 ? 'IN_EXECUTION' : 'NOT_STARTED';
  switch (status) {
    case 'IN_EXECUTION':
    case 'SUSPENDED':
      first = Math.min(sy ?? refYear, refYear);
      last = progress < 100 ? refYear + 1 : refYear;
      break;
    case 'COMPLETED': {
      const start = Math.min(sy ?? refYear - 1, refYear);
      const cost = parseCents(w.investmentCost) ?? 0;
      // Larger works take more than one fiscal year.
      const span = cost > 200_000_000 || createRandom(`budget-work-span:${w.id}`).chance(0.3) ? 1 : 0;
      first = start;
      last = Math.min(refYear, start + span);
      break;
    }
    case 'CANCELLED':
      if (sy === null) return { years: [], progress };
      first = last = sy;
      if (sy > refYear) return { years: [], progress };
      break;
    default:
      if (sy === null) return { years: [], progress };
      first = last = sy;
  }
  const years: number[] = [];
  for (let y = Math.max(first, YEARS[0]); y <= Math.min(last, YEARS[YEARS.length - 1]); y++) years.push(y);
  return { years, progress };
}
