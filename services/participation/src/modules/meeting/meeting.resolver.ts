import { InputProblems, PageArgs, toConnection, toPage } from '@articula/common';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ParticipationContext } from '../../loaders.js';
import { AgreementGql } from '../agreement/agreement.type.js';
import { DepartmentRef } from '../federation/refs.type.js';
import { OrganizationGql } from '../organization/organization.type.js';
import { findMeetingsPage } from './meeting.queries.js';
import { MeetingService } from './meeting.service.js';
import { MeetingConnection, MeetingFilter, MeetingGql, ScheduleMeetingInput, UpdateMeetingInput } from './meeting.type.js';

@Resolver(() => MeetingGql)
export class MeetingResolver {
  @Query(() => MeetingConnection, { description: 'Meetings (dialogue spaces), newest first.' })
  async meetings(@Args() pageArgs: PageArgs, @Ctx() ctx: ParticipationContext, @Arg('filter', () => MeetingFilter, { nullable: true }) filter?: MeetingFilter) {
    const problems = new InputProblems();
    const page = toPage(pageArgs, problems);
    if (filter?.from && filter.to) problems.check(filter.to >= filter.from, 'filter.to', 'must not be before from');
    problems.throwIfAny();
    const { nodes, totalCount } = await findMeetingsPage(ctx.em, filter, page);
    return toConnection(nodes, totalCount, page);
  }

  @Query(() => MeetingGql, { nullable: true })
  meeting(@Arg('id', () => ID) id: string, @Ctx() ctx: ParticipationContext) {
    return ctx.loaders.meeting.load(id);
  }

  @FieldResolver(() => [OrganizationGql], { description: 'Organizations that took part.' })
  organizations(@Root() meeting: MeetingGql, @Ctx() ctx: ParticipationContext) {
    return ctx.loaders.organizationsOfMeeting.load(meeting.id);
  }

  @FieldResolver(() => [DepartmentRef], { description: 'Departments that took part.' })
  departments(@Root() meeting: MeetingGql, @Ctx() ctx: ParticipationContext) {
    return ctx.loaders.departmentsOfMeeting.load(meeting.id);
  }

  @FieldResolver(() => [AgreementGql], { description: 'Agreements made in it.' })
  agreements(@Root() meeting: MeetingGql, @Ctx() ctx: ParticipationContext) {
    return ctx.loaders.agreementsOfMeeting.load(meeting.id);
  }

  @Mutation(() => [MeetingGql], { description: "Schedules a meeting convened by the caller's department (several for a weekly series)." })
  async scheduleMeeting(@Arg('input', () => ScheduleMeetingInput) input: ScheduleMeetingInput, @Ctx() ctx: ParticipationContext) {
    const ids = await MeetingService.schedule(ctx.em, ctx.identity, input);
    return ctx.loaders.meeting.loadMany(ids);
  }

  @Mutation(() => MeetingGql, { description: 'Updates a meeting: records it as held (attendance, minutes), cancels or reschedules it.' })
  async updateMeeting(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateMeetingInput) input: UpdateMeetingInput, @Ctx() ctx: ParticipationContext) {
    await MeetingService.update(ctx.em, ctx.identity, id, input);
    return ctx.loaders.meeting.clear(id).load(id);
  }
}
