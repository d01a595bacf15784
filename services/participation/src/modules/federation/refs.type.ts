/**
 * Entities owned by the works subgraph, as participation knows them: by key only. Participation
 * adds fields to District, Department and Work; Agency is only referenced (agreement parties).
 */
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType('District')
@Directive('@key(fields: "ubigeo")')
export class DistrictRef {
  @Field() ubigeo!: string;
}

@ObjectType('Department')
@Directive('@key(fields: "code")')
export class DepartmentRef {
  @Field() code!: string;
}

@ObjectType('Work')
@Directive('@key(fields: "id")')
export class WorkRef {
  @Field(() => ID) id!: string;
}

@ObjectType('Agency')
@Directive('@key(fields: "id", resolvable: false)')
export class AgencyRef {
  @Field(() => ID) id!: string;
}

export const districtRef = (ubigeo: string): DistrictRef => ({ ubigeo });
export const departmentRef = (code: string): DepartmentRef => ({ code });
