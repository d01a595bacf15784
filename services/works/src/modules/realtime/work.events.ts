/**
 * What the works subgraph tells the world after a write: events through PostgreSQL NOTIFY, sent
 * inside the writing transaction (delivered only if it commits), carrying identifiers and the few
 * attributes subscriptions filter on, never rows.
 */
import { type EntityManager, placeholders, publishEvent, publishEvents } from '@articula/common';

export const TOPICS = {
  workChanged: 'work.changed',
  progressReported: 'work.progress',
  alertRaised: 'alert.raised',
  interventionsImported: 'interventions.imported',
} as const;

type Tx = Pick<EntityManager, 'execute'>;
/** Partners listed in one alert event: enough to act on, small enough for NOTIFY's 8,000 bytes. */
const MAX_PARTNERS = 40;

/** What a `work.changed` event carries for filtering. */
export interface ChangedWork { id: string; status: string; level: string; districts: string[] }

/** The works as a `work.changed` event describes them, read back (for writers that do not have them at hand). */
export async function changedWorks(tx: Tx, workIds: string[]): Promise<ChangedWork[]> {
  if (workIds.length === 0) return [];
  return tx.execute<ChangedWork[]>(
    `select w.id::text as id, w.status, a.level, array_agg(wd.ubigeo::text order by wd.ubigeo) as districts
       from work w join agency a on a.id = w.executor_id join work_district wd on wd.work_id = w.id
      where w.id in (${placeholders(workIds.length)}) group by w.id, w.status, a.level`,
    workIds,
  );
}

/** One `work.changed` event per work, with its districts, executor level and status for filtering (a bulk import has them at hand: no query). */
export async function publishWorksChanged(tx: Tx, works: ChangedWork[], action: string): Promise<void> {
  const at = new Date().toISOString();
  await publishEvents(tx, works.map((r) => ({
    topic: TOPICS.workChanged, workId: r.id, action, status: r.status, executorLevel: r.level, districts: [...r.districts].sort(), at,
  })));
}

/** One `work.progress` event per report; for a single report without its districts at hand, they are looked up. */
export async function publishProgressReported(tx: Tx, reports: Array<{ workId: string; date: string; physicalProgress: number; districts?: string[] }>): Promise<void> {
  const events = [];
  for (const r of reports) {
    const ubigeos = r.districts
      ?? (await tx.execute<{ ubigeo: string }[]>('select ubigeo::text as ubigeo from work_district where work_id = ? order by ubigeo', [r.workId])).map((x) => x.ubigeo);
    events.push({ topic: TOPICS.progressReported, workId: r.workId, date: r.date, physicalProgress: r.physicalProgress, districts: [...ubigeos].sort() });
  }
  await publishEvents(tx, events);
}

/**
 * Coordination alerts the given (new or changed) works take part in, as the alerts query defines
 * them: another executor's live work in a shared district and sector with an overlapping period,
 * or the same CUI reported by another executor. One event per work that has any, naming its first
 * partners (whichever the index walk finds first). The walk visits only other executors' works:
 * for each district and each other agency, one range of work_district's footprint index (ubigeo,
 * sector, executor_id), stopping at MAX_PARTNERS + 1; and works of one executor that share their
 * districts, sector and period (an agency's programme of a hundred road repairs) share the walk.
 * It used to walk every work of the district, the executor's own included: importing 100,000
 * works of one agency, detection grew with the square of the import (0.33 s per call at 100,000
 * works, and the largest consumer of PostgreSQL's time in the import).
 */
export async function publishAlertsRaised(tx: Tx, workIds: string[]): Promise<void> {
  if (workIds.length === 0) return;
  const period = (alias: string) => `coalesce(${alias}.actual_start, ${alias}.planned_start)`;
  const ends = (alias: string) => `coalesce(${alias}.actual_end, ${alias}.planned_end, 'infinity'::date)`;
  const rows = await tx.execute<{ id: string; kind: string; sector: string | null; cui: string | null; partners: string[]; districts: string[] }[]>(
    `with batch as materialized (
       select m.id, m.sector, m.executor_id, m.cui, ${period('m')} as starts, ${ends('m')} as ends,
              (select array_agg(ubigeo order by ubigeo) from work_district where work_id = m.id) as districts
         from work m where m.id in (${placeholders(workIds.length)}) and m.status <> 'CANCELLED'),
     footprints as (
       -- works of one executor with the same districts, sector and period have the same partners: found once
       select distinct sector, executor_id, starts, ends, districts from batch where starts is not null and districts is not null),
     partners as materialized (
       select f.*, p.ids from footprints f
        cross join lateral (
          select array_agg(distinct x.id::text) as ids from (
            select o.id from unnest(f.districts) u(ubigeo)
              join agency e on e.id <> f.executor_id
              cross join lateral (
                -- offset 0 keeps this a probe of the footprint index per executor (not one walk of the district filtered by executor)
                select db.work_id from work_district db where db.ubigeo = u.ubigeo and db.sector = f.sector and db.executor_id = e.id offset 0) db
              join work o on o.id = db.work_id
             where o.status <> 'CANCELLED' and ${period('o')} is not null and f.starts <= ${ends('o')} and ${period('o')} <= f.ends
             limit ${MAX_PARTNERS + 1}) x) p
        where p.ids is not null)
     select b.id::text as id, 'OVERLAPPING_INTERVENTIONS' as kind, b.sector, null::text as cui, p.ids as partners, b.districts::text[] as districts
       from batch b
       join partners p on p.sector = b.sector and p.executor_id = b.executor_id and p.starts = b.starts and p.ends = b.ends and p.districts = b.districts
     union all
     select b.id::text, 'SHARED_CUI', null, b.cui::text, p.ids, array[]::text[]
       from batch b
       cross join lateral (
         select array_agg(x.id::text order by x.id) as ids from (
           select o.id from work o where o.cui = b.cui and o.executor_id <> b.executor_id and o.status <> 'CANCELLED' limit ${MAX_PARTNERS + 1}) x) p
      where b.cui is not null and p.ids is not null`,
    workIds,
  );
  await publishEvents(tx, rows.map((r) => ({
    topic: TOPICS.alertRaised, workId: r.id, kind: r.kind, sector: r.sector, cui: r.cui,
    partnerIds: r.partners.slice(0, MAX_PARTNERS), morePartners: r.partners.length > MAX_PARTNERS, districts: r.districts,
  })));
}

export async function publishInterventionsImported(tx: Tx, agencyId: string, keyPrefix: string, counts: { created: number; updated: number; unchanged: number }, changedIds: string[]): Promise<void> {
  await publishEvent(tx, {
    topic: TOPICS.interventionsImported, agencyId, keyPrefix, created: counts.created, updated: counts.updated, unchanged: counts.unchanged,
    workIds: changedIds.slice(0, MAX_PARTNERS), changedCount: changedIds.length,
  });
}
