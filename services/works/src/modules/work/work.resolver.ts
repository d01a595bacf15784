import { DateScalar, InputProblems, PageArgs, isUuid, selects, toConnection, toPage } from '@articula/common';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { WorksContext } from '../../loaders.js';
import { AgencyType } from '../agency/agency.type.js';
import { DepartmentType } from '../department/department.type.js';
import { DistrictType } from '../district/district.type.js';
import { contractorFor, historyFor } from './contractor-privacy.js';
import { WorkStatus } from './work.enums.js';
import { CreateWorkInput, ProgressReportInput, UpdateWorkInput, WorkFilter, WorkOrder } from './work.input.js';
import { WorkGroupBy, aggregateWorks, findWorksPage, investmentPerCapita } from './work.queries.js';
import { WorkService } from './work.service.js';
import { InvestmentPerCapitaType, WorkStatsType } from './work-stats.type.js';
import { ContractorType, GeoPointType, ProgressReportType, WorkChangeType, WorkConnection, WorkType } from './work.type.js';

function checkFilter(filter: WorkFilter | undefined, problems: InputProblems) {
  filter?.executor?.forEach((id, i) => problems.check(isUuid(id), `filter.executor[${i}]`, 'is not an agency id'));
  if (filter?.activeFrom && filter.activeTo) problems.check(filter.activeTo >= filter.activeFrom, 'filter.activeTo', 'must not be before activeFrom');
  problems.check((filter?.text ?? '').length <= 200, 'filter.text', 'must be at most 200 characters');
}

@Resolver(() => WorkType)
export class WorkResolver {
  @Query(() => WorkConnection, { description: 'Works, projects, activities and actions of every executor, filtered and ordered (default: by title).' })
  async works(
    @Args() pageArgs: PageArgs,
    @Ctx() ctx: WorksContext,
    @Arg('filter', () => WorkFilter, { nullable: true }) filter?: WorkFilter,
    @Arg('orderBy', () => WorkOrder, { nullable: true }) orderBy?: WorkOrder,
    @Info() info?: GraphQLResolveInfo,
  ) {
    const problems = new InputProblems();
    const page = toPage(pageArgs, problems);
    checkFilter(filter, problems);
    problems.throwIfAny();
    const { works, totalCount, hasNextPage } = await findWorksPage(ctx.em, filter, orderBy, page, ctx.today, { count: !info || selects(info, 'totalCount') });
    return toConnection(works, totalCount, page, hasNextPage);
  }

  @Query(() => WorkType, { nullable: true })
  work(@Arg('id', () => ID) id: string, @Ctx() ctx: WorksContext) {
    return ctx.loaders.work.load(id);
  }

  @Query(() => WorkType, {
    nullable: true,
    description: 'The work with this CUI. When several executors report the same CUI (see coordinationAlerts), the one registered first; the others are in sameCuiWorks.',
  })
  async workByCui(@Arg('cui') cui: string, @Ctx() ctx: WorksContext) {
    return (await ctx.loaders.worksByCui.load(cui))[0] ?? null;
  }

  @Query(() => WorkStatsType, { description: 'Count, investment, mean progress and delayed count of works, grouped by a dimension.' })
  async workStats(@Arg('groupBy', () => WorkGroupBy) groupBy: WorkGroupBy, @Ctx() ctx: WorksContext, @Arg('filter', () => WorkFilter, { nullable: true }) filter?: WorkFilter) {
    const problems = new InputProblems();
    checkFilter(filter, problems);
    problems.throwIfAny();
    return aggregateWorks(ctx.em, groupBy, filter, ctx.today);
  }

  @Query(() => InvestmentPerCapitaType, { description: 'Investment per inhabitant by district, next to poverty, and urban vs rural.' })
  async investmentPerCapita(@Ctx() ctx: WorksContext, @Arg('filter', () => WorkFilter, { nullable: true }) filter?: WorkFilter) {
    const problems = new InputProblems();
    checkFilter(filter, problems);
    problems.throwIfAny();
    const { districts, byArea } = await investmentPerCapita(ctx.em, filter, ctx.today);
    return {
      byArea,
      districts: await Promise.all(districts.map(async (d) => ({ ...d, district: (await ctx.loaders.district.load(d.ubigeo))! }))),
    };
  }

  @FieldResolver(() => AgencyType, { description: 'Who executes it (the municipality, GN, GR, GL or private).' })
  executor(@Root() work: WorkType, @Ctx() ctx: WorksContext) {
    return ctx.loaders.agency.load(work.executorId);
  }

  @FieldResolver(() => DepartmentType, { nullable: true, description: "The municipality's responsible department, for its own works." })
  department(@Root() work: WorkType, @Ctx() ctx: WorksContext) {
    return work.departmentId ? ctx.loaders.department.load(work.departmentId) : null;
  }

