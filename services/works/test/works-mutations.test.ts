/** Writing works: who may, what is refused (and then nothing changes), and the history it leaves. */
import { signIdentity } from '@articula/common';
import { graphqlRequest } from '@articula/common/testing';
import { type WorksHarness, startWorksHarness } from './harness.js';

let h: WorksHarness;
let ownWork: { id: string; actualStart: string };
let plannedWork: string;
let otherAgencyWork: string;

beforeAll(async () => {
  h = await startWorksHarness();
  [ownWork] = await h.sql(`select w.id::text as id, w.actual_start::text as "actualStart" from work w join department d on d.id = w.department_id
    where d.code = 'GOP' and w.status = 'IN_EXECUTION' and w.actual_start is not null and w.physical_progress < 100 order by w.id limit 1`);
  plannedWork = (await h.sql(`select w.id::text as id from work w join department d on d.id = w.department_id where d.code = 'GOP' and w.status = 'PLANNED' order by w.id limit 1`))[0].id;
  otherAgencyWork = (await h.sql(`select id::text as id from work where department_id is null order by id limit 1`))[0].id;
});
afterAll(() => h?.stop());

const GOP = () => h.official('GOP');

/** Everything a refused call could have touched. */
async function snapshot() {
  const [state] = await h.sql(`select
      (select jsonb_agg(to_jsonb(w) - 'search' order by w.id) from work w) as works,
      (select count(*) from work_district) as districts,
      (select count(*) from progress_report) as reports,
      (select count(*) from work_change) as changes`);
  return state;
}

const CREATE = `mutation($input: CreateWorkInput!) { createWork(input: $input) { id title status department { code } executor { isMunicipality } districts { ubigeo } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateWorkInput!) { updateWork(id: $id, input: $input) { id title investmentCost } }`;
const PROGRESS = `mutation($id: ID!, $input: ProgressReportInput!) { reportProgress(workId: $id, input: $input) { id physicalProgress } }`;
const STATUS = `mutation($id: ID!, $status: WorkStatus!, $reason: String, $date: Date) { changeWorkStatus(workId: $id, status: $status, reason: $reason, date: $date) { id status suspensionReason } }`;

const valid = { kind: 'WORK', title: 'Mejoramiento de la vía vecinal en el anexo de prueba', sector: 'TRANSPORT', districts: ['120126'] };
const tomorrow = () => new Date(Date.now() - 5 * 3600_000 + 86_400_000).toISOString().slice(0, 10);

