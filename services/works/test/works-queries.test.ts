/** Reading works through the subgraph: filters, pages, order, aggregates, N+1, entities. */
import { type WorksHarness, startWorksHarness } from './harness.js';

let h: WorksHarness;
beforeAll(async () => {
  h = await startWorksHarness();
});
afterAll(() => h?.stop());

const WORK_PAGE = /* GraphQL */ `
  query Page($first: Int, $after: String, $filter: WorkFilter, $orderBy: WorkOrder) {
    works(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { id title status sector investmentCost physicalProgress delayed plannedEnd
        executor { id name level } department { code } districts { ubigeo name area } } }
    }
  }`;

async function page(variables: Record<string, unknown>) {
  const r = await h.query(WORK_PAGE, variables);
  expect(r.body.errors).toBeUndefined();
  return r.body.data.works as { totalCount: number; pageInfo: any; edges: { cursor: string; node: any }[] };
}

describe('reference data', () => {
  it('has the 28 districts with population, poverty, area and boundary', async () => {
    const r = await h.query(`{ districts { ubigeo name population povertyRate area boundary } }`);
    const districts = r.body.data.districts;
    expect(districts).toHaveLength(28);
    expect(districts.reduce((s: number, d: any) => s + d.population, 0)).toBeGreaterThan(600_000);
    const huancayo = districts.find((d: any) => d.ubigeo === '120101');
    expect(huancayo).toMatchObject({ name: 'Huancayo', area: 'URBAN', population: 148729 });
    expect(huancayo.boundary.type).toMatch(/Polygon/);
    expect(districts.filter((d: any) => d.area === 'RURAL').length).toBeGreaterThan(10);
  });

  it('lists agencies at every level with exactly one municipality, and departments with their official', async () => {
    const r = await h.query(`{ agencies { id name level isMunicipality } departments { code name responsibleOfficial { name title } } }`);
    const { agencies, departments } = r.body.data;
    expect(new Set(agencies.map((a: any) => a.level))).toEqual(new Set(['NATIONAL', 'REGIONAL', 'LOCAL', 'PRIVATE']));
    expect(agencies.filter((a: any) => a.isMunicipality)).toHaveLength(1);
    expect(departments.length).toBeGreaterThanOrEqual(10);
    expect(departments.find((d: any) => d.code === 'GOP').responsibleOfficial.title).toBeTruthy();
  });
});

