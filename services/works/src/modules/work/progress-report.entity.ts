import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A dated physical-progress report on a work (avance físico). */
@Entity({ tableName: 'progress_report' })
export class ProgressReportEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid', fieldName: 'work_id' }) workId!: string;
  @Property({ type: 'date' }) reportedOn!: string;
  @Property({ type: 'decimal', columnType: 'numeric(5,2)' }) physicalProgress!: string;
  @Property({ type: 'text', nullable: true }) note!: string | null;
  /** Department code or agency id: who reported, never a person. */
  @Property({ type: 'text' }) reportedBy!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
}
