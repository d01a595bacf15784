/** The works subgraph as its own process (npm start runs it this way). */
import 'reflect-metadata';
import { databaseTimeouts, runService, startWithDatabase } from '@articula/common';
import { loadWorksEnv } from './env.js';
import { startWorksService } from './server.js';

await runService('works subgraph', 'WORKS_PORT', () => {
  const env = loadWorksEnv();
  return startWithDatabase(env, (databaseUrl) =>
    startWorksService({
      databaseUrl, appDatabaseUrl: env.WORKS_APP_DATABASE_URL, databaseRoleSecret: env.DATABASE_ROLE_SECRET,
      port: env.WORKS_PORT, host: env.WORKS_HOST, identitySigningKey: env.IDENTITY_SIGNING_KEY, poolMax: env.DB_POOL_MAX, databaseTimeouts: databaseTimeouts(env),
      demo: env.DEMO_DATA, demoScale: env.DEMO_SCALE,
    }));
});
