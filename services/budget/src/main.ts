/** The budget subgraph as its own process (npm start runs it this way, after the other two). */
import 'reflect-metadata';
import { databaseTimeouts, runService, startWithDatabase } from '@articula/common';
import { loadBudgetEnv } from './env.js';
import { startBudgetService } from './server.js';

await runService('budget subgraph', 'BUDGET_PORT', () => {
  const env = loadBudgetEnv();
  return startWithDatabase(env, (databaseUrl) =>
    startBudgetService({
      databaseUrl, appDatabaseUrl: env.BUDGET_APP_DATABASE_URL, databaseRoleSecret: env.DATABASE_ROLE_SECRET,
      port: env.BUDGET_PORT, host: env.BUDGET_HOST, identitySigningKey: env.IDENTITY_SIGNING_KEY, poolMax: env.DB_POOL_MAX, databaseTimeouts: databaseTimeouts(env),
      demo: env.DEMO_DATA && { worksUrl: env.WORKS_URL, participationUrl: env.PARTICIPATION_URL }, demoScale: env.DEMO_SCALE,
      config: { budgetDepartment: env.BUDGET_DEPARTMENT },
    }));
});
