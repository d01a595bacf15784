import { PageArgs, pageOrThrow, toConnection } from '@articula/common';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PartyKind } from '../../enums.js';
import type { ParticipationContext } from '../../loaders.js';
import { WorkRef } from '../federation/refs.type.js';
import { MeetingGql } from '../meeting/meeting.type.js';
import { agreementStats, findAgreementsPage } from './agreement.queries.js';
import { AgreementService } from './agreement.service.js';
import {
  AgreementConnection, AgreementFilter, AgreementGql, AgreementGroupBy, AgreementPartyGql, AgreementStatsGroupGql, CreateAgreementInput, FollowUpGql,
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
}

async function findAgreementById(ctx: ParticipationContext, id: string): Promise<AgreementGql | null> {
  return ctx.loaders.agreement.clear(id).load(id);
}
