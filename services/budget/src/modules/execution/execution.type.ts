import { DateScalar, DecimalScalar, PageInfo } from '@articula/common';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DepartmentRef, DistrictRef, WorkRef } from '../federation/refs.type.js';

@ObjectType('BudgetAmounts', { description: 'Budget amounts in soles (PIA, PIM, certificación, compromiso, devengado, girado) and the execution rate.' })
export class AmountsGql {
  @Field(() => DecimalScalar, { description: 'PIA: opening budget.' }) openingBudget!: string;
  @Field(() => DecimalScalar, { description: 'PIM: modified budget.' }) modifiedBudget!: string;
  @Field(() => DecimalScalar) certified!: string;
  @Field(() => DecimalScalar) committed!: string;
  @Field(() => DecimalScalar, { description: 'Devengado.' }) accrued!: string;
  @Field(() => DecimalScalar, { description: 'Girado.' }) paid!: string;
  @Field(() => Float, { nullable: true, description: 'Accrued ÷ PIM, 0–1 (null without PIM).' }) executionRate!: number | null;
}

@ObjectType('ExecutionGroup')
export class ExecutionGroupGql extends AmountsGql {
  @Field({ description: 'Department code, function code, funding source, expense category or UBIGEO (NONE when not by district).' }) key!: string;
}

@ObjectType('ExecutionMonth')
export class ExecutionMonthGql {
  @Field(() => Int) month!: number;
  @Field(() => DecimalScalar) accrued!: string;
  @Field(() => DecimalScalar) cumulativeAccrued!: string;
  @Field(() => Float, { nullable: true, description: 'Cumulative accrued ÷ PIM.' }) cumulativeRate!: number | null;
}

@ObjectType('BudgetLine', { description: 'A budget line: classification, amounts and monthly accrued spending.' })
export class BudgetLineGql extends AmountsGql {
  @Field(() => ID) id!: string;
  @Field(() => Int) year!: number;
  @Field(() => DepartmentRef) department!: DepartmentRef;
  @Field({ description: 'MEF function code (2 digits).' }) functionCode!: string;
  @Field() budgetProgram!: string;
  @Field({ description: 'Fuente de financiamiento.' }) fundingSource!: string;
  @Field({ description: 'Rubro.' }) fundingItem!: string;
  @Field({ description: 'Genérica de gasto.' }) expenseCategory!: string;
  @Field(() => WorkRef, { nullable: true }) work!: WorkRef | null;
  @Field(() => String, { nullable: true }) cui!: string | null;
  @Field(() => DistrictRef, { nullable: true }) district!: DistrictRef | null;
  @Field(() => [DecimalScalar], { description: 'Accrued per month, January first.' }) accruedByMonth!: string[];
}

@ObjectType('BudgetLineEdge')
export class BudgetLineEdge {
  @Field() cursor!: string;
  @Field(() => BudgetLineGql) node!: BudgetLineGql;
}

@ObjectType('BudgetLineConnection')
export class BudgetLineConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => [BudgetLineEdge]) edges!: BudgetLineEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@InputType('BudgetLineInput', { description: 'Amounts are decimals in soles; paid ≤ accrued ≤ committed ≤ certified ≤ PIM.' })
export class BudgetLineInput {
  @Field(() => Int) year!: number;
  @Field() department!: string;
  @Field() functionCode!: string;
  @Field() budgetProgram!: string;
  @Field() fundingSource!: string;
  @Field() fundingItem!: string;
  @Field() expenseCategory!: string;
  @Field(() => ID, { nullable: true }) workId?: string;
  @Field({ nullable: true }) cui?: string;
  @Field({ nullable: true }) district?: string;
  @Field(() => DecimalScalar) openingBudget!: string;
  @Field(() => DecimalScalar) modifiedBudget!: string;
  @Field(() => DecimalScalar) certified!: string;
  @Field(() => DecimalScalar) committed!: string;
  @Field(() => [DecimalScalar], { description: 'Accrued per month, 12 values, January first.' }) accruedByMonth!: string[];
  @Field(() => DecimalScalar) paid!: string;
}

@InputType('CriterionScoreInput')
export class CriterionScoreInput {
  @Field() criterion!: string;
  @Field(() => Float, { description: '0 to 10.' }) score!: number;
}

@InputType('PhaseDatesInput')
export class PhaseDatesInput {
  @Field(() => DateScalar, { nullable: true }) actualStart?: string | null;
  @Field(() => DateScalar, { nullable: true }) actualEnd?: string | null;
}
