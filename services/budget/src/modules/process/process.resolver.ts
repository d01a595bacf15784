import { InputProblems, PageArgs, type Page, fromCents, pageOrThrow, recordAudit, toConnection } from '@articula/common';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { BudgetPhase, DEFAULT_CRITERIA, EvaluationStatus, PHASE_ORDER } from '../../enums.js';
import { type BudgetPhaseChangedEvent, type ProposalRankingChangedEvent, TOPICS, publishBudgetPhaseChanged } from '../../events.js';
import type { BudgetContext } from '../../loaders.js';
import { recordChange, requireBudgetOfficial } from '../authorization.js';
import { CriterionScoreInput, PhaseDatesInput } from '../execution/execution.type.js';
import { PROPOSAL_COLUMNS, type ProposalRow, byRank, toProposal } from '../proposal/proposal.queries.js';
import { ProposalService } from '../proposal/proposal.service.js';
import { CreateParticipatoryBudgetInput, CriterionScoreGql, ParticipatoryBudgetGql, PhaseGql, PhaseState, ProposalConnection, ProposalGql } from './process.type.js';

const phaseState = (p: { actualStart: string | null; actualEnd: string | null }) =>
  p.actualEnd ? PhaseState.DONE : p.actualStart ? PhaseState.IN_PROGRESS : PhaseState.UPCOMING;

async function loadProcess(ctx: BudgetContext, year: number): Promise<ParticipatoryBudgetGql | null> {
  const [process] = await ctx.em.execute<any[]>(`select year, ceiling::text as ceiling from participatory_budget where year = ?`, [year]);
  if (!process) return null;
  const [phases, criteria, oversight, agents, allocation] = await Promise.all([
    ctx.em.execute<any[]>(`select phase, planned_start::text as "plannedStart", planned_end::text as "plannedEnd", actual_start::text as "actualStart", actual_end::text as "actualEnd"
      from budget_phase where year = ? order by position`, [year]),
    ctx.em.execute<any[]>(`select code, name, weight::float8 as weight from prioritization_criterion where year = ? order by position`, [year]),
    ctx.em.execute<any[]>(`select organization_id::text as id, role from oversight_member where year = ? order by role, organization_id`, [year]),
    ctx.em.execute<any[]>(`select id::text as id, json_build_object('id', organization_id) as organization, name, accreditation_status as "accreditationStatus",
      accredited_on::text as "accreditedOn" from participating_agent where year = ? order by organization_id, name`, [year]),
    ctx.loaders.allocation.load(year),
  ]);
  const withState: PhaseGql[] = phases.map((p) => ({ ...p, state: phaseState(p) }));
  return {
    year,
    ceiling: process.ceiling,
    currentPhase: withState.find((p) => p.state === PhaseState.IN_PROGRESS)?.phase ?? null,
    phases: withState,
    criteria,
    oversightCommittee: oversight.map((o) => ({ organization: { id: o.id }, role: o.role })),
    agents,
    allocated: fromCents(allocation!.allocated),
    remaining: fromCents(allocation!.ceiling - allocation!.allocated),
    populationRule: allocation!.districts.map((d) => ({
      district: { ubigeo: d.ubigeo }, population: d.population, fairShare: fromCents(d.fairShare), allocatedByScore: fromCents(d.allocatedByScore), allocatedByPopulation: fromCents(d.allocatedByPopulation),
    })),
  };
}

/** Proposals of the given years with their allocation, ranked; the page is cut after ranking (rank depends on the whole year). */
export async function proposalsPage(ctx: BudgetContext, where: string, params: unknown[], page: Page) {
  const rows = await ctx.em.execute<ProposalRow[]>(`select ${PROPOSAL_COLUMNS} from proposal p where ${where}`, params);
  const years = [...new Set(rows.map((r) => r.year))];
  const allocations = await ctx.loaders.allocation.loadMany(years);
  const byYear = new Map(years.map((y, i) => [y, allocations[i] as any]));
  const proposals = rows.map((r) => toProposal(r, byYear.get(r.year) ?? null)).sort(byRank);
  return toConnection(proposals.slice(page.offset, page.offset + page.limit), proposals.length, page);
}

@Resolver(() => ParticipatoryBudgetGql)
export class ProcessResolver {
  @Query(() => ParticipatoryBudgetGql, { nullable: true, description: 'The participatory budget process of a fiscal year.' })
  participatoryBudget(@Arg('year', () => Int) year: number, @Ctx() ctx: BudgetContext) {
    return loadProcess(ctx, year);
  }

  @Query(() => [ParticipatoryBudgetGql], { description: 'Every participatory budget process, newest first.' })
  async participatoryBudgets(@Ctx() ctx: BudgetContext) {
    const years = await ctx.em.execute<{ year: number }[]>(`select year from participatory_budget order by year desc`);
    return Promise.all(years.map((y) => loadProcess(ctx, y.year)));
  }

