/** Starts a real works subgraph on a fresh database of the run's PostgreSQL, over real HTTP. */
import 'reflect-metadata';
import { type Identity, signIdentity } from '@articula/common';
import { type GraphQLResponse, type TestDatabase, createTestDatabase, graphqlRequest } from '@articula/common/testing';
import { type WorksService, startWorksService } from '../src/server.js';

export const SIGNING_KEY = 'test-identity-signing-key-0123456789abcdef';

export interface WorksHarness {
  service: WorksService;
  db: TestDatabase;
  /** Sends a query as anonymous, or as the given identity (signed like the gateway does). */
  query<D = any>(query: string, variables?: Record<string, unknown>, identity?: Identity): Promise<GraphQLResponse<D>>;
  asOfficial(department: string): Identity;
  sql<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startWorksHarness(options: { demo?: boolean } = {}): Promise<WorksHarness> {
  const db = await createTestDatabase('works_test');
  const service = await startWorksService({
    databaseUrl: db.url,
    port: 0,
    identitySigningKey: SIGNING_KEY,
    demo: options.demo ?? true,
    exposeSqlStatementCount: true,
  });
  return {
    service,
    db,
    query: (query, variables, identity) =>
      graphqlRequest(service.url, query, variables, identity ? { 'x-articula-identity': signIdentity(identity, SIGNING_KEY) } : {}),
    asOfficial: (department) => ({ kind: 'official', subject: `test-${department.toLowerCase()}`, department }),
    sql: (sql, params = []) => service.orm.em.fork().execute(sql, params as any[]) as any,
    stop: async () => {
      await service.close();
      await db.drop();
    },
  };
}
