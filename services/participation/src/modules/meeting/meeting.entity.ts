import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { MeetingKind, MeetingStatus } from '../../enums.js';

/** A dialogue space: committee, dialogue table, hearing, workshop or field visit. Attendees are in join tables. */
@Entity({ tableName: 'meeting' })
export class MeetingEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) kind!: MeetingKind;
  @Property({ type: 'text' }) title!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) startsAt!: Date;
  @Property({ type: 'string', columnType: 'char(6)' }) ubigeo!: string;
  @Property({ type: 'text' }) place!: string;
  @Property({ type: 'text' }) conveningDepartment!: string;
  @Property({ type: 'integer', nullable: true }) attendanceCount!: number | null;
  @Property({ type: 'text' }) agenda!: string;
  @Property({ type: 'text', nullable: true }) minutesSummary!: string | null;
  @Property({ type: 'text' }) status!: MeetingStatus;
  @Property({ type: 'uuid', nullable: true }) seriesId!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) updatedAt!: Date;
}
