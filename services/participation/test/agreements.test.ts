/** Meetings and agreements on a hand-made case: overdue at the boundary, fulfilment rates, writes, N+1. */
import { peruDate, type ParticipationHarness, startParticipationHarness } from './harness.js';

let h: ParticipationHarness;
const id = (n: number) => `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`;
const WORK = id(9001);

async function meeting(n: number, kind: string, ubigeo: string, status = 'HELD', convening = 'GOP', daysAgo = 30) {
  await h.sql(`insert into meeting (id, kind, title, starts_at, ubigeo, place, convening_department, attendance_count, agenda, status)
    values (?, ?, ?, now() - make_interval(days => ?), ?, 'Local comunal', ?, ?, '', ?)`, [id(n), kind, `Reunión ${n}`, daysAgo, ubigeo, convening, status === 'HELD' ? 40 : null, status]);
}
async function agreement(n: number, meetingN: number, department: string, dueDate: string, status = 'PENDING', fulfilledOn: string | null = null) {
  await h.sql(`insert into agreement (id, meeting_id, text, responsible_department, due_date, status, fulfilled_on, cancellation_reason)
    values (?, ?, ?, ?, ?, ?, ?, ?)`, [id(n), id(meetingN), `Acuerdo ${n}: mejorar el servicio`, department, dueDate, status, fulfilledOn, status === 'CANCELLED' ? 'Ya no es necesario por cambio de trazo.' : null]);
  await h.sql(`insert into agreement_party (agreement_id, party_kind, party_key) values (?, 'DEPARTMENT', ?)`, [id(n), department]);
}

beforeAll(async () => {
  h = await startParticipationHarness({ demo: false });
  await meeting(1, 'DIALOGUE_TABLE', '120126');
  await meeting(2, 'PUBLIC_HEARING', '120101');
  await meeting(3, 'DIALOGUE_TABLE', '120126', 'SCHEDULED', 'GOP', -7);
  // GOP, Pucará dialogue table: due yesterday (overdue), today (not), tomorrow (not), fulfilled on time, fulfilled late, cancelled.
  await agreement(101, 1, 'GOP', peruDate(-1));
  await agreement(102, 1, 'GOP', peruDate(0), 'IN_PROGRESS');
  await agreement(103, 1, 'GOP', peruDate(1));
  await agreement(104, 1, 'GOP', peruDate(-10), 'FULFILLED', peruDate(-12));
  await agreement(105, 1, 'GOP', peruDate(-10), 'FULFILLED', peruDate(-5));
  await agreement(106, 1, 'GOP', peruDate(-10), 'CANCELLED');
  // GDS, public hearing in Huancayo: one fulfilled, one overdue.
  await agreement(201, 2, 'GDS', peruDate(-20), 'FULFILLED', peruDate(-21));
  await agreement(202, 2, 'GDS', peruDate(-3), 'IN_PROGRESS');
  await h.sql(`insert into agreement_work (agreement_id, work_id) values (?, ?), (?, ?)`, [id(101), WORK, id(201), WORK]);
});
afterAll(() => h?.stop());

it('derives overdue at the boundary: the due date itself is not overdue, the day after is', async () => {
  const r = await h.query(`{ agreements(first: 100, filter: { department: ["GOP"] }) { edges { node { text overdue dueDate status fulfilledLate } } } }`);
  const byText = Object.fromEntries(r.body.data.agreements.edges.map((e: any) => [e.node.text.split(':')[0], e.node]));
  expect(byText['Acuerdo 101'].overdue).toBe(true);
  expect(byText['Acuerdo 102'].overdue).toBe(false);
  expect(byText['Acuerdo 103'].overdue).toBe(false);
  expect(byText['Acuerdo 104']).toMatchObject({ overdue: false, fulfilledLate: false });
  expect(byText['Acuerdo 105']).toMatchObject({ overdue: false, fulfilledLate: true });
  expect(byText['Acuerdo 106'].overdue).toBe(false);
  const overdue = await h.query(`{ agreements(first: 100, filter: { overdue: true }) { totalCount } }`);
  expect(overdue.body.data.agreements.totalCount).toBe(2);
});

it.each([
  ['DEPARTMENT', { GDS: [2, 1, 1, 1, 0, 0.5], GOP: [6, 2, 1, 1, 1, 0.4] }],
  ['DISTRICT', { '120101': [2, 1, 1, 1, 0, 0.5], '120126': [6, 2, 1, 1, 1, 0.4] }],
  ['MEETING_KIND', { DIALOGUE_TABLE: [6, 2, 1, 1, 1, 0.4], PUBLIC_HEARING: [2, 1, 1, 1, 0, 0.5] }],
])('gives fulfilment rates by %s: fulfilled ÷ (total − cancelled)', async (groupBy, expected) => {
  const r = await h.query(`query($g: AgreementGroupBy!) { agreementStats(groupBy: $g) { key total fulfilled fulfilledOnTime overdue cancelled fulfilmentRate } }`, { g: groupBy });
  const got = Object.fromEntries(r.body.data.agreementStats.map((s: any) => [s.key, [s.total, s.fulfilled, s.fulfilledOnTime, s.overdue, s.cancelled, s.fulfilmentRate]]));
  expect(got).toEqual(expected);
});

