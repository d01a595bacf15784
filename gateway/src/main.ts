/** Starts the gateway on its own (npm start runs it from scripts/start.mjs). */
import { assertNodeVersion } from '@articula/common';
import { loadGatewayEnv } from './env.js';
import { startGateway } from './server.js';

assertNodeVersion();
const env = loadGatewayEnv();
const gateway = await startGateway({
  port: env.GATEWAY_PORT,
  host: env.GATEWAY_HOST,
  subgraphUrls: { works: env.WORKS_URL },
  tokenSecret: env.AUTH_TOKEN_SECRET,
  identitySigningKey: env.IDENTITY_SIGNING_KEY,
  subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
});
process.stdout.write(`gateway ready at ${gateway.url}\n`);
const stop = async () => {
  await gateway.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
