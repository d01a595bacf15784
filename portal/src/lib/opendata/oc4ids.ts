/**
 * The works as an OC4IDS 0.9 project package (Open Contracting for Infrastructure Data Standard), the
 * format CoST and infrastructure-transparency tools read.
 *
 * Only what the portal knows is written: no empty strings, arrays or objects (0.9.3 and later reject them),
 * and fields are left out rather than guessed when a work lacks the data. Nothing in a WorkRecord names a
 * citizen; the contractor is published only as the legal entity it is.
 */

import type { WorkRecord } from '../records.ts';
import type { CatalogMeta } from './types.ts';

export interface Oc4idsOptions {
  /** Registered OC4IDS project identifier prefix, e.g. 'oc4ids-hyo01'; project ids are `${prefix}-${work.id}`. */
  prefix: string;
  /** URI of the package, ideally where it is published. */
  uri: string;
  /** ISO date-time of publication: the export time, or the last change of the contents. */
  publishedDate: string;
  /** URL of the publisher's publication policy, when there is one. */
  publicationPolicy?: string;
}

export type Oc4idsProjectStatus = 'identification' | 'preparation' | 'implementation' | 'completion' | 'completed' | 'cancelled';

/**
 * The projectStatus codelist is closed and has no "suspended": a suspended work is still in its
 * implementation phase, and the suspension is stated in the description. COMPLETED ("culminada") maps to
 * 'completed', not 'completion' (handover and close-out), since the portal records the end of the works.
 */
const STATUS: Record<string, Oc4idsProjectStatus> = {
  PLANNED: 'identification',
  IN_PREPARATION: 'preparation',
  IN_EXECUTION: 'implementation',
  SUSPENDED: 'implementation',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
};

/**
 * MEF budget functions onto the (open) projectSector codelist. Left out on purpose: HOUSING_AND_URBAN_DEVELOPMENT
 * (in Huancayo mostly parks, plazas and cadastre, not the codelist's 'socialHousing') and SOCIAL_PROTECTION
 * (no code fits): a wrong sector misleads more than a missing one.
 */
const SECTOR: Record<string, string[]> = {
  TRANSPORT: ['transport'],
  SANITATION: ['waterAndWaste'],
  HEALTH: ['health'],
  EDUCATION: ['education'],
  ENERGY: ['energy'],
  AGRICULTURE: ['economy'],
  TRADE: ['economy'],
  TOURISM: ['cultureSportsAndRecreation'],
  CULTURE_AND_SPORTS: ['cultureSportsAndRecreation'],
  ENVIRONMENT: ['naturalResources'],
  PUBLIC_ORDER_AND_SECURITY: ['governance'],
  PLANNING_AND_MANAGEMENT: ['governance'],
};

export function oc4idsStatus(status: string): Oc4idsProjectStatus | undefined {
  return STATUS[status];
}

export function oc4idsSector(sector: string): string[] | undefined {
  return SECTOR[sector];
}

/**
 * projectType from what the work is. Invierte.pe names every investment by the nature of the intervention,
 * first word first ("Creación…", "Mejoramiento…", "Ampliación…"), which is exactly what projectType asks.
 * Works and projects named otherwise are taken as construction; activities and actions (maintenance,
 * campaigns) are not construction projects and get no type.
 */
export function oc4idsType(work: Pick<WorkRecord, 'kind' | 'title'>): 'construction' | 'rehabilitation' | 'replacement' | 'expansion' | undefined {
  if (work.kind !== 'WORK' && work.kind !== 'PROJECT') return undefined;
  const first = work.title.trim().split(/\s+/, 1)[0]!.toLocaleLowerCase('es');
  if (/^(mejoramiento|rehabilitaci[oó]n|recuperaci[oó]n|reparaci[oó]n|reforzamiento)$/.test(first)) return 'rehabilitation';
  if (/^(reposici[oó]n|renovaci[oó]n|sustituci[oó]n|reemplazo)$/.test(first)) return 'replacement';
  if (/^(ampliaci[oó]n)$/.test(first)) return 'expansion';
  return 'construction';
}

export function oc4idsPackage(meta: CatalogMeta, works: WorkRecord[], options: Oc4idsOptions): Record<string, unknown> {
  return {
    uri: options.uri,
    publishedDate: options.publishedDate,
    publisher: { name: meta.publisher.name, uri: meta.publisher.url },
    license: meta.licence.url,
    ...(options.publicationPolicy === undefined ? {} : { publicationPolicy: options.publicationPolicy }),
    version: '0.9',
    // The package schema wants at least one project; with no works the caller should not publish a package.
    projects: works.map((work) => project(work, options.prefix)),
  };
}

