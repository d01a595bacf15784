/** The participation subgraph as its own process (npm start runs it this way). */
import 'reflect-metadata';
import { databaseTimeouts, runService, startWithDatabase } from '@articula/common';
import { loadParticipationEnv } from './env.js';
import { startParticipationService } from './server.js';

await runService('participation subgraph', 'PARTICIPATION_PORT', () => {
  const env = loadParticipationEnv();
  return startWithDatabase(env, (databaseUrl) =>
    startParticipationService({
      databaseUrl, appDatabaseUrl: env.PARTICIPATION_APP_DATABASE_URL, databaseRoleSecret: env.DATABASE_ROLE_SECRET,
      port: env.PARTICIPATION_PORT, host: env.PARTICIPATION_HOST, identitySigningKey: env.IDENTITY_SIGNING_KEY, poolMax: env.DB_POOL_MAX, databaseTimeouts: databaseTimeouts(env),
      demo: env.DEMO_DATA, demoScale: env.DEMO_SCALE,
      config: { triageDepartment: env.REQUEST_TRIAGE_DEPARTMENT, deadlineDays: env.REQUEST_DEADLINES },
      overdueCheckIntervalMs: env.OVERDUE_CHECK_SECONDS * 1000,
    }));
});
