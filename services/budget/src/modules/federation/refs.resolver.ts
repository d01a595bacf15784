/**
 * What the budget subgraph adds to other subgraphs' entities. Financial progress and the gap with
 * physical progress need the work's CUI, cost and physical progress, which the works subgraph owns:
 * `@requires` has the gateway fetch them first and pass them in the representation.
 */
import { DecimalScalar, fromCents, toCents } from '@articula/common';
import { Arg, Ctx, Directive, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { BudgetContext } from '../../loaders.js';
import { AmountsGql } from '../execution/execution.type.js';
import { ProposalGql } from '../process/process.type.js';
import { toProposal } from '../proposal/proposal.queries.js';
import { DepartmentRef, DistrictRef, OrganizationRef, WorkRef } from './refs.type.js';

const workKey = (work: WorkRef, year?: number) => `${work.id}|${work.cui ?? ''}|${year ?? ''}`;

/** Accrued ÷ investment cost, percent (null without a cost or without budget lines). */
async function financialProgress(work: WorkRef, ctx: BudgetContext): Promise<number | null> {
  if (!work.investmentCost || toCents(work.investmentCost) <= 0n) return null;
  const amounts = await ctx.loaders.workAmounts.load(workKey(work));
  if (amounts.modifiedBudget === '0' && amounts.accrued === '0') return null;
  return Number((toCents(amounts.accrued) * 10000n) / toCents(work.investmentCost)) / 100;
}

@Resolver(() => WorkRef)
export class WorkRefResolver {
  @FieldResolver(() => AmountsGql, { nullable: true, description: "This work's budget in a fiscal year (its lines, by id or CUI): PIA, PIM, certified, committed, accrued, paid." })
  @Directive('@requires(fields: "cui")')
  budget(@Root() work: WorkRef, @Arg('year', () => Int) year: number, @Ctx() ctx: BudgetContext) {
    return ctx.loaders.workAmounts.load(workKey(work, year));
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Financial progress (avance financiero), percent: accrued over all years ÷ investment cost.' })
  @Directive('@requires(fields: "cui investmentCost")')
  financialProgress(@Root() work: WorkRef, @Ctx() ctx: BudgetContext) {
    return financialProgress(work, ctx);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Financial minus physical progress, in percentage points: large and positive means money spent ahead of what is built.',
  })
  @Directive('@requires(fields: "cui investmentCost physicalProgress")')
  async progressGap(@Root() work: WorkRef, @Ctx() ctx: BudgetContext) {
    const financial = await financialProgress(work, ctx);
    return financial === null || work.physicalProgress === undefined ? null : Math.round((financial - work.physicalProgress) * 100) / 100;
  }

  @FieldResolver(() => ProposalGql, { nullable: true, description: 'The participatory budget proposal this work carries out.' })
  async originProposal(@Root() work: WorkRef, @Ctx() ctx: BudgetContext) {
    const row = await ctx.loaders.originProposalOfWork.load(work.id);
    return row ? toProposal(row, await ctx.loaders.allocation.load(row.year)) : null;
  }
}

@Resolver(() => OrganizationRef)
export class OrganizationRefResolver {
  @FieldResolver(() => [ProposalGql], { nullable: true, description: 'Participatory budget proposals this organization submitted.' })
  async proposals(@Root() organization: OrganizationRef, @Ctx() ctx: BudgetContext) {
    const rows = await ctx.loaders.proposalsOfOrganization.load(organization.id);
    return Promise.all(rows.map(async (r) => toProposal(r, await ctx.loaders.allocation.load(r.year))));
  }
}

@Resolver(() => DistrictRef)
export class DistrictRefResolver {
  @FieldResolver(() => [ProposalGql], { nullable: true, description: 'Participatory budget proposals for this district in a year.' })
  async proposals(@Root() district: DistrictRef, @Arg('year', () => Int) year: number, @Ctx() ctx: BudgetContext) {
    const [rows, allocation] = await Promise.all([ctx.loaders.proposalsOfDistrict.load(`${year}|${district.ubigeo}`), ctx.loaders.allocation.load(year)]);
    return rows.map((r) => toProposal(r, allocation));
  }

  @FieldResolver(() => DecimalScalar, { nullable: true, description: "Funded by the participatory budget in this district in a year (a proposal's cost split among its districts)." })
  async fundedAmount(@Root() district: DistrictRef, @Arg('year', () => Int) year: number, @Ctx() ctx: BudgetContext) {
    const allocation = await ctx.loaders.allocation.load(year);
    const share = allocation?.districts.find((d) => d.ubigeo === district.ubigeo);
    return share ? fromCents(share.allocatedByScore) : null;
  }
}

@Resolver(() => DepartmentRef)
export class DepartmentRefResolver {
  @FieldResolver(() => AmountsGql, { nullable: true, description: "This department's budget execution in a fiscal year." })
  execution(@Root() department: DepartmentRef, @Arg('year', () => Int) year: number, @Ctx() ctx: BudgetContext) {
    return ctx.loaders.departmentAmounts.load(`${department.code}|${year}`);
  }
}
