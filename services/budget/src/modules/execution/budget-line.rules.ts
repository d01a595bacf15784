/**
 * The rules of a budget line, shared by the API and the MEF importer: amounts are exact decimals
 * (soles) that are not negative, and paid ≤ accrued (Σ months) ≤ committed ≤ certified ≤ modified
 * budget (PIM). The database enforces the same as constraints.
 */
import { DEPARTMENT_CODE, HUANCAYO_UBIGEOS, type InputProblem, isUuid, toCents } from '@articula/common';

export const MONTH_KEYS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

export interface BudgetLineDraft {
  year: number;
  department: string;
  functionCode: string;
  budgetProgram: string;
  fundingSource: string;
  fundingItem: string;
  expenseCategory: string;
  workId: string | null;
  cui: string | null;
  ubigeo: string | null;
  openingBudget: string;
  modifiedBudget: string;
  certified: string;
  committed: string;
  /** Accrued (devengado) per month, January first: 12 decimals. */
  accrued: string[];
  paid: string;
}

const DECIMAL = /^\d{1,14}(\.\d{1,2})?$/;

/** Every problem of a line, with the field it concerns; an empty list means the line is valid. */
export function budgetLineProblems(line: BudgetLineDraft): InputProblem[] {
  const problems: InputProblem[] = [];
  const add = (field: string, reason: string) => problems.push({ field, reason });
  if (!Number.isInteger(line.year) || line.year < 2000 || line.year > 2100) add('year', 'must be a year between 2000 and 2100');
  if (!DEPARTMENT_CODE.test(line.department)) add('department', 'is not a department code');
  if (!/^\d{2}$/.test(line.functionCode)) add('functionCode', 'must be the 2-digit MEF function code');
  for (const field of ['budgetProgram', 'fundingSource', 'fundingItem', 'expenseCategory'] as const) {
    if (line[field].trim().length === 0 || line[field].length > 200) add(field, 'must be between 1 and 200 characters');
  }
  if (line.workId !== null && !isUuid(line.workId)) add('workId', 'is not a work id');
  if (line.cui !== null && !/^\d{7}$/.test(line.cui)) add('cui', 'must be exactly 7 digits');
  if (line.ubigeo !== null && !HUANCAYO_UBIGEOS.has(line.ubigeo)) add('ubigeo', 'is not the UBIGEO of a district of the province of Huancayo');

  const amounts: [string, string][] = [
    ['openingBudget', line.openingBudget], ['modifiedBudget', line.modifiedBudget], ['certified', line.certified], ['committed', line.committed], ['paid', line.paid],
    ...line.accrued.map((v, i) => [`accrued.${MONTH_KEYS[i]}`, v] as [string, string]),
  ];
  if (line.accrued.length !== 12) add('accrued', 'must have the 12 months');
  let shapeOk = true;
  for (const [field, value] of amounts) {
    if (typeof value !== 'string' || value.startsWith('-')) {
      add(field, 'cannot be negative');
      shapeOk = false;
    } else if (!DECIMAL.test(value)) {
      add(field, 'must be an amount in soles with up to 2 decimals');
      shapeOk = false;
    }
  }
  if (!shapeOk || line.accrued.length !== 12) return problems;
  const accrued = line.accrued.reduce((s, v) => s + toCents(v), 0n);
  const [pim, certified, committed, paid] = [line.modifiedBudget, line.certified, line.committed, line.paid].map(toCents) as [bigint, bigint, bigint, bigint];
  if (certified > pim) add('certified', 'cannot exceed the modified budget (PIM)');
  if (committed > certified) add('committed', 'cannot exceed the certified amount');
  if (accrued > committed) add('accrued', 'the accrued total cannot exceed the committed amount');
  if (paid > accrued) add('paid', 'cannot exceed the accrued total');
  return problems;
}
