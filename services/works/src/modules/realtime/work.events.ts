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

/** One `work.changed` event per work, with its districts, executor level and status for filtering. */
export async function publishWorksChanged(tx: Tx, workIds: string[], action: string): Promise<void> {
  if (workIds.length === 0) return;
  const rows = await tx.execute<{ id: string; status: string; level: string; districts: string[] }[]>(
    `select w.id::text as id, w.status, a.level, array_agg(wd.ubigeo::text order by wd.ubigeo) as districts
       from work w join agency a on a.id = w.executor_id join work_district wd on wd.work_id = w.id
      where w.id in (${placeholders(workIds.length)}) group by w.id, w.status, a.level`,
    workIds,
  );
  const at = new Date().toISOString();
  await publishEvents(tx, rows.map((r) => ({ topic: TOPICS.workChanged, workId: r.id, action, status: r.status, executorLevel: r.level, districts: r.districts, at })));
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
 * partners (whichever the index walk finds first): each lookup stops at MAX_PARTNERS + 1 rows, so
 * the cost per write stays flat however crowded a district and sector become.
 */
export async function publishAlertsRaised(tx: Tx, workIds: string[]): Promise<void> {
  if (workIds.length === 0) return;
  const period = (alias: string) => `coalesce(${alias}.actual_start, ${alias}.planned_start)`;
  const ends = (alias: string) => `coalesce(${alias}.actual_end, ${alias}.planned_end, 'infinity'::date)`;
  const rows = await tx.execute<{ id: string; kind: string; sector: string | null; cui: string | null; partners: string[]; districts: string[] }[]>(
    `select m.id::text as id, 'OVERLAPPING_INTERVENTIONS' as kind, m.sector, null::text as cui, p.ids as partners,
            (select array_agg(ubigeo::text order by ubigeo) from work_district where work_id = m.id) as districts
       from work m
       cross join lateral (
         select array_agg(distinct x.id::text) as ids from (
           select o.id from work_district da
             join work_district db on db.ubigeo = da.ubigeo and db.work_id <> da.work_id
             join work o on o.id = db.work_id
            where da.work_id = m.id and o.sector = m.sector and o.executor_id <> m.executor_id and o.status <> 'CANCELLED'
              and ${period('o')} is not null and ${period('m')} <= ${ends('o')} and ${period('o')} <= ${ends('m')}
            limit ${MAX_PARTNERS + 1}) x) p
      where m.id in (${placeholders(workIds.length)}) and m.status <> 'CANCELLED' and ${period('m')} is not null and p.ids is not null
     union all
     select m.id::text, 'SHARED_CUI', null, m.cui::text, p.ids, array[]::text[]
       from work m
       cross join lateral (
         select array_agg(x.id::text order by x.id) as ids from (
           select o.id from work o where o.cui = m.cui and o.executor_id <> m.executor_id and o.status <> 'CANCELLED' limit ${MAX_PARTNERS + 1}) x) p
      where m.id in (${placeholders(workIds.length)}) and m.cui is not null and m.status <> 'CANCELLED' and p.ids is not null`,
    [...workIds, ...workIds],
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
