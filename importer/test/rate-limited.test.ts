/**
 * The importer against a gateway whose agency write budget is tiny (2 batches per 2-second window):
 * it waits for each window to reset and sends the same batch again, and ends with exact counts and
 * nothing written twice. The gateway records each refusal.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type ImportPlatform, startImportPlatform } from './support.js';

const CLI = path.join(new URL('../../', import.meta.url).pathname, 'importer/dist/cli.js');
const ROWS = 500;

let p: ImportPlatform;

beforeAll(async () => {
  p = await startImportPlatform('importer_rate', 'PVD', { RATE_LIMIT_WINDOW_SECONDS: '2', RATE_LIMITS: 'agency.write=2' });
}, 120_000);

afterAll(() => p?.stop());

it('waits out the rate limit and imports every row exactly once', async () => {
  const file = path.join(p.dir, 'obras.jsonl');
  const row = (i: number) => ({ externalId: `RL-${i}`, kind: 'WORK', title: `Mejoramiento del camino vecinal, tramo ${i}`, sector: 'TRANSPORT', status: 'PLANNED', districts: ['120124'], investmentCost: '150000.00' });
  await writeFile(file, `${Array.from({ length: ROWS }, (_, i) => JSON.stringify(row(i + 1))).join('\n')}\n`);

  const child = spawn(process.execPath, [CLI, '--file', file, '--key', p.key, '--url', p.gatewayUrl, '--batch', '100', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
  expect(JSON.parse(stdout)).toMatchObject({ totalRows: ROWS, created: ROWS, rejected: 0 });
  expect(stderr).toContain('límite de envíos alcanzado');
  const works = await p.client.query(`select count(*)::int as n, count(distinct external_id)::int as distinct_ids from works.work where external_id like 'RL-%'`);
  expect(works.rows[0]).toEqual({ n: ROWS, distinct_ids: ROWS });
  const refusals = await p.client.query(`select sum(attempts)::int as n from gateway.refused_attempt where reason = 'RATE_LIMITED' and subject like 'key:%'`);
  expect(refusals.rows[0].n).toBeGreaterThanOrEqual(1);
}, 120_000);
