/** The gateway as its own process (npm start runs it this way). */
import { runService } from '@articula/common';
import { loadGatewayEnv } from './env.js';
import { startGateway } from './server.js';

await runService('gateway', 'GATEWAY_PORT', async () => {
  const env = loadGatewayEnv();
  const gateway = await startGateway({
    port: env.GATEWAY_PORT,
    host: env.GATEWAY_HOST,
    subgraphUrls: { works: env.WORKS_URL, participation: env.PARTICIPATION_URL, budget: env.BUDGET_URL },
    tokenSecret: env.AUTH_TOKEN_SECRET,
    identitySigningKey: env.IDENTITY_SIGNING_KEY,
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    gatewayTimeoutMs: env.GATEWAY_TIMEOUT_MS,
    subgraphProbe: { intervalMs: env.SUBGRAPH_PROBE_INTERVAL_MS, timeoutMs: env.SUBGRAPH_PROBE_TIMEOUT_MS },
    databaseUrl: env.DATABASE_URL || undefined,
    rateLimits: env.RATE_LIMIT === 'off' ? false : { windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS, limits: env.RATE_LIMITS, exempt: env.RATE_LIMIT_EXEMPT },
    trustProxy: env.TRUST_PROXY,
    databaseRoleSecret: env.DATABASE_ROLE_SECRET,
    appDatabaseUrl: env.GATEWAY_APP_DATABASE_URL,
  });
  return { url: gateway.url, stop: () => gateway.close() };
});
