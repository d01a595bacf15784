/** The participation subgraph: what it owns and how it seeds; common's startSubgraph runs it (main.ts and tests). */
import { type StartedSubgraph, type SubgraphRuntimeOptions, startSubgraph, todayInPeru } from '@articula/common';
import { DEFAULT_DEADLINES } from './env.js';
import { entities, SCHEMA } from './entities.js';
import { type ParticipationConfig, type ParticipationContext, createLoaders } from './loaders.js';
import { migrations } from './migrations/index.js';
import { buildParticipationSchema } from './schema.js';
import { seed } from './seed/seed.js';

export interface ParticipationServiceOptions extends SubgraphRuntimeOptions {
  demo?: boolean;
  demoScale?: number;
  config?: Partial<ParticipationConfig>;
}

export interface ParticipationService extends StartedSubgraph {
  config: ParticipationConfig;
}

export async function startParticipationService(options: ParticipationServiceOptions): Promise<ParticipationService> {
  const config: ParticipationConfig = { triageDepartment: 'GPC', deadlineDays: { ...DEFAULT_DEADLINES }, ...options.config };
  const service = await startSubgraph<ParticipationContext>(
    {
      name: 'participation', schema: SCHEMA, entities, migrations, buildSchema: buildParticipationSchema,
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
  return { ...service, config };
}
