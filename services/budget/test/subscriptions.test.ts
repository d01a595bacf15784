/**
 * Subscriptions over graphql-ws on the real subgraph: a process's phases and its ranking, each
 * event published by the write that caused it (only when it commits) and filtered by year.
 */
import type { ArticulaEvent } from '@articula/common';
import { TOPICS } from '../src/events.js';
import { type BudgetHarness, startBudgetHarness } from './harness.js';
import { type TestSubscription, subscribe, until } from '@articula/common/testing';

let h: BudgetHarness;
const id = (n: number) => `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`;
const ORG = id(7001);
const open: TestSubscription[] = [];

async function process(year: number, phases: [string, string | null, string | null][]) {
  await h.sql(`insert into participatory_budget (year, ceiling) values (?, 100000.00)`, [year]);
  for (const [i, [phase, start, end]] of phases.entries()) {
    await h.sql(`insert into budget_phase (year, phase, position, planned_start, planned_end, actual_start, actual_end) values (?, ?, ?, ?, ?, ?, ?)`,
      [year, phase, i, `${year - 1}-0${i + 2}-01`, `${year - 1}-0${i + 2}-28`, start, end]);
  }
  await h.sql(`insert into prioritization_criterion (year, code, name, weight, position) values (?, 'POPULATION_BENEFITED', 'Población beneficiada', 60, 0), (?, 'DISTRICT_POVERTY', 'Pobreza', 40, 1)`, [year, year]);
}
async function agent(n: number, year: number) {
  await h.sql(`insert into participating_agent (id, year, organization_id, name, accreditation_status, accredited_on) values (?, ?, ?, ?, 'ACCREDITED', ?)`, [id(n), year, ORG, `Agente ${n}`, `${year - 1}-03-01`]);
}
async function proposal(n: number, year: number, cost: string, evaluation: string, score?: number) {
  await h.sql(`insert into proposal (id, year, title, sector, estimated_cost, beneficiaries, submitted_by_kind, submitted_by, submitted_at, evaluation_status, evaluation_reason)
    values (?, ?, ?, 'TRANSPORT', ?, 500, 'ORGANIZATION', ?, ?, ?, null)`, [id(n), year, `Propuesta ${n}`, cost, ORG, `${year - 1}-03-10T10:00:00Z`, evaluation]);
  await h.sql(`insert into proposal_district (proposal_id, ubigeo) values (?, '120101')`, [id(n)]);
  if (score === undefined) return;
  for (const a of year === 2026 ? [501, 502] : [521]) {
    for (const c of ['POPULATION_BENEFITED', 'DISTRICT_POVERTY']) await h.sql(`insert into proposal_score (proposal_id, agent_id, criterion_code, score) values (?, ?, ?, ?)`, [id(n), id(a), c, score]);
  }
}

/** Subscribes and waits until the server listens for it, so that no event of the test can precede it. */
async function subscribed(topic: string, query: string, variables: Record<string, unknown> = {}): Promise<TestSubscription> {
  const before = h.service.events.listenerCount(topic);
  const s = subscribe(h.service.url, query, variables);
  open.push(s);
  await until(() => h.service.events.listenerCount(topic) > before, `a listener of ${topic}`);
  return s;
}

const gpp = () => h.official('GPP');
const SCORES = `mutation($p: ID!, $a: ID!, $s: [CriterionScoreInput!]!) { recordProposalScores(proposalId: $p, agentId: $a, scores: $s) { id } }`;
const EVALUATE = `mutation($id: ID!, $status: EvaluationStatus!, $reason: String) { evaluateProposal(id: $id, status: $status, reason: $reason) { id } }`;
const PHASE = `mutation($year: Int!, $phase: BudgetPhase!, $dates: PhaseDatesInput!) { updateBudgetPhase(year: $year, phase: $phase, dates: $dates) { year } }`;
const RANKING = `subscription($year: Int!) { proposalRankingChanged(year: $year) { year allocated proposals(first: 10) { edges { node { rank title score decision } } } } }`;
const both = (score: number) => [{ criterion: 'POPULATION_BENEFITED', score }, { criterion: 'DISTRICT_POVERTY', score }];
const ranking = (pb: any) => pb.proposals.edges.map((e: any) => [e.node.title, e.node.score, e.node.rank, e.node.decision]);
const ok = (r: { body: { errors?: unknown } }) => expect(r.body.errors).toBeUndefined();

