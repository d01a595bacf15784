/**
 * Read models over works: the filtered, ordered page; aggregates by a dimension; investment per
 * inhabitant by district and by urban/rural area. Money is summed in PostgreSQL numerics and
 * returned as exact decimal strings.
 */
import { type EntityManager, type Page, divideDecimal, sumDecimals } from '@articula/common';
import { registerEnumType } from 'type-graphql';
import { type WorkFilter, type WorkOrder, OrderDirection, WorkOrderField } from './work.input.js';
import { type SqlFragment, DELAYED_SQL, WORK_COLUMNS, toWork, workFilterSql } from './work.sql.js';
import type { WorkType } from './work.type.js';

const ORDER_COLUMNS: Record<WorkOrderField, string> = {
  TITLE: 'w.title',
  INVESTMENT_COST: 'w.investment_cost',
  PHYSICAL_PROGRESS: 'w.physical_progress',
  PLANNED_START: 'w.planned_start',
  PLANNED_END: 'w.planned_end',
  UPDATED_AT: 'w.updated_at',
};

export const DEFAULT_ORDER: WorkOrder = { field: WorkOrderField.TITLE, direction: OrderDirection.ASC };

export async function findWorksPage(
  em: EntityManager,
  filter: WorkFilter | undefined,
  order: WorkOrder = DEFAULT_ORDER,
  page: Page,
  today: string,
  options: { count?: boolean } = {},
): Promise<{ works: WorkType[]; totalCount: number | null; hasNextPage?: boolean }> {
  const where = workFilterSql(filter, today);
  const direction = order.direction === OrderDirection.DESC ? 'desc' : 'asc';
  // Without a total asked for, no count of the whole list: one row past the page tells whether another follows.
  const count = options.count !== false;
  const rows = await em.execute<Record<string, any>[]>(
    `select ${WORK_COLUMNS}${count ? ', count(*) over () as "totalCount"' : ''}
       from work w where ${where.sql}
      order by ${ORDER_COLUMNS[order.field]} ${direction} nulls last, w.id ${direction}
      limit ? offset ?`,
    [today, ...where.params, count ? page.limit : page.limit + 1, page.offset],
  );
  if (!count) return { works: rows.slice(0, page.limit).map(toWork), totalCount: null, hasNextPage: rows.length > page.limit };
  let totalCount = rows.length > 0 ? Number(rows[0]!.totalCount) : 0;
  if (rows.length === 0 && page.offset > 0) {
    const [counted] = await em.execute<{ n: string }[]>(`select count(*) as n from work w where ${where.sql}`, where.params);
    totalCount = Number(counted?.n ?? 0);
  }
  return { works: rows.map(toWork), totalCount };
}

export enum WorkGroupBy {
  DISTRICT = 'DISTRICT',
  AREA = 'AREA',
  DEPARTMENT = 'DEPARTMENT',
  SECTOR = 'SECTOR',
  EXECUTOR = 'EXECUTOR',
  EXECUTOR_LEVEL = 'EXECUTOR_LEVEL',
  STATUS = 'STATUS',
  KIND = 'KIND',
}
registerEnumType(WorkGroupBy, {
  name: 'WorkGroupBy',
  description:
    'Dimension of an aggregate. For DISTRICT and AREA, a work in several districts counts once in each, and its cost is split equally among its districts, so that costs add up to the total.',
});

export interface WorkGroupRow {
  key: string;
  label: string;
  count: number;
  totalInvestment: string;
  averagePhysicalProgress: number | null;
  delayedCount: number;
}

/** Per-work units of a grouping: key, label and the work's cost share under that key. */
function unitsSql(groupBy: WorkGroupBy): string {
  const share = `coalesce(f.investment_cost, 0) / (select count(*) from work_district x where x.work_id = f.id)`;
  switch (groupBy) {
    case WorkGroupBy.DISTRICT:
      return `select d.ubigeo::text as key, d.name as label, f.id, sum(${share}) as cost, max(f.physical_progress) as progress, bool_or(f.delayed) as delayed
                from f join work_district wd on wd.work_id = f.id join district d on d.ubigeo = wd.ubigeo group by d.ubigeo, d.name, f.id`;
    case WorkGroupBy.AREA:
      return `select d.area as key, case d.area when 'URBAN' then 'Urbano' else 'Rural' end as label, f.id, sum(${share}) as cost, max(f.physical_progress) as progress, bool_or(f.delayed) as delayed
                from f join work_district wd on wd.work_id = f.id join district d on d.ubigeo = wd.ubigeo group by d.area, f.id`;
    case WorkGroupBy.DEPARTMENT:
      return `select coalesce(dep.code, 'NONE') as key, coalesce(dep.name, 'Sin gerencia (otras entidades)') as label, f.id, coalesce(f.investment_cost, 0) as cost, f.physical_progress as progress, f.delayed
                from f left join department dep on dep.id = f.department_id`;
    case WorkGroupBy.EXECUTOR:
      return `select a.id::text as key, a.name as label, f.id, coalesce(f.investment_cost, 0) as cost, f.physical_progress as progress, f.delayed from f join agency a on a.id = f.executor_id`;
    case WorkGroupBy.EXECUTOR_LEVEL:
      return `select a.level as key, a.level as label, f.id, coalesce(f.investment_cost, 0) as cost, f.physical_progress as progress, f.delayed from f join agency a on a.id = f.executor_id`;
    case WorkGroupBy.SECTOR:
      return `select f.sector as key, f.sector as label, f.id, coalesce(f.investment_cost, 0) as cost, f.physical_progress as progress, f.delayed from f`;
    case WorkGroupBy.STATUS:
      return `select f.status as key, f.status as label, f.id, coalesce(f.investment_cost, 0) as cost, f.physical_progress as progress, f.delayed from f`;
    case WorkGroupBy.KIND:
      return `select f.kind as key, f.kind as label, f.id, coalesce(f.investment_cost, 0) as cost, f.physical_progress as progress, f.delayed from f`;
  }
}

