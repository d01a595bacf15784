import { DateScalar, DecimalScalar } from '@articula/common';
import { Field, Float, ID, InputType, registerEnumType } from 'type-graphql';
import { GovernmentLevel } from '../agency/agency.type.js';
import { AreaType } from '../district/district.type.js';
import { Sector, WorkKind, WorkStatus } from './work.enums.js';

@InputType('WorkFilter', { description: 'Filters are combined with AND; list values within one filter with OR.' })
export class WorkFilter {
  @Field(() => [String], { nullable: true, description: 'District UBIGEO codes.' }) district?: string[];
  @Field(() => [String], { nullable: true, description: 'Department codes (e.g. GOP).' }) department?: string[];
  @Field(() => [ID], { nullable: true, description: 'Executor agency ids.' }) executor?: string[];
  @Field(() => [GovernmentLevel], { nullable: true }) executorLevel?: GovernmentLevel[];
  @Field(() => [WorkKind], { nullable: true }) kind?: WorkKind[];
  @Field(() => [WorkStatus], { nullable: true }) status?: WorkStatus[];
  @Field(() => [Sector], { nullable: true }) sector?: Sector[];
  @Field(() => AreaType, { nullable: true, description: 'Works in at least one urban (or rural) district.' }) area?: AreaType;
  @Field({ nullable: true, description: 'Only delayed (true) or only not delayed (false) works.' }) delayed?: boolean;
  @Field(() => DateScalar, { nullable: true, description: 'Works whose period (actual, else planned) ends on or after this date.' }) activeFrom?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Works whose period starts on or before this date.' }) activeTo?: string;
  @Field({ nullable: true, description: 'Words in the title or description (Spanish stemming), or a CUI.' }) text?: string;
}

export enum WorkOrderField {
  TITLE = 'TITLE',
  INVESTMENT_COST = 'INVESTMENT_COST',
  PHYSICAL_PROGRESS = 'PHYSICAL_PROGRESS',
  PLANNED_START = 'PLANNED_START',
  PLANNED_END = 'PLANNED_END',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(WorkOrderField, { name: 'WorkOrderField' });

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@InputType('WorkOrder', { description: 'Ordering; ties are broken by id, so pages are stable. Empty values sort last.' })
export class WorkOrder {
  @Field(() => WorkOrderField) field!: WorkOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC }) direction!: OrderDirection;
}

@InputType('GeoPointInput')
export class GeoPointInput {
  @Field(() => Float) latitude!: number;
  @Field(() => Float) longitude!: number;
}

@InputType('ContractorInput')
export class ContractorInput {
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'RUC, 11 digits with a valid check digit.' }) ruc?: string | null;
}

/** Fields an official can set on a work of their department (shared by create and update). */
@InputType('WorkFieldsInput')
export class WorkFieldsInput {
  @Field(() => String, { nullable: true }) cui?: string | null;
  @Field(() => String, { nullable: true }) infobrasCode?: string | null;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => [String], { nullable: true, description: 'District UBIGEO codes (at least one).' }) districts?: string[];
  @Field(() => GeoPointInput, { nullable: true, description: 'A point inside the province.' }) location?: GeoPointInput | null;
  @Field(() => DateScalar, { nullable: true }) plannedStart?: string | null;
  @Field(() => DateScalar, { nullable: true }) plannedEnd?: string | null;
  @Field(() => DateScalar, { nullable: true }) actualStart?: string | null;
  @Field(() => DateScalar, { nullable: true }) actualEnd?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) investmentCost?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) contractAmount?: string | null;
  @Field(() => ContractorInput, { nullable: true }) contractor?: ContractorInput | null;
}

@InputType('CreateWorkInput', { description: 'A new work of the caller’s department, executed by the municipality.' })
export class CreateWorkInput extends WorkFieldsInput {
  @Field(() => WorkKind) kind!: WorkKind;
  @Field() title!: string;
  @Field(() => Sector) sector!: Sector;
  @Field(() => [String], { description: 'District UBIGEO codes (at least one).' }) override districts!: string[];
}

@InputType('UpdateWorkInput', { description: 'Only the fields given change; null clears an optional field.' })
export class UpdateWorkInput extends WorkFieldsInput {
  @Field(() => WorkKind, { nullable: true }) kind?: WorkKind;
  @Field({ nullable: true }) title?: string;
  @Field(() => Sector, { nullable: true }) sector?: Sector;
}

@InputType('ProgressReportInput')
export class ProgressReportInput {
  @Field(() => DateScalar, { description: 'Date of the report: not in the future, not before the work started.' }) date!: string;
  @Field(() => Float, { description: 'Physical progress, percent, 0 to 100.' }) physicalProgress!: number;
  @Field(() => String, { nullable: true }) note?: string | null;
}
