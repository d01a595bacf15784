/**
 * The importer against a gateway whose agency write budget is tiny (2 batches per 2-second window):
 * it waits for each window to reset and sends the same batch again, and ends with exact counts and
 * nothing written twice. The gateway records each refusal.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type PlatformProcess, type TestDatabase, createTestDatabase, startPlatformProcess } from '@articula/common/testing';
import { ApiKeyStore } from '@articula/gateway';

const CLI = path.join(new URL('../../', import.meta.url).pathname, 'importer/dist/cli.js');
const ROWS = 500;

let db: TestDatabase;
let platform: PlatformProcess;
let dir: string;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('importer_rate');
  dir = await mkdtemp(path.join(os.tmpdir(), 'articula-import-rate-'));
  platform = await startPlatformProcess({
    DATABASE_URL: db.url, GATEWAY_PORT: '0', WORKS_PORT: '0', PARTICIPATION_PORT: '0', BUDGET_PORT: '0', PORTAL: 'off', LOG_LEVEL: 'warn',
    RATE_LIMIT_WINDOW_SECONDS: '2', RATE_LIMITS: 'agency.write=2',
  });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
}, 120_000);

afterAll(async () => {
  await client?.end();
  await platform?.stop();
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

it('waits out the rate limit and imports every row exactly once', async () => {
  const agencies: any = await (await fetch(platform.urls.gateway, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ agencies { id acronym } }' }) })).json();
  const agencyId = agencies.data.agencies.find((a: any) => a.acronym === 'PVD').id;
  const store = await ApiKeyStore.open(db.url);
  const key = (await store.create({ agencyId, label: 'rate test', scopes: ['interventions:write'] })).key;
  await store.close();

  const file = path.join(dir, 'obras.jsonl');
  const row = (i: number) => ({ externalId: `RL-${i}`, kind: 'WORK', title: `Mejoramiento del camino vecinal, tramo ${i}`, sector: 'TRANSPORT', status: 'PLANNED', districts: ['120124'], investmentCost: '150000.00' });
  await writeFile(file, `${Array.from({ length: ROWS }, (_, i) => JSON.stringify(row(i + 1))).join('\n')}\n`);

  const child = spawn(process.execPath, [CLI, '--file', file, '--key', key, '--url', platform.urls.gateway, '--batch', '100', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
  expect(JSON.parse(stdout)).toMatchObject({ totalRows: ROWS, created: ROWS, rejected: 0 });
  expect(stderr).toContain('límite de envíos alcanzado');
  const works = await client.query(`select count(*)::int as n, count(distinct external_id)::int as distinct_ids from works.work where external_id like 'RL-%'`);
  expect(works.rows[0]).toEqual({ n: ROWS, distinct_ids: ROWS });
  const refusals = await client.query(`select sum(attempts)::int as n from gateway.refused_attempt where reason = 'RATE_LIMITED' and subject like 'key:%'`);
  expect(refusals.rows[0].n).toBeGreaterThanOrEqual(1);
}, 120_000);
