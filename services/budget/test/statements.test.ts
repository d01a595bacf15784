/** A page of proposals or budget lines costs the same number of SQL statements at 10 and 100 rows. */
import { type BudgetHarness, startBudgetHarness } from './harness.js';

let h: BudgetHarness;
beforeAll(async () => {
  h = await startBudgetHarness();
  await h.sql(`insert into participatory_budget (year, ceiling) values (2025, 5000000), (2026, 5000000)`);
  await h.sql(`insert into prioritization_criterion (year, code, name, weight, position) select y, 'GAP_CLOSED', 'Brecha', 100, 0 from (values (2025), (2026)) v(y)`);
  await h.sql(`insert into participating_agent (id, year, organization_id, name, accreditation_status, accredited_on)
    select ('00000000-0000-5000-9000-' || lpad(y::text, 12, '0'))::uuid, y, gen_random_uuid(), 'Agente', 'ACCREDITED', '2025-01-01' from (values (2025), (2026)) v(y)`);
  await h.sql(`insert into proposal (id, year, title, sector, estimated_cost, beneficiaries, submitted_by_kind, submitted_by, submitted_at, evaluation_status, work_id)
    select gen_random_uuid(), 2025 + (i % 2), 'Propuesta ' || i, 'TRANSPORT', 10000 + i * 1000, 100, 'ORGANIZATION', gen_random_uuid()::text, now() - make_interval(days => i), 'VIABLE', gen_random_uuid()
      from generate_series(1, 160) i`);
  await h.sql(`insert into proposal_district (proposal_id, ubigeo) select id, '120101' from proposal`);
  await h.sql(`insert into proposal_score (proposal_id, agent_id, criterion_code, score)
    select p.id, ('00000000-0000-5000-9000-' || lpad(p.year::text, 12, '0'))::uuid, 'GAP_CLOSED', (random() * 10)::numeric(4,2) from proposal p`);
  await h.sql(`insert into budget_line (id, year, department, function_code, budget_program, funding_source, funding_item, expense_category, work_id, opening_budget, modified_budget, certified, committed, accrued_01, paid)
    select gen_random_uuid(), 2026, 'GOP', '15', 'P', 'RO', 'RO', '2.6', gen_random_uuid(), 1000, 1000 + i, 900, 800, 700, 600 from generate_series(1, 150) i`);
});
afterAll(() => h?.stop());

it.each([
  ['proposals with districts, organization, work, scores and explanation',
    (n: number) => `{ allProposals(first: ${n}) { totalCount edges { node { title rank funded explanation districts { ubigeo } organization { id } work { id } scoresByCriterion { code average } } } } }`,
    (d: any) => d.allProposals.edges.length],
  ['budget lines with their amounts and months',
    (n: number) => `{ budgetLines(year: 2026, first: ${n}) { totalCount edges { node { modifiedBudget accrued executionRate accruedByMonth department { code } work { id } } } } }`,
    (d: any) => d.budgetLines.edges.length],
])('%s', async (_label, query, rows) => {
  const counts: number[] = [];
  for (const n of [10, 100]) {
    const r = await h.query(query(n));
    expect(r.body.errors).toBeUndefined();
    expect(rows(r.body.data)).toBe(n);
    counts.push(Number(r.headers.get('x-sql-statements')));
  }
  expect(counts[0]).toBeGreaterThan(0);
  expect(counts[1]).toBe(counts[0]);
});