describe('bad input is refused with BAD_USER_INPUT, the field and the reason, and changes nothing', () => {
  const cases: [string, () => [string, Record<string, unknown>], string][] = [
    ['a CUI that is not 7 digits', () => [CREATE, { input: { ...valid, cui: '12345' } }], 'cui'],
    ['a UBIGEO outside the province', () => [CREATE, { input: { ...valid, districts: ['120199'] } }], 'districts[0]'],
    ['no district', () => [CREATE, { input: { ...valid, districts: [] } }], 'districts'],
    ['an empty title', () => [CREATE, { input: { ...valid, title: '  ' } }], 'title'],
    ['a negative cost', () => [CREATE, { input: { ...valid, investmentCost: '-1500.00' } }], 'investmentCost'],
    ['a negative contract amount', () => [UPDATE, { id: ownWork.id, input: { contractAmount: '-0.01' } }], 'contractAmount'],
    ['a planned end before the planned start', () => [CREATE, { input: { ...valid, plannedStart: '2026-05-01', plannedEnd: '2026-04-30' } }], 'plannedEnd'],
    ['a location outside the province (Lima)', () => [CREATE, { input: { ...valid, location: { latitude: -12.0464, longitude: -77.0428 } } }], 'location'],
    ['a RUC with a wrong check digit', () => [CREATE, { input: { ...valid, contractor: { name: 'Constructora Andina S.A.C.', ruc: '20123456788' } } }], 'contractor.ruc'],
    ['an actual start in the future', () => [UPDATE, { id: ownWork.id, input: { actualStart: tomorrow() } }], 'actualStart'],
    ['clearing the title', () => [UPDATE, { id: ownWork.id, input: { title: null } }], 'title'],
    ['progress 101', () => [PROGRESS, { id: ownWork.id, input: { date: ownWork.actualStart, physicalProgress: 101 } }], 'physicalProgress'],
    ['negative progress', () => [PROGRESS, { id: ownWork.id, input: { date: ownWork.actualStart, physicalProgress: -1 } }], 'physicalProgress'],
    ['progress dated in the future', () => [PROGRESS, { id: ownWork.id, input: { date: tomorrow(), physicalProgress: 50 } }], 'date'],
    ['progress dated before the start', () => [PROGRESS, { id: ownWork.id, input: { date: '2000-01-01', physicalProgress: 50 } }], 'date'],
    ['progress on a work not yet started', () => [PROGRESS, { id: plannedWork, input: { date: '2026-01-01', physicalProgress: 5 } }], 'workId'],
    ['a suspension without reason', () => [STATUS, { id: ownWork.id, status: 'SUSPENDED' }], 'reason'],
    ['a status change not allowed (in execution back to planned)', () => [STATUS, { id: ownWork.id, status: 'PLANNED' }], 'status'],
    ['completing below 100 % progress', () => [STATUS, { id: ownWork.id, status: 'COMPLETED' }], 'status'],
  ];

  it.each(cases)('%s', async (_label, build, field) => {
    const before = await snapshot();
    const [mutation, variables] = build();
    const r = await h.query(mutation, variables, GOP());
    expect(r.body.data ?? null).toBeNull();
    const error = r.body.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(typeof error?.extensions?.reason).toBe('string');
    expect(error!.extensions!.reason.length).toBeGreaterThan(5);
    expect(await snapshot()).toEqual(before);
  });

  it('reports every problem of a form at once', async () => {
    const r = await h.query(CREATE, { input: { ...valid, cui: 'abc', districts: ['000000'], investmentCost: '-1.00' } }, GOP());
    const fields = r.body.errors?.[0]?.extensions?.problems.map((p: any) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['cui', 'districts[0]', 'investmentCost']));
  });

  it('refuses a malformed scalar before running anything', async () => {
    const before = await snapshot();
    const r = await h.query(CREATE, { input: { ...valid, plannedStart: '2026-02-30' } }, GOP());
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await snapshot()).toEqual(before);
  });
});

