import { InputProblems, PageArgs, SqlWhere, toConnection, toPage } from '@articula/common';
import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { BudgetContext } from '../../loaders.js';
import { BudgetLineService } from './budget-line.service.js';
import { ACCRUED, ExecutionGroupBy, MONTH_COLUMNS, executionBy, executionCurve } from './execution.queries.js';
import { BudgetLineConnection, BudgetLineGql, BudgetLineInput, ExecutionGroupGql, ExecutionMonthGql } from './execution.type.js';

const LINE_COLUMNS = `l.id::text as id, l.year, json_build_object('code', l.department) as department, l.function_code as "functionCode", l.budget_program as "budgetProgram",
  l.funding_source as "fundingSource", l.funding_item as "fundingItem", l.expense_category as "expenseCategory",
  case when l.work_id is null then null else json_build_object('id', l.work_id) end as work, l.cui::text as cui,
  case when l.ubigeo is null then null else json_build_object('ubigeo', l.ubigeo) end as district,
  l.opening_budget::text as "openingBudget", l.modified_budget::text as "modifiedBudget", l.certified::text as certified, l.committed::text as committed,
  ${ACCRUED}::text as accrued, l.paid::text as paid, round(${ACCRUED} / nullif(l.modified_budget, 0), 4)::float8 as "executionRate",
  array[${MONTH_COLUMNS.map((m) => `l.${m}::text`).join(', ')}] as "accruedByMonth"`;

async function lineById(ctx: BudgetContext, id: string): Promise<BudgetLineGql> {
  const [row] = await ctx.em.execute<BudgetLineGql[]>(`select ${LINE_COLUMNS} from budget_line l where l.id = ?`, [id]);
  return row!;
}

@Resolver()
export class ExecutionResolver {
  @Query(() => [ExecutionGroupGql], { description: 'Budget execution of a fiscal year by department, function, funding source, expense category or district.' })
  budgetExecution(
    @Arg('year', () => Int) year: number,
    @Arg('groupBy', () => ExecutionGroupBy) groupBy: ExecutionGroupBy,
    @Ctx() ctx: BudgetContext,
    @Arg('department', () => [String], { nullable: true }) department?: string[],
  ) {
    return executionBy(ctx.em, year, groupBy, { department });
  }

  @Query(() => [ExecutionMonthGql], { description: 'Accrued spending month by month and cumulative (the execution curve), optionally for some departments.' })
  executionCurve(@Arg('year', () => Int) year: number, @Ctx() ctx: BudgetContext, @Arg('department', () => [String], { nullable: true }) department?: string[]) {
    return executionCurve(ctx.em, year, { department });
  }

  @Query(() => BudgetLineConnection, { description: 'Budget lines of a year, largest PIM first.' })
  async budgetLines(
    @Arg('year', () => Int) year: number,
    @Args() args: PageArgs,
    @Ctx() ctx: BudgetContext,
    @Arg('department', () => [String], { nullable: true }) department?: string[],
    @Arg('workId', () => ID, { nullable: true }) workId?: string,
  ) {
    const problems = new InputProblems();
    const page = toPage(args, problems);
    problems.throwIfAny();
    const where = new SqlWhere().add('l.year = ?', year).in('l.department', department);
    if (workId) where.add('l.work_id::text = ?', workId);
    const rows = await ctx.em.execute<any[]>(
      `select ${LINE_COLUMNS}, count(*) over () as "totalCount" from budget_line l where ${where.sql} order by l.modified_budget desc, l.id limit ? offset ?`,
      [...where.params, page.limit, page.offset],
    );
    return toConnection(rows, rows.length ? Number(rows[0].totalCount) : 0, page);
  }

  @Mutation(() => BudgetLineGql, { description: 'Creates a budget line (budget department); the execution invariants are checked.' })
  async createBudgetLine(@Arg('input', () => BudgetLineInput) input: BudgetLineInput, @Ctx() ctx: BudgetContext) {
    return lineById(ctx, await BudgetLineService.create(ctx.em, ctx.identity, ctx.config, input));
  }

  @Mutation(() => BudgetLineGql, { description: 'Replaces a budget line’s classification and amounts (budget department).' })
  async updateBudgetLine(@Arg('id', () => ID) id: string, @Arg('input', () => BudgetLineInput) input: BudgetLineInput, @Ctx() ctx: BudgetContext) {
    return lineById(ctx, await BudgetLineService.update(ctx.em, ctx.identity, ctx.config, id, input));
  }
}
