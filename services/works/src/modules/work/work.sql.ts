/**
 * SQL for reading works. Filters become one WHERE clause shared by the list, the aggregates and
 * the per-capita figures, so that their numbers always agree. Values are always bound ('?'), never
 * spliced; list filters expand to one placeholder per value.
 */
import type { EntityManager } from '@articula/common';
import type { WorkFilter } from './work.input.js';
import type { WorkType } from './work.type.js';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** A work is delayed when its planned end has passed and it is neither completed nor cancelled. */
export const DELAYED_SQL = `(w.planned_end < ?::date and w.status not in ('COMPLETED', 'CANCELLED'))`;

export function workFilterSql(filter: WorkFilter | undefined, today: string): SqlFragment {
  const where: string[] = [];
  const params: unknown[] = [];
  const any = <T>(values: T[] | undefined, build: (ph: string) => string) => {
    if (values && values.length > 0) {
      where.push(build(placeholders(values)));
      params.push(...values);
    }
  };
  any(filter?.district, (ph) => `exists (select 1 from work_district wd where wd.work_id = w.id and wd.ubigeo in (${ph}))`);
  any(filter?.department, (ph) => `w.department_id in (select id from department where code in (${ph}))`);
  any(filter?.executor, (ph) => `w.executor_id in (${ph})`);
  any(filter?.executorLevel, (ph) => `w.executor_id in (select id from agency where level in (${ph}))`);
  any(filter?.kind, (ph) => `w.kind in (${ph})`);
  any(filter?.status, (ph) => `w.status in (${ph})`);
  any(filter?.sector, (ph) => `w.sector in (${ph})`);
  if (filter?.area) {
    where.push(`exists (select 1 from work_district wd join district d on d.ubigeo = wd.ubigeo where wd.work_id = w.id and d.area = ?)`);
    params.push(filter.area);
  }
  if (filter?.delayed !== undefined && filter.delayed !== null) {
    where.push(filter.delayed ? DELAYED_SQL : `not coalesce(${DELAYED_SQL}, false)`);
    params.push(today);
  }
  if (filter?.activeFrom) {
    where.push(`coalesce(w.actual_end, w.planned_end, 'infinity'::date) >= ?::date`);
    params.push(filter.activeFrom);
  }
  if (filter?.activeTo) {
    where.push(`coalesce(w.actual_start, w.planned_start, '-infinity'::date) <= ?::date`);
    params.push(filter.activeTo);
  }
  const text = filter?.text?.trim();
  if (text) {
    where.push(`(w.search @@ websearch_to_tsquery('spanish', ?) or w.title ilike ? escape '\\' or w.cui = ?)`);
    params.push(text, `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, text);
  }
  return { sql: where.length ? where.join(' and ') : 'true', params };
}

/** Columns of a work as WorkType wants them. */
export const WORK_COLUMNS = `
  w.id, w.kind, w.cui, w.infobras_code as "infobrasCode", w.title, w.description, w.sector,
  w.executor_id as "executorId", w.department_id as "departmentId",
  w.latitude::float8 as latitude, w.longitude::float8 as longitude,
  w.status, w.suspension_reason as "suspensionReason",
  w.planned_start::text as "plannedStart", w.planned_end::text as "plannedEnd",
  w.actual_start::text as "actualStart", w.actual_end::text as "actualEnd",
  w.investment_cost::text as "investmentCost", w.contract_amount::text as "contractAmount",
  w.contractor_name as "contractorName", w.contractor_ruc as "contractorRuc",
  w.physical_progress::float8 as "physicalProgress", w.external_id as "externalId",
  w.created_at as "createdAt", w.updated_at as "updatedAt",
  coalesce(${DELAYED_SQL}, false) as delayed`;

export function toWork(row: Record<string, any>): WorkType {
  return Object.assign(Object.create(null), row, {
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  }) as WorkType;
}

export async function selectWorks(em: EntityManager, whereSql: string, params: unknown[], today: string, tail = ''): Promise<WorkType[]> {
  const rows = await em.execute<Record<string, any>[]>(`select ${WORK_COLUMNS} from work w where ${whereSql} ${tail}`, [today, ...params]);
  return rows.map(toWork);
}
