/** The works subgraph schema: type-graphql resolvers plus the reference resolvers of its entities. */
import { buildFederatedSchema } from '@articula/common';
import type { WorksContext } from './loaders.js';
import { AgencyResolver } from './modules/agency/agency.resolver.js';
import { CoordinationAlertResolver } from './modules/articulation/coordination-alert.resolver.js';
import { DepartmentResolver } from './modules/department/department.resolver.js';
import { DistrictResolver } from './modules/district/district.resolver.js';
import { InterventionResolver } from './modules/intervention/intervention.resolver.js';
import { WorkSubscriptionResolver } from './modules/realtime/work.subscriptions.js';
import { WorkChangeResolver, WorkResolver } from './modules/work/work.resolver.js';

export function buildWorksSchema() {
  return buildFederatedSchema(
    { resolvers: [DistrictResolver, AgencyResolver, DepartmentResolver, WorkResolver, WorkChangeResolver, CoordinationAlertResolver, InterventionResolver, WorkSubscriptionResolver] },
    {
      District: { __resolveReference: (ref: { ubigeo: string }, ctx: WorksContext) => ctx.loaders.district.load(ref.ubigeo) },
      Agency: { __resolveReference: (ref: { id: string }, ctx: WorksContext) => ctx.loaders.agency.load(ref.id) },
      // Other subgraphs reference departments by id or by code (the key officials' tokens carry).
      Department: {
        __resolveReference: (ref: { id?: string; code?: string }, ctx: WorksContext) =>
          ref.id !== undefined ? ctx.loaders.department.load(ref.id) : ctx.loaders.departmentByCode.load(ref.code ?? ''),
      },
      Work: { __resolveReference: (ref: { id: string }, ctx: WorksContext) => ctx.loaders.work.load(ref.id) },
    },
  );
}