function project(work: WorkRecord, prefix: string): Record<string, unknown> {
  const status = oc4idsStatus(work.status);
  const sector = oc4idsSector(work.sector);
  const type = oc4idsType(work);
  const period = compact({
    // Once the works start, the actual start is the accurate one; the end stays the planned one, because
    // OC4IDS compares the planned period with completion.endDate.
    startDate: dateTime(work.actual_start ?? work.planned_start),
    endDate: dateTime(work.planned_end ?? work.actual_end),
  });
  const location = projectLocation(work);
  const cost = amount(work.investment_cost);
  const { parties, publicAuthority } = projectParties(work);
  const description = describe(work);
  return {
    id: `${prefix}-${work.id}`,
    ...(work.cui === null || work.cui === '' ? {} : { identifiers: [{ id: work.cui, scheme: 'PE-CUI' }] }),
    updated: work.updated_at,
    ...(nonEmpty(work.title) ? { title: work.title } : {}),
    ...(nonEmpty(description) ? { description } : {}),
    ...(status === undefined ? {} : { status }),
    ...(type === undefined ? {} : { type }),
    ...(sector === undefined ? {} : { sector }),
    ...(period === undefined ? {} : { period }),
    ...(location === undefined ? {} : { locations: [location] }),
    ...(cost === undefined ? {} : { budget: { amount: { amount: cost, currency: 'PEN' } } }),
    parties,
    publicAuthority,
    ...completion(work),
  };
}

/** A suspension has no status code of its own, so the description says it, with the recorded reason. */
function describe(work: WorkRecord): string {
  const base = work.description.trim();
  if (work.status !== 'SUSPENDED') return base;
  const reason = work.suspension_reason?.trim().replace(/\.$/, '');
  const note = `Obra paralizada${reason ? `: ${reason}` : ''}.`;
  return base === '' ? note : `${base} ${note}`;
}

function projectLocation(work: WorkRecord): Record<string, unknown> | undefined {
  const hasPoint = work.latitude !== null && work.longitude !== null;
  const names = work.district_names.filter(nonEmpty);
  const ubigeos = work.district_ubigeos.filter(nonEmpty);
  if (!hasPoint && names.length === 0 && ubigeos.length === 0) return undefined;
  return {
    id: '1',
    ...(names.length === 0 ? {} : { description: names.join(', ') }),
    // GeoJSON order, [longitude, latitude] (older OC4IDS prose says otherwise, its GeoJSON reference does not).
    ...(hasPoint ? { geometry: { type: 'Point', coordinates: [work.longitude, work.latitude] } } : {}),
    ...(ubigeos.length === 0 ? {} : { gazetteer: { scheme: 'PE-UBIGEO', identifiers: ubigeos } }),
  };
}

function projectParties(work: WorkRecord): { parties: Record<string, unknown>[]; publicAuthority: { id: string; name: string } } {
  const executorId = `agency-${work.executor_id}`;
  const parties: Record<string, unknown>[] = [{ id: executorId, name: work.executor_name, roles: ['publicAuthority'] }];
  if (work.department_code !== null && nonEmpty(work.department_name ?? '')) {
    parties.push({ id: `department-${work.department_code}`, name: work.department_name, roles: ['administrativeEntity'] });
  }
  if (work.contractor_name !== null && nonEmpty(work.contractor_name)) {
    // Only a company's RUC (20…) is an organisation identifier; a natural person's would disclose a DNI.
    const ruc = work.contractor_ruc !== null && /^20\d{9}$/.test(work.contractor_ruc) ? work.contractor_ruc : null;
    parties.push({
      id: ruc === null ? `contractor-${work.id}` : `PE-RUC-${ruc}`,
      name: work.contractor_name,
      ...(ruc === null ? {} : { identifier: { scheme: 'PE-RUC', id: ruc, legalName: work.contractor_name } }),
      roles: ['supplier'],
    });
  }
  return { parties, publicAuthority: { id: executorId, name: work.executor_name } };
}

function completion(work: WorkRecord): { completion?: Record<string, unknown> } {
  if (work.status !== 'COMPLETED' || work.actual_end === null) return {};
  const endDate = dateTime(work.actual_end)!;
  const details =
    work.planned_end !== null && work.planned_end !== work.actual_end ? `Fecha de culminación prevista: ${work.planned_end}.` : undefined;
  return { completion: { endDate, ...(details === undefined ? {} : { endDateDetails: details }) } };
}

/**
 * OC4IDS dates are date-times. A record's 'YYYY-MM-DD' is a day in Peru, so it becomes local midnight at
 * UTC−05:00 (Peru keeps no daylight saving time); full date-times pass through.
 */
function dateTime(value: string | null): string | undefined {
  if (value === null || value === '') return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00-05:00` : value;
}

/** Amounts are decimal strings in the records; OC4IDS wants a JSON number. */
function amount(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function compact<T extends Record<string, unknown>>(obj: T): Partial<T> | undefined {
  const entries = Object.entries(obj).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as Partial<T>);
}

function nonEmpty(s: string): boolean {
  return s.trim() !== '';
}
