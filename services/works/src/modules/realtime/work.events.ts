/**
 * What the works subgraph tells the world after a write: events through PostgreSQL NOTIFY, sent
 * inside the writing transaction (delivered only if it commits), carrying identifiers and the few
 * attributes subscriptions filter on, never rows.
 */
import { type EntityManager, placeholders, publishEvent } from '@articula/common';

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
  for (const r of rows) {
    await publishEvent(tx, { topic: TOPICS.workChanged, workId: r.id, action, status: r.status, executorLevel: r.level, districts: r.districts, at });
  }
}

export async function publishProgressReported(tx: Tx, workId: string, date: string, physicalProgress: number): Promise<void> {
  const rows = await tx.execute<{ ubigeo: string }[]>('select ubigeo::text as ubigeo from work_district where work_id = ? order by ubigeo', [workId]);
  await publishEvent(tx, { topic: TOPICS.progressReported, workId, date, physicalProgress, districts: rows.map((r) => r.ubigeo) });
}

/**
 * Coordination alerts the given (new or changed) works take part in, as the alerts query defines
 * them: another executor's live work in a shared district and sector with an overlapping period,
 * or the same CUI reported by another executor. One event per work that has any.
 */
export async function publishAlertsRaised(tx: Tx, workIds: string[]): Promise<void> {
  if (workIds.length === 0) return;
  const rows = await tx.execute<{ id: string; kind: string; sector: string | null; cui: string | null; partners: string[]; districts: string[] }[]>(
    `with live as (
       select w.id, w.executor_id, w.sector, w.cui, coalesce(w.actual_start, w.planned_start) as starts,
              coalesce(w.actual_end, w.planned_end, 'infinity'::date) as ends
         from work w where w.status <> 'CANCELLED'),
     mine as (select * from live where id in (${placeholders(workIds.length)}))
     select m.id::text as id, 'OVERLAPPING_INTERVENTIONS' as kind, m.sector, null::text as cui,
            array_agg(distinct o.id::text) as partners, array_agg(distinct da.ubigeo::text) as districts
       from mine m
       join work_district da on da.work_id = m.id
       join work_district db on db.ubigeo = da.ubigeo
       join live o on o.id = db.work_id and o.id <> m.id and o.sector = m.sector and o.executor_id <> m.executor_id
      where m.starts is not null and o.starts is not null and m.starts <= o.ends and o.starts <= m.ends
      group by m.id, m.sector
     union all
     select m.id::text, 'SHARED_CUI', null, m.cui::text, array_agg(distinct o.id::text), array[]::text[]
       from mine m join live o on o.cui = m.cui and o.executor_id <> m.executor_id
      where m.cui is not null group by m.id, m.cui`,
    workIds,
  );
  for (const r of rows) {
    await publishEvent(tx, {
      topic: TOPICS.alertRaised, workId: r.id, kind: r.kind, sector: r.sector, cui: r.cui,
      partnerIds: r.partners.sort().slice(0, MAX_PARTNERS), partnerCount: r.partners.length, districts: r.districts,
    });
  }
}

export async function publishInterventionsImported(tx: Tx, agencyId: string, keyPrefix: string, counts: { created: number; updated: number; unchanged: number }, changedIds: string[]): Promise<void> {
  await publishEvent(tx, {
    topic: TOPICS.interventionsImported, agencyId, keyPrefix, created: counts.created, updated: counts.updated, unchanged: counts.unchanged,
    workIds: changedIds.slice(0, MAX_PARTNERS), changedCount: changedIds.length,
  });
}
