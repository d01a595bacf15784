/** The budget subgraph on hand-made data: the process and its allocation, execution, invariants, entities. */
import { type BudgetHarness, startBudgetHarness } from './harness.js';

let h: BudgetHarness;
const id = (n: number) => `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`;
const WORK = id(9001);
const ORG = id(7001);
const months = (...values: string[]) => [...values, ...Array(12 - values.length).fill('0')];

async function proposal(n: number, cost: string, evaluation: string, ubigeos: string[], extra: { workId?: string; submittedAt?: string } = {}) {
  await h.sql(`insert into proposal (id, year, title, sector, estimated_cost, beneficiaries, submitted_by_kind, submitted_by, submitted_at, evaluation_status, evaluation_reason, work_id)
    values (?, 2026, ?, 'TRANSPORT', ?, 500, 'ORGANIZATION', ?, ?, ?, ?, ?)`,
    [id(n), `Propuesta ${n}`, cost, ORG, extra.submittedAt ?? `2025-03-${String(n % 28 + 1).padStart(2, '0')}T10:00:00Z`, evaluation, evaluation === 'NOT_VIABLE' ? 'Sin saneamiento físico legal del terreno' : null, extra.workId ?? null]);
  for (const u of ubigeos) await h.sql(`insert into proposal_district (proposal_id, ubigeo) values (?, ?)`, [id(n), u]);
}
async function score(n: number, agent: number, value: number) {
  for (const c of ['POPULATION_BENEFITED', 'DISTRICT_POVERTY']) await h.sql(`insert into proposal_score (proposal_id, agent_id, criterion_code, score) values (?, ?, ?, ?)`, [id(n), id(agent), c, value]);
}

