/** The budget subgraph schema and the reference resolvers of the entities it knows. */
import { buildFederatedSchema } from '@articula/common';
import { ExecutionResolver } from './modules/execution/execution.resolver.js';
import { DepartmentRefResolver, DistrictRefResolver, OrganizationRefResolver, WorkRefResolver } from './modules/federation/refs.resolver.js';
import { ProcessResolver, ProposalResolver } from './modules/process/process.resolver.js';

/** Other subgraphs own these; the representation (with any @requires fields) is all budget needs. */
const passThrough = { __resolveReference: (ref: object) => ref };

export function buildBudgetSchema() {
  return buildFederatedSchema(
    { resolvers: [ProcessResolver, ProposalResolver, ExecutionResolver, WorkRefResolver, OrganizationRefResolver, DistrictRefResolver, DepartmentRefResolver] },
    { Work: passThrough, Organization: passThrough, District: passThrough, Department: passThrough },
  );
}
