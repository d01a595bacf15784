/**
 * Runs in a child process: an embedded PostgreSQL in a temporary folder (or DATABASE_URL), the
 * works subgraph (counting SQL statements) and the gateway, on free ports. Prints its URLs as one
 * JSON line, then serves until killed. The load comes from the parent, so the two do not share
 * an event loop.
 */
import { mkdtemp, chmod, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, startDatabase } from '@articula/common';
import { startGateway } from '@articula/gateway';
import { startBudgetService } from '@articula/budget';
import { startParticipationService } from '@articula/participation';
import { startWorksService } from '@articula/works';

const dir = await mkdtemp(path.join(os.tmpdir(), 'articula-bench-'));
await chmod(dir, 0o755);
const db = await startDatabase({ databaseUrl: process.env.DATABASE_URL, port: await freePort(), dataDir: path.join(dir, 'pg'), database: 'articula_bench' });
const key = 'bench-identity-key-0123456789abcdef0123';
const works = await startWorksService({
  databaseUrl: db.url, port: 0, identitySigningKey: key, demoScale: Number(process.env.BENCH_SCALE ?? 1), exposeSqlStatementCount: true, poolMax: 20,
});
const participation = await startParticipationService({ databaseUrl: db.url, port: 0, identitySigningKey: key, demoScale: Number(process.env.BENCH_SCALE ?? 1), exposeSqlStatementCount: true });
const budget = await startBudgetService({ databaseUrl: db.url, port: 0, identitySigningKey: key, demo: { worksUrl: works.url, participationUrl: participation.url }, demoScale: Number(process.env.BENCH_SCALE ?? 1), exposeSqlStatementCount: true });
const gateway = await startGateway({ port: 0, subgraphUrls: { works: works.url, participation: participation.url, budget: budget.url }, tokenSecret: 'bench-token-secret-0123456789abcdef0123', identitySigningKey: key });
process.stdout.write(`${JSON.stringify({ gateway: gateway.url, works: works.url, database: db.url })}\n`);
const stop = async () => {
  await gateway.close();
  await budget.close();
  await participation.close();
  await works.close();
  await db.stop();
  await rm(dir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
