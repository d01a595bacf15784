// `npm start`: the whole platform in one process on this machine. PostgreSQL (embedded unless
// DATABASE_URL is set), migrations and demo data, the subgraphs, then the gateway. Ctrl-C stops
// everything, PostgreSQL included. Each step's time is printed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
if (existsSync('.env')) process.loadEnvFile('.env');

const { DatabaseStartError, ConfigError, assertNodeVersion, startDatabase } = await import('@articula/common');
assertNodeVersion();
const { startWorksService, loadWorksEnv } = await import('@articula/works');
const { startGateway, loadGatewayEnv } = await import('@articula/gateway');

const t0 = performance.now();
let last = t0;
const step = (label) => {
  const now = performance.now();
  console.log(`  ✓ ${label.padEnd(40)} ${((now - last) / 1000).toFixed(2)} s`);
  last = now;
};

const stoppers = [];
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  for (const fn of stoppers.reverse()) {
    try {
      await fn();
    } catch (error) {
      console.error(`  while stopping: ${error?.message ?? error}`);
    }
  }
  process.exit(code);
}
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

try {
  const worksEnv = loadWorksEnv();
  const gatewayEnv = loadGatewayEnv();
  console.log('Starting Articula');
  const db = await startDatabase({
    databaseUrl: worksEnv.DATABASE_URL,
    port: worksEnv.PG_PORT,
    dataDir: worksEnv.DATA_DIR ?? path.join(root, '.data/postgres'),
  });
  stoppers.push(() => db.stop());
  step(db.embedded ? `embedded PostgreSQL on port ${worksEnv.PG_PORT}` : 'PostgreSQL from DATABASE_URL');

  const works = await startWorksService({
    databaseUrl: db.url,
    port: worksEnv.WORKS_PORT,
    host: worksEnv.WORKS_HOST,
    identitySigningKey: worksEnv.IDENTITY_SIGNING_KEY,
    demo: worksEnv.DEMO_DATA,
    demoScale: worksEnv.DEMO_SCALE,
    poolMax: worksEnv.DB_POOL_MAX,
  });
  stoppers.push(() => works.close());
  step('works subgraph (migrated, seeded)');

  const gateway = await startGateway({
    port: gatewayEnv.GATEWAY_PORT,
    host: gatewayEnv.GATEWAY_HOST,
    subgraphUrls: { works: works.url },
    tokenSecret: gatewayEnv.AUTH_TOKEN_SECRET,
    identitySigningKey: gatewayEnv.IDENTITY_SIGNING_KEY,
    subgraphTimeoutMs: gatewayEnv.SUBGRAPH_TIMEOUT_MS,
  });
  stoppers.push(() => gateway.close());
  step('gateway');

  console.log(`\nArticula is running (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s):`);
  console.log(`  GraphQL API (gateway)   ${gateway.url}`);
  console.log(`  works subgraph          ${works.url}`);
  console.log(`  health                  ${gateway.url.replace('/graphql', '/healthz')}  ${gateway.url.replace('/graphql', '/readyz')}`);
  console.log('Press Ctrl-C to stop.');
} catch (error) {
  if (error instanceof DatabaseStartError || error instanceof ConfigError) {
    console.error(`\n${error.message}`);
  } else if (error?.code === 'EADDRINUSE') {
    console.error(`\nPort ${error.port} is busy. Stop what holds it, or set GATEWAY_PORT / WORKS_PORT to free ports.`);
  } else {
    console.error('\nArticula failed to start:', error);
  }
  await stop(1);
}
