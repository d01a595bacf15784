/** Coordination alerts on a hand-made province: only the works we insert, so every alert is known. */
import { type WorksHarness, startWorksHarness } from './harness.js';

let h: WorksHarness;
const id = (n: number) => `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`;
const MPH = id(1), PROVIAS = id(2), GORE = id(3);

beforeAll(async () => {
  h = await startWorksHarness({ demo: false });
  await h.sql(`insert into agency (id, name, level, is_municipality) values
    (?, 'Municipalidad Provincial de Huancayo', 'LOCAL', true), (?, 'Provías Descentralizado', 'NATIONAL', false), (?, 'Gobierno Regional de Junín', 'REGIONAL', false)`, [MPH, PROVIAS, GORE]);
  const work = (n: number, executor: string, sector: string, start: string | null, end: string | null, districts: string[], extra: { cui?: string; status?: string; actualEnd?: string } = {}) => [
    `insert into work (id, kind, title, sector, executor_id, status, planned_start, planned_end, actual_end, cui, physical_progress)
       values (?, 'WORK', ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
    [id(100 + n), `Obra ${n}`, sector, executor, extra.status ?? 'IN_EXECUTION', start, end, extra.actualEnd ?? null, extra.cui ?? null],
    districts,
  ] as const;
  const works = [
    // Pucará roads: municipality and Provías overlap in 2025 -> one alert.
    work(1, MPH, 'TRANSPORT', '2025-01-01', '2025-12-31', ['120126']),
    work(2, PROVIAS, 'TRANSPORT', '2025-06-01', '2026-03-31', ['120126', '120124']),
    // Same executor as Obra 1 in the same place: never an alert; and it ends before Obra 2 starts.
    work(3, MPH, 'TRANSPORT', '2025-02-01', '2025-03-01', ['120126']),
    // Different sector, same place and time: no alert.
    work(4, GORE, 'HEALTH', '2025-01-01', '2025-12-31', ['120126']),
    // Same sector, different district: no alert.
    work(5, GORE, 'TRANSPORT', '2025-01-01', '2025-12-31', ['120105']),
    // Same district and sector, periods do not meet (ended by its actual end before the other started): no alert.
    work(6, GORE, 'TRANSPORT', '2024-01-01', '2025-12-31', ['120124'], { actualEnd: '2025-05-01' }),
    // Open-ended work overlaps anything after its start: alert with the Provías road in Pariahuanca.
    work(7, GORE, 'TRANSPORT', '2026-01-01', null, ['120124']),
    // A cancelled work is left out.
    work(8, GORE, 'TRANSPORT', '2025-01-01', '2025-12-31', ['120126'], { status: 'CANCELLED' }),
    // One CUI reported by two executors -> one alert; the same executor cannot report it twice.
    work(9, MPH, 'SANITATION', '2023-01-01', '2023-06-30', ['120101'], { cui: '2487651' }),
    work(10, GORE, 'SANITATION', '2027-01-01', '2027-06-30', ['120114'], { cui: '2487651' }),
  ];
  for (const [sql, params, districts] of works) {
    await h.sql(sql, params as unknown as unknown[]);
    for (const d of districts) await h.sql(`insert into work_district (work_id, ubigeo) values (?, ?)`, [params[0], d]);
  }
});
afterAll(() => h?.stop());

const ALERTS = `query($district: String, $kind: CoordinationAlertKind) {
  coordinationAlerts(first: 100, district: $district, kind: $kind) {
    totalCount edges { node { id kind sector cui overlapFrom overlapTo executorCount works { title executor { level } } districts { ubigeo } } } } }`;

it('finds exactly the overlapping interventions and the shared CUI', async () => {
  const r = await h.query(ALERTS, {});
  expect(r.body.errors).toBeUndefined();
  const alerts = r.body.data.coordinationAlerts.edges.map((e: any) => e.node);
  const summary = alerts.map((a: any) => [a.kind, a.works.map((w: any) => w.title).sort().join(' + '), a.districts.map((d: any) => d.ubigeo).join(',')]);
  expect(summary).toEqual(
    expect.arrayContaining([
      ['OVERLAPPING_INTERVENTIONS', 'Obra 1 + Obra 2', '120126'],
      ['OVERLAPPING_INTERVENTIONS', 'Obra 2 + Obra 7', '120124'],
      ['SHARED_CUI', 'Obra 10 + Obra 9', '120101,120114'],
    ]),
  );
  expect(r.body.data.coordinationAlerts.totalCount).toBe(3);
  expect(summary).toHaveLength(3);
  const pucara = alerts.find((a: any) => a.works.some((w: any) => w.title === 'Obra 1'));
  expect(pucara).toMatchObject({ sector: 'TRANSPORT', overlapFrom: '2025-06-01', overlapTo: '2025-12-31', executorCount: 2 });
  const open = alerts.find((a: any) => a.works.some((w: any) => w.title === 'Obra 7'));
  expect(open.overlapTo).toBe('2026-03-31');
  expect(alerts.find((a: any) => a.kind === 'SHARED_CUI')).toMatchObject({ cui: '2487651', executorCount: 2 });
});

it('filters by district and kind', async () => {
  const pariahuanca = await h.query(ALERTS, { district: '120124' });
  expect(pariahuanca.body.data.coordinationAlerts.totalCount).toBe(1);
  const cui = await h.query(ALERTS, { kind: 'SHARED_CUI' });
  expect(cui.body.data.coordinationAlerts.edges.map((e: any) => e.node.cui)).toEqual(['2487651']);
});

it('filters by sector and by a date the overlap includes', async () => {
  const q = `query($sector: Sector, $on: Date) { coordinationAlerts(first: 100, sector: $sector, activeOn: $on) { edges { node { kind works { title } } } } }`;
  const titles = (r: any) => r.body.data.coordinationAlerts.edges.map((e: any) => `${e.node.kind}:${e.node.works.map((w: any) => w.title).sort().join('+')}`).sort();
  // Obra 1 + Obra 2 overlap 2025-06-01..2025-12-31; Obra 2 + Obra 7 overlap 2026-01-01..2026-03-31; the shared CUI has no period.
  expect(titles(await h.query(q, { on: '2025-07-15' }))).toEqual(['OVERLAPPING_INTERVENTIONS:Obra 1+Obra 2', 'SHARED_CUI:Obra 10+Obra 9']);
  expect(titles(await h.query(q, { on: '2026-02-01' }))).toEqual(['OVERLAPPING_INTERVENTIONS:Obra 2+Obra 7', 'SHARED_CUI:Obra 10+Obra 9']);
  expect(titles(await h.query(q, { on: '2025-05-01' }))).toEqual(['SHARED_CUI:Obra 10+Obra 9']);
  expect(titles(await h.query(q, { sector: 'HEALTH' }))).toEqual([]);
  expect(titles(await h.query(q, { sector: 'TRANSPORT' }))).toHaveLength(2);
});

it('sees a new intervention at once, and keeps alert ids stable', async () => {
  const before = await h.query(ALERTS, {});
  await h.sql(`insert into work (id, kind, title, sector, executor_id, status, planned_start, planned_end, physical_progress) values (?, 'WORK', 'Obra 11', 'HEALTH', ?, 'PLANNED', '2025-03-01', '2025-04-01', 0)`, [id(111), MPH]);
  await h.sql(`insert into work_district (work_id, ubigeo) values (?, '120126')`, [id(111)]);
  const after = await h.query(ALERTS, {});
  expect(after.body.data.coordinationAlerts.totalCount).toBe(before.body.data.coordinationAlerts.totalCount + 1);
  const ids = (r: any) => r.body.data.coordinationAlerts.edges.map((e: any) => e.node.id);
  expect(ids(after)).toEqual(expect.arrayContaining(ids(before)));
});

it('exposes the other reports of a shared CUI on the work', async () => {
  const r = await h.query(`{ workByCui(cui: "2487651") { title sameCuiWorks { title executor { level } } } }`);
  expect(r.body.data.workByCui).toEqual({ title: 'Obra 9', sameCuiWorks: [{ title: 'Obra 10', executor: { level: 'REGIONAL' } }] });
});

describe('raised after a write, in the background', () => {
  it('tells each work\'s coincidences as the alerts query finds them, and skips none it could check', async () => {
    const seen: any[] = [];
    const stop = h.service.events.on('alert.raised', (e) => {
      seen.push(e);
    });
    try {
      h.service.alerts.schedule([id(101), id(103), id(104), id(109)]);
      await h.service.alerts.idle();
      await new Promise((r) => setTimeout(r, 300)); // NOTIFY is delivered after the detector's commit
      // What the alerts query says about the same works is what the events said.
      const r = await h.query(`{ coordinationAlerts(first: 100) { edges { node { kind works { id } } } } }`);
      const expected = new Map<string, string[]>();
      for (const { node } of r.body.data.coordinationAlerts.edges) {
        for (const w of node.works as Array<{ id: string }>) {
          if (![id(101), id(103), id(104), id(109)].includes(w.id)) continue;
          const key = `${w.id}:${node.kind}`;
          expected.set(key, [...(expected.get(key) ?? []), ...node.works.map((x: { id: string }) => x.id).filter((x: string) => x !== w.id)].sort());
        }
      }
      const got = new Map(seen.map((e) => [`${e.workId}:${e.kind}`, [...e.partnerIds].sort()]));
      expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
      expect(got.get(`${id(101)}:OVERLAPPING_INTERVENTIONS`)).toContain(id(102));
      expect(got.has(`${id(103)}:OVERLAPPING_INTERVENTIONS`)).toBe(false); // Obra 3 meets only its own executor's work
      expect(got.get(`${id(109)}:SHARED_CUI`)).toEqual([id(110)]);
      expect(h.service.alerts.dropped).toBe(0);
    } finally {
      stop();
    }
  });

  it('follows a work into its new sector: the district rows it searches by change with it', async () => {
    const seen: any[] = [];
    const stop = h.service.events.on('alert.raised', (e) => {
      seen.push(e);
    });
    try {
      // Obra 4 (regional, health) becomes a road in Pucará, where the municipality and Provías build roads in 2025.
      await h.sql(`update work set sector = 'TRANSPORT' where id = ?`, [id(104)]);
      expect(await h.sql(`select distinct sector, executor_id::text as executor from work_district where work_id = ?`, [id(104)])).toEqual([{ sector: 'TRANSPORT', executor: GORE }]);
      h.service.alerts.schedule([id(104)]);
      await h.service.alerts.idle();
      await new Promise((r) => setTimeout(r, 300));
      expect(seen.map((e) => [e.workId, e.kind, [...e.partnerIds].sort()])).toEqual([[id(104), 'OVERLAPPING_INTERVENTIONS', [id(101), id(102), id(103)]]]);
    } finally {
      stop();
      await h.sql(`update work set sector = 'HEALTH' where id = ?`, [id(104)]);
    }
    expect(await h.sql(`select distinct sector from work_district where work_id = ?`, [id(104)])).toEqual([{ sector: 'HEALTH' }]);
  });

  it('gives twins (one executor, same districts, sector and period) the same partners, each its own event', async () => {
    const twin = id(150);
    await h.sql(`insert into work (id, kind, title, sector, executor_id, status, planned_start, planned_end, physical_progress)
      values (?, 'WORK', 'Obra 11, gemela de la 1', 'TRANSPORT', ?, 'IN_EXECUTION', '2025-01-01', '2025-12-31', 0)`, [twin, MPH]);
    // Written by a session whose search path lacks the schema (as the benchmark's and an operator's are): the footprint still fills in.
    await h.sql(`do $$ begin perform set_config('search_path', 'public', true); insert into works.work_district (work_id, ubigeo) values ('${twin}', '120126'); end $$`);
    expect(await h.sql('select sector, executor_id::text as executor from work_district where work_id = ?', [twin])).toEqual([{ sector: 'TRANSPORT', executor: MPH }]);
    const seen: any[] = [];
    const stop = h.service.events.on('alert.raised', (e) => {
      seen.push(e);
    });
    try {
      h.service.alerts.schedule([id(101), twin]);
      await h.service.alerts.idle();
      await new Promise((r) => setTimeout(r, 300));
      const overlaps = seen.filter((e) => e.kind === 'OVERLAPPING_INTERVENTIONS').map((e) => [e.workId, [...e.partnerIds].sort(), e.districts]);
      expect(overlaps.sort()).toEqual([[id(101), [id(102)], ['120126']], [twin, [id(102)], ['120126']]].sort());
    } finally {
      stop();
      await h.sql('delete from work where id = ?', [twin]);
    }
  });

  it('bounds its queue: past it, works are counted as dropped, not buffered', async () => {
    const { AlertDetector } = await import('../src/modules/realtime/alert-detector.js');
    const { createLogger } = await import('@articula/common');
    const detector = new AlertDetector(() => h.service.orm.em.fork() as any, createLogger({ service: 'test', level: 'silent' } as any), { maxPending: 2 });
    detector.schedule([id(101), id(102), id(103), id(104), id(105)]);
    expect(detector.dropped).toBe(3);
    await detector.idle();
    await detector.stop();
    detector.schedule([id(106)]); // stopped: ignored
    expect(detector.dropped).toBe(3);
  });
});
