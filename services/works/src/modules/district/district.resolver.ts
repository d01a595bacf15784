import { PageArgs, pageOrThrow, toConnection } from '@articula/common';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { WorksContext } from '../../loaders.js';
import { DISTRICT_COLUMNS } from '../../loaders.js';
import { WorkFilter } from '../work/work.input.js';
import { findWorksPage } from '../work/work.queries.js';
import { WorkConnection } from '../work/work.type.js';
import { AreaType, DistrictType } from './district.type.js';

@Resolver(() => DistrictType)
export class DistrictResolver {
  @Query(() => [DistrictType], { description: 'The 28 districts of the province, by UBIGEO.' })
  async districts(@Ctx() ctx: WorksContext, @Arg('area', () => AreaType, { nullable: true }) area?: AreaType): Promise<DistrictType[]> {
    return ctx.em.execute<DistrictType[]>(`select ${DISTRICT_COLUMNS} from district d where (?::text is null or d.area = ?) order by d.ubigeo`, [area ?? null, area ?? null]);
  }

  @Query(() => DistrictType, { nullable: true, description: 'A district by its INEI UBIGEO code.' })
  district(@Arg('ubigeo') ubigeo: string, @Ctx() ctx: WorksContext) {
    return ctx.loaders.district.load(ubigeo);
  }

  @FieldResolver(() => GraphQLJSONObject, { nullable: true, description: 'Boundary as a GeoJSON geometry (WGS84, simplified; INEI 2007 limits).' })
  boundary(@Root() district: DistrictType, @Ctx() ctx: WorksContext) {
    return ctx.loaders.boundary.load(district.ubigeo);
  }

  @FieldResolver(() => WorkConnection, { description: 'Works in this district (same filters as Query.works).' })
  async works(@Root() district: DistrictType, @Args() pageArgs: PageArgs, @Ctx() ctx: WorksContext, @Arg('filter', () => WorkFilter, { nullable: true }) filter?: WorkFilter) {
    const page = pageOrThrow(pageArgs);
    const { works, totalCount } = await findWorksPage(ctx.em, { ...filter, district: [district.ubigeo] }, undefined, page, ctx.today);
    return toConnection(works, totalCount, page);
  }
}
