/**
 * Subscriptions over graphql-ws on the real subgraph: events published by the writes (only when
 * they commit), their filters, the overdue ticker's once-only announcements, and a request's
 * status without its submitter.
 */
import { TOPICS } from '../src/events.js';
import { peruDate, type ParticipationHarness, startParticipationHarness } from './harness.js';
import { type TestSubscription, subscribe, until } from '@articula/common/testing';

let h: ParticipationHarness;
const id = (n: number) => `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`;
const open: TestSubscription[] = [];

async function meeting(n: number, ubigeo: string, convening = 'GOP') {
  await h.sql(`insert into meeting (id, kind, title, starts_at, ubigeo, place, convening_department, attendance_count, agenda, status)
    values (?, 'DIALOGUE_TABLE', ?, now() - interval '30 days', ?, 'Local comunal', ?, 40, '', 'HELD')`, [id(n), `Reunión ${n}`, ubigeo, convening]);
}
async function agreement(n: number, meetingN: number, department: string, dueDate: string, status = 'PENDING', notifiedOn: string | null = null) {
  await h.sql(`insert into agreement (id, meeting_id, text, responsible_department, due_date, status, fulfilled_on, overdue_notified_on)
    values (?, ?, ?, ?, ?, ?, ?, ?)`, [id(n), id(meetingN), `Acuerdo ${n}: mejorar el servicio`, department, dueDate, status, status === 'FULFILLED' ? dueDate : null, notifiedOn]);
  await h.sql(`insert into agreement_party (agreement_id, party_kind, party_key) values (?, 'DEPARTMENT', ?)`, [id(n), department]);
}

/** Subscribes and waits until the server listens for it, so that no event of the test can precede it. */
async function subscribed(topic: string, query: string, variables: Record<string, unknown> = {}): Promise<TestSubscription> {
  const before = h.service.events.listenerCount(topic);
  const s = subscribe(h.service.url, query, variables);
  open.push(s);
  await until(() => h.service.events.listenerCount(topic) > before, `a listener of ${topic}`);
  return s;
}

beforeAll(async () => {
  // The test drives the ticker's rounds itself.
  h = await startParticipationHarness({ demo: false, overdueCheckIntervalMs: false });
  await meeting(1, '120126');
  await meeting(2, '120101');
  await meeting(3, '120107', 'GDS');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  // The server lets go of them asynchronously; the next test counts its own listeners.
  await until(() => h.service.events.listenerCount() === 0, 'the closed subscriptions to end on the server');
});
afterAll(() => h?.stop());

