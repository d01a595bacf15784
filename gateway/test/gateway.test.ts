/** End to end: PostgreSQL, the works subgraph and the gateway, over real HTTP. */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { signIdentity } from '@articula/common';
import { type TestDatabase, createTestDatabase, graphqlRequest } from '@articula/common/testing';
import { type WorksService, startWorksService } from '@articula/works';
import { issueOfficialToken } from '../src/auth.js';
import { type RunningGateway, startGateway } from '../src/server.js';

const IDENTITY_KEY = 'gateway-test-identity-key-0123456789abcdef';
const TOKEN_SECRET = 'gateway-test-token-secret-0123456789abcdef';

let db: TestDatabase;
let works: WorksService;
let gateway: RunningGateway;
let worksPort: number;

const startWorks = (port = 0) => startWorksService({ databaseUrl: db.url, port, identitySigningKey: IDENTITY_KEY });

beforeAll(async () => {
  db = await createTestDatabase('gateway_test');
  works = await startWorks();
  worksPort = works.port;
  gateway = await startGateway({ port: 0, subgraphUrls: { works: works.url }, tokenSecret: TOKEN_SECRET, identitySigningKey: IDENTITY_KEY, subgraphTimeoutMs: 2_000 });
});
afterAll(async () => {
  await gateway?.close();
  await works?.close();
  await db?.drop();
});

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

it('is healthy and ready', async () => {
  expect((await fetch(`${base()}/healthz`)).status).toBe(200);
  const ready = await fetch(`${base()}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ status: 'ready', subgraphs: { works: 'ready' } });
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

  works = await startWorks(worksPort);
  const up = await graphqlRequest(gateway.url, `{ works(first: 1) { totalCount } }`);
  expect(up.body.errors).toBeUndefined();
  expect(up.body.data.works.totalCount).toBeGreaterThanOrEqual(600);
});

describe('the README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const payloads = [...readme.matchAll(/-d '(\{"query":.*\})'/g)].map((m) => JSON.parse(m[1]!) as { query: string });

  it('has the five journalist queries and the mutation example', () => {
    expect(payloads.filter((p) => !p.query.startsWith('mutation'))).toHaveLength(5);
    expect(payloads.some((p) => p.query.startsWith('mutation'))).toBe(true);
  });

  it.each(payloads.map((p) => [p.query.slice(0, 60), p] as const))('runs %s… without errors, with data', async (_label, payload) => {
    const headers: Record<string, string> = payload.query.startsWith('mutation')
      ? { authorization: `Bearer ${await issueOfficialToken(TOKEN_SECRET, 'GOP', 'readme')}` }
      : {};
    const r = await graphqlRequest(gateway.url, payload.query, undefined, headers);
    expect(r.body.errors).toBeUndefined();
    const json = JSON.stringify(r.body.data);
    expect(json.length).toBeGreaterThan(50);
    expect(json).not.toMatch(/"totalCount":0\b/);
  });
});
