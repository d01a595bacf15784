import { DEPARTMENT_CODE, HUANCAYO_UBIGEOS, InputProblems, PageArgs, pageOrThrow, toConnection } from '@articula/common';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { PartyKind } from '../../enums.js';
import { type AgreementChangedEvent, TOPICS } from '../../events.js';
import type { ParticipationContext } from '../../loaders.js';
import { WorkRef } from '../federation/refs.type.js';
import { MeetingGql } from '../meeting/meeting.type.js';
import { agreementStats, findAgreementsPage } from './agreement.queries.js';
import { AgreementService } from './agreement.service.js';
import {
  AgreementChangedEventGql, AgreementConnection, AgreementFilter, AgreementGql, AgreementGroupBy, AgreementPartyGql, AgreementStatsGroupGql, CreateAgreementInput, FollowUpGql,
  FollowUpInput, UpdateAgreementInput,
} from './agreement.type.js';

@Resolver(() => AgreementGql)
export class AgreementResolver {
  @Query(() => AgreementConnection, { description: 'Agreements, soonest due first. Public.' })
  async agreements(@Args() pageArgs: PageArgs, @Ctx() ctx: ParticipationContext, @Arg('filter', () => AgreementFilter, { nullable: true }) filter?: AgreementFilter) {
    const page = pageOrThrow(pageArgs);
    const { nodes, totalCount } = await findAgreementsPage(ctx.em, filter, page, ctx.today);
    return toConnection(nodes, totalCount, page);
  }

  @Query(() => AgreementGql, { nullable: true })
  agreement(@Arg('id', () => ID) id: string, @Ctx() ctx: ParticipationContext) {
    return ctx.loaders.agreement.load(id);
  }

  @Query(() => [AgreementStatsGroupGql], { description: 'Fulfilment rate and overdue count of agreements by department, district or meeting kind.' })
  agreementStats(@Arg('groupBy', () => AgreementGroupBy) groupBy: AgreementGroupBy, @Ctx() ctx: ParticipationContext, @Arg('filter', () => AgreementFilter, { nullable: true }) filter?: AgreementFilter) {
    return agreementStats(ctx.em, groupBy, filter, ctx.today);
  }

  @FieldResolver(() => MeetingGql, { description: 'The meeting where it was agreed.' })
  meeting(@Root() agreement: AgreementGql, @Ctx() ctx: ParticipationContext) {
    return ctx.loaders.meeting.load(agreement.meetingId);
  }

  @FieldResolver(() => [AgreementPartyGql], { description: 'Parties: departments, organizations, other agencies and district municipalities.' })
  async parties(@Root() agreement: AgreementGql, @Ctx() ctx: ParticipationContext): Promise<AgreementPartyGql[]> {
    const parties = await ctx.loaders.partiesOf.load(agreement.id);
    return Promise.all(parties.map(async (p) => ({
      kind: p.kind,
      partyId: p.partyId,
      department: p.kind === PartyKind.DEPARTMENT ? { code: p.partyId } : null,
      organization: p.kind === PartyKind.ORGANIZATION ? await ctx.loaders.organization.load(p.partyId) : null,
      agency: p.kind === PartyKind.AGENCY ? { id: p.partyId } : null,
    })));
  }

  @FieldResolver(() => [WorkRef], { description: 'Works it concerns.' })
  works(@Root() agreement: AgreementGql, @Ctx() ctx: ParticipationContext) {
    return ctx.loaders.worksOf.load(agreement.id);
  }

  @FieldResolver(() => [FollowUpGql], { description: 'Follow-ups, oldest first.' })
  followUps(@Root() agreement: AgreementGql, @Ctx() ctx: ParticipationContext) {
    return ctx.loaders.followUpsOf.load(agreement.id);
  }

  @Mutation(() => AgreementGql, { description: 'Records an agreement made in a held meeting.' })
  async createAgreement(@Arg('input', () => CreateAgreementInput) input: CreateAgreementInput, @Ctx() ctx: ParticipationContext) {
    return findAgreementById(ctx, await AgreementService.create(ctx.em, ctx.identity, input));
  }

  @Mutation(() => AgreementGql, { description: 'Updates an agreement (responsible department): text, due date, status, linked works.' })
  async updateAgreement(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateAgreementInput) input: UpdateAgreementInput, @Ctx() ctx: ParticipationContext) {
    return findAgreementById(ctx, await AgreementService.update(ctx.em, ctx.identity, id, input));
  }

  @Mutation(() => AgreementGql, { description: 'Adds a follow-up to an agreement (responsible department).' })
  async addAgreementFollowUp(@Arg('agreementId', () => ID) agreementId: string, @Arg('input', () => FollowUpInput) input: FollowUpInput, @Ctx() ctx: ParticipationContext) {
    return findAgreementById(ctx, await AgreementService.addFollowUp(ctx.em, ctx.identity, agreementId, input));
  }

  @Subscription(() => AgreementChangedEventGql, {
    description: 'An agreement was recorded, updated or followed up, or fell overdue; optionally only those of one responsible department '
      + "(code) and/or of meetings in one district (UBIGEO). Public, like the agreements themselves.",
    subscribe: ({ args, context }) => {
      const { department, district } = args as { department?: string | null; district?: string | null };
      // A filter that can never match would be a silent, endless subscription: refuse it now.
      new InputProblems()
        .check(department == null || DEPARTMENT_CODE.test(department), 'department', 'is not a department code')
        .check(district == null || HUANCAYO_UBIGEOS.has(district), 'district', 'is not the UBIGEO of a district of the province of Huancayo')
        .throwIfAny();
      return (context as ParticipationContext).events.subscribe(TOPICS.agreementChanged, {
        filter: (e) => (department == null || e.department === department) && (district == null || e.district === district),
      });
    },
  })
  async agreementChanged(
    @Root() event: AgreementChangedEvent,
    @Ctx() ctx: ParticipationContext,
    // type-graphql lists arguments last-declared first: this order prints (department, district).
    @Arg('district', () => String, { nullable: true, description: "UBIGEO of the agreement's meeting." }) _district?: string,
    @Arg('department', () => String, { nullable: true, description: 'Responsible department code.' }) _department?: string,
  ) {
    return { agreement: await ctx.loaders.agreement.load(event.agreementId), change: event.change, at: new Date(event.at) };
  }
}

async function findAgreementById(ctx: ParticipationContext, id: string): Promise<AgreementGql | null> {
  return ctx.loaders.agreement.clear(id).load(id);
}