describe('agreementChanged', () => {
  const CHANGED = `subscription($department: String, $district: String) { agreementChanged(department: $department, district: $district) {
    change at agreement { id text status progress overdue responsibleDepartment { code } meeting { district { ubigeo } } } } }`;
  const CREATE = `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`;
  const UPDATE = `mutation($id: ID!, $input: UpdateAgreementInput!) { updateAgreement(id: $id, input: $input) { id } }`;
  const FOLLOW = `mutation($id: ID!, $input: FollowUpInput!) { addAgreementFollowUp(agreementId: $id, input: $input) { id } }`;
  const create = async (meetingN: number, text: string, department = 'GOP') => {
    const r = await h.query(CREATE, { input: { meetingId: id(meetingN), text, dueDate: peruDate(30) } }, h.official(department));
    expect(r.body.errors).toBeUndefined();
    return r.body.data.createAgreement.id as string;
  };

  it('announces created, updated and followed-up agreements, and filters by department and district', async () => {
    const pucara = await subscribed(TOPICS.agreementChanged, CHANGED, { department: 'GOP', district: '120126' });
    const all = await subscribed(TOPICS.agreementChanged, CHANGED);
    const elsewhere = await create(2, 'Limpiar el canal de regadío del anexo Chupuro.');
    const otherDepartment = await create(3, 'Coordinar la campaña de salud del distrito.', 'GDS');
    const mine = await create(1, 'Instalar dos reductores de velocidad frente a la I.E. 30001.');

    const first = (await pucara.next()).data!.agreementChanged;
    expect(first).toMatchObject({
      change: 'CREATED',
      agreement: { id: mine, text: 'Instalar dos reductores de velocidad frente a la I.E. 30001.', status: 'PENDING', progress: 0, overdue: false,
        responsibleDepartment: { code: 'GOP' }, meeting: { district: { ubigeo: '120126' } } },
    });
    expect(new Date(first.at).toISOString()).toBe(first.at);
    expect([(await all.next()).data!.agreementChanged.agreement.id, (await all.next()).data!.agreementChanged.agreement.id, (await all.next()).data!.agreementChanged.agreement.id])
      .toEqual([elsewhere, otherDepartment, mine]);

    expect((await h.query(FOLLOW, { id: mine, input: { date: peruDate(0), note: 'Expediente técnico aprobado', progress: 40 } }, h.official('GOP'))).body.errors).toBeUndefined();
    expect((await pucara.next()).data!.agreementChanged).toMatchObject({ change: 'FOLLOW_UP', agreement: { id: mine, progress: 40, status: 'PENDING' } });
    expect((await h.query(UPDATE, { id: mine, input: { status: 'IN_PROGRESS' } }, h.official('GOP'))).body.errors).toBeUndefined();
    expect((await pucara.next()).data!.agreementChanged).toMatchObject({ change: 'UPDATED', agreement: { id: mine, status: 'IN_PROGRESS', progress: 40 } });
  });

  it('announces nothing for refused writes, nor for a write whose transaction rolls back', async () => {
    const s = await subscribed(TOPICS.agreementChanged, CHANGED);
    const target = await create(1, 'Reponer la señalización del cruce de la avenida.');
    expect((await s.next()).data!.agreementChanged).toMatchObject({ change: 'CREATED', agreement: { id: target } });

    // Refused before any write: FORBIDDEN, BAD_USER_INPUT, UNAUTHENTICATED.
    expect((await h.query(UPDATE, { id: target, input: { status: 'FULFILLED' } }, h.official('GDS'))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await h.query(UPDATE, { id: target, input: { text: 'no' } }, h.official('GOP'))).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await h.query(CREATE, { input: { meetingId: id(1), text: 'Sin identidad alguna', dueDate: peruDate(3) } })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Refused by the database at commit, after the event was published inside the transaction.
    await h.sql(`create function refuse_marked() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`);
    await h.sql(`create constraint trigger refuse_marked after insert on change_log deferrable initially deferred for each row
      when (new.changes::text like '%[rollback]%') execute function refuse_marked()`);
    try {
      const failed = await h.query(UPDATE, { id: target, input: { text: 'Texto que no llega a guardarse [rollback]' } }, h.official('GOP'));
      expect(failed.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect((await h.sql(`select text from agreement where id = ?`, [target]))[0].text).toBe('Reponer la señalización del cruce de la avenida.');
    } finally {
      await h.sql(`drop trigger refuse_marked on change_log`);
      await h.sql(`drop function refuse_marked()`);
    }

    // Events arrive in commit order: the next one is this write's, so none was sent for the refused ones.
    expect((await h.query(UPDATE, { id: target, input: { text: 'Reponer la señalización del cruce (corregido).' } }, h.official('GOP'))).body.errors).toBeUndefined();
    expect((await s.next()).data!.agreementChanged).toMatchObject({ change: 'UPDATED', agreement: { id: target, text: 'Reponer la señalización del cruce (corregido).' } });
  });

  it.each([
    [{ department: 'gop!' }, 'department'],
    [{ district: '150101' }, 'district'],
  ])('refuses a filter that can never match, %j, when subscribing', async (variables, field) => {
    const s = subscribe(h.service.url, CHANGED, variables);
    open.push(s);
    const result = await s.next();
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('the overdue ticker', () => {
  const OVERDUE = `subscription { agreementChanged { change at agreement { id overdue status } } }`;

  it('announces each newly overdue agreement once, even with two rounds racing, and only once', async () => {
    await agreement(101, 1, 'GOP', peruDate(-1));
    await agreement(102, 2, 'GOP', peruDate(-40), 'IN_PROGRESS');
    await agreement(103, 3, 'GDS', peruDate(-3));
    await agreement(104, 1, 'GOP', peruDate(0)); // due today: not overdue yet
    await agreement(105, 1, 'GOP', peruDate(-5), 'FULFILLED');
    await agreement(106, 1, 'GOP', peruDate(-8), 'PENDING', peruDate(-7)); // announced before
    // Enough rows that the two rounds below overlap in the database.
    await h.sql(`insert into agreement (id, meeting_id, text, responsible_department, due_date, status)
      select gen_random_uuid(), ?, 'Acuerdo en lote ' || i, 'GDS', ?::date - i, 'PENDING' from generate_series(1, 400) i`, [id(3), peruDate(0)]);
    const s = await subscribed(TOPICS.agreementChanged, OVERDUE);

    // Small batches: each round is many short transactions, so the two interleave.
    const rounds = await Promise.all([h.service.announceOverdueAgreements({ batch: 20 }), h.service.announceOverdueAgreements({ batch: 20 })]);
    expect(rounds[0]! + rounds[1]!).toBe(403);
    expect(await h.service.announceOverdueAgreements()).toBe(0);
    // A marker write after the rounds: every OVERDUE event committed before it arrives before it.
    const marker = await h.query(`mutation($id: ID!) { addAgreementFollowUp(agreementId: $id, input: { date: "${peruDate(0)}", note: "Marcador", progress: 10 }) { id } }`, { id: id(104) }, h.official('GOP'));
    expect(marker.body.errors).toBeUndefined();

    const overdue: any[] = [];
    for (;;) {
      const e = (await s.next()).data!.agreementChanged;
      if (e.change === 'FOLLOW_UP' && e.agreement.id === id(104)) break;
      overdue.push(e);
    }
    expect(overdue).toHaveLength(403);
    expect(new Set(overdue.map((e) => e.agreement.id)).size).toBe(403);
    expect(overdue.every((e) => e.change === 'OVERDUE' && e.agreement.overdue === true && e.agreement.status !== 'FULFILLED')).toBe(true);
    expect(overdue.map((e) => e.agreement.id)).toEqual(expect.arrayContaining([id(101), id(102), id(103)]));
    expect(overdue.map((e) => e.agreement.id)).not.toEqual(expect.arrayContaining([id(104)]));
    expect(overdue.map((e) => e.agreement.id)).not.toEqual(expect.arrayContaining([id(106)]));
    const marked = await h.sql(`select id::text as id, overdue_notified_on::text as "on" from agreement where id in (?, ?, ?, ?) order by id`, [id(101), id(102), id(103), id(106)]);
    expect(marked).toEqual([{ id: id(101), on: peruDate(0) }, { id: id(102), on: peruDate(0) }, { id: id(103), on: peruDate(0) }, { id: id(106), on: peruDate(-7) }]);
  });

  it('filters OVERDUE events like the others, and announces again after the due date is moved and passes again', async () => {
    await agreement(111, 2, 'GOP', peruDate(-2));
    await agreement(112, 1, 'GOP', peruDate(-2));
    const pucara = await subscribed(TOPICS.agreementChanged, `subscription { agreementChanged(district: "120126") { change agreement { id } } }`);
    expect(await h.service.announceOverdueAgreements()).toBe(2);
    expect((await pucara.next()).data!.agreementChanged).toEqual({ change: 'OVERDUE', agreement: { id: id(112) } });

    // Extended to next week: it can fall overdue again, and then it is announced again.
    const moved = await h.query(`mutation($id: ID!) { updateAgreement(id: $id, input: { dueDate: "${peruDate(7)}" }) { overdue } }`, { id: id(112) }, h.official('GOP'));
    expect(moved.body.data.updateAgreement).toEqual({ overdue: false });
    expect((await pucara.next()).data!.agreementChanged).toEqual({ change: 'UPDATED', agreement: { id: id(112) } });
    expect(await h.service.announceOverdueAgreements()).toBe(0);
    // A week later, as the ticker would see it then; the other agreements are set aside so that it is the only one.
    await h.sql(`update agreement set overdue_notified_on = ?::date where id <> ? and overdue_notified_on is null`, [peruDate(0), id(112)]);
    expect(await h.service.announceOverdueAgreements({ today: peruDate(8) })).toBe(1);
    expect((await pucara.next()).data!.agreementChanged).toEqual({ change: 'OVERDUE', agreement: { id: id(112) } });
  });
});

describe('requestStatusChanged', () => {
  const SUBMIT = `mutation($input: SubmitRequestInput!) { submitRequest(input: $input) { trackingCode } }`;
  const MOVE = `mutation($code: String!, $to: RequestStatus!, $department: String, $publicResponse: String, $rejectionReason: String) {
    moveRequest(trackingCode: $code, to: $to, department: $department, publicResponse: $publicResponse, rejectionReason: $rejectionReason) { status } }`;
  const STATUS_CHANGED = `subscription($code: String!) { requestStatusChanged(trackingCode: $code) {
    trackingCode kind category district { ubigeo } status assignedDepartment { code } submittedAt dueOn overdue closedAt publicResponse rejectionReason history { at status } } }`;
  const person = { fullName: 'Rosa Quispe Huamán', dni: '41234567', phone: '964123456', email: 'rosa.quispe@example.pe', address: 'Jr. Puno 456, Huancayo' };
  const need = { kind: 'NEED', category: 'STREET_LIGHTING', district: '120107', description: 'Faltan luminarias en el pasaje Los Álamos, cuadra 3.' };
  const submit = async () => {
    const r = await h.query(SUBMIT, { input: { ...need, submitter: person } });
    expect(r.body.errors).toBeUndefined();
    return r.body.data.submitRequest.trackingCode as string;
  };
  const move = async (code: string, to: string, department: string, extra: Record<string, string> = {}) => {
    const r = await h.query(MOVE, { code, to, ...extra }, h.official(department));
    expect(r.body.errors).toBeUndefined();
  };

  it('follows one request as it moves, with its public view only, never its submitter', async () => {
    const mine = await submit();
    const other = await submit();
    const raw: unknown[] = [];
    const stopRaw = h.service.events.on(TOPICS.requestStatusChanged, (e) => {
      raw.push(e);
    });
    try {
      // As a person types it: lower case, spaces instead of hyphens.
      const s = await subscribed(TOPICS.requestStatusChanged, STATUS_CHANGED, { code: mine.toLowerCase().replace(/-/g, ' ') });
      await move(other, 'ASSIGNED', 'GPC', { department: 'GSP' });
      await move(mine, 'ASSIGNED', 'GPC', { department: 'GSP' });
      const assigned = (await s.next()).data!.requestStatusChanged;
      expect(assigned).toMatchObject({ trackingCode: mine, status: 'ASSIGNED', assignedDepartment: { code: 'GSP' }, closedAt: null, history: [{ status: 'RECEIVED' }, { status: 'ASSIGNED' }] });
      await move(mine, 'IN_PROGRESS', 'GSP');
      await move(other, 'IN_PROGRESS', 'GSP');
      await move(mine, 'RESOLVED', 'GSP', { publicResponse: 'Se instalaron tres luminarias LED en la cuadra 3.' });
      expect((await s.next()).data!.requestStatusChanged.status).toBe('IN_PROGRESS');
      const resolved = (await s.next()).data!.requestStatusChanged;
      expect(resolved).toMatchObject({ trackingCode: mine, status: 'RESOLVED', publicResponse: 'Se instalaron tres luminarias LED en la cuadra 3.' });
      expect(resolved.closedAt).not.toBeNull();

      const everything = JSON.stringify([assigned, resolved, raw]);
      for (const value of Object.values(person)) expect(everything).not.toContain(value);
      expect(everything).not.toMatch(/Quispe|41234567|964123456|example\.pe/);
      // The events themselves carry identifiers, the status and the assigned department only.
      expect(raw.length).toBe(5);
      for (const e of raw) expect(Object.keys(e as object).sort()).toEqual(['at', 'department', 'requestId', 'status', 'topic', 'trackingCode']);
    } finally {
      stopRaw();
    }
  });

  it('has no submitter field to select on the view it sends', async () => {
    const s = subscribe(h.service.url, `subscription($code: String!) { requestStatusChanged(trackingCode: $code) { status submitter { fullName } } }`, { code: await submit() });
    open.push(s);
    const result = await s.next();
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('announces nothing for a refused move', async () => {
    const code = await submit();
    const s = await subscribed(TOPICS.requestStatusChanged, STATUS_CHANGED, { code });
    // Not the triage department; then an illegal transition; then a public response with personal data.
    expect((await h.query(MOVE, { code, to: 'ASSIGNED', department: 'GSP' }, h.official('GSP'))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await h.query(MOVE, { code, to: 'RESOLVED', publicResponse: 'Se atendió el pedido completamente.' }, h.official('GPC'))).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await move(code, 'ASSIGNED', 'GPC', { department: 'GSP' });
    expect((await h.query(MOVE, { code, to: 'IN_PROGRESS' }, h.official('GDS'))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await move(code, 'REJECTED', 'GSP', { rejectionReason: 'No corresponde a la municipalidad provincial.' });
    expect((await s.next()).data!.requestStatusChanged.status).toBe('ASSIGNED');
    expect((await s.next()).data!.requestStatusChanged.status).toBe('REJECTED');
  });

  it.each([
    ['a malformed tracking code', 'HYO-123'],
    ['a well-formed code that names no request', 'HYO-0000-0000-0000'],
  ])('refuses %s when subscribing', async (_label, code) => {
    const s = subscribe(h.service.url, STATUS_CHANGED, { code });
    open.push(s);
    const result = await s.next();
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'trackingCode' });
  });
});
