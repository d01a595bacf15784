/** Starts the works subgraph on its own (npm start runs it from scripts/start.mjs). */
import 'reflect-metadata';
import { assertNodeVersion, startDatabase } from '@articula/common';
import path from 'node:path';
import { loadWorksEnv } from './env.js';
import { startWorksService } from './server.js';

assertNodeVersion();
const env = loadWorksEnv();
const db = await startDatabase({ databaseUrl: env.DATABASE_URL, port: env.PG_PORT, dataDir: env.DATA_DIR ?? path.resolve('.data/postgres') });
const service = await startWorksService({
  databaseUrl: db.url,
  port: env.WORKS_PORT,
  host: env.WORKS_HOST,
  identitySigningKey: env.IDENTITY_SIGNING_KEY,
  demo: env.DEMO_DATA,
  demoScale: env.DEMO_SCALE,
  poolMax: env.DB_POOL_MAX,
});
process.stdout.write(`works subgraph ready at ${service.url}\n`);
const stop = async () => {
  await service.close();
  await db.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
