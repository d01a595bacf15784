/**
 * Test harness shared by every package: a fresh database per test file on the run's PostgreSQL,
 * and a small GraphQL-over-HTTP client. Real servers, real sockets, no mocks.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { IDENTITY_HEADER, type Identity, signIdentity } from '../identity.js';
import type { MikroORM } from '../orm.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.ARTICULA_TEST_ADMIN_URL;
  if (!url) throw new Error('No test PostgreSQL: run the tests through Jest with the shared globalSetup (npm test).');
  return url;
}

export async function createTestDatabase(prefix = 'articula_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      await client.end();
    },
  };
}

export interface GraphQLResponse<D = any> {
  status: number;
  headers: Headers;
  body: { data?: D | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] };
}

export async function graphqlRequest<D = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<D>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: GraphQLResponse<D>['body'];
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`Not a GraphQL response (HTTP ${response.status}): ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body };
}

/** The first error's code, field and reason: what the table-driven tests assert on. */
export function firstError(response: GraphQLResponse) {
  const error = response.body.errors?.[0];
  return { code: error?.extensions?.code, field: error?.extensions?.field, reason: error?.extensions?.reason, message: error?.message };
}

export interface ServiceHarness<S> {
  service: S;
  /** Sends a query as anonymous, or as the given identity, signed as the gateway signs it. */
  query<D = any>(query: string, variables?: Record<string, unknown>, identity?: Identity): Promise<GraphQLResponse<D>>;
  official(department: string): Identity;
  /** Runs SQL in the service's schema (fixtures and checks). */
  sql<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export const HARNESS_SIGNING_KEY = 'test-identity-signing-key-0123456789abcdef';

/** A real subgraph on a fresh database of the run's PostgreSQL, spoken to over real HTTP. */
export async function startServiceHarness<S extends { url: string; orm: MikroORM; close(): Promise<void> }>(
  prefix: string,
  start: (databaseUrl: string, identitySigningKey: string) => Promise<S>,
): Promise<ServiceHarness<S>> {
  const db = await createTestDatabase(prefix);
  const service = await start(db.url, HARNESS_SIGNING_KEY);
  return {
    service,
    query: (query, variables, identity) =>
      graphqlRequest(service.url, query, variables, identity ? { [IDENTITY_HEADER]: signIdentity(identity, HARNESS_SIGNING_KEY) } : {}),
    official: (department) => ({ kind: 'official', subject: `test-${department.toLowerCase()}`, department }),
    sql: (sql, params = []) => service.orm.em.fork().execute(sql, params as any[]) as Promise<any>,
    stop: async () => {
      await service.close();
      await db.drop();
    },
  };
}
export * from './subscriptions.js';
export * from './platform-process.js';
