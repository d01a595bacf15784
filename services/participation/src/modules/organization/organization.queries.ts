import { type EntityManager, type Page, SqlWhere, likePattern } from '@articula/common';
import { ORGANIZATION_COLUMNS } from '../../loaders.js';
import type { OrganizationFilter, OrganizationGql } from './organization.type.js';

export async function findOrganizationsPage(em: EntityManager, filter: OrganizationFilter | undefined, page: Page) {
  const where = new SqlWhere().in('o.ubigeo', filter?.district).in('o.type', filter?.type).in('o.registration_status', filter?.registrationStatus);
  if (filter?.text?.trim()) where.add(`o.name ilike ? escape '\\'`, likePattern(filter.text.trim()));
  const rows = await em.execute<(OrganizationGql & { totalCount: string })[]>(
    `select ${ORGANIZATION_COLUMNS}, count(*) over () as "totalCount" from organization o where ${where.sql} order by o.name, o.id limit ? offset ?`,
    [...where.params, page.limit, page.offset],
  );
  return { nodes: rows as OrganizationGql[], totalCount: rows.length ? Number(rows[0]!.totalCount) : await count(em, `organization o where ${where.sql}`, where.params) };
}

export async function count(em: EntityManager, from: string, params: unknown[]): Promise<number> {
  const [row] = await em.execute<{ n: string }[]>(`select count(*) as n from ${from}`, params);
  return Number(row?.n ?? 0);
}
