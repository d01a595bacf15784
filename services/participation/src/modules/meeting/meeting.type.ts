import { DateScalar, PageInfo } from '@articula/common';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MeetingKind, MeetingStatus } from '../../enums.js';
import { DepartmentRef, DistrictRef } from '../federation/refs.type.js';

@ObjectType('Meeting', { description: 'A dialogue space (espacio de diálogo): committee, dialogue table, accountability hearing, budget workshop or field visit.' })
export class MeetingGql {
  @Field(() => ID) id!: string;
  @Field(() => MeetingKind) kind!: MeetingKind;
  @Field() title!: string;
  @Field(() => Date, { description: 'Start, with time (ISO 8601).' }) startsAt!: Date;
  @Field(() => DistrictRef) district!: DistrictRef;
  @Field() place!: string;
  @Field(() => DepartmentRef, { description: 'The department that convenes it.' }) conveningDepartment!: DepartmentRef;
  @Field(() => Int, { nullable: true, description: 'People who attended (held meetings).' }) attendanceCount!: number | null;
  @Field() agenda!: string;
  @Field(() => String, { nullable: true, description: 'Summary of the minutes (acta).' }) minutesSummary!: string | null;
  @Field(() => MeetingStatus) status!: MeetingStatus;
  @Field(() => ID, { nullable: true, description: 'Meetings of one series (the weekly committee) share it.' }) seriesId!: string | null;
}

@ObjectType('MeetingEdge')
export class MeetingEdge {
  @Field() cursor!: string;
  @Field(() => MeetingGql) node!: MeetingGql;
}

@ObjectType('MeetingConnection')
export class MeetingConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => [MeetingEdge]) edges!: MeetingEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@InputType('MeetingFilter')
export class MeetingFilter {
  @Field(() => [String], { nullable: true }) district?: string[];
  @Field(() => [MeetingKind], { nullable: true }) kind?: MeetingKind[];
  @Field(() => [MeetingStatus], { nullable: true }) status?: MeetingStatus[];
  @Field(() => DateScalar, { nullable: true, description: 'On or after this date (Peru time).' }) from?: string;
  @Field(() => DateScalar, { nullable: true, description: 'On or before this date (Peru time).' }) to?: string;
}

@InputType('ScheduleMeetingInput')
export class ScheduleMeetingInput {
  @Field(() => MeetingKind) kind!: MeetingKind;
  @Field() title!: string;
  @Field(() => Date, { description: 'Start (ISO 8601 with offset, e.g. 2026-12-07T09:00:00-05:00).' }) startsAt!: Date;
  @Field({ description: 'District UBIGEO.' }) district!: string;
  @Field() place!: string;
  @Field({ defaultValue: '' }) agenda!: string;
  @Field(() => [ID], { defaultValue: [], description: 'Organizations invited.' }) organizationIds!: string[];
  @Field(() => [String], { defaultValue: [], description: 'Department codes invited (the convening one is always in).' }) departments!: string[];
  @Field(() => Int, { defaultValue: 1, description: 'For a weekly series (the coordination committee): how many weeks, 1 to 52.' }) weeks!: number;
}

@InputType('UpdateMeetingInput', { description: 'Only the fields given change.' })
export class UpdateMeetingInput {
  @Field({ nullable: true }) title?: string;
  @Field(() => Date, { nullable: true }) startsAt?: Date;
  @Field({ nullable: true }) place?: string;
  @Field({ nullable: true }) agenda?: string;
  @Field(() => MeetingStatus, { nullable: true }) status?: MeetingStatus;
  @Field(() => Int, { nullable: true }) attendanceCount?: number;
  @Field({ nullable: true }) minutesSummary?: string;
  @Field(() => [ID], { nullable: true }) organizationIds?: string[];
}
