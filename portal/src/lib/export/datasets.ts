/**
 * The data step's writing half: what each open dataset is (its dictionary, in Spanish) and how its
 * records are made from the gateway's answers. The pages read these same records back from the
 * files, so a figure on a page and the figure in a download come from one place.
 *
 * Citizens' personal data never gets here: the public API has none, and the fields that name a
 * person even lawfully (organization representatives, participating agents, natural-person
 * contractors) are left out of the open datasets on purpose.
 */
import type { Column, DatasetDescriptor } from '../opendata/types.ts';
import type { WorkRecord } from '../records.ts';
import type { Snapshot } from './fetch.ts';

export interface BuiltDataset {
  descriptor: DatasetDescriptor;
  /** Flat records for CSV (and, unless `json` is given, for JSON). */
  rows: Record<string, unknown>[];
  /** Records for the JSON file when they carry more than the CSV (nested lists). */
  json?: unknown[];
  /** A GeoJSON FeatureCollection, for the datasets that have geometry. */
  geojson?: { type: 'FeatureCollection'; features: unknown[] };
  /** Also published as an OC4IDS project package. */
  oc4ids?: boolean;
}

const c = (name: string, datatype: Column['datatype'], title: string, description: string, extra: Partial<Column> = {}): Column => ({ name, title, description, datatype, ...extra });
const opt = { nullable: true };
const soles = (name: string, title: string, description: string, nullable = false): Column =>
  c(name, 'decimal', title, `${description} En soles (PEN), con dos decimales.`, { unit: 'PEN', ...(nullable ? opt : {}) });

/** Amounts always with two decimals: a stable text for checksums and for the personal-data scan. */
export function money(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const text = String(value);
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`not a decimal amount: ${text}`);
  const [whole, fraction = ''] = text.split('.');
  if (fraction.length > 2) throw new Error(`more than two decimals: ${text}`);
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/** The change log stores JSON-encoded values; the dataset shows them as plain text. */
function plain(value: string | null): string | null {
  if (value === null) return null;
  try {
    const parsed = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : JSON.stringify(parsed);
  } catch {
    return value;
  }
}

const isLegalEntity = (ruc: string | null | undefined) => typeof ruc === 'string' && /^20\d{9}$/.test(ruc);

export function workRecord(w: any): WorkRecord {
  const legal = isLegalEntity(w.contractor?.ruc);
  return {
    id: w.id,
    cui: w.cui ?? null,
    infobras_code: w.infobrasCode ?? null,
    title: w.title,
    description: w.description,
    kind: w.kind,
    sector: w.sector,
    status: w.status,
    suspension_reason: w.suspensionReason ?? null,
    executor_id: w.executor.id,
    executor_name: w.executor.name,
    executor_level: w.executor.level,
    department_code: w.department?.code ?? null,
    department_name: w.department?.name ?? null,
    district_ubigeos: w.districts.map((d: any) => d.ubigeo),
    district_names: w.districts.map((d: any) => d.name),
    latitude: w.location?.latitude ?? null,
    longitude: w.location?.longitude ?? null,
    planned_start: w.plannedStart ?? null,
    planned_end: w.plannedEnd ?? null,
    actual_start: w.actualStart ?? null,
    actual_end: w.actualEnd ?? null,
    investment_cost: money(w.investmentCost),
    contract_amount: money(w.contractAmount),
    contractor_name: legal ? w.contractor.name : null,
    contractor_ruc: legal ? w.contractor.ruc : null,
    physical_progress: w.physicalProgress,
    financial_progress: w.financialProgress ?? null,
    progress_gap: w.progressGap ?? null,
    delayed: w.delayed,
    created_at: w.createdAt,
    updated_at: w.updatedAt,
    progress_reports: [...w.progressReports]
      .sort((a: any, b: any) => a.date.localeCompare(b.date))
      .map((r: any) => ({ date: r.date, physical_progress: r.physicalProgress, note: r.note ?? null })),
    history: w.history.map((h: any) => ({
      at: h.at,
      action: h.action,
      actor: h.actorDepartment?.code ?? h.actorAgency?.name ?? (h.actorKind === 'SYSTEM' ? 'Sistema' : h.actorKind),
      changes: h.changes.map((x: any) => ({ field: x.field, from: plain(x.from), to: plain(x.to) })),
    })),
    agreement_ids: (w.agreements ?? []).map((a: any) => a.id),
    origin_proposal_id: w.originProposal?.id ?? null,
  };
}

