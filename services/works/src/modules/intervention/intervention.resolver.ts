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
  async upsertInterventions(@Arg('input', () => UpsertInterventionsInput) input: UpsertInterventionsInput, @Ctx() ctx: WorksContext) {
    const result = await InterventionService.upsert(ctx.em, ctx.identity, input);
    // Committed: look for coincidences with other executors' works, off the write path.
    ctx.alerts.schedule(result.items.filter((x) => x.outcome !== 'UNCHANGED').map((x) => x.workId));
    return result;
  }
}
