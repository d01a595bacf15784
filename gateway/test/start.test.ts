/**
 * The platform as `npm start` runs it (scripts/start.mjs on the built packages): it answers the
 * issue's query at the gateway, and Ctrl-C (SIGINT to the whole process group, as a terminal
 * sends it) leaves no PostgreSQL behind.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@articula/common';
import { graphqlRequest, startPlatformProcess } from '@articula/common/testing';

const root = new URL('../../', import.meta.url).pathname;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'articula-start-'));
  await chmod(dir, 0o755);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const postgresOf = (dataDir: string) => {
  try {
    return execFileSync('pgrep', ['-f', `postgres -D ${dataDir}`], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
};

it.each([
  ['Ctrl-C (SIGINT to the process group)', (pid: number) => process.kill(-pid, 'SIGINT')],
  // Only the node process is told: PostgreSQL stops because start.mjs stops it, not by the signal.
  ['SIGTERM to the node process alone', (pid: number) => process.kill(pid, 'SIGTERM')],
])('starts everything, answers the works query, and stops PostgreSQL on %s', async (label, signal) => {
  const dataDir = path.join(dir, label.replace(/\W+/g, '-'));
  const env = { DATABASE_URL: '', DATA_DIR: dataDir, PG_PORT: String(await freePort()), GATEWAY_PORT: '0', WORKS_PORT: '0', LOG_LEVEL: 'warn', PORTAL: 'off' }; // the portal's own tests cover it
  const { child, exited, output: out, urls: { gateway: url } } = await startPlatformProcess(env, { detached: true });
  const output = out();
  expect(output).toMatch(/embedded PostgreSQL on port/);
  const r = await graphqlRequest(url, `{ works(first: 5) { totalCount edges { node { title status districts { name } executor { name level } } } } }`);
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data.works.totalCount).toBeGreaterThanOrEqual(600);
  const p = await graphqlRequest(url, `{ districts { name organizations { totalCount } requestStats { medianDaysToResolve } } }`);
  expect(p.body.errors).toBeUndefined();
  expect(p.body.data.districts.filter((d: any) => d.organizations.totalCount > 0)).toHaveLength(28);
  expect(output).toMatch(/✓ participation subgraph/);
  const b = await graphqlRequest(url, `{ participatoryBudget(year: 2026) { ceiling proposals(first: 3) { edges { node { rank funded } } } } works(first: 3) { edges { node { financialProgress } } } }`);
  expect(b.body.errors).toBeUndefined();
  expect(output).toMatch(/✓ budget subgraph/);
  expect(postgresOf(dataDir)).not.toBe('');

  const urls = [...output.matchAll(/(?:gateway\)|subgraph)\s+(http:\/\/\S+)/g)].map((m) => m[1]!);
  expect(urls).toHaveLength(4);
  signal(child.pid!);
  expect(await exited).toBe(0);
  expect(postgresOf(dataDir)).toBe('');
  // No child process outlives the platform: every port it used is closed.
  for (const u of urls) await expect(fetch(u, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
});

it('ends with one line saying what to do when the gateway port is busy, and leaves no PostgreSQL', async () => {
  const net = await import('node:net');
  const blocker = net.createServer();
  const busy = await freePort();
  await new Promise<void>((r) => blocker.listen(busy, '127.0.0.1', r));
  const dataDir = path.join(dir, 'busy-port');
  try {
    const env = { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PG_PORT: String(await freePort()), GATEWAY_PORT: String(busy), WORKS_PORT: '0', LOG_LEVEL: 'warn' };
    const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([`Port ${busy} is busy. Stop what holds it, or set GATEWAY_PORT to a free port.`]);
    expect(postgresOf(dataDir)).toBe('');
  } finally {
    blocker.close();
  }
});
