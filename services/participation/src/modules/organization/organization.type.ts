import { DateScalar, PageInfo } from '@articula/common';
import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { OrganizationType, RegistrationStatus } from '../../enums.js';
import { DistrictRef } from '../federation/refs.type.js';

@ObjectType('Representative', { description: 'A public representative of an organization, as the registry publishes it: name and role only.' })
export class RepresentativeType {
  @Field() name!: string;
  @Field({ description: 'Role, e.g. Presidenta, Secretario.' }) role!: string;
}

@ObjectType('Organization', { description: 'A social organization or institution in the municipal registry (RUOS).' })
@Directive('@key(fields: "id")')
export class OrganizationGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => OrganizationType) type!: OrganizationType;
  @Field(() => DistrictRef) district!: DistrictRef;
  @Field() registrationNumber!: string;
  @Field(() => DateScalar) registrationDate!: string;
  @Field(() => RegistrationStatus) registrationStatus!: RegistrationStatus;
}

@ObjectType('OrganizationEdge')
export class OrganizationEdge {
  @Field() cursor!: string;
  @Field(() => OrganizationGql) node!: OrganizationGql;
}

@ObjectType('OrganizationConnection')
export class OrganizationConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => [OrganizationEdge]) edges!: OrganizationEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@InputType('OrganizationFilter')
export class OrganizationFilter {
  @Field(() => [String], { nullable: true, description: 'District UBIGEO codes.' }) district?: string[];
  @Field(() => [OrganizationType], { nullable: true }) type?: OrganizationType[];
  @Field(() => [RegistrationStatus], { nullable: true }) registrationStatus?: RegistrationStatus[];
  @Field({ nullable: true, description: 'Words of the name.' }) text?: string;
}
