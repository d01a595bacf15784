/**
 * Public statistics of citizen requests: counts, median days to resolution and the share resolved
 * within the deadline. Cells under MIN_CELL requests are suppressed (every figure null), so that a
 * small district's figures cannot point at a person.
 */
import type { EntityManager } from '@articula/common';
import { RequestGroupBy, type RequestStatsGql } from './request.type.js';

export const MIN_CELL = 5;

const GROUP_KEY: Record<RequestGroupBy, string> = {
  DISTRICT: 'r.ubigeo::text',
  CATEGORY: 'r.category',
  KIND: 'r.kind',
  STATUS: 'r.status',
};

const STATS = `count(*)::int as count,
  (count(*) filter (where r.status = 'RESOLVED'))::int as "resolvedCount",
  round((percentile_cont(0.5) within group (order by extract(epoch from r.closed_at - r.submitted_at) / 86400) filter (where r.status = 'RESOLVED'))::numeric, 1)::float8 as "medianDaysToResolve",
  round((count(*) filter (where r.status = 'RESOLVED' and (r.closed_at at time zone 'America/Lima')::date <= r.due_on))::numeric
    / nullif(count(*) filter (where r.status = 'RESOLVED'), 0), 4)::float8 as "resolvedWithinDeadlineShare",
  (count(*) filter (where r.closed_at is null and r.due_on < ?::date))::int as "overdueCount"`;

export function suppress(row: Omit<RequestStatsGql, 'suppressed'>): RequestStatsGql {
  if ((row.count ?? 0) >= MIN_CELL) return { ...row, suppressed: false };
  return { key: row.key, suppressed: true, count: null, resolvedCount: null, medianDaysToResolve: null, resolvedWithinDeadlineShare: null, overdueCount: null };
}

export async function requestStats(em: EntityManager, groupBy: RequestGroupBy, today: string): Promise<RequestStatsGql[]> {
  const rows = await em.execute<any[]>(`select ${GROUP_KEY[groupBy]} as key, ${STATS} from citizen_request r group by 1 order by 1`, [today]);
  return rows.map(suppress);
}

/** One cell per district (for District.requestStats), all districts in one statement. */
export async function requestStatsByDistrict(em: EntityManager, ubigeos: readonly string[], today: string): Promise<RequestStatsGql[]> {
  const rows = await em.execute<any[]>(
    `select r.ubigeo::text as key, ${STATS} from citizen_request r where r.ubigeo in (${ubigeos.map(() => '?').join(', ')}) group by 1`,
    [today, ...ubigeos],
  );
  const byUbigeo = new Map(rows.map((r) => [r.key, r]));
  return ubigeos.map((u) => suppress(byUbigeo.get(u) ?? { key: u, count: 0, resolvedCount: 0, medianDaysToResolve: null, resolvedWithinDeadlineShare: null, overdueCount: 0 }));
}