  @FieldResolver(() => ProposalConnection, { description: 'Proposals of this process: ranked ones by rank, then the rest.' })
  proposals(@Root() process: ParticipatoryBudgetGql, @Args() args: PageArgs, @Ctx() ctx: BudgetContext, @Arg('evaluation', () => [EvaluationStatus], { nullable: true }) evaluation?: EvaluationStatus[]) {
    const statuses = evaluation?.length ? evaluation : Object.values(EvaluationStatus);
    return proposalsPage(ctx, `p.year = ? and p.evaluation_status in (${statuses.map(() => '?').join(', ')})`, [process.year, ...statuses], pageOrThrow(args));
  }

  @Query(() => ProposalConnection, { description: 'Proposals of every process (or one year), newest process first, ranked.' })
  allProposals(@Args() args: PageArgs, @Ctx() ctx: BudgetContext, @Arg('year', () => Int, { nullable: true }) year?: number) {
    return year === undefined ? proposalsPage(ctx, 'true', [], pageOrThrow(args)) : proposalsPage(ctx, 'p.year = ?', [year], pageOrThrow(args));
  }

  @Query(() => ProposalGql, { nullable: true })
  async proposal(@Arg('id', () => ID) id: string, @Ctx() ctx: BudgetContext) {
    const row = await ctx.loaders.proposal.load(id);
    return row ? toProposal(row, await ctx.loaders.allocation.load(row.year)) : null;
  }

  @Mutation(() => ProposalGql, { description: "Records the technical team's evaluation of a proposal (budget department)." })
  async evaluateProposal(@Arg('id', () => ID) id: string, @Arg('status', () => EvaluationStatus) status: EvaluationStatus, @Ctx() ctx: BudgetContext, @Arg('reason', { nullable: true }) reason?: string) {
    await ProposalService.evaluate(ctx.em, ctx.identity, ctx.config, id, status, reason);
    return this.proposal(id, ctx);
  }

  @Mutation(() => ProposalGql, { description: "Records one accredited agent's scores of a proposal, 0–10 per criterion (budget department)." })
  async recordProposalScores(
    @Arg('proposalId', () => ID) proposalId: string,
    @Arg('agentId', () => ID) agentId: string,
    @Arg('scores', () => [CriterionScoreInput]) scores: CriterionScoreInput[],
    @Ctx() ctx: BudgetContext,
  ) {
    await ProposalService.recordScores(ctx.em, ctx.identity, ctx.config, proposalId, agentId, scores);
    return this.proposal(proposalId, ctx);
  }

