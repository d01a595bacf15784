/** Start-up problems a person can fix end in one clear line, not a stack trace. */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DatabaseStartError, freePort, startDatabase } from '../src/database.js';
import { ConfigError, parseEnv } from '../src/env.js';
import { nodeVersionProblem } from '../src/node-guard.js';

it('the Node guard accepts 24 and refuses 20 with a message saying what to do', () => {
  expect(nodeVersionProblem('24.11.0')).toBeUndefined();
  expect(nodeVersionProblem('20.20.2')).toMatch(/needs Node 24.*npm/);
});

it('configuration errors name every bad variable', () => {
  const shape = { PORT: z.coerce.number().int().max(65535), URL: z.string().url() };
  expect(() => parseEnv(shape, { PORT: '99999', URL: 'nope' })).toThrow(ConfigError);
  try {
    parseEnv(shape, { PORT: '99999', URL: 'nope' });
  } catch (error) {
    expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'URL']);
  }
});

it('uses DATABASE_URL as given and starts nothing', async () => {
  const db = await startDatabase({ databaseUrl: 'postgres://u:p@db.example:5432/x', port: 1, dataDir: '/nonexistent' });
  expect(db).toMatchObject({ url: 'postgres://u:p@db.example:5432/x', embedded: false });
});

describe('embedded PostgreSQL', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'articula-startup-'));
    await chmod(dir, 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('says which port is busy and what to do', async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      const attempt = startDatabase({ port, dataDir: path.join(dir, 'busy') });
      await expect(attempt).rejects.toThrow(DatabaseStartError);
      await expect(attempt).rejects.toThrow(new RegExp(`Port ${port} is busy.*PG_PORT`));
    } finally {
      blocker.close();
    }
  });

  it('says the data directory is locked by a running PostgreSQL', async () => {
    const dataDir = path.join(dir, 'locked');
    await mkdir(dataDir, { recursive: true });
    // A postmaster.pid naming a live process (this one) is what a running server leaves.
    await writeFile(path.join(dataDir, 'postmaster.pid'), `${process.pid}\n${dataDir}\n`);
    await expect(startDatabase({ port: await freePort(), dataDir })).rejects.toThrow(/is in use by PostgreSQL process \d+.*DATA_DIR/);
  });

  it('starts, serves and stops a real server, reusing its data on the next start', async () => {
    const dataDir = path.join(dir, 'real');
    const port = await freePort();
    const first = await startDatabase({ port, dataDir });
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query('create table kept (x int); insert into kept values (42)');
    await client.end();
    await first.stop();
    const second = await startDatabase({ port, dataDir });
    const again = new pg.Client({ connectionString: second.url });
    await again.connect();
    expect((await again.query('select x from kept')).rows).toEqual([{ x: 42 }]);
    await again.end();
    await second.stop();
    await expect(new Promise((resolve, reject) => net.connect(port, '127.0.0.1').on('connect', resolve).on('error', reject))).rejects.toThrow();
  });
});
