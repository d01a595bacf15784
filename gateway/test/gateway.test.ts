/** End to end: PostgreSQL, the three subgraphs and the gateway, over real HTTP. */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { signIdentity } from '@articula/common';
import { graphqlRequest } from '@articula/common/testing';
import type { WorksService } from '@articula/works';
import { issueOfficialToken } from '../src/auth.js';
import type { RunningGateway } from '../src/server.js';
import { type Platform, TOKEN_SECRET, startPlatform } from './platform.js';

let platform: Platform;
let works: WorksService;
let gateway: RunningGateway;
let worksPort: number;

beforeAll(async () => {
  platform = await startPlatform('gateway_test', { subgraphTimeoutMs: 2_000 });
  ({ works, gateway } = platform);
  worksPort = works.port;
});
afterAll(() => platform?.stop());

const base = () => gateway.url.replace('/graphql', '');

it('answers the journalist query of the README through the gateway', async () => {
  const r = await graphqlRequest(gateway.url, `{ works(first: 5) { totalCount edges { node { title status districts { name } executor { name level } } } } }`);
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data.works.totalCount).toBeGreaterThanOrEqual(600);
  expect(r.body.data.works.edges).toHaveLength(5);
  for (const { node } of r.body.data.works.edges) {
    expect(node.districts.length).toBeGreaterThan(0);
    expect(['NATIONAL', 'REGIONAL', 'LOCAL', 'PRIVATE']).toContain(node.executor.level);
  }
});

it('reuses keep-alive connections to the subgraph instead of opening one per request', async () => {
  let opened = 0;
  const count = () => {
    opened += 1;
  };
  works.httpServer.on('connection', count);
  try {
    for (let i = 0; i < 30; i++) await graphqlRequest(gateway.url, `{ districts { ubigeo } }`);
  } finally {
    works.httpServer.off('connection', count);
  }
  expect(opened).toBeLessThanOrEqual(2);
});

describe('across subgraphs', () => {
  it('answers works with their agreements (works → participation)', async () => {
    const r = await graphqlRequest(gateway.url, `{ works(first: 100) { edges { node { title agreements { text status overdue } } } } }`);
    expect(r.body.errors).toBeUndefined();
    const withAgreements = r.body.data.works.edges.filter((e: any) => e.node.agreements.length > 0);
    expect(withAgreements.length).toBeGreaterThan(0);
    for (const a of withAgreements.flatMap((e: any) => e.node.agreements)) expect(typeof a.overdue).toBe('boolean');
  });

  it('answers districts with organizations and request statistics', async () => {
    const r = await graphqlRequest(gateway.url, `{ districts { name area organizations { totalCount } requestStats { suppressed medianDaysToResolve } } }`);
    expect(r.body.errors).toBeUndefined();
    const districts = r.body.data.districts;
    expect(districts).toHaveLength(28);
    expect(districts.every((d: any) => d.organizations.totalCount > 0)).toBe(true);
    const median = (area: string) => {
      const values = districts.filter((d: any) => d.area === area && !d.requestStats.suppressed).map((d: any) => d.requestStats.medianDaysToResolve).sort((a: number, b: number) => a - b);
      return values[Math.floor(values.length / 2)];
    };
    expect(median('RURAL')).toBeGreaterThan(median('URBAN'));
  });

  it('answers the participatory budget with ranked, explained proposals', async () => {
    const r = await graphqlRequest(gateway.url, `{ participatoryBudget(year: 2026) { ceiling currentPhase proposals(first: 10) { edges { node { title rank funded explanation } } } } }`);
    expect(r.body.errors).toBeUndefined();
    const pb = r.body.data.participatoryBudget;
    expect(Number(pb.ceiling)).toBeGreaterThan(0);
    const nodes = pb.proposals.edges.map((e: any) => e.node);
    expect(nodes.length).toBe(10);
    expect(nodes.filter((n: any) => n.rank !== null).map((n: any) => n.rank)).toEqual(nodes.filter((n: any) => n.rank !== null).map((_: any, i: number) => i + 1));
    expect(nodes.every((n: any) => n.explanation.length > 20)).toBe(true);
  });

  it('answers works with their budget, financial progress and the gap (works → budget, with @requires)', async () => {
    const r = await graphqlRequest(gateway.url, `{ works(first: 100, filter: { department: ["GOP"] }) { edges { node { title cui investmentCost physicalProgress financialProgress progressGap
      budget(year: 2026) { modifiedBudget accrued executionRate } } } } }`);
    expect(r.body.errors).toBeUndefined();
    const nodes = r.body.data.works.edges.map((e: any) => e.node);
    const withMoney = nodes.filter((n: any) => n.financialProgress !== null);
    expect(withMoney.length).toBeGreaterThan(10);
    for (const n of withMoney) expect(n.progressGap).toBeCloseTo(n.financialProgress - n.physicalProgress, 1);
    // "Money spent but nothing built" is one query away.
    expect(withMoney.some((n: any) => n.progressGap >= 30)).toBe(true);
  });

  it('answers agreements with their works and responsible department (participation → works)', async () => {
    const r = await graphqlRequest(gateway.url, `{ agreements(first: 50, filter: { overdue: true }) { totalCount edges { node { text dueDate responsibleDepartment { code name responsibleOfficial { title } } works { title status } meeting { kind district { name } } } } } }`);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.agreements.totalCount).toBeGreaterThan(0);
    const nodes = r.body.data.agreements.edges.map((e: any) => e.node);
    expect(nodes.every((n: any) => n.responsibleDepartment.name && n.meeting.district.name)).toBe(true);
    expect(nodes.flatMap((n: any) => n.works).every((w: any) => w.title)).toBe(true);
  });
});

