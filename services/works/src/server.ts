/** The works subgraph: what it owns and how it seeds; common's startSubgraph runs it (main.ts and tests). */
import { type StartedSubgraph, type SubgraphRuntimeOptions, startSubgraph, todayInPeru } from '@articula/common';
import { entities, SCHEMA } from './entities.js';
import { createLoaders, type WorksContext } from './loaders.js';
import { migrations } from './migrations/index.js';
import { buildWorksSchema } from './schema.js';
import { seed } from './seed/seed.js';

export interface WorksServiceOptions extends SubgraphRuntimeOptions {
  /** Load the demo data into an empty database (the districts are always loaded). */
  demo?: boolean;
  demoScale?: number;
}

export type WorksService = StartedSubgraph;

export function startWorksService(options: WorksServiceOptions): Promise<WorksService> {
  return startSubgraph<WorksContext>(
    {
      name: 'works', schema: SCHEMA, entities, migrations, buildSchema: buildWorksSchema,
      seed: async (em) => {
        const seeded = await seed(em, { demo: options.demo ?? true, scale: options.demoScale });
        return seeded.districts || seeded.works ? { ...seeded } : undefined;
      },
      extendContext: (base) => {
        const today = todayInPeru();
        return { ...base, today, loaders: createLoaders(base.em, today) };
      },
    },
    options,
  );
}
