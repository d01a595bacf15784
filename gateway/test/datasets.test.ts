/**
 * The works dataset through the gateway (GET /datasets/works.csv), on the demo platform: the same
 * bytes as the works subgraph's own export, with the gateway's request id; filters and their
 * refusals pass through; each download is charged to the caller's rate budget (anonymous by
 * address, an agency by key) and refused with 429 once it is spent; a works subgraph that is down
 * gets a 503 instead of a hang; a client that goes away stops the COPY behind it.
 */
import 'reflect-metadata';
import http from 'node:http';
import { capturingStderr, parseCsv } from '@articula/common/testing';
import pg from 'pg';
import { ApiKeyStore } from '../src/api-keys.js';
import { DATASET_READ_COST } from '../src/datasets.js';
import { type Platform, startPlatform } from './platform.js';

let platform: Platform;
let sql: pg.Pool;
let bulk: Record<string, string>;
let keyPrefix: string;
let worksPort: number;

/** Two downloads fit the anonymous budget, a third does not; a window of an hour keeps the test inside one. */
const ANONYMOUS_READ = 2 * DATASET_READ_COST + DATASET_READ_COST / 2;

beforeAll(async () => {
  platform = await startPlatform('datasets_test', { gateway: { rateLimits: { windowSeconds: 3_600, limits: { anonymous: { read: ANONYMOUS_READ } } } } });
  worksPort = platform.works.port;
  sql = new pg.Pool({ connectionString: platform.db.url, max: 2 });
  const { rows } = await sql.query(`select id from works.agency where acronym = 'GRJ'`);
  const keys = await ApiKeyStore.open(platform.db.url);
  const created = await keys.create({ agencyId: rows[0].id, label: 'datasets test', scopes: ['bulk:read'] });
  await keys.close();
  bulk = { authorization: `Bearer ${created.key}` };
  keyPrefix = created.record.prefix;
}, 120_000);
afterAll(async () => {
  await sql?.end();
  await platform?.stop();
});

const gatewayExport = (query = '') => new URL(`/datasets/works.csv${query}`, platform.gateway.url).toString();
const directExport = (query = '') => new URL(`/datasets/works.csv${query}`, platform.works.url).toString();

async function download(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('through the gateway', () => {
  it('is byte for byte the works subgraph\'s own export, with its headers and the gateway\'s request id', async () => {
    const [viaGateway, direct] = [await download(gatewayExport(), bulk), await download(directExport())];
    expect(viaGateway.status).toBe(200);
    expect(viaGateway.bytes.equals(direct.bytes)).toBe(true);
    const rows = parseCsv(viaGateway.bytes.toString('utf8'));
    const { rows: [{ n }] } = await sql.query('select count(*)::int as n from works.work');
    expect(rows).toHaveLength(n + 1);
    expect(viaGateway.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(viaGateway.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(viaGateway.headers.get('content-disposition')).toBe('attachment; filename="obras.csv"');
    expect(viaGateway.headers.get('cache-control')).toBe('public, max-age=60');
    expect(viaGateway.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
  });

  it('passes filters through, and the subgraph\'s refusal of a bad one', async () => {
    const [viaGateway, direct] = [await download(gatewayExport('?district=120124&sector=TRANSPORT'), bulk), await download(directExport('?district=120124&sector=TRANSPORT'))];
    expect(viaGateway.bytes.equals(direct.bytes)).toBe(true);
    expect(viaGateway.headers.get('content-disposition')).toBe('attachment; filename="obras-120124-transport.csv"');

    const refused = await download(gatewayExport('?district=12'), bulk);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.bytes.toString()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'district' });
    expect(refused.headers.get('x-request-id')).toBeTruthy();
  });

  it('stops the COPY behind a download its client drops', async () => {
    // Enough rows (about 5 MB) that the download is far from over when its first chunk arrives.
    await sql.query(`insert into works.work (id, kind, title, sector, executor_id, status)
      select gen_random_uuid(), 'WORK', 'Obra de carga ' || lpad(g::text, 6, '0') || repeat(' con un título largo', 8), 'TRANSPORT', a.id, 'PLANNED'
        from generate_series(1, 20000) g, (select id from works.agency where acronym = 'GRJ') a`);
    const copying = async () => (await sql.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'copy%' and state <> 'idle'`)).rows[0].n;
    const { text: log } = await capturingStderr(async () => {
      await new Promise<void>((resolve, reject) => {
        const request = http.get(gatewayExport(), { headers: bulk }, (response) => {
          response.once('data', () => {
            request.destroy();
            resolve();
          });
        });
        request.on('error', reject);
      });
      const deadline = Date.now() + 10_000;
      while ((await copying()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    });
    expect(await copying()).toBe(0);
    expect(log).toContain('"msg":"dataset download abandoned by the client"');
    expect(log).toContain('"msg":"works dataset export abandoned by the client"');
    expect(log).not.toContain('"level":"error"');
  });
});

describe('rate limit', () => {
  it(`charges each download ${DATASET_READ_COST} points: anonymous callers by address get 429 with Retry-After once the budget is spent, keys have their own`, async () => {
    expect((await download(gatewayExport())).status).toBe(200);
    expect((await download(gatewayExport())).status).toBe(200);
    const refused = await download(gatewayExport());
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-request-id')).toBeTruthy();
    expect(JSON.parse(refused.bytes.toString()).errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: ANONYMOUS_READ, retryAfterSeconds: expect.any(Number) });

    const points = async (subject: string) => (await sql.query('select coalesce(sum(points), 0)::int as p from gateway.rate_bucket where subject = $1', [subject])).rows[0].p;
    expect(await points('ip:127.0.0.1')).toBe(2 * DATASET_READ_COST);
    const keyBefore = await points(`bulk:${keyPrefix}`);
    expect((await download(gatewayExport(), bulk)).status).toBe(200);
    expect(await points(`bulk:${keyPrefix}`)).toBe(keyBefore + DATASET_READ_COST);
  });
});

it('answers 503 SUBGRAPH_UNAVAILABLE when the works subgraph is down, and serves again when it is back', async () => {
  await platform.works.close();
  const down = await download(gatewayExport(), bulk);
  expect(down.status).toBe(503);
  expect(JSON.parse(down.bytes.toString()).errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'works' });
  expect(down.bytes.toString()).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);

  platform.works = await platform.startWorks(worksPort);
  expect((await download(gatewayExport(), bulk)).status).toBe(200);
});
