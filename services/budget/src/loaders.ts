/** Per-request DataLoaders of the budget subgraph: one statement per kind of nested read. */
import { type BaseContext, type EntityManager, isUuid } from '@articula/common';
import DataLoader from 'dataloader';
import { AMOUNTS } from './modules/execution/execution.queries.js';
import { PROPOSAL_COLUMNS, type ProposalRow, type YearAllocation, yearAllocations } from './modules/proposal/proposal.queries.js';

const ph = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const split = (key: string) => key.split('|');

export interface Amounts {
  openingBudget: string;
  modifiedBudget: string;
  certified: string;
  committed: string;
  accrued: string;
  paid: string;
  executionRate: number | null;
}
const NO_AMOUNTS: Amounts = { openingBudget: '0', modifiedBudget: '0', certified: '0', committed: '0', accrued: '0', paid: '0', executionRate: null };


export function createLoaders(em: EntityManager) {
  return {
    allocation: new DataLoader<number, YearAllocation | null>((years) => yearAllocations(em, years)),
    proposal: new DataLoader<string, ProposalRow | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await em.execute<ProposalRow[]>(`select ${PROPOSAL_COLUMNS} from proposal p where p.id in (${ph(valid.length)})`, valid) : [];
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
    proposalsOfOrganization: new DataLoader<string, ProposalRow[]>(async (ids) => {
      const rows = await em.execute<ProposalRow[]>(`select ${PROPOSAL_COLUMNS} from proposal p where p.submitted_by_kind = 'ORGANIZATION' and p.submitted_by in (${ph(ids.length)})`, [...ids]);
      return ids.map((id) => rows.filter((r) => r.submittedBy === id));
    }),
    /** Key: "year|ubigeo". */
    proposalsOfDistrict: new DataLoader<string, ProposalRow[]>(async (keys) => {
      const pairs = keys.map(split);
      const rows = await em.execute<(ProposalRow & { ubigeo: string })[]>(
        `select pd.ubigeo::text as ubigeo, ${PROPOSAL_COLUMNS} from proposal p join proposal_district pd on pd.proposal_id = p.id
          where (p.year, pd.ubigeo::text) in (${pairs.map(() => '(?::int, ?)').join(', ')})`,
        pairs.flat(),
      );
      return pairs.map(([year, ubigeo]) => rows.filter((r) => String(r.year) === year && r.ubigeo === ubigeo));
    }),
    originProposalOfWork: new DataLoader<string, ProposalRow | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await em.execute<ProposalRow[]>(`select ${PROPOSAL_COLUMNS} from proposal p where p.work_id in (${ph(valid.length)}) order by p.year`, valid) : [];
      return ids.map((id) => rows.find((r) => r.workId === id) ?? null);
    }),
    scoresOf: new DataLoader<string, { code: string; average: number; agents: number }[]>(async (ids) => {
      const rows = await em.execute<{ proposalId: string; code: string; average: number; agents: number }[]>(
        `select proposal_id::text as "proposalId", criterion_code as code, round(avg(score), 2)::float8 as average, count(*)::int as agents
           from proposal_score where proposal_id in (${ph(ids.length)}) group by proposal_id, criterion_code order by criterion_code`, [...ids]);
      return ids.map((id) => rows.filter((r) => r.proposalId === id).map(({ code, average, agents }) => ({ code, average, agents })));
    }),
    /** Key: "workId|cui|year" (year empty: all years). */
    workAmounts: new DataLoader<string, Amounts>(async (keys) => {
      const parts = keys.map(split);
      // A work's lines are those with its id or its CUI (how MEF's data names it), each line once. The
      // two matches are separate index scans on typed values (budget_line_work_idx, budget_line_cui_idx):
      // one join with an OR, or on columns cast to text, read the whole table for every page of works.
      const rows = await em.execute<(Amounts & { key: string })[]>(
        `with k(key, work_id, cui, year) as (values ${parts.map(() => '(?, ?::uuid, ?::char(7), ?::int)').join(', ')}),
              m as (select k.key, l.id from k join budget_line l on l.work_id = k.work_id and (k.year is null or l.year = k.year)
                    union
                    select k.key, l.id from k join budget_line l on l.cui = k.cui and (k.year is null or l.year = k.year))
         select m.key, ${AMOUNTS} from m join budget_line l on l.id = m.id group by m.key`,
        parts.flatMap(([workId, cui, year], i) => [keys[i], isUuid(workId!) ? workId : null, /^\d{7}$/.test(cui ?? '') ? cui : null, year === '' ? null : Number(year)]),
      );
      return keys.map((key) => rows.find((r) => r.key === key) ?? NO_AMOUNTS);
    }),
    /** Key: "code|year". */
    departmentAmounts: new DataLoader<string, Amounts>(async (keys) => {
      const pairs = keys.map(split);
      const rows = await em.execute<(Amounts & { key: string })[]>(
        `select l.department || '|' || l.year as key, ${AMOUNTS} from budget_line l where (l.department, l.year) in (${pairs.map(() => '(?, ?::int)').join(', ')}) group by l.department, l.year`,
        pairs.flat(),
      );
      return keys.map((key) => rows.find((r) => r.key === key) ?? NO_AMOUNTS);
    }),
  };
}

export type BudgetLoaders = ReturnType<typeof createLoaders>;

export interface BudgetConfig {
  /** The department that manages the process and the budget (planeamiento y presupuesto). */
  budgetDepartment: string;
}

export interface BudgetContext extends BaseContext {
  today: string;
  loaders: BudgetLoaders;
  config: BudgetConfig;
}

