/**
 * Budget execution read models: amounts summed exactly in PostgreSQL numerics; the execution rate
 * is accrued ÷ modified budget (PIM).
 */
import { type EntityManager, SqlWhere, fromCents, normalizeDecimal, toCents } from '@articula/common';
import { registerEnumType } from 'type-graphql';

export const MONTH_COLUMNS = Array.from({ length: 12 }, (_, i) => `accrued_${String(i + 1).padStart(2, '0')}`);
export const ACCRUED = `(${MONTH_COLUMNS.map((m) => `l.${m}`).join(' + ')})`;

export const AMOUNTS = `coalesce(sum(l.opening_budget), 0)::text as "openingBudget", coalesce(sum(l.modified_budget), 0)::text as "modifiedBudget",
  coalesce(sum(l.certified), 0)::text as certified, coalesce(sum(l.committed), 0)::text as committed, coalesce(sum(${ACCRUED}), 0)::text as accrued,
  coalesce(sum(l.paid), 0)::text as paid, round(sum(${ACCRUED}) / nullif(sum(l.modified_budget), 0), 4)::float8 as "executionRate"`;

export enum ExecutionGroupBy {
  DEPARTMENT = 'DEPARTMENT',
  FUNCTION = 'FUNCTION',
  FUNDING_SOURCE = 'FUNDING_SOURCE',
  EXPENSE_CATEGORY = 'EXPENSE_CATEGORY',
  DISTRICT = 'DISTRICT',
}
registerEnumType(ExecutionGroupBy, { name: 'ExecutionGroupBy' });

const KEY: Record<ExecutionGroupBy, string> = {
  DEPARTMENT: 'l.department',
  FUNCTION: 'l.function_code',
  FUNDING_SOURCE: 'l.funding_source',
  EXPENSE_CATEGORY: 'l.expense_category',
  DISTRICT: `coalesce(l.ubigeo::text, 'NONE')`,
};

export interface ExecutionFilter {
  department?: string[];
  fundingSource?: string[];
}

function where(year: number, filter?: ExecutionFilter) {
  return new SqlWhere().add('l.year = ?', year).in('l.department', filter?.department).in('l.funding_source', filter?.fundingSource);
}

export async function executionBy(em: EntityManager, year: number, groupBy: ExecutionGroupBy, filter?: ExecutionFilter) {
  const w = where(year, filter);
  return em.execute<any[]>(`select ${KEY[groupBy]} as key, ${AMOUNTS} from budget_line l where ${w.sql} group by 1 order by 1`, w.params);
}

/** Accrued per month and cumulative, with the cumulative rate against the PIM: the execution curve. */
export async function executionCurve(em: EntityManager, year: number, filter?: ExecutionFilter) {
  const w = where(year, filter);
  const [row] = await em.execute<any[]>(
    `select coalesce(sum(l.modified_budget), 0)::text as pim, ${MONTH_COLUMNS.map((m, i) => `coalesce(sum(l.${m}), 0)::text as m${i + 1}`).join(', ')} from budget_line l where ${w.sql}`,
    w.params,
  );
  const pim = toCents(row.pim);
  let cumulative = 0n;
  return MONTH_COLUMNS.map((_, i) => {
    const accrued = String(row[`m${i + 1}`]);
    cumulative += toCents(accrued);
    return {
      month: i + 1,
      accrued: normalizeDecimal(accrued),
      cumulativeAccrued: fromCents(cumulative),
      cumulativeRate: pim > 0n ? Number((cumulative * 10000n) / pim) / 10000 : null,
    };
  });
}
