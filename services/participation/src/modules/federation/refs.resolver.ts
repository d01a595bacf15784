/** What participation adds to the works subgraph's District, Department and Work. */
import { PageArgs, pageOrThrow, toConnection } from '@articula/common';
import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { AgreementStatus, MeetingKind, OrganizationType } from '../../enums.js';
import type { ParticipationContext } from '../../loaders.js';
import { findAgreementsPage } from '../agreement/agreement.queries.js';
import { AgreementConnection, AgreementGql } from '../agreement/agreement.type.js';
import { findMeetingsPage } from '../meeting/meeting.queries.js';
import { MeetingConnection } from '../meeting/meeting.type.js';
import { findOrganizationsPage } from '../organization/organization.queries.js';
import { OrganizationConnection } from '../organization/organization.type.js';
import { RequestStatsGql } from '../request/request.type.js';
import { DepartmentRef, DistrictRef, WorkRef } from './refs.type.js';

@Resolver(() => DistrictRef)
export class DistrictRefResolver {
  @FieldResolver(() => OrganizationConnection, { nullable: true, description: 'Registered organizations of the district.' })
  async organizations(@Root() district: DistrictRef, @Args() pageArgs: PageArgs, @Ctx() ctx: ParticipationContext, @Arg('type', () => [OrganizationType], { nullable: true }) type?: OrganizationType[]) {
    const p = pageOrThrow(pageArgs);
    const { nodes, totalCount } = await findOrganizationsPage(ctx.em, { district: [district.ubigeo], type }, p);
    return toConnection(nodes, totalCount, p);
  }

  @FieldResolver(() => MeetingConnection, { nullable: true, description: 'Meetings held or scheduled in the district, newest first.' })
  async meetings(@Root() district: DistrictRef, @Args() pageArgs: PageArgs, @Ctx() ctx: ParticipationContext, @Arg('kind', () => [MeetingKind], { nullable: true }) kind?: MeetingKind[]) {
    const p = pageOrThrow(pageArgs);
    const { nodes, totalCount } = await findMeetingsPage(ctx.em, { district: [district.ubigeo], kind }, p);
    return toConnection(nodes, totalCount, p);
  }

  @FieldResolver(() => RequestStatsGql, { nullable: true, description: 'Anonymized statistics of citizen requests in the district (suppressed under 5 requests).' })
  requestStats(@Root() district: DistrictRef, @Ctx() ctx: ParticipationContext) {
    return ctx.loaders.requestStatsOfDistrict.load(district.ubigeo);
  }
}

@Resolver(() => DepartmentRef)
export class DepartmentRefResolver {
  @FieldResolver(() => AgreementConnection, { nullable: true, description: 'Agreements this department is responsible for, soonest due first.' })
  async agreements(
    @Root() department: DepartmentRef,
    @Args() pageArgs: PageArgs,
    @Ctx() ctx: ParticipationContext,
    @Arg('status', () => [AgreementStatus], { nullable: true }) status?: AgreementStatus[],
    @Arg('overdue', { nullable: true }) overdue?: boolean,
  ) {
    const p = pageOrThrow(pageArgs);
    const { nodes, totalCount } = await findAgreementsPage(ctx.em, { department: [department.code], status, overdue }, p, ctx.today);
    return toConnection(nodes, totalCount, p);
  }
}

@Resolver(() => WorkRef)
export class WorkRefResolver {
  @FieldResolver(() => [AgreementGql], { nullable: true, description: 'Agreements about this work.' })
  agreements(@Root() work: WorkRef, @Ctx() ctx: ParticipationContext) {
    return ctx.loaders.agreementsOfWork.load(work.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Citizen requests about this work.' })
  requestCount(@Root() work: WorkRef, @Ctx() ctx: ParticipationContext) {
    return ctx.loaders.requestCountOfWork.load(work.id);
  }
}
