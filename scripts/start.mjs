// `npm start`: the whole platform on this machine, one process per part as in production.
// This process starts PostgreSQL (embedded unless DATABASE_URL is set) and stops it last; each
// subgraph and then the gateway run as child processes, started in order and waited for until
// ready. Ctrl-C (or SIGTERM) stops them all, PostgreSQL included. Each step's time is printed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
if (existsSync('.env')) process.loadEnvFile('.env');

const { ConfigError, DatabaseStartError, assertNodeVersion, databaseEnvShape, onShutdownSignal, parseEnv, startDatabase } = await import('@articula/common');
assertNodeVersion();

const t0 = performance.now();
let last = t0;
const step = (label) => {
  const now = performance.now();
  console.log(`  ✓ ${label.padEnd(44)} ${((now - last) / 1000).toFixed(2)} s`);
  last = now;
};

const children = [];
let db;
let portal;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  // The gateway first, then the subgraphs, then PostgreSQL.
  for (const child of [...children].reverse()) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
  }
  await portal?.close();
  try {
    await db?.stop();
  } catch (error) {
    console.error(`  while stopping PostgreSQL: ${error?.message ?? error}`);
  }
  process.exit(code);
}
onShutdownSignal(() => stop(0));

/** A free port when the configured one is 0 (tests), so that children can be told where the others are. */
async function resolvePort(value, fallback) {
  const port = value === undefined || value === '' ? fallback : Number(value);
  if (port !== 0) return port;
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
}

/** Starts `node <entry>` and resolves with its URL once `<url>/readyz` answers 200; rejects if it exits first. */
function startChild(name, entry, env, url) {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let done = false;
    child.once('exit', (code) => {
      if (!done) {
        done = true;
        reject(Object.assign(new Error(`${name} exited (${code}) while starting`), { reported: true }));
      } else if (!stopping) {
        console.error(`${name} stopped unexpectedly (exit ${code}); stopping the platform.`);
        stop(1);
      }
    });
    const readyz = new URL('/readyz', url);
    const poll = async () => {
      if (done) return;
      try {
        const response = await fetch(readyz, { signal: AbortSignal.timeout(1000) });
        if (response.ok) {
          done = true;
          return resolve(url);
        }
      } catch {
        // not listening yet
      }
      setTimeout(poll, 100);
    };
    poll();
  });
}

