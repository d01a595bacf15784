/** The works subgraph as its own process (npm start runs it this way). */
import 'reflect-metadata';
import path from 'node:path';
import { runService, startDatabase } from '@articula/common';
import { loadWorksEnv } from './env.js';
import { startWorksService } from './server.js';

await runService('works subgraph', 'WORKS_PORT', async () => {
  const env = loadWorksEnv();
  const db = await startDatabase({ databaseUrl: env.DATABASE_URL, port: env.PG_PORT, dataDir: env.DATA_DIR ?? path.resolve('.data/postgres') });
  try {
    const service = await startWorksService({
      databaseUrl: db.url, port: env.WORKS_PORT, host: env.WORKS_HOST, identitySigningKey: env.IDENTITY_SIGNING_KEY,
      demo: env.DEMO_DATA, demoScale: env.DEMO_SCALE, poolMax: env.DB_POOL_MAX,
    });
    return { url: service.url, stop: async () => { await service.close(); await db.stop(); } };
  } catch (error) {
    await db.stop();
    throw error;
  }
});
