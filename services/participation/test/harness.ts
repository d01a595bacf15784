/** The participation subgraph, real, on a fresh database (see startServiceHarness). */
import 'reflect-metadata';
import { type ServiceHarness, startServiceHarness } from '@articula/common/testing';
import { type ParticipationService, startParticipationService } from '../src/server.js';

export type ParticipationHarness = ServiceHarness<ParticipationService>;

export const startParticipationHarness = (options: { demo?: boolean; overdueCheckIntervalMs?: number | false } = {}): Promise<ParticipationHarness> =>
  startServiceHarness('participation_test', (databaseUrl, identitySigningKey) =>
    startParticipationService({
      databaseUrl, port: 0, identitySigningKey, demo: options.demo ?? true, exposeSqlStatementCount: true, overdueCheckIntervalMs: options.overdueCheckIntervalMs,
    }));

/** Peru's date, `days` from today. */
export const peruDate = (days = 0) => new Date(Date.now() - 5 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
