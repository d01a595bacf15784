import { DateScalar, DecimalScalar, PageInfo } from '@articula/common';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AccreditationStatus, BudgetPhase, EvaluationStatus, SubmitterKind } from '../../enums.js';
import { DepartmentRef, DistrictRef, OrganizationRef, WorkRef } from '../federation/refs.type.js';
import { Decision } from '../proposal/allocation.js';

registerEnumType(Decision, {
  name: 'AllocationDecision',
  valuesConfig: {
    FUNDED: { description: 'Within the ceiling in rank order: funded (proyecto priorizado).' },
    DOES_NOT_FIT: { description: 'Ranked, but its cost did not fit in what remained.' },
    NOT_VIABLE: { description: 'Declared not viable by the technical team.' },
    PENDING_EVALUATION: { description: 'Not yet evaluated.' },
  },
});

export enum PhaseState {
  DONE = 'DONE',
  IN_PROGRESS = 'IN_PROGRESS',
  UPCOMING = 'UPCOMING',
}
registerEnumType(PhaseState, { name: 'PhaseState' });

@ObjectType('BudgetPhaseInfo')
export class PhaseGql {
  @Field(() => BudgetPhase) phase!: BudgetPhase;
  @Field(() => DateScalar) plannedStart!: string;
  @Field(() => DateScalar) plannedEnd!: string;
  @Field(() => DateScalar, { nullable: true }) actualStart!: string | null;
  @Field(() => DateScalar, { nullable: true }) actualEnd!: string | null;
  @Field(() => PhaseState) state!: PhaseState;
}

@ObjectType('PrioritizationCriterion')
export class CriterionGql {
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => Float, { description: 'Weight, percent; the weights of a process add up to 100.' }) weight!: number;
}

@ObjectType('OversightMember', { description: 'A member of the Comité de Vigilancia.' })
export class OversightMemberGql {
  @Field(() => OrganizationRef) organization!: OrganizationRef;
  @Field() role!: string;
}

@ObjectType('ParticipatingAgent', { description: 'An accredited representative of an organization in the process (agente participante), as the process publishes it.' })
export class AgentGql {
  @Field(() => ID) id!: string;
  @Field(() => OrganizationRef) organization!: OrganizationRef;
  @Field() name!: string;
  @Field(() => AccreditationStatus) accreditationStatus!: AccreditationStatus;
  @Field(() => DateScalar, { nullable: true }) accreditedOn!: string | null;
}

@ObjectType('CriterionScore')
export class CriterionScoreGql {
  @Field() code!: string;
  @Field(() => Float, { description: 'Mean of the agents’ scores, 0 to 10.' }) average!: number;
  @Field(() => Int, { description: 'Agents who scored it.' }) agents!: number;
}

@ObjectType('Proposal', { description: 'A participatory budget proposal, with its evaluation, score, rank and the explanation of its funding decision.' })
export class ProposalGql {
  @Field(() => ID) id!: string;
  @Field(() => Int) year!: number;
  @Field() title!: string;
  @Field() description!: string;
  @Field({ description: 'Sector (MEF budget function), as in Work.sector.' }) sector!: string;
  @Field(() => DecimalScalar) estimatedCost!: string;
  @Field(() => Int) beneficiaries!: number;
  @Field(() => String, { nullable: true }) cui!: string | null;
  @Field(() => SubmitterKind) submittedByKind!: SubmitterKind;
  @Field(() => OrganizationRef, { nullable: true }) organization!: OrganizationRef | null;
  @Field(() => DepartmentRef, { nullable: true }) department!: DepartmentRef | null;
  @Field(() => Date) submittedAt!: Date;
  @Field(() => [DistrictRef]) districts!: DistrictRef[];
  @Field(() => EvaluationStatus) evaluation!: EvaluationStatus;
  @Field(() => String, { nullable: true }) evaluationReason!: string | null;
  @Field(() => Float, { description: 'Aggregate score, 0–100: Σ weight × mean score ÷ 10.' }) score!: number;
  @Field(() => Int, { nullable: true, description: 'Rank among viable proposals (null when not ranked).' }) rank!: number | null;
  @Field(() => Decision) decision!: Decision;
  @Field() funded!: boolean;
  @Field(() => DecimalScalar, { nullable: true, description: 'Allocated to better-ranked proposals before this one.' }) cumulativeBefore!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'What remained of the ceiling when its turn came.' }) remainingBefore!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'What remained after its decision.' }) remainingAfter!: string | null;
  @Field({ description: 'Why it was funded or not, in Spanish for citizens.' }) explanation!: string;
  @Field({ description: 'Whether it would be funded under the population-proportional rule.' }) fundedUnderPopulationRule!: boolean;
  @Field(() => WorkRef, { nullable: true, description: 'The work that carries it out, when funded and under way.' }) work!: WorkRef | null;
}

@ObjectType('ProposalEdge')
export class ProposalEdge {
  @Field() cursor!: string;
  @Field(() => ProposalGql) node!: ProposalGql;
}

@ObjectType('ProposalConnection')
export class ProposalConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => [ProposalEdge]) edges!: ProposalEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType('DistrictShare', { description: 'A district under both rules: its population-proportional fair share, and what each rule gives it.' })
export class DistrictShareGql {
  @Field(() => DistrictRef) district!: DistrictRef;
  @Field(() => Int) population!: number;
  @Field(() => DecimalScalar) fairShare!: string;
  @Field(() => DecimalScalar) allocatedByScore!: string;
  @Field(() => DecimalScalar) allocatedByPopulation!: string;
}

@ObjectType('ParticipatoryBudget', { description: 'A participatory budget process (presupuesto participativo, Ley 28056) for one fiscal year.' })
export class ParticipatoryBudgetGql {
  @Field(() => Int) year!: number;
  @Field(() => DecimalScalar, { description: 'Ceiling (techo presupuestal), soles.' }) ceiling!: string;
  @Field(() => BudgetPhase, { nullable: true, description: 'The phase under way (null before it starts and once formalized).' }) currentPhase!: BudgetPhase | null;
  @Field(() => [PhaseGql]) phases!: PhaseGql[];
  @Field(() => [CriterionGql]) criteria!: CriterionGql[];
  @Field(() => [OversightMemberGql], { description: 'Comité de Vigilancia.' }) oversightCommittee!: OversightMemberGql[];
  @Field(() => [AgentGql], { description: 'Participating agents, by organization.' }) agents!: AgentGql[];
  @Field(() => DecimalScalar, { description: 'Allocated to funded proposals.' }) allocated!: string;
  @Field(() => DecimalScalar) remaining!: string;
  @Field(() => [DistrictShareGql], { description: 'Each district under the score rule and under the population-proportional rule.' }) populationRule!: DistrictShareGql[];
}

@InputType('PhasePlanInput')
export class PhasePlanInput {
  @Field(() => BudgetPhase) phase!: BudgetPhase;
  @Field(() => DateScalar) plannedStart!: string;
  @Field(() => DateScalar) plannedEnd!: string;
}

@InputType('CriterionInput')
export class CriterionInput {
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => Float) weight!: number;
}

@InputType('CreateParticipatoryBudgetInput')
export class CreateParticipatoryBudgetInput {
  @Field(() => Int) year!: number;
  @Field(() => DecimalScalar) ceiling!: string;
  @Field(() => [PhasePlanInput], { description: 'The four phases, in order, with their planned dates.' }) phases!: PhasePlanInput[];
  @Field(() => [CriterionInput], { nullable: true, description: 'Prioritization criteria; weights add up to 100 (default: the standard five).' }) criteria?: CriterionInput[];
}
