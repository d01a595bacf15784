/** The whole platform in this process for the gateway's tests: a fresh database, the three subgraphs (demo data) and the gateway. */
import 'reflect-metadata';
import { type TestDatabase, createTestDatabase } from '@articula/common/testing';
import { type BudgetService, startBudgetService } from '@articula/budget';
import { type ParticipationService, startParticipationService } from '@articula/participation';
import { type WorksService, startWorksService } from '@articula/works';
import { type GatewayOptions, type RunningGateway, startGateway } from '../src/server.js';

export const IDENTITY_KEY = 'gateway-test-identity-key-0123456789abcdef';
export const TOKEN_SECRET = 'gateway-test-token-secret-0123456789abcdef';

export interface Platform {
  db: TestDatabase;
  works: WorksService;
  participation: ParticipationService;
  budget: BudgetService;
  gateway: RunningGateway;
  /** Starts the works subgraph again (after a test stopped it), on the given port. */
  startWorks(port?: number): Promise<WorksService>;
  stop(): Promise<void>;
}

export async function startPlatform(prefix: string, options: { subgraphTimeoutMs?: number; gateway?: Partial<GatewayOptions> } = {}): Promise<Platform> {
  const db = await createTestDatabase(prefix);
  const startWorks = (port = 0) => startWorksService({ databaseUrl: db.url, port, identitySigningKey: IDENTITY_KEY });
  const works = await startWorks();
  const participation = await startParticipationService({ databaseUrl: db.url, port: 0, identitySigningKey: IDENTITY_KEY });
  const budget = await startBudgetService({ databaseUrl: db.url, port: 0, identitySigningKey: IDENTITY_KEY, demo: { worksUrl: works.url, participationUrl: participation.url } });
  const gateway = await startGateway({
    port: 0, subgraphUrls: { works: works.url, participation: participation.url, budget: budget.url }, tokenSecret: TOKEN_SECRET, identitySigningKey: IDENTITY_KEY, databaseUrl: db.url,
    subgraphTimeoutMs: options.subgraphTimeoutMs, ...options.gateway,
  });
  const platform: Platform = {
    db, works, participation, budget, gateway, startWorks,
    stop: async () => {
      await platform.gateway.close();
      await platform.budget.close();
      await platform.participation.close();
      await platform.works.close();
      await db.drop();
    },
  };
  return platform;
}