beforeAll(async () => {
  h = await startBudgetHarness();
  await h.sql(`insert into participatory_budget (year, ceiling) values (2026, 100000.00)`);
  const phases = [['PREPARATION', '2025-02-01', '2025-03-15', '2025-02-03', '2025-03-20'], ['CONCERTATION', '2025-03-16', '2025-05-31', '2025-03-21', null],
    ['COORDINATION', '2025-06-01', '2025-06-30', null, null], ['FORMALIZATION', '2025-07-01', '2025-07-31', null, null]];
  for (const [i, [phase, ps, pe, as, ae]] of phases.entries()) {
    await h.sql(`insert into budget_phase (year, phase, position, planned_start, planned_end, actual_start, actual_end) values (2026, ?, ?, ?, ?, ?, ?)`, [phase, i, ps, pe, as, ae]);
  }
  await h.sql(`insert into prioritization_criterion (year, code, name, weight, position) values (2026, 'POPULATION_BENEFITED', 'Población beneficiada', 60, 0), (2026, 'DISTRICT_POVERTY', 'Pobreza', 40, 1)`);
  await h.sql(`insert into oversight_member (year, organization_id, role) values (2026, ?, 'Presidente')`, [ORG]);
  for (const a of [501, 502]) await h.sql(`insert into participating_agent (id, year, organization_id, name, accreditation_status, accredited_on) values (?, 2026, ?, ?, 'ACCREDITED', '2025-03-01')`, [id(a), ORG, `Agente ${a}`]);
  await h.sql(`insert into participating_agent (id, year, organization_id, name, accreditation_status) values (?, 2026, ?, 'Agente pendiente', 'PENDING')`, [id(503), ORG]);
  // Scores: P1 9/9 → 90; P2 8/8 → 80; P3 7/7 → 70; P4 not viable with a perfect score; P5 pending.
  await proposal(1, '70000.00', 'VIABLE', ['120101'], { workId: WORK });
  await proposal(2, '50000.00', 'VIABLE', ['120124']);
  await proposal(3, '30000.00', 'VIABLE', ['120124', '120126']);
  await proposal(4, '10000.00', 'NOT_VIABLE', ['120101']);
  await proposal(5, '10000.00', 'PENDING', ['120101']);
  for (const agent of [501, 502]) {
    await score(1, agent, 9);
    await score(2, agent, 8);
    await score(3, agent, 7);
    await score(4, agent, 10);
  }
  const line = `insert into budget_line (id, year, department, function_code, budget_program, funding_source, funding_item, expense_category, work_id, cui, ubigeo,
    opening_budget, modified_budget, certified, committed, accrued_01, accrued_02, accrued_03, paid) values (?, ?, ?, ?, '9001 ACCIONES CENTRALES', ?, 'FONCOMUN', '2.6 ADQUISICION DE ACTIVOS NO FINANCIEROS', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  // The work: 2025 by id, 2026 by CUI only (as MEF data comes): accrued 300,000 + 500,000 = 800,000 of a 1,000,000 cost.
  await h.sql(line, [id(601), 2025, 'GOP', '15', 'RECURSOS DETERMINADOS', WORK, null, '120101', '300000', '400000', '350000', '320000', '100000', '100000', '100000', '250000']);
  await h.sql(line, [id(602), 2026, 'GOP', '15', 'RECURSOS DETERMINADOS', null, '2487651', '120101', '600000', '700000', '650000', '600000', '200000', '300000', '0', '400000']);
  await h.sql(line, [id(603), 2026, 'GDS', '23', 'RECURSOS ORDINARIOS', null, null, null, '100000', '100000', '90000', '80000', '20000', '20000', '20000', '50000']);
});
afterAll(() => h?.stop());

describe('the participatory budget', () => {
  it('answers the process with its phase, ranked proposals and their explanations', async () => {
    const r = await h.query(`{ participatoryBudget(year: 2026) { ceiling currentPhase allocated remaining phases { phase state } criteria { code weight }
      oversightCommittee { organization { id } role } agents { name accreditationStatus }
      proposals(first: 10) { totalCount edges { node { title score rank decision funded cumulativeBefore remainingBefore explanation fundedUnderPopulationRule } } } } }`);
    expect(r.body.errors).toBeUndefined();
    const pb = r.body.data.participatoryBudget;
    expect(pb).toMatchObject({ ceiling: '100000.00', currentPhase: 'CONCERTATION', allocated: '100000.00', remaining: '0.00' });
    expect(pb.phases.map((p: any) => p.state)).toEqual(['DONE', 'IN_PROGRESS', 'UPCOMING', 'UPCOMING']);
    expect(pb.oversightCommittee).toEqual([{ organization: { id: ORG }, role: 'Presidente' }]);
    expect(pb.agents.map((a: any) => a.accreditationStatus).sort()).toEqual(['ACCREDITED', 'ACCREDITED', 'PENDING']);
    const rows = pb.proposals.edges.map((e: any) => e.node);
    expect(rows.map((p: any) => [p.title, p.score, p.rank, p.decision])).toEqual([
      ['Propuesta 1', 90, 1, 'FUNDED'],
      ['Propuesta 2', 80, 2, 'DOES_NOT_FIT'],
      ['Propuesta 3', 70, 3, 'FUNDED'],
      ['Propuesta 4', 100, null, 'NOT_VIABLE'],
      ['Propuesta 5', 0, null, 'PENDING_EVALUATION'],
    ]);
    expect(rows[2]).toMatchObject({ cumulativeBefore: '70000.00', remainingBefore: '30000.00' });
    expect(rows[1].explanation).toBe('Puesto 2 con 80.00 puntos: no financiada. Quedaban S/ 30,000.00 y su costo de S/ 50,000.00 no cabe; se continuó con las propuestas siguientes.');
    expect(rows[3].explanation).toMatch(/no viable \(Sin saneamiento físico legal del terreno\)/);
  });

  it('shows the population-proportional rule side by side', async () => {
    const r = await h.query(`{ participatoryBudget(year: 2026) { populationRule { district { ubigeo } population fairShare allocatedByScore allocatedByPopulation } } }`);
    const rule = r.body.data.participatoryBudget.populationRule;
    expect(rule).toHaveLength(28);
    expect(rule.reduce((s: number, d: any) => s + Math.round(Number(d.fairShare) * 100), 0)).toBe(10_000_000);
    const huancayo = rule.find((d: any) => d.district.ubigeo === '120101');
    expect(huancayo.allocatedByScore).toBe('70000.00');
    // Huancayo's fair share (about a quarter of the province) is far below S/ 70,000: the proportional rule does not fund P1.
    expect(Number(huancayo.fairShare)).toBeLessThan(70000);
    expect(huancayo.allocatedByPopulation).toBe('0.00');
  });

  it('re-ranks when agents score and the technical team evaluates, and records both in the history', async () => {
    const SCORES = `mutation($p: ID!, $a: ID!, $s: [CriterionScoreInput!]!) { recordProposalScores(proposalId: $p, agentId: $a, scores: $s) { score rank } }`;
    const gpp = h.official('GPP');
    for (const [variables, field] of [
      [{ p: id(2), a: id(503), s: [{ criterion: 'POPULATION_BENEFITED', score: 5 }] }, 'agentId'],
      [{ p: id(2), a: id(501), s: [{ criterion: 'NO_SUCH', score: 5 }] }, 'scores[0].criterion'],
      [{ p: id(2), a: id(501), s: [{ criterion: 'POPULATION_BENEFITED', score: 11 }] }, 'scores[0].score'],
      [{ p: id(4), a: id(501), s: [{ criterion: 'POPULATION_BENEFITED', score: 5 }] }, 'proposalId'],
    ] as const) {
      const bad = await h.query(SCORES, variables, gpp);
      expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await h.query(SCORES, { p: id(2), a: id(501), s: [{ criterion: 'POPULATION_BENEFITED', score: 5 }] }, h.official('GOP'))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const history = async () => Number((await h.sql(`select count(*) as n from change_log`))[0].n);
    const before = await history();
    // Both agents give P2 10/10: 100 points, first place; it takes S/ 50,000 and P1 (S/ 70,000) no longer fits.
    for (const a of [501, 502]) await h.query(SCORES, { p: id(2), a: id(a), s: [{ criterion: 'POPULATION_BENEFITED', score: 10 }, { criterion: 'DISTRICT_POVERTY', score: 10 }] }, gpp);
    const ranked = await h.query(`{ participatoryBudget(year: 2026) { proposals(first: 3) { edges { node { title rank funded } } } } }`);
    expect(ranked.body.data.participatoryBudget.proposals.edges.map((e: any) => [e.node.title, e.node.funded])).toEqual([['Propuesta 2', true], ['Propuesta 1', false], ['Propuesta 3', true]]);
    const noReason = await h.query(`mutation { evaluateProposal(id: "${id(5)}", status: NOT_VIABLE) { decision } }`, {}, gpp);
    expect(noReason.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const viable = await h.query(`mutation { evaluateProposal(id: "${id(5)}", status: VIABLE) { decision rank } }`, {}, gpp);
    expect(viable.body.data.evaluateProposal).toEqual({ decision: 'FUNDED', rank: 4 });
    expect(await history()).toBe(before + 3);
  });
});

describe('opening a process', () => {
  const CREATE = `mutation($input: CreateParticipatoryBudgetInput!) { createParticipatoryBudget(input: $input) { year ceiling currentPhase phases { phase state } criteria { code weight } } }`;
  const phases = [['PREPARATION', '2026-02-01', '2026-03-15'], ['CONCERTATION', '2026-03-16', '2026-05-31'], ['COORDINATION', '2026-06-01', '2026-06-30'], ['FORMALIZATION', '2026-07-01', '2026-07-31']]
    .map(([phase, plannedStart, plannedEnd]) => ({ phase, plannedStart, plannedEnd }));

  it.each([
    ['a negative ceiling', { ceiling: '-1' }, 'ceiling'],
    ['phases out of order', { phases: [phases[1], phases[0], phases[2], phases[3]] }, 'phases'],
    ['overlapping phases', { phases: [phases[0], { ...phases[1]!, plannedStart: '2026-03-10' }, phases[2], phases[3]] }, 'phases[1].plannedStart'],
    ['weights that do not add up to 100', { criteria: [{ code: 'ONLY', name: 'Único criterio', weight: 90 }] }, 'criteria'],
    ['a year that already has a process', { year: 2026 }, 'year'],
  ])('refuses %s, writing nothing', async (_label, change, field) => {
    const before = (await h.sql(`select count(*) as n from participatory_budget`))[0].n;
    const r = await h.query(CREATE, { input: { year: 2027, ceiling: '12000000', phases, ...change } }, h.official('GPP'));
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors![0]!.extensions!.problems.map((p: any) => p.field)).toContain(field);
    expect((await h.sql(`select count(*) as n from participatory_budget`))[0].n).toBe(before);
  });

  it('opens a process with the standard criteria', async () => {
    const r = await h.query(CREATE, { input: { year: 2027, ceiling: '12000000', phases } }, h.official('GPP'));
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.createParticipatoryBudget).toMatchObject({ year: 2027, ceiling: '12000000.00', currentPhase: null });
    expect(r.body.data.createParticipatoryBudget.criteria.reduce((s: number, c: any) => s + c.weight, 0)).toBe(100);
  });
});

describe('budget execution', () => {
  it('gives execution by department and the monthly curve', async () => {
    const r = await h.query(`{ budgetExecution(year: 2026, groupBy: DEPARTMENT) { key modifiedBudget accrued executionRate }
      executionCurve(year: 2026) { month accrued cumulativeAccrued cumulativeRate } }`);
    expect(r.body.data.budgetExecution).toEqual([
      { key: 'GDS', modifiedBudget: '100000.00', accrued: '60000.00', executionRate: 0.6 },
      { key: 'GOP', modifiedBudget: '700000.00', accrued: '500000.00', executionRate: 0.7143 },
    ]);
    const curve = r.body.data.executionCurve;
    expect(curve).toHaveLength(12);
    expect(curve.slice(0, 3)).toEqual([
      { month: 1, accrued: '220000.00', cumulativeAccrued: '220000.00', cumulativeRate: 0.275 },
      { month: 2, accrued: '320000.00', cumulativeAccrued: '540000.00', cumulativeRate: 0.675 },
      { month: 3, accrued: '20000.00', cumulativeAccrued: '560000.00', cumulativeRate: 0.7 },
    ]);
    expect(curve[11].cumulativeAccrued).toBe('560000.00');
  });

  const valid = () => ({
    year: 2026, department: 'GSP', functionCode: '17', budgetProgram: '0036 GESTIÓN INTEGRAL DE RESIDUOS SÓLIDOS', fundingSource: 'RECURSOS DIRECTAMENTE RECAUDADOS',
    fundingItem: 'RECURSOS DIRECTAMENTE RECAUDADOS', expenseCategory: '2.3 BIENES Y SERVICIOS', openingBudget: '50000', modifiedBudget: '60000', certified: '50000',
    committed: '40000', accruedByMonth: months('10000', '10000'), paid: '15000',
  });
  const CREATE = `mutation($input: BudgetLineInput!) { createBudgetLine(input: $input) { id accrued executionRate accruedByMonth department { code } } }`;

  it.each([
    ['a negative opening budget', { openingBudget: '-1' }, 'openingBudget'],
    ['certified above the PIM', { certified: '60000.01' }, 'certified'],
    ['committed above certified', { committed: '50001' }, 'committed'],
    ['accrued above committed', { accruedByMonth: months('20000', '20000', '0.01') }, 'accruedByMonth'],
    ['paid above accrued', { paid: '20000.01' }, 'paid'],
    ['a negative month', { accruedByMonth: months('-5') }, 'accruedByMonth.jan'],
    ['eleven months', { accruedByMonth: Array(11).fill('0') }, 'accruedByMonth'],
    ['a function code that is not 2 digits', { functionCode: '170' }, 'functionCode'],
    ['a CUI of 6 digits', { cui: '248765' }, 'cui'],
    ['a district outside the province', { district: '150101' }, 'district'],
    ['a department that is not a code', { department: 'obras' }, 'department'],
    ['an empty budget program', { budgetProgram: ' ' }, 'budgetProgram'],
  ])('refuses %s with BAD_USER_INPUT, writing nothing', async (_label, change, field) => {
    const before = (await h.sql(`select count(*) as n, (select count(*) from change_log) as c from budget_line`))[0];
    const r = await h.query(CREATE, { input: { ...valid(), ...change } }, h.official('GPP'));
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors![0]!.extensions!.problems.map((p: any) => p.field)).toContain(field);
    expect((await h.sql(`select count(*) as n, (select count(*) from change_log) as c from budget_line`))[0]).toEqual(before);
  });

  it('accepts a valid line from the budget department only, with its history', async () => {
    expect((await h.query(CREATE, { input: valid() })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await h.query(CREATE, { input: valid() }, h.official('GOP'))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const r = await h.query(CREATE, { input: valid() }, h.official('GPP'));
    expect(r.body.data.createBudgetLine).toMatchObject({ accrued: '20000.00', executionRate: 0.3333, department: { code: 'GSP' } });
    const [{ n }] = await h.sql(`select count(*)::int as n from change_log where entity_id = ?`, [r.body.data.createBudgetLine.id]);
    expect(n).toBe(1);
  });
});

describe('federation', () => {
  it('computes financial progress and the gap with physical progress from the works fields it requires', async () => {
    const r = await h.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Work {
      financialProgress progressGap budget(year: 2026) { modifiedBudget accrued executionRate } originProposal { title funded } } } }`, {
      r: [
        { __typename: 'Work', id: WORK, cui: '2487651', investmentCost: '1000000.00', physicalProgress: 35 },
        { __typename: 'Work', id: id(9002), cui: null, investmentCost: '500000.00', physicalProgress: 80 },
        { __typename: 'Work', id: id(9003), cui: null, investmentCost: null, physicalProgress: 0 },
      ],
    });
    expect(r.body.errors).toBeUndefined();
    const [spent, none, noCost] = r.body.data._entities;
    // 2025 by id (300,000) + 2026 by CUI (500,000) = 800,000 of 1,000,000: 80 % spent, 35 % built.
    expect(spent).toMatchObject({ financialProgress: 80, progressGap: 45, budget: { modifiedBudget: '700000.00', accrued: '500000.00', executionRate: 0.7143 } });
    expect(spent.originProposal.title).toBe('Propuesta 1');
    expect(none).toMatchObject({ financialProgress: null, progressGap: null, budget: { accrued: '0' } });
    expect(noCost.financialProgress).toBeNull();
  });

  it('resolves Organization, District and Department with what budget adds', async () => {
    const r = await h.query(`query($r: [_Any!]!) { _entities(representations: $r) { __typename
      ... on Organization { proposals { title } }
      ... on District { proposals(year: 2026) { title } fundedAmount(year: 2026) }
      ... on Department { execution(year: 2026) { modifiedBudget accrued } } } }`, {
      r: [{ __typename: 'Organization', id: ORG }, { __typename: 'District', ubigeo: '120124' }, { __typename: 'Department', code: 'GDS' }],
    });
    expect(r.body.errors).toBeUndefined();
    const [org, district, department] = r.body.data._entities;
    expect(org.proposals).toHaveLength(5);
    expect(district.proposals.map((p: any) => p.title).sort()).toEqual(['Propuesta 2', 'Propuesta 3']);
    expect(Number(district.fundedAmount)).toBeGreaterThan(0);
    expect(department.execution).toEqual({ modifiedBudget: '100000.00', accrued: '60000.00' });
  });
});
