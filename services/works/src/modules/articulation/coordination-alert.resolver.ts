import { DateScalar, InputProblems, PageArgs, toConnection, toPage } from '@articula/common';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { WorksContext } from '../../loaders.js';
import { DistrictType } from '../district/district.type.js';
import { Sector } from '../work/work.enums.js';
import { WorkType } from '../work/work.type.js';
import { findCoordinationAlerts } from './coordination-alert.service.js';
import { CoordinationAlertConnection, CoordinationAlertKind, CoordinationAlertType } from './coordination-alert.type.js';

@Resolver(() => CoordinationAlertType)
export class CoordinationAlertResolver {
  @Query(() => CoordinationAlertConnection, {
    description: 'Articulation alerts: different executors in the same district and sector at the same time, and CUIs reported by several executors.',
  })
  async coordinationAlerts(
    @Args() pageArgs: PageArgs,
    @Ctx() ctx: WorksContext,
    @Arg('district', () => String, { nullable: true, description: 'Only alerts in this district (UBIGEO).' }) district?: string,
    @Arg('kind', () => CoordinationAlertKind, { nullable: true }) kind?: CoordinationAlertKind,
    @Arg('sector', () => Sector, { nullable: true, description: 'Only overlaps in this sector (shared-CUI alerts have none).' }) sector?: Sector,
    @Arg('activeOn', () => DateScalar, { nullable: true, description: 'Only overlaps under way on this date (e.g. today).' }) activeOn?: string,
  ) {
    const problems = new InputProblems();
    const page = toPage(pageArgs, problems);
    if (district) problems.check(/^1201\d{2}$/.test(district), 'district', 'is not a UBIGEO of the province of Huancayo');
    problems.throwIfAny();
    const { alerts, totalCount } = await findCoordinationAlerts(ctx.em, { district, kind, sector, activeOn }, page);
    return toConnection(alerts, totalCount, page);
  }

  @FieldResolver(() => [WorkType], { description: 'The works involved.' })
  async works(@Root() alert: CoordinationAlertType, @Ctx() ctx: WorksContext) {
    return (await ctx.loaders.work.loadMany(alert.workIds)).filter((w): w is WorkType => !!w && !(w instanceof Error));
  }

  @FieldResolver(() => [DistrictType], { description: 'Districts where they meet.' })
  async districts(@Root() alert: CoordinationAlertType, @Ctx() ctx: WorksContext) {
    return (await ctx.loaders.district.loadMany(alert.ubigeos)).filter((d): d is DistrictType => !!d && !(d instanceof Error));
  }
}
