/**
 * Proposals with their aggregate scores, and each year's allocation under both rules. The
 * allocation is computed from the proposals of the whole year (rank depends on all of them), once
 * per request and year.
 */
import { type EntityManager, fromCents, loadDistrictReference, toCents } from '@articula/common';
import type { EvaluationStatus, SubmitterKind } from '../../enums.js';
import type { ProposalGql } from '../process/process.type.js';
import { type Allocation, type AllocationCandidate, type DistrictShare, allocateByPopulation, allocateByScore } from './allocation.js';

export interface ProposalRow {
  id: string;
  year: number;
  title: string;
  description: string;
  sector: string;
  estimatedCost: string;
  beneficiaries: number;
  cui: string | null;
  submittedByKind: SubmitterKind;
  submittedBy: string;
  submittedAt: string;
  evaluation: EvaluationStatus;
  evaluationReason: string | null;
  workId: string | null;
  score: number;
  ubigeos: string[];
}

/** Aggregate score: Σ over the year's criteria of weight × (mean of the agents' scores) ÷ 10, on 0–100. */
export const PROPOSAL_COLUMNS = `p.id::text as id, p.year, p.title, p.description, p.sector, p.estimated_cost::text as "estimatedCost", p.beneficiaries, p.cui::text as cui,
  p.submitted_by_kind as "submittedByKind", p.submitted_by as "submittedBy", p.submitted_at as "submittedAt", p.evaluation_status as evaluation,
  p.evaluation_reason as "evaluationReason", p.work_id::text as "workId",
  coalesce((select round(sum(c.weight * s.mean) / 10, 4) from prioritization_criterion c
            join (select criterion_code, avg(score) as mean from proposal_score where proposal_id = p.id group by criterion_code) s on s.criterion_code = c.code
           where c.year = p.year), 0)::float8 as score,
  array(select ubigeo::text from proposal_district where proposal_id = p.id order by ubigeo) as ubigeos`;

export const toCandidate = (r: ProposalRow): AllocationCandidate => ({
  id: r.id, score: r.score, cost: toCents(r.estimatedCost), submittedAt: new Date(r.submittedAt).toISOString(), evaluation: r.evaluation, evaluationReason: r.evaluationReason, ubigeos: r.ubigeos,
});

export interface YearAllocation {
  year: number;
  ceiling: bigint;
  byId: Map<string, Allocation>;
  fundedByPopulation: Set<string>;
  districts: DistrictShare[];
  allocated: bigint;
}

export async function yearAllocations(em: EntityManager, years: readonly number[]): Promise<(YearAllocation | null)[]> {
  const ph = years.map(() => '?').join(', ');
  const [processes, proposals] = await Promise.all([
    em.execute<{ year: number; ceiling: string }[]>(`select year, ceiling::text as ceiling from participatory_budget where year in (${ph})`, [...years]),
    em.execute<ProposalRow[]>(`select ${PROPOSAL_COLUMNS} from proposal p where p.year in (${ph})`, [...years]),
  ]);
  const population = loadDistrictReference().map((d) => ({ ubigeo: d.ubigeo, population: d.population }));
  return years.map((year) => {
    const process = processes.find((p) => p.year === year);
    if (!process) return null;
    const candidates = proposals.filter((p) => p.year === year).map(toCandidate);
    const ceiling = toCents(process.ceiling);
    const results = allocateByScore(candidates, ceiling);
    const { fundedIds, districts } = allocateByPopulation(candidates, ceiling, population, results);
    const allocated = results.filter((r) => r.funded).reduce((s, r) => s + candidates.find((c) => c.id === r.id)!.cost, 0n);
    return { year, ceiling, byId: new Map(results.map((r) => [r.id, r])), fundedByPopulation: fundedIds, districts, allocated };
  });
}

const money = (cents: bigint | null) => (cents === null ? null : fromCents(cents));

/** A proposal as the API shows it, with its allocation under both rules. */
export function toProposal(row: ProposalRow, allocation: YearAllocation | null): ProposalGql {
  const a = allocation?.byId.get(row.id);
  return {
    id: row.id, year: row.year, title: row.title, description: row.description, sector: row.sector, estimatedCost: row.estimatedCost, beneficiaries: row.beneficiaries,
    cui: row.cui, submittedByKind: row.submittedByKind,
    organization: row.submittedByKind === 'ORGANIZATION' ? { id: row.submittedBy } : null,
    department: row.submittedByKind === 'DEPARTMENT' ? { code: row.submittedBy } : null,
    submittedAt: new Date(row.submittedAt), districts: row.ubigeos.map((ubigeo) => ({ ubigeo })), evaluation: row.evaluation, evaluationReason: row.evaluationReason,
    score: Math.round(row.score * 100) / 100, rank: a?.rank ?? null, decision: a!.decision, funded: a?.funded ?? false,
    cumulativeBefore: money(a?.cumulativeBefore ?? null), remainingBefore: money(a?.remainingBefore ?? null), remainingAfter: money(a?.remainingAfter ?? null),
    explanation: a?.explanation ?? '', fundedUnderPopulationRule: allocation?.fundedByPopulation.has(row.id) ?? false,
    work: row.workId ? { id: row.workId } : null,
  };
}

/** Ranked ones first by rank, then the others by submission. */
export function byRank(a: ProposalGql, b: ProposalGql): number {
  if (a.year !== b.year) return b.year - a.year;
  if (a.rank !== null && b.rank !== null) return a.rank - b.rank;
  if (a.rank !== null) return -1;
  if (b.rank !== null) return 1;
  return a.submittedAt.getTime() - b.submittedAt.getTime() || a.id.localeCompare(b.id);
}
