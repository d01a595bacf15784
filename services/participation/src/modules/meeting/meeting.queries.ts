import { type EntityManager, type Page, SqlWhere } from '@articula/common';
import { MEETING_COLUMNS, toMeeting } from '../../loaders.js';
import { count } from '../organization/organization.queries.js';
import type { MeetingFilter, MeetingGql } from './meeting.type.js';

/** Meetings, newest first. Dates compare in Peru time. */
export async function findMeetingsPage(em: EntityManager, filter: MeetingFilter | undefined, page: Page) {
  const where = new SqlWhere().in('m.ubigeo', filter?.district).in('m.kind', filter?.kind).in('m.status', filter?.status);
  if (filter?.from) where.add(`(m.starts_at at time zone 'America/Lima')::date >= ?::date`, filter.from);
  if (filter?.to) where.add(`(m.starts_at at time zone 'America/Lima')::date <= ?::date`, filter.to);
  const rows = await em.execute<any[]>(
    `select ${MEETING_COLUMNS}, count(*) over () as "totalCount" from meeting m where ${where.sql} order by m.starts_at desc, m.id limit ? offset ?`,
    [...where.params, page.limit, page.offset],
  );
  return { nodes: rows.map(toMeeting) as MeetingGql[], totalCount: rows.length ? Number(rows[0].totalCount) : await count(em, `meeting m where ${where.sql}`, where.params) };
}
