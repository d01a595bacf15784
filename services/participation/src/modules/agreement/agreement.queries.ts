import { type EntityManager, type Page, SqlWhere } from '@articula/common';
import { AGREEMENT_COLUMNS } from '../../loaders.js';
import { count } from '../organization/organization.queries.js';
import { type AgreementFilter, type AgreementGql, AgreementGroupBy, type AgreementStatsGroupGql } from './agreement.type.js';

const OVERDUE = `(a.status in ('PENDING', 'IN_PROGRESS') and a.due_date < ?::date)`;

function agreementWhere(filter: AgreementFilter | undefined, today: string): SqlWhere {
  const where = new SqlWhere().in('a.responsible_department', filter?.department).in('a.status', filter?.status).in('m.ubigeo', filter?.district).in('m.kind', filter?.meetingKind);
  if (filter?.overdue !== undefined && filter.overdue !== null) where.add(filter.overdue ? OVERDUE : `not ${OVERDUE}`, today);
  return where;
}

/** Agreements, soonest due first. */
export async function findAgreementsPage(em: EntityManager, filter: AgreementFilter | undefined, page: Page, today: string) {
  const where = agreementWhere(filter, today);
  const rows = await em.execute<(AgreementGql & { totalCount: string })[]>(
    `select ${AGREEMENT_COLUMNS}, count(*) over () as "totalCount" from agreement a join meeting m on m.id = a.meeting_id
      where ${where.sql} order by a.due_date, a.id limit ? offset ?`,
    [today, ...where.params, page.limit, page.offset],
  );
  return {
    nodes: rows as AgreementGql[],
    totalCount: rows.length ? Number(rows[0]!.totalCount) : await count(em, `agreement a join meeting m on m.id = a.meeting_id where ${where.sql}`, where.params),
  };
}

const GROUP_KEY: Record<AgreementGroupBy, string> = {
  DEPARTMENT: 'a.responsible_department',
  DISTRICT: 'm.ubigeo::text',
  MEETING_KIND: 'm.kind',
};

/** Fulfilment rate and overdue count by department, district or meeting kind. */
export async function agreementStats(em: EntityManager, groupBy: AgreementGroupBy, filter: AgreementFilter | undefined, today: string): Promise<AgreementStatsGroupGql[]> {
  const where = agreementWhere(filter, today);
  return em.execute<AgreementStatsGroupGql[]>(
    `select ${GROUP_KEY[groupBy]} as key, count(*)::int as total,
            (count(*) filter (where a.status = 'FULFILLED'))::int as fulfilled,
            (count(*) filter (where a.status = 'FULFILLED' and a.fulfilled_on <= a.due_date))::int as "fulfilledOnTime",
            (count(*) filter (where ${OVERDUE}))::int as overdue,
            (count(*) filter (where a.status = 'CANCELLED'))::int as cancelled,
            round((count(*) filter (where a.status = 'FULFILLED'))::numeric / nullif(count(*) filter (where a.status <> 'CANCELLED'), 0), 4)::float8 as "fulfilmentRate"
       from agreement a join meeting m on m.id = a.meeting_id
      where ${where.sql} group by 1 order by 1`,
    [today, ...where.params],
  );
}
