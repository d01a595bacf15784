import { DateScalar, DecimalScalar, PageInfo } from '@articula/common';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Sector, WorkKind, WorkStatus } from './work.enums.js';

@ObjectType('GeoPoint', { description: 'A point (WGS84).' })
export class GeoPointType {
  @Field(() => Float) latitude!: number;
  @Field(() => Float) longitude!: number;
}

@ObjectType('Contractor', { description: 'The contractor of a work (a company: name and RUC are public in SEACE).' })
export class ContractorType {
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'RUC, 11 digits.' }) ruc!: string | null;
}

@ObjectType('Work', {
  description:
    'A work (obra), investment project, activity or action in the territory, whoever executes it: the municipality or another agency (GN, GR, GL, private).',
})
@Directive('@key(fields: "id")')
export class WorkType {
  @Field(() => ID) id!: string;
  @Field(() => WorkKind) kind!: WorkKind;
  @Field(() => String, { nullable: true, description: 'CUI (Código Único de Inversiones), 7 digits.' }) cui!: string | null;
  @Field(() => String, { nullable: true, description: 'INFOBRAS code (Contraloría).' }) infobrasCode!: string | null;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => Sector) sector!: Sector;
  @Field(() => WorkStatus) status!: WorkStatus;
  @Field(() => String, { nullable: true, description: 'Why the work is suspended (paralizada); set when status is SUSPENDED.' }) suspensionReason!: string | null;
  @Field(() => DateScalar, { nullable: true }) plannedStart!: string | null;
  @Field(() => DateScalar, { nullable: true }) plannedEnd!: string | null;
  @Field(() => DateScalar, { nullable: true }) actualStart!: string | null;
  @Field(() => DateScalar, { nullable: true }) actualEnd!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Investment cost in soles (monto de inversión).' }) investmentCost!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Contract amount in soles.' }) contractAmount!: string | null;
  @Field(() => Float, { description: 'Physical progress, percent (avance físico), from the latest progress report.' }) physicalProgress!: number;
  @Field({ description: 'Planned end has passed and the work is neither completed nor cancelled.' }) delayed!: boolean;
  @Field(() => String, { nullable: true, description: "The executor's own identifier for this intervention." }) externalId!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;

  executorId!: string;
  departmentId!: string | null;
  latitude!: number | null;
  longitude!: number | null;
  contractorName!: string | null;
  contractorRuc!: string | null;
}

@ObjectType('ProgressReport', { description: 'A dated physical-progress report (reporte de avance).' })
export class ProgressReportType {
  @Field(() => ID) id!: string;
  @Field(() => DateScalar) date!: string;
  @Field(() => Float, { description: 'Physical progress, percent.' }) physicalProgress!: number;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field({ description: 'Department code or agency that reported.' }) reportedBy!: string;
}

export enum ChangeActorKind {
  DEPARTMENT = 'DEPARTMENT',
  AGENCY = 'AGENCY',
  SYSTEM = 'SYSTEM',
}
registerEnumType(ChangeActorKind, { name: 'ChangeActorKind', description: 'Who made a change: a department, an agency, or the system (imports, seed).' });

export enum WorkChangeAction {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  PROGRESS_REPORTED = 'PROGRESS_REPORTED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  IMPORTED = 'IMPORTED',
}
registerEnumType(WorkChangeAction, { name: 'WorkChangeAction' });

@ObjectType('FieldChange', { description: 'One field of a change: its value before and after, as JSON text.' })
export class FieldChangeType {
  @Field() field!: string;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
}

@ObjectType('WorkChange', { description: 'An entry of the public change history of a work: what changed, when, by which department or agency.' })
export class WorkChangeType {
  @Field(() => ID) id!: string;
  @Field(() => Date) at!: Date;
  @Field(() => WorkChangeAction) action!: WorkChangeAction;
  @Field(() => ChangeActorKind) actorKind!: ChangeActorKind;
  @Field(() => [FieldChangeType]) changes!: FieldChangeType[];
  @Field(() => String, { nullable: true, description: "Public prefix of the agency's API key that made the change (artk_…), when an agency's system made it." })
  actorKeyPrefix!: string | null;
  actorDepartmentId!: string | null;
  actorAgencyId!: string | null;
}

@ObjectType('WorkEdge')
export class WorkEdge {
  @Field() cursor!: string;
  @Field(() => WorkType) node!: WorkType;
}

@ObjectType('WorkConnection', { description: 'A page of works.' })
export class WorkConnection {
  @Field(() => Int, { description: 'Number of works matching the filter, over all pages.' }) totalCount!: number;
  @Field(() => [WorkEdge]) edges!: WorkEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
