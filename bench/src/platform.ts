/**
 * The platform under test, one process per part as `npm start` runs it: an embedded PostgreSQL
 * (with pg_stat_statements), the works, participation and budget subgraphs and the gateway, each
 * started through serve.ts on free ports; and, beside it, Hive Gateway serving the same public
 * supergraph against the same subgraphs. The load comes from the benchmark's own process.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, freePort } from '@articula/common';
import { ApiKeyStore, findAgency } from '@articula/gateway';
import { type Child, readyLine, startChild, waitForHttp } from './children.js';
import type { ServeSpec } from './serve.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
const SERVE = path.join(here, 'serve.js');
const childEnv = () => ({ ...process.env, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn' });

export async function serve(name: string, spec: ServeSpec, timeoutMs: number): Promise<{ child: Child; url: string }> {
  const child = startChild(name, process.execPath, [SERVE, JSON.stringify(spec)], { env: childEnv() });
  try {
    const { url } = await readyLine<{ url: string }>(child, timeoutMs);
    return { child, url };
  } catch (error) {
    await child.stop(2_000);
    throw error;
  }
}

export interface Database {
  child: Child;
  /** The administrator's URL of the `articula_bench` database. */
  url: string;
  /** The administrator's URL of another database on the same server (created when missing). */
  database(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchDatabase(dataDir: string): Promise<Database> {
  const { child, url } = await serve('postgres', { role: 'database', port: await freePort(), dataDir, database: 'articula_bench', statStatements: true }, 60_000);
  return {
    child,
    url,
    database: (name) => ensureDatabase(url, name),
    stop: () => child.stop(20_000),
  };
}

export interface Platform {
  databaseUrl: string;
  urls: { gateway: string; works: string; participation: string; budget: string };
  children: { gateway: Child; works: Child; participation: Child; budget: Child };
  /** Seconds each part took to start (migrations and seeding included). */
  startSeconds: Record<string, number>;
  stop(): Promise<void>;
}

/** The three subgraphs (seeded at `demoScale` when their schemas are empty) and the gateway, on `databaseUrl`. */
export async function startPlatform(databaseUrl: string, demoScale: number, options: { label?: string; rateLimit?: boolean } = {}): Promise<Platform> {
  const label = options.label ?? '';
  const started: Child[] = [];
  const startSeconds: Record<string, number> = {};
  const timed = async (name: string, spec: ServeSpec, timeoutMs: number) => {
    const t = performance.now();
    const s = await serve(`${name}${label}`, spec, timeoutMs);
    started.push(s.child);
    startSeconds[name] = (performance.now() - t) / 1000;
    return s;
  };
  // Seeding grows with the scale: a generous bound per part.
  const bound = 120_000 * Math.max(1, demoScale);
  try {
    const works = await timed('works', { role: 'works', databaseUrl, port: 0, demoScale }, bound);
    const participation = await timed('participation', { role: 'participation', databaseUrl, port: 0, demoScale }, bound);
    const budget = await timed('budget', { role: 'budget', databaseUrl, port: 0, demoScale, worksUrl: works.url, participationUrl: participation.url }, bound);
    const subgraphUrls = { works: works.url, participation: participation.url, budget: budget.url };
    const gateway = await timed('gateway', { role: 'gateway', databaseUrl, port: 0, subgraphUrls, rateLimit: options.rateLimit }, 60_000);
    return {
      databaseUrl,
      urls: { gateway: gateway.url, ...subgraphUrls },
      children: { gateway: gateway.child, works: works.child, participation: participation.child, budget: budget.child },
      startSeconds,
      stop: async () => {
        for (const c of [...started].reverse()) await c.stop();
      },
    };
  } catch (error) {
    for (const c of [...started].reverse()) await c.stop(2_000);
    throw error;
  }
}

/**
 * Hive Gateway (`hive-gateway supergraph`) on the committed public supergraph, its subgraph URLs
 * rewritten to the running subgraphs (a copy in `dir`).
 */
export async function startHiveGateway(urls: Platform['urls'], dir: string): Promise<{ child: Child; url: string }> {
  let sdl = readFileSync(path.join(ROOT, 'gateway/supergraph.public.graphql'), 'utf8');
  for (const [name, url] of Object.entries(urls)) {
    if (name === 'gateway') continue;
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${url}$2`);
  }
  const file = path.join(dir, 'supergraph.hive.graphql');
  writeFileSync(file, sdl);
  const port = await freePort();
  const bin = path.join(ROOT, 'node_modules/@graphql-hive/gateway/dist/bin.js');
  const child = startChild('hive-gateway', process.execPath, [bin, 'supergraph', file, '--host', '127.0.0.1', '--port', String(port)], {
    cwd: dir, env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthcheck`, 60_000, child);
    return { child, url: `http://127.0.0.1:${port}/graphql` };
  } catch (error) {
    await child.stop(2_000);
    throw error;
  }
}

/** POSTs a GraphQL request and returns the parsed body (throws on HTTP errors or GraphQL errors unless `allowErrors`). */
export async function graphql<T = any>(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (!response.ok || body.errors?.length) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data as T;
}

/** Creates an API key for an agency (by acronym; the municipality when omitted), as `npm run api-key -- create` does. */
export async function createApiKey(gatewayUrl: string, databaseUrl: string, scope: 'interventions:write' | 'bulk:read', acronym?: string): Promise<{ key: string; agencyId: string }> {
  const agency = await findAgency(gatewayUrl, acronym);
  const store = await ApiKeyStore.open(databaseUrl);
  try {
    const { key } = await store.create({ agencyId: agency.id, label: `bench ${scope}`, scopes: [scope], expiresAt: new Date(Date.now() + 6 * 3_600_000) });
    return { key, agencyId: agency.id };
  } finally {
    await store.close();
  }
}
