/** Spanish labels for the API's codes, and es-PE formatting, for the pages. */

export const LEVEL: Record<string, string> = { NATIONAL: 'Gobierno nacional', REGIONAL: 'Gobierno regional', LOCAL: 'Gobierno local', PRIVATE: 'Privado' };
export const LEVEL_SHORT: Record<string, string> = { NATIONAL: 'GN', REGIONAL: 'GR', LOCAL: 'GL', PRIVATE: 'Privado' };
export const LEVELS = ['NATIONAL', 'REGIONAL', 'LOCAL', 'PRIVATE'];
export const STATUS: Record<string, string> = {
  PLANNED: 'Programada', IN_PREPARATION: 'En preparación', IN_EXECUTION: 'En ejecución', SUSPENDED: 'Paralizada', COMPLETED: 'Concluida', CANCELLED: 'Cancelada',
};
export const KIND: Record<string, string> = { WORK: 'Obra', PROJECT: 'Proyecto', ACTIVITY: 'Actividad', ACTION: 'Acción' };
export const SECTOR: Record<string, string> = {
  PUBLIC_ORDER_AND_SECURITY: 'Orden público y seguridad', AGRICULTURE: 'Agropecuario', ENERGY: 'Energía', TRADE: 'Comercio', TOURISM: 'Turismo',
  TRANSPORT: 'Transporte', ENVIRONMENT: 'Ambiente', SANITATION: 'Saneamiento', HOUSING_AND_URBAN_DEVELOPMENT: 'Vivienda y desarrollo urbano', HEALTH: 'Salud',
  CULTURE_AND_SPORTS: 'Cultura y deporte', EDUCATION: 'Educación', SOCIAL_PROTECTION: 'Protección social', PLANNING_AND_MANAGEMENT: 'Planeamiento y gestión',
};
export const PHASE: Record<string, string> = { PREPARATION: 'Preparación', CONCERTATION: 'Concertación', COORDINATION: 'Coordinación', FORMALIZATION: 'Formalización' };
export const PHASE_STATE: Record<string, string> = { DONE: 'concluida', IN_PROGRESS: 'en curso', UPCOMING: 'por iniciar' };
export const DECISION: Record<string, string> = { FUNDED: 'Financiada', DOES_NOT_FIT: 'No alcanza el techo', NOT_VIABLE: 'No viable', PENDING_EVALUATION: 'Pendiente de evaluación' };
export const AGREEMENT_STATUS: Record<string, string> = { PENDING: 'Pendiente', IN_PROGRESS: 'En proceso', FULFILLED: 'Cumplido', CANCELLED: 'Anulado' };
export const MEETING_KIND: Record<string, string> = {
  COORDINATION_COMMITTEE: 'Comité de coordinación', DIALOGUE_TABLE: 'Mesa de diálogo', PUBLIC_HEARING: 'Audiencia pública', BUDGET_WORKSHOP: 'Taller de presupuesto participativo', FIELD_VISIT: 'Visita de campo',
};
export const ORGANIZATION_TYPE: Record<string, string> = {
  NEIGHBOURHOOD_BOARD: 'Junta vecinal', PEASANT_COMMUNITY: 'Comunidad campesina', COMMUNITY_KITCHEN: 'Comedor popular', GLASS_OF_MILK_COMMITTEE: 'Comité del Vaso de Leche',
  PRODUCERS_OR_TRADE_ASSOCIATION: 'Asociación de productores o comerciantes', NGO: 'ONG', EDUCATIONAL_INSTITUTION: 'Institución educativa', OTHER: 'Otra',
};
export const REQUEST_GROUP: Record<string, string> = { DISTRICT: 'Distrito', CATEGORY: 'Categoría', KIND: 'Tipo', STATUS: 'Estado' };
export const REQUEST_KEY: Record<string, string> = {
  NEED: 'Necesidad', COMPLAINT: 'Queja o reclamo', INITIATIVE: 'Iniciativa', SUGGESTION: 'Sugerencia', INFORMATION_REQUEST: 'Acceso a la información',
  ROADS_AND_TRANSPORT: 'Vías y transporte', WATER_AND_SANITATION: 'Agua y saneamiento', WASTE_AND_CLEANING: 'Residuos y limpieza', PUBLIC_SAFETY: 'Seguridad ciudadana',
  PARKS_AND_GREEN_AREAS: 'Parques y áreas verdes', STREET_LIGHTING: 'Alumbrado público', SOCIAL_PROGRAMS: 'Programas sociales', MARKETS_AND_COMMERCE: 'Mercados y comercio',
  PROCEDURES_AND_TAXES: 'Trámites y tributos', OTHER: 'Otros',
  RECEIVED: 'Recibido', ASSIGNED: 'Derivado', IN_PROGRESS: 'En atención', RESOLVED: 'Atendido', REJECTED: 'Improcedente',
};
export const AREA: Record<string, string> = { URBAN: 'Urbano', RURAL: 'Rural' };

const integer = new Intl.NumberFormat('es-PE', { maximumFractionDigits: 0 });
const decimal1 = new Intl.NumberFormat('es-PE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const solesFmt = new Intl.NumberFormat('es-PE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const fmtInt = (n: number | null | undefined) => (n === null || n === undefined ? '—' : integer.format(n));
/** Amounts as published (two decimals), e.g. "S/ 1,234,567.50". */
export const fmtSoles = (value: string | number | null | undefined) => (value === null || value === undefined ? '—' : `S/ ${solesFmt.format(Number(value))}`);
/** Large amounts rounded, for headlines: "S/ 12.5 millones". */
export function fmtSolesShort(value: string | number): string {
  const n = Number(value);
  if (Math.abs(n) >= 1e6) return `S/ ${decimal1.format(n / 1e6)} millones`;
  return `S/ ${integer.format(n)}`;
}
export const fmtPct = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${decimal1.format(n)} %`);
export const fmtRate = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${decimal1.format(n * 100)} %`);
const MONTHS = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'set', 'oct', 'nov', 'dic'];
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
export const label = (map: Record<string, string>, key: string | null | undefined) => (key ? map[key] ?? key : '—');
