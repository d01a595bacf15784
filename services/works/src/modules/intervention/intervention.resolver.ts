import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { WorksContext } from '../../loaders.js';
import { UpsertInterventionsInput } from './intervention.input.js';
import { InterventionService, MAX_ITEMS } from './intervention.service.js';
import { UpsertInterventionsResultType } from './intervention.type.js';

@Resolver()
export class InterventionResolver {
  @Mutation(() => UpsertInterventionsResultType, {
    description: `Creates or updates, in one transaction, up to ${MAX_ITEMS} interventions executed by the calling agency (API key with scope interventions:write), keyed by the agency's own externalId. If any item is invalid nothing is written and every bad item is listed (extensions.problems: index, field, code, reason).`,
  })
  upsertInterventions(@Arg('input', () => UpsertInterventionsInput) input: UpsertInterventionsInput, @Ctx() ctx: WorksContext) {
    return InterventionService.upsert(ctx.em, ctx.identity, input);
  }
}
