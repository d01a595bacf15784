import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType('ResponsibleOfficial', { description: 'The designated responsible official of a department: public name and title only.' })
export class ResponsibleOfficialType {
  @Field() name!: string;
  @Field() title!: string;
}

@ObjectType('Department', { description: 'A department (gerencia) of the municipality.' })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "code")')
export class DepartmentType {
  @Field(() => ID) id!: string;
  @Field({ description: 'Short code, e.g. GOP (Gerencia de Obras Públicas).' }) code!: string;
  @Field() name!: string;
  @Field(() => ResponsibleOfficialType, { description: 'Designated responsible official (responsable).' }) responsibleOfficial!: ResponsibleOfficialType;
}
