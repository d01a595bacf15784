/**
 * The works service's database role and its audit trail: the role owns nothing and reaches only
 * the works schema; its history and audit tables are append-only for it; every mutation that
 * succeeds leaves exactly one audit row naming the caller, and a refused or failed one leaves none.
 */
import type { Identity } from '@articula/common';
import { type AuditRow, sqlOutcome, withAuditRows } from '@articula/common/testing';
import pg from 'pg';
import { buildWorksSchema } from '../src/schema.js';
import { type WorksHarness, startWorksHarness } from './harness.js';

let h: WorksHarness;
let app: pg.Client;
let agencyId: string;
const operations = new Set<string>();

beforeAll(async () => {
  h = await startWorksHarness();
  app = new pg.Client({ connectionString: h.service.appDatabaseUrl });
  await app.connect();
  agencyId = (await h.sql(`select id::text as id from agency where not is_municipality order by id limit 1`))[0].id;
  // Another service's schema on the same database, as its migrations would leave it: owned by the administrator.
  await h.sql(`create schema budget; create table budget.budget_line (id uuid primary key, accrued numeric not null);
    insert into budget.budget_line values ('00000000-0000-4000-8000-000000000001', 100)`);
});
afterAll(async () => {
  await app?.end();
  await h?.stop();
});

const GOP = () => h.official('GOP');
const agency = (scopes = ['interventions:write']): Identity => ({ kind: 'agency', agency: agencyId, keyPrefix: 'artk_test000001', scopes });

const CREATE = `mutation($input: CreateWorkInput!) { createWork(input: $input) { id } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateWorkInput!) { updateWork(id: $id, input: $input) { id } }`;
const PROGRESS = `mutation($id: ID!, $input: ProgressReportInput!) { reportProgress(workId: $id, input: $input) { id } }`;
const STATUS = `mutation($id: ID!, $status: WorkStatus!, $reason: String) { changeWorkStatus(workId: $id, status: $status, reason: $reason) { id } }`;
const UPSERT = `mutation($input: UpsertInterventionsInput!) { upsertInterventions(input: $input) { created updated unchanged } }`;
const valid = { kind: 'WORK', title: 'Mejoramiento de la vía vecinal en el anexo de auditoría', sector: 'TRANSPORT', districts: ['120126'] };
const today = () => new Date(Date.now() - 5 * 3600_000).toISOString().slice(0, 10);
const intervention = (externalId: string, title = 'Instalación de agua potable en el anexo de prueba') =>
  ({ externalId, kind: 'PROJECT', title, sector: 'SANITATION', status: 'IN_EXECUTION', districts: ['120107'], physicalProgress: 10, actualStart: '2026-01-10' });

/** Sends a mutation and returns its answer with the audit rows it left. */
async function call(query: string, variables: Record<string, unknown>, identity?: Identity): Promise<{ body: any; rows: AuditRow[] }> {
  const { result, rows } = await withAuditRows(h, () => h.query(query, variables, identity));
  for (const row of rows) operations.add(row.operation);
  return { body: result.body, rows };
}

describe('the works role', () => {
  it('is not the owner of any works table; the administrator is', async () => {
    const owners = await h.sql(`select distinct tableowner from pg_tables where schemaname = 'works'`);
    const [{ me }] = await h.sql(`select current_user as me`);
    expect(owners).toEqual([{ tableowner: me }]);
    expect((await app.query('select current_user as me')).rows[0].me).toBe('articula_works');
    expect(await sqlOutcome(app, 'alter table works.work add column extra text')).toBe('42501');
  });

  it("is denied another service's schema: no UPDATE, no SELECT", async () => {
    expect(await sqlOutcome(app, `update budget.budget_line set accrued = 0`)).toBe('42501');
    expect(await sqlOutcome(app, `select * from budget.budget_line`)).toBe('42501');
    expect((await h.sql(`select accrued::int as a from budget.budget_line`))[0].a).toBe(100);
  });

  it('may append to the change history and the audit trail, never rewrite them', async () => {
    for (const table of ['work_change', 'progress_report', 'audit_log']) {
      expect(await sqlOutcome(app, `select count(*) from works.${table}`)).toBe('ok');
      expect(await sqlOutcome(app, `update works.${table} set id = id`)).toBe('42501');
      expect(await sqlOutcome(app, `delete from works.${table}`)).toBe('42501');
    }
    expect(await sqlOutcome(app, `update works.work set updated_at = updated_at where false`)).toBe('ok');
  });
});