describe('who may write', () => {
  it('refuses a write without identity as UNAUTHENTICATED, changing nothing', async () => {
    const before = await snapshot();
    const r = await h.query(PROGRESS, { id: ownWork.id, input: { date: ownWork.actualStart, physicalProgress: 50 } });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an identity header whose signature is wrong', async () => {
    const before = await snapshot();
    const forged = signIdentity(GOP(), 'a-key-that-is-not-the-gateway-key-000000');
    const r = await graphqlRequest(h.service.url, CREATE, { input: valid }, { 'x-articula-identity': forged });
    expect(r.status).toBe(401);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['another department', 'GDS', () => ownWork.id],
    ["another agency's intervention", 'GOP', () => otherAgencyWork],
  ])('refuses a change to %s’s work as FORBIDDEN, changing nothing', async (_label, department, id) => {
    const before = await snapshot();
    const r = await h.query(UPDATE, { id: id(), input: { title: 'Título cambiado por quien no debe' } }, h.official(department));
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a token naming a department that does not exist', async () => {
    const r = await h.query(CREATE, { input: valid }, h.official('NOPE'));
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND for a work that does not exist', async () => {
    const r = await h.query(UPDATE, { id: '00000000-0000-5000-8000-000000000000', input: { title: 'Nada' } }, GOP());
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});

describe('accepted writes', () => {
  const historyCount = async (id: string) => Number((await h.sql(`select count(*) as n from work_change where work_id = ?`, [id]))[0].n);

  it('creates a work of the official’s department, executed by the municipality, with its history', async () => {
    const r = await h.query(CREATE, { input: { ...valid, districts: ['120126', '120124'], investmentCost: '1250000.5', plannedStart: '2026-01-10', plannedEnd: '2026-12-20',
      contractor: { name: 'Constructora Andina S.A.C.', ruc: '20123456786' } } }, GOP());
    expect(r.body.errors).toBeUndefined();
    const work = r.body.data.createWork;
    expect(work).toMatchObject({ status: 'PLANNED', department: { code: 'GOP' }, executor: { isMunicipality: true } });
    expect(work.districts.map((d: any) => d.ubigeo).sort()).toEqual(['120124', '120126']);
    const history = await h.query(`query($id: ID!) { work(id: $id) { investmentCost history { action actorKind actorDepartment { code } changes { field to } } } }`, { id: work.id });
    expect(history.body.data.work.investmentCost).toBe('1250000.50');
    const [created] = history.body.data.work.history;
    expect(created).toMatchObject({ action: 'CREATED', actorKind: 'DEPARTMENT', actorDepartment: { code: 'GOP' } });
    expect(created.changes.map((c: any) => c.field)).toEqual(expect.arrayContaining(['title', 'districts', 'investmentCost']));
  });

  it('refuses a second work of the municipality with the same CUI as CONFLICT', async () => {
    const first = await h.query(CREATE, { input: { ...valid, title: 'Obra con CUI único', cui: '2999001' } }, GOP());
    expect(first.body.errors).toBeUndefined();
    const before = await snapshot();
    const second = await h.query(CREATE, { input: { ...valid, title: 'Otra obra con el mismo CUI', cui: '2999001' } }, GOP());
    expect(second.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'cui' });
    expect(await snapshot()).toEqual(before);
  });

  it('reports progress: the work takes its latest report, and one history entry is written', async () => {
    const before = await historyCount(ownWork.id);
    const today = new Date(Date.now() - 5 * 3600_000).toISOString().slice(0, 10);
    const r = await h.query(PROGRESS, { id: ownWork.id, input: { date: today, physicalProgress: 97.5, note: 'Vaciado de losa culminado' } }, GOP());
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.reportProgress.physicalProgress).toBe(97.5);
    // A report dated earlier does not move the current progress back.
    const older = await h.query(PROGRESS, { id: ownWork.id, input: { date: ownWork.actualStart, physicalProgress: 1 } }, GOP());
    expect(older.body.data.reportProgress.physicalProgress).toBe(97.5);
    expect(await historyCount(ownWork.id)).toBe(before + 2);
  });

  it('suspends with a reason, resumes clearing it, and updates fields with a diff in the history', async () => {
    const suspended = await h.query(STATUS, { id: ownWork.id, status: 'SUSPENDED', reason: 'Paralizada por lluvias intensas' }, GOP());
    expect(suspended.body.data.changeWorkStatus).toMatchObject({ status: 'SUSPENDED', suspensionReason: 'Paralizada por lluvias intensas' });
    const resumed = await h.query(STATUS, { id: ownWork.id, status: 'IN_EXECUTION' }, GOP());
    expect(resumed.body.data.changeWorkStatus).toMatchObject({ status: 'IN_EXECUTION', suspensionReason: null });
    const updated = await h.query(UPDATE, { id: ownWork.id, input: { investmentCost: '2000000.00' } }, GOP());
    expect(updated.body.data.updateWork.investmentCost).toBe('2000000.00');
    const r = await h.query(`query($id: ID!) { work(id: $id) { history(first: 1) { action changes { field to } } } }`, { id: ownWork.id });
    expect(r.body.data.work.history[0]).toEqual({ action: 'UPDATED', changes: [{ field: 'investmentCost', to: '"2000000.00"' }] });
  });
});
