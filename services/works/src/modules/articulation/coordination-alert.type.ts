import { DateScalar, PageInfo } from '@articula/common';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Sector } from '../work/work.enums.js';

export enum CoordinationAlertKind {
  OVERLAPPING_INTERVENTIONS = 'OVERLAPPING_INTERVENTIONS',
  SHARED_CUI = 'SHARED_CUI',
}
registerEnumType(CoordinationAlertKind, {
  name: 'CoordinationAlertKind',
  valuesConfig: {
    OVERLAPPING_INTERVENTIONS: { description: 'Two executors work in the same district and sector in overlapping periods.' },
    SHARED_CUI: { description: 'The same CUI is reported by more than one executor.' },
  },
});

@ObjectType('CoordinationAlert', {
  description:
    'Articulation: agencies (municipality, GN, GR, GL, private) intervening in the same place, or on the same investment, apparently without knowing of each other. Cancelled works are left out.',
})
export class CoordinationAlertType {
  @Field(() => ID, { description: 'Stable id of the alert, derived from its kind and works.' }) id!: string;
  @Field(() => CoordinationAlertKind) kind!: CoordinationAlertKind;
  @Field(() => Sector, { nullable: true, description: 'The shared sector (OVERLAPPING_INTERVENTIONS).' }) sector!: Sector | null;
  @Field(() => String, { nullable: true, description: 'The shared CUI (SHARED_CUI).' }) cui!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Start of the overlap of the periods.' }) overlapFrom!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'End of the overlap of the periods (null: open-ended).' }) overlapTo!: string | null;
  @Field(() => Int, { description: 'Number of distinct executors involved.' }) executorCount!: number;
  workIds!: string[];
  ubigeos!: string[];
}

@ObjectType('CoordinationAlertEdge')
export class CoordinationAlertEdge {
  @Field() cursor!: string;
  @Field(() => CoordinationAlertType) node!: CoordinationAlertType;
}

@ObjectType('CoordinationAlertConnection')
export class CoordinationAlertConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => [CoordinationAlertEdge]) edges!: CoordinationAlertEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