describe('works list', () => {
  it('pages through every work exactly once, in a stable order', async () => {
    const first = await page({ first: 100 });
    expect(first.totalCount).toBeGreaterThanOrEqual(600);
    const seen = new Set<string>();
    let after: string | undefined;
    let pages = 0;
    do {
      const p = await page({ first: 100, after });
      p.edges.forEach((e) => seen.add(e.node.id));
      after = p.pageInfo.hasNextPage ? p.pageInfo.endCursor : undefined;
      expect(p.pageInfo.hasPreviousPage).toBe(pages > 0);
      pages += 1;
    } while (after);
    expect(seen.size).toBe(first.totalCount);
    expect(pages).toBe(Math.ceil(first.totalCount / 100));
  });

  it('pages without totalCount (not counted then) with the same rows, and knows the last page exactly', async () => {
    const filter = { status: ['SUSPENDED'] };
    const counted = await page({ first: 100, filter });
    const n = counted.totalCount;
    expect(n).toBeGreaterThan(7); // several pages of 7, all on one page of 100
    expect(n).toBeLessThanOrEqual(100);
    const NO_TOTAL = `query($first: Int, $after: String, $filter: WorkFilter) { works(first: $first, after: $after, filter: $filter) {
      pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const uncounted = async (variables: Record<string, unknown>) => {
      const r = await h.query(NO_TOTAL, variables);
      expect(r.body.errors).toBeUndefined();
      return r.body.data.works as { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] };
    };
    // Page sizes around the end of the list: one short of it, exactly it, one past it.
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const p = await uncounted({ first: 7, after, filter });
      ids.push(...p.edges.map((e) => e.node.id));
      expect(p.pageInfo.hasNextPage).toBe(ids.length < n);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor!;
    }
    expect(ids).toEqual(counted.edges.map((e) => e.node.id));
    expect((await uncounted({ first: n, filter })).pageInfo.hasNextPage).toBe(false);
    expect((await uncounted({ first: n - 1, filter })).pageInfo.hasNextPage).toBe(true);
    // Asked for through a fragment, the total is counted.
    const viaFragment = await h.query(`query($filter: WorkFilter) { works(first: 1, filter: $filter) { ...Total } } fragment Total on WorkConnection { totalCount }`, { filter });
    expect(viaFragment.body.data.works.totalCount).toBe(n);
  });

  it.each([
    ['status', { status: ['SUSPENDED'] }, (n: any) => n.status === 'SUSPENDED'],
    ['executor level', { executorLevel: ['REGIONAL'] }, (n: any) => n.executor.level === 'REGIONAL'],
    ['district', { district: ['120124'] }, (n: any) => n.districts.some((d: any) => d.ubigeo === '120124')],
    ['rural area', { area: 'RURAL' }, (n: any) => n.districts.some((d: any) => d.area === 'RURAL')],
    ['department', { department: ['GOP'] }, (n: any) => n.department?.code === 'GOP'],
    ['sector', { sector: ['SANITATION'] }, (n: any) => n.sector === 'SANITATION'],
    ['delayed', { delayed: true }, (n: any) => n.delayed === true],
    ['not delayed', { delayed: false }, (n: any) => n.delayed === false],
  ])('filters by %s, and only by it', async (_label, filter, holds) => {
    const all = await page({ first: 100 });
    const filtered = await page({ first: 100, filter });
    expect(filtered.totalCount).toBeGreaterThan(0);
    expect(filtered.totalCount).toBeLessThan(all.totalCount);
    for (const e of filtered.edges) expect(holds(e.node)).toBe(true);
  });

  it('combines filters with AND', async () => {
    const a = await page({ first: 1, filter: { status: ['IN_EXECUTION'] } });
    const b = await page({ first: 1, filter: { area: 'RURAL' } });
    const both = await page({ first: 100, filter: { status: ['IN_EXECUTION'], area: 'RURAL' } });
    expect(both.totalCount).toBeLessThan(Math.min(a.totalCount, b.totalCount) + 1);
    for (const e of both.edges) expect(e.node.status).toBe('IN_EXECUTION');
  });

  it('filters delayed works as planned end passed and not completed nor cancelled', async () => {
    const delayed = await page({ first: 100, filter: { delayed: true } });
    const today = new Date(Date.now() - 5 * 3600_000).toISOString().slice(0, 10);
    for (const { node } of delayed.edges) {
      expect(node.plannedEnd < today).toBe(true);
      expect(['COMPLETED', 'CANCELLED']).not.toContain(node.status);
    }
  });

  it('finds works by words of the title', async () => {
    const p = await page({ first: 50, filter: { text: 'agua' } });
    expect(p.totalCount).toBeGreaterThan(0);
    for (const e of p.edges) expect(e.node.title.toLowerCase()).toMatch(/agua/);
  });

  it('orders by investment cost, both directions, with a stable tie-break', async () => {
    const asc = await page({ first: 50, orderBy: { field: 'INVESTMENT_COST', direction: 'ASC' } });
    const costs = asc.edges.map((e) => Number(e.node.investmentCost ?? Infinity));
    expect(costs).toEqual([...costs].sort((x, y) => x - y));
    const desc = await page({ first: 50, orderBy: { field: 'INVESTMENT_COST', direction: 'DESC' } });
    const dcosts = desc.edges.map((e) => Number(e.node.investmentCost ?? -Infinity));
    expect(dcosts).toEqual([...dcosts].sort((x, y) => y - x));
    const again = await page({ first: 50, orderBy: { field: 'INVESTMENT_COST', direction: 'DESC' } });
    expect(again.edges.map((e) => e.node.id)).toEqual(desc.edges.map((e) => e.node.id));
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ first: 10, after: 'bm9wZQ' }, 'after'],
    [{ first: 10, filter: { executor: ['not-an-id'] } }, 'filter.executor[0]'],
  ])('refuses bad paging or filter arguments %j', async (variables, field) => {
    const r = await h.query(WORK_PAGE, variables);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('single works', () => {
  it('finds a work by id and by CUI, with progress history', async () => {
    const [row] = await h.sql(`select id::text as id, cui from work where cui is not null and status = 'IN_EXECUTION' order by id limit 1`);
    const r = await h.query(`query($id: ID!, $cui: String!) {
      work(id: $id) { id cui progressReports { date physicalProgress } history { action actorKind } }
      workByCui(cui: $cui) { cui }
    }`, { id: row.id, cui: row.cui });
    expect(r.body.data.work.id).toBe(row.id);
    expect(r.body.data.workByCui.cui).toBe(row.cui);
    const dates = r.body.data.work.progressReports.map((p: any) => p.date);
    expect(dates).toEqual([...dates].sort());
    expect(r.body.data.work.history.some((c: any) => c.action === 'CREATED')).toBe(true);
  });

  it('answers null for an unknown id and an id that is not a UUID', async () => {
    const r = await h.query(`{ a: work(id: "00000000-0000-5000-8000-000000000000") { id } b: work(id: "x") { id } }`);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({ a: null, b: null });
  });
});

describe('aggregates', () => {
  it.each(['DEPARTMENT', 'SECTOR', 'EXECUTOR', 'EXECUTOR_LEVEL', 'STATUS', 'KIND'])('groups by %s add up to the total', async (groupBy) => {
    const r = await h.query(`query($g: WorkGroupBy!) { workStats(groupBy: $g) { groups { key count totalInvestment delayedCount } total { count totalInvestment delayedCount } } }`, { g: groupBy });
    const { groups, total } = r.body.data.workStats;
    const cents = (s: string) => Math.round(Number(s) * 100);
    expect(groups.reduce((s: number, g: any) => s + g.count, 0)).toBe(total.count);
    expect(groups.reduce((s: number, g: any) => s + cents(g.totalInvestment), 0)).toBe(cents(total.totalInvestment));
    expect(groups.reduce((s: number, g: any) => s + g.delayedCount, 0)).toBe(total.delayedCount);
  });

  it.each(['DISTRICT', 'AREA'])('groups by %s split costs so that investment adds up to the total', async (groupBy) => {
    const r = await h.query(`query($g: WorkGroupBy!) { workStats(groupBy: $g) { groups { key count totalInvestment } total { count totalInvestment } } }`, { g: groupBy });
    const { groups, total } = r.body.data.workStats;
    const sum = groups.reduce((s: number, g: any) => s + Math.round(Number(g.totalInvestment) * 100), 0);
    // Each group is rounded to the cent once: the sum may differ from the total by half a cent per group.
    expect(Math.abs(sum - Math.round(Number(total.totalInvestment) * 100))).toBeLessThanOrEqual(groups.length);
    // A work in several districts counts in each of them.
    expect(groups.reduce((s: number, g: any) => s + g.count, 0)).toBeGreaterThanOrEqual(total.count);
    if (groupBy === 'DISTRICT') expect(groups).toHaveLength(28);
  });

  it('agrees with the list under the same filter', async () => {
    const filter = { area: 'RURAL', status: ['IN_EXECUTION', 'SUSPENDED'] };
    const r = await h.query(`query($f: WorkFilter) { workStats(groupBy: STATUS, filter: $f) { total { count } } works(filter: $f, first: 1) { totalCount } }`, { f: filter });
    expect(r.body.data.workStats.total.count).toBe(r.body.data.works.totalCount);
  });

  it('gives investment per inhabitant by district and for urban vs rural, consistent with the district figures', async () => {
    const r = await h.query(`{ investmentPerCapita {
      districts { district { ubigeo } population totalInvestment investmentPerInhabitant povertyRate area }
      byArea { area population totalInvestment investmentPerInhabitant districtCount } } }`);
    const { districts, byArea } = r.body.data.investmentPerCapita;
    expect(districts).toHaveLength(28);
    for (const d of districts) expect(Number(d.investmentPerInhabitant)).toBeCloseTo(Number(d.totalInvestment) / d.population, 2);
    const per = districts.map((d: any) => Number(d.investmentPerInhabitant));
    expect(per).toEqual([...per].sort((a, b) => b - a));
    for (const area of byArea) {
      const of = districts.filter((d: any) => d.area === area.area);
      expect(area.districtCount).toBe(of.length);
      expect(area.population).toBe(of.reduce((s: number, d: any) => s + d.population, 0));
      expect(Number(area.totalInvestment)).toBeCloseTo(of.reduce((s: number, d: any) => s + Number(d.totalInvestment), 0), 1);
    }
  });
});

describe('no N+1', () => {
  it('costs the same number of SQL statements for 10 and for 100 works with executor, department and districts', async () => {
    const q = `query($n: Int) { works(first: $n) { totalCount edges { node { id executor { name level } department { name responsibleOfficial { name } } districts { name population } } } } }`;
    const counts: number[] = [];
    for (const n of [10, 100]) {
      const r = await h.query(q, { n });
      expect(r.body.data.works.edges).toHaveLength(n);
      counts.push(Number(r.headers.get('x-sql-statements')));
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
  });
});

describe('federation entities', () => {
  it.each([
    ['District', async () => ({ ubigeo: '120124' }), 'name', 'Pariahuanca'],
    ['Agency', async () => ({ id: (await h.sql(`select id::text as id, name from agency where is_municipality`))[0].id }), 'name', 'Municipalidad Provincial de Huancayo'],
    ['Department', async () => ({ id: (await h.sql(`select id::text as id from department where code = 'GOP'`))[0].id }), 'code', 'GOP'],
    ['Work', async () => ({ id: (await h.sql(`select id::text as id, title from work order by id limit 1`))[0].id }), 'id', undefined],
    ['Department', async () => ({ code: 'GDS' }), 'code', 'GDS'],
  ])('resolves %s references through _entities', async (typename, rep, field, expected) => {
    const representation = { __typename: typename, ...(await rep()) };
    const r = await h.query(`query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ${typename} { ${field} } } }`, {
      r: [representation, { __typename: typename, ...(typename === 'District' ? { ubigeo: '999999' } : { id: '00000000-0000-5000-8000-000000000000' }) }],
    });
    expect(r.body.errors).toBeUndefined();
    const [found, missing] = r.body.data._entities;
    expect(found.__typename).toBe(typename);
    expect(found[field]).toBe(expected ?? (representation as any).id);
    expect(missing).toBeNull();
  });
});