/** A key of scope bulk:read for the municipality's own portal build, valid for an hour at most. */
async function portalBuildKey(gatewayUrl, databaseUrl) {
  const { ApiKeyStore, findAgency } = await import('../gateway/dist/api-keys.js');
  const municipality = await findAgency(gatewayUrl).catch(() => undefined);
  if (!municipality) return undefined;
  // One store for the build: created now, closed once the key is revoked.
  const store = await ApiKeyStore.open(databaseUrl);
  try {
    const { key, record } = await store.create({ agencyId: municipality.id, label: 'portal build (npm start)', scopes: ['bulk:read'], expiresAt: new Date(Date.now() + 3_600_000) });
    return { key, revoke: () => store.revoke(record.prefix).finally(() => store.close()) };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Runs `node <entry>` to completion (its output shown), resolving with its exit code. */
function runChild(name, entry, env) {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

try {
  const dbEnv = parseEnv(databaseEnvShape);
  console.log('Starting Articula');
  db = await startDatabase({ databaseUrl: dbEnv.DATABASE_URL, port: dbEnv.PG_PORT, dataDir: dbEnv.DATA_DIR ?? path.join(root, '.data/postgres') });
  step(db.embedded ? `embedded PostgreSQL on port ${dbEnv.PG_PORT}` : 'PostgreSQL from DATABASE_URL');

  const host = '127.0.0.1';
  const shared = { DATABASE_URL: db.url };
  const worksPort = await resolvePort(process.env.WORKS_PORT, 4001);
  const participationPort = await resolvePort(process.env.PARTICIPATION_PORT, 4002);
  const budgetPort = await resolvePort(process.env.BUDGET_PORT, 4003);
  const gatewayPort = await resolvePort(process.env.GATEWAY_PORT, 4000);
  const worksUrl = `http://${host}:${worksPort}/graphql`;
  const participationUrl = `http://${host}:${participationPort}/graphql`;
  const budgetUrl = `http://${host}:${budgetPort}/graphql`;

  // Each subgraph migrates its own schema and seeds it when empty; they start one after the other.
  await startChild('works subgraph', 'services/works/dist/main.js', { ...shared, WORKS_PORT: String(worksPort), WORKS_HOST: host }, worksUrl);
  step('works subgraph');
  await startChild('participation subgraph', 'services/participation/dist/main.js', { ...shared, PARTICIPATION_PORT: String(participationPort), PARTICIPATION_HOST: host }, participationUrl);
  step('participation subgraph');
  // The budget's demo data builds on the municipality's works and the organizations: it reads them from their APIs.
  await startChild('budget subgraph', 'services/budget/dist/main.js', { ...shared, BUDGET_PORT: String(budgetPort), BUDGET_HOST: host, WORKS_URL: worksUrl, PARTICIPATION_URL: participationUrl }, budgetUrl);
  step('budget subgraph');
  const gatewayUrl = `http://${host}:${gatewayPort}/graphql`;
  await startChild('gateway', 'gateway/dist/main.js', { ...shared, GATEWAY_PORT: String(gatewayPort), GATEWAY_HOST: host, WORKS_URL: worksUrl, PARTICIPATION_URL: participationUrl, BUDGET_URL: budgetUrl }, gatewayUrl);
  step('gateway');

  // The portal: built from the live gateway (the data step, then the pages), then served as static files.
  let portalUrl;
  if (process.env.PORTAL !== 'off') {
    const portalPort = await resolvePort(process.env.PORTAL_PORT, 4321);
    const portalEnv = { GATEWAY_URL: gatewayUrl, PORTAL_PORT: String(portalPort) };
    // The data step copies whole datasets: it gets a key of scope bulk:read (the public API with
    // larger pages and budget), made for this build only and revoked after it.
    const portalKey = process.env.PORTAL_API_KEY ? undefined : await portalBuildKey(gatewayUrl, db.url);
    if (portalKey) portalEnv.PORTAL_API_KEY = portalKey.key;
    const built = await runChild('portal build', 'portal/scripts/build-site.ts', portalEnv).finally(() => portalKey?.revoke());
    if (built === 0) {
      const { serveStatic } = await import('../portal/src/lib/serve.ts');
      const { portalConfig } = await import('../portal/src/lib/export/config.ts');
      portal = await serveStatic(portalConfig({ ...process.env, ...portalEnv }).outDir, { port: portalPort, host });
      portalUrl = portal.url;
      step('portal (data, pages, search index)');
    } else {
      console.error('  ✗ the portal did not build (see above); the API keeps running');
    }
  }

  console.log(`\nArticula is running (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s):`);
  if (portalUrl) console.log(`  Portal (datos abiertos) ${portalUrl}`);
  console.log(`  GraphQL API (gateway)   ${gatewayUrl}`);
  console.log(`  works dataset (CSV)     ${gatewayUrl.replace('/graphql', '/datasets/works.csv')}`);
  console.log(`  works subgraph          ${worksUrl}`);
  console.log(`  participation subgraph  ${participationUrl}`);
  console.log(`  budget subgraph         ${budgetUrl}`);
  console.log(`  health                  ${gatewayUrl.replace('/graphql', '/healthz')}  ${gatewayUrl.replace('/graphql', '/readyz')}`);
  console.log('Press Ctrl-C to stop.');
} catch (error) {
  if (error instanceof DatabaseStartError || error instanceof ConfigError) console.error(error.message);
  else if (!error?.reported) console.error('Articula failed to start:', error);
  await stop(1);
}
