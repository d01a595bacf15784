/**
 * The technical team's evaluations and the agents' scores, recorded by the budget department.
 * Outcomes: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT (every problem), or the id.
 */
import { type EntityManager, type Identity, InputProblems, isUuid, notFound, recordAudit } from '@articula/common';
import { AccreditationStatus, EvaluationStatus } from '../../enums.js';
import { publishProposalRankingChanged } from '../../events.js';
import type { BudgetConfig } from '../../loaders.js';
import { recordChange, requireBudgetOfficial } from '../authorization.js';
import type { CriterionScoreInput } from '../execution/execution.type.js';

async function loadProposal(em: EntityManager, id: string) {
  const [row] = isUuid(id) ? await em.execute<any[]>(`select id::text as id, year, evaluation_status as evaluation from proposal where id = ?`, [id]) : [];
  if (!row) throw notFound('proposalId', `There is no proposal with id ${id}.`);
  return row as { id: string; year: number; evaluation: EvaluationStatus };
}

export class ProposalService {
  static async evaluate(em: EntityManager, identity: Identity, config: BudgetConfig, proposalId: string, status: EvaluationStatus, reason?: string | null): Promise<string> {
    const actor = requireBudgetOfficial(identity, config);
    const proposal = await loadProposal(em, proposalId);
    const problems = new InputProblems();
    if (status === EvaluationStatus.NOT_VIABLE) problems.check((reason ?? '').trim().length >= 10, 'reason', 'a proposal declared not viable needs the reason (at least 10 characters)');
    problems.throwIfAny();
    await em.transactional(async (tx) => {
      await tx.execute(`update proposal set evaluation_status = ?, evaluation_reason = ?, updated_at = now() where id = ?`, [status, status === EvaluationStatus.NOT_VIABLE ? reason!.trim() : null, proposal.id]);
      await recordChange(tx, 'PROPOSAL', proposal.id, 'EVALUATED', actor, [{ field: 'evaluation', from: proposal.evaluation, to: status }]);
      await recordAudit(tx, { entityType: 'PROPOSAL', entityId: proposal.id, summary: { year: proposal.year, from: proposal.evaluation, to: status } });
      await publishProposalRankingChanged(tx, proposal.year, proposal.id);
    });
    return proposal.id;
  }

  /** Replaces one agent's scores of one proposal; the agent must be accredited in the proposal's process. */
  static async recordScores(em: EntityManager, identity: Identity, config: BudgetConfig, proposalId: string, agentId: string, scores: CriterionScoreInput[]): Promise<string> {
    const actor = requireBudgetOfficial(identity, config);
    const proposal = await loadProposal(em, proposalId);
    const problems = new InputProblems();
    const [agent] = isUuid(agentId) ? await em.execute<any[]>(`select year, accreditation_status as status from participating_agent where id = ?`, [agentId]) : [];
    if (!agent) problems.add('agentId', 'is not a participating agent');
    else {
      problems.check(agent.year === proposal.year, 'agentId', `is an agent of the ${agent.year} process, not of ${proposal.year}`);
      problems.check(agent.status === AccreditationStatus.ACCREDITED, 'agentId', 'only accredited agents score proposals');
    }
    problems.check(proposal.evaluation !== EvaluationStatus.NOT_VIABLE, 'proposalId', 'a proposal declared not viable is not scored');
    const criteria = new Set((await em.execute<{ code: string }[]>(`select code from prioritization_criterion where year = ?`, [proposal.year])).map((c) => c.code));
    scores.forEach((s, i) => {
      problems.check(criteria.has(s.criterion), `scores[${i}].criterion`, `is not a criterion of the ${proposal.year} process`);
      problems.check(Number.isFinite(s.score) && s.score >= 0 && s.score <= 10, `scores[${i}].score`, 'must be between 0 and 10');
    });
    problems.check(new Set(scores.map((s) => s.criterion)).size === scores.length, 'scores', 'names a criterion twice');
    problems.check(scores.length > 0, 'scores', 'must score at least one criterion');
    problems.throwIfAny();
    await em.transactional(async (tx) => {
      await tx.execute(`delete from proposal_score where proposal_id = ? and agent_id = ?`, [proposal.id, agentId]);
      await tx.execute(`insert into proposal_score (proposal_id, agent_id, criterion_code, score) values ${scores.map(() => '(?, ?, ?, ?)').join(', ')}`,
        scores.flatMap((s) => [proposal.id, agentId, s.criterion, (Math.round(s.score * 100) / 100).toFixed(2)]));
      await recordChange(tx, 'PROPOSAL', proposal.id, 'SCORED', actor, [{ field: 'scores', from: null, to: { agentId, scores } }]);
      await recordAudit(tx, { entityType: 'PROPOSAL', entityId: proposal.id, summary: { year: proposal.year, agentId, criteria: scores.map((x) => x.criterion) } });
      await publishProposalRankingChanged(tx, proposal.year, proposal.id);
    });
    return proposal.id;
  }
}
