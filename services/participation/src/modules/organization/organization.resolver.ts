import { PageArgs, pageOrThrow, toConnection } from '@articula/common';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { ParticipationContext } from '../../loaders.js';
import { findOrganizationsPage } from './organization.queries.js';
import { OrganizationConnection, OrganizationFilter, OrganizationGql, RepresentativeType } from './organization.type.js';

@Resolver(() => OrganizationGql)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, { description: 'The registry of social organizations and institutions, by name.' })
  async organizations(@Args() pageArgs: PageArgs, @Ctx() ctx: ParticipationContext, @Arg('filter', () => OrganizationFilter, { nullable: true }) filter?: OrganizationFilter) {
    const page = pageOrThrow(pageArgs);
    const { nodes, totalCount } = await findOrganizationsPage(ctx.em, filter, page);
    return toConnection(nodes, totalCount, page);
  }

  @Query(() => OrganizationGql, { nullable: true })
  organization(@Arg('id', () => ID) id: string, @Ctx() ctx: ParticipationContext) {
    return ctx.loaders.organization.load(id);
  }

  @FieldResolver(() => [RepresentativeType], { description: 'Public representatives (name and role).' })
  representatives(@Root() organization: OrganizationGql, @Ctx() ctx: ParticipationContext) {
    return ctx.loaders.representativesOf.load(organization.id);
  }
}