  @Mutation(() => ParticipatoryBudgetGql, { description: 'Opens the participatory budget process of a fiscal year: ceiling, planned phases, criteria (budget department).' })
  async createParticipatoryBudget(@Arg('input', () => CreateParticipatoryBudgetInput) input: CreateParticipatoryBudgetInput, @Ctx() ctx: BudgetContext) {
    const actor = requireBudgetOfficial(ctx.identity, ctx.config);
    const problems = new InputProblems();
    problems.check(Number.isInteger(input.year) && input.year >= 2000 && input.year <= 2100, 'year', 'must be a fiscal year between 2000 and 2100');
    problems.check(!input.ceiling.startsWith('-'), 'ceiling', 'cannot be negative');
    problems.check(input.phases.map((p) => p.phase).join() === PHASE_ORDER.join(), 'phases', `must be the four phases in order: ${PHASE_ORDER.join(', ')}`);
    input.phases.forEach((p, i) => {
      problems.check(p.plannedEnd >= p.plannedStart, `phases[${i}].plannedEnd`, 'must not be before plannedStart');
      if (i > 0) problems.check(p.plannedStart > input.phases[i - 1]!.plannedEnd, `phases[${i}].plannedStart`, 'must be after the previous phase ends');
    });
    const criteria = input.criteria ?? DEFAULT_CRITERIA.map((c) => ({ ...c }));
    criteria.forEach((c, i) => {
      problems.check(/^[A-Z_]{2,40}$/.test(c.code), `criteria[${i}].code`, 'must be 2 to 40 capital letters or underscores');
      problems.check(c.name.trim().length >= 3, `criteria[${i}].name`, 'must not be empty');
      problems.check(c.weight > 0 && c.weight <= 100, `criteria[${i}].weight`, 'must be above 0 and at most 100');
    });
    problems.check(new Set(criteria.map((c) => c.code)).size === criteria.length, 'criteria', 'names a criterion twice');
    problems.check(Math.abs(criteria.reduce((s, c) => s + c.weight, 0) - 100) < 0.001, 'criteria', 'weights must add up to 100');
    const [exists] = await ctx.em.execute<any[]>(`select 1 from participatory_budget where year = ?`, [input.year]);
    problems.check(!exists, 'year', `the ${input.year} process already exists`);
    problems.throwIfAny();
    await ctx.em.transactional(async (tx) => {
      await tx.execute(`insert into participatory_budget (year, ceiling) values (?, ?)`, [input.year, input.ceiling]);
      await tx.execute(`insert into budget_phase (year, phase, position, planned_start, planned_end) values ${input.phases.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
        input.phases.flatMap((p, i) => [input.year, p.phase, i, p.plannedStart, p.plannedEnd]));
      await tx.execute(`insert into prioritization_criterion (year, code, name, weight, position) values ${criteria.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
        criteria.flatMap((c, i) => [input.year, c.code, c.name.trim(), c.weight, i]));
      await recordChange(tx, 'PROCESS', String(input.year), 'CREATED', actor, [{ field: 'ceiling', from: null, to: input.ceiling }]);
      await recordAudit(tx, { entityType: 'PARTICIPATORY_BUDGET', entityId: String(input.year), summary: { ceiling: input.ceiling, criteria: criteria.map((c) => c.code) } });
      await publishBudgetPhaseChanged(tx, input.year, null);
    });
    return loadProcess(ctx, input.year);
  }

  @Mutation(() => ParticipatoryBudgetGql, { description: 'Records when a phase actually started or ended (budget department).' })
  async updateBudgetPhase(@Arg('year', () => Int) year: number, @Arg('phase', () => BudgetPhase) phase: BudgetPhase, @Arg('dates', () => PhaseDatesInput) dates: PhaseDatesInput, @Ctx() ctx: BudgetContext) {
    const actor = requireBudgetOfficial(ctx.identity, ctx.config);
    const [current] = await ctx.em.execute<any[]>(`select actual_start::text as "actualStart", actual_end::text as "actualEnd" from budget_phase where year = ? and phase = ?`, [year, phase]);
    const problems = new InputProblems();
    if (!current) problems.add('year', `there is no ${year} process with that phase`);
    else {
      const start = dates.actualStart === undefined ? current.actualStart : dates.actualStart;
      const end = dates.actualEnd === undefined ? current.actualEnd : dates.actualEnd;
      if (end) problems.check(!!start && end >= start, 'dates.actualEnd', 'cannot be before the actual start, nor without one');
      if (start) problems.check(start <= ctx.today, 'dates.actualStart', 'cannot be in the future');
      if (end) problems.check(end <= ctx.today, 'dates.actualEnd', 'cannot be in the future');
      const index = PHASE_ORDER.indexOf(phase);
      if (start && index > 0) {
        const [previous] = await ctx.em.execute<any[]>(`select actual_end::text as e from budget_phase where year = ? and phase = ?`, [year, PHASE_ORDER[index - 1]]);
        problems.check(!!previous?.e && previous.e <= start, 'dates.actualStart', `the ${PHASE_ORDER[index - 1]} phase must have ended before this one starts`);
      }
      problems.throwIfAny();
      await ctx.em.transactional(async (tx) => {
        await tx.execute(`update budget_phase set actual_start = ?, actual_end = ? where year = ? and phase = ?`, [start, end, year, phase]);
        await recordChange(tx, 'PHASE', `${year}:${phase}`, 'UPDATED', actor, [{ field: 'actualStart', from: current.actualStart, to: start }, { field: 'actualEnd', from: current.actualEnd, to: end }]);
        await recordAudit(tx, { entityType: 'BUDGET_PHASE', entityId: `${year}:${phase}`, summary: { actualStart: start, actualEnd: end } });
        await publishBudgetPhaseChanged(tx, year, phase);
      });
    }
    problems.throwIfAny();
    return loadProcess(ctx, year);
  }

  @Subscription(() => ParticipatoryBudgetGql, {
    description: 'A participatory budget process was opened, or one of its phases actually started or ended (optionally of one fiscal year): '
      + 'the process as it is now, with its current phase.',
    subscribe: ({ args, context }) => (context as BudgetContext).events.subscribe(TOPICS.budgetPhaseChanged, {
      filter: (e) => args.year == null || e.year === args.year,
    }),
  })
  budgetPhaseChanged(@Root() event: BudgetPhaseChangedEvent, @Ctx() ctx: BudgetContext, @Arg('year', () => Int, { nullable: true }) _year?: number) {
    return loadProcess(ctx, event.year);
  }

  @Subscription(() => ParticipatoryBudgetGql, {
    description: "A proposal of the year's process was evaluated or scored, so the ranking and the allocation may have changed: the process as it is now "
      + '(select proposals { edges { node { rank title score decision } } } for the new ranking).',
    subscribe: ({ args, context }) => (context as BudgetContext).events.subscribe(TOPICS.proposalRankingChanged, { filter: (e) => e.year === args.year }),
  })
  proposalRankingChanged(@Root() event: ProposalRankingChangedEvent, @Ctx() ctx: BudgetContext, @Arg('year', () => Int) _year: number) {
    return loadProcess(ctx, event.year);
  }
}

@Resolver(() => ProposalGql)
export class ProposalResolver {
  @FieldResolver(() => [CriterionScoreGql], { description: 'Mean score per criterion and how many agents scored it.' })
  scoresByCriterion(@Root() proposal: ProposalGql, @Ctx() ctx: BudgetContext) {
    return ctx.loaders.scoresOf.load(proposal.id);
  }
}

