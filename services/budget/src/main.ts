/** The budget subgraph as its own process (npm start runs it this way, after the other two). */
import 'reflect-metadata';
import path from 'node:path';
import { runService, startDatabase } from '@articula/common';
import { loadBudgetEnv } from './env.js';
import { startBudgetService } from './server.js';

await runService('budget subgraph', 'BUDGET_PORT', async () => {
  const env = loadBudgetEnv();
  const db = await startDatabase({ databaseUrl: env.DATABASE_URL, port: env.PG_PORT, dataDir: env.DATA_DIR ?? path.resolve('.data/postgres') });
  try {
    const service = await startBudgetService({
      databaseUrl: db.url, port: env.BUDGET_PORT, host: env.BUDGET_HOST, identitySigningKey: env.IDENTITY_SIGNING_KEY, poolMax: env.DB_POOL_MAX,
      demo: env.DEMO_DATA && { worksUrl: env.WORKS_URL, participationUrl: env.PARTICIPATION_URL }, demoScale: env.DEMO_SCALE,
      config: { budgetDepartment: env.BUDGET_DEPARTMENT },
    });
    return { url: service.url, stop: async () => { await service.close(); await db.stop(); } };
  } catch (error) {
    await db.stop();
    throw error;
  }
});
