/** Citizen requests: submission without an account, tracking, the workflow, who sees personal data. */
import { capturingStderr } from '@articula/common/testing';
import { type ParticipationHarness, startParticipationHarness } from './harness.js';

let h: ParticipationHarness;
beforeAll(async () => {
  h = await startParticipationHarness({ demo: false });
});
afterAll(() => h?.stop());

const SUBMIT = `mutation($input: SubmitRequestInput!) { submitRequest(input: $input) { trackingCode dueOn status } }`;
const STATUS = `query($code: String!) { requestStatus(trackingCode: $code) { trackingCode status overdue dueOn publicResponse rejectionReason assignedDepartment { code } history { status } } }`;
const MOVE = `mutation($code: String!, $to: RequestStatus!, $department: String, $publicResponse: String, $rejectionReason: String) {
  moveRequest(trackingCode: $code, to: $to, department: $department, publicResponse: $publicResponse, rejectionReason: $rejectionReason) { status assignedDepartment { code } } }`;
const person = { fullName: 'Rosa Quispe Huamán', dni: '41234567', phone: '964123456', email: 'rosa.quispe@example.pe', address: 'Jr. Puno 456, Huancayo' };
const need = { kind: 'NEED', category: 'STREET_LIGHTING', district: '120107', description: 'Faltan luminarias en el pasaje Los Álamos, cuadra 3.' };

async function submit(input: Record<string, unknown> = need): Promise<string> {
  const r = await h.query(SUBMIT, { input });
  expect(r.body.errors).toBeUndefined();
  return r.body.data.submitRequest.trackingCode;
}

/** Drives a new request to the given status through the legal path. */
async function requestAt(status: string): Promise<string> {
  const code = await submit({ ...need, submitter: person });
  const path: [string, string, Record<string, string>][] = [
    ['ASSIGNED', 'GPC', { department: 'GSP' }],
    ['IN_PROGRESS', 'GSP', {}],
    ['RESOLVED', 'GSP', { publicResponse: 'Se instalaron tres luminarias LED en la cuadra 3.' }],
  ];
  for (const [to, department, extra] of path) {
    if (status === 'RECEIVED') break;
    const r = await h.query(MOVE, { code, to, ...extra }, h.official(department));
    expect(r.body.errors).toBeUndefined();
    if (to === status) break;
  }
  return code;
}

