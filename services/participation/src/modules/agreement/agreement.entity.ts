import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { AgreementStatus } from '../../enums.js';

/** A commitment made in a meeting; parties and linked works are in join tables. */
@Entity({ tableName: 'agreement' })
export class AgreementEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) meetingId!: string;
  @Property({ type: 'text' }) text!: string;
  @Property({ type: 'text' }) responsibleDepartment!: string;
  @Property({ type: 'date' }) dueDate!: string;
  @Property({ type: 'text' }) status!: AgreementStatus;
  @Property({ type: 'date', nullable: true }) fulfilledOn!: string | null;
  @Property({ type: 'text', nullable: true }) cancellationReason!: string | null;
  /** When the overdue ticker announced it overdue (see overdue.ts); null while not announced. */
  @Property({ type: 'date', nullable: true }) overdueNotifiedOn!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) updatedAt!: Date;
}

/** A dated follow-up (seguimiento) of an agreement, with evidence and progress. */
@Entity({ tableName: 'agreement_follow_up' })
export class FollowUpEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) agreementId!: string;
  @Property({ type: 'date' }) reportedOn!: string;
  @Property({ type: 'text' }) note!: string;
  @Property({ type: 'text', nullable: true }) evidenceUrl!: string | null;
  @Property({ type: 'decimal', columnType: 'numeric(5,2)' }) progressPct!: string;
  @Property({ type: 'text' }) department!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
}
