/**
 * The gateway's query limits and rate limits over real HTTP, on the demo platform. Each limit at its
 * boundary: the limit passes and answers data; one more is refused with 400 and its code, and no
 * subgraph is called for it (so no SQL runs), nor is it charged. The rate limit is shared by two
 * gateway instances on one database; refusals (rate limited, bad key, forbidden) are recorded.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { graphqlRequest, subscribe } from '@articula/common/testing';
import { getIntrospectionQuery } from 'graphql';
import pg from 'pg';
import { ApiKeyStore } from '../src/api-keys.js';
import { issueOfficialToken } from '../src/auth.js';
import { type RunningGateway, startGateway } from '../src/server.js';
import { aliased, atAnonymousLimit, atAuthenticatedLimit, directed, nested, ofLength, oneMore, page, withTokens } from './limit-queries.js';
import { IDENTITY_KEY, type Platform, TOKEN_SECRET, startPlatform } from './platform.js';

let platform: Platform;
let official: Record<string, string>;
let agencyKey: Record<string, string>;
let sql: pg.Pool;

beforeAll(async () => {
  // Rate limits far away, so that only the query limits speak in the first tests.
  platform = await startPlatform('admission_test', { gateway: { rateLimits: { limits: { anonymous: { read: 10_000_000, write: 1_000 } } } } });
  official = { authorization: `Bearer ${await issueOfficialToken(TOKEN_SECRET, 'GDU', 'admission-test')}` };
  const keys = await ApiKeyStore.open(platform.db.url);
  const agency = (await graphqlRequest(platform.gateway.url, '{ agencies { id acronym } }')).body.data.agencies.find((a: any) => a.acronym === 'GRJ');
  agencyKey = { 'x-api-key': (await keys.create({ agencyId: agency.id, label: 'admission test', scopes: ['interventions:write'] })).key };
  await keys.close();
  sql = new pg.Pool({ connectionString: platform.db.url, max: 2 });
}, 120_000);
afterAll(async () => {
  await sql?.end();
  await platform?.stop();
});

/** GraphQL requests the three subgraphs have served so far. */
async function subgraphRequests(): Promise<number> {
  let total = 0;
  for (const service of [platform.works, platform.participation, platform.budget]) {
    total += ((await (await fetch(new URL('/subscriptions', service.url))).json()) as { requests: number }).requests;
  }
  return total;
}

