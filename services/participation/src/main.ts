/** The participation subgraph as its own process (npm start runs it this way). */
import 'reflect-metadata';
import path from 'node:path';
import { runService, startDatabase } from '@articula/common';
import { loadParticipationEnv } from './env.js';
import { startParticipationService } from './server.js';

await runService('participation subgraph', 'PARTICIPATION_PORT', async () => {
  const env = loadParticipationEnv();
  const db = await startDatabase({ databaseUrl: env.DATABASE_URL, port: env.PG_PORT, dataDir: env.DATA_DIR ?? path.resolve('.data/postgres') });
  try {
    const service = await startParticipationService({
      databaseUrl: db.url, port: env.PARTICIPATION_PORT, host: env.PARTICIPATION_HOST, identitySigningKey: env.IDENTITY_SIGNING_KEY,
      demo: env.DEMO_DATA, demoScale: env.DEMO_SCALE, poolMax: env.DB_POOL_MAX,
      config: { triageDepartment: env.REQUEST_TRIAGE_DEPARTMENT, deadlineDays: env.REQUEST_DEADLINES },
    });
    return { url: service.url, stop: async () => { await service.close(); await db.stop(); } };
  } catch (error) {
    await db.stop();
    throw error;
  }
});
