/** Starts a real participation subgraph on a fresh database of the run's PostgreSQL, over real HTTP. */
import 'reflect-metadata';
import { type Identity, signIdentity } from '@articula/common';
import { type GraphQLResponse, type TestDatabase, createTestDatabase, graphqlRequest } from '@articula/common/testing';
import { type ParticipationService, startParticipationService } from '../src/server.js';

export const SIGNING_KEY = 'test-identity-signing-key-0123456789abcdef';

export interface ParticipationHarness {
  service: ParticipationService;
  query<D = any>(query: string, variables?: Record<string, unknown>, identity?: Identity): Promise<GraphQLResponse<D>>;
  official(department: string): Identity;
  sql<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startParticipationHarness(options: { demo?: boolean } = {}): Promise<ParticipationHarness> {
  const db: TestDatabase = await createTestDatabase('participation_test');
  const service = await startParticipationService({ databaseUrl: db.url, port: 0, identitySigningKey: SIGNING_KEY, demo: options.demo ?? true, exposeSqlStatementCount: true });
  return {
    service,
    query: (query, variables, identity) =>
      graphqlRequest(service.url, query, variables, identity ? { 'x-articula-identity': signIdentity(identity, SIGNING_KEY) } : {}),
    official: (department) => ({ kind: 'official', subject: `test-${department.toLowerCase()}`, department }),
    sql: (sql, params = []) => service.orm.em.fork().execute(sql, params as any[]) as any,
    stop: async () => {
      await service.close();
      await db.drop();
    },
  };
}

/** Peru's date, `days` from today. */
export const peruDate = (days = 0) => new Date(Date.now() - 5 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
