import { DateScalar, PageInfo } from '@articula/common';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgreementChangeKind, AgreementStatus, MeetingKind, PartyKind } from '../../enums.js';
import { AgencyRef, DepartmentRef, WorkRef } from '../federation/refs.type.js';
import { OrganizationGql } from '../organization/organization.type.js';

@ObjectType('AgreementParty', { description: 'A party to an agreement; exactly one of department, organization and agency is set, as kind says.' })
export class AgreementPartyGql {
  @Field(() => PartyKind) kind!: PartyKind;
  @Field(() => DepartmentRef, { nullable: true }) department!: DepartmentRef | null;
  @Field(() => OrganizationGql, { nullable: true }) organization!: OrganizationGql | null;
  @Field(() => AgencyRef, { nullable: true }) agency!: AgencyRef | null;
  partyId!: string;
}

@ObjectType('AgreementFollowUp', { description: 'A follow-up (seguimiento): date, note, evidence and progress.' })
export class FollowUpGql {
  @Field(() => ID) id!: string;
  @Field(() => DateScalar) date!: string;
  @Field() note!: string;
  @Field(() => String, { nullable: true, description: 'Link to the evidence (acta, photo, report).' }) evidenceUrl!: string | null;
  @Field(() => Float, { description: 'Progress, percent.' }) progress!: number;
}

@ObjectType('Agreement', { description: 'An agreement (acuerdo, compromiso) made in a meeting, followed up until fulfilled. Public.' })
export class AgreementGql {
  @Field(() => ID) id!: string;
  @Field() text!: string;
  @Field(() => DepartmentRef) responsibleDepartment!: DepartmentRef;
  @Field(() => DateScalar) dueDate!: string;
  @Field(() => AgreementStatus) status!: AgreementStatus;
  @Field({ description: 'Due date passed and neither fulfilled nor cancelled. The due date itself is not overdue.' }) overdue!: boolean;
  @Field(() => DateScalar, { nullable: true }) fulfilledOn!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'For fulfilled agreements: whether after the due date.' }) fulfilledLate!: boolean | null;
  @Field(() => String, { nullable: true }) cancellationReason!: string | null;
  @Field(() => Float, { description: 'Progress of the latest follow-up, percent (100 when fulfilled).' }) progress!: number;
  meetingId!: string;
}

@ObjectType('AgreementChangedEvent', { description: 'Something happened to an agreement: the agreement as it is now, what happened and when.' })
export class AgreementChangedEventGql {
  @Field(() => AgreementGql) agreement!: AgreementGql;
  @Field(() => AgreementChangeKind) change!: AgreementChangeKind;
  @Field(() => Date, { description: 'When it happened (for OVERDUE: when it was noticed).' }) at!: Date;
}

@ObjectType('AgreementEdge')
export class AgreementEdge {
  @Field() cursor!: string;
  @Field(() => AgreementGql) node!: AgreementGql;
}

@ObjectType('AgreementConnection')
export class AgreementConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => [AgreementEdge]) edges!: AgreementEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@InputType('AgreementFilter')
export class AgreementFilter {
  @Field(() => [String], { nullable: true, description: 'Responsible department codes.' }) department?: string[];
  @Field(() => [String], { nullable: true, description: "District UBIGEO of the agreement's meeting." }) district?: string[];
  @Field(() => [MeetingKind], { nullable: true }) meetingKind?: MeetingKind[];
  @Field(() => [AgreementStatus], { nullable: true }) status?: AgreementStatus[];
  @Field({ nullable: true }) overdue?: boolean;
}

export enum AgreementGroupBy {
  DEPARTMENT = 'DEPARTMENT',
  DISTRICT = 'DISTRICT',
  MEETING_KIND = 'MEETING_KIND',
}
registerEnumType(AgreementGroupBy, { name: 'AgreementGroupBy' });

@ObjectType('AgreementStatsGroup', {
  description: 'Fulfilment of agreements in a group. fulfilmentRate = fulfilled ÷ (total − cancelled); null when nothing is countable.',
})
export class AgreementStatsGroupGql {
  @Field({ description: 'Department code, UBIGEO or meeting kind.' }) key!: string;
  @Field(() => Int) total!: number;
  @Field(() => Int) fulfilled!: number;
  @Field(() => Int, { description: 'Fulfilled on or before the due date.' }) fulfilledOnTime!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Int) cancelled!: number;
  @Field(() => Float, { nullable: true }) fulfilmentRate!: number | null;
}

@InputType('AgreementPartyInput')
export class AgreementPartyInput {
  @Field(() => PartyKind) kind!: PartyKind;
  @Field({ description: 'Department code, organization id or agency id.' }) key!: string;
}

@InputType('CreateAgreementInput')
export class CreateAgreementInput {
  @Field(() => ID) meetingId!: string;
  @Field() text!: string;
  @Field({ description: 'Responsible department code (default: the caller’s).', nullable: true }) responsibleDepartment?: string;
  @Field(() => DateScalar) dueDate!: string;
  @Field(() => [AgreementPartyInput], { defaultValue: [] }) parties!: AgreementPartyInput[];
  @Field(() => [ID], { defaultValue: [], description: 'Works it concerns.' }) workIds!: string[];
}

@InputType('UpdateAgreementInput', { description: 'Only the fields given change.' })
export class UpdateAgreementInput {
  @Field({ nullable: true }) text?: string;
  @Field(() => DateScalar, { nullable: true }) dueDate?: string;
  @Field(() => AgreementStatus, { nullable: true }) status?: AgreementStatus;
  @Field(() => DateScalar, { nullable: true, description: 'When fulfilled (status FULFILLED; default today).' }) fulfilledOn?: string;
  @Field({ nullable: true, description: 'Why cancelled (status CANCELLED).' }) cancellationReason?: string;
  @Field(() => [ID], { nullable: true }) workIds?: string[];
}

@InputType('FollowUpInput')
export class FollowUpInput {
  @Field(() => DateScalar) date!: string;
  @Field() note!: string;
  @Field({ nullable: true }) evidenceUrl?: string;
  @Field(() => Float) progress!: number;
}

export { WorkRef };
