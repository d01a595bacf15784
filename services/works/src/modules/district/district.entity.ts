import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** One of the 28 districts of the province (reference data from INEI, loaded by the seed). */
@Entity({ tableName: 'district' })
export class DistrictEntity {
  @PrimaryKey({ type: 'string', columnType: 'char(6)' }) ubigeo!: string;
  @Property({ type: 'string', columnType: 'char(6)' }) ubigeoReniec!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'decimal', columnType: 'numeric(10,2)' }) areaKm2!: string;
  @Property({ type: 'integer' }) population!: number;
  @Property({ type: 'decimal', columnType: 'numeric(10,2)' }) density!: string;
  @Property({ type: 'integer' }) altitudeM!: number;
  @Property({ type: 'decimal', columnType: 'numeric(9,6)' }) latitude!: string;
  @Property({ type: 'decimal', columnType: 'numeric(9,6)' }) longitude!: string;
  @Property({ type: 'decimal', columnType: 'numeric(6,4)', nullable: true }) hdi!: string | null;
  @Property({ type: 'decimal', columnType: 'numeric(5,2)' }) povertyPct!: string;
  @Property({ type: 'decimal', columnType: 'numeric(5,2)' }) extremePovertyPct!: string;
  @Property({ type: 'decimal', columnType: 'numeric(6,4)', nullable: true }) foodVulnerabilityIndex!: string | null;
  @Property({ type: 'text' }) area!: 'URBAN' | 'RURAL';
  @Property({ type: 'json', lazy: true }) boundary!: unknown;
}