const FILTERED = (where: SqlFragment) => `with f as (select w.*, coalesce(${DELAYED_SQL}, false) as delayed from work w where ${where.sql})`;

export async function aggregateWorks(em: EntityManager, groupBy: WorkGroupBy, filter: WorkFilter | undefined, today: string) {
  const where = workFilterSql(filter, today);
  const groups = await em.execute<Record<string, any>[]>(
    `${FILTERED(where)}, u as (${unitsSql(groupBy)})
     select key, label, count(*)::int as count, round(sum(cost), 2)::text as "totalInvestment",
            round(avg(progress), 2)::float8 as "averagePhysicalProgress", (count(*) filter (where delayed))::int as "delayedCount"
       from u group by key, label order by key`,
    [today, ...where.params],
  );
  const [total] = await em.execute<Record<string, any>[]>(
    `${FILTERED(where)}
     select 'TOTAL' as key, 'Total' as label, count(*)::int as count, coalesce(sum(investment_cost), 0)::numeric(16,2)::text as "totalInvestment",
            round(avg(physical_progress), 2)::float8 as "averagePhysicalProgress", (count(*) filter (where delayed))::int as "delayedCount"
       from f`,
    [today, ...where.params],
  );
  return { groups: groups as WorkGroupRow[], total: total as WorkGroupRow };
}

export interface DistrictInvestmentRow {
  ubigeo: string;
  name: string;
  area: 'URBAN' | 'RURAL';
  population: number;
  povertyRate: number;
  workCount: number;
  totalInvestment: string;
}

/** Investment in each district (cost split equally among a work's districts), next to its population and poverty. */
export async function investmentByDistrict(em: EntityManager, filter: WorkFilter | undefined, today: string): Promise<DistrictInvestmentRow[]> {
  const where = workFilterSql(filter, today);
  return em.execute<DistrictInvestmentRow[]>(
    `${FILTERED(where)},
     s as (select wd.ubigeo, f.id, coalesce(f.investment_cost, 0) / (select count(*) from work_district x where x.work_id = f.id) as share
             from f join work_district wd on wd.work_id = f.id)
     select d.ubigeo::text as ubigeo, d.name, d.area, d.population, d.poverty_pct::float8 as "povertyRate",
            count(s.id)::int as "workCount", round(coalesce(sum(s.share), 0), 2)::text as "totalInvestment"
       from district d left join s on s.ubigeo = d.ubigeo
      group by d.ubigeo order by d.ubigeo`,
    [today, ...where.params],
  );
}

/**
 * Investment per inhabitant by district (highest first), and for urban and rural districts
 * together, with the poverty rate weighted by population.
 */
export async function investmentPerCapita(em: EntityManager, filter: WorkFilter | undefined, today: string) {
  const rows = await investmentByDistrict(em, filter, today);
  const districts = rows
    .map((r) => ({ ...r, investmentPerInhabitant: divideDecimal(r.totalInvestment, r.population) }))
    .sort((a, b) => Number(b.investmentPerInhabitant) - Number(a.investmentPerInhabitant) || a.ubigeo.localeCompare(b.ubigeo));
  const byArea = (['URBAN', 'RURAL'] as const).map((area) => {
    const of = rows.filter((r) => r.area === area);
    const population = of.reduce((s, r) => s + r.population, 0);
    const totalInvestment = sumDecimals(of.map((r) => r.totalInvestment));
    return {
      area,
      districtCount: of.length,
      population,
      workCount: of.reduce((s, r) => s + r.workCount, 0),
      totalInvestment,
      investmentPerInhabitant: divideDecimal(totalInvestment, population),
      povertyRate: population ? Math.round((of.reduce((s, r) => s + r.povertyRate * r.population, 0) / population) * 100) / 100 : 0,
    };
  });
  return { districts, byArea };
}