  @FieldResolver(() => [DistrictType], { description: 'Districts where the work is (one or more).' })
  districts(@Root() work: WorkType, @Ctx() ctx: WorksContext) {
    return ctx.loaders.districtsOfWork.load(work.id);
  }

  @FieldResolver(() => GeoPointType, { nullable: true })
  location(@Root() work: WorkType): GeoPointType | null {
    return work.latitude === null || work.longitude === null ? null : { latitude: work.latitude, longitude: work.longitude };
  }

  @FieldResolver(() => ContractorType, { nullable: true, description: 'The contractor; a natural person (RUC other than 20…) is shown to officials only, as their RUC holds their DNI.' })
  contractor(@Root() work: WorkType, @Ctx() ctx: WorksContext): ContractorType | null {
    return contractorFor(ctx.identity, work.contractorName, work.contractorRuc);
  }

  @FieldResolver(() => [ProgressReportType], { description: 'Physical progress reports, oldest first.' })
  progressReports(@Root() work: WorkType, @Ctx() ctx: WorksContext) {
    return ctx.loaders.progressOfWork.load(work.id);
  }

  @FieldResolver(() => [WorkChangeType], { description: 'Public change history, newest first.' })
  async history(@Root() work: WorkType, @Ctx() ctx: WorksContext, @Arg('first', () => Int, { defaultValue: 20 }) first: number) {
    const problems = new InputProblems();
    problems.check(first >= 1 && first <= 100, 'first', 'must be between 1 and 100');
    problems.throwIfAny();
    return historyFor(ctx.identity, work.contractorRuc, await ctx.loaders.historyOfWork.load(work.id)).slice(0, first);
  }

  @FieldResolver(() => [WorkType], { description: 'Works by other executors that report the same CUI.' })
  async sameCuiWorks(@Root() work: WorkType, @Ctx() ctx: WorksContext) {
    if (!work.cui) return [];
    return (await ctx.loaders.worksByCui.load(work.cui)).filter((w) => w.id !== work.id);
  }

  @Mutation(() => WorkType, { description: "Creates a work of the caller's department (official only)." })
  async createWork(@Arg('input', () => CreateWorkInput) input: CreateWorkInput, @Ctx() ctx: WorksContext) {
    const id = await WorkService.create(ctx.em, ctx.identity, input);
    ctx.alerts.schedule([id]); // committed: look for coincidences with other executors' works
    return ctx.loaders.work.load(id);
  }

  @Mutation(() => WorkType, { description: 'Changes fields of a work (official of its department only).' })
  async updateWork(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateWorkInput) input: UpdateWorkInput, @Ctx() ctx: WorksContext) {
    await WorkService.update(ctx.em, ctx.identity, id, input);
    if (['districts', 'location', 'sector', 'cui', 'plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'].some((f) => (input as any)[f] !== undefined)) ctx.alerts.schedule([id]);
    return ctx.loaders.work.clear(id).load(id);
  }

  @Mutation(() => WorkType, { description: 'Reports physical progress: 0–100 %, dated not in the future nor before the start.' })
  async reportProgress(@Arg('workId', () => ID) workId: string, @Arg('input', () => ProgressReportInput) input: ProgressReportInput, @Ctx() ctx: WorksContext) {
    await WorkService.reportProgress(ctx.em, ctx.identity, workId, input);
    return ctx.loaders.work.clear(workId).load(workId);
  }

  @Mutation(() => WorkType, { description: 'Changes the status of a work; SUSPENDED needs a reason.' })
  async changeWorkStatus(
    @Arg('workId', () => ID) workId: string,
    @Arg('status', () => WorkStatus) status: WorkStatus,
    @Ctx() ctx: WorksContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
    @Arg('date', () => DateScalar, { nullable: true, description: 'When it took effect (default: today).' }) date?: string,
  ) {
    await WorkService.changeStatus(ctx.em, ctx.identity, workId, status, reason, date);
    return ctx.loaders.work.clear(workId).load(workId);
  }
}

@Resolver(() => WorkChangeType)
export class WorkChangeResolver {
  @FieldResolver(() => DepartmentType, { nullable: true, description: 'The department that made the change.' })
  actorDepartment(@Root() change: WorkChangeType, @Ctx() ctx: WorksContext) {
    return change.actorDepartmentId ? ctx.loaders.department.load(change.actorDepartmentId) : null;
  }

  @FieldResolver(() => AgencyType, { nullable: true, description: 'The agency that made the change.' })
  actorAgency(@Root() change: WorkChangeType, @Ctx() ctx: WorksContext) {
    return change.actorAgencyId ? ctx.loaders.agency.load(change.actorAgencyId) : null;
  }
}
