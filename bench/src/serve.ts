/**
 * One server of the platform as its own process, as `npm start` runs them, with the options the
 * benchmark needs (SQL statement counts, demo scale, generous rate limits). The parent passes a
 * JSON spec as the only argument; this prints one JSON line `{ "ready": true, "url": … }` when it
 * serves, then serves until SIGTERM or SIGINT, and stops cleanly.
 *
 *   node dist/serve.js '{"role":"works","databaseUrl":"…","port":0,"demoScale":1}'
 */
import { onShutdownSignal, startDatabase } from '@articula/common';
import { startGateway } from '@articula/gateway';
import { startBudgetService } from '@articula/budget';
import { startParticipationService } from '@articula/participation';
import { startWorksService } from '@articula/works';
import pg from 'pg';
import { IDENTITY_KEY, TOKEN_SECRET } from './keys.js';


export type ServeSpec =
  | { role: 'database'; port: number; dataDir: string; database: string; statStatements?: boolean }
  | { role: 'works' | 'participation'; databaseUrl: string; port: number; demoScale: number }
  | { role: 'budget'; databaseUrl: string; port: number; demoScale: number; worksUrl: string; participationUrl: string }
  | { role: 'gateway'; databaseUrl: string; port: number; subgraphUrls: Record<string, string>; rateLimit?: boolean };

const spec = JSON.parse(process.argv[2] ?? '{}') as ServeSpec;
const common = { identitySigningKey: IDENTITY_KEY, exposeSqlStatementCount: true };
// Budgets no workload reaches; the counters are int4 in PostgreSQL, so they must stay below 2^31.
const UNLIMITED = { read: 1_000_000_000, write: 1_000_000_000 };

async function start(): Promise<{ url: string; close(): Promise<void> }> {
  switch (spec.role) {
    case 'database': {
      let db = await startDatabase({ port: spec.port, dataDir: spec.dataDir, database: spec.database });
      if (spec.statStatements) {
        // pg_stat_statements must be preloaded: set it, restart once (the second start takes ~0.1 s).
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        await client.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`);
        await client.query(`alter system set pg_stat_statements.track = 'all'`);
        await client.query(`alter system set pg_stat_statements.track_planning = on`);
        await client.end();
        await db.stop();
        db = await startDatabase({ port: spec.port, dataDir: spec.dataDir, database: spec.database });
        const again = new pg.Client({ connectionString: db.url });
        await again.connect();
        await again.query('create extension if not exists pg_stat_statements');
        await again.end();
      }
      return { url: db.url, close: () => db.stop() };
    }
    case 'works': {
      const s = await startWorksService({ ...common, databaseUrl: spec.databaseUrl, port: spec.port, demoScale: spec.demoScale });
      return { url: s.url, close: () => s.close() };
    }
    case 'participation': {
      const s = await startParticipationService({ ...common, databaseUrl: spec.databaseUrl, port: spec.port, demoScale: spec.demoScale });
      return { url: s.url, close: () => s.close() };
    }
    case 'budget': {
      const s = await startBudgetService({
        ...common, databaseUrl: spec.databaseUrl, port: spec.port, demoScale: spec.demoScale, demo: { worksUrl: spec.worksUrl, participationUrl: spec.participationUrl },
      });
      return { url: s.url, close: () => s.close() };
    }
    case 'gateway': {
      // Rate limits stay on (each request still pays its charge in PostgreSQL, as in production),
      // with budgets no workload reaches.
      const g = await startGateway({
        port: spec.port, subgraphUrls: spec.subgraphUrls, tokenSecret: TOKEN_SECRET, identitySigningKey: IDENTITY_KEY, databaseUrl: spec.databaseUrl,
        rateLimits: spec.rateLimit === false ? false : { limits: { anonymous: UNLIMITED, agency: UNLIMITED, official: UNLIMITED, bulk: UNLIMITED } },
      });
      return { url: g.url, close: () => g.close() };
    }
    default:
      throw new Error(`unknown role in ${process.argv[2]}`);
  }
}

try {
  const server = await start();
  process.stdout.write(`${JSON.stringify({ ready: true, url: server.url })}\n`);
  onShutdownSignal(async () => {
    await server.close().catch((e) => process.stderr.write(`${spec.role}: while stopping: ${(e as Error)?.message ?? e}\n`));
    process.exit(0);
  });
} catch (error) {
  process.stderr.write(`${spec.role} failed to start: ${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
}
