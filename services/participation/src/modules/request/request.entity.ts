import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { RequestCategory, RequestKind, RequestStatus } from '../../enums.js';

/** A citizen's request: public facts only. Who submitted it is in RequestSubmitterEntity. */
@Entity({ tableName: 'citizen_request' })
export class CitizenRequestEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) trackingCode!: string;
  @Property({ type: 'text' }) kind!: RequestKind;
  @Property({ type: 'text' }) category!: RequestCategory;
  @Property({ type: 'string', columnType: 'char(6)' }) ubigeo!: string;
  @Property({ type: 'text' }) description!: string;
  @Property({ type: 'uuid', nullable: true }) workId!: string | null;
  @Property({ type: 'text' }) status!: RequestStatus;
  @Property({ type: 'text', nullable: true }) assignedDepartment!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) submittedAt!: Date;
  @Property({ type: 'date' }) dueOn!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Property({ type: 'text', nullable: true }) rejectionReason!: string | null;
  @Property({ type: 'text', nullable: true }) publicResponse!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) updatedAt!: Date;
}

/** Personal data of a request's submitter: read only by officials of the assigned department. */
@Entity({ tableName: 'request_submitter' })
export class RequestSubmitterEntity {
  @PrimaryKey({ type: 'uuid' }) requestId!: string;
  @Property({ type: 'text', nullable: true }) fullName!: string | null;
  @Property({ type: 'string', columnType: 'char(8)', nullable: true }) dni!: string | null;
  @Property({ type: 'text', nullable: true }) phone!: string | null;
  @Property({ type: 'text', nullable: true }) email!: string | null;
  @Property({ type: 'text', nullable: true }) address!: string | null;
}

/** One step of a request's workflow. */
@Entity({ tableName: 'request_event' })
export class RequestEventEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) requestId!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) at!: Date;
  @Property({ type: 'text', nullable: true }) fromStatus!: RequestStatus | null;
  @Property({ type: 'text' }) toStatus!: RequestStatus;
  @Property({ type: 'text', nullable: true }) department!: string | null;
  @Property({ type: 'text', nullable: true }) note!: string | null;
}
