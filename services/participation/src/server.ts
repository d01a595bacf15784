/** The participation subgraph: what it owns and how it seeds; common's startSubgraph runs it (main.ts and tests). */
import { type EntityManager, type StartedSubgraph, type SubgraphRuntimeOptions, createLogger, startSubgraph, todayInPeru } from '@articula/common';
import { DEFAULT_DEADLINES } from './env.js';
import { entities, SCHEMA } from './entities.js';
import { type ParticipationConfig, type ParticipationContext, createLoaders } from './loaders.js';
import { migrations } from './migrations/index.js';
import { type OverdueRoundOptions, announceOverdueAgreements, startOverdueTicker } from './modules/agreement/overdue.js';
import { buildParticipationSchema } from './schema.js';
import { seed } from './seed/seed.js';

/** How often the service looks for agreements that fell overdue, unless configured. */
export const DEFAULT_OVERDUE_CHECK_MS = 60_000;

export interface ParticipationServiceOptions extends SubgraphRuntimeOptions {
  demo?: boolean;
  demoScale?: number;
  config?: Partial<ParticipationConfig>;
  /** Milliseconds between rounds of the overdue ticker (one also runs at start); false: no ticker (tests drive it). */
  overdueCheckIntervalMs?: number | false;
}

export interface ParticipationService extends StartedSubgraph {
  config: ParticipationConfig;
  /** One round of the overdue ticker: claims and announces newly overdue agreements; returns how many. */
  announceOverdueAgreements(options?: OverdueRoundOptions): Promise<number>;
}

export async function startParticipationService(options: ParticipationServiceOptions): Promise<ParticipationService> {
  const config: ParticipationConfig = { triageDepartment: 'GPC', deadlineDays: { ...DEFAULT_DEADLINES }, ...options.config };
  const service = await startSubgraph<ParticipationContext>(
    {
      name: 'participation', schema: SCHEMA, entities, migrations, buildSchema: buildParticipationSchema,
      // The change history: the service's role may read and append to it, never rewrite it.
      insertOnlyTables: ['change_log', 'request_event', 'agreement_follow_up'],
      seed: async (em) => {
        const seeded = await seed(em, { demo: options.demo ?? true, scale: options.demoScale, config });
        return seeded.organizations ? { ...seeded } : undefined;
      },
      extendContext: (base) => {
        const today = todayInPeru();
        return { ...base, today, config, loaders: createLoaders(base.em, today) };
      },
    },
    options,
  );
  const interval = options.overdueCheckIntervalMs ?? DEFAULT_OVERDUE_CHECK_MS;
  const ticker = interval === false
    ? undefined
    : startOverdueTicker(service.orm, { intervalMs: interval, logger: createLogger({ service: 'participation', component: 'overdue' }) });
  return {
    ...service,
    config,
    announceOverdueAgreements: (round) => announceOverdueAgreements(service.orm.em.fork() as EntityManager, round),
    close: async () => {
      // The ticker's round uses the ORM: it ends before the service closes the ORM.
      await ticker?.stop();
      await service.close();
    },
  };
}
