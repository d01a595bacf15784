/**
 * Subscriptions of the works subgraph. Each event names works by id; the resolvers load them with
 * the context's loaders, which are fresh for every event (a long subscription never sees a stale
 * cache). Fields of other subgraphs on these works are resolved by the gateway per event.
 */
import { type ArticulaEvent, DateScalar } from '@articula/common';
import { Arg, Ctx, Field, Float, ID, InputType, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { WorksContext } from '../../loaders.js';
import { AgencyType, GovernmentLevel } from '../agency/agency.type.js';
import { CoordinationAlertKind } from '../articulation/coordination-alert.type.js';
import { Sector, WorkStatus } from '../work/work.enums.js';
import { WorkChangeAction, WorkType } from '../work/work.type.js';
import { TOPICS } from './work.events.js';

@InputType('WorkEventFilter', { description: 'Only events of works in one of these districts, by these executor levels, in these statuses (each list optional).' })
export class WorkEventFilter {
  @Field(() => [String], { nullable: true }) district?: string[];
  @Field(() => [GovernmentLevel], { nullable: true }) executorLevel?: GovernmentLevel[];
  @Field(() => [WorkStatus], { nullable: true }) status?: WorkStatus[];
}

@ObjectType('WorkChangedEvent')
export class WorkChangedEventType {
  @Field(() => WorkType) work!: WorkType;
  @Field(() => WorkChangeAction) action!: WorkChangeAction;
  @Field(() => Date) at!: Date;
}

@ObjectType('ProgressReportedEvent')
export class ProgressReportedEventType {
  @Field(() => WorkType) work!: WorkType;
  @Field(() => DateScalar) date!: string;
  @Field(() => Float) physicalProgress!: number;
}

@ObjectType('CoordinationAlertRaisedEvent', { description: 'A new or changed work now coincides with other executors\' works (same district, sector and period), or shares their CUI.' })
export class CoordinationAlertRaisedEventType {
  @Field(() => CoordinationAlertKind) kind!: CoordinationAlertKind;
  @Field(() => WorkType) work!: WorkType;
  @Field(() => [WorkType], { description: 'The other executors\' works it coincides with (the first 40, by id).' }) partners!: WorkType[];
  @Field({ description: 'True when it coincides with more works than those listed (query coordinationAlerts for all).' }) morePartners!: boolean;
  @Field(() => Sector, { nullable: true }) sector!: Sector | null;
  @Field(() => String, { nullable: true }) cui!: string | null;
}

@ObjectType('InterventionsImportedEvent')
export class InterventionsImportedEventType {
  @Field(() => AgencyType) agency!: AgencyType;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => [WorkType], { description: 'Works created or updated (up to 40).' }) works!: WorkType[];
}

const matches = (filter: WorkEventFilter | undefined, e: ArticulaEvent) =>
  (!filter?.district?.length || (e.districts as string[]).some((d) => filter.district!.includes(d)))
  && (!filter?.executorLevel?.length || filter.executorLevel.includes(e.executorLevel as GovernmentLevel))
  && (!filter?.status?.length || filter.status.includes(e.status as WorkStatus));

const loadAll = async (ctx: WorksContext, ids: string[]) => (await Promise.all(ids.map((id) => ctx.loaders.work.load(id)))).filter((w): w is WorkType => !!w);

@Resolver()
export class WorkSubscriptionResolver {
  @Subscription(() => WorkChangedEventType, {
    description: 'A work was created, changed, reported progress or changed status (by an official or an agency), optionally filtered.',
    subscribe: ({ args, context }) => (context as WorksContext).events.subscribe(TOPICS.workChanged, { filter: (e) => matches(args.filter, e) }),
  })
  async workChanged(@Root() e: ArticulaEvent, @Ctx() ctx: WorksContext, @Arg('filter', () => WorkEventFilter, { nullable: true }) _filter?: WorkEventFilter) {
    return { work: await ctx.loaders.work.load(String(e.workId)), action: e.action, at: new Date(String(e.at)) };
  }

  @Subscription(() => ProgressReportedEventType, {
    description: 'A progress report was recorded for a work (optionally one work, or works in some districts).',
    subscribe: ({ args, context }) => (context as WorksContext).events.subscribe(TOPICS.progressReported, {
      filter: (e) => (!args.workId || e.workId === args.workId) && (!args.district?.length || (e.districts as string[]).some((d) => args.district.includes(d))),
    }),
  })
  async progressReported(@Root() e: ArticulaEvent, @Ctx() ctx: WorksContext, @Arg('workId', () => ID, { nullable: true }) _workId?: string, @Arg('district', () => [String], { nullable: true }) _district?: string[]) {
    return { work: await ctx.loaders.work.load(String(e.workId)), date: String(e.date), physicalProgress: Number(e.physicalProgress) };
  }

  @Subscription(() => CoordinationAlertRaisedEventType, {
    description: 'A work now coincides with other executors\' works, or shares a CUI with them (optionally in one district).',
    subscribe: ({ args, context }) => (context as WorksContext).events.subscribe(TOPICS.alertRaised, {
      filter: (e) => !args.district || (e.districts as string[]).includes(args.district) || e.kind === 'SHARED_CUI',
    }),
  })
  async coordinationAlertRaised(@Root() e: ArticulaEvent, @Ctx() ctx: WorksContext, @Arg('district', () => String, { nullable: true }) _district?: string) {
    return {
      kind: e.kind, work: await ctx.loaders.work.load(String(e.workId)), partners: await loadAll(ctx, e.partnerIds as string[]),
      morePartners: e.morePartners === true, sector: e.sector ?? null, cui: e.cui ?? null,
    };
  }

  @Subscription(() => InterventionsImportedEventType, {
    description: 'An agency\'s system sent a batch of interventions (optionally one agency\'s).',
    subscribe: ({ args, context }) => (context as WorksContext).events.subscribe(TOPICS.interventionsImported, { filter: (e) => !args.agency || e.agencyId === args.agency }),
  })
  async interventionsImported(@Root() e: ArticulaEvent, @Ctx() ctx: WorksContext, @Arg('agency', () => ID, { nullable: true }) _agency?: string) {
    return {
      agency: await ctx.loaders.agency.load(String(e.agencyId)), created: Number(e.created), updated: Number(e.updated), unchanged: Number(e.unchanged),
      works: await loadAll(ctx, e.workIds as string[]),
    };
  }
}