const WORK_COLUMNS: Column[] = [
  c('id', 'string', 'Identificador', 'Identificador de la intervención en Articula (UUID).'),
  c('cui', 'string', 'CUI', 'Código Único de Inversiones del Invierte.pe (MEF), cuando es una inversión.', opt),
  c('infobras_code', 'string', 'Código Infobras', 'Código de la obra en Infobras (Contraloría).', opt),
  c('title', 'string', 'Nombre', 'Nombre de la obra, proyecto, actividad o acción.'),
  c('description', 'string', 'Descripción', 'Descripción publicada por el ejecutor.'),
  c('kind', 'string', 'Tipo', 'WORK (obra), PROJECT (proyecto), ACTIVITY (actividad) o ACTION (acción).'),
  c('sector', 'string', 'Sector', 'Sector o función, según la clasificación de la API (p. ej. TRANSPORT, SANITATION, EDUCATION).'),
  c('status', 'string', 'Estado', 'PLANNED, IN_PREPARATION, IN_EXECUTION, SUSPENDED, COMPLETED o CANCELLED.'),
  c('suspension_reason', 'string', 'Motivo de paralización', 'Motivo informado cuando la obra está paralizada.', opt),
  c('executor_id', 'string', 'Id del ejecutor', 'Identificador de la entidad que ejecuta (ver el conjunto «entidades»).'),
  c('executor_name', 'string', 'Ejecutor', 'Entidad que ejecuta la intervención.'),
  c('executor_level', 'string', 'Nivel de gobierno', 'NATIONAL (GN), REGIONAL (GR), LOCAL (GL) o PRIVATE (privado).'),
  c('department_code', 'string', 'Gerencia', 'Código de la gerencia municipal responsable, si la ejecuta la municipalidad provincial.', opt),
  c('department_name', 'string', 'Nombre de la gerencia', 'Nombre de la gerencia responsable.', opt),
  c('district_ubigeos', 'string', 'UBIGEO de los distritos', 'Códigos UBIGEO (INEI) de los distritos donde interviene, separados por «|».', { separator: '|' } as Partial<Column>),
  c('district_names', 'string', 'Distritos', 'Nombres de los distritos, separados por «|».', { separator: '|' } as Partial<Column>),
  c('latitude', 'number', 'Latitud', 'Latitud del punto de ubicación (WGS84).', opt),
  c('longitude', 'number', 'Longitud', 'Longitud del punto de ubicación (WGS84).', opt),
  c('planned_start', 'date', 'Inicio programado', 'Fecha de inicio programada.', opt),
  c('planned_end', 'date', 'Fin programado', 'Fecha de término programada.', opt),
  c('actual_start', 'date', 'Inicio real', 'Fecha real de inicio.', opt),
  c('actual_end', 'date', 'Fin real', 'Fecha real de término.', opt),
  soles('investment_cost', 'Costo de inversión', 'Costo total de inversión actualizado.', true),
  soles('contract_amount', 'Monto contratado', 'Monto del contrato de ejecución.', true),
  c('contractor_name', 'string', 'Contratista', 'Razón social del contratista (solo personas jurídicas).', opt),
  c('contractor_ruc', 'string', 'RUC del contratista', 'RUC del contratista (solo personas jurídicas, RUC 20…).', opt),
  c('physical_progress', 'number', 'Avance físico', 'Avance físico según el último informe, en porcentaje.', { unit: '%' }),
  c('financial_progress', 'number', 'Avance financiero', 'Devengado acumulado sobre el costo de inversión, en porcentaje.', { unit: '%', nullable: true }),
  c('progress_gap', 'number', 'Brecha físico-financiera', 'Avance físico menos avance financiero, en puntos porcentuales.', { unit: 'pp', nullable: true }),
  c('delayed', 'boolean', 'Retrasada', 'true cuando la fecha de término programada pasó y no ha concluido.'),
  c('created_at', 'datetime', 'Registrada', 'Fecha y hora de registro (UTC).'),
  c('updated_at', 'datetime', 'Actualizada', 'Fecha y hora de la última actualización (UTC).'),
];

const REPORT_COLUMNS: Column[] = [
  c('work_id', 'string', 'Id de la obra', 'Identificador de la intervención (ver el conjunto «obras»).'),
  c('date', 'date', 'Fecha', 'Fecha del informe de avance.'),
  c('physical_progress', 'number', 'Avance físico', 'Avance físico acumulado informado, en porcentaje.', { unit: '%' }),
  c('note', 'string', 'Nota', 'Nota del informe.', opt),
];

const DISTRICT_COLUMNS: Column[] = [
  c('ubigeo', 'string', 'UBIGEO', 'Código UBIGEO del INEI.'),
  c('ubigeo_reniec', 'string', 'UBIGEO RENIEC', 'Código UBIGEO de RENIEC.'),
  c('name', 'string', 'Distrito', 'Nombre del distrito.'),
  c('area_type', 'string', 'Ámbito', 'URBAN (densidad ≥ 500 hab./km²) o RURAL.'),
  c('population', 'integer', 'Población', 'Población estimada 2020 (INEI).', { unit: 'habitantes' }),
  c('area_km2', 'number', 'Superficie', 'Superficie en km².', { unit: 'km²' }),
  c('density', 'number', 'Densidad', 'Habitantes por km² (2020).', { unit: 'hab./km²' }),
  c('altitude_m', 'integer', 'Altitud', 'Altitud de la capital, en metros.', { unit: 'm' }),
  c('latitude', 'number', 'Latitud', 'Latitud de la capital (WGS84).'),
  c('longitude', 'number', 'Longitud', 'Longitud de la capital (WGS84).'),
  c('hdi', 'number', 'IDH', 'Índice de desarrollo humano 2019 (PNUD).', opt),
  c('poverty_pct', 'number', 'Pobreza', 'Población en pobreza, en porcentaje (INEI).', { unit: '%' }),
  c('extreme_poverty_pct', 'number', 'Pobreza extrema', 'Población en pobreza extrema, en porcentaje (INEI).', { unit: '%' }),
  c('food_insecurity_index', 'number', 'Vulnerabilidad alimentaria', 'Índice de vulnerabilidad a la inseguridad alimentaria (0 a 1).', opt),
  c('work_count', 'integer', 'Intervenciones', 'Intervenciones de todos los ejecutores en el distrito.'),
  soles('total_investment', 'Inversión total', 'Costo de inversión de esas intervenciones; la de varios distritos se reparte entre ellos.'),
  soles('investment_per_inhabitant', 'Inversión por habitante', 'Inversión total entre la población.'),
  c('organization_count', 'integer', 'Organizaciones', 'Organizaciones sociales registradas en el distrito.'),
];