describe('submission and tracking', () => {
  it('accepts a request without an account and tracks it by a non-guessable code', async () => {
    const r = await h.query(SUBMIT, { input: { ...need, submitter: person } });
    const { trackingCode, dueOn, status } = r.body.data.submitRequest;
    expect(trackingCode).toMatch(/^HYO-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(status).toBe('RECEIVED');
    expect(dueOn > new Date().toISOString().slice(0, 10)).toBe(true);
    const typed = trackingCode.toLowerCase().replace(/-/g, ' ');
    const lookup = await h.query(STATUS, { code: typed });
    expect(lookup.body.data.requestStatus).toMatchObject({ trackingCode, status: 'RECEIVED', overdue: false, history: [{ status: 'RECEIVED' }] });
    const codes = new Set(await Promise.all(Array.from({ length: 20 }, () => submit())));
    expect(codes.size).toBe(20);
  });

  it.each([
    [-1, true],
    [0, false],
    [1, false],
  ])('derives overdue from the deadline: due %i day(s) from today → overdue %s', async (days, overdue) => {
    const code = await submit();
    await h.sql(`update citizen_request set due_on = ?::date where tracking_code = ?`, [new Date(Date.now() - 5 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10), code]);
    expect((await h.query(STATUS, { code })).body.data.requestStatus.overdue).toBe(overdue);
  });

  it('answers null for an unknown code', async () => {
    const r = await h.query(STATUS, { code: 'HYO-0000-0000-0000' });
    expect(r.body.data.requestStatus).toBeNull();
  });

  it('keeps the submitter apart from the request, and out of its history', async () => {
    const code = await submit({ ...need, submitter: person });
    const [row] = await h.sql(`select id::text as id from citizen_request where tracking_code = ?`, [code]);
    const [stored] = await h.sql(`select to_jsonb(r) as request, (select to_jsonb(c) from change_log c where c.entity_id = r.id) as history from citizen_request r where r.id = ?`, [row.id]);
    expect(JSON.stringify(stored)).not.toMatch(/41234567|964123456|rosa|Quispe|Puno/i);
    expect((await h.sql(`select dni from request_submitter where request_id = ?`, [row.id]))[0].dni).toBe('41234567');
  });

  it.each([
    [{ ...need, district: '150101' }, 'district'],
    [{ ...need, description: 'corto' }, 'description'],
    [{ ...need, workId: 'not-a-work' }, 'workId'],
    [{ ...need, submitter: { dni: '1234567' } }, 'submitter.dni'],
    [{ ...need, submitter: { phone: '064123456' } }, 'submitter.phone'],
    [{ ...need, submitter: { email: 'rosa(at)example' } }, 'submitter.email'],
  ])('refuses %j with BAD_USER_INPUT on %s, writing nothing and not repeating personal data', async (input, field) => {
    const before = (await h.sql(`select (select count(*) from citizen_request) + (select count(*) from request_submitter) as n`))[0].n;
    const r = await h.query(SUBMIT, { input });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(JSON.stringify(r.body.errors)).not.toMatch(/1234567|064123456|rosa\(at\)/);
    expect((await h.sql(`select (select count(*) from citizen_request) + (select count(*) from request_submitter) as n`))[0].n).toBe(before);
  });
});

describe('workflow', () => {
  // from, to, acting department (null: anonymous), extra arguments, expected code (null: accepted)
  const cases: [string, string, string | null, Record<string, string>, string | null][] = [
    ['RECEIVED', 'ASSIGNED', 'GPC', { department: 'GSP' }, null],
    ['RECEIVED', 'REJECTED', 'GPC', { rejectionReason: 'No corresponde a la competencia municipal.' }, null],
    ['RECEIVED', 'ASSIGNED', null, { department: 'GSP' }, 'UNAUTHENTICATED'],
    ['RECEIVED', 'ASSIGNED', 'GOP', { department: 'GSP' }, 'FORBIDDEN'],
    ['RECEIVED', 'ASSIGNED', 'GPC', {}, 'BAD_USER_INPUT'],
    ['RECEIVED', 'IN_PROGRESS', 'GPC', {}, 'BAD_USER_INPUT'],
    ['RECEIVED', 'RESOLVED', 'GPC', { publicResponse: 'Atendido sin pasar por la gerencia.' }, 'BAD_USER_INPUT'],
    ['ASSIGNED', 'IN_PROGRESS', 'GSP', {}, null],
    ['ASSIGNED', 'IN_PROGRESS', 'GOP', {}, 'FORBIDDEN'],
    ['ASSIGNED', 'ASSIGNED', 'GSP', { department: 'GOP' }, null],
    ['ASSIGNED', 'ASSIGNED', 'GPC', { department: 'GOP' }, null],
    ['ASSIGNED', 'RESOLVED', 'GSP', { publicResponse: 'Se instalaron luminarias.' }, 'BAD_USER_INPUT'],
    ['IN_PROGRESS', 'RESOLVED', 'GSP', { publicResponse: 'Se instalaron tres luminarias LED.' }, null],
    ['IN_PROGRESS', 'RESOLVED', 'GSP', {}, 'BAD_USER_INPUT'],
    ['IN_PROGRESS', 'RESOLVED', 'GSP', { publicResponse: 'Llamamos a la vecina al 964123456 y quedó conforme.' }, 'BAD_USER_INPUT'],
    ['IN_PROGRESS', 'REJECTED', 'GSP', { rejectionReason: 'La vía es de competencia del gobierno regional.' }, null],
    ['IN_PROGRESS', 'REJECTED', 'GSP', { rejectionReason: 'corto' }, 'BAD_USER_INPUT'],
    ['IN_PROGRESS', 'IN_PROGRESS', 'GSP', {}, 'BAD_USER_INPUT'],
    ['RESOLVED', 'IN_PROGRESS', 'GSP', {}, 'BAD_USER_INPUT'],
    ['RESOLVED', 'REJECTED', 'GSP', { rejectionReason: 'Reabrir no está permitido así.' }, 'BAD_USER_INPUT'],
  ];

  it.each(cases)('%s → %s by %s %j: %s', async (from, to, department, extra, expected) => {
    const code = await requestAt(from);
    const snapshot = async () => h.sql(`select to_jsonb(r) - 'updated_at' as r, (select count(*) from request_event e where e.request_id = r.id) as events,
      (select count(*) from change_log c where c.entity_id = r.id) as changes from citizen_request r where r.tracking_code = ?`, [code]);
    const before = await snapshot();
    const r = await h.query(MOVE, { code, to, ...extra }, department ? h.official(department) : undefined);
    if (expected === null) {
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.moveRequest.status).toBe(to);
      const [after] = await snapshot();
      expect(Number(after.events)).toBe(Number(before[0].events) + 1);
      expect(Number(after.changes)).toBe(Number(before[0].changes) + 1);
    } else {
      expect(r.body.errors?.[0]?.extensions?.code).toBe(expected);
      if (expected === 'BAD_USER_INPUT') expect(r.body.errors![0]!.extensions!.field).toBeTruthy();
      expect(await snapshot()).toEqual(before);
    }
  });

  it('shows the public response and the path taken to anyone with the code', async () => {
    const code = await requestAt('RESOLVED');
    const r = await h.query(STATUS, { code });
    expect(r.body.data.requestStatus).toMatchObject({
      status: 'RESOLVED', publicResponse: 'Se instalaron tres luminarias LED en la cuadra 3.', assignedDepartment: { code: 'GSP' },
      history: [{ status: 'RECEIVED' }, { status: 'ASSIGNED' }, { status: 'IN_PROGRESS' }, { status: 'RESOLVED' }],
    });
  });
});

