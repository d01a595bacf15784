/**
 * The budget service's database role and its audit trail: the role owns nothing and reaches only
 * the budget schema; its history and audit tables are append-only for it; every mutation that
 * succeeds leaves exactly one audit row naming the official, and a refused or failed one none.
 */
import type { Identity } from '@articula/common';
import { type AuditRow, sqlOutcome, withAuditRows } from '@articula/common/testing';
import pg from 'pg';
import { buildBudgetSchema } from '../src/schema.js';
import { type BudgetHarness, startBudgetHarness } from './harness.js';

let h: BudgetHarness;
let app: pg.Client;
const operations = new Set<string>();
const id = (n: number) => `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`;
const ORG = id(7001);
const today = () => new Date(Date.now() - 5 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  h = await startBudgetHarness();
  app = new pg.Client({ connectionString: h.service.appDatabaseUrl });
  await app.connect();
  // Another service's schema on the same database, as its migrations would leave it: owned by the administrator.
  await h.sql(`create schema participation; create table participation.request_submitter (request_id uuid primary key, dni char(8));
    insert into participation.request_submitter values ('00000000-0000-4000-8000-000000000001', null)`);
});
afterAll(async () => {
  await app?.end();
  await h?.stop();
});

const GPP = () => h.official('GPP');
const CREATE_PROCESS = `mutation($input: CreateParticipatoryBudgetInput!) { createParticipatoryBudget(input: $input) { year } }`;
const PHASE = `mutation($year: Int!, $phase: BudgetPhase!, $dates: PhaseDatesInput!) { updateBudgetPhase(year: $year, phase: $phase, dates: $dates) { year } }`;
const EVALUATE = `mutation($id: ID!, $status: EvaluationStatus!, $reason: String) { evaluateProposal(id: $id, status: $status, reason: $reason) { id } }`;
const SCORES = `mutation($p: ID!, $a: ID!, $s: [CriterionScoreInput!]!) { recordProposalScores(proposalId: $p, agentId: $a, scores: $s) { id } }`;
const CREATE_LINE = `mutation($input: BudgetLineInput!) { createBudgetLine(input: $input) { id } }`;
const UPDATE_LINE = `mutation($id: ID!, $input: BudgetLineInput!) { updateBudgetLine(id: $id, input: $input) { id } }`;
const phases = [['PREPARATION', '2027-02-01', '2027-03-15'], ['CONCERTATION', '2027-03-16', '2027-05-31'], ['COORDINATION', '2027-06-01', '2027-06-30'], ['FORMALIZATION', '2027-07-01', '2027-07-31']]
  .map(([phase, plannedStart, plannedEnd]) => ({ phase, plannedStart, plannedEnd }));
const line = () => ({
  year: 2026, department: 'GSP', functionCode: '17', budgetProgram: '0036 GESTIÓN INTEGRAL DE RESIDUOS SÓLIDOS', fundingSource: 'RECURSOS DIRECTAMENTE RECAUDADOS',
  fundingItem: 'RECURSOS DIRECTAMENTE RECAUDADOS', expenseCategory: '2.3 BIENES Y SERVICIOS', openingBudget: '50000', modifiedBudget: '60000', certified: '50000',
  committed: '40000', accruedByMonth: ['10000', '10000', ...Array(10).fill('0')], paid: '15000',
});

async function call(query: string, variables: Record<string, unknown>, identity?: Identity): Promise<{ body: any; rows: AuditRow[] }> {
  const { result, rows } = await withAuditRows(h, () => h.query(query, variables, identity));
  for (const row of rows) operations.add(row.operation);
  return { body: result.body, rows };
}

describe('the budget role', () => {
  it('is not the owner of any budget table; the administrator is', async () => {
    const owners = await h.sql(`select distinct tableowner from pg_tables where schemaname = 'budget'`);
    const [{ me }] = await h.sql(`select current_user as me`);
    expect(owners).toEqual([{ tableowner: me }]);
    expect((await app.query('select current_user as me')).rows[0].me).toBe('articula_budget');
    expect(await sqlOutcome(app, 'drop table budget.budget_line')).toBe('42501');
  });

  it("is denied another service's schema: no UPDATE, no SELECT", async () => {
    expect(await sqlOutcome(app, `update participation.request_submitter set dni = null`)).toBe('42501');
    expect(await sqlOutcome(app, `select dni from participation.request_submitter`)).toBe('42501');
  });

  it('may append to the change history and the audit trail, never rewrite them', async () => {
    for (const table of ['change_log', 'audit_log']) {
      expect(await sqlOutcome(app, `select count(*) from budget.${table}`)).toBe('ok');
      expect(await sqlOutcome(app, `update budget.${table} set id = id`)).toBe('42501');
      expect(await sqlOutcome(app, `delete from budget.${table}`)).toBe('42501');
      expect(await sqlOutcome(app, `truncate budget.${table}`)).toBe('42501');
    }
  });
});

