/** The budget subgraph, real, on a fresh database (see startServiceHarness). */
import 'reflect-metadata';
import { type ServiceHarness, startServiceHarness } from '@articula/common/testing';
import { type BudgetService, type BudgetServiceOptions, startBudgetService } from '../src/server.js';

export type BudgetHarness = ServiceHarness<BudgetService>;

export const startBudgetHarness = (demo: BudgetServiceOptions['demo'] = false): Promise<BudgetHarness> =>
  startServiceHarness('budget_test', (databaseUrl, identitySigningKey) =>
    startBudgetService({ databaseUrl, port: 0, identitySigningKey, demo, exposeSqlStatementCount: true }));
