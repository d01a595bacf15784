import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum GovernmentLevel {
  NATIONAL = 'NATIONAL',
  REGIONAL = 'REGIONAL',
  LOCAL = 'LOCAL',
  PRIVATE = 'PRIVATE',
}
registerEnumType(GovernmentLevel, {
  name: 'GovernmentLevel',
  description: 'Level of government of an executor: GN (national), GR (regional), GL (local) or a private entity.',
  valuesConfig: {
    NATIONAL: { description: 'Gobierno nacional (GN): ministries and national programmes.' },
    REGIONAL: { description: 'Gobierno regional (GR): Gobierno Regional de Junín and its directorates.' },
    LOCAL: { description: 'Gobierno local (GL): the provincial municipality and district municipalities.' },
    PRIVATE: { description: 'Private entities (companies, NGOs, Obras por Impuestos).' },
  },
});

@ObjectType('Agency', { description: 'An entity that executes or publishes interventions: the municipality, GN, GR, GL or private.' })
@Directive('@key(fields: "id")')
export class AgencyType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) acronym!: string | null;
  @Field(() => GovernmentLevel) level!: GovernmentLevel;
  @Field({ description: 'True for the Municipalidad Provincial de Huancayo, which runs this platform.' }) isMunicipality!: boolean;
  @Field(() => String, { nullable: true }) website!: string | null;
  ubigeo!: string | null;
}
