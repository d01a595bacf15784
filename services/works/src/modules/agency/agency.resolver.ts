import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { AGENCY_COLUMNS, type WorksContext } from '../../loaders.js';
import { DistrictType } from '../district/district.type.js';
import { AgencyType, GovernmentLevel } from './agency.type.js';

@Resolver(() => AgencyType)
export class AgencyResolver {
  @Query(() => [AgencyType], { description: 'Agencies that execute or publish interventions in the province, by level and name.' })
  agencies(@Ctx() ctx: WorksContext, @Arg('level', () => GovernmentLevel, { nullable: true }) level?: GovernmentLevel): Promise<AgencyType[]> {
    return ctx.em.execute<AgencyType[]>(
      `select ${AGENCY_COLUMNS} from agency a where (?::text is null or a.level = ?)
        order by case a.level when 'LOCAL' then 1 when 'REGIONAL' then 2 when 'NATIONAL' then 3 else 4 end, not a.is_municipality, a.name`,
      [level ?? null, level ?? null],
    );
  }

  @Query(() => AgencyType, { nullable: true })
  agency(@Arg('id', () => ID) id: string, @Ctx() ctx: WorksContext) {
    return ctx.loaders.agency.load(id);
  }

  @FieldResolver(() => DistrictType, { nullable: true, description: 'Seat of the agency, when it is in the province.' })
  district(@Root() agency: AgencyType, @Ctx() ctx: WorksContext) {
    return agency.ubigeo ? ctx.loaders.district.load(agency.ubigeo) : null;
  }
}
