import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** The budget's change history (written by the services and the importer in their transactions). */
@Entity({ tableName: 'change_log' })
export class ChangeLogEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) entityType!: string;
  @Property({ type: 'text' }) entityId!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) at!: Date;
  @Property({ type: 'text' }) action!: string;
  @Property({ type: 'text' }) actorKind!: string;
  @Property({ type: 'text', nullable: true }) actor!: string | null;
  @Property({ type: 'json' }) changes!: unknown[];
}

export const entities = [ChangeLogEntity];
export const SCHEMA = 'budget';
