/**
 * Entities owned by other subgraphs, as the budget subgraph knows them: by key, plus the works
 * fields it needs (`@external`, fetched by the gateway for `@requires`) to compute financial
 * progress and the gap with physical progress.
 */
import { DecimalScalar } from '@articula/common';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';

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

@ObjectType('Organization')
@Directive('@key(fields: "id")')
export class OrganizationRef {
  @Field(() => ID) id!: string;
}

@ObjectType('Work')
@Directive('@key(fields: "id")')
export class WorkRef {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true })
  @Directive('@external')
  cui?: string | null;
  @Field(() => DecimalScalar, { nullable: true })
  @Directive('@external')
  investmentCost?: string | null;
  @Field(() => Float)
  @Directive('@external')
  physicalProgress?: number;
}