const AREA_COLUMNS: Column[] = [
  c('area_type', 'string', 'Ámbito', 'URBAN o RURAL.'),
  c('district_count', 'integer', 'Distritos', 'Número de distritos del ámbito.'),
  c('population', 'integer', 'Población', 'Población del ámbito.'),
  c('work_count', 'integer', 'Intervenciones', 'Intervenciones en el ámbito (una que abarca ambos cuenta en cada uno).'),
  soles('total_investment', 'Inversión total', 'Inversión en el ámbito.'),
  soles('investment_per_inhabitant', 'Inversión por habitante', 'Inversión total entre la población.'),
  c('poverty_pct', 'number', 'Pobreza', 'Pobreza promedio ponderada por población, en porcentaje.', { unit: '%' }),
];

const DEPARTMENT_COLUMNS: Column[] = [
  c('id', 'string', 'Identificador', 'Identificador de la gerencia.'),
  c('code', 'string', 'Código', 'Sigla de la gerencia (p. ej. GOP).'),
  c('name', 'string', 'Gerencia', 'Nombre de la gerencia.'),
  c('official_title', 'string', 'Cargo del responsable', 'Cargo del funcionario responsable.'),
  c('official_name', 'string', 'Funcionario responsable', 'Nombre del funcionario público responsable (información pública, Ley 27806).'),
];

const AGENCY_COLUMNS: Column[] = [
  c('id', 'string', 'Identificador', 'Identificador de la entidad.'),
  c('name', 'string', 'Entidad', 'Nombre de la entidad.'),
  c('acronym', 'string', 'Sigla', 'Sigla.', opt),
  c('level', 'string', 'Nivel de gobierno', 'NATIONAL (GN), REGIONAL (GR), LOCAL (GL) o PRIVATE.'),
  c('is_municipality', 'boolean', 'Es la municipalidad', 'true para la Municipalidad Provincial de Huancayo.'),
  c('website', 'string', 'Sitio web', 'Sitio web.', opt),
  c('district_ubigeo', 'string', 'UBIGEO', 'Distrito de la sede, si es local.', opt),
];

const ORGANIZATION_COLUMNS: Column[] = [
  c('id', 'string', 'Identificador', 'Identificador de la organización.'),
  c('name', 'string', 'Organización', 'Nombre de la organización social o institución.'),
  c('type', 'string', 'Tipo', 'NEIGHBOURHOOD_BOARD (junta vecinal), PEASANT_COMMUNITY, COMMUNITY_KITCHEN, GLASS_OF_MILK_COMMITTEE, PRODUCERS_OR_TRADE_ASSOCIATION, NGO, EDUCATIONAL_INSTITUTION u OTHER.'),
  c('district_ubigeo', 'string', 'UBIGEO', 'Distrito de la organización.'),
  c('district_name', 'string', 'Distrito', 'Nombre del distrito.'),
  c('registration_number', 'string', 'N.° de registro', 'Número en el registro único de organizaciones sociales (RUOS).'),
  c('registration_date', 'date', 'Fecha de registro', 'Fecha de inscripción.'),
  c('registration_status', 'string', 'Estado del registro', 'ACTIVE, EXPIRED o INACTIVE.'),
];

const MEETING_COLUMNS: Column[] = [
  c('id', 'string', 'Identificador', 'Identificador de la reunión.'),
  c('kind', 'string', 'Tipo', 'COORDINATION_COMMITTEE, DIALOGUE_TABLE, PUBLIC_HEARING, BUDGET_WORKSHOP o FIELD_VISIT.'),
  c('title', 'string', 'Título', 'Título de la reunión.'),
  c('starts_at', 'datetime', 'Inicio', 'Fecha y hora de inicio (UTC).'),
  c('district_ubigeo', 'string', 'UBIGEO', 'Distrito donde se realiza.'),
  c('district_name', 'string', 'Distrito', 'Nombre del distrito.'),
  c('place', 'string', 'Lugar', 'Lugar.'),
  c('convening_department', 'string', 'Gerencia convocante', 'Código de la gerencia que convoca.'),
  c('status', 'string', 'Estado', 'SCHEDULED, HELD o CANCELLED.'),
  c('attendance_count', 'integer', 'Asistentes', 'Número de asistentes registrados.', opt),
  c('agenda', 'string', 'Agenda', 'Agenda.'),
  c('minutes_summary', 'string', 'Resumen del acta', 'Resumen del acta.', opt),
  c('series_id', 'string', 'Serie', 'Identificador de la serie (reuniones periódicas).', opt),
  c('organization_ids', 'string', 'Organizaciones', 'Organizaciones participantes, separadas por «|».', { separator: '|' } as Partial<Column>),
  c('agreement_count', 'integer', 'Acuerdos', 'Acuerdos tomados en la reunión.'),
];

