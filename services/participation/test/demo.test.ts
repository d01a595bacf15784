/** On the demo data: entities, the N+1 check, and what District gains from participation. */
import { peruDate, type ParticipationHarness, startParticipationHarness } from './harness.js';

let h: ParticipationHarness;
beforeAll(async () => {
  h = await startParticipationHarness();
});
afterAll(() => h?.stop());

it('resolves Organization, District, Department and Work through _entities', async () => {
  const [org] = await h.sql(`select id::text as id, name from organization order by id limit 1`);
  const [work] = await h.sql(`select work_id::text as id from agreement_work order by work_id limit 1`);
  const r = await h.query(`query($r: [_Any!]!) { _entities(representations: $r) {
    __typename
    ... on Organization { name representatives { name role } }
    ... on District { organizations(first: 1) { totalCount } requestStats { suppressed count } }
    ... on Department { responsible: agreements(first: 1) { totalCount } }
    ... on Work { agreements { id } requestCount } } }`, {
    r: [{ __typename: 'Organization', id: org.id }, { __typename: 'District', ubigeo: '120101' }, { __typename: 'Department', code: 'GOP' }, { __typename: 'Work', id: work.id },
      { __typename: 'Organization', id: '00000000-0000-5000-8000-000000000000' }],
  });
  expect(r.body.errors).toBeUndefined();
  const [o, d, dep, w, missing] = r.body.data._entities;
  expect(o).toMatchObject({ __typename: 'Organization', name: org.name });
  expect(o.representatives.length).toBeGreaterThan(0);
  expect(d.organizations.totalCount).toBeGreaterThan(0);
  expect(d.requestStats.suppressed).toBe(false);
  expect(dep.responsible.totalCount).toBeGreaterThan(0);
  expect(w.agreements.length).toBeGreaterThan(0);
  expect(missing).toBeNull();
});

it('costs the same number of SQL statements for 10 and 100 agreements with meeting, department, works and parties', async () => {
  const q = `query($n: Int) { agreements(first: $n) { edges { node { text overdue meeting { title kind district { ubigeo } } responsibleDepartment { code }
    works { id } parties { kind organization { name } } followUps { progress } } } } }`;
  const counts: number[] = [];
  for (const n of [10, 100]) {
    const r = await h.query(q, { n });
    expect(r.body.data.agreements.edges).toHaveLength(n);
    counts.push(Number(r.headers.get('x-sql-statements')));
  }
  expect(counts[0]).toBeGreaterThan(0);
  expect(counts[1]).toBe(counts[0]);
});

it('has every district with organizations, and request statistics whose counts add up', async () => {
  const r = await h.query(`{ requestStats(groupBy: KIND) { key count } s: requestStats(groupBy: STATUS) { key count } }`);
  const total = (rows: any[]) => rows.reduce((s, c) => s + (c.count ?? 0), 0);
  const [{ n }] = await h.sql(`select count(*)::int as n from citizen_request`);
  expect(total(r.body.data.requestStats)).toBe(n);
  expect(total(r.body.data.s)).toBe(n);
  const [{ districts }] = await h.sql(`select count(distinct ubigeo)::int as districts from organization`);
  expect(districts).toBe(28);
});

it("counts the demo's overdue agreements as already announced: the ticker's first round sends no flood", async () => {
  const [{ overdue, unannounced }] = await h.sql(`select count(*) filter (where due_date < ?::date)::int as overdue,
    count(*) filter (where due_date < ?::date and overdue_notified_on is null)::int as unannounced
    from agreement where status in ('PENDING', 'IN_PROGRESS')`, [peruDate(0), peruDate(0)]);
  expect(overdue).toBeGreaterThan(0);
  expect(unannounced).toBe(0);
  expect(await h.service.announceOverdueAgreements()).toBe(0);
});