describe('the audit trail', () => {
  let workId: string;

  it('records each successful mutation once, with its name, the official and the request id', async () => {
    const created = await call(CREATE, { input: valid }, GOP());
    expect(created.body.errors).toBeUndefined();
    workId = created.body.data.createWork.id;
    expect(created.rows).toEqual([expect.objectContaining({
      operation: 'createWork', actor_kind: 'OFFICIAL', actor_department: 'GOP', actor_user: 'test-gop', actor_agency: null, entity_type: 'WORK', entity_id: workId,
      request_id: expect.any(String), summary: { kind: 'WORK', sector: 'TRANSPORT', districts: ['120126'] },
    })]);

    const steps: [string, Record<string, unknown>, string][] = [
      [UPDATE, { id: workId, input: { investmentCost: '250000.00' } }, 'updateWork'],
      [UPDATE, { id: workId, input: { investmentCost: '250000.00' } }, 'updateWork'], // nothing changes: still one row, no fields
      [STATUS, { id: workId, status: 'IN_EXECUTION' }, 'changeWorkStatus'],
      [PROGRESS, { id: workId, input: { date: today(), physicalProgress: 35 } }, 'reportProgress'],
    ];
    for (const [query, variables, operation] of steps) {
      const { body, rows } = await call(query, variables, GOP());
      expect(body.errors).toBeUndefined();
      expect(rows).toEqual([expect.objectContaining({ operation, actor_kind: 'OFFICIAL', actor_department: 'GOP', entity_type: 'WORK', entity_id: workId })]);
    }
    const all = await h.sql(`select operation, summary from audit_log where entity_id = ? order by id`, [workId]);
    expect(all.map((r) => [r.operation, r.summary])).toEqual([
      ['createWork', { kind: 'WORK', sector: 'TRANSPORT', districts: ['120126'] }],
      ['updateWork', { fields: ['investmentCost'] }],
      ['updateWork', { fields: [] }],
      ['changeWorkStatus', { from: 'PLANNED', to: 'IN_EXECUTION' }],
      ['reportProgress', { date: today(), physicalProgress: 35 }],
    ]);
  });

  it("records an agency's batch once, with the agency and its key's prefix, and a replayed batch once more", async () => {
    const input = { idempotencyKey: 'audit-batch-1', items: [intervention('AUD-1'), intervention('AUD-2', 'Construcción de reservorio en el anexo de prueba')] };
    const first = await call(UPSERT, { input }, agency());
    expect(first.body.data.upsertInterventions).toMatchObject({ created: 2 });
    expect(first.rows).toEqual([expect.objectContaining({
      operation: 'upsertInterventions', actor_kind: 'AGENCY', actor_agency: agencyId, actor_key_prefix: 'artk_test000001', actor_department: null, actor_user: null,
      summary: { items: 2, created: 2, updated: 0, unchanged: 0, replayed: false },
    })]);
    const replay = await call(UPSERT, { input }, agency());
    expect(replay.body.data.upsertInterventions).toMatchObject({ created: 2 });
    expect(replay.rows).toEqual([expect.objectContaining({ operation: 'upsertInterventions', summary: { items: 2, replayed: true } })]);
  });

  it('N successful mutations leave exactly N rows', async () => {
    const [{ before }] = await h.sql(`select count(*)::int as before from audit_log`);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await call(CREATE, { input: { ...valid, title: `Obra auditada número ${i + 1}` } }, GOP())).body.data.createWork.id);
    for (const id of ids) expect((await call(UPDATE, { id, input: { description: 'Descripción nueva' } }, GOP())).body.errors).toBeUndefined();
    expect((await call(UPSERT, { input: { items: [intervention('AUD-3')] } }, agency())).body.errors).toBeUndefined();
    const [{ after }] = await h.sql(`select count(*)::int as after from audit_log`);
    expect(after - before).toBe(9);
  });

  it('leaves no row for a refused or failed mutation', async () => {
    const otherWork = (await h.sql(`select w.id::text as id from work w join department d on d.id = w.department_id where d.code <> 'GOP' limit 1`))[0].id;
    const refused: [string, string, Record<string, unknown>, Identity | undefined][] = [
      ['BAD_USER_INPUT', CREATE, { input: { ...valid, districts: ['120199'] } }, GOP()],
      ['UNAUTHENTICATED', CREATE, { input: valid }, undefined],
      ['FORBIDDEN', UPDATE, { id: otherWork, input: { description: 'No es mía' } }, GOP()],
      ['FORBIDDEN', CREATE, { input: valid }, agency()],
      ['FORBIDDEN', UPSERT, { input: { items: [intervention('AUD-4')] } }, agency([])],
      ['NOT_FOUND', STATUS, { id: '00000000-0000-4000-8000-000000000000', status: 'IN_EXECUTION' }, GOP()],
      ['CONFLICT', UPSERT, { input: { idempotencyKey: 'audit-batch-1', items: [intervention('AUD-5')] } }, agency()],
      ['BAD_USER_INPUT', UPSERT, { input: { items: [{ ...intervention('AUD-6'), districts: ['999999'] }] } }, agency()],
    ];
    for (const [code, query, variables, identity] of refused) {
      const { body, rows } = await call(query, variables, identity);
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
      expect(rows).toEqual([]);
    }
  });

  it('leaves no row when the write fails at commit, after its audit row was written', async () => {
    await h.sql(`create function refuse_at_commit() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`);
    await h.sql(`create constraint trigger refuse_at_commit after insert on work_change deferrable initially deferred for each row execute function refuse_at_commit()`);
    try {
      const [{ works }] = await h.sql(`select count(*)::int as works from work`);
      const { body, rows } = await call(CREATE, { input: { ...valid, title: 'Obra que no llega a guardarse' } }, GOP());
      expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(rows).toEqual([]);
      expect((await h.sql(`select count(*)::int as works from work`))[0].works).toBe(works);
    } finally {
      await h.sql(`drop trigger refuse_at_commit on work_change`);
      await h.sql(`drop function refuse_at_commit()`);
    }
  });

  it('covers every mutation of the schema (each one was seen above)', async () => {
    const { schema } = await buildWorksSchema();
    const mutations = Object.keys(schema.getMutationType()!.getFields()).sort();
    expect(mutations.length).toBeGreaterThan(0);
    expect([...operations].sort()).toEqual(mutations);
  });
});
