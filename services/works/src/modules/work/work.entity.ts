import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Sector, WorkKind, WorkStatus } from './work.enums.js';

/**
 * A work, project, activity or action in the territory, by any executor. Its districts live in
 * `work_district` (written by WorkService in the same transaction); `search` is a generated
 * column the entity does not map.
 */
@Entity({ tableName: 'work' })
export class WorkEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) kind!: WorkKind;
  @Property({ type: 'string', columnType: 'char(7)', nullable: true }) cui!: string | null;
  @Property({ type: 'text', nullable: true }) infobrasCode!: string | null;
  @Property({ type: 'text' }) title!: string;
  @Property({ type: 'text' }) description!: string;
  @Property({ type: 'text' }) sector!: Sector;
  @Property({ type: 'uuid', fieldName: 'executor_id' }) executorId!: string;
  @Property({ type: 'uuid', fieldName: 'department_id', nullable: true }) departmentId!: string | null;
  @Property({ type: 'decimal', columnType: 'numeric(9,6)', nullable: true }) latitude!: string | null;
  @Property({ type: 'decimal', columnType: 'numeric(9,6)', nullable: true }) longitude!: string | null;
  @Property({ type: 'text' }) status!: WorkStatus;
  @Property({ type: 'text', nullable: true }) suspensionReason!: string | null;
  @Property({ type: 'date', nullable: true }) plannedStart!: string | null;
  @Property({ type: 'date', nullable: true }) plannedEnd!: string | null;
  @Property({ type: 'date', nullable: true }) actualStart!: string | null;
  @Property({ type: 'date', nullable: true }) actualEnd!: string | null;
  @Property({ type: 'decimal', columnType: 'numeric(14,2)', nullable: true }) investmentCost!: string | null;
  @Property({ type: 'decimal', columnType: 'numeric(14,2)', nullable: true }) contractAmount!: string | null;
  @Property({ type: 'text', nullable: true }) contractorName!: string | null;
  @Property({ type: 'string', columnType: 'char(11)', nullable: true }) contractorRuc!: string | null;
  @Property({ type: 'decimal', columnType: 'numeric(5,2)' }) physicalProgress!: string;
  @Property({ type: 'text', nullable: true }) externalId!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) updatedAt!: Date;
}