beforeAll(async () => {
  h = await startBudgetHarness();
  await process(2026, [['PREPARATION', '2025-02-03', '2025-03-20'], ['CONCERTATION', '2025-03-21', null], ['COORDINATION', null, null], ['FORMALIZATION', null, null]]);
  await process(2025, [['PREPARATION', '2024-02-03', '2024-03-20'], ['CONCERTATION', '2024-03-21', null], ['COORDINATION', null, null], ['FORMALIZATION', null, null]]);
  await agent(501, 2026);
  await agent(502, 2026);
  await agent(521, 2025);
  // 2026: P1 90 points, P2 80, P3 70 (S/ 70,000 + 50,000 + 30,000 for a S/ 100,000 ceiling); P5 pending evaluation.
  await proposal(1, 2026, '70000.00', 'VIABLE', 9);
  await proposal(2, 2026, '50000.00', 'VIABLE', 8);
  await proposal(3, 2026, '30000.00', 'VIABLE', 7);
  await proposal(5, 2026, '10000.00', 'PENDING');
  await proposal(21, 2025, '40000.00', 'VIABLE', 5);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  // The server lets go of them asynchronously; the next test counts its own listeners.
  await until(() => h.service.events.listenerCount() === 0, 'the closed subscriptions to end on the server');
});
afterAll(() => h?.stop());

describe('budgetPhaseChanged', () => {
  const CHANGED = `subscription($year: Int) { budgetPhaseChanged(year: $year) { year ceiling currentPhase phases { phase state } } }`;

  it('announces an opened process and its phases as they start and end, filtered by year', async () => {
    const of2026 = await subscribed(TOPICS.budgetPhaseChanged, CHANGED, { year: 2026 });
    const any = await subscribed(TOPICS.budgetPhaseChanged, CHANGED);
    const phases = [['PREPARATION', '2026-02-01', '2026-03-15'], ['CONCERTATION', '2026-03-16', '2026-05-31'], ['COORDINATION', '2026-06-01', '2026-06-30'], ['FORMALIZATION', '2026-07-01', '2026-07-31']]
      .map(([phase, plannedStart, plannedEnd]) => ({ phase, plannedStart, plannedEnd }));
    ok(await h.query(`mutation($input: CreateParticipatoryBudgetInput!) { createParticipatoryBudget(input: $input) { year } }`, { input: { year: 2027, ceiling: '12000000', phases } }, gpp()));
    ok(await h.query(PHASE, { year: 2026, phase: 'CONCERTATION', dates: { actualEnd: '2025-05-31' } }, gpp()));
    ok(await h.query(PHASE, { year: 2026, phase: 'COORDINATION', dates: { actualStart: '2025-06-02' } }, gpp()));

    const ended = (await of2026.next()).data!.budgetPhaseChanged;
    expect(ended).toMatchObject({ year: 2026, currentPhase: null });
    expect(ended.phases.map((p: any) => p.state)).toEqual(['DONE', 'DONE', 'UPCOMING', 'UPCOMING']);
    expect((await of2026.next()).data!.budgetPhaseChanged).toMatchObject({ year: 2026, currentPhase: 'COORDINATION' });

    expect((await any.next()).data!.budgetPhaseChanged).toMatchObject({ year: 2027, ceiling: '12000000.00', currentPhase: null });
    expect((await any.next()).data!.budgetPhaseChanged.year).toBe(2026);
    expect((await any.next()).data!.budgetPhaseChanged).toMatchObject({ year: 2026, currentPhase: 'COORDINATION' });
  });
});

