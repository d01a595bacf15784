import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export type AgencyLevel = 'NATIONAL' | 'REGIONAL' | 'LOCAL' | 'PRIVATE';

/** Who executes or publishes interventions: the municipality, GN, GR, GL or a private entity. */
@Entity({ tableName: 'agency' })
export class AgencyEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text', nullable: true }) acronym!: string | null;
  @Property({ type: 'text' }) level!: AgencyLevel;
  @Property({ type: 'boolean' }) isMunicipality!: boolean;
  @Property({ type: 'string', columnType: 'char(6)', nullable: true }) ubigeo!: string | null;
  @Property({ type: 'text', nullable: true }) website!: string | null;
}
