/**
 * The participation service's database role, the row-level security on submitters' personal data,
 * and the audit trail: the role owns nothing and reaches only its schema; history and audit are
 * append-only for it; it sees a submitter only in a transaction that declared the request's
 * assigned department; every successful mutation leaves exactly one audit row, a refused or
 * failed one none, and no audit row carries the citizen's data.
 */
import type { Identity } from '@articula/common';
import { type AuditRow, sqlOutcome, withAuditRows } from '@articula/common/testing';
import pg from 'pg';
import { buildParticipationSchema } from '../src/schema.js';
import { type ParticipationHarness, peruDate, startParticipationHarness } from './harness.js';

let h: ParticipationHarness;
let app: pg.Client;
const operations = new Set<string>();

beforeAll(async () => {
  h = await startParticipationHarness({ demo: false });
  app = new pg.Client({ connectionString: h.service.appDatabaseUrl });
  await app.connect();
  // Another service's schema on the same database, as its migrations would leave it: owned by the administrator.
  await h.sql(`create schema works; create table works.work (id uuid primary key, title text not null);
    insert into works.work values ('00000000-0000-4000-8000-000000000001', 'Obra de otro servicio')`);
});
afterAll(async () => {
  await app?.end();
  await h?.stop();
});

const SUBMIT = `mutation($input: SubmitRequestInput!) { submitRequest(input: $input) { trackingCode } }`;
const MOVE = `mutation($code: String!, $to: RequestStatus!, $department: String) { moveRequest(trackingCode: $code, to: $to, department: $department) { status } }`;
const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`;
const UPDATE_MEETING = `mutation($id: ID!, $input: UpdateMeetingInput!) { updateMeeting(id: $id, input: $input) { id } }`;
const CREATE_AGREEMENT = `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`;
const UPDATE_AGREEMENT = `mutation($id: ID!, $input: UpdateAgreementInput!) { updateAgreement(id: $id, input: $input) { id } }`;
const FOLLOW_UP = `mutation($id: ID!, $input: FollowUpInput!) { addAgreementFollowUp(agreementId: $id, input: $input) { id } }`;
const CASES = `query { assignedRequests(first: 100) { edges { node { request { trackingCode } submitter { fullName dni phone email address } } } } }`;

const person = { fullName: 'Teodora Rojas Cárdenas', dni: '40987654', phone: '987123456', email: 'teodora.rojas@example.pe', address: 'Av. Giráldez 789, Huancayo' };
const need = { kind: 'COMPLAINT', category: 'WASTE_AND_CLEANING', district: '120114', description: 'No recogen la basura en el jirón Cusco desde hace dos semanas.' };

async function call(query: string, variables: Record<string, unknown>, identity?: Identity): Promise<{ body: any; rows: AuditRow[] }> {
  const { result, rows } = await withAuditRows(h, () => h.query(query, variables, identity));
  for (const row of rows) operations.add(row.operation);
  return { body: result.body, rows };
}

/** A request with contact data, assigned to `department`; returns its id and tracking code. */
async function assignedRequest(department: string): Promise<{ id: string; code: string }> {
  const submitted = await call(SUBMIT, { input: { ...need, submitter: person } });
  const code = submitted.body.data.submitRequest.trackingCode;
  expect((await call(MOVE, { code, to: 'ASSIGNED', department }, h.official('GPC'))).body.errors).toBeUndefined();
  const [{ id }] = await h.sql(`select id::text as id from citizen_request where tracking_code = ?`, [code]);
  return { id, code };
}

describe('the participation role', () => {
  it('is not the owner of any participation table; the administrator is', async () => {
    const owners = await h.sql(`select distinct tableowner from pg_tables where schemaname = 'participation'`);
    const [{ me }] = await h.sql(`select current_user as me`);
    expect(owners).toEqual([{ tableowner: me }]);
    expect((await app.query('select current_user as me')).rows[0].me).toBe('articula_participation');
    expect(await sqlOutcome(app, 'alter table participation.request_submitter disable row level security')).toBe('42501');
  });

  it("is denied another service's schema: no UPDATE, no SELECT", async () => {
    expect(await sqlOutcome(app, `update works.work set title = 'cambiado'`)).toBe('42501');
    expect(await sqlOutcome(app, `select * from works.work`)).toBe('42501');
  });

  it('may append to the change history and the audit trail, never rewrite them', async () => {
    for (const table of ['change_log', 'request_event', 'agreement_follow_up', 'audit_log']) {
      expect(await sqlOutcome(app, `select count(*) from participation.${table}`)).toBe('ok');
      expect(await sqlOutcome(app, `update participation.${table} set id = id`)).toBe('42501');
      expect(await sqlOutcome(app, `delete from participation.${table}`)).toBe('42501');
    }
  });
});

describe("row-level security on submitters' personal data", () => {
  let request: { id: string; code: string };
  beforeAll(async () => {
    request = await assignedRequest('GSP');
  });

  /** Rows of the submitter the role sees in a transaction that declared `department` (or nothing). */
  async function visibleAs(department?: string): Promise<number> {
    await app.query('begin');
    try {
      if (department !== undefined) await app.query(`select set_config('articula.department', $1, true)`, [department]);
      return (await app.query('select dni from participation.request_submitter where request_id = $1', [request.id])).rowCount ?? 0;
    } finally {
      await app.query('rollback');
    }
  }

  it('hides the submitter without the department set, or with another one; shows it with the assigned one', async () => {
    expect((await h.sql(`select count(*)::int as n from request_submitter where request_id = ?`, [request.id]))[0].n).toBe(1);
    expect(await visibleAs()).toBe(0);
    expect(await visibleAs('GOP')).toBe(0);
    expect(await visibleAs('GPC')).toBe(0); // the triage department assigned it, and still may not see who sent it
    expect(await visibleAs('')).toBe(0);
    expect(await visibleAs('GSP')).toBe(1);
  });

  it('forgets the department when the transaction ends, so a pooled connection does not carry it over', async () => {
    await app.query('begin');
    await app.query(`select set_config('articula.department', 'GSP', true)`);
    await app.query('commit');
    expect((await app.query('select count(*)::int as n from participation.request_submitter')).rows[0].n).toBe(0);
    expect((await h.service.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from request_submitter'))[0]!.n).toBe(0);
  });

  it('lets anyone add a submitter, and nobody change or remove one', async () => {
    await app.query('begin');
    try {
      await app.query(`select set_config('articula.department', 'GSP', true)`);
      expect((await app.query(`update participation.request_submitter set phone = null where request_id = $1`, [request.id])).rowCount).toBe(0);
      expect((await app.query(`delete from participation.request_submitter where request_id = $1`, [request.id])).rowCount).toBe(0);
    } finally {
      await app.query('rollback');
    }
    expect((await h.sql(`select phone from request_submitter where request_id = ?`, [request.id]))[0].phone).toBe(person.phone);
  });

  it('through the API, the assigned department reads it; another department, even the triage one, does not', async () => {
    const mine = await h.query(CASES, {}, h.official('GSP'));
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data.assignedRequests.edges.find((e: any) => e.node.request.trackingCode === request.code).node.submitter).toEqual(person);
    for (const department of ['GOP', 'GPC']) {
      const other = await h.query(CASES, {}, h.official(department));
      expect(JSON.stringify(other.body)).not.toMatch(new RegExp(`${person.dni}|${person.phone}|${person.email}`));
    }
  });
});

describe('the audit trail', () => {
  it('records each successful mutation once, with its name and caller, never the citizen', async () => {
    const submitted = await call(SUBMIT, { input: { ...need, submitter: person } });
    expect(submitted.body.errors).toBeUndefined();
    expect(submitted.rows).toEqual([expect.objectContaining({
      operation: 'submitRequest', actor_kind: 'ANONYMOUS', actor_department: null, actor_user: null, entity_type: 'REQUEST',
      summary: { kind: 'COMPLAINT', category: 'WASTE_AND_CLEANING', district: '120114', contact: true },
    })]);
    const code = submitted.body.data.submitRequest.trackingCode;
    const moves: [string, string, string | undefined][] = [['ASSIGNED', 'GPC', 'GSC'], ['IN_PROGRESS', 'GSC', undefined]];
    for (const [to, by, department] of moves) {
      const { body, rows } = await call(MOVE, { code, to, department }, h.official(by));
      expect(body.errors).toBeUndefined();
      expect(rows).toEqual([expect.objectContaining({ operation: 'moveRequest', actor_kind: 'OFFICIAL', actor_department: by, entity_id: submitted.rows[0]!.entity_id })]);
    }

    const scheduled = await call(SCHEDULE, { input: { kind: 'DIALOGUE_TABLE', title: 'Mesa de diálogo sobre residuos sólidos', startsAt: `${peruDate(-3)}T10:00:00-05:00`, district: '120114', place: 'Local comunal' } }, h.official('GSC'));
    expect(scheduled.body.errors).toBeUndefined();
    const meetingId = scheduled.body.data.scheduleMeeting[0].id;
    expect(scheduled.rows).toEqual([expect.objectContaining({ operation: 'scheduleMeeting', actor_department: 'GSC', entity_type: 'MEETING', entity_id: meetingId })]);
    const held = await call(UPDATE_MEETING, { id: meetingId, input: { status: 'HELD', attendanceCount: 42 } }, h.official('GSC'));
    expect(held.rows).toEqual([expect.objectContaining({ operation: 'updateMeeting', summary: { fields: ['status', 'attendanceCount'], status: 'HELD' } })]);
    const created = await call(CREATE_AGREEMENT, { input: { meetingId, text: 'Programar el recojo dos veces por semana', dueDate: peruDate(30) } }, h.official('GSC'));
    expect(created.body.errors).toBeUndefined();
    const agreementId = created.body.data.createAgreement.id;
    expect(created.rows).toEqual([expect.objectContaining({ operation: 'createAgreement', entity_type: 'AGREEMENT', entity_id: agreementId })]);
    const updated = await call(UPDATE_AGREEMENT, { id: agreementId, input: { status: 'IN_PROGRESS' } }, h.official('GSC'));
    expect(updated.rows).toEqual([expect.objectContaining({ operation: 'updateAgreement', summary: { fields: ['status'], status: 'IN_PROGRESS' } })]);
    const followed = await call(FOLLOW_UP, { id: agreementId, input: { date: peruDate(0), note: 'Primera semana cumplida', progress: 25 } }, h.official('GSC'));
    expect(followed.rows).toEqual([expect.objectContaining({ operation: 'addAgreementFollowUp', entity_id: agreementId })]);

    // No audit row names the citizen, in any column.
    const dump = JSON.stringify(await h.sql(`select * from audit_log`));
    for (const value of Object.values(person)) expect(dump).not.toContain(value);
  });

  it('leaves no row for a refused or failed mutation', async () => {
    const { code } = await assignedRequest('GSP');
    const refused: [string, string, Record<string, unknown>, Identity | undefined][] = [
      ['BAD_USER_INPUT', SUBMIT, { input: { ...need, district: '999999', submitter: person } }, undefined],
      ['BAD_USER_INPUT', SUBMIT, { input: { ...need, submitter: { ...person, dni: '123' } } }, undefined],
      ['FORBIDDEN', MOVE, { code, to: 'IN_PROGRESS' }, h.official('GOP')],
      ['UNAUTHENTICATED', MOVE, { code, to: 'IN_PROGRESS' }, undefined],
      ['UNAUTHENTICATED', SCHEDULE, { input: { kind: 'DIALOGUE_TABLE', title: 'Mesa sin autor', startsAt: '2026-12-07T09:00:00-05:00', district: '120114', place: 'Local' } }, undefined],
      ['NOT_FOUND', UPDATE_AGREEMENT, { id: '00000000-0000-4000-8000-000000000000', input: { status: 'IN_PROGRESS' } }, h.official('GSC')],
    ];
    for (const [expected, query, variables, identity] of refused) {
      const { body, rows } = await call(query, variables, identity);
      expect(body.errors?.[0]?.extensions?.code).toBe(expected);
      expect(rows).toEqual([]);
    }
  });

  it('leaves no row when the write fails at commit, after its audit row was written', async () => {
    await h.sql(`create function refuse_at_commit() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`);
    await h.sql(`create constraint trigger refuse_at_commit after insert on change_log deferrable initially deferred for each row execute function refuse_at_commit()`);
    try {
      const [{ n }] = await h.sql(`select count(*)::int as n from citizen_request`);
      const { body, rows } = await call(SUBMIT, { input: need });
      expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(rows).toEqual([]);
      expect((await h.sql(`select count(*)::int as n from citizen_request`))[0].n).toBe(n);
    } finally {
      await h.sql(`drop trigger refuse_at_commit on change_log`);
      await h.sql(`drop function refuse_at_commit()`);
    }
  });

  it('N successful mutations leave exactly N rows', async () => {
    const [{ before }] = await h.sql(`select count(*)::int as before from audit_log`);
    for (let i = 0; i < 3; i++) await assignedRequest('GSP'); // a submission and an assignment each
    const [{ after }] = await h.sql(`select count(*)::int as after from audit_log`);
    expect(after - before).toBe(6);
  });

  it('covers every mutation of the schema (each one was seen above)', async () => {
    const { schema } = await buildParticipationSchema();
    expect([...operations].sort()).toEqual(Object.keys(schema.getMutationType()!.getFields()).sort());
  });
});