it('is healthy and ready', async () => {
  expect((await fetch(`${base()}/healthz`)).status).toBe(200);
  const ready = await fetch(`${base()}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ status: 'ready', subgraphs: { works: 'ready', participation: 'ready', budget: 'ready' } });
});

describe('identity', () => {
  const mutation = `mutation($input: CreateWorkInput!) { createWork(input: $input) { id department { code } } }`;
  const input = { kind: 'ACTION', title: 'Campaña de limpieza en el distrito de Chilca', sector: 'ENVIRONMENT', districts: ['120107'] };

  it('passes a verified official through to the subgraph', async () => {
    const token = await issueOfficialToken(TOKEN_SECRET, 'GGA', 'test-official');
    const r = await graphqlRequest(gateway.url, mutation, { input }, { authorization: `Bearer ${token}` });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.createWork.department.code).toBe('GGA');
  });

  it.each([
    ['no token', undefined, 'UNAUTHENTICATED'],
    ['a token signed with another secret', 'other', 'UNAUTHENTICATED'],
    ['an expired token', 'expired', 'UNAUTHENTICATED'],
    ['a malformed header', 'malformed', 'UNAUTHENTICATED'],
  ])('refuses a mutation with %s', async (_label, kind, code) => {
    const headers: Record<string, string> = {};
    if (kind === 'other') headers.authorization = `Bearer ${await issueOfficialToken('another-secret-that-is-long-enough-0123456', 'GGA', 'x')}`;
    if (kind === 'expired') headers.authorization = `Bearer ${await issueOfficialToken(TOKEN_SECRET, 'GGA', 'x', -60)}`;
    if (kind === 'malformed') headers.authorization = 'Token abc';
    const before = (await graphqlRequest(gateway.url, `{ works(first: 1) { totalCount } }`)).body.data.works.totalCount;
    const r = await graphqlRequest(gateway.url, mutation, { input }, headers);
    expect(r.body.errors?.[0]?.extensions?.code).toBe(code);
    expect((await graphqlRequest(gateway.url, `{ works(first: 1) { totalCount } }`)).body.data.works.totalCount).toBe(before);
  });

  it('refuses as FORBIDDEN an official of another department', async () => {
    const [work] = (await graphqlRequest(gateway.url, `{ works(first: 1, filter: { department: ["GOP"] }) { edges { node { id } } } }`)).body.data.works.edges;
    const token = await issueOfficialToken(TOKEN_SECRET, 'GDS', 'test-official');
    const r = await graphqlRequest(gateway.url, `mutation($id: ID!) { updateWork(id: $id, input: { title: "Cambio indebido" }) { id } }`, { id: work.node.id }, { authorization: `Bearer ${token}` });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets nobody but the gateway speak for an official: a forged identity header is refused by the subgraph', async () => {
    const forged = signIdentity({ kind: 'official', subject: 'mallory', department: 'GOP' }, 'not-the-shared-key-0123456789abcdefgh');
    const r = await graphqlRequest(works.url, mutation, { input }, { 'x-articula-identity': forged });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

it('when the subgraph is down, answers with a clear error instead of hanging, and recovers when it returns', async () => {
  await works.close();
  const down = await graphqlRequest(gateway.url, `{ works(first: 1) { totalCount } }`);
  expect(down.body.data?.works ?? null).toBeNull();
  expect(down.body.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'works' });
  expect(JSON.stringify(down.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|localhost/);
  expect((await fetch(`${base()}/readyz`)).status).toBe(503);

  works = platform.works = await platform.startWorks(worksPort);
  const up = await graphqlRequest(gateway.url, `{ works(first: 1) { totalCount } }`);
  expect(up.body.errors).toBeUndefined();
  expect(up.body.data.works.totalCount).toBeGreaterThanOrEqual(600);
});

describe('the README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const payloads = [...readme.matchAll(/-d '(\{"query":.*\})'/g)].map((m) => JSON.parse(m[1]!) as { query: string });

  it('has at least five journalist queries and the write examples', () => {
    expect(payloads.filter((p) => !p.query.startsWith('mutation')).length).toBeGreaterThanOrEqual(5);
    expect(payloads.filter((p) => p.query.startsWith('mutation')).length).toBeGreaterThanOrEqual(2);
  });

  it('runs every example, in order, without errors and with data', async () => {
    let trackingCode = '';
    for (const payload of payloads) {
      const query = payload.query.replace('HYO-XXXX-XXXX-XXXX', trackingCode);
      const headers: Record<string, string> = query.includes('createWork') ? { authorization: `Bearer ${await issueOfficialToken(TOKEN_SECRET, 'GOP', 'readme')}` } : {};
      const r = await graphqlRequest(gateway.url, query, undefined, headers);
      expect({ query: query.slice(0, 80), errors: r.body.errors }).toEqual({ query: query.slice(0, 80), errors: undefined });
      const json = JSON.stringify(r.body.data);
      expect(json).not.toMatch(/:null\}*$|"totalCount":0\b/);
      trackingCode = r.body.data.submitRequest?.trackingCode ?? trackingCode;
    }
    expect(trackingCode).toMatch(/^HYO-/);
  });
});
