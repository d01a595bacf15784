/**
 * Coordination alerts, computed from the live works (so an agency's new data shows at once):
 * - OVERLAPPING_INTERVENTIONS: pairs of works by different executors sharing a district and a
 *   sector, whose periods (actual dates where known, else planned; an open end runs on) overlap;
 * - SHARED_CUI: a CUI reported by more than one executor.
 */
import type { EntityManager, Page } from '@articula/common';
import { CoordinationAlertKind, type CoordinationAlertType } from './coordination-alert.type.js';

export interface AlertFilter {
  district?: string;
  kind?: CoordinationAlertKind;
  sector?: string;
  /** Only overlaps that include this date (shared-CUI alerts have no period and always pass). */
  activeOn?: string;
}

export async function findCoordinationAlerts(em: EntityManager, filter: AlertFilter, page: Page): Promise<{ alerts: CoordinationAlertType[]; totalCount: number }> {
  const rows = await em.execute<Record<string, any>[]>(
    `with live as (
       select w.id, w.executor_id, w.sector, w.cui,
              coalesce(w.actual_start, w.planned_start) as starts,
              coalesce(w.actual_end, w.planned_end, 'infinity'::date) as ends
         from work w where w.status <> 'CANCELLED'),
     overlapping as (
       select 'OVERLAPPING_INTERVENTIONS' as kind, a.sector, null::text as cui,
              greatest(a.starts, b.starts) as overlap_from, least(a.ends, b.ends) as overlap_to,
              array[a.id::text, b.id::text] as work_ids,
              array_agg(distinct da.ubigeo::text order by da.ubigeo::text) as ubigeos, 2 as executor_count,
              a.id::text || ':' || b.id::text as sort_key
         from live a
         join work_district da on da.work_id = a.id
         join work_district db on db.ubigeo = da.ubigeo
         join live b on b.id = db.work_id and b.id > a.id and b.sector = a.sector and b.executor_id <> a.executor_id
        where a.starts is not null and b.starts is not null and a.starts <= b.ends and b.starts <= a.ends
        group by a.id, b.id, a.sector, a.starts, b.starts, a.ends, b.ends),
     shared as (
       select 'SHARED_CUI' as kind, null::text as sector, l.cui::text as cui, null::date as overlap_from, null::date as overlap_to,
              array_agg(l.id::text order by l.id) as work_ids,
              (select array_agg(distinct wd.ubigeo::text order by wd.ubigeo::text) from work_district wd join live l2 on l2.id = wd.work_id where l2.cui = l.cui) as ubigeos,
              count(distinct l.executor_id)::int as executor_count, l.cui::text as sort_key
         from live l where l.cui is not null group by l.cui having count(distinct l.executor_id) > 1),
     alerts as (select * from shared union all select * from overlapping)
     select kind, sector, cui, overlap_from::text as "overlapFrom",
            case when overlap_to = 'infinity'::date then null else overlap_to::text end as "overlapTo",
            work_ids as "workIds", ubigeos, executor_count as "executorCount", sort_key,
            count(*) over () as "totalCount"
       from alerts
      where (?::text is null or kind = ?) and (?::text is null or ? = any(ubigeos)) and (?::text is null or sector = ?)
        and (?::date is null or overlap_from is null or (overlap_from <= ?::date and overlap_to >= ?::date))
      order by kind desc, sort_key
      limit ? offset ?`,
    [filter.kind ?? null, filter.kind ?? null, filter.district ?? null, filter.district ?? null, filter.sector ?? null, filter.sector ?? null,
      filter.activeOn ?? null, filter.activeOn ?? null, filter.activeOn ?? null, page.limit, page.offset],
  );
  return {
    totalCount: rows.length ? Number(rows[0]!.totalCount) : 0,
    alerts: rows.map((r) => ({
      id: `${r.kind === 'SHARED_CUI' ? 'cui' : 'overlap'}:${r.sort_key}`,
      kind: r.kind as CoordinationAlertKind,
      sector: r.sector,
      cui: r.cui,
      overlapFrom: r.overlapFrom,
      overlapTo: r.overlapTo,
      executorCount: r.executorCount,
      workIds: r.workIds,
      ubigeos: r.ubigeos ?? [],
    })),
  };
}
