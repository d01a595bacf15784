/** The participation subgraph schema and the reference resolvers of the entities it knows. */
import { buildFederatedSchema } from '@articula/common';
import type { ParticipationContext } from './loaders.js';
import { AgreementResolver } from './modules/agreement/agreement.resolver.js';
import { DepartmentRefResolver, DistrictRefResolver, WorkRefResolver } from './modules/federation/refs.resolver.js';
import { MeetingResolver } from './modules/meeting/meeting.resolver.js';
import { OrganizationResolver } from './modules/organization/organization.resolver.js';
import { RequestCaseResolver, RequestResolver } from './modules/request/request.resolver.js';

export function buildParticipationSchema() {
  return buildFederatedSchema(
    {
      resolvers: [OrganizationResolver, MeetingResolver, AgreementResolver, RequestResolver, RequestCaseResolver, DistrictRefResolver, DepartmentRefResolver, WorkRefResolver],
    },
    {
      Organization: { __resolveReference: (ref: { id: string }, ctx: ParticipationContext) => ctx.loaders.organization.load(ref.id) },
      // Works owns these: participation only needs their keys to resolve its own fields.
      District: { __resolveReference: (ref: { ubigeo: string }) => ({ ubigeo: ref.ubigeo }) },
      Department: { __resolveReference: (ref: { code: string }) => ({ code: ref.code }) },
      Work: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    },
  );
}