const chargedPoints = async () => Number((await sql.query('select coalesce(sum(points), 0) as p from gateway.rate_bucket')).rows[0].p);

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(platform.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

describe('query limits at their boundaries', () => {
  const anonymous = {};
  const cases: Array<[string, () => Record<string, string>, string, string, string, number]> = [
    ['depth (anonymous)', () => anonymous, nested(8), nested(9), 'QUERY_TOO_DEEP', 8],
    ['depth (official)', () => official, nested(10), nested(11), 'QUERY_TOO_DEEP', 10],
    ['aliases', () => anonymous, aliased(15), aliased(16), 'TOO_MANY_ALIASES', 15],
    ['directives', () => anonymous, directed(10), directed(11), 'TOO_MANY_DIRECTIVES', 10],
    ['tokens (anonymous)', () => anonymous, withTokens(1_000), withTokens(1_001), 'TOO_MANY_TOKENS', 1_000],
    ['tokens (agency key)', () => agencyKey, withTokens(2_000), withTokens(2_001), 'TOO_MANY_TOKENS', 2_000],
    ['document size', () => anonymous, ofLength(15_000), ofLength(15_001), 'DOCUMENT_TOO_LARGE', 15_000],
    ['page size', () => anonymous, page(100), page(101), 'PAGE_SIZE_EXCEEDED', 100],
    ['cost (anonymous)', () => anonymous, atAnonymousLimit, oneMore(atAnonymousLimit), 'QUERY_TOO_COSTLY', 1_000],
    ['cost (agency key)', () => agencyKey, atAuthenticatedLimit, oneMore(atAuthenticatedLimit), 'QUERY_TOO_COSTLY', 5_000],
  ];

  it.each(cases)('%s: the limit is answered, one more is refused before any subgraph or SQL', async (_name, headers, atLimit, over, code, limit) => {
    const passed = await post({ query: atLimit }, headers());
    expect(passed.status).toBe(200);
    expect(passed.body.errors).toBeUndefined();
    expect(passed.body.data).toBeTruthy();

    const [requestsBefore, pointsBefore] = [await subgraphRequests(), await chargedPoints()];
    const refused = await post({ query: over }, headers());
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors[0].extensions).toMatchObject({ code, limit, actual: expect.any(Number) });
    expect(refused.body.errors[0].extensions.actual).toBeGreaterThan(limit);
    expect(await subgraphRequests()).toBe(requestsBefore);
    expect(await chargedPoints()).toBe(pointsBefore);
  });

  it('measures GET requests the same way', async () => {
    const url = (query: string) => `${platform.gateway.url}?query=${encodeURIComponent(query)}`;
    const ok = await fetch(url(page(100)), { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
    const refused = await fetch(url(page(101)), { headers: { 'apollo-require-preflight': 'true' } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('PAGE_SIZE_EXCEEDED');
  });

  it('keeps introspection open to anonymous callers (the schema is the documentation)', async () => {
    const r = await post({ query: getIntrospectionQuery() });
    expect(r.status).toBe(200);
    expect(r.body.data.__schema.queryType.name).toBe('Query');
  });

  it('accepts a request body of 1 MB and refuses one byte more with REQUEST_TOO_LARGE', async () => {
    const body = (size: number) => {
      const skeleton = JSON.stringify({ query: '{ departments { code } }', variables: { pad: '' } });
      return skeleton.replace('"pad":""', `"pad":"${'x'.repeat(size - skeleton.length)}"`);
    };
    expect(body(1_048_576)).toHaveLength(1_048_576);
    const accepted = await post(body(1_048_576));
    expect(accepted.status).toBe(200);
    expect(accepted.body.data.departments.length).toBeGreaterThan(0);
    const before = await subgraphRequests();
    const refused = await post(body(1_048_577));
    expect(refused.status).toBe(413);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'REQUEST_TOO_LARGE', limit: 1_048_576 });
    expect(await subgraphRequests()).toBe(before);
  });

  it('refuses batches from anonymous callers and bounds them for known ones', async () => {
    const operation = { query: '{ departments { code } }' };
    const before = await subgraphRequests();
    const anonymousBatch = await post([operation, operation]);
    expect(anonymousBatch.status).toBe(400);
    expect(anonymousBatch.body.errors[0].extensions.code).toBe('BATCHING_NOT_ALLOWED');
    expect(await subgraphRequests()).toBe(before);

    const batch = await post([operation, { query: '{ districts { ubigeo } }' }], official);
    expect(batch.status).toBe(200);
    expect(batch.body).toHaveLength(2);
    expect(batch.body[1].data.districts.length).toBeGreaterThan(20);

    const tooMany = await post(Array.from({ length: 11 }, () => operation), official);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].extensions).toMatchObject({ code: 'BATCH_TOO_LARGE', limit: 10, actual: 11 });
    // Each operation of a batch is checked on its own.
    const hidden = await post([operation, { query: nested(11) }], official);
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', index: 1 });
  });

  it('keeps CSRF prevention on: requests a browser could send cross-site without a preflight are refused', async () => {
    const before = await subgraphRequests();
    const plain = await fetch(platform.gateway.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ departments { code } }' }) });
    expect(plain.status).toBe(400);
    expect(await plain.text()).toMatch(/CSRF/i);
    const get = await fetch(`${platform.gateway.url}?query=${encodeURIComponent('{ departments { code } }')}`);
    expect(get.status).toBe(400);
    expect(await subgraphRequests()).toBe(before);
  });

  it('applies the same limits to subscriptions', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: __typename`).join(' ');
    const subscription = subscribe(platform.gateway.url, `subscription { workChanged { ${aliases} } }`);
    try {
      expect((await subscription.next()).errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_ALIASES', limit: 15, actual: 16 });
    } finally {
      await subscription.close();
    }
  });
});

describe('persisted queries', () => {
  it('measures a document sent by hash alone against the caller who sends it, not the one who registered it', async () => {
    // An agency's key may go one level deeper than anonymous callers: it registers the query (text and hash).
    const query = nested(9);
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const registered = await post({ query, extensions: { persistedQuery } }, agencyKey);
    expect(registered.status).toBe(200);
    expect(registered.body.errors).toBeUndefined();
    // The same hash, no text: the pre-check has nothing to measure, and Apollo's plugin measures the stored document.
    const byHash = await post({ extensions: { persistedQuery } });
    expect(byHash.status).toBe(400);
    expect(byHash.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: 8, actual: 9 });
    // The agency itself, by hash: within its own profile.
    expect((await post({ extensions: { persistedQuery } }, agencyKey)).body.errors).toBeUndefined();
  });
});

describe('rate limits across two gateway instances', () => {
  let second: RunningGateway;
  let third: RunningGateway;
  const rateLimits = { windowSeconds: 3_600, limits: { anonymous: { read: 100, write: 2 } } };

  beforeAll(async () => {
    const common = {
      port: 0, tokenSecret: TOKEN_SECRET, identitySigningKey: IDENTITY_KEY, databaseUrl: platform.db.url, rateLimits,
      subgraphUrls: { works: platform.works.url, participation: platform.participation.url, budget: platform.budget.url },
    };
    second = await startGateway(common);
    third = await startGateway(common);
  });
  afterAll(async () => {
    await second?.close();
    await third?.close();
  });

  it('share one budget of cost points per address, answer 429 RATE_LIMITED with the reset time, and record the refusal', async () => {
    // The first tests' charges (60 s windows, from the first gateway) must not count here: at the top of an hour their window starts with this one's.
    await sql.query('delete from gateway.rate_bucket');
    // departments 1 + 10 × (responsibleOfficial 0 + …): cost 11 per request; 100 points allow 9.
    const query = '{ departments { code responsibleOfficial { name } } }';
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) {
      last = await fetch((i % 2 ? second : third).url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      statuses.push(last.status);
      if (last.status === 200) expect(Number(last.headers.get('ratelimit-remaining'))).toBe(100 - 11 * (statuses.length));
      else break;
    }
    expect(statuses).toEqual([...Array(9).fill(200), 429]);
    const body = (await last!.json()) as any;
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Date.parse(body.errors[0].extensions.resetAt)).toBeGreaterThan(Date.now());
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    const refusals = (await sql.query(`select subject, reason, attempts from gateway.refused_attempt where reason = 'RATE_LIMITED'`)).rows;
    expect(refusals).toEqual([{ subject: 'ip:127.0.0.1', reason: 'RATE_LIMITED', attempts: 1 }]);
  });

  it('count writes apart: the third anonymous mutation is refused while reads have budget left', async () => {
    await sql.query('delete from gateway.rate_bucket');
    const submit = `mutation { submitRequest(input: { kind: NEED, category: ROADS_AND_TRANSPORT, district: "120101", description: "Bache grande en la avenida principal" }) { trackingCode } }`;
    const before = (await sql.query('select count(*)::int as n from participation.citizen_request')).rows[0].n;
    const results = [];
    for (const gateway of [second, third, second]) results.push(await graphqlRequest(gateway.url, submit));
    expect(results.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(results[2]!.body.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 2 });
    expect((await sql.query('select count(*)::int as n from participation.citizen_request')).rows[0].n).toBe(before + 2);
    expect((await graphqlRequest(third.url, '{ departments { code } }')).status).toBe(200);
  });
});

describe('refused attempts', () => {
  const rows = async (reason: string) => (await sql.query(`select subject, attempts, detail from gateway.refused_attempt where reason = $1 order by id`, [reason])).rows;

  it('records a bad key with why, never the key', async () => {
    const badKey = 'artk_0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ';
    const r = await post({ query: '{ departments { code } }' }, { 'x-api-key': badKey });
    expect(r.status).toBe(401);
    const recorded = await rows('UNAUTHENTICATED');
    expect(recorded).toEqual([{ subject: 'ip:127.0.0.1', attempts: 1, detail: { reason: 'unknown' } }]);
    expect(JSON.stringify(recorded)).not.toContain('abcdefghij');
  });

  it('records an operation a subgraph refused as FORBIDDEN, against the caller', async () => {
    // A municipal work of another department than the caller's.
    const works = (await graphqlRequest(platform.gateway.url, '{ works(first: 50) { edges { node { id department { code } } } } }')).body.data.works.edges;
    const other = works.find((e: any) => e.node.department && e.node.department.code !== 'GGA').node.id;
    const token = await issueOfficialToken(TOKEN_SECRET, 'GGA', 'admission-test');
    expect(await rows('FORBIDDEN')).toEqual([]);
    const forbidden = await graphqlRequest(platform.gateway.url, `mutation($w: ID!) { updateWork(id: $w, input: { title: "Cambio indebido" }) { id } }`, { w: other }, { authorization: `Bearer ${token}` });
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await rows('FORBIDDEN')).toEqual([{ subject: 'official:GGA', attempts: 1, detail: { operationName: null, paths: ['updateWork'] } }]);
  });
});