describe('personal data', () => {
  const CASES = `query { assignedRequests(first: 50) { edges { node { request { trackingCode } submitter { fullName dni phone email address } } } } }`;

  it('lets officials of the assigned department read the submitter', async () => {
    const code = await requestAt('IN_PROGRESS');
    const r = await h.query(CASES, {}, h.official('GSP'));
    const mine = r.body.data.assignedRequests.edges.find((e: any) => e.node.request.trackingCode === code);
    expect(mine.node.submitter).toEqual(person);
  });

  it('shows the triage department the incoming requests to assign, without who sent them', async () => {
    const code = await requestAt('RECEIVED');
    const list = await h.query(`query { assignedRequests(first: 100, status: [RECEIVED]) { edges { node { request { trackingCode status } } } } }`, {}, h.official('GPC'));
    expect(list.body.data.assignedRequests.edges.map((e: any) => e.node.request.trackingCode)).toContain(code);
    const withSubmitter = await h.query(`query { assignedRequests(first: 100, status: [RECEIVED]) { edges { node { request { trackingCode } submitter { dni } } } } }`, {}, h.official('GPC'));
    expect(withSubmitter.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(withSubmitter.body)).not.toMatch(/41234567/);
    const others = await h.query(`query { assignedRequests(first: 100, status: [RECEIVED]) { totalCount } }`, {}, h.official('GSP'));
    expect(others.body.data.assignedRequests.totalCount).toBe(0);
  });

  it('refuses everyone else: anonymous, and officials of other departments', async () => {
    await requestAt('IN_PROGRESS');
    const anonymous = await h.query(CASES);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // GAT (tax administration) was never assigned a request here.
    const other = await h.query(CASES, {}, h.official('GAT'));
    expect(JSON.stringify(other.body)).not.toMatch(/41234567|964123456|rosa/i);
    expect(other.body.data.assignedRequests.edges).toEqual([]);
  });
});

describe('when storing fails', () => {
  it('answers a bare internal error, writes nothing, and logs no personal data', async () => {
    // A constraint the code does not check, so that the database itself refuses the row.
    await h.sql(`alter table request_submitter add constraint test_no_dni check (dni is null) not valid`);
    try {
      const before = (await h.sql(`select count(*) as n from citizen_request`))[0].n;
      const { result: r, text: log } = await capturingStderr(() => h.query(SUBMIT, { input: { ...need, submitter: person } }));
      expect(r.body.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(JSON.stringify(r.body)).not.toMatch(/41234567|964123456|rosa/i);
      expect((await h.sql(`select count(*) as n from citizen_request`))[0].n).toBe(before);
      expect(log).toMatch(/unexpected error/);
      expect(log).toMatch(/test_no_dni/);
      // The ORM inlines values into its SQL: the raw error carried them, and the log has them redacted.
      expect(log).toMatch(/\[redacted\]/);
      expect(log).not.toMatch(/41234567|964123456|rosa\.quispe@example\.pe/);
    } finally {
      await h.sql(`alter table request_submitter drop constraint test_no_dni`);
    }
  });
});

describe('statistics', () => {
  it('suppresses cells under 5 requests and shows them from 5 on', async () => {
    const STATS = `{ requestStats(groupBy: DISTRICT) { key suppressed count medianDaysToResolve } }`;
    for (let i = 0; i < 4; i++) await submit({ ...need, district: '120104' });
    const four = (await h.query(STATS)).body.data.requestStats.find((c: any) => c.key === '120104');
    expect(four).toEqual({ key: '120104', suppressed: true, count: null, medianDaysToResolve: null });
    await submit({ ...need, district: '120104' });
    const five = (await h.query(STATS)).body.data.requestStats.find((c: any) => c.key === '120104');
    expect(five).toMatchObject({ key: '120104', suppressed: false, count: 5 });
  });

  it('computes the median days to resolve and the share within the deadline on a hand-made case', async () => {
    // Five resolved requests in Quilcas, 2, 4, 6, 8 and 40 days after submission; the last one past its deadline.
    const ids: string[] = [];
    for (const days of [2, 4, 6, 8, 40]) {
      const code = await requestAt('RESOLVED');
      const [{ id }] = await h.sql(`select id::text as id from citizen_request where tracking_code = ?`, [code]);
      ids.push(id);
      await h.sql(`update citizen_request set ubigeo = '120128', submitted_at = now() - make_interval(days => ?), due_on = ((now() - make_interval(days => ?)) at time zone 'America/Lima')::date + 30,
        closed_at = now() where id = ?`, [days, days, id]);
    }
    const r = await h.query(`{ requestStats(groupBy: DISTRICT) { key count resolvedCount medianDaysToResolve resolvedWithinDeadlineShare } }`);
    expect(r.body.data.requestStats.find((c: any) => c.key === '120128')).toEqual({
      key: '120128', count: 5, resolvedCount: 5, medianDaysToResolve: 6, resolvedWithinDeadlineShare: 0.8,
    });
  });
});
