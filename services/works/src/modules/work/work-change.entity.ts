import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export type WorkChangeAction = 'CREATED' | 'UPDATED' | 'PROGRESS_REPORTED' | 'STATUS_CHANGED' | 'IMPORTED';
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** One entry of a work's public change history, written in the same transaction as the change. */
@Entity({ tableName: 'work_change' })
export class WorkChangeEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid', fieldName: 'work_id' }) workId!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) changedAt!: Date;
  @Property({ type: 'text' }) action!: WorkChangeAction;
  @Property({ type: 'text' }) actorKind!: 'DEPARTMENT' | 'AGENCY' | 'SYSTEM';
  @Property({ type: 'uuid', fieldName: 'actor_department_id', nullable: true }) actorDepartmentId!: string | null;
  @Property({ type: 'uuid', fieldName: 'actor_agency_id', nullable: true }) actorAgencyId!: string | null;
  @Property({ type: 'text', fieldName: 'actor_key_prefix', nullable: true }) actorKeyPrefix?: string | null;
  @Property({ type: 'json' }) changes!: FieldChange[];
}
