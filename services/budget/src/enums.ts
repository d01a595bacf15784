/** The budget domain's vocabularies. */
import { registerEnumType } from 'type-graphql';

export enum BudgetPhase {
  PREPARATION = 'PREPARATION',
  CONCERTATION = 'CONCERTATION',
  COORDINATION = 'COORDINATION',
  FORMALIZATION = 'FORMALIZATION',
}
registerEnumType(BudgetPhase, {
  name: 'BudgetPhase',
  description: 'Phases of a participatory budget process (Ley 28056): preparación, concertación, coordinación entre niveles de gobierno, formalización.',
});
export const PHASE_ORDER: BudgetPhase[] = [BudgetPhase.PREPARATION, BudgetPhase.CONCERTATION, BudgetPhase.COORDINATION, BudgetPhase.FORMALIZATION];

export enum EvaluationStatus {
  PENDING = 'PENDING',
  VIABLE = 'VIABLE',
  NOT_VIABLE = 'NOT_VIABLE',
}
registerEnumType(EvaluationStatus, { name: 'EvaluationStatus', description: "The technical team's evaluation of a proposal." });

export enum AccreditationStatus {
  PENDING = 'PENDING',
  ACCREDITED = 'ACCREDITED',
  REJECTED = 'REJECTED',
}
registerEnumType(AccreditationStatus, { name: 'AccreditationStatus' });

export enum SubmitterKind {
  ORGANIZATION = 'ORGANIZATION',
  DEPARTMENT = 'DEPARTMENT',
}
registerEnumType(SubmitterKind, { name: 'ProposalSubmitterKind' });

/** Criteria used unless a process defines its own; weights sum to 100. */
export const DEFAULT_CRITERIA = [
  { code: 'POPULATION_BENEFITED', name: 'Población beneficiada', weight: 25 },
  { code: 'DISTRICT_POVERTY', name: 'Pobreza del distrito', weight: 25 },
  { code: 'GAP_CLOSED', name: 'Brecha de servicios que cierra', weight: 20 },
  { code: 'CO_FINANCING', name: 'Cofinanciamiento', weight: 15 },
  { code: 'PLAN_ALIGNMENT', name: 'Alineamiento con el Plan de Desarrollo Local Concertado', weight: 15 },
] as const;