const AGREEMENT_COLUMNS: Column[] = [
  c('id', 'string', 'Identificador', 'Identificador del acuerdo.'),
  c('text', 'string', 'Acuerdo', 'Texto del acuerdo.'),
  c('meeting_id', 'string', 'Reunión', 'Reunión en la que se tomó (ver «reuniones»).'),
  c('meeting_kind', 'string', 'Tipo de reunión', 'Tipo de espacio de diálogo.'),
  c('district_ubigeo', 'string', 'UBIGEO', 'Distrito de la reunión.'),
  c('district_name', 'string', 'Distrito', 'Nombre del distrito.'),
  c('responsible_department', 'string', 'Gerencia responsable', 'Código de la gerencia responsable de cumplirlo.'),
  c('due_date', 'date', 'Plazo', 'Fecha límite de cumplimiento.'),
  c('status', 'string', 'Estado', 'PENDING, IN_PROGRESS, FULFILLED o CANCELLED.'),
  c('overdue', 'boolean', 'Vencido', 'true cuando venció el plazo sin cumplirse.'),
  c('fulfilled_on', 'date', 'Cumplido el', 'Fecha de cumplimiento.', opt),
  c('fulfilled_late', 'boolean', 'Cumplido fuera de plazo', 'true cuando se cumplió después del plazo.', opt),
  c('cancellation_reason', 'string', 'Motivo de anulación', 'Motivo, si se anuló.', opt),
  c('progress', 'number', 'Avance', 'Avance según el último seguimiento, en porcentaje.', { unit: '%' }),
  c('parties', 'string', 'Partes', 'Partes del acuerdo (gerencias, organizaciones, entidades), separadas por «|».', { separator: '|' } as Partial<Column>),
  c('work_ids', 'string', 'Obras', 'Obras relacionadas, separadas por «|».', { separator: '|' } as Partial<Column>),
];

const FOLLOW_UP_COLUMNS: Column[] = [
  c('id', 'string', 'Identificador', 'Identificador del seguimiento.'),
  c('agreement_id', 'string', 'Acuerdo', 'Acuerdo al que corresponde.'),
  c('date', 'date', 'Fecha', 'Fecha del seguimiento.'),
  c('note', 'string', 'Nota', 'Lo informado.'),
  c('evidence_url', 'string', 'Evidencia', 'Enlace al documento de sustento.', opt),
  c('progress', 'number', 'Avance', 'Avance del acuerdo en ese momento, en porcentaje.', { unit: '%' }),
];

const AGREEMENT_STATS_COLUMNS: Column[] = [
  c('group_by', 'string', 'Agrupación', 'DEPARTMENT (por gerencia) o DISTRICT (por distrito).'),
  c('key', 'string', 'Clave', 'Código de gerencia o UBIGEO.'),
  c('label', 'string', 'Nombre', 'Nombre de la gerencia o del distrito.'),
  c('total', 'integer', 'Acuerdos', 'Acuerdos tomados.'),
  c('fulfilled', 'integer', 'Cumplidos', 'Acuerdos cumplidos.'),
  c('fulfilled_on_time', 'integer', 'Cumplidos a tiempo', 'Cumplidos dentro del plazo.'),
  c('overdue', 'integer', 'Vencidos', 'Vencidos sin cumplir.'),
  c('cancelled', 'integer', 'Anulados', 'Anulados.'),
  c('fulfilment_rate', 'number', 'Tasa de cumplimiento', 'Cumplidos entre acuerdos no anulados (0 a 1).', opt),
];

const REQUEST_STATS_COLUMNS: Column[] = [
  c('group_by', 'string', 'Agrupación', 'DISTRICT, CATEGORY, KIND o STATUS.'),
  c('key', 'string', 'Clave', 'UBIGEO, categoría, tipo o estado.'),
  c('label', 'string', 'Nombre', 'Nombre legible de la clave.'),
  c('suppressed', 'boolean', 'Suprimida', 'true cuando la celda tiene menos de 5 pedidos y sus cifras se ocultan para proteger a los vecinos.'),
  c('count', 'integer', 'Pedidos', 'Pedidos recibidos.', opt),
  c('resolved_count', 'integer', 'Atendidos', 'Pedidos atendidos.', opt),
  c('median_days_to_resolve', 'number', 'Mediana de días', 'Mediana de días calendario hasta la atención.', { unit: 'días', nullable: true }),
  c('resolved_within_deadline_share', 'number', 'Atendidos en plazo', 'Proporción atendida dentro del plazo legal (0 a 1).', opt),
  c('overdue_count', 'integer', 'Vencidos', 'Pedidos con plazo vencido sin atender.', opt),
];

const BUDGET_PHASE_COLUMNS: Column[] = [
  c('year', 'integer', 'Año fiscal', 'Año fiscal del presupuesto participativo.'),
  soles('ceiling', 'Techo', 'Monto asignado al presupuesto participativo.'),
  soles('allocated', 'Asignado', 'Suma del costo de las propuestas financiadas.'),
  soles('remaining', 'Saldo', 'Techo menos asignado.'),
  c('current_phase', 'string', 'Fase actual', 'Fase en curso (vacío si el proceso concluyó).', opt),
  c('phase', 'string', 'Fase', 'PREPARATION, CONCERTATION, COORDINATION o FORMALIZATION.'),
  c('planned_start', 'date', 'Inicio programado', 'Inicio programado de la fase.'),
  c('planned_end', 'date', 'Fin programado', 'Fin programado de la fase.'),
  c('actual_start', 'date', 'Inicio real', 'Inicio real.', opt),
  c('actual_end', 'date', 'Fin real', 'Fin real.', opt),
  c('state', 'string', 'Situación', 'DONE, IN_PROGRESS o UPCOMING.'),
];

