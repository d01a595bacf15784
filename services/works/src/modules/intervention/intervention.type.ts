import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum UpsertOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(UpsertOutcome, { name: 'UpsertOutcome' });

@ObjectType('UpsertedIntervention')
export class UpsertedInterventionType {
  @Field(() => Int, { description: 'Position of the item in the input list.' }) index!: number;
  @Field() externalId!: string;
  @Field(() => ID) workId!: string;
  @Field(() => UpsertOutcome) outcome!: UpsertOutcome;
}

@ObjectType('UpsertInterventionsResult', { description: 'What one upsertInterventions call did, all in one transaction.' })
export class UpsertInterventionsResultType {
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => [UpsertedInterventionType]) items!: UpsertedInterventionType[];
}
