import { DateScalar, DecimalScalar } from '@articula/common';
import { Field, Float, ID, InputType } from 'type-graphql';
import { ContractorInput, GeoPointInput } from '../work/work.input.js';
import { Sector, WorkKind, WorkStatus } from '../work/work.enums.js';

@InputType('InterventionInput', {
  description: "One intervention as the agency's own system holds it: its full current state (an absent optional field means none). Keyed by externalId within the calling agency.",
})
export class InterventionInput {
  @Field({ description: "The agency's own identifier (1–100 characters): the upsert key." }) externalId!: string;
  @Field(() => ID, { nullable: true, description: 'Articula id of a work of this agency, to update it by id.' }) workId?: string | null;
  @Field(() => ID, { nullable: true, description: "The executor; if given, it must be the calling agency's id." }) executor?: string | null;
  @Field(() => WorkKind) kind!: WorkKind;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Sector) sector!: Sector;
  @Field(() => WorkStatus) status!: WorkStatus;
  @Field(() => String, { nullable: true, description: 'Required when status is SUSPENDED.' }) suspensionReason?: string | null;
  @Field(() => [String], { description: 'UBIGEO codes of the districts (at least one).' }) districts!: string[];
  @Field(() => GeoPointInput, { nullable: true }) location?: GeoPointInput | null;
  @Field(() => String, { nullable: true, description: 'Código Único de Inversiones (7 digits).' }) cui?: string | null;
  @Field(() => String, { nullable: true, description: 'INFOBRAS code (Contraloría).' }) infobrasCode?: string | null;
  @Field(() => DateScalar, { nullable: true }) plannedStart?: string | null;
  @Field(() => DateScalar, { nullable: true }) plannedEnd?: string | null;
  @Field(() => DateScalar, { nullable: true }) actualStart?: string | null;
  @Field(() => DateScalar, { nullable: true }) actualEnd?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) investmentCost?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) contractAmount?: string | null;
  @Field(() => ContractorInput, { nullable: true }) contractor?: ContractorInput | null;
  @Field(() => Float, { nullable: true, description: 'Physical progress, 0–100.' }) physicalProgress?: number | null;
  @Field(() => DateScalar, { nullable: true, description: 'Date of that progress figure (default: today).' }) progressDate?: string | null;
}

@InputType('UpsertInterventionsInput')
export class UpsertInterventionsInput {
  @Field(() => String, {
    nullable: true,
    description: 'Makes retries safe: the same key with the same items returns the first answer without writing again; with other items it is refused. Kept at least 24 hours.',
  })
  idempotencyKey?: string | null;
  @Field(() => [InterventionInput], { description: 'Up to 250 interventions.' }) items!: InterventionInput[];
}
