import { DecimalScalar } from '@articula/common';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AreaType, DistrictType } from '../district/district.type.js';

@ObjectType('WorkGroup', { description: 'Aggregate figures of the works in one group.' })
export class WorkGroupType {
  @Field({ description: 'The group: a UBIGEO, department code (NONE for other agencies), sector, status, level, agency id or area.' }) key!: string;
  @Field({ description: 'Human name of the group.' }) label!: string;
  @Field(() => Int, { description: 'Works in the group.' }) count!: number;
  @Field(() => DecimalScalar, { description: 'Sum of investment cost, soles.' }) totalInvestment!: string;
  @Field(() => Float, { nullable: true, description: 'Mean physical progress, percent.' }) averagePhysicalProgress!: number | null;
  @Field(() => Int, { description: 'Delayed works in the group.' }) delayedCount!: number;
}

@ObjectType('WorkStats', { description: 'Aggregates of the works matching a filter, grouped by one dimension, with the total.' })
export class WorkStatsType {
  @Field(() => [WorkGroupType]) groups!: WorkGroupType[];
  @Field(() => WorkGroupType, { description: 'All works matching the filter.' }) total!: WorkGroupType;
}

@ObjectType('DistrictInvestment', { description: 'Investment in a district next to its population and poverty.' })
export class DistrictInvestmentType {
  @Field(() => DistrictType) district!: DistrictType;
  @Field(() => Int) workCount!: number;
  @Field(() => DecimalScalar, { description: 'Investment (cost of a work split equally among its districts), soles.' }) totalInvestment!: string;
  @Field(() => DecimalScalar, { description: 'Investment per inhabitant, soles.' }) investmentPerInhabitant!: string;
  @Field(() => Float, { description: 'Poverty rate of the district, percent.' }) povertyRate!: number;
  @Field(() => Int) population!: number;
  @Field(() => AreaType) area!: AreaType;
}

@ObjectType('AreaInvestment', { description: 'Urban and rural districts side by side.' })
export class AreaInvestmentType {
  @Field(() => AreaType) area!: AreaType;
  @Field(() => Int) districtCount!: number;
  @Field(() => Int) population!: number;
  @Field(() => Int) workCount!: number;
  @Field(() => DecimalScalar) totalInvestment!: string;
  @Field(() => DecimalScalar) investmentPerInhabitant!: string;
  @Field(() => Float, { description: 'Poverty rate weighted by population, percent.' }) povertyRate!: number;
}

@ObjectType('InvestmentPerCapita')
export class InvestmentPerCapitaType {
  @Field(() => [DistrictInvestmentType], { description: 'By district, highest investment per inhabitant first.' }) districts!: DistrictInvestmentType[];
  @Field(() => [AreaInvestmentType], { description: 'URBAN and RURAL totals.' }) byArea!: AreaInvestmentType[];
}
