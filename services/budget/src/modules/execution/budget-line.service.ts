/**
 * Budget lines, for the budget department. Every line is checked with the shared rules
 * (budgetLineProblems) before anything is written; the database holds the same invariants.
 * Outcomes: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT (every problem), or the id.
 */
import { randomUUID } from 'node:crypto';
import { type EntityManager, type Identity, badUserInput, isUuid, normalizeDecimal, notFound, recordAudit } from '@articula/common';
import type { BudgetConfig } from '../../loaders.js';
import { recordChange, requireBudgetOfficial } from '../authorization.js';
import { MONTH_COLUMNS } from './execution.queries.js';
import { type BudgetLineDraft, budgetLineProblems } from './budget-line.rules.js';
import type { BudgetLineInput } from './execution.type.js';

const COLUMNS = ['year', 'department', 'function_code', 'budget_program', 'funding_source', 'funding_item', 'expense_category', 'work_id', 'cui', 'ubigeo',
  'opening_budget', 'modified_budget', 'certified', 'committed', ...MONTH_COLUMNS, 'paid'];

export function toDraft(input: BudgetLineInput): BudgetLineDraft {
  return {
    year: input.year, department: input.department, functionCode: input.functionCode, budgetProgram: input.budgetProgram, fundingSource: input.fundingSource,
    fundingItem: input.fundingItem, expenseCategory: input.expenseCategory, workId: input.workId ?? null, cui: input.cui ?? null, ubigeo: input.district ?? null,
    openingBudget: input.openingBudget, modifiedBudget: input.modifiedBudget, certified: input.certified, committed: input.committed, accrued: input.accruedByMonth, paid: input.paid,
  };
}

function values(d: BudgetLineDraft): unknown[] {
  const n = normalizeDecimal;
  return [d.year, d.department, d.functionCode, d.budgetProgram.trim(), d.fundingSource.trim(), d.fundingItem.trim(), d.expenseCategory.trim(), d.workId, d.cui, d.ubigeo,
    n(d.openingBudget), n(d.modifiedBudget), n(d.certified), n(d.committed), ...d.accrued.map(n), n(d.paid)];
}

function check(draft: BudgetLineDraft) {
  const problems = budgetLineProblems(draft).map((p) => ({ ...p, field: p.field === 'ubigeo' ? 'district' : p.field.replace(/^accrued\b/, 'accruedByMonth') }));
  if (problems.length) throw badUserInput(problems);
}

export class BudgetLineService {
  static async create(em: EntityManager, identity: Identity, config: BudgetConfig, input: BudgetLineInput): Promise<string> {
    const actor = requireBudgetOfficial(identity, config);
    const draft = toDraft(input);
    check(draft);
    const id = randomUUID();
    await em.transactional(async (tx) => {
      await tx.execute(`insert into budget_line (id, ${COLUMNS.join(', ')}, source) values (?, ${COLUMNS.map(() => '?').join(', ')}, 'MANUAL')`, [id, ...values(draft)]);
      await recordChange(tx, 'BUDGET_LINE', id, 'CREATED', actor, [{ field: 'line', from: null, to: Object.fromEntries(COLUMNS.map((c, i) => [c, values(draft)[i]])) }]);
      await recordAudit(tx, { entityType: 'BUDGET_LINE', entityId: id, summary: { year: draft.year, department: draft.department, workId: draft.workId } });
    });
    return id;
  }

  static async update(em: EntityManager, identity: Identity, config: BudgetConfig, id: string, input: BudgetLineInput): Promise<string> {
    const actor = requireBudgetOfficial(identity, config);
    const [before] = isUuid(id) ? await em.execute<any[]>(`select ${COLUMNS.map((c) => `${c}::text as ${c}`).join(', ')} from budget_line where id = ?`, [id]) : [];
    if (!before) throw notFound('id', `There is no budget line with id ${id}.`);
    const draft = toDraft(input);
    check(draft);
    const after = values(draft).map((v) => (v === null ? null : String(v)));
    const changes = COLUMNS.map((c, i) => ({ field: c, from: before[c], to: after[i] })).filter((c) => c.from !== c.to);
    const audit = { entityType: 'BUDGET_LINE', entityId: id, summary: { fields: changes.map((c) => c.field) } };
    if (changes.length === 0) {
      // Nothing to write, but the call succeeded: the audit trail still says who asked.
      await em.transactional((tx) => recordAudit(tx, audit));
      return id;
    }
    await em.transactional(async (tx) => {
      await tx.execute(`update budget_line set ${COLUMNS.map((c) => `${c} = ?`).join(', ')}, updated_at = now() where id = ?`, [...values(draft), id]);
      await recordChange(tx, 'BUDGET_LINE', id, 'UPDATED', actor, changes);
      await recordAudit(tx, audit);
    });
    return id;
  }
}