const PROPOSAL_COLUMNS: Column[] = [
  c('id', 'string', 'Identificador', 'Identificador de la propuesta.'),
  c('year', 'integer', 'Año fiscal', 'Año fiscal del proceso.'),
  c('rank', 'integer', 'Puesto', 'Puesto en la priorización (solo propuestas viables).', opt),
  c('title', 'string', 'Propuesta', 'Nombre de la propuesta.'),
  c('description', 'string', 'Descripción', 'Descripción.'),
  c('sector', 'string', 'Sector', 'Sector.'),
  soles('estimated_cost', 'Costo estimado', 'Costo estimado.'),
  c('beneficiaries', 'integer', 'Beneficiarios', 'Población beneficiaria estimada.'),
  c('cui', 'string', 'CUI', 'CUI, si ya es una inversión registrada.', opt),
  c('submitted_by_kind', 'string', 'Presentada por', 'ORGANIZATION (organización) o DEPARTMENT (gerencia).'),
  c('organization_id', 'string', 'Id de la organización', 'Organización que la presentó.', opt),
  c('organization_name', 'string', 'Organización', 'Nombre de la organización.', opt),
  c('department_code', 'string', 'Gerencia', 'Gerencia que la presentó.', opt),
  c('district_ubigeos', 'string', 'UBIGEO de los distritos', 'Distritos, separados por «|».', { separator: '|' } as Partial<Column>),
  c('district_names', 'string', 'Distritos', 'Nombres de los distritos, separados por «|».', { separator: '|' } as Partial<Column>),
  c('evaluation', 'string', 'Evaluación técnica', 'PENDING, VIABLE o NOT_VIABLE.'),
  c('evaluation_reason', 'string', 'Motivo', 'Motivo de la evaluación.', opt),
  c('score', 'number', 'Puntaje', 'Puntaje ponderado de los agentes participantes (0 a 100).'),
  c('decision', 'string', 'Resultado', 'FUNDED, DOES_NOT_FIT, NOT_VIABLE o PENDING_EVALUATION.'),
  c('funded', 'boolean', 'Financiada', 'true si entra bajo el techo.'),
  soles('cumulative_before', 'Asignado antes', 'Monto asignado a las propuestas mejor puntuadas.', true),
  soles('remaining_after', 'Saldo después', 'Saldo del techo después de esta propuesta.', true),
  c('funded_under_population_rule', 'boolean', 'Financiada con la regla poblacional', 'true si se financiaría repartiendo el techo por población.'),
  c('explanation', 'string', 'Explicación', 'Por qué quedó en ese puesto y con ese resultado.'),
  c('work_id', 'string', 'Obra', 'Obra que la ejecuta, si existe.', opt),
];

const POPULATION_RULE_COLUMNS: Column[] = [
  c('year', 'integer', 'Año fiscal', 'Año fiscal.'),
  c('ubigeo', 'string', 'UBIGEO', 'Distrito.'),
  c('district_name', 'string', 'Distrito', 'Nombre del distrito.'),
  c('population', 'integer', 'Población', 'Población del distrito.'),
  soles('fair_share', 'Parte poblacional', 'Parte del techo proporcional a la población.'),
  soles('allocated_by_score', 'Asignado por puntaje', 'Asignado al distrito por la priorización.'),
  soles('allocated_by_population', 'Asignado por regla poblacional', 'Asignado si se repartiera el techo por población.'),
];

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const BUDGET_LINE_COLUMNS: Column[] = [
  c('id', 'string', 'Identificador', 'Identificador de la línea.'),
  c('year', 'integer', 'Año fiscal', 'Año fiscal.'),
  c('department_code', 'string', 'Gerencia', 'Gerencia (unidad orgánica) responsable.'),
  c('function_code', 'string', 'Función', 'Función del clasificador funcional.'),
  c('budget_program', 'string', 'Programa presupuestal', 'Programa presupuestal.'),
  c('funding_source', 'string', 'Fuente de financiamiento', 'Fuente de financiamiento.'),
  c('funding_item', 'string', 'Rubro', 'Rubro.'),
  c('expense_category', 'string', 'Genérica de gasto', 'Categoría y genérica de gasto.'),
  c('work_id', 'string', 'Obra', 'Obra vinculada.', opt),
  c('cui', 'string', 'CUI', 'CUI de la inversión.', opt),
  c('district_ubigeo', 'string', 'UBIGEO', 'Distrito, si la línea es de un distrito.', opt),
  soles('opening_budget', 'PIA', 'Presupuesto institucional de apertura.'),
  soles('modified_budget', 'PIM', 'Presupuesto institucional modificado.'),
  soles('certified', 'Certificado', 'Monto certificado.'),
  soles('committed', 'Comprometido', 'Compromiso anual.'),
  soles('accrued', 'Devengado', 'Devengado acumulado del año.'),
  soles('paid', 'Girado', 'Monto girado.'),
  ...MONTHS.map((m) => soles(`accrued_m${m}`, `Devengado mes ${m}`, `Devengado en el mes ${Number(m)}.`)),
];

const EVERY_DAY = 'DAILY' as const;

