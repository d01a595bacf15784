import { DateScalar } from '@articula/common';
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RequestCategory, RequestKind, RequestStatus } from '../../enums.js';
import { DepartmentRef, DistrictRef } from '../federation/refs.type.js';

@ObjectType('RequestStatusChange')
export class RequestStatusChangeGql {
  @Field(() => Date) at!: Date;
  @Field(() => RequestStatus) status!: RequestStatus;
}

@ObjectType('RequestStatusView', { description: 'What anyone holding the tracking code may see of a request: no personal data.' })
export class RequestStatusViewGql {
  @Field() trackingCode!: string;
  @Field(() => RequestKind) kind!: RequestKind;
  @Field(() => RequestCategory) category!: RequestCategory;
  @Field(() => DistrictRef) district!: DistrictRef;
  @Field(() => RequestStatus) status!: RequestStatus;
  @Field(() => DepartmentRef, { nullable: true }) assignedDepartment!: DepartmentRef | null;
  @Field(() => Date) submittedAt!: Date;
  @Field(() => DateScalar, { description: 'Deadline (plazo), in business days from submission.' }) dueOn!: string;
  @Field({ description: 'Open past its deadline, or closed after it.' }) overdue!: boolean;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => String, { nullable: true, description: "The municipality's public response." }) publicResponse!: string | null;
  @Field(() => String, { nullable: true }) rejectionReason!: string | null;
  @Field(() => [RequestStatusChangeGql]) history!: RequestStatusChangeGql[];
  id!: string;
}

@ObjectType('RequestSubmitter', { description: 'PRIVATE. Personal data of who submitted a request: only officials of the assigned department.' })
@Directive('@tag(name: "private")')
export class SubmitterGql {
  @Field(() => String, { nullable: true }) fullName!: string | null;
  @Field(() => String, { nullable: true }) dni!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
}

@ObjectType('RequestCase', { description: 'PRIVATE. A request as its assigned department works on it.' })
@Directive('@tag(name: "private")')
export class RequestCaseGql {
  @Field(() => ID) id!: string;
  @Field(() => RequestStatusViewGql) request!: RequestStatusViewGql;
  @Field() description!: string;
  @Field(() => ID, { nullable: true }) workId!: string | null;
}

@InputType('SubmitterInput', { description: 'Optional contact data: stored apart, seen only by the department that handles the request.' })
export class SubmitterInput {
  @Field({ nullable: true }) fullName?: string;
  @Field({ nullable: true, description: 'DNI, 8 digits.' }) dni?: string;
  @Field({ nullable: true, description: 'Mobile, 9 digits starting with 9.' }) phone?: string;
  @Field({ nullable: true }) email?: string;
  @Field({ nullable: true }) address?: string;
}

@InputType('SubmitRequestInput')
export class SubmitRequestInput {
  @Field(() => RequestKind) kind!: RequestKind;
  @Field(() => RequestCategory) category!: RequestCategory;
  @Field({ description: 'District UBIGEO.' }) district!: string;
  @Field({ description: 'What is asked, 10 to 4000 characters. Do not include personal data here: it is public.' }) description!: string;
  @Field(() => ID, { nullable: true, description: 'A work it concerns.' }) workId?: string;
  @Field(() => SubmitterInput, { nullable: true }) submitter?: SubmitterInput;
}

@ObjectType('SubmittedRequest')
export class SubmittedRequestGql {
  @Field({ description: 'Keep it: it is the only way to follow the request.' }) trackingCode!: string;
  @Field(() => DateScalar) dueOn!: string;
  @Field(() => RequestStatus) status!: RequestStatus;
}

export enum RequestGroupBy {
  DISTRICT = 'DISTRICT',
  CATEGORY = 'CATEGORY',
  KIND = 'KIND',
  STATUS = 'STATUS',
}
registerEnumType(RequestGroupBy, { name: 'RequestGroupBy' });

@ObjectType('RequestStats', {
  description: 'Anonymized statistics of citizen requests. A cell with fewer than 5 requests is suppressed: all its figures are null.',
})
export class RequestStatsGql {
  @Field({ description: 'UBIGEO, category, kind or status; TOTAL for a district’s own figures.' }) key!: string;
  @Field({ description: 'True when the cell has fewer than 5 requests and its figures are withheld.' }) suppressed!: boolean;
  @Field(() => Int, { nullable: true }) count!: number | null;
  @Field(() => Int, { nullable: true }) resolvedCount!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median calendar days from submission to resolution.' }) medianDaysToResolve!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of resolved requests resolved by their deadline, 0–1.' }) resolvedWithinDeadlineShare!: number | null;
  @Field(() => Int, { nullable: true, description: 'Open past their deadline.' }) overdueCount!: number | null;
}