describe('the audit trail', () => {
  it('records each successful mutation once, with its name and the official', async () => {
    const opened = await call(CREATE_PROCESS, { input: { year: 2027, ceiling: '12000000', phases } }, GPP());
    expect(opened.body.errors).toBeUndefined();
    expect(opened.rows).toEqual([expect.objectContaining({
      operation: 'createParticipatoryBudget', actor_kind: 'OFFICIAL', actor_department: 'GPP', actor_user: 'test-gpp', entity_type: 'PARTICIPATORY_BUDGET', entity_id: '2027',
    })]);
    // An accredited agent and a proposal of the new process, as the process's own workshops would record them.
    await h.sql(`insert into participating_agent (id, year, organization_id, name, accreditation_status, accredited_on) values (?, 2027, ?, 'Agente', 'ACCREDITED', '2026-03-01')`, [id(501), ORG]);
    await h.sql(`insert into proposal (id, year, title, sector, estimated_cost, beneficiaries, submitted_by_kind, submitted_by, submitted_at, evaluation_status)
      values (?, 2027, 'Propuesta auditada', 'TRANSPORT', 50000, 300, 'ORGANIZATION', ?, now(), 'PENDING')`, [id(1), ORG]);

    const steps: [string, Record<string, unknown>, string, string][] = [
      [PHASE, { year: 2027, phase: 'PREPARATION', dates: { actualStart: today() } }, 'updateBudgetPhase', '2027:PREPARATION'],
      [EVALUATE, { id: id(1), status: 'VIABLE' }, 'evaluateProposal', id(1)],
      [SCORES, { p: id(1), a: id(501), s: [{ criterion: 'POPULATION_BENEFITED', score: 8 }] }, 'recordProposalScores', id(1)],
    ];
    for (const [query, variables, operation, entityId] of steps) {
      const { body, rows } = await call(query, variables, GPP());
      expect(body.errors).toBeUndefined();
      expect(rows).toEqual([expect.objectContaining({ operation, actor_department: 'GPP', entity_id: entityId })]);
    }

    const created = await call(CREATE_LINE, { input: line() }, GPP());
    const lineId = created.body.data.createBudgetLine.id;
    expect(created.rows).toEqual([expect.objectContaining({ operation: 'createBudgetLine', entity_type: 'BUDGET_LINE', entity_id: lineId, summary: { year: 2026, department: 'GSP', workId: null } })]);
    const changed = await call(UPDATE_LINE, { id: lineId, input: { ...line(), paid: '20000' } }, GPP());
    expect(changed.rows).toEqual([expect.objectContaining({ operation: 'updateBudgetLine', summary: { fields: ['paid'] } })]);
    const same = await call(UPDATE_LINE, { id: lineId, input: { ...line(), paid: '20000' } }, GPP());
    expect(same.rows).toEqual([expect.objectContaining({ operation: 'updateBudgetLine', summary: { fields: [] } })]);
  });

  it('leaves no row for a refused or failed mutation', async () => {
    const refused: [string, string, Record<string, unknown>, Identity | undefined][] = [
      ['BAD_USER_INPUT', CREATE_LINE, { input: { ...line(), paid: '-1' } }, GPP()],
      ['FORBIDDEN', CREATE_LINE, { input: line() }, h.official('GOP')],
      ['UNAUTHENTICATED', EVALUATE, { id: id(1), status: 'VIABLE' }, undefined],
      ['BAD_USER_INPUT', CREATE_PROCESS, { input: { year: 2027, ceiling: '1', phases } }, GPP()],
      ['NOT_FOUND', UPDATE_LINE, { id: '00000000-0000-4000-8000-000000000000', input: line() }, GPP()],
    ];
    for (const [code, query, variables, identity] of refused) {
      const { body, rows } = await call(query, variables, identity);
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
      expect(rows).toEqual([]);
    }
  });

  it('leaves no row when the write fails at commit, after its audit row was written', async () => {
    await h.sql(`create function refuse_at_commit() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`);
    await h.sql(`create constraint trigger refuse_at_commit after insert on change_log deferrable initially deferred for each row execute function refuse_at_commit()`);
    try {
      const [{ n }] = await h.sql(`select count(*)::int as n from budget_line`);
      const { body, rows } = await call(CREATE_LINE, { input: line() }, GPP());
      expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(rows).toEqual([]);
      expect((await h.sql(`select count(*)::int as n from budget_line`))[0].n).toBe(n);
    } finally {
      await h.sql(`drop trigger refuse_at_commit on change_log`);
      await h.sql(`drop function refuse_at_commit()`);
    }
  });

  it('N successful mutations leave exactly N rows', async () => {
    const [{ before }] = await h.sql(`select count(*)::int as before from audit_log`);
    for (let i = 0; i < 5; i++) expect((await call(CREATE_LINE, { input: { ...line(), functionCode: String(10 + i) } }, GPP())).body.errors).toBeUndefined();
    const [{ after }] = await h.sql(`select count(*)::int as after from audit_log`);
    expect(after - before).toBe(5);
  });

  it('covers every mutation of the schema (each one was seen above)', async () => {
    const { schema } = await buildBudgetSchema();
    expect([...operations].sort()).toEqual(Object.keys(schema.getMutationType()!.getFields()).sort());
  });
});