export function buildDatasets(s: Snapshot): BuiltDataset[] {
  const districtName = new Map(s.districts.map((d) => [d.ubigeo, d.name as string]));
  const departmentName = new Map(s.departments.map((d) => [d.code, d.name as string]));
  const investment = new Map(s.investment.districts.map((d) => [d.district.ubigeo, d]));
  const works = s.works.map(workRecord);
  const workFeatures = works.filter((w) => w.latitude !== null && w.longitude !== null).map((w) => ({
    type: 'Feature',
    id: w.id,
    geometry: { type: 'Point', coordinates: [w.longitude, w.latitude] },
    properties: Object.fromEntries(WORK_COLUMNS.map((col) => [col.name, (w as any)[col.name]])),
  }));
  const districtRows = s.districts.map((d) => {
    const inv = investment.get(d.ubigeo);
    return {
      ubigeo: d.ubigeo, ubigeo_reniec: d.ubigeoReniec, name: d.name, area_type: d.area, population: d.population, area_km2: d.areaKm2,
      density: d.density, altitude_m: d.altitude, latitude: d.latitude, longitude: d.longitude, hdi: d.hdi ?? null,
      poverty_pct: d.povertyRate, extreme_poverty_pct: d.extremePovertyRate, food_insecurity_index: d.foodInsecurityIndex ?? null,
      work_count: inv?.workCount ?? 0, total_investment: money(inv?.totalInvestment ?? '0'), investment_per_inhabitant: money(inv?.investmentPerInhabitant ?? '0'),
      organization_count: d.organizations?.totalCount ?? 0,
    };
  });
  const proposalRows = s.proposals.map((p) => ({
    id: p.id, year: p.year, rank: p.rank ?? null, title: p.title, description: p.description, sector: p.sector, estimated_cost: money(p.estimatedCost),
    beneficiaries: p.beneficiaries, cui: p.cui ?? null, submitted_by_kind: p.submittedByKind, organization_id: p.organization?.id ?? null,
    organization_name: p.organization?.name ?? null, department_code: p.department?.code ?? null, district_ubigeos: p.districts.map((d: any) => d.ubigeo),
    district_names: p.districts.map((d: any) => d.name), evaluation: p.evaluation, evaluation_reason: p.evaluationReason ?? null, score: p.score,
    decision: p.decision, funded: p.funded, cumulative_before: money(p.cumulativeBefore), remaining_after: money(p.remainingAfter),
    funded_under_population_rule: p.fundedUnderPopulationRule, explanation: p.explanation, work_id: p.work?.id ?? null,
  }));
  const statsLabel = (groupBy: string, key: string) =>
    groupBy === 'DISTRICT' ? districtName.get(key) ?? key : groupBy === 'DEPARTMENT' ? departmentName.get(key) ?? key : key;

  return [
    {
      descriptor: {
        id: 'obras', title: 'Obras, proyectos, actividades y acciones', frequency: EVERY_DAY, theme: 'GOVE',
        description: 'Todas las intervenciones en la provincia de Huancayo, de la municipalidad y de otros ejecutores (gobierno nacional, regional, municipalidades distritales y privados): estado, fechas, costo, avance físico y financiero. El JSON incluye además los informes de avance, el historial de cambios y los acuerdos relacionados.',
        keywords: ['obras', 'inversión pública', 'avance físico', 'CUI', 'Huancayo'], columns: WORK_COLUMNS,
      },
      rows: works as unknown as Record<string, unknown>[],
      json: works,
      geojson: { type: 'FeatureCollection', features: workFeatures },
      oc4ids: true,
    },
    {
      descriptor: {
        id: 'obras-avances', title: 'Informes de avance de obras', frequency: EVERY_DAY, theme: 'GOVE',
        description: 'Cada informe de avance físico de cada intervención, en orden de fecha: la curva de avance de una obra en el tiempo.',
        keywords: ['avance físico', 'obras', 'seguimiento'], columns: REPORT_COLUMNS,
      },
      rows: works.flatMap((w) => w.progress_reports.map((r) => ({ work_id: w.id, ...r }))),
    },
    {
      descriptor: {
        id: 'distritos', title: 'Distritos de la provincia de Huancayo', frequency: EVERY_DAY, theme: 'REGI',
        description: 'Los 28 distritos con su población, superficie, pobreza e índice de desarrollo humano, junto a la inversión que reciben (total y por habitante) y las organizaciones registradas. El GeoJSON incluye los límites distritales (INEI 2007, simplificados).',
        keywords: ['distritos', 'UBIGEO', 'pobreza', 'inversión por habitante', 'límites'], columns: DISTRICT_COLUMNS,
      },
      rows: districtRows,
      geojson: {
        type: 'FeatureCollection',
        features: s.districts.map((d, i) => ({ type: 'Feature', id: d.ubigeo, geometry: d.boundary, properties: districtRows[i] })),
      },
    },
    {
      descriptor: {
        id: 'inversion-por-ambito', title: 'Inversión urbana y rural', frequency: EVERY_DAY, theme: 'ECON',
        description: 'La inversión de todos los ejecutores en los distritos urbanos y en los rurales, total y por habitante, con su pobreza.',
        keywords: ['inversión', 'urbano', 'rural', 'equidad territorial'], columns: AREA_COLUMNS,
      },
      rows: s.investment.byArea.map((a) => ({
        area_type: a.area, district_count: a.districtCount, population: a.population, work_count: a.workCount,
        total_investment: money(a.totalInvestment), investment_per_inhabitant: money(a.investmentPerInhabitant), poverty_pct: a.povertyRate,
      })),
    },
    {
      descriptor: {
        id: 'gerencias', title: 'Gerencias municipales', frequency: 'MONTHLY', theme: 'GOVE',
        description: 'Las gerencias de la Municipalidad Provincial de Huancayo y su funcionario responsable.',
        keywords: ['gerencias', 'organigrama', 'funcionarios'], columns: DEPARTMENT_COLUMNS,
      },
      rows: s.departments.map((d) => ({ id: d.id, code: d.code, name: d.name, official_title: d.responsibleOfficial.title, official_name: d.responsibleOfficial.name })),
    },
    {
      descriptor: {
        id: 'entidades', title: 'Entidades ejecutoras', frequency: 'MONTHLY', theme: 'GOVE',
        description: 'Las entidades que ejecutan o publican intervenciones en la provincia: gobierno nacional, regional, municipalidades y privados.',
        keywords: ['entidades', 'gobierno nacional', 'gobierno regional', 'municipalidades'], columns: AGENCY_COLUMNS,
      },
      rows: s.agencies.map((a) => ({ id: a.id, name: a.name, acronym: a.acronym ?? null, level: a.level, is_municipality: a.isMunicipality, website: a.website ?? null, district_ubigeo: a.district?.ubigeo ?? null })),
    },
    {
      descriptor: {
        id: 'organizaciones', title: 'Organizaciones sociales', frequency: 'WEEKLY', theme: 'SOCI',
        description: 'Registro de organizaciones sociales e instituciones (juntas vecinales, comunidades campesinas, comedores, comités del vaso de leche y otras). No incluye los nombres de sus representantes.',
        keywords: ['organizaciones sociales', 'juntas vecinales', 'RUOS', 'participación'], columns: ORGANIZATION_COLUMNS,
      },
      rows: s.organizations.map((o) => ({
        id: o.id, name: o.name, type: o.type, district_ubigeo: o.district.ubigeo, district_name: o.district.name,
        registration_number: o.registrationNumber, registration_date: o.registrationDate, registration_status: o.registrationStatus,
      })),
    },
    {
      descriptor: {
        id: 'reuniones', title: 'Espacios de diálogo y reuniones', frequency: EVERY_DAY, theme: 'GOVE',
        description: 'Comités de coordinación, mesas de diálogo, audiencias públicas, talleres de presupuesto participativo y visitas de campo, programados y realizados.',
        keywords: ['mesas de diálogo', 'audiencias públicas', 'participación ciudadana'], columns: MEETING_COLUMNS,
      },
      rows: s.meetings.map((m) => ({
        id: m.id, kind: m.kind, title: m.title, starts_at: m.startsAt, district_ubigeo: m.district.ubigeo, district_name: m.district.name, place: m.place,
        convening_department: m.conveningDepartment.code, status: m.status, attendance_count: m.attendanceCount ?? null, agenda: m.agenda,
        minutes_summary: m.minutesSummary ?? null, series_id: m.seriesId ?? null, organization_ids: m.organizations.map((o: any) => o.id), agreement_count: m.agreements.length,
      })),
    },
    {
      descriptor: {
        id: 'acuerdos', title: 'Acuerdos y su cumplimiento', frequency: EVERY_DAY, theme: 'GOVE',
        description: 'Los acuerdos tomados en los espacios de diálogo (municipalidad, juntas vecinales, distritos y entidades), su responsable, plazo, estado y avance.',
        keywords: ['acuerdos', 'compromisos', 'rendición de cuentas'], columns: AGREEMENT_COLUMNS,
      },
      rows: s.agreements.map((a) => ({
        id: a.id, text: a.text, meeting_id: a.meeting.id, meeting_kind: a.meeting.kind, district_ubigeo: a.meeting.district.ubigeo, district_name: a.meeting.district.name,
        responsible_department: a.responsibleDepartment.code, due_date: a.dueDate, status: a.status, overdue: a.overdue, fulfilled_on: a.fulfilledOn ?? null,
        fulfilled_late: a.fulfilledLate ?? null, cancellation_reason: a.cancellationReason ?? null, progress: a.progress,
        parties: a.parties.map((p: any) => p.department?.code ?? p.organization?.name ?? p.agency?.name).filter(Boolean),
        work_ids: a.works.map((w: any) => w.id),
      })),
    },
    {
      descriptor: {
        id: 'acuerdos-seguimiento', title: 'Seguimiento de acuerdos', frequency: EVERY_DAY, theme: 'GOVE',
        description: 'Cada seguimiento registrado de cada acuerdo: fecha, lo informado, evidencia y avance.',
        keywords: ['acuerdos', 'seguimiento', 'evidencia'], columns: FOLLOW_UP_COLUMNS,
      },
      rows: s.agreements.flatMap((a) => a.followUps.map((f: any) => ({ id: f.id, agreement_id: a.id, date: f.date, note: f.note, evidence_url: f.evidenceUrl ?? null, progress: f.progress }))),
    },
    {
      descriptor: {
        id: 'acuerdos-cumplimiento', title: 'Cumplimiento de acuerdos por gerencia y distrito', frequency: EVERY_DAY, theme: 'GOVE',
        description: 'Acuerdos tomados, cumplidos, cumplidos a tiempo, vencidos y anulados, y la tasa de cumplimiento, por gerencia responsable y por distrito.',
        keywords: ['acuerdos', 'cumplimiento', 'indicadores'], columns: AGREEMENT_STATS_COLUMNS,
      },
      rows: (['department', 'district'] as const).flatMap((g) => s.agreementStats[g].map((r) => {
        const groupBy = g === 'department' ? 'DEPARTMENT' : 'DISTRICT';
        return {
          group_by: groupBy, key: r.key, label: statsLabel(groupBy, r.key), total: r.total, fulfilled: r.fulfilled, fulfilled_on_time: r.fulfilledOnTime,
          overdue: r.overdue, cancelled: r.cancelled, fulfilment_rate: r.fulfilmentRate ?? null,
        };
      })),
    },
    {
      descriptor: {
        id: 'atencion-ciudadana', title: 'Atención de pedidos ciudadanos (estadística anonimizada)', frequency: EVERY_DAY, theme: 'SOCI',
        description: 'Pedidos, quejas, iniciativas y solicitudes de información de los vecinos, agregados por distrito, categoría, tipo y estado: cuántos, cuántos atendidos, en cuántos días y cuántos en plazo. Las celdas con menos de 5 pedidos se suprimen. No contiene ningún pedido individual ni dato personal.',
        keywords: ['atención ciudadana', 'pedidos', 'tiempos de respuesta'], columns: REQUEST_STATS_COLUMNS,
      },
      rows: (['DISTRICT', 'CATEGORY', 'KIND', 'STATUS'] as const).flatMap((g) => s.requestStats[g].map((r) => ({
        group_by: g, key: r.key, label: statsLabel(g, r.key), suppressed: r.suppressed, count: r.count ?? null, resolved_count: r.resolvedCount ?? null,
        median_days_to_resolve: r.medianDaysToResolve ?? null, resolved_within_deadline_share: r.resolvedWithinDeadlineShare ?? null, overdue_count: r.overdueCount ?? null,
      }))),
    },
    {
      descriptor: {
        id: 'presupuesto-participativo', title: 'Presupuesto participativo: procesos y fases', frequency: 'WEEKLY', theme: 'ECON',
        description: 'Cada proceso de presupuesto participativo por año fiscal: techo, monto asignado, saldo y sus fases con fechas programadas y reales. Una fila por fase.',
        keywords: ['presupuesto participativo', 'fases', 'techo presupuestal'], columns: BUDGET_PHASE_COLUMNS,
      },
      rows: s.budgets.flatMap((b) => b.phases.map((p: any) => ({
        year: b.year, ceiling: money(b.ceiling), allocated: money(b.allocated), remaining: money(b.remaining), current_phase: b.currentPhase ?? null,
        phase: p.phase, planned_start: p.plannedStart, planned_end: p.plannedEnd, actual_start: p.actualStart ?? null, actual_end: p.actualEnd ?? null, state: p.state,
      }))),
      json: s.budgets.map((b) => ({
        year: b.year, ceiling: money(b.ceiling), allocated: money(b.allocated), remaining: money(b.remaining), current_phase: b.currentPhase ?? null,
        phases: b.phases.map((p: any) => ({ phase: p.phase, planned_start: p.plannedStart, planned_end: p.plannedEnd, actual_start: p.actualStart ?? null, actual_end: p.actualEnd ?? null, state: p.state })),
        criteria: b.criteria.map((x: any) => ({ code: x.code, name: x.name, weight: x.weight })),
        oversight_committee: b.oversightCommittee.map((m: any) => ({ organization_id: m.organization.id, organization_name: m.organization.name, role: m.role })),
      })),
    },
    {
      descriptor: {
        id: 'presupuesto-participativo-propuestas', title: 'Presupuesto participativo: propuestas y resultados', frequency: 'WEEKLY', theme: 'ECON',
        description: 'Todas las propuestas de cada proceso con su evaluación técnica, puntaje, puesto, resultado (financiada o no, y por qué) y si se financiaría con la regla poblacional.',
        keywords: ['presupuesto participativo', 'propuestas', 'priorización'], columns: PROPOSAL_COLUMNS,
      },
      rows: proposalRows,
      json: s.proposals.map((p, i) => ({ ...proposalRows[i], scores_by_criterion: p.scoresByCriterion.map((x: any) => ({ code: x.code, average: x.average, agents: x.agents })) })),
    },
    {
      descriptor: {
        id: 'presupuesto-participativo-regla-poblacional', title: 'Presupuesto participativo: comparación con la regla poblacional', frequency: 'WEEKLY', theme: 'ECON',
        description: 'Por año y distrito: la parte del techo que le correspondería por población, lo que recibe por la priorización y lo que recibiría repartiendo por población.',
        keywords: ['presupuesto participativo', 'equidad territorial', 'población'], columns: POPULATION_RULE_COLUMNS,
      },
      rows: s.budgets.flatMap((b) => b.populationRule.map((r: any) => ({
        year: b.year, ubigeo: r.district.ubigeo, district_name: r.district.name, population: r.population, fair_share: money(r.fairShare),
        allocated_by_score: money(r.allocatedByScore), allocated_by_population: money(r.allocatedByPopulation),
      }))),
    },
    {
      descriptor: {
        id: 'ejecucion-presupuestal', title: 'Ejecución presupuestal', frequency: EVERY_DAY, theme: 'ECON',
        description: 'Las líneas del presupuesto municipal por año, gerencia, función, fuente de financiamiento y genérica de gasto: PIA, PIM, certificado, comprometido, devengado (también mes a mes) y girado, según el SIAF del MEF.',
        keywords: ['presupuesto', 'ejecución', 'PIM', 'devengado', 'transparencia'], columns: BUDGET_LINE_COLUMNS,
      },
      rows: s.budgetLines.map((l) => ({
        id: l.id, year: l.year, department_code: l.department.code, function_code: l.functionCode, budget_program: l.budgetProgram, funding_source: l.fundingSource,
        funding_item: l.fundingItem, expense_category: l.expenseCategory, work_id: l.work?.id ?? null, cui: l.cui ?? null, district_ubigeo: l.district?.ubigeo ?? null,
        opening_budget: money(l.openingBudget), modified_budget: money(l.modifiedBudget), certified: money(l.certified), committed: money(l.committed),
        accrued: money(l.accrued), paid: money(l.paid), ...Object.fromEntries(MONTHS.map((m, i) => [`accrued_m${m}`, money(l.accruedByMonth[i])])),
      })),
    },
  ];
}