it('adds agreements to Work and Department through their keys', async () => {
  const r = await h.query(`query($r: [_Any!]!) { _entities(representations: $r) {
    ... on Work { agreements { text } requestCount }
    ... on Department { overdue: agreements(first: 10, overdue: true) { totalCount } } } }`,
    { r: [{ __typename: 'Work', id: WORK }, { __typename: 'Department', code: 'GOP' }] });
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data._entities[0].agreements.map((a: any) => a.text.split(':')[0]).sort()).toEqual(['Acuerdo 101', 'Acuerdo 201']);
  expect(r.body.data._entities[0].requestCount).toBe(0);
  expect(r.body.data._entities[1].overdue.totalCount).toBe(1);
});

describe('writes', () => {
  const CREATE = `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { id status responsibleDepartment { code } parties { kind department { code } } works { id } } }`;
  const valid = () => ({ meetingId: id(1), text: 'Instalar dos reductores de velocidad frente a la I.E. 30001.', dueDate: peruDate(30), workIds: [WORK] });
  const counts = async () => (await h.sql(`select (select count(*) from agreement) a, (select count(*) from agreement_party) p, (select count(*) from agreement_work) w,
    (select count(*) from agreement_follow_up) f, (select count(*) from change_log) c, (select count(*) from meeting) m`))[0];

  it('records an agreement of a held meeting with its history', async () => {
    const before = await counts();
    const r = await h.query(CREATE, { input: valid() }, h.official('GOP'));
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.createAgreement).toMatchObject({ status: 'PENDING', responsibleDepartment: { code: 'GOP' }, parties: [{ kind: 'DEPARTMENT', department: { code: 'GOP' } }], works: [{ id: WORK }] });
    const after = await counts();
    expect(Number(after.a)).toBe(Number(before.a) + 1);
    expect(Number(after.c)).toBe(Number(before.c) + 1);
  });

  it.each([
    ['no identity', null, () => valid(), 'UNAUTHENTICATED', undefined],
    ['a department neither convening nor responsible', 'GSC', () => valid(), 'FORBIDDEN', undefined],
    ['a meeting not yet held', 'GOP', () => ({ ...valid(), meetingId: id(3) }), 'BAD_USER_INPUT', 'meetingId'],
    ['an unknown meeting', 'GOP', () => ({ ...valid(), meetingId: id(4) }), 'NOT_FOUND', 'meetingId'],
    ['a due date before the meeting', 'GOP', () => ({ ...valid(), dueDate: peruDate(-400) }), 'BAD_USER_INPUT', 'dueDate'],
    ['an empty text', 'GOP', () => ({ ...valid(), text: '  ' }), 'BAD_USER_INPUT', 'text'],
    ['an unknown organization as party', 'GOP', () => ({ ...valid(), parties: [{ kind: 'ORGANIZATION', key: id(777) }] }), 'BAD_USER_INPUT', 'parties[0].key'],
    ['a malformed work id', 'GOP', () => ({ ...valid(), workIds: ['obra-12'] }), 'BAD_USER_INPUT', 'workIds[0]'],
  ])('refuses %s, changing nothing', async (_label, department, input, code, field) => {
    const before = await counts();
    const r = await h.query(CREATE, { input: input() }, department ? h.official(department) : undefined);
    expect(r.body.errors?.[0]?.extensions?.code).toBe(code);
    if (field) expect(r.body.errors![0]!.extensions!.field).toBe(field);
    expect(await counts()).toEqual(before);
  });

  it('lets a department that took part record its own commitment, but not one for another department', async () => {
    await h.sql(`insert into meeting_department (meeting_id, department) values (?, 'GSC')`, [id(1)]);
    const own = await h.query(CREATE, { input: valid() }, h.official('GSC'));
    expect(own.body.data.createAgreement.responsibleDepartment).toEqual({ code: 'GSC' });
    const forOther = await h.query(CREATE, { input: { ...valid(), responsibleDepartment: 'GDS' } }, h.official('GSC'));
    expect(forOther.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await h.sql(`delete from meeting_department where meeting_id = ? and department = 'GSC'`, [id(1)]);
  });

  it('follows an agreement up to fulfilment, and refuses bad follow-ups', async () => {
    const UPDATE = `mutation($id: ID!, $input: UpdateAgreementInput!) { updateAgreement(id: $id, input: $input) { status fulfilledOn overdue progress } }`;
    const FOLLOW = `mutation($id: ID!, $input: FollowUpInput!) { addAgreementFollowUp(agreementId: $id, input: $input) { progress followUps { progress } } }`;
    const created = await h.query(CREATE, { input: valid() }, h.official('GOP'));
    const agreementId = created.body.data.createAgreement.id;
    const ok = await h.query(FOLLOW, { id: agreementId, input: { date: peruDate(0), note: 'Expediente aprobado', progress: 40, evidenceUrl: 'https://www.munihuancayo.gob.pe/acta-1.pdf' } }, h.official('GOP'));
    expect(ok.body.data.addAgreementFollowUp).toMatchObject({ progress: 40, followUps: [{ progress: 40 }] });
    for (const [input, field] of [
      [{ date: peruDate(1), note: 'Mañana', progress: 50 }, 'date'],
      [{ date: peruDate(0), note: 'Demasiado', progress: 140 }, 'progress'],
      [{ date: peruDate(0), note: 'Enlace', progress: 50, evidenceUrl: 'javascript:alert(1)' }, 'evidenceUrl'],
    ] as const) {
      const bad = await h.query(FOLLOW, { id: agreementId, input }, h.official('GOP'));
      expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const other = await h.query(FOLLOW, { id: agreementId, input: { date: peruDate(0), note: 'Ajeno', progress: 10 } }, h.official('GDS'));
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noReason = await h.query(UPDATE, { id: agreementId, input: { status: 'CANCELLED' } }, h.official('GOP'));
    expect(noReason.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cancellationReason' });
    const done = await h.query(UPDATE, { id: agreementId, input: { status: 'FULFILLED' } }, h.official('GOP'));
    expect(done.body.data.updateAgreement).toEqual({ status: 'FULFILLED', fulfilledOn: peruDate(0), overdue: false, progress: 100 });
    const back = await h.query(UPDATE, { id: agreementId, input: { status: 'PENDING' } }, h.official('GOP'));
    expect(back.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
  });
});

describe('meetings', () => {
  const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id seriesId startsAt conveningDepartment { code } } }`;
  const committee = { kind: 'COORDINATION_COMMITTEE', title: 'Comité de coordinación de la alta dirección', startsAt: '2026-12-07T09:00:00-05:00', district: '120101', place: 'Sala de Regidores', weeks: 4 };

  it('schedules the weekly committee as a series', async () => {
    const history = async () => Number((await h.sql(`select count(*) as n from change_log where entity_type = 'MEETING'`))[0].n);
    const before = await history();
    const r = await h.query(SCHEDULE, { input: committee }, h.official('GM'));
    const meetings = r.body.data.scheduleMeeting;
    expect(await history()).toBe(before + 4);
    expect(meetings).toHaveLength(4);
    expect(new Set(meetings.map((m: any) => m.seriesId)).size).toBe(1);
    expect(meetings.map((m: any) => m.startsAt)).toEqual(['2026-12-07T14:00:00.000Z', '2026-12-14T14:00:00.000Z', '2026-12-21T14:00:00.000Z', '2026-12-28T14:00:00.000Z']);
  });

  it.each([
    [{ ...committee, kind: 'DIALOGUE_TABLE' }, 'weeks'],
    [{ ...committee, weeks: 60 }, 'weeks'],
    [{ ...committee, district: '999999' }, 'district'],
    [{ ...committee, weeks: 1, organizationIds: [id(555)] }, 'organizationIds[0]'],
  ])('refuses %j', async (input, field) => {
    const before = (await h.sql(`select count(*) as n from meeting`))[0].n;
    const r = await h.query(SCHEDULE, { input }, h.official('GM'));
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect((await h.sql(`select count(*) as n from meeting`))[0].n).toBe(before);
  });

  it('records a meeting as held only with its attendance, and only by its convening department', async () => {
    const UPDATE = `mutation($id: ID!, $input: UpdateMeetingInput!) { updateMeeting(id: $id, input: $input) { status attendanceCount } }`;
    await meeting(4, 'FIELD_VISIT', '120124', 'SCHEDULED', 'GOP', 2);
    expect((await h.query(UPDATE, { id: id(4), input: { status: 'HELD' } }, h.official('GOP'))).body.errors?.[0]?.extensions?.field).toBe('attendanceCount');
    expect((await h.query(UPDATE, { id: id(4), input: { status: 'HELD', attendanceCount: 35 } }, h.official('GDS'))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const held = await h.query(UPDATE, { id: id(4), input: { status: 'HELD', attendanceCount: 35, minutesSummary: 'Se recorrió el tramo afectado.' } }, h.official('GOP'));
    expect(held.body.data.updateMeeting).toEqual({ status: 'HELD', attendanceCount: 35 });
  });
});
