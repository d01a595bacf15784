/**
 * Test harness shared by every package: a fresh database per test file on the run's PostgreSQL,
 * and a small GraphQL-over-HTTP client. Real servers, real sockets, no mocks.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { IDENTITY_HEADER, type Identity, signIdentity } from '../identity.js';
import { type MikroORM, createOrm } from '../orm.js';

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
  /** Runs SQL in the service's schema as the database's administrator (fixtures, DDL and checks that the service's own role may not do). */
  sql<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The administrator's URL of the test database (the service connects with its own role). */
  databaseUrl: string;
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
  const admin = await createOrm({
    url: db.url, schema: service.orm.config.get('schema') as string, entities: service.orm.config.get('entities') as Function[], migrations: [], poolMax: 2,
  });
  return {
    databaseUrl: db.url,
    service,
    query: (query, variables, identity) =>
      graphqlRequest(service.url, query, variables, identity ? { [IDENTITY_HEADER]: signIdentity(identity, HARNESS_SIGNING_KEY) } : {}),
    official: (department) => ({ kind: 'official', subject: `test-${department.toLowerCase()}`, department }),
    sql: (sql, params = []) => admin.em.fork().execute(sql, params as any[]) as Promise<any>,
    stop: async () => {
      await service.close();
      await admin.close();
      await db.drop();
    },
  };
}

/** A row of a service's audit_log, as the tests read it. */
export interface AuditRow {
  id: number;
  operation: string;
  actor_kind: string;
  actor_department: string | null;
  actor_user: string | null;
  actor_agency: string | null;
  actor_key_prefix: string | null;
  request_id: string | null;
  entity_type: string;
  entity_id: string | null;
  summary: Record<string, unknown>;
}

/** Runs a call and returns what it answered with the audit rows it left (read as the administrator). */
export async function withAuditRows<T>(h: Pick<ServiceHarness<unknown>, 'sql'>, call: () => Promise<T>): Promise<{ result: T; rows: AuditRow[] }> {
  const [{ last }] = await h.sql<{ last: string }>('select coalesce(max(id), 0)::text as last from audit_log');
  const result = await call();
  const rows = await h.sql<AuditRow>('select id::int as id, operation, actor_kind, actor_department, actor_user, actor_agency, actor_key_prefix, request_id, entity_type, entity_id, summary from audit_log where id > ?::bigint order by id', [last]);
  return { result, rows };
}

/** Runs SQL on a client and answers 'ok' or the SQLSTATE it failed with ('42501': permission denied). */
export async function sqlOutcome(client: pg.Client, sql: string, params: unknown[] = []): Promise<string> {
  try {
    await client.query(sql, params);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/** What this process writes to stderr while `action` runs (the JSON logs of services running in it), still passed through. */
export async function capturingStderr<T>(action: () => Promise<T>): Promise<{ result: T; text: string }> {
  const written: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: any, ...rest: any[]) => {
    written.push(String(chunk));
    return original(chunk, ...rest);
  }) as typeof process.stderr.write;
  try {
    const result = await action();
    return { result, text: written.join('') };
  } finally {
    process.stderr.write = original;
  }
}

/** Parses RFC 4180 CSV (quoted fields may hold commas, quotes doubled, line breaks): the rows, header included. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

export * from './subscriptions.js';
export * from './platform-process.js';
