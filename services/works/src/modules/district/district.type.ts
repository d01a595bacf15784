import { GraphQLJSONObject } from 'graphql-scalars';
import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum AreaType {
  URBAN = 'URBAN',
  RURAL = 'RURAL',
}
registerEnumType(AreaType, {
  name: 'AreaType',
  description:
    'Ámbito urbano / rural. A district is URBAN when its population density is at least 500 inhabitants per km² (the ten districts of the Huancayo metropolitan valley), RURAL otherwise.',
});

@ObjectType('District', { description: 'A district (distrito) of the province of Huancayo, keyed by its INEI UBIGEO code.' })
@Directive('@key(fields: "ubigeo")')
export class DistrictType {
  @Field({ description: 'INEI UBIGEO code, 6 digits (1201xx; not consecutive).' }) ubigeo!: string;
  @Field({ description: 'RENIEC UBIGEO code.' }) ubigeoReniec!: string;
  @Field() name!: string;
  @Field(() => Int, { description: 'Estimated population (2020).' }) population!: number;
  @Field(() => Float, { description: 'Area in km².' }) areaKm2!: number;
  @Field(() => Float, { description: 'Inhabitants per km² (2020).' }) density!: number;
  @Field(() => Int, { description: 'Altitude of the district capital, metres.' }) altitude!: number;
  @Field(() => Float, { description: 'Latitude of the district capital (WGS84).' }) latitude!: number;
  @Field(() => Float, { description: 'Longitude of the district capital (WGS84).' }) longitude!: number;
  @Field(() => Float, { nullable: true, description: 'Human development index (2019).' }) hdi!: number | null;
  @Field(() => Float, { description: 'Share of the population in poverty, percent (pobreza).' }) povertyRate!: number;
  @Field(() => Float, { description: 'Share of the population in extreme poverty, percent.' }) extremePovertyRate!: number;
  @Field(() => Float, { nullable: true, description: 'Food insecurity vulnerability index (0–1).' }) foodInsecurityIndex!: number | null;
  @Field(() => AreaType) area!: AreaType;
}

/** The district's boundary is a separate, heavier field: GeoJSON geometry (WGS84, simplified). */
export const BoundaryScalar = GraphQLJSONObject;
