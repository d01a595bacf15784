/** Loads the budget's demo data into an empty schema, in one transaction. */
import { type EntityManager, insertRows } from '@articula/common';
import { MONTH_COLUMNS } from '../modules/execution/execution.queries.js';
import { type BudgetDemoInputs, generateBudgetDemoData } from './demo-data.js';

export async function isEmpty(em: EntityManager): Promise<boolean> {
  const [row] = await em.execute<{ n: number }[]>('select count(*)::int as n from participatory_budget');
  return row!.n === 0;
}

export async function seed(em: EntityManager, inputs: BudgetDemoInputs, scale = 1): Promise<{ proposals: number; budgetLines: number }> {
  const d = generateBudgetDemoData(inputs, { scale });
  await em.transactional(async (tx) => {
    await insertRows(tx, 'participatory_budget', ['year', 'ceiling'], d.processes.map((p) => [p.year, p.ceiling]));
    await insertRows(tx, 'budget_phase', ['year', 'phase', 'position', 'planned_start', 'planned_end', 'actual_start', 'actual_end'],
      d.phases.map((p) => [p.year, p.phase, p.position, p.plannedStart, p.plannedEnd, p.actualStart, p.actualEnd]));
    await insertRows(tx, 'prioritization_criterion', ['year', 'code', 'name', 'weight', 'position'], d.criteria.map((c) => [c.year, c.code, c.name, c.weight, c.position]));
    await insertRows(tx, 'oversight_member', ['year', 'organization_id', 'role'], d.oversight.map((o) => [o.year, o.organizationId, o.role]));
    await insertRows(tx, 'participating_agent', ['id', 'year', 'organization_id', 'name', 'accreditation_status', 'accredited_on'],
      d.agents.map((a) => [a.id, a.year, a.organizationId, a.name, a.accreditationStatus, a.accreditedOn]));
    await insertRows(tx, 'proposal', ['id', 'year', 'title', 'description', 'sector', 'estimated_cost', 'beneficiaries', 'cui', 'submitted_by_kind', 'submitted_by', 'submitted_at', 'evaluation_status', 'evaluation_reason', 'work_id'],
      d.proposals.map((p) => [p.id, p.year, p.title, p.description, p.sector, p.estimatedCost, p.beneficiaries, p.cui, p.submittedByKind, p.submittedBy, p.submittedAt, p.evaluationStatus, p.evaluationReason, p.workId]));
    await insertRows(tx, 'proposal_district', ['proposal_id', 'ubigeo'], d.proposalDistricts.map((p) => [p.proposalId, p.ubigeo]));
    await insertRows(tx, 'proposal_score', ['proposal_id', 'agent_id', 'criterion_code', 'score'], d.scores.map((s) => [s.proposalId, s.agentId, s.criterionCode, s.score]));
    await insertRows(tx, 'budget_line', ['id', 'year', 'department', 'function_code', 'budget_program', 'funding_source', 'funding_item', 'expense_category', 'work_id', 'cui', 'ubigeo',
      'opening_budget', 'modified_budget', 'certified', 'committed', ...MONTH_COLUMNS, 'paid', 'source'],
      d.budgetLines.map((l) => [l.id, l.year, l.department, l.functionCode, l.budgetProgram, l.fundingSource, l.fundingItem, l.expenseCategory, l.workId, l.cui, l.ubigeo,
        l.openingBudget, l.modifiedBudget, l.certified, l.committed, ...l.accrued, l.paid, 'DEMO']));
  });
  return { proposals: d.proposals.length, budgetLines: d.budgetLines.length };
}
