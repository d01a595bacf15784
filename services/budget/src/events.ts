/**
 * What the budget subgraph announces after a write, through PostgreSQL NOTIFY inside the writing
 * transaction (so a rolled-back or refused write announces nothing). Events name the process by its
 * fiscal year; subscribers reload the process, whose ranking depends on the whole year anyway.
 */
import { type EntityManager, publishEvent } from '@articula/common';

/** One NOTIFY channel serves every subgraph on the database: topics are unique across them. */
export const TOPICS = {
  budgetPhaseChanged: 'budget.phase_changed',
  proposalRankingChanged: 'budget.ranking_changed',
} as const;

type Tx = Pick<EntityManager, 'execute'>;

/** `phase` is null when the whole process was opened. */
export type BudgetPhaseChangedEvent = { topic: typeof TOPICS.budgetPhaseChanged; year: number; phase: string | null; at: string };
/** The proposal whose evaluation or scores changed, which may have moved every other one. */
export type ProposalRankingChangedEvent = { topic: typeof TOPICS.proposalRankingChanged; year: number; proposalId: string; at: string };

export function publishBudgetPhaseChanged(tx: Tx, year: number, phase: string | null): Promise<void> {
  return publishEvent(tx, { topic: TOPICS.budgetPhaseChanged, year, phase, at: new Date().toISOString() });
}

export function publishProposalRankingChanged(tx: Tx, year: number, proposalId: string): Promise<void> {
  return publishEvent(tx, { topic: TOPICS.proposalRankingChanged, year, proposalId, at: new Date().toISOString() });
}