describe('proposalRankingChanged', () => {
  it("announces the year's new ranking when agents score and the technical team evaluates, and nothing of other years", async () => {
    const s = await subscribed(TOPICS.proposalRankingChanged, RANKING, { year: 2026 });
    ok(await h.query(SCORES, { p: id(21), a: id(521), s: both(10) }, gpp())); // 2025: not this subscription's
    for (const a of [501, 502]) ok(await h.query(SCORES, { p: id(2), a: id(a), s: both(10) }, gpp()));
    ok(await h.query(EVALUATE, { id: id(5), status: 'VIABLE' }, gpp()));

    const first = (await s.next()).data!.proposalRankingChanged;
    expect(first.year).toBe(2026);
    // Both agents now give P2 100 points: first place; it takes S/ 50,000 and P1 (S/ 70,000) no longer fits.
    expect(ranking((await s.next()).data!.proposalRankingChanged)).toEqual([
      ['Propuesta 2', 100, 1, 'FUNDED'],
      ['Propuesta 1', 90, 2, 'DOES_NOT_FIT'],
      ['Propuesta 3', 70, 3, 'FUNDED'],
      ['Propuesta 5', 0, null, 'PENDING_EVALUATION'],
    ]);
    const evaluated = (await s.next()).data!.proposalRankingChanged;
    expect(ranking(evaluated)[3]).toEqual(['Propuesta 5', 0, 4, 'FUNDED']);
    expect(evaluated.allocated).toBe('90000.00');
  });

  it('refuses to subscribe without a year', async () => {
    const s = subscribe(h.service.url, `subscription { proposalRankingChanged { year } }`);
    open.push(s);
    expect((await s.next()).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('refused and rolled-back writes', () => {
  it('announce nothing', async () => {
    const raw: ArticulaEvent[] = [];
    const tap = h.service.events.on((e) => e.topic === TOPICS.proposalRankingChanged || e.topic === TOPICS.budgetPhaseChanged, (e) => {
      raw.push(e);
    });
    try {
      const ranked = await subscribed(TOPICS.proposalRankingChanged, RANKING, { year: 2026 });
      const phased = await subscribed(TOPICS.budgetPhaseChanged, `subscription { budgetPhaseChanged(year: 2026) { year currentPhase } }`);
      const code = (r: any) => r.body.errors?.[0]?.extensions?.code;
      expect(code(await h.query(EVALUATE, { id: id(3), status: 'NOT_VIABLE', reason: 'Sin saneamiento físico legal' }, h.official('GOP')))).toBe('FORBIDDEN');
      expect(code(await h.query(EVALUATE, { id: id(3), status: 'NOT_VIABLE' }, gpp()))).toBe('BAD_USER_INPUT');
      expect(code(await h.query(SCORES, { p: id(3), a: id(521), s: both(5) }, gpp()))).toBe('BAD_USER_INPUT');
      expect(code(await h.query(SCORES, { p: id(3), a: id(501), s: both(5) }))).toBe('UNAUTHENTICATED');
      expect(code(await h.query(PHASE, { year: 2026, phase: 'FORMALIZATION', dates: { actualStart: '2099-01-01' } }, gpp()))).toBe('BAD_USER_INPUT');
      // Refused by the database at commit, after the event was published inside the transaction.
      await h.sql(`create function refuse_marked() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`);
      await h.sql(`create constraint trigger refuse_marked after insert on change_log deferrable initially deferred for each row
        when (new.entity_id = '${id(3)}') execute function refuse_marked()`);
      try {
        expect(code(await h.query(EVALUATE, { id: id(3), status: 'NOT_VIABLE', reason: 'Sin saneamiento físico legal del terreno' }, gpp()))).toBe('INTERNAL_SERVER_ERROR');
        expect((await h.sql(`select evaluation_status as s from proposal where id = ?`, [id(3)]))[0].s).toBe('VIABLE');
      } finally {
        await h.sql(`drop trigger refuse_marked on change_log`);
        await h.sql(`drop function refuse_marked()`);
      }

      ok(await h.query(EVALUATE, { id: id(1), status: 'VIABLE' }, gpp()));
      // Recorded again as it was: still a write, still announced.
      ok(await h.query(PHASE, { year: 2026, phase: 'PREPARATION', dates: { actualEnd: '2025-03-20' } }, gpp()));
      expect((await ranked.next()).data!.proposalRankingChanged.year).toBe(2026);
      expect((await phased.next()).data!.budgetPhaseChanged.year).toBe(2026);
      // Events arrive in commit order: the only ones sent are those of the two accepted writes.
      expect(raw.map((e) => [e.topic, e.year, e.proposalId ?? e.phase])).toEqual([
        [TOPICS.proposalRankingChanged, 2026, id(1)],
        [TOPICS.budgetPhaseChanged, 2026, 'PREPARATION'],
      ]);
    } finally {
      tap();
    }
  });
});
