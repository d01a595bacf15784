/** The works subgraph, real, on a fresh database (see startServiceHarness). */
import 'reflect-metadata';
import { type ServiceHarness, startServiceHarness } from '@articula/common/testing';
import { type WorksService, startWorksService } from '../src/server.js';

export type WorksHarness = ServiceHarness<WorksService>;

export const startWorksHarness = (options: { demo?: boolean } = {}): Promise<WorksHarness> =>
  startServiceHarness('works_test', (databaseUrl, identitySigningKey) =>
    startWorksService({ databaseUrl, port: 0, identitySigningKey, demo: options.demo ?? true, exposeSqlStatementCount: true }));
