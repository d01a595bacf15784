/** Starts a real budget subgraph on a fresh database of the run's PostgreSQL, over real HTTP. */
import 'reflect-metadata';
import { type Identity, signIdentity } from '@articula/common';
import { type GraphQLResponse, createTestDatabase, graphqlRequest } from '@articula/common/testing';
import { type BudgetService, type BudgetServiceOptions, startBudgetService } from '../src/server.js';

export const SIGNING_KEY = 'test-identity-signing-key-0123456789abcdef';

export interface BudgetHarness {
  service: BudgetService;
  query<D = any>(query: string, variables?: Record<string, unknown>, identity?: Identity): Promise<GraphQLResponse<D>>;
  official(department: string): Identity;
  sql<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startBudgetHarness(demo: BudgetServiceOptions['demo'] = false): Promise<BudgetHarness> {
  const db = await createTestDatabase('budget_test');
  const service = await startBudgetService({ databaseUrl: db.url, port: 0, identitySigningKey: SIGNING_KEY, demo, exposeSqlStatementCount: true });
  return {
    service,
    query: (query, variables, identity) => graphqlRequest(service.url, query, variables, identity ? { 'x-articula-identity': signIdentity(identity, SIGNING_KEY) } : {}),
    official: (department) => ({ kind: 'official', subject: `test-${department.toLowerCase()}`, department }),
    sql: (sql, params = []) => service.orm.em.fork().execute(sql, params as any[]) as any,
    stop: async () => {
      await service.close();
      await db.drop();
    },
  };
}
