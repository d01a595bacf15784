import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export type ChangeEntityType = 'MEETING' | 'AGREEMENT' | 'FOLLOW_UP' | 'REQUEST' | 'ORGANIZATION';
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** The change history of participation's records, written in the same transaction as the change. */
@Entity({ tableName: 'change_log' })
export class ChangeLogEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) entityType!: ChangeEntityType;
  @Property({ type: 'uuid' }) entityId!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) at!: Date;
  @Property({ type: 'text' }) action!: string;
  @Property({ type: 'text' }) actorKind!: 'DEPARTMENT' | 'CITIZEN' | 'SYSTEM';
  @Property({ type: 'text', nullable: true }) actorDepartment!: string | null;
  @Property({ type: 'json' }) changes!: FieldChange[];
}

/**
 * A history entry. Requests' entries never carry the submitter's data: callers pass only public
 * fields in `changes`.
 */
export function changeEntry(
  entityType: ChangeEntityType,
  entityId: string,
  action: string,
  actor: { department: string } | 'CITIZEN',
  changes: FieldChange[],
  at = new Date(),
): ChangeLogEntity {
  return Object.assign(new ChangeLogEntity(), {
    id: randomUUID(), entityType, entityId, at, action,
    actorKind: actor === 'CITIZEN' ? 'CITIZEN' : 'DEPARTMENT',
    actorDepartment: actor === 'CITIZEN' ? null : actor.department,
    changes,
  });
}
